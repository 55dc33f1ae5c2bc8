//! The lab's memory across reloads: each model's trained weights and its run (curves, settings) in
//! IndexedDB, one record per model. IndexedDB, not localStorage: the seed model's weights are 6 MB.
//!
//! A write counts as saved when its transaction commits, not when its request succeeds: a full
//! disk (quota) is reported only at commit, by aborting the transaction.

use crate::lab::status::SaveProblem;
use js_sys::{Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbRequest, IdbTransaction, IdbTransactionMode};

const DB: &str = "convlab";
const STORE: &str = "runs";

fn js_err(e: JsValue) -> String {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| d.message())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "IndexedDB error".into())
}

/// A promise for an IndexedDB request's result.
fn settle(req: &IdbRequest) -> Promise {
    let req = req.clone();
    Promise::new(&mut |resolve: Function, reject: Function| {
        let r = req.clone();
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call1(&JsValue::NULL, &r.result().unwrap_or(JsValue::UNDEFINED));
        });
        let r = req.clone();
        let err = Closure::once_into_js(move || {
            let e = r
                .error()
                .ok()
                .flatten()
                .map(JsValue::from)
                .unwrap_or_else(|| "IndexedDB request failed".into());
            let _ = reject.call1(&JsValue::NULL, &e);
        });
        req.set_onsuccess(Some(ok.unchecked_ref()));
        req.set_onerror(Some(err.unchecked_ref()));
    })
}

async fn open() -> Result<IdbDatabase, String> {
    let factory = web_sys::window()
        .ok_or("no window")?
        .indexed_db()
        .map_err(js_err)?
        .ok_or("IndexedDB is not available")?;
    let req = factory.open_with_u32(DB, 1).map_err(js_err)?;
    let upgrade = Closure::once_into_js({
        let req = req.clone();
        move || {
            if let Ok(db) = req.result().and_then(|d| d.dyn_into::<IdbDatabase>()) {
                if !db.object_store_names().contains(STORE) {
                    let _ = db.create_object_store(STORE);
                }
            }
        }
    });
    req.set_onupgradeneeded(Some(upgrade.unchecked_ref()));
    let db = JsFuture::from(settle(&req)).await.map_err(js_err)?;
    db.dyn_into().map_err(|_| "IndexedDB did not open".into())
}

fn store(db: &IdbDatabase, mode: IdbTransactionMode) -> Result<web_sys::IdbObjectStore, String> {
    db.transaction_with_str_and_mode(STORE, mode)
        .and_then(|t| t.object_store(STORE))
        .map_err(js_err)
}

/// A promise that resolves when `tx` commits and rejects with its error when it aborts.
fn committed(tx: &IdbTransaction) -> Promise {
    let tx = tx.clone();
    Promise::new(&mut |resolve: Function, reject: Function| {
        let done = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let t = tx.clone();
        let failed = Closure::<dyn FnMut()>::new(move || {
            let e = t
                .error()
                .map(JsValue::from)
                .unwrap_or_else(|| "the transaction was aborted".into());
            let _ = reject.call1(&JsValue::NULL, &e);
        })
        .into_js_value();
        tx.set_oncomplete(Some(done.unchecked_ref()));
        tx.set_onabort(Some(failed.unchecked_ref()));
        tx.set_onerror(Some(failed.unchecked_ref()));
    })
}

/// Why a write did not happen, from the browser's exception.
fn save_problem(e: JsValue) -> SaveProblem {
    let name = e.dyn_ref::<web_sys::DomException>().map(|d| d.name());
    match name.as_deref() {
        Some("QuotaExceededError") => SaveProblem::Full,
        Some("SecurityError" | "InvalidStateError" | "NotAllowedError" | "UnknownError") => {
            SaveProblem::Refused
        }
        _ => SaveProblem::Other(js_err(e)),
    }
}

/// What a write does.
enum Change<'a> {
    Put(&'a str, &'a JsValue),
    Delete(&'a str),
    /// Every record: all saved runs and the list of trained networks.
    Clear,
}

/// Make `change` and wait for the commit.
async fn write(change: Change<'_>) -> Result<(), SaveProblem> {
    let db = open().await.map_err(|_| SaveProblem::Refused)?;
    let tx = db
        .transaction_with_str_and_mode(STORE, IdbTransactionMode::Readwrite)
        .map_err(save_problem)?;
    let store = tx.object_store(STORE).map_err(save_problem)?;
    match change {
        Change::Put(key, v) => store.put_with_key(v, &key.into()).map(|_| ()),
        Change::Delete(key) => store.delete(&key.into()).map(|_| ()),
        Change::Clear => store.clear().map(|_| ()),
    }
    .map_err(save_problem)?;
    JsFuture::from(committed(&tx)).await.map_err(save_problem)?;
    Ok(())
}

/// Save (replace) `key`'s record; `Ok` once it is on disk. The first save of the learner's own
/// work also asks the browser to keep this site's storage (`navigator.storage.persist()`), so it
/// is not cleared when space runs short.
pub async fn save(key: &str, meta: &str, weights: &[u8]) -> Result<(), SaveProblem> {
    let value = Object::new();
    let _ = Reflect::set(&value, &"meta".into(), &meta.into());
    let _ = Reflect::set(
        &value,
        &"weights".into(),
        &Uint8Array::from(weights).buffer(),
    );
    write(Change::Put(key, &value)).await?;
    super::storage::ask_to_keep();
    Ok(())
}

/// `key`'s record as (meta, weights), if any.
pub async fn load(key: &str) -> Result<Option<(String, Vec<u8>)>, String> {
    let db = open().await?;
    let req = store(&db, IdbTransactionMode::Readonly)?
        .get(&key.into())
        .map_err(js_err)?;
    let value = JsFuture::from(settle(&req)).await.map_err(js_err)?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let meta = Reflect::get(&value, &"meta".into())
        .ok()
        .and_then(|m| m.as_string())
        .ok_or("saved run without settings")?;
    let weights = Reflect::get(&value, &"weights".into()).map_err(js_err)?;
    Ok(Some((meta, Uint8Array::new(&weights).to_vec())))
}

pub async fn delete(key: &str) -> Result<(), SaveProblem> {
    write(Change::Delete(key)).await
}

/// Deletes every saved run and the list of trained networks.
pub async fn clear() -> Result<(), SaveProblem> {
    write(Change::Clear).await
}

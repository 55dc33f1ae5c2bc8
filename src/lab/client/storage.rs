//! This site's storage as the browser sees it (`navigator.storage`): how much is used and allowed,
//! and asking, once per page, that the browser keep it until the learner deletes it.

use leptos::task::spawn_local;
use std::cell::Cell;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{StorageEstimate, StorageManager};

thread_local! {
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

fn manager() -> Option<StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Absent in insecure contexts and old browsers.
    js_sys::Reflect::get(&navigator, &"storage".into())
        .ok()
        .filter(|s| !s.is_undefined())?;
    Some(navigator.storage())
}

/// Asks the browser, once per page, to keep this site's storage until the learner deletes it.
pub fn ask_to_keep() {
    if ASKED.with(|a| a.replace(true)) {
        return;
    }
    if let Some(p) = manager().and_then(|m| m.persist().ok()) {
        spawn_local(async move {
            let _ = JsFuture::from(p).await;
        });
    }
}

/// (bytes used, bytes allowed, kept until deleted), when the browser says.
pub async fn estimate() -> Option<(f64, f64, bool)> {
    let m = manager()?;
    let e: StorageEstimate = JsFuture::from(m.estimate().ok()?)
        .await
        .ok()?
        .unchecked_into();
    let kept = match m.persisted() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    };
    Some((e.get_usage()?, e.get_quota()?, kept))
}

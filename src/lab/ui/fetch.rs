//! Fetching MNIST for the lab with a progress report (weights and sample digits use
//! `widgets::fetch::fetch_bytes`). MNIST (11.4 MB gzip'd) is kept in the browser's Cache Storage after the first visit, so a reload or
//! a second training run does not download it again.

use crate::lab::mnist_files::FILES;
use crate::widgets::fetch::{fetch_response, js_err};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Cache, ReadableStreamDefaultReader, Response};

/// Bump when the files change, so old copies are not used.
const MNIST_CACHE: &str = "convlab-mnist-v1";

async fn open_cache() -> Option<Cache> {
    let caches = web_sys::window()?.caches().ok()?;
    JsFuture::from(caches.open(MNIST_CACHE))
        .await
        .ok()
        .map(|c| c.unchecked_into())
}

/// From the cache when there, else from the network (and then into the cache).
async fn cached_response(cache: Option<&Cache>, url: &str) -> Result<Response, String> {
    if let Some(cache) = cache {
        if let Ok(hit) = JsFuture::from(cache.match_with_str(url)).await {
            if let Ok(resp) = hit.dyn_into::<Response>() {
                return Ok(resp);
            }
        }
    }
    let resp = fetch_response(url).await?;
    if let (Some(cache), Ok(copy)) = (cache, resp.clone()) {
        // A full or refused cache only costs a download next time.
        let _ = JsFuture::from(cache.put_with_str(url, &copy)).await;
    }
    Ok(resp)
}

/// The four gzip'd MNIST files, reporting `(bytes so far, total bytes or 0 if unknown)` as they arrive.
pub async fn fetch_mnist(on_progress: impl Fn(f64, f64)) -> Result<Vec<Vec<u8>>, String> {
    let cache = open_cache().await;
    let mut responses = Vec::new();
    for name in FILES {
        responses.push(cached_response(cache.as_ref(), &format!("mnist/{name}")).await?);
    }
    let total: f64 = responses
        .iter()
        .map(|r| {
            r.headers()
                .get("content-length")
                .ok()
                .flatten()
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        })
        .sum();
    let mut loaded = 0.0;
    let mut files = Vec::new();
    for resp in responses {
        let body = resp.body().ok_or("an MNIST file has no body")?;
        let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
        let mut bytes = Vec::new();
        loop {
            let chunk = JsFuture::from(reader.read()).await.map_err(js_err)?;
            if Reflect::get(&chunk, &"done".into())
                .ok()
                .and_then(|d| d.as_bool())
                .unwrap_or(true)
            {
                break;
            }
            let value: Uint8Array = Reflect::get(&chunk, &"value".into())
                .map_err(js_err)?
                .unchecked_into();
            loaded += value.length() as f64;
            bytes.extend(value.to_vec());
            on_progress(loaded, total);
        }
        files.push(bytes);
    }
    Ok(files)
}

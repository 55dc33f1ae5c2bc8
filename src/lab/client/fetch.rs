//! Fetching MNIST for the lab with a real byte-by-byte progress report (weights and sample digits
//! use `widgets::fetch::fetch_bytes`). MNIST (11.4 MB gzip'd) is kept in the browser's Cache
//! Storage after the first visit, so a reload or a second training run does not download it again.
//!
//! The body is read here, chunk by chunk, and only then stored: `cache.put` on a clone of the
//! response would read the whole body before it resolves, and the progress bar would stand still
//! until everything had arrived.

use crate::i18n::fetch::FetchProblem;
use crate::lab::mnist_files::FILES;
use crate::widgets::fetch::fetch_response;
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

/// From the cache when there (`true`), else from the network.
async fn response(cache: Option<&Cache>, url: &str) -> Result<(Response, bool), FetchProblem> {
    if let Some(cache) = cache {
        if let Ok(hit) = JsFuture::from(cache.match_with_str(url)).await {
            if let Ok(resp) = hit.dyn_into::<Response>() {
                return Ok((resp, true));
            }
        }
    }
    Ok((fetch_response(url).await?, false))
}

fn content_length(r: &Response) -> f64 {
    r.headers()
        .get("content-length")
        .ok()
        .flatten()
        .and_then(|v| v.parse::<f64>().ok())
        .unwrap_or(0.0)
}

/// Read `resp`'s body, calling `on_chunk(bytes)` as each piece arrives.
async fn read_body(
    resp: &Response,
    url: &str,
    on_chunk: impl Fn(f64),
) -> Result<Vec<u8>, FetchProblem> {
    let broke = || FetchProblem::Interrupted { file: url.into() };
    let body = resp.body().ok_or_else(broke)?;
    let reader: ReadableStreamDefaultReader = body.get_reader().unchecked_into();
    let mut bytes = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| broke())?;
        let done = Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(bytes);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(|_| broke())?
            .unchecked_into();
        bytes.extend(value.to_vec());
        on_chunk(value.length() as f64);
    }
}

/// Keep a downloaded file for next time; a full or refused cache only costs a download then.
async fn keep(cache: &Cache, url: &str, bytes: &mut [u8]) {
    let init = web_sys::ResponseInit::new();
    let headers = web_sys::Headers::new().ok();
    if let Some(h) = &headers {
        let _ = h.set("content-length", &bytes.len().to_string());
        init.set_headers(h);
    }
    if let Ok(copy) = Response::new_with_opt_u8_array_and_init(Some(bytes), &init) {
        let _ = JsFuture::from(cache.put_with_str(url, &copy)).await;
    }
}

/// The four gzip'd MNIST files, reporting `(bytes so far, total bytes or 0 if unknown)` as they arrive.
pub async fn fetch_mnist(on_progress: impl Fn(f64, f64)) -> Result<Vec<Vec<u8>>, FetchProblem> {
    let cache = open_cache().await;
    // All four requests first (headers only), so the total is known before the bodies come in.
    let mut responses = Vec::new();
    for name in FILES {
        let url = format!("mnist/{name}");
        let (resp, cached) = response(cache.as_ref(), &url).await?;
        responses.push((url, resp, cached));
    }
    let total: f64 = responses.iter().map(|(_, r, _)| content_length(r)).sum();
    let loaded = std::cell::Cell::new(0.0);
    let mut files = Vec::new();
    for (url, resp, cached) in responses {
        let mut bytes = read_body(&resp, &url, |n| {
            loaded.set(loaded.get() + n);
            on_progress(loaded.get(), total);
        })
        .await?;
        if let (Some(cache), false) = (&cache, cached) {
            keep(cache, &url, &mut bytes).await;
        }
        files.push(bytes);
    }
    Ok(files)
}

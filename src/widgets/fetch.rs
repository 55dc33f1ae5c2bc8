//! Fetching files shipped with the page (weights, sample digits, MNIST) as bytes, with typed
//! failures (`FetchProblem`) the page words in the learner's language.

use crate::i18n::fetch::FetchProblem;
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::Response;

pub fn js_err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{e:?}"))
}

/// The answer for `url` once its headers are in (the body may still be arriving).
pub async fn fetch_response(url: &str) -> Result<Response, FetchProblem> {
    let window = web_sys::window().ok_or(FetchProblem::Other("no window".into()))?;
    // A rejected fetch is always a network failure (offline, refused, DNS): the browser says
    // only "Failed to fetch", so the message says what that means.
    let resp: Response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| FetchProblem::Unreachable { file: url.into() })?
        .unchecked_into();
    if !resp.ok() {
        return Err(FetchProblem::Status {
            file: url.into(),
            status: resp.status(),
        });
    }
    Ok(resp)
}

/// The whole body of `url`.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, FetchProblem> {
    let resp = fetch_response(url).await?;
    let interrupted = |_| FetchProblem::Interrupted { file: url.into() };
    let buf = JsFuture::from(resp.array_buffer().map_err(interrupted)?)
        .await
        .map_err(interrupted)?;
    Ok(Uint8Array::new(&buf).to_vec())
}

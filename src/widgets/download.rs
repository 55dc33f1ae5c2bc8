//! Save bytes as a file the learner downloads (exported weights).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Offer `bytes` as a download named `name`; `None` if the browser refused a step.
pub fn download(bytes: &[u8], name: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoking at once can cancel the download in some browsers; a minute later it is long done.
    set_timeout(
        move || drop(web_sys::Url::revoke_object_url(&url)),
        std::time::Duration::from_secs(60),
    );
    Some(())
}

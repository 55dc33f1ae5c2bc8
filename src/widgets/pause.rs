//! Waiting without blocking: the page goes on meanwhile (paints, handles input).

/// Wait `ms` milliseconds; 0 lets everything already queued run first.
pub async fn pause(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = leptos::prelude::window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

//! Reading the file a learner chose in an `<input type="file">`: its name and bytes, then the
//! input is emptied so choosing the same file again fires once more.

use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// Call `then(name, bytes)` with the chosen file (`None` bytes when it could not be read).
/// Does nothing when no file was chosen.
pub fn read_chosen_file(
    ev: &leptos::ev::Event,
    then: impl FnOnce(String, Option<Vec<u8>>) + 'static,
) {
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    input.set_value("");
    let name = file.name();
    spawn_local(async move {
        let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
            .await
            .ok()
            .map(|b| js_sys::Uint8Array::new(&b).to_vec());
        then(name, bytes);
    });
}

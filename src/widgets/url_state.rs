//! Lesson settings in the URL's query string, so a teacher can share an exact set-up. Written with
//! `history.replaceState`, so changing a slider neither adds history entries nor re-routes.

use leptos::prelude::window;

/// The raw value of `name` in the current query string (commas and spaces decoded).
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let prefix = format!("{name}=");
    search.trim_start_matches('?').split('&').find_map(|p| p.strip_prefix(&prefix).map(|v| v.replace("%2C", ",").replace("%20", " ")))
}

/// Replace the query string (`query` starts with `?`), keeping the path.
pub fn replace_query(query: &str) {
    if let Ok(history) = window().history() {
        // A refused replaceState (e.g. a sandboxed frame) only loses the shareable URL, nothing else.
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(query));
    }
}

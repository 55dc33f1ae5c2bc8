//! Lesson settings in the URL's query string, so a teacher can share an exact set-up. Written with
//! `history.replaceState`, so changing a slider neither adds history entries nor re-routes.

use leptos::prelude::window;

/// The raw value of `name` in the current query string (commas and spaces decoded).
pub fn query_param(name: &str) -> Option<String> {
    let search = window().location().search().ok()?;
    let prefix = format!("{name}=");
    search.trim_start_matches('?').split('&').find_map(|p| {
        p.strip_prefix(&prefix)
            .map(|v| v.replace("%2C", ",").replace("%20", " "))
    })
}

/// Replace the query string (`query` starts with `?`), keeping the path. The URL is written whole:
/// a bare "?…" would resolve against the page's `<base href>`, not the current path.
pub fn replace_query(query: &str) {
    let path = window().location().pathname().unwrap_or_default();
    if let Ok(history) = window().history() {
        // A refused replaceState (e.g. a sandboxed frame) only loses the shareable URL, nothing else.
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{query}")),
        );
    }
}

/// Set `pairs` in the query string, keeping every other parameter (two parts of one lesson can each
/// keep their own settings in the URL).
pub fn set_query_params(pairs: &[(&str, String)]) {
    let search = window().location().search().unwrap_or_default();
    let mut params: Vec<(String, String)> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            p.split_once('=')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .filter(|(k, _)| !pairs.iter().any(|(n, _)| n == k))
        .collect();
    params.extend(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.replace(',', "%2C").replace(' ', "%20"))),
    );
    let query: Vec<String> = params
        .into_iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    replace_query(&format!("?{}", query.join("&")));
}

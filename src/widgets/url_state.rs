//! Lesson settings in the URL's query string, so a teacher can share an exact set-up. Read from and
//! written through leptos_router (its query map sees every change; values are percent-encoded both
//! ways), replacing the history entry so moving a slider adds no "back" steps and never scrolls.
//!
//! Why not `query_signal_with_options`: it navigates to the current path *resolved against the
//! router's base*, which doubles the base when the site lives under a sub-path (`/convlab/convlab/…`),
//! and it sets one key per navigation where a lesson part writes several at once.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// The decoded value of `name` in the current query string.
pub fn query_param(name: &str) -> Option<String> {
    use_location().query.with_untracked(|q| q.get(name))
}

/// Set `pairs` in the query string, keeping every other parameter (two parts of one lesson can each
/// keep their own settings in the URL) and the path.
pub fn set_query_params(pairs: &[(&str, String)]) {
    let location = use_location();
    let mut query = location.query.get_untracked();
    for (key, value) in pairs {
        query.replace(key.to_string(), value.clone());
    }
    let url = format!(
        "{}{}{}",
        location.pathname.get_untracked(),
        query.to_query_string(),
        location.hash.get_untracked()
    );
    let options = NavigateOptions {
        // The path is the browser's own, base included: use it as it is.
        resolve: false,
        replace: true,
        scroll: false,
        ..Default::default()
    };
    use_navigate()(&url, options);
}

//! Lesson settings in the URL's query string, so a teacher can share an exact set-up. Read from and
//! written through leptos_router (its query map sees every change; values are percent-encoded both
//! ways), replacing the history entry so moving a slider adds no "back" steps and never scrolls.
//! The writes of one turn of the event loop go out together.
//!
//! Why not `query_signal_with_options`: it navigates to the current path *resolved against the
//! router's base*, which doubles the base when the site lives under a sub-path (`/convlab/convlab/…`),
//! and it sets one key per navigation where a lesson part writes several at once.

use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;
use std::cell::RefCell;

/// The decoded value of `name` in the current query string.
pub fn query_param(name: &str) -> Option<String> {
    use_location().query.with_untracked(|q| q.get(name))
}

/// Set `pairs` in the query string, keeping every other parameter (two parts of one lesson can each
/// keep their own settings in the URL) and the path.
pub fn set_query_params(pairs: &[(&str, String)]) {
    let pairs: Vec<(&str, Option<String>)> =
        pairs.iter().map(|(k, v)| (*k, Some(v.clone()))).collect();
    set_query_options(&pairs);
}

thread_local! {
    /// Keys set during this turn of the event loop, written as one navigation when it ends. The
    /// router completes a navigation later (once its route is matched), so two writes in one turn
    /// (a lesson's settings and the shell's language, as a page mounts) would each start from the
    /// old query, and the second would drop the first's keys.
    static PENDING: RefCell<Vec<(String, Option<String>)>> = const { RefCell::new(Vec::new()) };
}

/// As `set_query_params`, where `None` takes the key out of the address.
pub fn set_query_options(pairs: &[(&str, Option<String>)]) {
    let first = PENDING.with_borrow_mut(|pending| {
        let first = pending.is_empty();
        for (key, value) in pairs {
            pending.retain(|(k, _)| k != key);
            pending.push((key.to_string(), value.clone()));
        }
        first
    });
    if first {
        let (location, navigate) = (use_location(), use_navigate());
        set_timeout(
            move || {
                let pairs = PENDING.with_borrow_mut(std::mem::take);
                write_when_settled(location, navigate, pairs, 0);
            },
            std::time::Duration::ZERO,
        );
    }
}

/// A page writes its settings as it mounts, which, after a link is followed, is before the router
/// has pushed the new address: a replace then would take the place of that push, and Back would
/// skip the page the learner came from. So wait (a few turns of the event loop at most) until the
/// browser's address is the router's.
fn write_when_settled<N>(
    location: leptos_router::location::Location,
    navigate: N,
    pairs: Vec<(String, Option<String>)>,
    tries: u32,
) where
    N: Fn(&str, NavigateOptions) + Clone + 'static,
{
    let path = location.pathname.get_untracked();
    let settled = window().location().pathname().ok().as_deref() == Some(path.as_str());
    if !settled && tries < 50 {
        set_timeout(
            move || write_when_settled(location, navigate, pairs, tries + 1),
            std::time::Duration::ZERO,
        );
        return;
    }
    let mut query = location.query.get_untracked();
    for (key, value) in pairs {
        match value {
            Some(v) => query.replace(key, v),
            None => {
                query.remove(&key);
            }
        }
    }
    let url = format!(
        "{}{}{}",
        path,
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
    navigate(&url, options);
}

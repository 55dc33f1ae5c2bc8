//! Paths inside the site. The site may live at a host's root or under a sub-path (Trunk's
//! `--public-url`, written into `<base href>`). leptos_router's `<A>` leaves an absolute href such
//! as "/lab" as it is, ignoring the router's base, so every in-site link is written
//! `site_href("/lab")`, which puts the base in front.

use leptos::prelude::document;

thread_local! {
    static BASE: String = {
        let base = document().base_uri().ok().flatten().unwrap_or_default();
        let path = web_sys::Url::new(&base).map(|u| u.pathname()).unwrap_or_default();
        path.trim_end_matches('/').to_string()
    };
}

/// The base path without its trailing slash: "" at a host's root, "/convlab" under `/convlab/`.
pub fn base_path() -> String {
    BASE.with(Clone::clone)
}

/// `path` (starting with "/") inside the site.
pub fn site_href(path: &str) -> String {
    format!("{}{path}", base_path())
}

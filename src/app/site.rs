//! How the site is served: tidy URLs for the per-route entry pages, and the "new version ready"
//! notice from the service worker (`site/sw-register.js`).

use crate::i18n::shell::{UPDATE_READY, UPDATE_READY_TRAINING, UPDATE_RELOAD};
use crate::lang::tr;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// A plain static host answers `/lab` with a redirect to `/lab/` (the route's entry page, see
/// `scripts/site-post-build.mjs`); show the route's own address `/lab` again before routing.
pub fn drop_trailing_slash(base: &str) {
    let location = window().location();
    let path = location.pathname().unwrap_or_default();
    if path.len() > base.len() + 1 && path.ends_with('/') {
        let tidy = format!(
            "{}{}{}",
            path.trim_end_matches('/'),
            location.search().unwrap_or_default(),
            location.hash().unwrap_or_default()
        );
        if let Ok(history) = window().history() {
            // Refused only in odd frames; the router then sees the slash and still matches.
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&tidy));
        }
    }
}

fn global(name: &str) -> JsValue {
    js_sys::Reflect::get(&window(), &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// A notice with a Reload button once a new build is installed and waiting.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let ready = RwSignal::new(global("convlabUpdateReady").as_bool().unwrap_or(false));
    let handle = window_event_listener_untyped("convlab-update-ready", move |_| ready.set(true));
    on_cleanup(move || handle.remove());
    let reload = move |_| match global("convlabApplyUpdate").dyn_into::<js_sys::Function>() {
        Ok(apply) => {
            let _ = apply.call0(&JsValue::NULL);
        }
        Err(_) => {
            let _ = window().location().reload();
        }
    };
    // An update never interrupts a run: the notice waits for it, saying so.
    let training = crate::lab::training_now();
    let text = move || {
        if training.get() {
            UPDATE_READY_TRAINING
        } else {
            UPDATE_READY
        }
    };
    let lang = crate::lang::use_lang();
    view! {
        <Show when=move || ready.get()>
            <div class="update-notice" id="update-notice" role="status">
                <span>{move || text().get(lang.get())}</span>
                <button type="button" on:click=reload>{tr(UPDATE_RELOAD)}</button>
            </div>
        </Show>
    }
}

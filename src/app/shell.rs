//! Header with the language switch, the section navigation and the footer.

use crate::i18n::sections::SECTIONS;
use crate::i18n::shell::*;
use crate::i18n::Lang;
use crate::lang::{tr, use_lang};
use crate::widgets::site_path::site_href;
use crate::widgets::url_state::set_query_params;
use leptos::prelude::*;
use leptos_router::components::A;
use wasm_bindgen::JsCast;

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <A href=site_href("/") attr:class="brand">
                <span class="brand-name">{APP_NAME}</span>
                <span class="brand-tagline">{tr(TAGLINE)}</span>
            </A>
            <crate::lab::TrainingBadge/>
            <LangSwitch/>
        </header>
    }
}

/// Two buttons, 中文 and English, each labelled in its own language; the current one is pressed.
#[component]
fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let button = move |target: Lang, label: &'static str, code: &'static str| {
        view! {
            <button
                type="button"
                lang=code
                class="lang-button"
                aria-pressed=move || if lang.get() == target { "true" } else { "false" }
                on:click=move |_| lang.set(target)
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="lang-switch" role="group" aria-label=move || tr(LANG_SWITCH_LABEL)()>
            <span class="lang-label" aria-hidden="true">{tr(LANG_SWITCH_LABEL)}</span>
            {button(Lang::Zh, "中文", "zh-CN")}
            {button(Lang::En, "English", "en")}
        </div>
    }
}

/// On a narrow screen the menu is one line that scrolls sideways: bring the current section's link
/// into it (the line only, never the page).
fn show_current_link(list: &web_sys::HtmlElement) {
    let current = list
        .query_selector("a[aria-current=\"page\"]")
        .ok()
        .flatten()
        .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(a) = current {
        let (left, width) = (a.offset_left(), a.offset_width());
        let (scroll, visible) = (list.scroll_left(), list.client_width());
        if left < scroll || left + width > scroll + visible {
            list.set_scroll_left(left - (visible - width) / 2);
        }
    }
}

#[component]
pub fn Nav() -> impl IntoView {
    let list = NodeRef::<leptos::html::Ol>::new();
    let location = leptos_router::hooks::use_location();
    // Every page's address names its language, so a Chinese teacher's link opens in Chinese.
    let lang = use_lang();
    Effect::new(move |_| {
        location.pathname.track();
        set_query_params(&[("lang", lang.get().code().to_string())]);
    });
    Effect::new(move |_| {
        location.pathname.track();
        if let Some(ol) = list.get() {
            // After the links' aria-current has followed the route.
            request_animation_frame(move || show_current_link(&ol));
        }
    });
    view! {
        <nav class="site-nav" aria-label=move || tr(NAV_LABEL)()>
            <ol node_ref=list>
                {SECTIONS
                    .iter()
                    .map(|s| {
                        let href = site_href(&format!("/{}", s.slug));
                        view! {
                            <li>
                                <A href=href>{tr(s.title)}</A>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{tr(FOOTER)}</p>
        </footer>
    }
}

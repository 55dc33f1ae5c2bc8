//! Header with the language switch, the section navigation and the footer.

use crate::i18n::sections::SECTIONS;
use crate::i18n::shell::*;
use crate::i18n::Lang;
use crate::lang::{tr, use_lang};
use crate::widgets::site_path::site_href;
use leptos::prelude::*;
use leptos_router::components::A;

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

#[component]
pub fn Nav() -> impl IntoView {
    view! {
        <nav class="site-nav" aria-label=move || tr(NAV_LABEL)()>
            <ol>
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

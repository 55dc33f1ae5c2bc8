//! Route targets: the start page, a section's page around its lesson, and 404.

use crate::i18n::sections::{self, SectionId, SECTIONS};
use crate::i18n::shell::*;
use crate::lang::{tr, use_lang};
use crate::widgets::site_path::site_href;
use leptos::prelude::*;
use leptos_router::components::A;

/// Keep the tab title in step with the page and the language.
fn set_title(title: impl Fn() -> String + 'static) {
    Effect::new(move |_| document().set_title(&title()));
}

#[component]
pub fn Home() -> impl IntoView {
    let lang = use_lang();
    set_title(move || format!("{APP_NAME} · {}", TAGLINE.get(lang.get())));
    view! {
        <article class="home">
            <h1>{APP_NAME}</h1>
            <p class="lead">{tr(HOME_INTRO)}</p>
            <h2>{tr(START_HERE)}</h2>
            <ol class="section-cards">
                {SECTIONS
                    .iter()
                    .map(|s| {
                        view! {
                            <li class="card">
                                <A href=site_href(&format!("/{}", s.slug))>
                                    <span class="card-title">{tr(s.title)}</span>
                                </A>
                                <p>{tr(s.summary)}</p>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </article>
    }
}

/// A section's page: its lesson, with the tab title kept in step with the section and the language.
#[component]
pub fn SectionPage(id: SectionId, children: Children) -> impl IntoView {
    let lang = use_lang();
    let section = sections::get(id);
    set_title(move || format!("{} · {APP_NAME}", section.title.get(lang.get())));
    children()
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <article>
            <h1>{tr(NOT_FOUND)}</h1>
            <p>
                <A href=site_href("/")>{tr(BACK_HOME)}</A>
            </p>
        </article>
    }
}

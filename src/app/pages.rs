//! Route targets: the start page, a section page (its lesson, or an honest "not built yet"), and 404.

use super::{tr, use_lang};
use crate::i18n::sections::{self, SECTIONS};
use crate::i18n::shell::*;
use crate::widgets::site_path::site_href;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

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

#[component]
pub fn SectionPage() -> impl IntoView {
    let params = use_params_map();
    let lang = use_lang();
    let slug = move || params.read().get("section").unwrap_or_default();
    set_title(move || match sections::find(&slug()) {
        Some(s) => format!("{} · {APP_NAME}", s.title.get(lang.get())),
        None => APP_NAME.to_string(),
    });
    move || match sections::find(&slug()) {
        Some(section) => crate::lessons::view_for(section),
        None => view! { <NotFound/> }.into_any(),
    }
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

//! The honest placeholder for a section whose lesson has not landed: it says so in both languages and
//! describes what the section will do, instead of pretending.

use crate::app::tr;
use crate::i18n::sections::Section;
use crate::i18n::shell::{NOT_READY_BODY, NOT_READY_TITLE};
use leptos::prelude::*;

#[component]
pub fn NotReady(section: &'static Section) -> impl IntoView {
    view! {
        <article class="not-ready" data-section=section.slug>
            <h1>{tr(section.title)}</h1>
            <div class="notice" role="note">
                <h2>{tr(NOT_READY_TITLE)}</h2>
                <p>{tr(NOT_READY_BODY)}</p>
                <p class="promise">{tr(section.summary)}</p>
            </div>
        </article>
    }
}

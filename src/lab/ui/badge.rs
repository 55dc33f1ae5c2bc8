//! A small link in the header while a run is in progress: how far it is, and the way back to the
//! lab (the run goes on while the learner reads other lessons).

use crate::i18n::lab::{TRAINING_BADGE, TRAINING_BADGE_PAUSED};
use crate::lab::client::runtime::Runner;
use crate::lab::session::RunState;
use crate::lang::use_lang;
use crate::widgets::site_path::site_href;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn TrainingBadge() -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Runner>().session;
    let text = move || {
        let (run, done) = session.with(|s| (s.run, s.fraction_done()));
        let template = if run == RunState::Paused {
            TRAINING_BADGE_PAUSED
        } else {
            TRAINING_BADGE
        };
        template.fill(lang.get(), &[("pct", &format!("{:.0}", done * 100.0))])
    };
    view! {
        <Show when=move || session.with(|s| s.busy())>
            <A href=site_href("/lab") attr:class="training-badge" attr:id="training-badge">
                {text}
            </A>
        </Show>
    }
}

/// Whether this tab's lab is training (or testing) now, for the app shell's notices.
pub fn training_now() -> Signal<bool> {
    let session = expect_context::<Runner>().session;
    Signal::derive(move || session.with(|s| s.busy()))
}

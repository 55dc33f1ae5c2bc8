//! The lab's message of the moment (paused, finished, refused, crashed…), in the learner's language,
//! placed under the training buttons that cause most of them, with "Try the download again" or
//! "Continue the run" beside it when that is what helps.

use crate::i18n::lab::{CONTINUE_RUN, RETRY};
use crate::lab::client::runtime::Runner;
use crate::lab::session::RetryKind;
use crate::lab::status::status_text;
use crate::lang::{tr, use_lang};
use leptos::prelude::*;

#[component]
pub fn StatusLine() -> impl IntoView {
    let lang = use_lang();
    let runner = expect_context::<Runner>();
    let lab = runner.lab;
    let retry = move || runner.session.with(|s| s.retry());
    let button = move || {
        retry().map(|kind| {
            let label = match kind {
                RetryKind::Download => RETRY,
                RetryKind::ContinueRun => CONTINUE_RUN,
            };
            view! { <button type="button" id="retry" on:click=move |_| runner.retry()>{tr(label)}</button> }
        })
    };
    view! {
        <div class="lab-status-row">
            <p id="lab-status" role="status" class="lab-status">{move || lab.status.get().map(|s| status_text(&s, lang.get()))}</p>
            {button}
        </div>
    }
}

//! The lab's message of the moment (paused, finished, refused, crashed…), in the learner's language,
//! placed under the training buttons that cause most of them, with what helps beside it: "Try the
//! download again", "Continue the run", or, after a run that failed, "Use this run's weights" and
//! a one-click "Train again" at a suggested rate (`recipe::retry_after_failure`).

use crate::i18n::lab::{CONTINUE_RUN, RETRY};
use crate::i18n::numbers::show;
use crate::i18n::recipes::{TRAIN_AGAIN_WITH, USE_RUN_WEIGHTS};
use crate::lab::client::form::TrainingForm;
use crate::lab::client::runtime::Runner;
use crate::lab::protocol::RunConfig;
use crate::lab::recipe::{optimizer_name, retry_after_failure, Recipe};
use crate::lab::session::{Event, RetryKind};
use crate::lab::status::{status_text, Status};
use crate::lang::{tr, use_lang};
use leptos::prelude::*;

#[component]
pub fn StatusLine() -> impl IntoView {
    let lang = use_lang();
    let runner = expect_context::<Runner>();
    let form = expect_context::<TrainingForm>();
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
    // After a failed run: its settings at the suggested optimizer and rate.
    let again = move || -> Option<(RunConfig, Recipe)> {
        let failed = lab
            .status
            .with(|s| matches!(s, Some(Status::NotLearned { .. } | Status::Diverged { .. })));
        let config = runner
            .session
            .with(|s| s.config.clone())
            .filter(|_| failed)?;
        let recipe = retry_after_failure(config.optimizer, config.learning_rate as f64);
        Some((config, recipe))
    };
    let train_again = move || {
        again().map(|(config, recipe)| {
            let label = TRAIN_AGAIN_WITH.fill(
                lang.get(),
                &[
                    ("opt", &optimizer_name(recipe.optimizer)),
                    ("lr", &show(recipe.learning_rate)),
                ],
            );
            let on_click = move |_| {
                // The form shows what this run trains with.
                form.optimizer.set(recipe.optimizer.name().to_string());
                form.lr_text.set(show(recipe.learning_rate));
                runner.train(RunConfig {
                    optimizer: recipe.optimizer,
                    learning_rate: recipe.learning_rate as f32,
                    ..config.clone()
                });
            };
            view! { <button type="button" id="train-again" on:click=on_click>{label}</button> }
        })
    };
    let offers = move || runner.session.with(|s| s.offers_run_weights());
    let use_run = move || {
        offers().then(|| view! {
            <button type="button" id="use-run-weights" on:click=move |_| runner.dispatch(Event::UseRunWeights)>{tr(USE_RUN_WEIGHTS)}</button>
        })
    };
    view! {
        <div class="lab-status-row">
            <p id="lab-status" role="status" class="lab-status">{move || lab.status.get().map(|s| status_text(&s, lang.get()))}</p>
            {button}
            {train_again}
            {use_run}
        </div>
    }
}

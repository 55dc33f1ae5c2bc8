//! This tab in step with the lab's other tabs (`lab::tabs`): it tells them how far its run is and
//! when it ended, and when another tab's run ended it reads that slot again (if it shows it and
//! is not training) and the list of trained networks.

use super::form::TrainingForm;
use super::load::load_model;
use super::runtime::{Runner, RESULTS_KEY};
use super::store;
use crate::lab::compare::RunResult;
use crate::lab::network::Network;
use crate::lab::recipe::{suggested, Recipe};
use crate::lab::session::Event;
use crate::lab::tabs::Reaction;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Loads `kind`'s weights and saved run into the lab, its settings into the form: those of the run
/// that made the weights, else the network's suggested recipe (unless the learner set their own).
pub fn load_shown(runner: Runner, form: TrainingForm, kind: Network) {
    let network = kind.clone();
    load_model(runner.lab, kind, move |record| {
        match record.as_ref().and_then(|r| r.config.as_ref()) {
            Some(config) => form.fill(config),
            None if !form.is_custom() => form.apply(&Recipe {
                length: None,
                ..suggested(&network)
            }),
            None => {}
        }
        form.apply_link();
        runner.dispatch(Event::Loaded(record))
    })
}

/// The trained networks kept in this browser (none if they cannot be read).
pub async fn load_results() -> Vec<RunResult> {
    match store::load(RESULTS_KEY).await {
        Ok(Some((json, _))) => serde_json::from_str(&json).unwrap_or_default(),
        _ => Vec::new(),
    }
}

pub fn keep_in_step(runner: Runner, form: TrainingForm) {
    let (lab, session, tabs) = (runner.lab, runner.session, runner.tabs);
    tabs.listen(move |reaction| match reaction {
        Reaction::Nothing => {}
        Reaction::Introduce => {
            // Said again, to the tab that just opened.
            tabs.forget_told();
            tabs.report(percent(runner));
        }
        Reaction::Reload(slot) => {
            let kind = lab.kind.get_untracked();
            if kind.key() == slot && !session.with_untracked(|s| s.busy()) {
                load_shown(runner, form, kind);
            }
        }
        Reaction::ReloadResults => {
            spawn_local(async move { runner.dispatch(Event::ResultsLoaded(load_results().await)) })
        }
    });
    // The run's progress for the others; its end lets the slot go.
    Effect::new(move |_| {
        if session.with(|s| s.busy()) {
            tabs.report(percent(runner));
        } else {
            tabs.release();
        }
    });
    // A tab closed mid-run: the browser lets its lock go; the others are told too.
    let handle = window_event_listener(leptos::ev::pagehide, move |_| tabs.release());
    on_cleanup(move || handle.remove());
}

fn percent(runner: Runner) -> u8 {
    (runner.session.with_untracked(|s| s.fraction_done()) * 100.0).floor() as u8
}

//! What this site keeps in the browser: how much, how much more is free
//! (`navigator.storage.estimate()`), whether the browser promised to keep it
//! (`navigator.storage.persist()`, asked at the first save of the learner's own work), and a
//! "Delete saved data" that asks first.

use crate::engine::nn::models::ModelKind;
use crate::i18n::storage::*;
use crate::i18n::Lang;
use crate::lab::client::form::TrainingForm;
use crate::lab::client::in_step::load_shown;
use crate::lab::client::runtime::{Runner, DESIGN_STORAGE, MODEL_KEY};
use crate::lab::client::storage::estimate;
use crate::lab::client::store;
use crate::lab::network::Network;
use crate::lab::session::Event;
use crate::lab::tabs::TabNews;
use crate::lang::{storage, tr, use_lang};
use crate::widgets::pause::pause;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen_futures::JsFuture;

/// The lab's copy of MNIST (`fetch.rs`), deleted with the rest.
const MNIST_CACHE: &str = "convlab-mnist-v1";

/// What the section last said about a deletion.
#[derive(Clone, PartialEq)]
enum Outcome {
    Deleted,
    Failed(String),
    Busy,
}

impl Outcome {
    fn text(&self, l: Lang) -> String {
        match self {
            Outcome::Deleted => DELETED.get(l).to_string(),
            Outcome::Failed(why) => DELETE_FAILED.fill(l, &[("why", &why)]),
            Outcome::Busy => DELETE_WHILE_TRAINING.get(l).to_string(),
        }
    }
}

/// Deletes the runs, the list of trained networks, the design and the MNIST copy; the lab then
/// shows the pretrained weights, and the other tabs read their slots and the list again.
async fn delete_all(runner: Runner, form: TrainingForm, lang: Lang) -> Outcome {
    let cleared = store::clear().await;
    if let Some(s) = storage() {
        let _ = s.remove_item(DESIGN_STORAGE);
        let _ = s.remove_item(MODEL_KEY);
    }
    if let Some(caches) = web_sys::window().and_then(|w| w.caches().ok()) {
        let _ = JsFuture::from(caches.delete(MNIST_CACHE)).await;
    }
    let lab = runner.lab;
    runner.dispatch(Event::ResultsLoaded(Vec::new()));
    runner.dispatch(Event::Reset);
    lab.design.set(None);
    if lab.kind.with_untracked(|k| k.design().is_some()) {
        lab.kind.set(Network::Builtin(ModelKind::Seed));
    } else {
        load_shown(runner, form, lab.kind.get_untracked());
    }
    let tab = runner.tabs.id();
    for slot in ["seed", "lenet5", crate::lab::network::DESIGN_KEY] {
        runner.tabs.say(TabNews::Ended {
            tab: tab.clone(),
            slot: slot.into(),
        });
    }
    runner.tabs.say(TabNews::Results { tab });
    match cleared {
        Ok(()) => Outcome::Deleted,
        Err(e) => Outcome::Failed(e.text(lang)),
    }
}

#[component]
pub fn StorageUse() -> impl IntoView {
    let lang = use_lang();
    let runner = expect_context::<Runner>();
    let form = expect_context::<TrainingForm>();
    let numbers = RwSignal::new(None::<(f64, f64, bool)>);
    let asking = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    let refresh = move || spawn_local(async move { numbers.set(estimate().await) });
    // Read again whenever a run ends or the list of trained networks changes.
    Effect::new(move |_| {
        runner.session.with(|s| (s.busy(), s.results.len()));
        refresh();
    });
    let summary = move || {
        let l = lang.get();
        match numbers.get() {
            Some((used, quota, kept)) => format!(
                "{}{}{}",
                STORAGE_USE.fill(l, &[("used", &size(used)), ("free", &size(quota - used))]),
                // Chinese sentences follow each other without a space.
                if l == Lang::Zh { "" } else { " " },
                if kept {
                    STORAGE_KEPT
                } else {
                    STORAGE_MAY_CLEAR
                }
                .get(l)
            ),
            None => STORAGE_UNKNOWN.get(l).to_string(),
        }
    };
    let confirm = move |_| {
        asking.set(false);
        if runner.session.with_untracked(|s| s.busy()) {
            return outcome.set(Some(Outcome::Busy));
        }
        let l = lang.get_untracked();
        let before = numbers.get_untracked().map(|n| n.0);
        spawn_local(async move {
            outcome.set(Some(delete_all(runner, form, l).await));
            // The browser counts freed space lazily: read again, for up to 15 s, until it shows
            // (5 s was not always enough in a busy CI run; the browser test waits 30 s).
            for _ in 0..60 {
                let now = estimate().await;
                let changed = now.map(|n| n.0) != before;
                numbers.set(now);
                if changed {
                    break;
                }
                pause(250).await;
            }
        });
    };
    view! {
        <section class="storage-use" aria-labelledby="storage-title">
            <h2 id="storage-title">{tr(STORAGE_TITLE)}</h2>
            <p id="storage-summary">{summary}</p>
            <Show when=move || !asking.get()>
                <button type="button" id="delete-saved" on:click=move |_| { outcome.set(None); asking.set(true) }>
                    {tr(DELETE_SAVED)}
                </button>
            </Show>
            <Show when=move || asking.get()>
                <div class="confirm" role="group" aria-labelledby="delete-question">
                    <p id="delete-question">{tr(DELETE_QUESTION)}</p>
                    <button type="button" id="delete-yes" class="danger" on:click=confirm>{tr(DELETE_YES)}</button>
                    <button type="button" id="delete-no" on:click=move |_| asking.set(false)>{tr(DELETE_NO)}</button>
                </div>
            </Show>
            <p id="storage-outcome" role="status">{move || outcome.get().map(|o| o.text(lang.get()))}</p>
        </section>
    }
}

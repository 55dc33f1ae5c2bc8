//! The lab's state and its training run belong to the app, not to the lab page: they are created
//! once (`provide_lab`, called by the app shell) and live while the app does, so a run keeps going
//! while the learner reads another lesson, the drawing and the form keep their values, and leaving
//! the site mid-run asks first. `Runner` turns the training session's effects into actions: the
//! worker, the download, the weights, IndexedDB and the status line.

use super::fetch::fetch_mnist;
use super::form::TrainingForm;
use super::in_step::{keep_in_step, load_results, load_shown};
use super::state::Lab;
use super::tabs::Tabs;
use super::team::{choose_shape, TeamClient, TeamShape};
use super::worker::WorkerNews;
use crate::engine::nn::models::ModelKind;
use crate::engine::nn::spec::ModelSpec;
use crate::i18n::fetch::FetchProblem;
use crate::lab::network::{Network, DESIGN_KEY};
use crate::lab::protocol::{RunConfig, ToWorker};
use crate::lab::session::{Before, Effect, Event, TrainingSession};
use crate::lab::status::{Source, Status};
use crate::lab::tabs::{training_in, OtherRun};
use crate::lab::trace::first_kernels;
use crate::lang::storage;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::rc::Rc;

/// The training run and everything its effects act on; `Copy`, so every closure can hold it.
#[derive(Clone, Copy)]
pub struct Runner {
    pub lab: Lab,
    pub session: RwSignal<TrainingSession>,
    /// The page's copy of the gzip'd MNIST files, for a replacement worker.
    gz_files: StoredValue<Option<Vec<Vec<u8>>>, LocalStorage>,
    worker: StoredValue<Option<TeamClient>, LocalStorage>,
    /// How the running team is made up (workers, SIMD build), for the training panel.
    pub team: RwSignal<Option<TeamShape>>,
    /// The lab's other tabs in this browser, and this tab's hold on the slot it trains into.
    pub tabs: Tabs,
}

impl Runner {
    pub fn dispatch(self, event: Event) {
        let effects = self
            .session
            .try_update(|s| s.apply(event))
            .unwrap_or_default();
        for effect in effects {
            self.perform(effect);
        }
    }

    pub fn ensure_worker(self) -> Result<(), String> {
        if self.worker.with_value(|w| w.is_some()) {
            return Ok(());
        }
        let on_news: Rc<dyn Fn(WorkerNews)> = Rc::new(move |news| {
            self.dispatch(match news {
                WorkerNews::Message(message, buffers) => Event::Worker(message, buffers),
                WorkerNews::Crashed(why) => Event::WorkerCrashed(why),
            })
        });
        let client = TeamClient::spawn(choose_shape(), on_news)?;
        self.team.set(Some(client.shape));
        self.worker.set_value(Some(client));
        Ok(())
    }

    /// Try again what failed (a download, a crashed run), with the weights in use when they are
    /// the run's model's.
    pub fn retry(self) {
        let model = self
            .session
            .with_untracked(|s| s.config.as_ref().map(|c| c.model.clone()));
        let weights = model
            .as_ref()
            .filter(|m| self.lab.kind.with_untracked(|k| k == *m))
            .and_then(|_| self.lab.weights());
        let network = model.unwrap_or_else(|| self.lab.kind.get_untracked());
        self.start(network, Event::Retry { weights });
    }

    /// `event` (a run that trains `network`), once this tab holds `network`'s slot: a slot
    /// another tab trains into is left to it, and the panel says so (`lab::tabs`).
    pub fn start(self, network: Network, event: Event) {
        let slot = network.key();
        if self.tabs.holds(slot) {
            return self.dispatch(event);
        }
        self.tabs.acquire(network.clone(), move |granted| {
            if !granted {
                return self.tabs.others.update(|o| {
                    if training_in(o, slot).is_none() {
                        o.push(OtherRun {
                            tab: String::new(),
                            network,
                            percent: None,
                        })
                    }
                });
            }
            self.dispatch(event);
            if !self.session.with_untracked(|s| s.busy()) {
                self.tabs.release();
            }
        });
    }

    /// Train with `config`: from the weights in use when it continues them, and keeping them to
    /// put back if the run fails (`session::failed_run`).
    pub fn train(self, config: RunConfig) {
        let lab = self.lab;
        // Serialised once: the same bytes start the run (when it continues them) and are kept.
        let in_use = lab.weights();
        let weights = if config.from_current {
            in_use.iter().cloned().collect()
        } else {
            Vec::new()
        };
        let source = lab.source.get_untracked();
        let before = in_use
            .filter(|_| source != Source::Loading)
            .map(|weights| Before { weights, source });
        if let Err(e) = self.ensure_worker() {
            lab.status.set(Some(Status::Failed(e)));
            return;
        }
        let network = config.model.clone();
        self.start(
            network,
            Event::Train {
                config,
                weights,
                before,
            },
        );
    }

    /// True when another tab is training into `slot` (so this one must not write it).
    pub(super) fn slot_taken(self, slot: &str) -> bool {
        !self.tabs.holds(slot)
            && self
                .tabs
                .others
                .with_untracked(|o| training_in(o, slot).is_some())
    }

    pub(super) fn send(self, message: &ToWorker, buffers: Vec<Vec<u8>>) {
        self.worker.with_value(|w| {
            if let Some(w) = w {
                w.send(message, buffers)
            }
        });
    }

    /// The first layer's kernels the run starts from: the weights in use when it continues them,
    /// else the same seeded initialisation the worker makes.
    fn keep_kernels_before(self, config: &RunConfig) {
        let kernels = if config.from_current {
            self.lab
                .model
                .with_value(|m| m.as_ref().and_then(first_kernels))
        } else {
            config.model.build().ok().and_then(|mut model| {
                model.init(config.seed);
                first_kernels(&model)
            })
        };
        self.lab
            .kernels_before
            .set(kernels.map(|k| (config.model.clone(), k)));
    }

    fn perform(self, effect: Effect) {
        let lab = self.lab;
        match effect {
            Effect::Send(message, buffers) => {
                if let ToWorker::Start(config) = &message {
                    self.keep_kernels_before(config);
                }
                self.send(&message, buffers)
            }
            Effect::FetchData => {
                if self.gz_files.with_value(|f| f.is_some()) {
                    return self.dispatch(Event::DataFetched);
                }
                spawn_local(async move {
                    let progress =
                        move |loaded, total| self.dispatch(Event::DataProgress { loaded, total });
                    match fetch_mnist(progress).await {
                        Ok(files) => {
                            self.gz_files.set_value(Some(files));
                            self.dispatch(Event::DataFetched);
                        }
                        Err(e) => self.dispatch(Event::DataFailed(e)),
                    }
                });
            }
            Effect::DeliverData => {
                // A worker that died during the download is replaced here.
                if let Err(e) = self.ensure_worker() {
                    return self.dispatch(Event::WorkerCrashed(e));
                }
                match self.gz_files.get_value() {
                    Some(files) => self.send(&ToWorker::Data, files),
                    None => self.dispatch(Event::DataFailed(FetchProblem::Other(
                        "the page no longer holds MNIST".into(),
                    ))),
                }
            }
            Effect::ForgetData => self.gz_files.set_value(None),
            Effect::Adopt {
                kind,
                weights,
                source,
            } => {
                if lab.kind.with_untracked(|k| *k == kind) {
                    if let Err(e) = lab.use_weights(&kind, &weights, source) {
                        lab.status.set(Some(Status::Failed(e)));
                    }
                }
            }
            Effect::Save => self.save(self.session.with_untracked(|s| s.record())),
            Effect::PutBack(record) => self.put_back(record),
            Effect::SaveResult(result) => self.save_result(result),
            Effect::DropWorker => {
                // Dropping the client terminates it: after this event, not inside its own handler.
                let old = self.worker.try_update_value(|w| w.take()).flatten();
                set_timeout(move || drop(old), std::time::Duration::ZERO);
            }
            Effect::TrainingEnded => {
                if lab.source.get_untracked() == Source::Training {
                    lab.source.set(Source::Trained);
                }
            }
            Effect::Status(status) => lab.status.set(status),
        }
    }
}

/// The app's owner, so the lab's first visit can start work that outlives the lab page.
#[derive(Clone)]
struct AppOwner(Owner);

/// Create the lab's state and training run for the whole app (called once, by the app shell).
/// Where the model last chosen in the lab is remembered, so a reload comes back to it.
pub(in crate::lab) const MODEL_KEY: &str = "convlab.lab.model";
/// The IndexedDB record of the runs compared (beside one record per network's weights).
pub(in crate::lab) const RESULTS_KEY: &str = "results";
/// …and the learner's latest design (JSON), which the model select offers.
pub(in crate::lab) const DESIGN_STORAGE: &str = "convlab.lab.design";

pub fn provide_lab() {
    let lab = Lab::new();
    let stored = |key| storage().and_then(|s| s.get_item(key).ok().flatten());
    let design = stored(DESIGN_STORAGE)
        .and_then(|j| ModelSpec::from_json(&j).ok())
        .filter(|s| s.plan().is_ok());
    lab.design.set(design.clone());
    match (stored(MODEL_KEY).as_deref(), design) {
        (Some(DESIGN_KEY), Some(spec)) => lab.kind.set(Network::Design(spec)),
        (Some(name), _) => {
            if let Some(k) = ModelKind::parse(name) {
                lab.kind.set(k.into());
            }
        }
        (None, _) => {}
    }
    leptos::prelude::Effect::new(move |_| {
        let key = lab.kind.with(|k| k.key());
        let design = lab.design.with(|d| d.as_ref().map(ModelSpec::to_json));
        if let Some(s) = storage() {
            // Refused storage (private browsing) only forgets the choice at the next visit.
            let _ = s.set_item(MODEL_KEY, key);
            if let Some(json) = design {
                let _ = s.set_item(DESIGN_STORAGE, &json);
            }
        }
    });
    let runner = Runner {
        lab,
        session: RwSignal::new(TrainingSession::new()),
        gz_files: StoredValue::new_local(None),
        worker: StoredValue::new_local(None),
        team: RwSignal::new(None),
        tabs: Tabs::open(),
    };
    let form = TrainingForm::new();
    provide_context(lab);
    provide_context(runner);
    provide_context(form);
    spawn_local(async move { runner.dispatch(Event::ResultsLoaded(load_results().await)) });
    keep_in_step(runner, form);
    provide_context(AppOwner(
        Owner::current().expect("provide_lab runs inside the app"),
    ));
    // Leaving the site (closing the tab, reloading, typing another address) mid-run asks first;
    // moving between lessons does not, since the run goes on.
    let handle = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if runner.session.with_untracked(|s| s.busy()) {
            ev.prevent_default();
            ev.set_return_value("");
        }
    });
    on_cleanup(move || handle.remove());
}

/// Load the chosen model's weights (its saved run, else pretrained) now and whenever the model
/// changes. Started by the lab page's first visit, owned by the app: later visits find the weights
/// and the run as they were.
pub fn start_loading() {
    let runner = expect_context::<Runner>();
    let form = expect_context::<TrainingForm>();
    let AppOwner(owner) = expect_context::<AppOwner>();
    let lab = runner.lab;
    if lab.loading_started.get_value() {
        return;
    }
    lab.loading_started.set_value(true);
    owner.with(|| {
        leptos::prelude::Effect::new(move |_| {
            let kind = lab.kind.get();
            untrack(|| load_shown(runner, form, kind));
        });
    });
}

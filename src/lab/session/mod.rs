//! The training panel's logic as a state machine: `TrainingSession::apply(event) -> effects`.
//!
//! Every button press, download step and worker message is an [`Event`] (`events.rs`); the session updates its
//! state (data, run, progress, curves) and returns the [`Effect`]s the page must carry out (send a
//! message, download MNIST, adopt weights, save, show a status). The page (`training.rs`) only
//! dispatches events and performs effects, so every sequence — pause/resume/stop, a crash mid-run, a
//! divergence, an import — is tested natively (`session/tests/`) without a browser.

mod failed_run;
mod faults;
mod from_worker;
mod progress;
#[cfg(test)]
mod tests;

use crate::engine::train::evaluation::Cell;
use crate::lab::compare::RunResult;
pub use crate::lab::events::Before;
pub use crate::lab::events::{Effect, Event};
use crate::lab::network::Network;
use crate::lab::protocol::{CurvePoint, RunConfig, ToWorker};
pub use crate::lab::record::{EpochPoint, RunRecord};
use crate::lab::report::TestReport;
use crate::lab::status::{Source, Status};
use failed_run::{Earlier, Rejected};
pub use faults::RetryKind;
pub use progress::Progress;

/// MNIST on its way to the worker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DataState {
    Idle,
    /// Downloading: bytes so far and in all (0 when the host did not say).
    Loading {
        loaded: f64,
        total: f64,
    },
    /// The worker is unpacking and checking the files.
    Unpacking,
    Ready {
        train: usize,
        test: usize,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunState {
    Idle,
    Running,
    Paused,
    /// Evaluating the weights in use on the test set (no training).
    Evaluating,
}

/// Work waiting for the data: a run (its settings and starting weights) or an evaluation (of these
/// weights).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Job {
    Train(RunConfig, Vec<Vec<u8>>),
    /// The model, its weights, and the cell to keep every mistake of.
    Evaluate(Network, Vec<u8>, Option<Cell>),
    /// A run whose worker crashed after `done` whole epochs: continue it from `weights` (the ones
    /// in use, which `Retry` brings) for the epochs left, its curves carrying on where they stopped.
    Resume {
        config: RunConfig,
        done: usize,
        weights: Vec<u8>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct TrainingSession {
    pub data: DataState,
    pub run: RunState,
    pub progress: Progress,
    pub points: Vec<CurvePoint>,
    pub epochs: Vec<EpochPoint>,
    /// The run in progress, or the one that produced the weights in use.
    pub config: Option<RunConfig>,
    /// The newest test-set report (confusion matrix, mistakes) of the weights in use or of the
    /// last epoch; cleared when other weights come in (import, reset, another model).
    pub report: Option<TestReport>,
    /// Every run trained to the end in this browser (kept in IndexedDB), for comparing networks.
    pub results: Vec<RunResult>,
    pub(super) pending: Option<Job>,
    /// The job whose download failed, kept for `Retry`.
    pub(super) failed: Option<Job>,
    /// An epoch's evaluation arrived; save with the next weights.
    pub(super) unsaved_epoch: bool,
    /// Epochs a resumed run had done before its worker crashed: the worker counts from 0 again,
    /// the session adds these to its epochs, curve points and images.
    pub(super) offset: usize,
    /// A crashed worker was replaced and the replacement has not taken the data yet: if it crashes
    /// too, the trouble is not one bad moment, so it is not replaced again in a loop.
    pub(super) replacing: bool,
    /// The weights in use when the run started, and their saved record: put back if it fails.
    pub(super) before: Option<Earlier>,
    /// A failed run's weights (and its last report), on offer ("Use this run's weights") while
    /// the ones from before are in use.
    pub(super) rejected: Option<Rejected>,
}

impl Default for TrainingSession {
    fn default() -> Self {
        Self::new()
    }
}

impl TrainingSession {
    pub fn new() -> Self {
        Self {
            data: DataState::Idle,
            run: RunState::Idle,
            progress: Progress::default(),
            points: Vec::new(),
            epochs: Vec::new(),
            config: None,
            report: None,
            results: Vec::new(),
            pending: None,
            failed: None,
            unsaved_epoch: false,
            offset: 0,
            replacing: false,
            before: None,
            rejected: None,
        }
    }

    pub fn busy(&self) -> bool {
        self.run != RunState::Idle
    }

    /// The record saved beside the weights.
    pub fn record(&self) -> RunRecord {
        RunRecord {
            config: self.config.clone(),
            points: self.points.clone(),
            epochs: self.epochs.clone(),
        }
    }

    pub fn apply(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Train {
                config,
                weights,
                before,
            } => {
                if self.busy() {
                    return Vec::new();
                }
                self.run = RunState::Running;
                self.failed = None;
                self.keep_before(before);
                self.begin(Job::Train(config, weights))
            }
            Event::Evaluate {
                model,
                weights,
                focus,
            } => {
                if self.busy() {
                    return Vec::new();
                }
                self.run = RunState::Evaluating;
                self.failed = None;
                self.begin(Job::Evaluate(model, weights, focus))
            }
            Event::Pause if self.run == RunState::Running && self.pending.is_none() => {
                vec![Effect::Send(ToWorker::Pause, Vec::new())]
            }
            Event::Resume if self.run == RunState::Paused => {
                vec![Effect::Send(ToWorker::Resume, Vec::new())]
            }
            Event::Pause | Event::Resume => Vec::new(),
            Event::Stop => {
                if let Some(job) = self.pending.take() {
                    // Stopped while the data was still coming: nothing ran.
                    self.run = RunState::Idle;
                    return vec![Effect::Status(Some(match job {
                        Job::Train(..) | Job::Resume { .. } => Status::Stopped,
                        Job::Evaluate(..) => Status::TestStopped,
                    }))];
                }
                if self.busy() {
                    vec![Effect::Send(ToWorker::Stop, Vec::new())]
                } else {
                    Vec::new()
                }
            }
            Event::DataProgress { loaded, total } => {
                if matches!(self.data, DataState::Loading { .. }) {
                    self.data = DataState::Loading { loaded, total };
                }
                Vec::new()
            }
            Event::DataFetched => {
                self.data = DataState::Unpacking;
                vec![Effect::DeliverData]
            }
            Event::DataFailed(why) => {
                self.data = DataState::Idle;
                self.failed = self.pending.take().filter(|_| why.retryable());
                self.run = RunState::Idle;
                vec![Effect::Status(Some(Status::DownloadFailed(why)))]
            }
            Event::Retry { weights } => self.retry_job(weights),
            Event::UseRunWeights => self.use_run_weights(),
            Event::Worker(message, buffers) => self.on_worker(message, buffers),
            Event::WorkerCrashed(why) => self.crashed(why),
            Event::Imported { file } => {
                self.clear_run();
                self.report = None;
                vec![Effect::Save, Effect::Status(Some(Status::Imported(file)))]
            }
            Event::Reset => {
                self.clear_run();
                self.report = None;
                vec![Effect::Status(Some(Status::Reset))]
            }
            Event::ResultsLoaded(results) => {
                // The stored list is the truth: a run that finished here is in it once saved
                // (`Effect::SaveResult` reads, adds and writes back, then loads it here).
                self.results = results;
                Vec::new()
            }
            Event::Loaded(record) => {
                let record = record.unwrap_or_default();
                self.config = record.config;
                self.points = record.points;
                self.epochs = record.epochs;
                self.progress = Progress::default();
                self.report = None;
                self.before = None;
                self.rejected = None;
                Vec::new()
            }
        }
    }

    /// Start `job` now if the worker has the data, else once it has (downloading it first).
    pub(super) fn begin(&mut self, job: Job) -> Vec<Effect> {
        if matches!(self.data, DataState::Ready { .. }) {
            return self.run_job(job);
        }
        self.pending = Some(job);
        let mut effects = vec![Effect::Status(None)];
        if self.data == DataState::Idle {
            self.data = DataState::Loading {
                loaded: 0.0,
                total: 0.0,
            };
            effects.push(Effect::FetchData);
        }
        effects
    }

    pub(super) fn run_job(&mut self, job: Job) -> Vec<Effect> {
        match job {
            Job::Train(config, weights) => {
                self.offset = 0;
                self.start(config, weights)
            }
            Job::Resume {
                config,
                done,
                weights,
            } => {
                let rest = RunConfig {
                    epochs: config.epochs.saturating_sub(done).max(1),
                    from_current: true,
                    ..config.clone()
                };
                let effects = self.start(rest, vec![weights]);
                // The run's own settings stay on record (saved, shown, compared).
                self.config = Some(config);
                self.offset = done;
                effects
            }
            Job::Evaluate(model, weights, focus) => {
                self.run = RunState::Evaluating;
                self.progress.evaluating = Some((0, 0));
                let message = ToWorker::Evaluate { model, focus };
                vec![Effect::Status(None), Effect::Send(message, vec![weights])]
            }
        }
    }

    fn clear_run(&mut self) {
        self.failed = None;
        self.before = None;
        self.rejected = None;
        self.config = None;
        self.points.clear();
        self.epochs.clear();
        self.progress = Progress::default();
    }

    fn start(&mut self, config: RunConfig, weights: Vec<Vec<u8>>) -> Vec<Effect> {
        if !config.from_current {
            self.points.clear();
            self.epochs.clear();
        }
        self.progress = Progress {
            batches: config.train_images.div_ceil(config.batch_size.max(1)),
            ..Progress::default()
        };
        self.config = Some(config.clone());
        self.run = RunState::Running;
        self.unsaved_epoch = false;
        vec![
            Effect::Status(None),
            Effect::Send(ToWorker::Start(config), weights),
        ]
    }

    /// Weights from the worker, for the model the run trains.
    pub(super) fn adopt(&self, buffers: Vec<Vec<u8>>, source: Source) -> Option<Effect> {
        let kind = self.config.as_ref()?.model.clone();
        let weights = buffers.into_iter().next()?;
        Some(Effect::Adopt {
            kind,
            weights,
            source,
        })
    }

    /// The run ended (finished, stopped or diverged): keep its weights and say how it went.
    pub(super) fn end(&mut self, buffers: Vec<Vec<u8>>, status: Status) -> Vec<Effect> {
        self.run = RunState::Idle;
        self.before = None;
        self.progress.evaluating = None;
        let mut effects: Vec<Effect> = self.adopt(buffers, Source::Trained).into_iter().collect();
        effects.extend([
            Effect::TrainingEnded,
            Effect::Save,
            Effect::Status(Some(status)),
        ]);
        effects
    }
}

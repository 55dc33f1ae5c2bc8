//! What the training session does with each message from the worker (member 0 of the team).

use super::{DataState, Effect, Progress, RunState, TrainingSession};
use crate::lab::compare::{remember, RunResult};
use crate::lab::protocol::{CurvePoint, FromWorker};
use crate::lab::record::EpochPoint;
use crate::lab::report::{ReportOf, TestReport};
use crate::lab::status::{Kept, Source, Status};
use crate::lab::verdict::{shortfall, MNIST_CLASSES};

impl TrainingSession {
    pub(super) fn on_worker(&mut self, message: FromWorker, buffers: Vec<Vec<u8>>) -> Vec<Effect> {
        match message {
            FromWorker::Ready => Vec::new(),
            FromWorker::DataReady { train, test } => {
                self.data = DataState::Ready { train, test };
                self.replacing = false;
                match self.pending.take() {
                    Some(job) => self.run_job(job),
                    None => Vec::new(),
                }
            }
            FromWorker::Failed { message } => {
                let mut effects = Vec::new();
                if self.data == DataState::Unpacking {
                    self.data = DataState::Idle;
                    effects.push(Effect::ForgetData);
                }
                self.pending = None;
                self.run = RunState::Idle;
                self.progress.evaluating = None;
                effects.push(Effect::Status(Some(Status::Failed(message))));
                effects
            }
            FromWorker::Progress {
                epoch,
                batch,
                batches,
                samples,
                samples_per_second,
                points,
                parts,
            } => {
                // A resumed run's worker counts from 0: shift to the whole run's epochs.
                let images = self.config.as_ref().map_or(0, |c| c.train_images);
                let epoch = epoch + self.offset;
                // The worker reports while an epoch's test runs too (nothing new): the line keeps
                // saying "testing" until training moves on, instead of flickering back.
                let same_batch = (epoch, batch) == (self.progress.epoch, self.progress.batch);
                self.progress = Progress {
                    epoch,
                    batch,
                    batches,
                    samples: samples + (self.offset * images) as u64,
                    samples_per_second,
                    evaluating: self.progress.evaluating.filter(|_| same_batch),
                    parts,
                };
                let shift = self.offset as f32;
                self.points.extend(points.into_iter().map(|p| CurvePoint {
                    x: p.x + shift,
                    ..p
                }));
                Vec::new()
            }
            FromWorker::Evaluating { done, total, .. } => {
                self.progress.evaluating = Some((done, total));
                Vec::new()
            }
            FromWorker::Epoch { epoch, test } => {
                let epoch = epoch + self.offset;
                // This epoch is complete: a crash from here on continues with the next one.
                self.progress.epoch = self.progress.epoch.max(epoch + 1);
                self.progress.batch = 0;
                self.epochs.push(EpochPoint {
                    epoch,
                    test_loss: test.loss,
                    test_accuracy: test.accuracy,
                });
                if let Some(c) = &self.config {
                    self.report = Some(TestReport::new(
                        c.model.clone(),
                        ReportOf::Epoch(epoch),
                        *test,
                        buffers,
                    ));
                }
                self.progress.evaluating = None;
                self.unsaved_epoch = true;
                Vec::new()
            }
            FromWorker::Weights { .. } => {
                let mut effects: Vec<Effect> =
                    self.adopt(buffers, Source::Training).into_iter().collect();
                if std::mem::take(&mut self.unsaved_epoch) {
                    effects.push(Effect::Save);
                }
                effects
            }
            FromWorker::Paused => {
                self.run = RunState::Paused;
                vec![Effect::Status(Some(Status::Paused))]
            }
            FromWorker::Resumed => {
                self.run = RunState::Running;
                vec![Effect::Status(None)]
            }
            FromWorker::Tested { model, test } => {
                self.run = RunState::Idle;
                self.progress.evaluating = None;
                self.report = Some(TestReport::new(model, ReportOf::Request, *test, buffers));
                Vec::new()
            }
            FromWorker::Done { .. } if self.run == RunState::Evaluating => {
                // An evaluation stopped: the weights in use stay, and so does the last report.
                self.run = RunState::Idle;
                self.progress.evaluating = None;
                vec![Effect::Status(Some(Status::TestStopped))]
            }
            FromWorker::Done { finished } => {
                let status = match (finished, self.epochs.last()) {
                    (true, Some(last)) => Status::Finished {
                        accuracy: last.test_accuracy,
                    },
                    _ => Status::Stopped,
                };
                let result =
                    self.config.as_ref().filter(|_| finished).and_then(|c| {
                        RunResult::of(c, &self.epochs, self.progress.samples_per_second)
                    });
                let verdict = finished
                    .then(|| shortfall(&self.epochs, &self.points, MNIST_CLASSES))
                    .flatten();
                let mut effects = match (verdict, &self.config) {
                    (Some(shortfall), Some(c)) => {
                        let (optimizer, learning_rate) = (c.optimizer, c.learning_rate as f64);
                        let not_learned = move |kept| Status::NotLearned {
                            shortfall,
                            optimizer,
                            learning_rate,
                            kept,
                        };
                        self.end_failed(buffers, not_learned, Kept::Reached)
                    }
                    _ => self.end(buffers, status),
                };
                if let Some(r) = result {
                    remember(&mut self.results, r.clone());
                    // Before the status, which stays the last word.
                    effects.insert(effects.len() - 1, Effect::SaveResult(r));
                }
                effects
            }
            FromWorker::Diverged {
                epoch,
                batch,
                loss,
                tensor,
            } => self.end_failed(
                buffers,
                |kept| Status::Diverged {
                    epoch,
                    batch,
                    loss,
                    tensor,
                    kept,
                },
                Kept::LastGood,
            ),
        }
    }
}

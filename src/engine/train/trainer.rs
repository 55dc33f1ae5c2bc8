//! A training run that advances one small piece of work at a time.
//!
//! A loop that runs until it is done would deafen a Web Worker: while it loops, "Pause" and "Stop"
//! messages wait unread. `Trainer::work()` returns after one mini-batch or one evaluation slice, so
//! its caller decides when to yield; the command line simply calls it until it is done. The batch
//! order, updates and evaluation are exactly a plain loop's (`testutil::reference_fit`, checked by
//! `trainer_tests.rs`, also when a run diverges).

use crate::engine::data::mnist::Dataset;
use crate::engine::nn::model::Sequential;
use crate::engine::train::optim::Optimizer;
use crate::engine::train::steps::{
    epoch_order, train_step, BatchReport, EvalAccumulator, Evaluation, Schedule, TrainError,
};

/// How many test images one evaluation slice predicts.
pub const EVAL_SLICE: usize = 250;

/// The divergence guard looks at the mean loss of this many recent batches…
pub const GUARD_WINDOW: usize = 10;
/// …and stops the run when it stays above 3 × ln 10, three times the loss of guessing uniformly. A too
/// large learning rate does not always give NaN: with ReLU it can kill every unit in one step and leave
/// the loss stuck near 12 for ever, and with tanh it saturates the same way. Normal training, even
/// with a large but workable rate, never averages this much over ten batches.
pub const STUCK_LOSS: f32 = 3.0 * std::f32::consts::LN_10;

/// What one call to `Trainer::work` produced.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainEvent {
    /// One optimisation step finished.
    Batch(BatchReport),
    /// Part of the end-of-epoch evaluation finished: `done` of `total` test images.
    Evaluating {
        epoch: usize,
        done: usize,
        total: usize,
    },
    /// An epoch and its evaluation on the test set finished.
    Epoch { epoch: usize, test: Box<Evaluation> },
    /// All epochs are done.
    Finished,
    /// The loss became NaN or exploded; the weights are those from before the bad step.
    Diverged(TrainError),
}

enum Phase {
    Training { order: Vec<usize>, next: usize },
    Evaluating { acc: Box<EvalAccumulator> },
    Done,
}

pub struct Trainer {
    pub model: Sequential,
    pub opt: Optimizer,
    train: Dataset,
    test: Dataset,
    schedule: Schedule,
    epoch: usize,
    phase: Phase,
    samples: u64,
    recent: std::collections::VecDeque<f32>,
    /// Weights saved while the loss was healthy, newest last; on divergence the older one comes back,
    /// because the newer may have been taken just after the step that did the damage.
    snapshots: Vec<Vec<Vec<f32>>>,
    since_snapshot: usize,
}

impl Trainer {
    pub fn new(
        model: Sequential,
        opt: Optimizer,
        train: Dataset,
        test: Dataset,
        schedule: Schedule,
    ) -> Self {
        let schedule = Schedule {
            batch_size: schedule.batch_size.max(1),
            ..schedule
        };
        let phase = if schedule.epochs == 0 || train.is_empty() {
            Phase::Done
        } else {
            Phase::Training {
                order: epoch_order(train.len(), schedule.seed, 0),
                next: 0,
            }
        };
        let mut t = Self {
            model,
            opt,
            train,
            test,
            schedule,
            epoch: 0,
            phase,
            samples: 0,
            recent: Default::default(),
            snapshots: Vec::new(),
            since_snapshot: 0,
        };
        t.snapshot();
        t
    }

    fn snapshot(&mut self) {
        let values: Vec<Vec<f32>> = self.model.params_mut().map(|p| p.value.clone()).collect();
        if self.snapshots.len() == 2 {
            self.snapshots.remove(0);
        }
        self.snapshots.push(values);
        self.since_snapshot = 0;
    }

    fn restore_good_weights(&mut self) {
        if let Some(good) = self.snapshots.first() {
            for (p, v) in self.model.params_mut().zip(good) {
                p.value.copy_from_slice(v);
            }
        }
    }

    /// Record a batch loss; `Some(mean)` when the recent losses say the run is stuck.
    fn stuck(&mut self, loss: f32) -> Option<f32> {
        if self.recent.len() == GUARD_WINDOW {
            self.recent.pop_front();
        }
        self.recent.push_back(loss);
        let mean = self.recent.iter().sum::<f32>() / self.recent.len() as f32;
        if self.recent.len() == GUARD_WINDOW && mean > STUCK_LOSS {
            return Some(mean);
        }
        self.since_snapshot += 1;
        if self.since_snapshot >= GUARD_WINDOW && mean <= STUCK_LOSS {
            self.snapshot();
        }
        None
    }

    pub fn batches_per_epoch(&self) -> usize {
        self.train.len().div_ceil(self.schedule.batch_size)
    }

    pub fn schedule(&self) -> Schedule {
        self.schedule
    }

    /// Training images processed so far.
    pub fn samples(&self) -> u64 {
        self.samples
    }

    pub fn is_done(&self) -> bool {
        matches!(self.phase, Phase::Done)
    }

    /// Do one mini-batch or one evaluation slice.
    pub fn work(&mut self) -> TrainEvent {
        match &mut self.phase {
            Phase::Done => TrainEvent::Finished,
            Phase::Training { order, next } => {
                let bs = self.schedule.batch_size;
                let batch = *next / bs;
                let end = (*next + bs).min(order.len());
                let result = train_step(
                    &mut self.model,
                    &mut self.opt,
                    &self.train,
                    &order[*next..end],
                );
                let count = end - *next;
                *next = end;
                let finished_epoch = end == order.len();
                let result = match result {
                    Ok((loss, _)) => match self.stuck(loss) {
                        Some(mean) => Err(mean),
                        None => result,
                    },
                    Err(loss) => Err(loss),
                };
                match result {
                    Err(loss) => {
                        self.phase = Phase::Done;
                        self.restore_good_weights();
                        TrainEvent::Diverged(TrainError::Diverged {
                            epoch: self.epoch,
                            batch,
                            loss,
                        })
                    }
                    Ok((loss, accuracy)) => {
                        self.samples += count as u64;
                        if finished_epoch {
                            self.phase = Phase::Evaluating {
                                acc: Box::default(),
                            };
                        }
                        TrainEvent::Batch(BatchReport {
                            epoch: self.epoch,
                            batch,
                            batches_per_epoch: self.batches_per_epoch(),
                            loss,
                            accuracy,
                        })
                    }
                }
            }
            Phase::Evaluating { acc } => {
                let total = self.test.len();
                let start = acc.seen();
                let idx: Vec<usize> = (start..(start + EVAL_SLICE).min(total)).collect();
                if !idx.is_empty() {
                    acc.add(&mut self.model, &self.test, &idx);
                }
                if acc.seen() < total {
                    return TrainEvent::Evaluating {
                        epoch: self.epoch,
                        done: acc.seen(),
                        total,
                    };
                }
                let test = acc.finish();
                let epoch = self.epoch;
                self.epoch += 1;
                self.phase = if self.epoch >= self.schedule.epochs {
                    Phase::Done
                } else {
                    Phase::Training {
                        order: epoch_order(self.train.len(), self.schedule.seed, self.epoch),
                        next: 0,
                    }
                };
                TrainEvent::Epoch {
                    epoch,
                    test: Box::new(test),
                }
            }
        }
    }
}

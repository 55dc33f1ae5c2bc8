//! A training run that advances one small piece of work at a time.
//!
//! A loop that runs until it is done would deafen a Web Worker: while it loops, "Pause" and "Stop"
//! messages wait unread. `Trainer::work()` returns after one mini-batch or one evaluation slice, so
//! its caller decides when to yield; the command line simply calls it until it is done. The batch
//! order, updates and evaluation are exactly a plain loop's (`testutil::reference_fit`, checked by
//! `trainer_tests.rs`, also when a run diverges).

use crate::engine::data::mnist::Dataset;
use crate::engine::nn::model::{GradientsReady, Sequential};
use crate::engine::train::evaluation::{Cell, EvalAccumulator, Evaluation};
use crate::engine::train::guard::Guard;
use crate::engine::train::optim::{Optimizer, OptimizerKind};
use crate::engine::train::steps::{epoch_order, BatchReport, Schedule, TrainError, EXPLODED_LOSS};
use crate::engine::train::team::{sum_into, ShardGradient, Split, Team};

/// How many test images one evaluation slice predicts.
pub const EVAL_SLICE: usize = 250;

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
    /// In a team: this member's share of a step is ready. Send it to the others, then call
    /// `complete_step` with every member's share.
    ShareGradient(ShardGradient),
    /// In a team: this member evaluated its shard of the test set. Send the totals to the others,
    /// then call `complete_evaluation` with every member's.
    ShareEvaluation(Box<EvalAccumulator>),
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
    guard: Guard,
    team: Team,
    /// How the team divides each batch (see `Split`).
    split: Split,
    /// Steps taken (or refused) so far in the run; pairs a team's gradient messages.
    steps: u64,
    /// A share was handed out and its `complete_…` call has not come yet.
    waiting: bool,
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
        let mut model = model;
        let guard = Guard::new(&mut model);
        Self {
            model,
            opt,
            train,
            test,
            schedule,
            epoch: 0,
            phase,
            samples: 0,
            guard,
            team: Team::SOLO,
            split: Split::even(1),
            steps: 0,
            waiting: false,
        }
    }

    /// Only evaluates `model` on `test` (the lab's "Evaluate on test set"), keeping every mistake of
    /// `focus`: `work` gives `Evaluating` events, `Epoch { epoch: 0, .. }`, `Finished`. In a team too.
    pub fn evaluation_only(model: Sequential, test: Dataset, focus: Option<Cell>) -> Self {
        let mut t = Self::new(
            model,
            Optimizer::new(OptimizerKind::sgd(0.0), 0.0),
            test.take(0),
            test,
            Schedule {
                epochs: 0,
                batch_size: 1,
                seed: 0,
            },
        );
        t.phase = Phase::Evaluating {
            acc: Box::new(EvalAccumulator::keeping_all_of(focus)),
        };
        t
    }

    /// Train as member `team.index` of a team (see `team.rs`); every member must be built with the
    /// same model, optimizer, data and schedule.
    pub fn in_team(mut self, team: Team) -> Self {
        self.team = team;
        self.split = Split::even(team.size);
        self
    }

    /// How the team divides each batch (`Split::last_parts`: the last step's parts).
    pub fn split(&self) -> &Split {
        &self.split
    }

    /// Steps finished (or refused) so far: the key a team pairs its shares by.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// Waiting for the team's shares (`complete_step` / `complete_evaluation` is due).
    pub fn is_waiting(&self) -> bool {
        self.waiting
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

    /// Do one mini-batch or one evaluation slice (in a team: this member's share of it).
    pub fn work(&mut self) -> TrainEvent {
        self.work_with(None)
    }

    /// `work`, and in a team each layer's gradients handed to `ready` as soon as the backward pass
    /// has made them, so they can travel to the others while the layers below still compute (the
    /// `ShareGradient` event still carries the whole share).
    pub fn work_sharing(&mut self, ready: &mut dyn FnMut(GradientsReady)) -> TrainEvent {
        self.work_with(Some(ready))
    }

    fn work_with(&mut self, ready: Option<&mut dyn FnMut(GradientsReady)>) -> TrainEvent {
        assert!(
            !self.waiting,
            "a team member must complete its step before working on"
        );
        match &mut self.phase {
            Phase::Done => TrainEvent::Finished,
            Phase::Training { order, next } => {
                let end = (*next + self.schedule.batch_size).min(order.len());
                let batch: Vec<usize> = order[*next..end].to_vec();
                let share = self.shard_gradient(&batch, ready);
                if self.team.is_solo() {
                    self.complete_step(&[share])
                } else {
                    self.waiting = true;
                    TrainEvent::ShareGradient(share)
                }
            }
            Phase::Evaluating { acc } => {
                let mine = self.team.shard(self.test.len());
                let start = mine.start + acc.seen();
                let idx: Vec<usize> = (start..(start + EVAL_SLICE).min(mine.end)).collect();
                if !idx.is_empty() {
                    acc.add(&mut self.model, &self.test, &idx);
                }
                if mine.start + acc.seen() < mine.end {
                    // The whole team's progress, as far as this member can tell.
                    let total = self.test.len();
                    return TrainEvent::Evaluating {
                        epoch: self.epoch,
                        done: (acc.seen() * self.team.size).min(total),
                        total,
                    };
                }
                let acc = acc.clone();
                if self.team.is_solo() {
                    self.complete_evaluation(&[*acc])
                } else {
                    self.waiting = true;
                    TrainEvent::ShareEvaluation(acc)
                }
            }
        }
    }

    /// Forward and backward on this member's shard of `batch`.
    fn shard_gradient(
        &mut self,
        batch: &[usize],
        ready: Option<&mut dyn FnMut(GradientsReady)>,
    ) -> ShardGradient {
        let mine = &batch[self.split.shard(self.team.index, batch.len())];
        let mut sent_ahead = false;
        let (loss_sum, correct) = if mine.is_empty() {
            self.model.zero_grad();
            (0.0, 0)
        } else {
            let (x, y) = self.train.batch(mine);
            let out = match ready {
                Some(ready) if !self.team.is_solo() => {
                    sent_ahead = true;
                    self.model.train_shard_sharing(&x, &y, batch.len(), ready)
                }
                _ => self.model.train_shard(&x, &y, batch.len()),
            };
            (out.loss as f64 * mine.len() as f64, out.correct)
        };
        ShardGradient {
            step: self.steps,
            loss_sum,
            correct,
            count: mine.len(),
            busy_us: 0,
            // Alone, or sent ahead layer by layer, the gradients simply stay in the parameters.
            grads: if self.team.is_solo() || sent_ahead {
                Vec::new()
            } else {
                ShardGradient::take_grads(&mut self.model)
            },
        }
    }

    /// Finish a step with every member's share, in member order (alone: its own share).
    pub fn complete_step(&mut self, shares: &[ShardGradient]) -> TrainEvent {
        self.waiting = false;
        self.steps += 1;
        let Phase::Training { order, next } = &mut self.phase else {
            return TrainEvent::Finished;
        };
        let bs = self.schedule.batch_size;
        let batch = *next / bs;
        let end = (*next + bs).min(order.len());
        let count = end - *next;
        *next = end;
        let finished_epoch = end == order.len();
        let loss = (shares.iter().map(|s| s.loss_sum).sum::<f64>() / count.max(1) as f64) as f32;
        let correct: usize = shares.iter().map(|s| s.correct).sum();
        let summed = if self.team.is_solo() {
            Ok(())
        } else {
            self.split.adapt(shares);
            sum_into(&mut self.model, shares, self.team.index)
        };
        let epoch = self.epoch;
        let diverged = |loss| TrainError::Diverged { epoch, batch, loss };
        let result = if summed.is_err() || !loss.is_finite() || loss > EXPLODED_LOSS {
            Err(diverged(loss))
        } else {
            self.opt.step(self.model.params_with_ids_mut());
            if let Some(tensor) = Guard::broken_weights(&self.model) {
                Err(TrainError::BadWeights {
                    epoch,
                    batch,
                    tensor,
                })
            } else {
                match self.guard.stuck(loss, &mut self.model) {
                    Some(mean) => Err(diverged(mean)),
                    None => Ok(()),
                }
            }
        };
        match result {
            Err(why) => {
                self.phase = Phase::Done;
                self.guard.restore_good_weights(&mut self.model);
                TrainEvent::Diverged(why)
            }
            Ok(()) => {
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
                    accuracy: correct as f32 / count.max(1) as f32,
                })
            }
        }
    }

    /// Finish an epoch's evaluation with every member's totals, in member order.
    pub fn complete_evaluation(&mut self, shares: &[EvalAccumulator]) -> TrainEvent {
        self.waiting = false;
        let mut all = EvalAccumulator::default();
        for s in shares {
            all.merge(s);
        }
        let test = all.finish();
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

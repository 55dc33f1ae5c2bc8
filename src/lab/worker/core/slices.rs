//! The training loop: slices of training between turns of the event loop, what the worker does
//! with each trainer event, and the progress and weights it sends the page.

use super::{Clock, Outbox, Output, Values, Wake, WorkerCore};
use crate::engine::data::weights::to_safetensors;
use crate::engine::train::steps::TrainError;
use crate::engine::train::trainer::{TrainEvent, Trainer};
use crate::lab::protocol::{CurvePoint, FromWorker, ToPeer};
use crate::lab::report::images_of;

const SLICE_MS: f64 = 40.0;
const POST_MS: f64 = 150.0;
const WEIGHTS_MS: f64 = 2000.0;

/// What the worker does after an event.
pub(super) enum Flow {
    Continue,
    /// Waiting for the team's shares; a member's message resumes it.
    Wait,
    Stop,
}

/// What the next turn of the loop in `on_tick` does.
enum Turn {
    Train(TrainEvent),
    /// Nothing to do until a message comes (paused, no run, waiting for the team).
    Idle,
    /// A braked run rests this many milliseconds before its next step.
    Rest(f64),
}

impl WorkerCore {
    /// One slice of training, then a tick asked for (unless there is nothing to do).
    pub fn on_tick(&mut self, now: Clock, out: &mut dyn Outbox) {
        let slice_start = now();
        loop {
            let event = match self.turn(now, out) {
                Turn::Train(event) => event,
                Turn::Idle => return,
                Turn::Rest(ms) => {
                    self.post_if_due(now, out);
                    return out.send(Output::Tick(Wake::After(ms)));
                }
            };
            match self.on_event(event, now, out) {
                Flow::Continue => {}
                // A team member waits for the others' shares at every step: report while it waits.
                Flow::Wait => return self.post_if_due(now, out),
                Flow::Stop => return,
            }
            if now() - slice_start >= SLICE_MS {
                break;
            }
        }
        self.post_if_due(now, out);
        out.send(Output::Tick(Wake::Now));
    }

    fn turn(&mut self, now: Clock, out: &mut dyn Outbox) -> Turn {
        let Some(trainer) = self.trainer.as_mut() else {
            return Turn::Idle;
        };
        if self.paused || trainer.is_waiting() {
            return Turn::Idle;
        }
        let rest = self.not_before - now();
        if rest > 0.0 {
            return Turn::Rest(rest);
        }
        self.step_started.get_or_insert_with(now);
        // In a team, each layer's gradients leave as soon as the backward pass has them.
        let (ledger, step) = (&self.ledger, trainer.steps());
        let t0 = now();
        let mut event = trainer.work_sharing(&mut |part| {
            if ledger.team.is_solo() {
                return;
            }
            let msg = ToPeer::GradientPart {
                from: ledger.team.index,
                run: ledger.run,
                step,
                offset: part.offset,
            };
            out.send(Output::Peers(msg, Values::Parts(&part.grads)));
        });
        self.step_work_ms += now() - t0;
        // How long this member computed its share: the team divides the next batches by it.
        if let TrainEvent::ShareGradient(share) = &mut event {
            share.busy_us = ((now() - t0) * 1000.0).clamp(1.0, u32::MAX as f64) as u32;
        }
        Turn::Train(event)
    }

    pub(super) fn flush_progress(&mut self, now: Clock, out: &mut dyn Outbox) {
        let Some(t) = self.trainer.as_ref().filter(|_| self.testing.is_none()) else {
            return;
        };
        let (batches, samples) = (t.batches_per_epoch(), t.samples());
        let parts = t.split().last_parts().to_vec();
        self.rate.record(self.train_ms, samples);
        let (epoch, batch) = self.last_batch;
        self.last_post = now();
        let msg = FromWorker::Progress {
            epoch,
            batch,
            batches,
            samples,
            samples_per_second: self.rate.per_second(),
            points: std::mem::take(&mut self.points),
            parts,
        };
        self.post(out, msg, Vec::new());
    }

    /// Progress and weights for the page, when their time has come.
    fn post_if_due(&mut self, now: Clock, out: &mut dyn Outbox) {
        let post_due = now() - self.last_post >= POST_MS;
        let weights_due = now() - self.last_weights >= WEIGHTS_MS;
        if post_due {
            self.flush_progress(now, out);
        }
        if weights_due {
            self.send_weights(now, out);
        }
    }

    fn send_weights(&mut self, now: Clock, out: &mut dyn Outbox) {
        self.last_weights = now();
        // Only member 0's messages reach the page: the others need not serialise the weights.
        if !self.is_leader() {
            return;
        }
        let Some(t) = self.trainer.as_ref().filter(|_| self.testing.is_none()) else {
            return;
        };
        let at = t.samples() as f32 / (t.batches_per_epoch() * t.schedule().batch_size) as f32;
        let bytes = vec![to_safetensors(&t.model)];
        self.post(out, FromWorker::Weights { at }, bytes);
    }

    /// The run's end: its weights to the page with `msg`.
    fn finish(&mut self, msg: FromWorker, now: Clock, out: &mut dyn Outbox) -> Flow {
        self.flush_progress(now, out);
        if let Some(t) = self.trainer.take() {
            self.post(out, msg, vec![to_safetensors(&t.model)]);
        }
        Flow::Stop
    }

    pub(super) fn on_event(&mut self, event: TrainEvent, now: Clock, out: &mut dyn Outbox) -> Flow {
        match event {
            TrainEvent::Batch(b) => {
                let work = std::mem::take(&mut self.step_work_ms);
                if let Some(t0) = self.step_started.take() {
                    let t = now();
                    self.train_ms += t - t0;
                    if !self.pace.is_full_speed() {
                        // The brake stretches the step's own work, never a rest or a wait for
                        // the team (which holds the others' rests: counted, it compounds); the
                        // rest counts as the next step's time, as a slower machine's would.
                        self.not_before = self.pace.next_step_at(t - work, t);
                        self.step_started = Some(t);
                    }
                }
                self.last_batch = (b.epoch, b.batch + 1);
                let x = b.epoch as f32 + (b.batch + 1) as f32 / b.batches_per_epoch as f32;
                self.points.push(CurvePoint {
                    x,
                    loss: b.loss,
                    accuracy: b.accuracy,
                });
                Flow::Continue
            }
            TrainEvent::ShareGradient(share) => match self.share_gradient(share, out) {
                Some(all) => {
                    let flow = self.complete(|t| t.complete_step(&all), now, out);
                    self.ledger.recycle(all);
                    flow
                }
                None => Flow::Wait,
            },
            TrainEvent::ShareEvaluation(totals) => match self.share_evaluation(*totals, out) {
                Some(all) => self.complete(|t| t.complete_evaluation(&all), now, out),
                None => Flow::Wait,
            },
            TrainEvent::Evaluating { epoch, done, total } => {
                self.step_started = None;
                self.post(
                    out,
                    FromWorker::Evaluating { epoch, done, total },
                    Vec::new(),
                );
                Flow::Continue
            }
            TrainEvent::Epoch { epoch, test } => {
                self.step_started = None;
                let images = self
                    .data
                    .as_ref()
                    .map(|(_, t)| images_of(&test.mistakes, t));
                let images = vec![images.unwrap_or_default()];
                if let Some(model) = self.testing.clone() {
                    self.post(out, FromWorker::Tested { model, test }, images);
                    return Flow::Continue;
                }
                self.flush_progress(now, out);
                self.post(out, FromWorker::Epoch { epoch, test }, images);
                self.send_weights(now, out);
                Flow::Continue
            }
            TrainEvent::Finished if self.testing.is_some() => {
                // An evaluation's report went out with its `Epoch` event: nothing more to say.
                self.trainer = None;
                Flow::Stop
            }
            TrainEvent::Finished => self.finish(FromWorker::Done { finished: true }, now, out),
            TrainEvent::Diverged(why) => {
                let message = match why {
                    TrainError::Diverged { epoch, batch, loss } => FromWorker::Diverged {
                        epoch,
                        batch,
                        loss: loss.is_finite().then_some(loss),
                        tensor: None,
                    },
                    TrainError::BadWeights {
                        epoch,
                        batch,
                        tensor,
                    } => FromWorker::Diverged {
                        epoch,
                        batch,
                        loss: None,
                        tensor: Some(tensor),
                    },
                };
                self.finish(message, now, out)
            }
        }
    }

    /// Finishes the shared step or evaluation with every member's share.
    pub(super) fn complete(
        &mut self,
        finish: impl FnOnce(&mut Trainer) -> TrainEvent,
        now: Clock,
        out: &mut dyn Outbox,
    ) -> Flow {
        match self.trainer.as_mut().map(finish) {
            Some(event) => self.on_event(event, now, out),
            None => Flow::Stop,
        }
    }
}

//! The training worker's loop: slices of training between turns of its event loop, what it does
//! with each trainer event, a team member's wait for the others' shares, and the progress and
//! weights it sends the page.

use super::state::{fail, is_leader, now, post, scope, STATE};
use crate::engine::data::weights::to_safetensors;
use crate::engine::train::trainer::{TrainEvent, Trainer};
use crate::lab::protocol::{CurvePoint, FromWorker};
use crate::lab::report::images_of;
use wasm_bindgen::JsValue;

const SLICE_MS: f64 = 40.0;
const POST_MS: f64 = 150.0;
const WEIGHTS_MS: f64 = 2000.0;

/// Runs `tick` at the next turn of the event loop, unless a tick is on its way already.
pub(super) fn schedule_tick() {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        if s.tick_pending {
            return;
        }
        if let Some(c) = &s.channel {
            s.tick_pending = c.port1().post_message(&JsValue::NULL).is_ok();
        }
    });
}

/// Runs `tick` after `ms` (a braked run resting between steps), unless a tick is on its way.
fn schedule_tick_in(ms: f64) {
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        if s.tick_pending {
            return;
        }
        if let Some(wake) = &s.wake {
            let timer = scope()
                .set_timeout_with_callback_and_timeout_and_arguments_0(wake, ms.ceil() as i32);
            s.tick_pending = timer.is_ok();
        }
    });
}

pub(super) fn flush_progress() {
    let msg = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let t = s.trainer.as_ref().filter(|_| s.testing.is_none())?;
        let (batches, samples) = (t.batches_per_epoch(), t.samples());
        let parts = t.split().last_parts().to_vec();
        let train_ms = s.train_ms;
        s.rate.record(train_ms, samples);
        let sps = s.rate.per_second();
        let (epoch, batch) = s.last_batch;
        s.last_post = now();
        Some(FromWorker::Progress {
            epoch,
            batch,
            batches,
            samples,
            samples_per_second: sps,
            points: std::mem::take(&mut s.points),
            parts,
        })
    });
    if let Some(m) = msg {
        post(m, &[]);
    }
}

/// What the worker does after an event.
enum Flow {
    Continue,
    /// Waiting for the team's shares; a peer's message resumes it.
    Wait,
    Stop,
}

/// What the next turn of the loop in `tick` does.
enum Turn {
    Train(TrainEvent),
    /// Nothing to do until a message comes (paused, no run, waiting for the team).
    Idle,
    /// A braked run rests this many milliseconds before its next step.
    Rest(f64),
}

/// One slice of training, then yield.
pub(super) fn tick() {
    STATE.with(|s| s.borrow_mut().tick_pending = false);
    let slice_start = now();
    loop {
        let turn = STATE.with(|s| {
            let mut s = s.borrow_mut();
            let s = &mut *s;
            let Some(trainer) = s.trainer.as_mut() else {
                return Turn::Idle;
            };
            if s.paused || trainer.is_waiting() {
                return Turn::Idle;
            }
            let rest = s.not_before - now();
            if rest > 0.0 {
                return Turn::Rest(rest);
            }
            s.step_started.get_or_insert_with(now);
            // In a team, each layer's gradients leave as soon as the backward pass has them.
            let (peers, step) = (&mut s.peers, trainer.steps());
            let t0 = now();
            let mut event = trainer.work_sharing(&mut |part| peers.send_part(step, part));
            s.step_work_ms += now() - t0;
            // How long this member computed its share: the team divides the next batches by it.
            if let TrainEvent::ShareGradient(share) = &mut event {
                share.busy_us = ((now() - t0) * 1000.0).clamp(1.0, u32::MAX as f64) as u32;
            }
            Turn::Train(event)
        });
        let event = match turn {
            Turn::Train(event) => event,
            Turn::Idle => return,
            Turn::Rest(ms) => {
                post_if_due();
                return schedule_tick_in(ms);
            }
        };
        match on_event(event) {
            Flow::Continue => {}
            // A team member waits for the others' shares at every step: report while it waits.
            Flow::Wait => return post_if_due(),
            Flow::Stop => return,
        }
        if now() - slice_start >= SLICE_MS {
            break;
        }
    }
    post_if_due();
    schedule_tick();
}

/// Progress and weights for the page, when their time has come.
fn post_if_due() {
    let (post_due, weights_due) = STATE.with(|s| {
        let s = s.borrow();
        (
            now() - s.last_post >= POST_MS,
            now() - s.last_weights >= WEIGHTS_MS,
        )
    });
    if post_due {
        flush_progress();
    }
    if weights_due {
        send_weights();
    }
}

fn on_event(event: TrainEvent) -> Flow {
    match event {
        TrainEvent::Batch(b) => {
            STATE.with(|s| {
                let mut s = s.borrow_mut();
                let work = std::mem::take(&mut s.step_work_ms);
                if let Some(t0) = s.step_started.take() {
                    let t = now();
                    s.train_ms += t - t0;
                    if !s.pace.is_full_speed() {
                        // The brake stretches the step's own work, never a rest or a wait for
                        // the team (which holds the others' rests: counted, it compounds); the
                        // rest counts as the next step's time, as a slower machine's would.
                        s.not_before = s.pace.next_step_at(t - work, t);
                        s.step_started = Some(t);
                    }
                }
                s.last_batch = (b.epoch, b.batch + 1);
                let x = b.epoch as f32 + (b.batch + 1) as f32 / b.batches_per_epoch as f32;
                s.points.push(CurvePoint {
                    x,
                    loss: b.loss,
                    accuracy: b.accuracy,
                });
            });
            Flow::Continue
        }
        TrainEvent::ShareGradient(share) => {
            let all = STATE.with(|s| s.borrow_mut().peers.share_gradient(share));
            match all {
                Some(all) => {
                    let flow = complete(|t| t.complete_step(&all));
                    STATE.with(|s| s.borrow_mut().peers.recycle(all));
                    flow
                }
                None => Flow::Wait,
            }
        }
        TrainEvent::ShareEvaluation(totals) => {
            let all = STATE.with(|s| {
                let mut s = s.borrow_mut();
                let step = s.trainer.as_ref().map_or(0, |t| t.steps());
                s.peers.share_evaluation(step, *totals)
            });
            match all {
                Some(all) => complete(|t| t.complete_evaluation(&all)),
                None => Flow::Wait,
            }
        }
        TrainEvent::Evaluating { epoch, done, total } => {
            STATE.with(|s| s.borrow_mut().step_started = None);
            post(FromWorker::Evaluating { epoch, done, total }, &[]);
            Flow::Continue
        }
        TrainEvent::Epoch { epoch, test } => {
            let (testing, images) = STATE.with(|s| {
                let mut s = s.borrow_mut();
                s.step_started = None;
                let images = s.data.as_ref().map(|(_, t)| images_of(&test.mistakes, t));
                (s.testing.clone(), images.unwrap_or_default())
            });
            if let Some(model) = testing {
                post(FromWorker::Tested { model, test }, &[images]);
                return Flow::Continue;
            }
            flush_progress();
            post(FromWorker::Epoch { epoch, test }, &[images]);
            send_weights();
            Flow::Continue
        }
        TrainEvent::Finished if STATE.with(|s| s.borrow().testing.is_some()) => {
            // An evaluation's report went out with its `Epoch` event: nothing more to say.
            STATE.with(|s| s.borrow_mut().trainer = None);
            Flow::Stop
        }
        TrainEvent::Finished => {
            flush_progress();
            if let Some(t) = STATE.with(|s| s.borrow_mut().trainer.take()) {
                post(
                    FromWorker::Done { finished: true },
                    &[to_safetensors(&t.model)],
                );
            }
            Flow::Stop
        }
        TrainEvent::Diverged(why) => {
            use crate::engine::train::steps::TrainError;
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
            flush_progress();
            if let Some(t) = STATE.with(|s| s.borrow_mut().trainer.take()) {
                post(message, &[to_safetensors(&t.model)]);
            }
            Flow::Stop
        }
    }
}

/// Finishes the shared step or evaluation with every member's share.
fn complete(finish: impl FnOnce(&mut Trainer) -> TrainEvent) -> Flow {
    match STATE.with(|s| s.borrow_mut().trainer.as_mut().map(finish)) {
        Some(event) => on_event(event),
        None => Flow::Stop,
    }
}

/// A share from another member: file it, and if this member was waiting for it, go on.
pub(super) fn on_peer(data: JsValue) {
    let filed = STATE.with(|s| s.borrow_mut().peers.receive(&data));
    if let Err(e) = filed {
        return fail(e);
    }
    let ready = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let s = &mut *s;
        let t = s.trainer.as_mut().filter(|t| t.is_waiting())?;
        let step = t.steps();
        if let Some(all) = s.peers.gradients(step) {
            let event = t.complete_step(&all);
            s.peers.recycle(all);
            Some(event)
        } else {
            s.peers
                .evaluations(step)
                .map(|all| t.complete_evaluation(&all))
        }
    });
    if let Some(event) = ready {
        let paused = STATE.with(|s| s.borrow().paused);
        if matches!(on_event(event), Flow::Continue) && !paused {
            schedule_tick();
        }
    }
}

fn send_weights() {
    // Only member 0's messages reach the page (`post`): the others need not serialise ~6 MB.
    if !is_leader() {
        return STATE.with(|s| s.borrow_mut().last_weights = now());
    }
    let msg = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.last_weights = now();
        let t = s.trainer.as_ref().filter(|_| s.testing.is_none())?;
        let at = t.samples() as f32 / (t.batches_per_epoch() * t.schedule().batch_size) as f32;
        Some((at, to_safetensors(&t.model)))
    });
    if let Some((at, bytes)) = msg {
        post(FromWorker::Weights { at }, &[bytes]);
    }
}

//! The training worker: the engine running in a Web Worker so the page never freezes.
//!
//! Training advances in slices of about `SLICE_MS`: after each slice the worker yields to its event
//! loop (through a `MessageChannel`, which unlike `setTimeout(0)` is not clamped to 4 ms), so "Pause"
//! and "Stop" are heard within one mini-batch. Progress is batched into one message per `POST_MS`, and
//! the weights go to the page every `WEIGHTS_MS` so its drawing pad predicts with what is being learned.

use super::envelope::{pack, unpack};
use crate::engine::data::mnist::Dataset;
use crate::engine::data::weights::{load_safetensors, to_safetensors};
use crate::engine::train::optim::Optimizer;
use crate::engine::train::steps::Schedule;
use crate::engine::train::trainer::{TrainEvent, Trainer};
use crate::lab::mnist_files::datasets;
use crate::lab::protocol::{CurvePoint, FromWorker, RunConfig, ToWorker};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent};

const SLICE_MS: f64 = 40.0;
const POST_MS: f64 = 150.0;
const WEIGHTS_MS: f64 = 2000.0;

#[derive(Default)]
struct State {
    data: Option<(Dataset, Dataset)>,
    trainer: Option<Trainer>,
    paused: bool,
    points: Vec<CurvePoint>,
    /// Epoch and batches done in it, of the last finished step.
    last_batch: (usize, usize),
    train_ms: f64,
    last_post: f64,
    last_weights: f64,
    channel: Option<MessageChannel>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

fn post(msg: FromWorker, buffers: &[Vec<u8>]) {
    let (obj, transfer) = pack(msg.to_json(), buffers);
    let _ = scope().post_message_with_transfer(&obj, &transfer);
}

fn fail(message: String) {
    post(FromWorker::Failed { message }, &[]);
}

/// Entry point (called from `src/bin/worker.rs`): listen, then say "ready".
pub fn run() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| handle(ev.data()));
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();

    // The tick channel: posting to port1 runs `tick` on port2 at the next turn of the event loop.
    let channel = MessageChannel::new().expect("MessageChannel");
    let on_tick = Closure::<dyn FnMut(MessageEvent)>::new(|_| tick());
    channel
        .port2()
        .set_onmessage(Some(on_tick.as_ref().unchecked_ref()));
    on_tick.forget();
    STATE.with(|s| s.borrow_mut().channel = Some(channel));
    post(FromWorker::Ready, &[]);
}

fn schedule_tick() {
    STATE.with(|s| {
        if let Some(c) = &s.borrow().channel {
            let _ = c.port1().post_message(&JsValue::NULL);
        }
    });
}

fn handle(data: JsValue) {
    let (json, buffers) = match unpack(&data) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    let msg = match ToWorker::from_json(&json) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    match msg {
        ToWorker::Data => match datasets(&buffers) {
            Ok((train, test)) => {
                post(
                    FromWorker::DataReady {
                        train: train.len(),
                        test: test.len(),
                    },
                    &[],
                );
                STATE.with(|s| s.borrow_mut().data = Some((train, test)));
            }
            Err(e) => fail(e),
        },
        ToWorker::Start(cfg) => match start(&cfg, buffers.first()) {
            Ok(()) => schedule_tick(),
            Err(e) => fail(e),
        },
        ToWorker::Pause => {
            STATE.with(|s| s.borrow_mut().paused = true);
            flush_progress();
            post(FromWorker::Paused, &[]);
        }
        ToWorker::Resume => {
            let running = STATE.with(|s| {
                let mut s = s.borrow_mut();
                s.paused = false;
                s.trainer.is_some()
            });
            if running {
                post(FromWorker::Resumed, &[]);
                schedule_tick();
            }
        }
        ToWorker::Stop => {
            flush_progress();
            let trainer = STATE.with(|s| s.borrow_mut().trainer.take());
            if let Some(t) = trainer {
                post(
                    FromWorker::Done { finished: false },
                    &[to_safetensors(&t.model)],
                );
            }
        }
    }
}

fn start(cfg: &RunConfig, weights: Option<&Vec<u8>>) -> Result<(), String> {
    let (kind, opt_kind) = (cfg.model, cfg.optimizer.kind());
    if !(cfg.learning_rate.is_finite() && cfg.learning_rate > 0.0) {
        return Err(format!(
            "the learning rate must be a positive number, not {}",
            cfg.learning_rate
        ));
    }
    if cfg.batch_size == 0 || cfg.epochs == 0 || cfg.train_images == 0 {
        return Err("batch size, epochs and training images must all be at least 1".into());
    }
    let mut model = kind.build();
    match (cfg.from_current, weights) {
        (true, Some(w)) => load_safetensors(&mut model, w).map_err(|e| e.to_string())?,
        (true, None) => return Err("“continue” needs the current weights".into()),
        (false, _) => model.init(cfg.seed),
    }
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let (train, test) = s
            .data
            .as_ref()
            .ok_or("the MNIST data has not been loaded yet")?;
        let schedule = Schedule {
            epochs: cfg.epochs,
            batch_size: cfg.batch_size,
            seed: cfg.seed,
        };
        let trainer = Trainer::new(
            model,
            Optimizer::new(opt_kind, cfg.learning_rate),
            train.take(cfg.train_images),
            test.clone(),
            schedule,
        );
        let t = now();
        *s = State {
            data: s.data.take(),
            channel: s.channel.take(),
            trainer: Some(trainer),
            last_post: t,
            last_weights: t,
            ..State::default()
        };
        Ok(())
    })
}

fn flush_progress() {
    let msg = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let t = s.trainer.as_ref()?;
        let batches = t.batches_per_epoch();
        let samples = t.samples();
        let sps = if s.train_ms > 0.0 {
            (samples as f64 / (s.train_ms / 1000.0)) as f32
        } else {
            0.0
        };
        let (epoch, batch) = s.last_batch;
        s.last_post = now();
        Some(FromWorker::Progress {
            epoch,
            batch,
            batches,
            samples,
            samples_per_second: sps,
            points: std::mem::take(&mut s.points),
        })
    });
    if let Some(m) = msg {
        post(m, &[]);
    }
}

/// One slice of training, then yield.
fn tick() {
    let slice_start = now();
    loop {
        let step = STATE.with(|s| {
            let mut s = s.borrow_mut();
            if s.paused {
                return None;
            }
            let t0 = now();
            let event = s.trainer.as_mut()?.work();
            if let TrainEvent::Batch(b) = &event {
                s.train_ms += now() - t0;
                s.last_batch = (b.epoch, b.batch + 1);
                let x = b.epoch as f32 + (b.batch + 1) as f32 / b.batches_per_epoch as f32;
                s.points.push(CurvePoint {
                    x,
                    loss: b.loss,
                    accuracy: b.accuracy,
                });
            }
            Some(event)
        });
        let Some(event) = step else { return };
        match event {
            TrainEvent::Batch(_) => {}
            TrainEvent::Evaluating { epoch, done, total } => {
                post(FromWorker::Evaluating { epoch, done, total }, &[])
            }
            TrainEvent::Epoch { epoch, test } => {
                flush_progress();
                post(
                    FromWorker::Epoch {
                        epoch,
                        test_loss: test.loss,
                        test_accuracy: test.accuracy,
                    },
                    &[],
                );
                send_weights();
            }
            TrainEvent::Finished => {
                flush_progress();
                if let Some(t) = STATE.with(|s| s.borrow_mut().trainer.take()) {
                    post(
                        FromWorker::Done { finished: true },
                        &[to_safetensors(&t.model)],
                    );
                }
                return;
            }
            TrainEvent::Diverged(crate::engine::train::steps::TrainError::Diverged {
                epoch,
                batch,
                loss,
            }) => {
                flush_progress();
                if let Some(t) = STATE.with(|s| s.borrow_mut().trainer.take()) {
                    post(
                        FromWorker::Diverged {
                            epoch,
                            batch,
                            loss: loss.is_finite().then_some(loss),
                        },
                        &[to_safetensors(&t.model)],
                    );
                }
                return;
            }
        }
        if now() - slice_start >= SLICE_MS {
            break;
        }
    }
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
    schedule_tick();
}

fn send_weights() {
    let msg = STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.last_weights = now();
        let t = s.trainer.as_ref()?;
        let at = t.samples() as f32 / (t.batches_per_epoch() * t.schedule().batch_size) as f32;
        Some((at, to_safetensors(&t.model)))
    });
    if let Some((at, bytes)) = msg {
        post(FromWorker::Weights { at }, &[bytes]);
    }
}

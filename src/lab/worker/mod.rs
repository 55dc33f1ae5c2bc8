//! The training worker: the engine running in a Web Worker so the page never freezes.
//!
//! Training advances in slices of about `SLICE_MS`: after each slice the worker yields to its event
//! loop (through a `MessageChannel`, which unlike `setTimeout(0)` is not clamped to 4 ms), so "Pause"
//! and "Stop" are heard within one mini-batch. Progress is batched into one message per `POST_MS`, and
//! the weights go to the page every `WEIGHTS_MS` so its drawing pad predicts with what is being learned.
//!
//! In a team (`worker_team.rs`) every member runs the same trainer on its shard; a member that has
//! sent its share waits (returns to its event loop) until the others' arrive on its ports. Only
//! member 0 reports to the page; every member reports its own failures.

mod slices;
mod state;
mod team;

use crate::engine::data::weights::{load_safetensors, to_safetensors};
use crate::engine::train::optim::Optimizer;
use crate::engine::train::steps::Schedule;
use crate::engine::train::team::Team;
use crate::engine::train::trainer::Trainer;
use crate::lab::envelope::unpack;
use crate::lab::mnist_files::datasets;
use crate::lab::network::Network;
use crate::lab::protocol::{FromWorker, RunConfig, ToWorker};
use slices::{flush_progress, on_peer, schedule_tick, tick};
use state::{fail, now, post, scope, State, STATE};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{MessageChannel, MessageEvent, MessagePort};

/// Entry point (called from `src/bin/worker.rs`): listen, then say "ready".
pub fn run() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let ports: Vec<MessagePort> = ev.ports().iter().map(|p| p.unchecked_into()).collect();
        handle(ev.data(), ports)
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();

    // The tick channel: posting to port1 runs `tick` on port2 at the next turn of the event loop.
    let channel = MessageChannel::new().expect("MessageChannel");
    let on_tick = Closure::<dyn FnMut(MessageEvent)>::new(|_| tick());
    channel
        .port2()
        .set_onmessage(Some(on_tick.as_ref().unchecked_ref()));
    on_tick.forget();
    // What the rest timer of a braked run (`lab::pace`) calls.
    let wake = Closure::<dyn FnMut()>::new(tick);
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        s.channel = Some(channel);
        s.wake = Some(wake.as_ref().unchecked_ref::<js_sys::Function>().clone());
    });
    wake.forget();
    post(FromWorker::Ready, &[]);
}

fn handle(data: JsValue, ports: Vec<MessagePort>) {
    let (json, buffers) = match unpack(&data) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    let msg = match ToWorker::from_json(&json) {
        Ok(m) => m,
        Err(e) => return fail(e),
    };
    match msg {
        ToWorker::Join { index, size } => {
            let joined = Team::new(index, size).and_then(|team| {
                for port in &ports {
                    let on_share = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
                        on_peer(ev.data())
                    });
                    port.set_onmessage(Some(on_share.as_ref().unchecked_ref()));
                    on_share.forget();
                }
                STATE.with(|s| s.borrow_mut().peers.join(team, ports))
            });
            if let Err(e) = joined {
                fail(e);
            }
        }
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
        ToWorker::Evaluate { model } => match start_test(model, buffers.first()) {
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
        ToWorker::Pace(pace) => STATE.with(|s| s.borrow_mut().pace = pace),
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

/// Evaluate `weights` of model `kind` on the test set (as the team, if there is one).
fn start_test(kind: Network, weights: Option<&Vec<u8>>) -> Result<(), String> {
    let mut model = kind.build()?;
    let w = weights.ok_or("no weights to evaluate came with the message")?;
    load_safetensors(&mut model, w).map_err(|e| e.to_string())?;
    STATE.with(|s| {
        let mut s = s.borrow_mut();
        let (_, test) = s
            .data
            .as_ref()
            .ok_or("the MNIST data has not been loaded yet")?;
        let trainer = Trainer::evaluation_only(model, test.clone()).in_team(s.peers.team);
        install(&mut s, trainer, Some(kind));
        Ok(())
    })
}

/// Make `trainer` the worker's run, in a fresh state (the data, channel and team stay).
fn install(s: &mut State, trainer: Trainer, testing: Option<Network>) {
    let t = now();
    let mut peers = std::mem::take(&mut s.peers);
    peers.next_run();
    *s = State {
        data: s.data.take(),
        channel: s.channel.take(),
        wake: s.wake.take(),
        pace: s.pace,
        tick_pending: s.tick_pending,
        peers,
        trainer: Some(trainer),
        testing,
        last_post: t,
        last_weights: t,
        ..State::default()
    };
}

fn start(cfg: &RunConfig, weights: Option<&Vec<u8>>) -> Result<(), String> {
    let opt_kind = cfg.optimizer.kind();
    if !(cfg.learning_rate.is_finite() && cfg.learning_rate > 0.0) {
        return Err(format!(
            "the learning rate must be a positive number, not {}",
            cfg.learning_rate
        ));
    }
    if cfg.batch_size == 0 || cfg.epochs == 0 || cfg.train_images == 0 {
        return Err("batch size, epochs and training images must all be at least 1".into());
    }
    let mut model = cfg.model.build()?;
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
        )
        .in_team(s.peers.team);
        install(&mut s, trainer, None);
        Ok(())
    })
}

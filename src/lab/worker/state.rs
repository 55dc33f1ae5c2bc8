//! The training worker's state, shared by its message handling (`worker.rs`) and its training loop
//! (`worker_loop.rs`), and its way to the page.

use super::team::Peers;
use crate::engine::data::mnist::Dataset;
use crate::engine::train::trainer::Trainer;
use crate::lab::envelope::pack;
use crate::lab::network::Network;
use crate::lab::protocol::{CurvePoint, FromWorker};
use std::cell::RefCell;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel};

#[derive(Default)]
pub(super) struct State {
    pub(super) data: Option<(Dataset, Dataset)>,
    pub(super) trainer: Option<Trainer>,
    /// The trainer only evaluates these weights of this model (`ToWorker::Evaluate`): no progress,
    /// no weights, and `Tested` instead of `Epoch` + `Done`.
    pub(super) testing: Option<Network>,
    pub(super) paused: bool,
    pub(super) points: Vec<CurvePoint>,
    /// Epoch and batches done in it, of the last finished step.
    pub(super) last_batch: (usize, usize),
    pub(super) train_ms: f64,
    /// The speed shown, over the last seconds of `train_ms`.
    pub(super) rate: crate::lab::rate::RecentRate,
    pub(super) last_post: f64,
    pub(super) last_weights: f64,
    pub(super) channel: Option<MessageChannel>,
    pub(super) peers: Peers,
    /// When the step in progress started (its time counts into `train_ms`, waiting included).
    pub(super) step_started: Option<f64>,
    /// The brake a test asked for (`lab::pace`), and when the next step may start under it.
    pub(super) pace: crate::lab::pace::Pace,
    pub(super) not_before: f64,
    /// Milliseconds this step computed so far, waits and rests left out (for the brake).
    pub(super) step_work_ms: f64,
    /// A tick is on its way (through `channel` or the rest timer): never start a second one.
    pub(super) tick_pending: bool,
    /// Runs `tick` when called: what the rest timer calls.
    pub(super) wake: Option<js_sys::Function>,
}

thread_local! {
    pub(super) static STATE: RefCell<State> = RefCell::new(State::default());
}

pub(super) fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

pub(super) fn now() -> f64 {
    js_sys::Date::now()
}

pub(super) fn is_leader() -> bool {
    STATE.with(|s| s.borrow().peers.team.index == 0)
}

/// To the page: everything from member 0; from the others only "ready" and their failures.
pub(super) fn post(msg: FromWorker, buffers: &[Vec<u8>]) {
    if !(is_leader() || matches!(msg, FromWorker::Ready | FromWorker::Failed { .. })) {
        return;
    }
    let (obj, transfer) = pack(msg.to_json(), buffers);
    let _ = scope().post_message_with_transfer(&obj, &transfer);
}

pub(super) fn fail(message: String) {
    post(FromWorker::Failed { message }, &[]);
}

//! The training worker's logic as plain Rust: what it does with a message from the page
//! (`on_message`), with one from another member of its team (`on_peer`) and at a turn of its event
//! loop (`on_tick`). Each hands what it wants done — post to the page, send to the other members,
//! give a buffer back, run `on_tick` again — to an `Outbox` as it happens: the page's shell
//! (`worker/shell.rs`) carries them out, the native tests record them.
//!
//! Training advances in slices of about `SLICE_MS`: after each the worker asks for a tick at the
//! next turn of its event loop, so "Pause" and "Stop" are heard within one mini-batch. Progress is
//! batched into one message per `POST_MS`, and the weights go to the page every `WEIGHTS_MS` so its
//! drawing pad predicts with what is being learned. Only member 0 reports to the page; every member
//! reports its own failures.

mod peers;
mod slices;
mod start;
#[cfg(test)]
mod tests;

use super::ledger::Ledger;
use crate::engine::data::mnist::Dataset;
use crate::engine::data::weights::to_safetensors;
use crate::engine::train::team::Team;
use crate::engine::train::trainer::Trainer;
use crate::lab::mnist_files::datasets;
use crate::lab::network::Network;
use crate::lab::pace::Pace;
use crate::lab::protocol::{CurvePoint, FromWorker, ToPeer, ToWorker};
use crate::lab::rate::RecentRate;

/// When the worker wants its next tick.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Wake {
    /// At the next turn of the event loop.
    Now,
    /// After this many milliseconds (a braked run resting between steps).
    After(f64),
}

/// Values that go with a message to the other members.
#[derive(Clone, Copy)]
pub enum Values<'a> {
    None,
    /// One share's values.
    Whole(&'a [f32]),
    /// One layer's gradients, parameter by parameter, one after the other.
    Parts(&'a [&'a [f32]]),
}

/// One thing the worker wants done.
pub enum Output<'a> {
    Post(FromWorker, Vec<Vec<u8>>),
    /// To every other member of the team.
    Peers(ToPeer, Values<'a>),
    /// The buffer of the member's message being handled, back to it (its values were copied
    /// out, so the sender can fill it again).
    GiveBack {
        to: usize,
    },
    Tick(Wake),
}

/// Where the worker's outputs go, in order, as it makes them.
pub trait Outbox {
    fn send(&mut self, out: Output<'_>);
}

/// What came with a message from the page besides its JSON.
#[derive(Default)]
pub struct Attached {
    pub buffers: Vec<Vec<u8>>,
    /// Message ports to the other members (`ToWorker::Join`).
    pub ports: usize,
}

/// The worker's clock, in milliseconds.
pub type Clock<'a> = &'a dyn Fn() -> f64;

#[derive(Default)]
pub struct WorkerCore {
    data: Option<(Dataset, Dataset)>,
    trainer: Option<Trainer>,
    /// The trainer only evaluates these weights of this model (`ToWorker::Evaluate`): no progress,
    /// no weights, and `Tested` instead of `Epoch` + `Done`.
    testing: Option<Network>,
    paused: bool,
    points: Vec<CurvePoint>,
    /// Epoch and batches done in it, of the last finished step.
    last_batch: (usize, usize),
    train_ms: f64,
    /// The speed shown, over the last seconds of `train_ms`.
    rate: RecentRate,
    last_post: f64,
    last_weights: f64,
    ledger: Ledger,
    /// When the step in progress started (its time counts into `train_ms`, waiting included).
    step_started: Option<f64>,
    /// The brake a test asked for (`lab::pace`), and when the next step may start under it.
    pace: Pace,
    not_before: f64,
    /// Milliseconds this step computed so far, waits and rests left out (for the brake).
    step_work_ms: f64,
}

impl WorkerCore {
    pub fn team(&self) -> Team {
        self.ledger.team
    }

    fn is_leader(&self) -> bool {
        self.ledger.team.index == 0
    }

    /// To the page: everything from member 0; from the others only "ready" and their failures.
    fn post(&self, out: &mut dyn Outbox, msg: FromWorker, buffers: Vec<Vec<u8>>) {
        if self.is_leader() || matches!(msg, FromWorker::Ready | FromWorker::Failed { .. }) {
            out.send(Output::Post(msg, buffers));
        }
    }

    /// Tells the page what went wrong (every member may).
    pub fn fail(&self, out: &mut dyn Outbox, message: String) {
        self.post(out, FromWorker::Failed { message }, Vec::new());
    }

    /// The worker has started: it says so.
    pub fn on_start(&mut self, out: &mut dyn Outbox) {
        self.post(out, FromWorker::Ready, Vec::new());
    }

    /// A message from the page.
    pub fn on_message(
        &mut self,
        msg: ToWorker,
        attached: Attached,
        now: Clock,
        out: &mut dyn Outbox,
    ) {
        let buffers = attached.buffers;
        match msg {
            ToWorker::Join { index, size } => {
                let joined = Team::new(index, size).and_then(|team| {
                    if attached.ports + 1 != team.size {
                        return Err(format!(
                            "a team of {} needs {} ports to the others, got {}",
                            team.size,
                            team.size - 1,
                            attached.ports
                        ));
                    }
                    self.ledger.team = team;
                    Ok(())
                });
                if let Err(e) = joined {
                    self.fail(out, e);
                }
            }
            ToWorker::Data => match datasets(&buffers) {
                Ok((train, test)) => {
                    let ready = FromWorker::DataReady {
                        train: train.len(),
                        test: test.len(),
                    };
                    self.post(out, ready, Vec::new());
                    self.data = Some((train, test));
                }
                Err(e) => self.fail(out, e),
            },
            ToWorker::Start(cfg) => match self.start(&cfg, buffers.first(), now) {
                Ok(()) => out.send(Output::Tick(Wake::Now)),
                Err(e) => self.fail(out, e),
            },
            ToWorker::Evaluate { model, focus } => {
                match self.start_test(model, focus, &buffers, now) {
                    Ok(()) => out.send(Output::Tick(Wake::Now)),
                    Err(e) => self.fail(out, e),
                }
            }
            ToWorker::Pause => {
                self.paused = true;
                self.flush_progress(now, out);
                self.post(out, FromWorker::Paused, Vec::new());
            }
            ToWorker::Resume => {
                self.paused = false;
                if self.trainer.is_some() {
                    self.post(out, FromWorker::Resumed, Vec::new());
                    out.send(Output::Tick(Wake::Now));
                }
            }
            ToWorker::Pace(pace) => self.pace = pace,
            ToWorker::Stop => {
                self.flush_progress(now, out);
                if let Some(t) = self.trainer.take() {
                    let weights = vec![to_safetensors(&t.model)];
                    self.post(out, FromWorker::Done { finished: false }, weights);
                }
            }
        }
    }
}

//! The messages between the lab page and its training worker.
//!
//! Each message is a JSON object (these enums, via serde) plus a list of binary buffers that travel
//! beside it as transferred `ArrayBuffer`s (no copy): the gzip'd MNIST files, and weights as safetensors
//! in the engine's documented PyTorch layout. Weights are the only model state that crosses, so the page
//! can keep predicting with the newest ones while the worker trains.
//!
//!
//! Several workers train as a team (`engine::train::team`): the page sends every one the same
//! messages, plus `Join` with one `MessagePort` per other member; the members then talk directly
//! (`ToPeer`: shard gradients and evaluation totals) and only member 0 reports to the page.

use super::network::Network;
use super::pace::Pace;
use crate::engine::train::evaluation::{Cell, EvalAccumulator, Evaluation};
use crate::engine::train::optim::OptimizerChoice;
use serde::{Deserialize, Serialize};

/// Everything a run needs besides the data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunConfig {
    /// Serialised "seed" or "lenet5", or a design's spec.
    pub model: Network,
    /// Serialised "sgd", "momentum", "rmsprop" or "adam".
    pub optimizer: OptimizerChoice,
    pub learning_rate: f32,
    pub batch_size: usize,
    pub epochs: usize,
    /// Train on the first this many of the 60,000 training images.
    pub train_images: usize,
    /// Seeds the initial weights (from scratch) and the batch order.
    pub seed: u64,
    /// Continue from the weights sent with the message instead of a fresh random start.
    pub from_current: bool,
}

/// Page → worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToWorker {
    /// Train as member `index` of a team of `size`. Travels with `size − 1` message ports, one per
    /// other member in member order. Without it a worker trains alone.
    Join {
        index: usize,
        size: usize,
    },
    /// Buffers: train images, train labels, test images, test labels — each a gzip'd IDX file.
    Data,
    /// Buffers: the starting weights when `from_current`, else none.
    Start(RunConfig),
    /// Buffers: the weights to evaluate on the test set (the ones the page predicts with). Every
    /// mistake of `focus` is kept, the first `MISTAKES_PER_CELL` of the other cells.
    Evaluate {
        model: Network,
        #[serde(default)]
        focus: Option<Cell>,
    },
    Pause,
    Resume,
    Stop,
    /// Hold training to this pace from now on (tests and demonstrations; see `lab::pace`).
    Pace(Pace),
}

/// One point of the per-batch training curve. `x` is in epochs (1.5 = halfway through the second).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CurvePoint {
    pub x: f32,
    pub loss: f32,
    pub accuracy: f32,
}

/// Worker → page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FromWorker {
    /// The worker's wasm is loaded; messages sent before this would have been lost.
    Ready,
    DataReady {
        train: usize,
        test: usize,
    },
    /// Bad data, a bad configuration or a start before the data: the message says which.
    Failed {
        message: String,
    },
    Progress {
        epoch: usize,
        batch: usize,
        batches: usize,
        samples: u64,
        samples_per_second: f32,
        points: Vec<CurvePoint>,
        /// In a team: the images each member computed in the last batch (`Split::last_parts`).
        parts: Vec<usize>,
    },
    Evaluating {
        epoch: usize,
        done: usize,
        total: usize,
    },
    /// Buffers: the images of `test.mistakes`, 784 bytes each, in order.
    Epoch {
        epoch: usize,
        test: Box<Evaluation>,
    },
    /// The answer to `Evaluate`. Buffers: the images of `test.mistakes`, as for `Epoch`.
    Tested {
        model: Network,
        test: Box<Evaluation>,
    },
    /// Buffers: the current weights (safetensors).
    Weights {
        at: f32,
    },
    Paused,
    Resumed,
    /// Buffers: the final weights. `finished` is false when the learner stopped the run.
    Done {
        finished: bool,
    },
    /// Buffers: the last good weights, from before the step that blew up. `loss` is `None` for NaN or
    /// infinity (JSON has no such numbers). `tensor` names the weights a step broke (NaN, infinite
    /// or beyond the engine's `MAX_WEIGHT`) while the loss was still finite; `None` when the loss
    /// itself gave the run away.
    Diverged {
        epoch: usize,
        batch: usize,
        loss: Option<f32>,
        #[serde(default)]
        tensor: Option<String>,
    },
}

/// Team member → team member, through their `MessagePort`. `run` counts the `Start`s a member has
/// had (the same in every member), so a share from a stopped run is never taken for the next one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ToPeer {
    /// Buffers: one layer's gradients, sent while the member's backward pass goes on below it;
    /// they belong at `offset` of its flattened share gradient.
    GradientPart {
        from: usize,
        run: u32,
        step: u64,
        offset: usize,
    },
    /// The end of a member's share of a step. Buffers: its whole gradient (little-endian f32), or
    /// none when it went ahead in `GradientPart`s.
    Gradient {
        from: usize,
        run: u32,
        step: u64,
        loss_sum: f64,
        correct: usize,
        count: usize,
        /// Microseconds the sender computed its share (the team's split follows them).
        busy_us: u32,
    },
    Evaluation {
        from: usize,
        run: u32,
        step: u64,
        totals: Box<EvalAccumulator>,
    },
    /// Buffers: one the receiver sent gradient values in, emptied, back to its sender to reuse
    /// (`lab::spares`).
    Spare,
}

impl ToPeer {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serialises")
    }
    pub fn from_json(s: &str) -> Result<Self, String> {
        serde_json::from_str(s).map_err(|e| format!("bad message from a team member: {e}"))
    }
}

impl ToWorker {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serialises")
    }
    pub fn from_json(s: &str) -> Result<Self, String> {
        serde_json::from_str(s).map_err(|e| format!("bad message to the worker: {e}"))
    }
}

impl FromWorker {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serialises")
    }
    pub fn from_json(s: &str) -> Result<Self, String> {
        serde_json::from_str(s).map_err(|e| format!("bad message from the worker: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip() {
        let cfg = RunConfig {
            model: crate::engine::nn::models::ModelKind::Lenet5.into(),
            optimizer: OptimizerChoice::RmsProp,
            learning_rate: 1e-4,
            batch_size: 128,
            epochs: 10,
            train_images: 60_000,
            seed: 1,
            from_current: false,
        };
        // Runs saved before the types existed hold these names: they must still read back.
        let json = ToWorker::Start(cfg.clone()).to_json();
        assert!(json.contains(r#""model":"lenet5""#) && json.contains(r#""optimizer":"rmsprop""#));
        for m in [
            ToWorker::Join { index: 1, size: 2 },
            ToWorker::Data,
            ToWorker::Start(cfg),
            ToWorker::Pause,
            ToWorker::Resume,
            ToWorker::Stop,
            ToWorker::Pace(Pace::parse(Some("20"), Some("4"))),
            ToWorker::Evaluate {
                model: crate::engine::nn::models::ModelKind::Seed.into(),
                focus: Some(Cell {
                    truth: 4,
                    predicted: 9,
                }),
            },
        ] {
            assert_eq!(ToWorker::from_json(&m.to_json()).unwrap(), m);
        }
        let p = FromWorker::Progress {
            epoch: 1,
            batch: 2,
            batches: 3,
            samples: 4,
            samples_per_second: 5.5,
            points: vec![CurvePoint {
                x: 1.2,
                loss: 0.3,
                accuracy: 0.9,
            }],
            parts: vec![70, 58],
        };
        assert_eq!(FromWorker::from_json(&p.to_json()).unwrap(), p);
        for m in [
            ToPeer::GradientPart {
                from: 1,
                run: 2,
                step: 3,
                offset: 1_470_000,
            },
            ToPeer::Gradient {
                from: 0,
                run: 2,
                step: 3,
                loss_sum: 1.5,
                correct: 60,
                count: 64,
                busy_us: 31_250,
            },
            ToPeer::Spare,
        ] {
            assert_eq!(ToPeer::from_json(&m.to_json()).unwrap(), m);
        }
        assert!(FromWorker::from_json("{\"type\":\"nonsense\"}")
            .unwrap_err()
            .contains("bad message"));
    }
}

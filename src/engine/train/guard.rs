//! The divergence guard of a training run: it watches the batch losses, keeps snapshots of weights
//! taken while the loss was healthy, and says when a run has gone wrong (then the trainer restores
//! the older snapshot).

use crate::engine::data::weights::MAX_WEIGHT;
use crate::engine::nn::model::Sequential;
use std::collections::VecDeque;

/// The divergence guard looks at the mean loss of this many recent batches…
pub const GUARD_WINDOW: usize = 10;
/// …and stops the run when it stays above 3 × ln 10, three times the loss of guessing uniformly. A too
/// large learning rate does not always give NaN: with ReLU it can kill every unit in one step and leave
/// the loss stuck near 12 for ever, and with tanh it saturates the same way. Normal training, even
/// with a large but workable rate, never averages this much over ten batches.
pub const STUCK_LOSS: f32 = 3.0 * std::f32::consts::LN_10;

#[derive(Default)]
pub(crate) struct Guard {
    recent: VecDeque<f32>,
    /// Weights saved while the loss was healthy, newest last; on divergence the older one comes back,
    /// because the newer may have been taken just after the step that did the damage.
    snapshots: Vec<Vec<Vec<f32>>>,
    since_snapshot: usize,
}

impl Guard {
    /// A guard whose first snapshot is `model`'s weights now.
    pub(crate) fn new(model: &mut Sequential) -> Self {
        let mut g = Self::default();
        g.snapshot(model);
        g
    }

    fn snapshot(&mut self, model: &mut Sequential) {
        let values: Vec<Vec<f32>> = model.params_mut().map(|p| p.value.clone()).collect();
        if self.snapshots.len() == 2 {
            self.snapshots.remove(0);
        }
        self.snapshots.push(values);
        self.since_snapshot = 0;
    }

    pub(crate) fn restore_good_weights(&self, model: &mut Sequential) {
        if let Some(good) = self.snapshots.first() {
            for (p, v) in model.params_mut().zip(good) {
                p.value.copy_from_slice(v);
            }
        }
    }

    /// The first parameter (by its PyTorch-style name) holding a NaN, an infinity or a value beyond
    /// `MAX_WEIGHT` after a step. Such weights would be refused when imported again, and NaN can
    /// hide behind a finite loss for a step (a dead branch, a max that skips it). One pass over the
    /// weights, a small part of a step (docs/benchmarks.md, "Behind the comments").
    pub(crate) fn broken_weights(model: &Sequential) -> Option<String> {
        // Names are made only when something is wrong: this runs after every step.
        let all_good = model
            .layers()
            .iter()
            .all(|l| l.layer.params().iter().all(|p| within_bounds(&p.value)));
        if all_good {
            return None;
        }
        model
            .named_params()
            .into_iter()
            .find(|(_, p)| !within_bounds(&p.value))
            .map(|(name, _)| name)
    }

    /// Record a batch loss (after its step); `Some(mean)` when the recent losses say the run is stuck.
    pub(crate) fn stuck(&mut self, loss: f32, model: &mut Sequential) -> Option<f32> {
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
            self.snapshot(model);
        }
        None
    }
}

/// Every value finite and at most `MAX_WEIGHT` in magnitude (NaN fails the comparison). Chunked
/// without early exit inside a chunk, so the compiler can vectorise the comparisons.
fn within_bounds(values: &[f32]) -> bool {
    values
        .chunks(256)
        .all(|c| c.iter().fold(true, |ok, v| ok & (v.abs() <= MAX_WEIGHT)))
}

//! Short training runs of the tiny network on a batch of examples, and what came of them.

use super::{Pattern, TinyNet, Weights, CLASSES, SIDE};
use crate::engine::ops::tensor::Tensor;

/// One training example: a `SIDE`² input and its class.
#[derive(Clone, Debug, PartialEq)]
pub struct Example {
    pub input: Vec<f32>,
    pub class: usize,
}

/// The lesson's training set: the input shown, with its target, and the other class's pattern —
/// one kernel has to serve both, so a step that is too large for one spoils the other.
pub fn training_set(input: &[f32], target: usize) -> [Example; 2] {
    let target = target.min(CLASSES - 1);
    let other = match target {
        0 => Pattern::Horizontal,
        _ => Pattern::Vertical,
    };
    [
        Example {
            input: input.to_vec(),
            class: target,
        },
        Example {
            input: other.input(),
            class: other.class(),
        },
    ]
}

/// How a short training run went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The loss went down.
    Lowered,
    /// The loss ended higher than it started (or stopped being a number): steps too large.
    Rose,
    /// Every convolution output is ≤ 0 for every example: ReLU passes no gradient back and the
    /// kernel cannot learn any more.
    DeadRelu,
}

/// A short training run on a batch of examples.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    /// The batch's mean loss before each step and after the last (`steps + 1` values).
    pub losses: Vec<f32>,
    pub weights: Weights,
    pub outcome: Outcome,
}

/// `steps` full-batch SGD steps of size `learning_rate` on `examples`.
pub fn train(weights: &Weights, examples: &[Example], learning_rate: f32, steps: usize) -> Run {
    let mut net = TinyNet::new(weights);
    let mut pixels = Vec::with_capacity(examples.len() * SIDE * SIDE);
    for e in examples {
        pixels.extend_from_slice(&e.input);
    }
    let x = Tensor::from_vec(&[examples.len(), 1, SIDE, SIDE], pixels);
    let targets: Vec<u8> = examples
        .iter()
        .map(|e| e.class.min(CLASSES - 1) as u8)
        .collect();
    let mut losses = Vec::with_capacity(steps + 1);
    for _ in 0..steps {
        losses.push(net.trace(&x, &targets).loss);
        net.step(learning_rate);
    }
    let last = net.trace(&x, &targets);
    losses.push(last.loss);
    let (first, end) = (losses[0], last.loss);
    let outcome = if last.conv.data().iter().all(|&c| c <= 0.0) {
        Outcome::DeadRelu
    } else if !end.is_finite() || end > first {
        Outcome::Rose
    } else {
        Outcome::Lowered
    };
    Run {
        losses,
        weights: net.weights(),
        outcome,
    }
}

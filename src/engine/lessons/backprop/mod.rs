//! "How the network learns": one tiny network a learner sees whole — a 6×6 input, one 3×3 kernel,
//! ReLU, 2×2 max pooling, a dense layer to two classes, softmax — with every number of its forward
//! and backward pass. The numbers come from the engine's own layers (the ones the lab trains with)
//! and the update from its own SGD, so the lesson shows what training really computes.

mod net;
mod terms;
mod training;

pub use terms::{input_gradient_terms, kernel_gradient_terms, Term};
pub use training::{train, training_set, Example, Outcome, Run};

use net::TinyNet;

/// The input's side.
pub const SIDE: usize = 6;
/// The kernel's side.
pub const KERNEL: usize = 3;
/// The convolution output's side: 6 − 3 + 1.
pub const CONV_SIDE: usize = SIDE - KERNEL + 1;
/// The pooled map's side.
pub const POOLED_SIDE: usize = CONV_SIDE / 2;
/// The dense layer's inputs: the pooled map, flattened.
pub const FLAT: usize = POOLED_SIDE * POOLED_SIDE;
pub const CLASSES: usize = 2;

/// Every trainable number of the tiny network.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Weights {
    pub kernel: [f32; KERNEL * KERNEL],
    pub conv_bias: f32,
    /// `[class][input]`, PyTorch's layout.
    pub dense: [f32; CLASSES * FLAT],
    pub dense_bias: [f32; CLASSES],
}

impl Weights {
    /// Where the lesson starts: a kernel that half-sees a vertical stroke, and a dense layer that
    /// leans the wrong way for it, so the first steps have something to fix.
    pub const START: Weights = Weights {
        kernel: [0.1, 0.2, -0.1, 0.0, 0.3, 0.1, -0.2, 0.1, 0.2],
        conv_bias: 0.0,
        dense: [0.2, -0.3, 0.1, 0.4, -0.1, 0.5, 0.3, -0.2],
        dense_bias: [0.0, 0.0],
    };
}

/// Every number of one forward and backward pass (row-major grids).
#[derive(Clone, Debug, PartialEq)]
pub struct Pass {
    pub input: Vec<f32>,
    pub weights: Weights,
    pub target: usize,
    /// The convolution's output, before ReLU (`CONV_SIDE`²).
    pub conv: Vec<f32>,
    /// After ReLU.
    pub relu: Vec<f32>,
    /// After max pooling (`FLAT`).
    pub pooled: Vec<f32>,
    /// For each pooled cell, the index (in `relu`) of the cell that won its window.
    pub winners: Vec<usize>,
    pub scores: Vec<f32>,
    pub probabilities: Vec<f32>,
    pub loss: f32,
    /// ∂L/∂scores = p − y.
    pub score_grad: Vec<f32>,
    /// ∂L/∂(dense weights), `[class][input]`.
    pub dense_grad: Vec<f32>,
    pub dense_bias_grad: Vec<f32>,
    /// ∂L/∂(pooled map).
    pub pooled_grad: Vec<f32>,
    /// ∂L/∂(ReLU output): the pooled gradient at each window's winner, 0 elsewhere.
    pub relu_grad: Vec<f32>,
    /// ∂L/∂(convolution output): the ReLU gradient where the convolution was positive.
    pub conv_grad: Vec<f32>,
    /// ∂L/∂K.
    pub kernel_grad: Vec<f32>,
    pub conv_bias_grad: f32,
    /// ∂L/∂input.
    pub input_grad: Vec<f32>,
}

/// The forward and backward pass of `input` (`SIDE`², values 0–1) towards class `target`.
pub fn pass(weights: &Weights, input: &[f32], target: usize) -> Pass {
    TinyNet::new(weights).pass(input, target.min(CLASSES - 1))
}

/// The weights after one SGD step of size `learning_rate` on `input` and `target`.
pub fn step(weights: &Weights, input: &[f32], target: usize, learning_rate: f32) -> Weights {
    let mut net = TinyNet::new(weights);
    net.pass(input, target.min(CLASSES - 1));
    net.step(learning_rate);
    net.weights()
}

/// The patterns the learner starts from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pattern {
    Vertical,
    Horizontal,
}

impl Pattern {
    /// A stroke two pixels wide through the middle of the input.
    pub fn input(self) -> Vec<f32> {
        (0..SIDE * SIDE)
            .map(|i| {
                let (y, x) = (i / SIDE, i % SIDE);
                let along = match self {
                    Pattern::Vertical => x,
                    Pattern::Horizontal => y,
                };
                if along == 2 || along == 3 {
                    1.0
                } else {
                    0.0
                }
            })
            .collect()
    }

    /// The class the pattern belongs to: 0 vertical, 1 horizontal.
    pub fn class(self) -> usize {
        match self {
            Pattern::Vertical => 0,
            Pattern::Horizontal => 1,
        }
    }
}

#[cfg(test)]
mod tests;

//! Network layers, one per file. Every layer has a forward pass, a backward pass that accumulates its
//! parameter gradients and returns the gradient for its input, and counts of parameters and connections.

mod activation;
mod avg_pool;
mod conv2d;
mod dense;
mod flatten;
mod im2col;
mod max_pool;
mod param;
mod pool_window;
mod subsample;
mod zero_pad;

pub use activation::{Activation, ActivationKind, Softmax};
pub use avg_pool::AvgPool2d;
pub use conv2d::{Conv2d, ConvConfig};
pub use dense::Dense;
pub use flatten::Flatten;
pub use max_pool::MaxPool2d;
pub use param::Param;
pub use pool_window::PoolConfig;
pub use subsample::Subsample;
pub use zero_pad::ZeroPad2d;

use super::shape::ShapeError;
use super::tensor::Tensor;

/// What every layer can do. Shapes are per batch item: `[C, H, W]` for images, `[F]` for vectors.
pub trait Layer: Send {
    /// Keras-style class name shown in summaries, e.g. "Conv2D".
    fn kind(&self) -> &'static str;
    /// The per-item output shape for a per-item input shape, or why the input does not fit.
    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError>;
    /// Forward pass on a batch. With `train`, keeps what `backward` needs.
    fn forward(&mut self, x: &Tensor, train: bool) -> Tensor;
    /// Backward pass for the last training forward: adds parameter gradients, returns d(loss)/d(input).
    fn backward(&mut self, grad_out: &Tensor) -> Tensor;
    /// Trainable parameters (empty for parameter-free layers).
    fn params(&self) -> &[Param] {
        &[]
    }
    fn params_mut(&mut self) -> &mut [Param] {
        &mut []
    }
    /// Number of trainable parameters (weights the layer really uses: LeNet's C3 table counts only its links).
    fn param_count(&self) -> usize {
        self.params().iter().map(|p| p.count()).sum()
    }
    /// Connections in LeCun's sense: one per (input or bias) → output link, summed over all outputs.
    /// `None` for element-wise and reshaping layers, which have none worth counting.
    fn connections(&self, _input: &[usize]) -> Option<u64> {
        None
    }
    /// The arithmetic behind `param_count` and `connections`, for a learner to check by hand.
    /// `None` for layers without parameters.
    fn count_formula(&self, _input: &[usize]) -> Option<CountFormula> {
        None
    }
    /// Re-apply structural constraints after an update or a load (LeNet's C3 table zeros its missing links).
    fn constrain(&mut self) {}
}

/// Element-wise activations: summaries fold them into the layer before, the lab draws them that way.
pub fn is_activation(kind: &str) -> bool {
    matches!(kind, "ReLU" | "Sigmoid" | "Tanh" | "Softmax")
}

/// How a layer's counts are made up, e.g. params "6×(1×5×5+1) = 156" and connections
/// "156 × 28×28 = 122,304". Plain arithmetic, the same in every language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CountFormula {
    pub params: String,
    pub connections: String,
}

/// Checks the per-item input rank a layer expects.
pub(crate) fn expect_chw(kind: &str, input: &[usize]) -> Result<(usize, usize, usize), ShapeError> {
    match input {
        [c, h, w] => Ok((*c, *h, *w)),
        _ => Err(ShapeError::Mismatch(format!("{kind} expects a C×H×W input, got {input:?}"))),
    }
}

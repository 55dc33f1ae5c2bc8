//! Network layers, one per file. Every layer has a forward pass, a backward pass that accumulates its
//! parameter gradients and returns the gradient for its input, and counts of parameters and connections.

mod activation;
mod avg_pool;
mod conv2d;
mod dense;
mod flatten;
mod max_pool;
mod param;
mod pool_window;
mod relu_pool;
mod subsample;
mod zero_pad;

pub use activation::{Activation, ActivationKind, Softmax};
pub use avg_pool::AvgPool2d;
pub use conv2d::{Conv2d, ConvConfig, PathKind, Target};
pub use dense::Dense;
pub use flatten::Flatten;
pub use max_pool::MaxPool2d;
pub use param::{Param, ParamId, ParamRole};
pub use pool_window::PoolConfig;
pub use relu_pool::PoolEdge;
pub use subsample::Subsample;
pub use zero_pad::ZeroPad2d;

use crate::engine::ops::shape::ShapeError;
use crate::engine::ops::tensor::Tensor;

/// What every layer can do. Shapes are per batch item: `[C, H, W]` for images, `[F]` for vectors.
/// What only some layers can do is theirs, reached through `AsAny` (a model's plan finds a
/// convolution that can run with its ReLU and pool as one pass: `Conv2d::forward_relu_pool`).
pub trait Layer: AsAny + Send {
    /// What the layer is (`LayerKind::name` is its Keras-style class name, e.g. "Conv2D").
    fn kind(&self) -> LayerKind;
    /// The per-item output shape for a per-item input shape, or why the input does not fit.
    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError>;
    /// Forward pass on a batch. With `train`, keeps what `backward` needs.
    fn forward(&mut self, x: &Tensor, train: bool) -> Tensor;
    /// Backward pass for the last training forward: adds parameter gradients, returns d(loss)/d(input).
    fn backward(&mut self, grad_out: &Tensor) -> Tensor;
    /// `forward` on a tensor the caller gives up: element-wise layers then work in place when
    /// nothing else holds its values (the training step's activations), instead of copying them.
    fn forward_owned(&mut self, x: Tensor, train: bool) -> Tensor {
        self.forward(&x, train)
    }
    /// `backward` on a gradient the caller gives up, likewise.
    fn backward_owned(&mut self, grad_out: Tensor) -> Tensor {
        self.backward(&grad_out)
    }
    /// `backward` for the first trainable layer, whose input gradient nobody reads: layers that can
    /// skip computing it (a convolution's col2im product, a dense layer's input product) do.
    fn backward_params(&mut self, grad_out: &Tensor) {
        self.backward(grad_out);
    }
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

/// The concrete layer behind a `dyn Layer`, for what only some layers can do.
pub trait AsAny {
    fn as_any(&self) -> &dyn std::any::Any;
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any;
}

impl<T: std::any::Any> AsAny for T {
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

/// What a layer is: the type the code branches on (the fused softmax loss, summaries, the lab's
/// drawing), never its display name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerKind {
    Conv2D,
    MaxPooling2D,
    AveragePooling2D,
    Subsampling,
    Dense,
    Flatten,
    ZeroPadding2D,
    Activation(ActivationKind),
    Softmax,
}

impl std::fmt::Display for LayerKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl LayerKind {
    /// Keras-style class name shown in summaries.
    pub fn name(self) -> &'static str {
        match self {
            Self::Conv2D => "Conv2D",
            Self::MaxPooling2D => "MaxPooling2D",
            Self::AveragePooling2D => "AveragePooling2D",
            Self::Subsampling => "Subsampling",
            Self::Dense => "Dense",
            Self::Flatten => "Flatten",
            Self::ZeroPadding2D => "ZeroPadding2D",
            Self::Activation(ActivationKind::Relu) => "ReLU",
            Self::Activation(ActivationKind::Sigmoid) => "Sigmoid",
            Self::Activation(ActivationKind::Tanh) => "Tanh",
            Self::Softmax => "Softmax",
        }
    }

    /// Element-wise activations: summaries fold them into the layer before, the lab draws them that way.
    pub fn is_activation(self) -> bool {
        matches!(self, Self::Activation(_) | Self::Softmax)
    }

    /// Layers that only move values around (nothing new to draw).
    pub fn is_reshape(self) -> bool {
        matches!(self, Self::Flatten | Self::ZeroPadding2D)
    }
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
        _ => Err(ShapeError::Mismatch(format!(
            "{kind} expects a C×H×W input, got {input:?}"
        ))),
    }
}

//! The order a model's layers run in, planned once when the model is built and run by both
//! inference (`Sequential::predict`) and training (`step_layers`): each layer on its own, except
//! a convolution followed by a ReLU and a 2×2 stride-2 max pool, which runs the three as one pass
//! (`Conv2d::forward_relu_pool`; why: docs/benchmarks.md, "Behind the comments").

use super::NamedLayer;
use crate::engine::nn::layers::{ActivationKind, Conv2d, LayerKind, MaxPool2d, PoolEdge};

/// One step of a pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Layer `i` on its own.
    Layer(usize),
    /// Convolution `conv`, its ReLU and its pool (the next two layers) as one pass.
    ConvReluPool { conv: usize, edge: PoolEdge },
}

impl Step {
    /// The first layer of the step and how many layers it covers.
    pub fn layers(self) -> (usize, usize) {
        match self {
            Step::Layer(i) => (i, 1),
            Step::ConvReluPool { conv, .. } => (conv, 3),
        }
    }
}

/// The steps of inference (every layer) and of a training pass (up to the scores: a final Softmax
/// is fused into the loss).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Plan {
    pub inference: Vec<Step>,
    pub training: Vec<Step>,
}

/// The convolution behind a layer, if it is one.
pub(super) fn conv(l: &NamedLayer) -> Option<&Conv2d> {
    (*l.layer).as_any().downcast_ref::<Conv2d>()
}

pub(super) fn conv_mut(l: &mut NamedLayer) -> Option<&mut Conv2d> {
    (*l.layer).as_any_mut().downcast_mut::<Conv2d>()
}

/// The pool's edge if layers `i + 1` and `i + 2` (before `end`) are a ReLU and a 2×2 stride-2
/// max pool that a convolution at `i` can take into its pass.
fn relu_pool_after(layers: &[NamedLayer], i: usize, end: usize) -> Option<PoolEdge> {
    if i + 2 >= end || layers[i + 1].layer.kind() != LayerKind::Activation(ActivationKind::Relu) {
        return None;
    }
    let pool = (*layers[i + 2].layer)
        .as_any()
        .downcast_ref::<MaxPool2d>()?;
    pool.halving(&layers[i + 1].output_shape)
}

/// Layers `..end` as steps; `fuses(conv, i)` says whether convolution `i` may take its ReLU and
/// pool.
fn steps(layers: &[NamedLayer], end: usize, fuses: impl Fn(&Conv2d, usize) -> bool) -> Vec<Step> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < end {
        let edge = conv(&layers[i])
            .filter(|c| fuses(c, i))
            .and_then(|_| relu_pool_after(layers, i, end));
        match edge {
            Some(edge) => {
                out.push(Step::ConvReluPool { conv: i, edge });
                i += 3;
            }
            None => {
                out.push(Step::Layer(i));
                i += 1;
            }
        }
    }
    out
}

impl Plan {
    /// The plan of `layers`, whose training pass runs up to `scores` and whose first layer with
    /// parameters is `first`: nobody reads that layer's input gradient, so it fuses whatever its
    /// path; a later convolution fuses only when its fused pass gives an input gradient
    /// (Winograd).
    pub fn of(layers: &[NamedLayer], scores: usize, first: usize) -> Plan {
        Plan {
            inference: steps(layers, layers.len(), |_, _| true),
            training: steps(layers, scores, |c, i| {
                i == first || c.fuses_with_input_grad()
            }),
        }
    }
}

#[cfg(test)]
mod tests;

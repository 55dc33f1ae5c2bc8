//! The tiny network as the engine's own layers, with one forward and backward pass and one step
//! of the engine's SGD.

use super::{Pass, Weights, CLASSES, CONV_SIDE, FLAT, KERNEL, POOLED_SIDE, SIDE};
use crate::engine::nn::layers::{
    Activation, Conv2d, ConvConfig, Dense, Flatten, Layer, MaxPool2d, ParamId, PoolConfig,
};
use crate::engine::nn::loss::softmax_cross_entropy;
use crate::engine::ops::shape::Padding;
use crate::engine::ops::tensor::Tensor;
use crate::engine::train::optim::{Optimizer, OptimizerKind};

/// The tensors of one forward and backward pass.
pub(super) struct Trace {
    pub conv: Tensor,
    relu: Tensor,
    pooled: Tensor,
    scores: Tensor,
    pub loss: f32,
    probabilities: Tensor,
    score_grad: Tensor,
    pooled_grad: Tensor,
    relu_grad: Tensor,
    conv_grad: Tensor,
    input_grad: Tensor,
}

/// The engine's layers holding `w`.
pub(super) struct TinyNet {
    conv: Conv2d,
    relu: Activation,
    pool: MaxPool2d,
    flatten: Flatten,
    dense: Dense,
}

impl TinyNet {
    pub fn new(w: &Weights) -> Self {
        let mut conv = Conv2d::new(ConvConfig::new(1, 1, KERNEL, Padding::Valid));
        conv.params_mut()[0].value = w.kernel.to_vec();
        conv.params_mut()[1].value = vec![w.conv_bias];
        let mut dense = Dense::new(FLAT, CLASSES);
        dense.params_mut()[0].value = w.dense.to_vec();
        dense.params_mut()[1].value = w.dense_bias.to_vec();
        Self {
            conv,
            relu: Activation::relu(),
            pool: MaxPool2d::new(PoolConfig::new(2, 2, Padding::Valid)),
            flatten: Flatten::new(),
            dense,
        }
    }

    pub fn weights(&self) -> Weights {
        let (c, d) = (self.conv.params(), self.dense.params());
        let mut w = Weights::START;
        w.kernel.copy_from_slice(&c[0].value);
        w.conv_bias = c[1].value[0];
        w.dense.copy_from_slice(&d[0].value);
        w.dense_bias.copy_from_slice(&d[1].value);
        w
    }

    /// Forward and backward through the engine's layers for a batch (`[N, 1, SIDE, SIDE]`),
    /// leaving the parameters' gradients of the batch's mean loss.
    pub fn trace(&mut self, x: &Tensor, targets: &[u8]) -> Trace {
        let conv = self.conv.forward(x, true);
        let relu = self.relu.forward(&conv, true);
        let pooled = self.pool.forward(&relu, true);
        let flat = self.flatten.forward(&pooled, true);
        let scores = self.dense.forward(&flat, true);
        let out = softmax_cross_entropy(&scores, targets);
        for p in self
            .conv
            .params_mut()
            .iter_mut()
            .chain(self.dense.params_mut())
        {
            p.zero_grad();
        }
        let flat_grad = self.dense.backward(&out.grad);
        let pooled_grad = self.flatten.backward(&flat_grad);
        let relu_grad = self.pool.backward(&pooled_grad);
        let conv_grad = self.relu.backward(&relu_grad);
        let input_grad = self.conv.backward(&conv_grad);
        Trace {
            conv,
            relu,
            pooled,
            scores,
            loss: out.loss,
            probabilities: out.probs,
            score_grad: out.grad,
            pooled_grad,
            relu_grad,
            conv_grad,
            input_grad,
        }
    }

    pub fn pass(&mut self, input: &[f32], target: usize) -> Pass {
        let x = Tensor::from_vec(&[1, 1, SIDE, SIDE], input.to_vec());
        let t = self.trace(&x, &[target as u8]);
        let (c, d) = (self.conv.params(), self.dense.params());
        Pass {
            input: input.to_vec(),
            weights: self.weights(),
            target,
            winners: winners(t.relu.data()),
            conv: t.conv.data().to_vec(),
            relu: t.relu.data().to_vec(),
            pooled: t.pooled.data().to_vec(),
            scores: t.scores.data().to_vec(),
            probabilities: t.probabilities.data().to_vec(),
            loss: t.loss,
            score_grad: t.score_grad.data().to_vec(),
            dense_grad: d[0].grad.clone(),
            dense_bias_grad: d[1].grad.clone(),
            pooled_grad: t.pooled_grad.data().to_vec(),
            relu_grad: t.relu_grad.data().to_vec(),
            conv_grad: t.conv_grad.data().to_vec(),
            kernel_grad: c[0].grad.clone(),
            conv_bias_grad: c[1].grad[0],
            input_grad: t.input_grad.data().to_vec(),
        }
    }

    /// One step of the engine's plain SGD on the gradients of the last pass.
    pub fn step(&mut self, learning_rate: f32) {
        let mut sgd = Optimizer::new(OptimizerKind::sgd(0.0), learning_rate);
        let conv = self.conv.params_mut().iter_mut().map(|p| (0, p));
        let dense = self.dense.params_mut().iter_mut().map(|p| (4, p));
        sgd.step(conv.chain(dense).map(|(layer, p)| {
            let role = p.role;
            (ParamId { layer, role }, p)
        }));
    }
}

/// For each 2×2 window of a `CONV_SIDE`² map, the index of its largest cell (the first of equals,
/// as the engine's max pooling takes it).
fn winners(map: &[f32]) -> Vec<usize> {
    let mut out = Vec::with_capacity(FLAT);
    for py in 0..POOLED_SIDE {
        for px in 0..POOLED_SIDE {
            let cells = (0..4).map(|k| (2 * py + k / 2) * CONV_SIDE + 2 * px + k % 2);
            let best = cells.fold(None::<usize>, |b, i| match b {
                Some(j) if map[j] >= map[i] => Some(j),
                _ => Some(i),
            });
            out.extend(best);
        }
    }
    out
}

//! One training pass of a `Sequential`: forward with the training caches, the loss, and backward
//! from the top, stopping where nothing reads the gradient any more.

use super::{plan, Sequential, Step};
use crate::engine::nn::loss::{softmax_cross_entropy_over, LossOutput};
use crate::engine::ops::tensor::Tensor;

/// One layer's part of a timed training step, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LayerClock {
    pub forward: f64,
    pub backward: f64,
    /// The layer whose fused pass ran this one (`Step::ConvReluPool`): its time is there.
    pub inside: Option<usize>,
}

/// One layer's parameter gradients, finished during a backward pass: where they start in the
/// model's flattened gradient (`Sequential::params_mut` order) and the values, parameter by
/// parameter.
pub struct GradientsReady<'a> {
    pub offset: usize,
    pub grads: Vec<&'a [f32]>,
}

impl Sequential {
    /// Forward and backward on one batch; gradients are left in the parameters for an optimizer.
    pub fn train_batch(&mut self, x: &Tensor, labels: &[u8]) -> LossOutput {
        self.step_layers(x, labels, labels.len(), None, None).0
    }

    /// `train_batch` on one shard of a batch of `batch_total` items: the gradients left in the
    /// parameters are this shard's share of the whole batch's (they add up to it over the shards).
    pub fn train_shard(&mut self, x: &Tensor, labels: &[u8], batch_total: usize) -> LossOutput {
        self.step_layers(x, labels, batch_total, None, None).0
    }

    /// `train_shard`, handing each layer's parameter gradients to `ready` as soon as its backward
    /// pass has made them (top layer first), so a team member can send them on while the layers
    /// below are still working.
    pub fn train_shard_sharing(
        &mut self,
        x: &Tensor,
        labels: &[u8],
        batch_total: usize,
        ready: &mut dyn FnMut(GradientsReady),
    ) -> LossOutput {
        self.step_layers(x, labels, batch_total, None, Some(ready))
            .0
    }

    /// `train_batch`, timing each layer's forward and backward pass (milliseconds, by `now_ms`).
    /// Layers that do not run in a direction report 0 for it.
    pub fn timed_train_batch(
        &mut self,
        x: &Tensor,
        labels: &[u8],
        now_ms: &dyn Fn() -> f64,
    ) -> Vec<LayerClock> {
        self.step_layers(x, labels, labels.len(), Some(now_ms), None)
            .1
    }

    fn step_layers(
        &mut self,
        x: &Tensor,
        labels: &[u8],
        batch_total: usize,
        clock: Option<&dyn Fn() -> f64>,
        mut ready: Option<&mut dyn FnMut(GradientsReady)>,
    ) -> (LossOutput, Vec<LayerClock>) {
        let now = || clock.map_or(0.0, |c| c());
        let mut times = vec![LayerClock::default(); self.layers.len()];
        self.zero_grad();
        let k = self.score_layers();
        // Nothing reads the gradient of the input image, nor of anything before the first layer
        // with parameters: backward stops there, and that layer computes its parameter gradients only.
        let first = self.first_with_params(k);
        // The convolutions that ran with their ReLU and pool as one pass (the plan's steps; a
        // step whose layer declines runs its layers one by one).
        let mut fused = vec![false; k];
        let mut h = x.clone();
        for s in 0..self.plan.training.len() {
            let step = self.plan.training[s];
            let start = now();
            if let Step::ConvReluPool { conv: i, edge } = step {
                let pooled = plan::conv_mut(&mut self.layers[i])
                    .and_then(|c| c.forward_relu_pool(&h, i > first, edge));
                if let Some(pooled) = pooled {
                    h = pooled;
                    fused[i] = true;
                    times[i].forward = now() - start;
                    times[i + 1].inside = Some(i);
                    times[i + 2].inside = Some(i);
                    continue;
                }
            }
            let (from, count) = step.layers();
            let layers = self.layers[from..from + count].iter_mut();
            for (l, time) in layers.zip(&mut times[from..from + count]) {
                let start = now();
                h = l.layer.forward_owned(h, true);
                time.forward = now() - start;
            }
        }
        let out = softmax_cross_entropy_over(&h, labels, batch_total);
        // Where each layer's gradients start in the flattened gradient (`params_mut` order).
        let offsets: Vec<usize> = self
            .layers
            .iter()
            .scan(0, |at, l| {
                let start = *at;
                *at += l.layer.params().iter().map(|p| p.grad.len()).sum::<usize>();
                Some(start)
            })
            .collect();
        let mut g = out.grad.clone();
        for i in (first..k).rev() {
            if (i >= 1 && fused[i - 1]) || (i >= 2 && fused[i - 2]) {
                // A ReLU or pool that ran inside the layer before: so does its backward.
                continue;
            }
            let l = &mut self.layers[i];
            let start = now();
            if fused[i] {
                let conv = plan::conv_mut(l).expect("a fused step is a convolution's");
                let dx = conv.backward_relu_pool(&g, i > first);
                if i > first {
                    g = dx.expect("a fused pass that accepted an input gradient gives one");
                }
            } else if i == first {
                l.layer.backward_params(&g);
            } else {
                g = l.layer.backward_owned(g);
            }
            times[i].backward = now() - start;
            if let Some(ready) = ready.as_mut() {
                let params = l.layer.params();
                if !params.is_empty() {
                    let grads = params.iter().map(|p| &p.grad[..]).collect();
                    ready(GradientsReady {
                        offset: offsets[i],
                        grads,
                    });
                }
            }
        }
        (out, times)
    }
}

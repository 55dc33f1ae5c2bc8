//! Softmax + categorical cross-entropy, fused: the gradient with respect to the scores is simply
//! `(p − one_hot)/N`, which is both cheaper and more stable than going through the softmax Jacobian.

use crate::engine::nn::layers::Softmax;
use crate::engine::ops::tensor::Tensor;

/// Keras clips probabilities to [1e-7, 1 − 1e-7] before the log; we do the same so losses compare.
pub const PROB_EPSILON: f32 = 1e-7;

pub struct LossOutput {
    /// Mean cross-entropy over the batch.
    pub loss: f32,
    /// d(loss)/d(scores), shape `[N, classes]`.
    pub grad: Tensor,
    /// Softmax probabilities, shape `[N, classes]`.
    pub probs: Tensor,
    /// How many items had the right class as their largest probability.
    pub correct: usize,
}

/// Index of the largest value (the first on ties).
pub fn argmax(row: &[f32]) -> usize {
    row.iter()
        .enumerate()
        .fold((0, f32::NEG_INFINITY), |best, (i, &v)| {
            if v > best.1 {
                (i, v)
            } else {
                best
            }
        })
        .0
}

/// Cross-entropy of probabilities against integer labels, as Keras computes it.
pub fn cross_entropy(probs: &Tensor, labels: &[u8]) -> f32 {
    let k = probs.item_len();
    let total: f64 = probs
        .data()
        .chunks_exact(k)
        .zip(labels)
        // A label with no class (data are checked on loading; this keeps the API panic-free)
        // scores as the worst answer.
        .map(|(row, &l)| {
            let p = row.get(l as usize).copied().unwrap_or(0.0);
            -(p.clamp(PROB_EPSILON, 1.0 - PROB_EPSILON) as f64).ln()
        })
        .sum();
    (total / labels.len().max(1) as f64) as f32
}

/// Forward and backward of softmax + cross-entropy on raw scores.
pub fn softmax_cross_entropy(scores: &Tensor, labels: &[u8]) -> LossOutput {
    softmax_cross_entropy_over(scores, labels, scores.batch())
}

/// The same for a shard of a batch of `batch_total` items: the gradient is divided by the whole
/// batch's size, so the shards' gradients add up to the batch's (data-parallel training).
pub fn softmax_cross_entropy_over(
    scores: &Tensor,
    labels: &[u8],
    batch_total: usize,
) -> LossOutput {
    let n = batch_total;
    assert_eq!(scores.batch(), labels.len(), "one label per batch item");
    let k = scores.item_len();
    let probs = Softmax::new().forward_no_cache(scores);
    let loss = cross_entropy(&probs, labels);
    let mut grad = probs.clone();
    let mut correct = 0;
    for (row, &l) in grad.data_mut().chunks_exact_mut(k).zip(labels) {
        if argmax(row) == l as usize {
            correct += 1;
        }
        // An out-of-range label pulls no class up (and is never counted correct).
        if let Some(target) = row.get_mut(l as usize) {
            *target -= 1.0;
        }
        for v in row.iter_mut() {
            *v /= n as f32;
        }
    }
    LossOutput {
        loss,
        grad,
        probs,
        correct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testutil::random_tensor;

    #[test]
    fn uniform_scores_give_ln_k() {
        let out = softmax_cross_entropy(&Tensor::zeros(&[2, 10]), &[3, 7]);
        assert!((out.loss - 10f32.ln()).abs() < 1e-6);
        assert!((out.grad.data()[3] - (0.1 - 1.0) / 2.0).abs() < 1e-7);
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let x = random_tensor(&[3, 5], 4);
        let labels = [0u8, 4, 2];
        let out = softmax_cross_entropy(&x, &labels);
        for i in 0..x.len() {
            let eps = 1e-3;
            let (mut a, mut b) = (x.clone(), x.clone());
            a.data_mut()[i] += eps;
            b.data_mut()[i] -= eps;
            let num = (softmax_cross_entropy(&a, &labels).loss
                - softmax_cross_entropy(&b, &labels).loss)
                / (2.0 * eps);
            assert!(
                (num - out.grad.data()[i]).abs() < 1e-3,
                "{i}: {num} vs {}",
                out.grad.data()[i]
            );
        }
    }
}

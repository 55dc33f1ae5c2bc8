//! What the network looked at: two ways to score each input pixel's part in an answer.
//!
//! - **Gradient** (Simonyan et al., 2013, "Deep Inside Convolutional Networks"): how fast the winning
//!   class's score (before the softmax) changes when one pixel changes, ∂score/∂pixel, from one
//!   forward and one backward pass down to the image. Quick enough to follow the pen.
//! - **Occlusion** (Zeiler & Fergus, 2014): cover a square patch with background, see how much the
//!   class's probability drops; each pixel gets the mean drop of the patches covering it. Slower (one
//!   forward pass per patch, all in one batch) but easy to explain: "without this part, the network
//!   is less sure".

use crate::engine::nn::model::Sequential;
use crate::engine::ops::tensor::Tensor;

/// The scores a batch gets before the final softmax (the logits).
pub fn scores(model: &mut Sequential, x: &Tensor) -> Tensor {
    let k = model.score_layers();
    model.layers_mut()[..k]
        .iter_mut()
        .fold(x.clone(), |h, l| l.layer.forward(&h, false))
}

/// ∂(score of `class`)/∂(input) for every item of the batch `x` (each item's own gradient), or
/// `None` when the model has no such class. Parameter gradients are left at zero.
pub fn input_gradient(model: &mut Sequential, x: &Tensor, class: usize) -> Option<Tensor> {
    let k = model.score_layers();
    let classes = *model.output_shape().last()?;
    if class >= classes || x.is_empty() {
        return None;
    }
    let mut h = x.clone();
    for l in &mut model.layers_mut()[..k] {
        h = l.layer.forward(&h, true);
    }
    let mut g = Tensor::zeros(h.shape());
    for row in g.data_mut().chunks_exact_mut(classes) {
        row[class] = 1.0;
    }
    for l in model.layers_mut()[..k].iter_mut().rev() {
        g = l.layer.backward(&g);
    }
    model.zero_grad();
    Some(g)
}

/// Patch size and step of an occlusion map.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occlusion {
    pub patch: usize,
    pub stride: usize,
}

impl Occlusion {
    /// 6×6 patches every 2 pixels: 12×12 = 144 forward passes on a 28×28 image.
    pub const MNIST: Occlusion = Occlusion {
        patch: 6,
        stride: 2,
    };

    /// Top-left corners along one axis of length `n`: every `stride`, plus the last that fits, so
    /// every pixel is covered.
    fn starts(self, n: usize) -> Vec<usize> {
        let patch = self.patch.clamp(1, n.max(1));
        let last = n.saturating_sub(patch);
        let mut v: Vec<usize> = (0..=last).step_by(self.stride.max(1)).collect();
        if v.last() != Some(&last) {
            v.push(last);
        }
        v
    }
}

/// For one image `x` (`[1, C, H, W]`): each pixel's mean drop in the probability of `class` when a
/// patch covering it is set to 0 (the background). Positive: covering that part made the network
/// less sure; negative: more sure. `H × W` values, or `None` for a wrong shape or class.
pub fn occlusion(
    model: &mut Sequential,
    x: &Tensor,
    class: usize,
    cfg: Occlusion,
) -> Option<Vec<f32>> {
    let [1, c, h, w] = x.shape()[..] else {
        return None;
    };
    let base = *model.predict(x).data().get(class)?;
    let (ys, xs) = (cfg.starts(h), cfg.starts(w));
    let (ph, pw) = (cfg.patch.clamp(1, h.max(1)), cfg.patch.clamp(1, w.max(1)));
    let corners: Vec<(usize, usize)> = ys
        .iter()
        .flat_map(|&y| xs.iter().map(move |&x| (y, x)))
        .collect();
    let item = c * h * w;
    let mut batch = Vec::with_capacity(corners.len() * item);
    for &(y0, x0) in &corners {
        let mut img = x.data().to_vec();
        for ch in 0..c {
            for y in y0..y0 + ph {
                img[ch * h * w + y * w + x0..][..pw].fill(0.0);
            }
        }
        batch.extend(img);
    }
    let probs = model.predict(&Tensor::from_vec(&[corners.len(), c, h, w], batch));
    let classes = probs.item_len();
    let mut sum = vec![0.0f32; h * w];
    let mut covered = vec![0u32; h * w];
    for (&(y0, x0), row) in corners.iter().zip(probs.data().chunks_exact(classes)) {
        let drop = base - row[class];
        for y in y0..y0 + ph {
            for x in x0..x0 + pw {
                sum[y * w + x] += drop;
                covered[y * w + x] += 1;
            }
        }
    }
    Some(
        sum.iter()
            .zip(&covered)
            .map(|(s, &n)| s / n.max(1) as f32)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::loss::argmax;
    use crate::engine::nn::models::{lenet5, seed};
    use crate::engine::testutil::random_tensor;

    /// Central difference of the class score along direction `d`, in f64 arithmetic on f32 passes.
    fn numeric(model: &mut Sequential, x: &Tensor, d: &[f32], class: usize, eps: f32) -> f64 {
        let at = |s: f32, m: &mut Sequential| {
            let v: Vec<f32> = x.data().iter().zip(d).map(|(a, b)| a + s * b).collect();
            scores(m, &Tensor::from_vec(x.shape(), v)).data()[class] as f64
        };
        (at(eps, model) - at(-eps, model)) / (2.0 * eps as f64)
    }

    #[test]
    fn gradient_matches_finite_differences() {
        // LeNet-5 is smooth (tanh, average subsampling): single pixels can be checked directly.
        let mut m = lenet5();
        m.init(11);
        let x = random_tensor(&[1, 1, 28, 28], 2);
        let class = argmax(m.predict(&x).data());
        let g = input_gradient(&mut m, &x, class).unwrap();
        assert_eq!(g.shape(), x.shape());
        for &p in &[0usize, 29, 300, 405, 783] {
            let mut d = vec![0.0; 784];
            d[p] = 1.0;
            let num = numeric(&mut m, &x, &d, class, 1e-2);
            let ana = g.data()[p] as f64;
            assert!(
                (num - ana).abs() <= 2e-3 + 2e-2 * ana.abs(),
                "pixel {p}: {num} vs {ana}"
            );
        }
        // The seed model has ReLU and max pooling: check directional derivatives along random
        // directions, which almost never cross a kink with a small step. (Not on a blank image: with
        // zero biases every background unit sits exactly on ReLU's kink and max pooling ties.)
        let mut m = seed();
        m.init(4);
        let noise = random_tensor(&[784], 5).into_data();
        let x = Tensor::from_vec(&[1, 1, 28, 28], noise.iter().map(|v| v.abs()).collect());
        for class in [0, 7] {
            let g = input_gradient(&mut m, &x, class).unwrap();
            for seed in 0..3 {
                let d = random_tensor(&[784], 40 + seed).into_data();
                let ana: f64 = g.data().iter().zip(&d).map(|(a, b)| (a * b) as f64).sum();
                let num = numeric(&mut m, &x, &d, class, 1e-3);
                assert!(
                    (num - ana).abs() <= 1e-2 * (1.0 + ana.abs()),
                    "{num} vs {ana}"
                );
            }
        }
        // Asking leaves no parameter gradients behind, and an unknown class is refused.
        assert!(m
            .named_params()
            .iter()
            .all(|(_, p)| p.grad.iter().all(|&v| v == 0.0)));
        assert!(input_gradient(&mut m, &x, 10).is_none());
    }

    #[test]
    fn occlusion_measures_the_drop_where_the_ink_is() {
        let mut m = seed();
        m.init(9);
        // Covering background changes nothing: a blank image's map is all zero.
        let blank = Tensor::zeros(&[1, 1, 28, 28]);
        let map = occlusion(&mut m, &blank, 3, Occlusion::MNIST).unwrap();
        assert_eq!(map.len(), 784);
        assert!(map.iter().all(|&v| v == 0.0));
        // A corner pixel is covered by the corner patch only: its value is that patch's drop.
        let noise = random_tensor(&[784], 8).into_data();
        let x = Tensor::from_vec(&[1, 1, 28, 28], noise.iter().map(|v| v.abs()).collect());
        let class = argmax(m.predict(&x).data());
        let map = occlusion(&mut m, &x, class, Occlusion::MNIST).unwrap();
        let mut covered = x.data().to_vec();
        for y in 0..6 {
            covered[y * 28..y * 28 + 6].fill(0.0);
        }
        let p = |m: &mut Sequential, v: Vec<f32>| {
            m.predict(&Tensor::from_vec(&[1, 1, 28, 28], v)).data()[class]
        };
        let drop = p(&mut m, x.data().to_vec()) - p(&mut m, covered);
        assert!(
            drop != 0.0 && (map[0] - drop).abs() < 1e-6,
            "{} vs {drop}",
            map[0]
        );
        assert!(map.iter().any(|&v| v != 0.0));
        assert!(occlusion(&mut m, &x, 10, Occlusion::MNIST).is_none());
        assert_eq!(Occlusion::MNIST.starts(28).len(), 12);
        assert_eq!(
            Occlusion {
                patch: 5,
                stride: 4
            }
            .starts(28),
            [0, 4, 8, 12, 16, 20, 23]
        );
    }
}

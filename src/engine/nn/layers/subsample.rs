//! LeNet-5's trainable subsampling (S2, S4): per channel, the sum of each 2×2 window times a learned
//! coefficient plus a learned bias. Two parameters per channel, unlike parameter-free pooling.

use super::pool_window::PoolConfig;
use super::{Layer, LayerKind, Param, ParamRole};
use crate::engine::ops::shape::{Padding, ShapeError};
use crate::engine::ops::tensor::Tensor;

pub struct Subsample {
    cfg: PoolConfig,
    channels: usize,
    /// `weight` is the per-channel coefficient, `bias` the per-channel bias.
    params: Vec<Param>,
    /// Training cache: the input and the window sums.
    cache: Option<(Vec<usize>, Vec<f32>)>,
}

impl Subsample {
    /// `channels` maps, `size`×`size` windows moved by `size` (non-overlapping, as in LeNet-5).
    pub fn new(channels: usize, size: usize) -> Self {
        let mut weight = Param::zeros(ParamRole::Weight, &[channels]);
        weight.value.fill(1.0 / (size * size) as f32);
        Self {
            cfg: PoolConfig::new(size, size, Padding::Valid),
            channels,
            params: vec![weight, Param::zeros(ParamRole::Bias, &[channels])],
            cache: None,
        }
    }

    pub fn config(&self) -> &PoolConfig {
        &self.cfg
    }

    /// LeNet-5's own windows (2×2, moved by 2, no padding), which have a fast path.
    fn is_pairs(&self) -> bool {
        self.cfg.size == (2, 2) && self.cfg.stride == (2, 2) && self.cfg.padding == Padding::Valid
    }
}

/// The sum of every 2×2 window moved by 2 (no padding) of every `h`×`w` plane of `x`, appended to
/// `sums`, added as the general path adds them (each row's pair, then the two rows) so both give the
/// same bits. An odd last row or column is in no window.
fn pair_sums(x: &[f32], h: usize, w: usize, sums: &mut Vec<f32>) {
    let (oh, ow) = (h / 2, w / 2);
    for plane in x.chunks_exact(h * w) {
        for oy in 0..oh {
            let (r0, r1) = (
                &plane[2 * oy * w..][..2 * ow],
                &plane[(2 * oy + 1) * w..][..2 * ow],
            );
            sums.extend(
                r0.chunks_exact(2)
                    .zip(r1.chunks_exact(2))
                    .map(|(a, b)| (a[0] + a[1]) + (b[0] + b[1])),
            );
        }
    }
}

impl Layer for Subsample {
    fn kind(&self) -> LayerKind {
        LayerKind::Subsampling
    }

    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError> {
        if input.first() != Some(&self.channels) {
            return Err(ShapeError::Mismatch(format!(
                "Subsampling expects {} channels, got {input:?}",
                self.channels
            )));
        }
        self.cfg.output_shape("Subsampling", input)
    }

    fn forward(&mut self, x: &Tensor, train: bool) -> Tensor {
        let s = x.shape();
        let (n, c, h, w) = (s[0], s[1], s[2], s[3]);
        let (oh, ow, wins) = self
            .cfg
            .windows(h, w)
            .expect("Subsampling: input shape was validated when the model was built");
        let mut sums = Vec::with_capacity(n * c * oh * ow);
        if self.is_pairs() {
            pair_sums(x.data(), h, w, &mut sums);
        } else {
            for plane in x.data().chunks_exact(h * w) {
                for (rows, cols) in &wins {
                    sums.push(
                        rows.clone()
                            .map(|iy| {
                                plane[iy * w + cols.start..iy * w + cols.end]
                                    .iter()
                                    .sum::<f32>()
                            })
                            .sum::<f32>(),
                    );
                }
            }
        }
        let (coef, bias) = (&self.params[0].value, &self.params[1].value);
        let mut y = Vec::with_capacity(sums.len());
        for (i, plane) in sums.chunks_exact(oh * ow).enumerate() {
            let (k, b) = (coef[i % c], bias[i % c]);
            y.extend(plane.iter().map(|s| s * k + b));
        }
        let y = Tensor::from_vec(&[n, c, oh, ow], y);
        self.cache = train.then(|| (s.to_vec(), sums));
        y
    }

    fn backward(&mut self, grad_out: &Tensor) -> Tensor {
        let (shape, sums) = self
            .cache
            .as_ref()
            .expect("Subsampling: backward needs a training forward first");
        let (c, h, w) = (shape[1], shape[2], shape[3]);
        let (oh, ow, wins) = self.cfg.windows(h, w).expect("validated in forward");
        let mut dx = Tensor::zeros(shape);
        let pairs = self.is_pairs();
        let (coef_p, bias_p) = self.params.split_at_mut(1);
        for (plane_i, (plane, dy)) in dx
            .data_mut()
            .chunks_exact_mut(h * w)
            .zip(grad_out.data().chunks_exact(oh * ow))
            .enumerate()
        {
            let ch = plane_i % c;
            let coef = coef_p[0].value[ch];
            let sums = &sums[plane_i * oh * ow..][..oh * ow];
            // Per plane, then into the parameter's gradient: one running sum per plane, not one
            // dependent addition per window into the same place.
            let (mut dcoef, mut dbias) = (0.0f32, 0.0f32);
            for (g, s) in dy.iter().zip(sums) {
                dcoef += g * s;
                dbias += g;
            }
            coef_p[0].grad[ch] += dcoef;
            bias_p[0].grad[ch] += dbias;
            if pairs {
                // Windows do not overlap: each input cell gets its window's gradient once.
                for (oy, drow) in dy.chunks_exact(ow).enumerate() {
                    let (r0, r1) = plane[2 * oy * w..][..2 * w].split_at_mut(w);
                    for ((a, b), g) in r0.chunks_exact_mut(2).zip(r1.chunks_exact_mut(2)).zip(drow)
                    {
                        let v = g * coef;
                        a.fill(v);
                        b.fill(v);
                    }
                }
                continue;
            }
            for ((rows, cols), g) in wins.iter().zip(dy) {
                for iy in rows.clone() {
                    for v in &mut plane[iy * w + cols.start..iy * w + cols.end] {
                        *v += g * coef;
                    }
                }
            }
        }
        dx
    }

    fn params(&self) -> &[Param] {
        &self.params
    }
    fn params_mut(&mut self) -> &mut [Param] {
        &mut self.params
    }

    fn connections(&self, input: &[usize]) -> Option<u64> {
        self.cfg.connections(input, 1)
    }

    /// One coefficient and one bias per map; each output reads its window plus the bias.
    fn count_formula(&self, input: &[usize]) -> Option<super::CountFormula> {
        let out = self.output_shape(input).ok()?;
        let (c, (kh, kw)) = (self.channels, self.cfg.size);
        let g = crate::engine::numfmt::group_thousands;
        Some(super::CountFormula {
            params: format!("{c}×(1+1) = {}", g(self.param_count() as u64)),
            connections: format!(
                "{c}×({kh}×{kw}+1) × {}×{} = {}",
                out[1],
                out[2],
                g(self.connections(input)?)
            ),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testutil::{check_gradients, random_tensor, randomize_params};

    #[test]
    fn lenet_s2_counts() {
        let s2 = Subsample::new(6, 2);
        assert_eq!(s2.param_count(), 12);
        assert_eq!(s2.connections(&[6, 28, 28]), Some(5_880));
        assert_eq!(s2.output_shape(&[6, 28, 28]).unwrap(), vec![6, 14, 14]);
    }

    #[test]
    fn window_sum_times_coefficient_plus_bias() {
        let mut s = Subsample::new(1, 2);
        s.params_mut()[0].value[0] = 0.5;
        s.params_mut()[1].value[0] = 1.0;
        let x = Tensor::from_vec(&[1, 1, 2, 2], vec![1., 2., 3., 4.]);
        assert_eq!(s.forward(&x, false).data(), &[0.5 * 10.0 + 1.0]);
    }

    #[test]
    fn backward_matches_finite_differences() {
        // Even planes, odd ones (a last row and column in no window), and 3×3 windows (the general
        // path).
        for seed in 0..8 {
            for (size, shape) in [(2, [2, 3, 6, 4]), (2, [2, 3, 7, 5]), (3, [1, 3, 7, 6])] {
                let mut s = Subsample::new(3, size);
                randomize_params(&mut s, seed);
                check_gradients(&mut s, &random_tensor(&shape, seed + 1), seed + 2).unwrap();
            }
        }
    }

    #[test]
    fn pairs_fast_path_matches_the_windows() {
        let x = random_tensor(&[2, 3, 7, 5], 9);
        let mut s = Subsample::new(3, 2);
        randomize_params(&mut s, 4);
        let y = s.forward(&x, false);
        assert_eq!(y.shape(), &[2, 3, 3, 2]);
        let (coef, bias) = (&s.params()[0].value, &s.params()[1].value);
        for (i, got) in y.data().iter().enumerate() {
            let (plane, oy, ox) = (i / 6, i % 6 / 2, i % 2);
            let at = |r: usize, q: usize| x.data()[plane * 35 + (2 * oy + r) * 5 + 2 * ox + q];
            let sum = (at(0, 0) + at(0, 1)) + (at(1, 0) + at(1, 1));
            assert_eq!(*got, sum * coef[plane % 3] + bias[plane % 3], "output {i}");
        }
    }
}

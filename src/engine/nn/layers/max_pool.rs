//! Max pooling: each output keeps the largest value in its window; the gradient flows to that cell only.

use super::pool_window::PoolConfig;
use super::{Layer, LayerKind, PoolEdge};
use crate::engine::ops::shape::ShapeError;
use crate::engine::ops::tensor::Tensor;

pub struct MaxPool2d {
    cfg: PoolConfig,
    /// Training cache: input shape and, per output, the index of the winning input in its plane.
    cache: Option<(Vec<usize>, Vec<u32>)>,
}

impl MaxPool2d {
    pub fn new(cfg: PoolConfig) -> Self {
        Self { cfg, cache: None }
    }
    pub fn config(&self) -> &PoolConfig {
        &self.cfg
    }
}

/// The first `fh × fw` outputs (rows of `ow`) of 2×2 windows at stride 2 over one plane of width
/// `w`: the same winner as the general loop (the first largest in row-major order; a NaN wins and
/// stays), without per-window ranges.
fn pool_2x2(
    xs: &[f32],
    w: usize,
    (fh, fw): (usize, usize),
    ow: usize,
    ys: &mut [f32],
    winners: &mut [u32],
) {
    for oy in 0..fh {
        let (r0, r1) = (
            &xs[2 * oy * w..2 * oy * w + 2 * fw],
            &xs[(2 * oy + 1) * w..(2 * oy + 1) * w + 2 * fw],
        );
        for ox in 0..fw {
            let cells = [r0[2 * ox], r0[2 * ox + 1], r1[2 * ox], r1[2 * ox + 1]];
            let (mut best, mut at) = (cells[0], 0);
            for (i, &v) in cells.iter().enumerate().skip(1) {
                if v > best || (v.is_nan() && !best.is_nan()) {
                    best = v;
                    at = i;
                }
            }
            ys[oy * ow + ox] = best;
            if !winners.is_empty() {
                let (dy, dx) = (at / 2, at % 2);
                winners[oy * ow + ox] = ((2 * oy + dy) * w + 2 * ox + dx) as u32;
            }
        }
    }
}

impl MaxPool2d {
    /// For 2×2 windows at stride 2 starting at the top left of a `[C, H, W]` input (what
    /// `Conv2d::forward_relu_pool` computes): how this pool treats odd sides. `None` for any other
    /// pool.
    pub fn halving(&self, input: &[usize]) -> Option<PoolEdge> {
        let &[_, h, w] = input else { return None };
        if self.cfg.size != (2, 2) || self.cfg.stride != (2, 2) {
            return None;
        }
        let (oh, ow, wins) = self.cfg.windows(h, w).ok()?;
        wins.first().filter(|(r, c)| r.start == 0 && c.start == 0)?;
        [PoolEdge::Drop, PoolEdge::Clip]
            .into_iter()
            .find(|e| (oh, ow) == (e.windows(h), e.windows(w)))
    }
}

impl Layer for MaxPool2d {
    fn kind(&self) -> LayerKind {
        LayerKind::MaxPooling2D
    }

    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError> {
        self.cfg.output_shape("MaxPooling2D", input)
    }

    fn forward(&mut self, x: &Tensor, train: bool) -> Tensor {
        let s = x.shape();
        let (n, c, h, w) = (s[0], s[1], s[2], s[3]);
        let (oh, ow, wins) = self
            .cfg
            .windows(h, w)
            .expect("MaxPooling2D: input shape was validated when the model was built");
        let (plane_in, plane_out) = (h * w, oh * ow);
        let mut y = vec![0.0; n * c * plane_out];
        // Winning cells as u32 offsets inside their plane: half the memory of usize indices.
        let mut arg = vec![0u32; if train { n * c * plane_out } else { 0 }];
        // The common case (every model here): 2×2 windows at stride 2 starting at the top left.
        // Their whole windows take the fast path; a `same` pool's clipped last row and column
        // (13 → 7) go through the general loop below.
        let pairs = self.cfg.size == (2, 2)
            && self.cfg.stride == (2, 2)
            && wins
                .first()
                .is_some_and(|(r, c)| r.start == 0 && c.start == 0);
        let full = if pairs {
            (oh.min(h / 2), ow.min(w / 2))
        } else {
            (0, 0)
        };
        for (p, (xs, ys)) in x
            .data()
            .chunks_exact(plane_in)
            .zip(y.chunks_exact_mut(plane_out))
            .enumerate()
        {
            if pairs {
                let winners = if train {
                    &mut arg[p * plane_out..(p + 1) * plane_out]
                } else {
                    &mut [][..]
                };
                pool_2x2(xs, w, full, ow, ys, winners);
            }
            for (o, (rows, cols)) in wins.iter().enumerate() {
                if o / ow < full.0 && o % ow < full.1 {
                    continue;
                }
                let (mut best, mut best_i) = (f32::NEG_INFINITY, rows.start * w + cols.start);
                for iy in rows.clone() {
                    let start = iy * w + cols.start;
                    for (j, &v) in xs[start..iy * w + cols.end].iter().enumerate() {
                        // A NaN wins its window and stays (no later `v > NaN`): NaN propagates.
                        if v > best || (v.is_nan() && !best.is_nan()) {
                            best = v;
                            best_i = start + j;
                        }
                    }
                }
                ys[o] = best;
                if train {
                    arg[p * plane_out + o] = best_i as u32;
                }
            }
        }
        self.cache = train.then(|| (s.to_vec(), arg));
        Tensor::from_vec(&[n, c, oh, ow], y)
    }

    fn backward(&mut self, grad_out: &Tensor) -> Tensor {
        let (shape, arg) = self
            .cache
            .as_ref()
            .expect("MaxPooling2D: backward needs a training forward first");
        let (plane_in, plane_out) = (shape[2] * shape[3], grad_out.item_len() / shape[1]);
        let mut dx = vec![0.0; shape.iter().product()];
        for ((dxs, gs), args) in dx
            .chunks_exact_mut(plane_in)
            .zip(grad_out.data().chunks_exact(plane_out))
            .zip(arg.chunks_exact(plane_out))
        {
            for (g, &i) in gs.iter().zip(args) {
                dxs[i as usize] += g;
            }
        }
        Tensor::from_vec(shape, dx)
    }

    fn connections(&self, input: &[usize]) -> Option<u64> {
        self.cfg.connections(input, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ops::shape::Padding;
    use crate::engine::testutil::{check_gradients, random_tensor};
    use proptest::prelude::*;

    #[test]
    fn nan_wins_its_window_wherever_it_sits() {
        for at in 0..4 {
            let mut v = vec![1.0, 5.0, 2.0, 3.0];
            v[at] = f32::NAN;
            let x = Tensor::from_vec(&[1, 1, 2, 2], v);
            let y = MaxPool2d::new(PoolConfig::new(2, 2, Padding::Valid)).forward(&x, false);
            assert!(y.data()[0].is_nan(), "NaN at {at} was swallowed");
        }
    }

    #[test]
    fn source_example_4x4() {
        // The source's 4×4 example: windows 2×2, stride 2; top-left window is (3, 6, 4, 7) → 7.
        let x = Tensor::from_vec(
            &[1, 1, 4, 4],
            vec![
                3., 6., 1., 2., 4., 7., 5., 0., 8., 2., 1., 1., 3., 4., 6., 9.,
            ],
        );
        let y = MaxPool2d::new(PoolConfig::new(2, 2, Padding::Valid)).forward(&x, false);
        assert_eq!(y.data(), &[7., 5., 8., 9.]);
    }

    #[test]
    fn same_pooling_never_picks_padding() {
        let x = Tensor::from_vec(&[1, 1, 3, 3], vec![-1.0; 9]);
        let y = MaxPool2d::new(PoolConfig::new(2, 2, Padding::Same)).forward(&x, false);
        assert_eq!(y.shape(), &[1, 1, 2, 2]);
        assert!(y.data().iter().all(|&v| v == -1.0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// The 2×2 stride-2 fast path picks the same winner as a plain scan (first largest in
        /// row-major order, NaN wins): ties and NaNs included; odd sizes drop their last row/column
        /// (`valid`) or pool it alone (`same`).
        #[test]
        fn two_by_two_matches_a_plain_scan(h in 2usize..10, w in 2usize..10, same: bool, cells in proptest::collection::vec(0u8..6, 81)) {
            let v: Vec<f32> = (0..h * w).map(|i| match cells[i % 81] { 5 => f32::NAN, c => c as f32 }).collect();
            let mut pool = MaxPool2d::new(PoolConfig::new(2, 2, if same { Padding::Same } else { Padding::Valid }));
            let y = pool.forward(&Tensor::from_vec(&[1, 1, h, w], v.clone()), true);
            let (oh, ow) = if same { (h.div_ceil(2), w.div_ceil(2)) } else { (h / 2, w / 2) };
            let dx = pool.backward(&Tensor::from_vec(&[1, 1, oh, ow], (1..=oh * ow).map(|i| i as f32).collect()));
            let mut want_dx = vec![0.0f32; h * w];
            for oy in 0..oh {
                for ox in 0..ow {
                    let (mut best, mut at) = (f32::NEG_INFINITY, 2 * oy * w + 2 * ox);
                    let cells = (2 * oy..(2 * oy + 2).min(h)).flat_map(|y| (2 * ox..(2 * ox + 2).min(w)).map(move |x| y * w + x));
                    for i in cells {
                        if v[i] > best || (v[i].is_nan() && !best.is_nan()) {
                            (best, at) = (v[i], i);
                        }
                    }
                    let got = y.data()[oy * ow + ox];
                    prop_assert!(got == best || got.is_nan() && best.is_nan());
                    want_dx[at] = (oy * ow + ox + 1) as f32;
                }
            }
            prop_assert_eq!(dx.data(), &want_dx[..]);
        }

        #[test]
        fn backward_matches_finite_differences(n in 1usize..3, c in 1usize..3, h in 2usize..9, w in 2usize..9, k in 1usize..4, s in 1usize..4, same: bool, seed in 0u64..1000) {
            let mut pool = MaxPool2d::new(PoolConfig::new(k, s, if same { Padding::Same } else { Padding::Valid }));
            prop_assume!(pool.output_shape(&[c, h, w]).is_ok());
            // Values at least 0.03 apart: finite differences step 0.01, so no window's winner can
            // change under the step (a near-tie made this test fail now and then).
            let r = random_tensor(&[n, c, h, w], seed);
            let mut order: Vec<usize> = (0..r.len()).collect();
            order.sort_by(|&a, &b| r.data()[a].total_cmp(&r.data()[b]));
            let mut spaced = vec![0.0; r.len()];
            for (rank, &i) in order.iter().enumerate() {
                spaced[i] = rank as f32 * 0.03 - 1.0;
            }
            let x = Tensor::from_vec(&[n, c, h, w], spaced);
            // Independent reference, from Keras's rules rather than the layer's own window helper:
            // valid → ⌊(n − k)/s⌋ + 1 outputs; same → ⌈n/s⌉ outputs with the padding split
            // ⌊total/2⌋ before and the rest after; each output is the maximum of its in-bounds cells.
            let axis = |n: usize| -> (usize, usize) {
                if same {
                    let out = n.div_ceil(s);
                    (out, ((out - 1) * s + k).saturating_sub(n) / 2)
                } else {
                    ((n - k) / s + 1, 0)
                }
            };
            let ((oh, top), (ow, left)) = (axis(h), axis(w));
            let y = pool.forward(&x, false);
            prop_assert_eq!(y.shape(), &[n, c, oh, ow]);
            for plane in 0..n * c {
                for oy in 0..oh {
                    for ox in 0..ow {
                        let mut m = f32::NEG_INFINITY;
                        for dy in 0..k {
                            for dx in 0..k {
                                let (iy, ix) = ((oy * s + dy) as isize - top as isize, (ox * s + dx) as isize - left as isize);
                                if (0..h as isize).contains(&iy) && (0..w as isize).contains(&ix) {
                                    m = m.max(x.data()[plane * h * w + iy as usize * w + ix as usize]);
                                }
                            }
                        }
                        prop_assert_eq!(y.data()[(plane * oh + oy) * ow + ox], m);
                    }
                }
            }
            check_gradients(&mut pool, &x, seed + 1)?;
        }
    }
}

//! A convolution, ReLU and a 2×2 stride-2 max pool as one training pass, for the first layer with
//! parameters (whose input gradient nobody reads; `Sequential`'s training step decides, see
//! `nn/model/training.rs`). Image by image, the convolution's output lands in a buffer that stays
//! in cache and goes straight through ReLU and the pool; only the pooled output and, per pooled
//! cell, which of its four cells won (or that none passes a gradient) leave it. The backward pass
//! then adds the kernel gradient from those winners alone: each pooled cell's gradient times the
//! input cells its winner read.
//!
//! Why: in the seed model these three layers made ~20% of a training step in the page, almost all
//! of it moving 12 MB tensors (the convolution's output, ReLU's, their gradients) through memory.
//! Results are those of the three layers run one by one, up to the order of additions inside the
//! convolution (its bias is added first here); ties and NaN follow `MaxPool2d` (the first largest
//! cell wins, a NaN wins and stays).

use super::{reuse, Conv2d};
use crate::engine::nn::layers::im2col::im2col;
use crate::engine::ops::tensor::Tensor;
use crate::engine::ops::{f32x4::F4, matmul::matmul};

/// A pooled cell whose gradient stops: its maximum is not positive, so ReLU passed nothing.
const NO_GRADIENT: u8 = 4;

/// ReLU as the `Activation` layer has it: NaN stays NaN.
#[inline(always)]
fn relu(v: f32) -> f32 {
    if v < 0.0 {
        0.0
    } else {
        v
    }
}

/// Pools one plane of convolution outputs (`ow` wide) after ReLU: `ph × pw` maxima into `ys`, and
/// into `wins` which of each window's cells (row-major, 0..4) passes the gradient. (A version
/// with four windows per vector was slower in V8: its NaN-aware maximum and lane extractions cost
/// more than these compares.)
fn relu_pool_plane(
    plane: &[f32],
    ow: usize,
    (ph, pw): (usize, usize),
    ys: &mut [f32],
    wins: &mut [u8],
) {
    for py in 0..ph {
        let (r0, r1) = (
            &plane[2 * py * ow..][..2 * pw],
            &plane[(2 * py + 1) * ow..][..2 * pw],
        );
        for px in 0..pw {
            let cells = [r0[2 * px], r0[2 * px + 1], r1[2 * px], r1[2 * px + 1]];
            (ys[py * pw + px], wins[py * pw + px]) = pool_window(cells.map(relu));
        }
    }
}

/// One window's maximum and winner code, as `MaxPool2d` picks it: the first largest cell, a NaN
/// winning and staying.
fn pool_window(cells: [f32; 4]) -> (f32, u8) {
    let (mut best, mut at) = (cells[0], 0);
    for (i, &v) in cells.iter().enumerate().skip(1) {
        if v > best || (v.is_nan() && !best.is_nan()) {
            best = v;
            at = i;
        }
    }
    (best, if best > 0.0 { at as u8 } else { NO_GRADIENT })
}

impl Conv2d {
    /// The training forward of this layer, ReLU and a 2×2 stride-2 max pool whose windows tile
    /// the output from the top left (the caller checks the pool): the pooled output.
    pub(super) fn relu_pool_forward(&mut self, x: &Tensor) -> Option<Tensor> {
        let s = x.shape();
        let n = s[0];
        let g = self.geometry(s[1], s[2], s[3]).ok()?;
        let (o, rows, area) = (self.cfg.out_channels, g.rows(), g.out_area());
        let (ph, pw) = (g.oh / 2, g.ow / 2);
        if ph == 0 || pw == 0 || rows == 0 {
            return None;
        }
        let (in_len, pooled) = (g.c * g.h * g.w, ph * pw);
        let mut y = vec![0.0; n * o * pooled];
        let mut wins = vec![0u8; n * o * pooled];
        let mut col = reuse(std::mem::take(&mut self.col), rows * area);
        let mut out = reuse(std::mem::take(&mut self.out), o * area);
        let (weight, bias) = (&self.params[0].value, &self.params[1].value);
        for (b, xs) in x.data().chunks_exact(in_len).enumerate() {
            im2col(xs, 1, &g, &mut col);
            // The product adds onto the bias: [O, area] is this image's NCHW output already.
            for (plane, &bv) in out.chunks_exact_mut(area).zip(bias) {
                plane.fill(bv);
            }
            matmul(o, area, rows, weight, false, &col, false, &mut out, true);
            for (oc, plane) in out.chunks_exact(area).enumerate() {
                let at = (b * o + oc) * pooled;
                relu_pool_plane(
                    plane,
                    g.ow,
                    (ph, pw),
                    &mut y[at..at + pooled],
                    &mut wins[at..at + pooled],
                );
            }
        }
        self.col = col;
        self.out = out;
        self.cache = Some((g, x.clone()));
        self.winners = wins;
        Some(Tensor::from_vec(&[n, o, ph, pw], y))
    }

    /// Adds the parameter gradients of the last `relu_pool_forward` for the pooled output's
    /// gradient `grad`.
    pub(super) fn relu_pool_backward_params(&mut self, grad: &Tensor) {
        let (g, x) = self
            .cache
            .as_ref()
            .expect("Conv2D: backward needs a training forward first");
        let g = *g;
        let (o, rows, area) = (self.cfg.out_channels, g.rows(), g.out_area());
        let (ph, pw) = (g.oh / 2, g.ow / 2);
        let (in_len, pooled) = (g.c * g.h * g.w, ph * pw);
        let mut col = reuse(std::mem::take(&mut self.col), rows * area);
        // The unfolded input transposed: each output position's cells contiguous, padded with
        // zeros to whole vectors (the padding is never written, so it stays zero).
        let lanes = rows.div_ceil(4);
        let mut patches = std::mem::take(&mut self.dcol);
        patches.clear();
        patches.resize(area * lanes * 4, 0.0);
        let mut acc = vec![F4::default(); lanes];
        let (weight, bias) = self.params.split_at_mut(1);
        let (dw, db) = (&mut weight[0].grad, &mut bias[0].grad);
        for (b, xs) in x.data().chunks_exact(in_len).enumerate() {
            im2col(xs, 1, &g, &mut col);
            for (r, row) in col.chunks_exact(area).enumerate() {
                for (pos, &v) in row.iter().enumerate() {
                    patches[pos * lanes * 4 + r] = v;
                }
            }
            for oc in 0..o {
                let at = (b * o + oc) * pooled;
                let (gs, ws) = (
                    &grad.data()[at..at + pooled],
                    &self.winners[at..at + pooled],
                );
                acc.fill(F4::default());
                for (cell, (&gv, &win)) in gs.iter().zip(ws).enumerate() {
                    if win == NO_GRADIENT {
                        continue;
                    }
                    let (py, px) = (cell / pw, cell % pw);
                    let (dy, dx) = (win as usize / 2, win as usize % 2);
                    // The winner's cells of the input, times its gradient.
                    let pos = (2 * py + dy) * g.ow + 2 * px + dx;
                    let (patch, gv4) = (&patches[pos * lanes * 4..], F4::splat(gv));
                    for (j, a) in acc.iter_mut().enumerate() {
                        *a = *a + gv4 * F4::load(&patch[4 * j..]);
                    }
                    db[oc] += gv;
                }
                for (r, d) in dw[oc * rows..(oc + 1) * rows].iter_mut().enumerate() {
                    *d += acc[r / 4].lane(r % 4);
                }
            }
        }
        weight[0].apply_mask();
        self.col = col;
        self.dcol = patches;
    }
}

#[cfg(test)]
#[path = "conv2d_fused_tests.rs"]
mod tests;

//! A convolution, ReLU and a 2×2 stride-2 max pool as one training pass (`Sequential`'s training
//! step decides where, see `nn/model/training.rs`). Two ways:
//! - Winograd layers pool in their output stage (`winograd::Output::ReluPooled`: each 2×2 output
//!   tile is one pool window); the backward builds the output gradient from the winners alone and
//!   runs the usual Winograd backward, input gradient included.
//! - Any other layer, only as the first layer with parameters (whose input gradient nobody
//!   reads): image by image, the product lands in a buffer that stays in cache and goes straight
//!   through ReLU and the pool; the backward adds the kernel gradient from each window's winner
//!   alone (its gradient times the input cells the winner read).
//!
//! Only the pooled output and, per window, which of its four cells won (or that none passes a
//! gradient) leave the pass.
//!
//! Why: in the seed model these three layers were a fifth of a training step in the page, almost
//! all of it moving whole tensors through memory (docs/benchmarks.md, "Behind the comments").
//! Results are those of the three layers run one by one, up to the order of additions inside the
//! convolution (its bias is added first here); ties and NaN follow `MaxPool2d` (the first largest
//! cell wins, a NaN wins and stays).

use super::im2col::{im2col, reuse, Geometry};
use super::path::{ConvPath, Unfolded};
use super::{winograd, Conv2d};
use crate::engine::nn::layers::relu_pool::{self, NO_GRADIENT};
use crate::engine::nn::layers::Param;
use crate::engine::nn::layers::PoolEdge;
use crate::engine::ops::tensor::Tensor;
use crate::engine::ops::{f32x4::F4, matmul::matmul};

/// Pools one plane of convolution outputs (`oh × ow`) after ReLU: `ph × pw` maxima into `ys`,
/// and into `wins` which of each window's cells (row-major, 0..4) passes the gradient. Cells past
/// the plane (a clipped last window) count as 0. (Four windows per vector was slower in V8 here:
/// docs/benchmarks.md, "Behind the comments".)
fn relu_pool_plane(
    plane: &[f32],
    (oh, ow): (usize, usize),
    (ph, pw): (usize, usize),
    ys: &mut [f32],
    wins: &mut [u8],
) {
    let cell = |y: usize, x: usize| {
        if y < oh && x < ow {
            plane[y * ow + x]
        } else {
            0.0
        }
    };
    for py in 0..ph {
        // Whole windows read two rows directly; a clipped one goes cell by cell.
        let whole = if 2 * py + 1 < oh { pw.min(ow / 2) } else { 0 };
        if whole > 0 {
            let r0 = &plane[2 * py * ow..][..2 * whole];
            let r1 = &plane[(2 * py + 1) * ow..][..2 * whole];
            let (ys, wins) = (&mut ys[py * pw..][..whole], &mut wins[py * pw..][..whole]);
            for (px, (y, win)) in ys.iter_mut().zip(wins.iter_mut()).enumerate() {
                let cells = [r0[2 * px], r0[2 * px + 1], r1[2 * px], r1[2 * px + 1]];
                (*y, *win) = relu_pool::window(cells);
            }
        }
        for px in whole..pw {
            let (y, x) = (2 * py, 2 * px);
            let cells = [
                cell(y, x),
                cell(y, x + 1),
                cell(y + 1, x),
                cell(y + 1, x + 1),
            ];
            (ys[py * pw + px], wins[py * pw + px]) = relu_pool::window(cells);
        }
    }
}

impl Conv2d {
    /// Whether the fused pass gives an input gradient too (Winograd layers); the others fuse only
    /// as the first layer with parameters, whose input gradient nobody reads.
    pub fn fuses_with_input_grad(&self) -> bool {
        matches!(self.path, ConvPath::Winograd(_))
    }

    /// The training forward of this layer, ReLU and a 2×2 stride-2 max pool whose windows tile
    /// the output from the top left (the caller checks the pool): the pooled output. Winograd
    /// layers pool in their output stage and give an input gradient; others only parameter
    /// gradients, so they decline when `input_grad` is asked for. Keeps what
    /// `backward_relu_pool` needs.
    pub fn forward_relu_pool(
        &mut self,
        x: &Tensor,
        input_grad: bool,
        edge: PoolEdge,
    ) -> Option<Tensor> {
        let s = x.shape();
        let g = self.geometry(s[1], s[2], s[3]).ok()?;
        let (ph, pw) = (edge.windows(g.oh), edge.windows(g.ow));
        if ph == 0 || pw == 0 {
            return None;
        }
        let (n, o) = (s[0], self.cfg.out_channels);
        let params = &self.params;
        let y = match &mut self.path {
            ConvPath::Winograd(wino) => {
                let mut y = vec![0.0; n * o * ph * pw];
                let mut codes = vec![0u8; y.len()];
                let out = winograd::Output::ReluPooled {
                    y: &mut y,
                    codes: &mut codes,
                    edge,
                };
                winograd::layer::forward(wino, params, x.data(), n, &g, out);
                self.winners = codes;
                y
            }
            _ if input_grad => return None,
            ConvPath::Direct { unfolded, .. } | ConvPath::Im2col(unfolded) => {
                let (y, winners) = im2col_relu_pool_forward(unfolded, params, x, &g, (ph, pw));
                self.winners = winners;
                y
            }
        };
        self.cache = Some((g, x.clone()));
        self.pooled = (ph, pw);
        Some(Tensor::from_vec(&[n, o, ph, pw], y))
    }

    /// The gradients of the last `forward_relu_pool` for the pooled output's gradient `grad`:
    /// parameter gradients added, and the input gradient when asked for (and offered).
    pub fn backward_relu_pool(&mut self, grad: &Tensor, input_grad: bool) -> Option<Tensor> {
        let (g, x) = self
            .cache
            .as_ref()
            .expect("Conv2D: backward needs a training forward first");
        let (g, n, o) = (*g, x.batch(), self.cfg.out_channels);
        let params = &mut self.params;
        match &mut self.path {
            ConvPath::Winograd(wino) => {
                // The convolution's output gradient: each window's gradient at its winner, zeros
                // elsewhere.
                let mut dy = vec![0.0; n * o * g.out_area()];
                relu_pool::scatter(
                    grad.data(),
                    &self.winners,
                    self.pooled,
                    (g.oh, g.ow),
                    &mut dy,
                );
                let dx = winograd::layer::backward(wino, params, x.data(), n, &g, &dy, input_grad);
                dx.map(|dx| Tensor::from_vec(&[n, g.c, g.h, g.w], dx))
            }
            ConvPath::Direct { unfolded, .. } | ConvPath::Im2col(unfolded) => {
                let fused = (&self.winners[..], self.pooled);
                im2col_relu_pool_backward(unfolded, params, x, &g, grad, fused);
                None
            }
        }
    }
}

/// The fused forward of a layer without Winograd: image by image, the product into a buffer
/// that stays in cache, then ReLU and the pool from it. The pooled output and its winners.
fn im2col_relu_pool_forward(
    u: &mut Unfolded,
    params: &[Param],
    x: &Tensor,
    g: &Geometry,
    (ph, pw): (usize, usize),
) -> (Vec<f32>, Vec<u8>) {
    let n = x.batch();
    let (o, rows, area) = (params[1].value.len(), g.rows(), g.out_area());
    let (in_len, pooled) = (g.c * g.h * g.w, ph * pw);
    let mut y = vec![0.0; n * o * pooled];
    let mut wins = vec![0u8; n * o * pooled];
    let mut col = reuse(std::mem::take(&mut u.col), rows * area);
    u.cols_kept = false;
    let mut out = reuse(std::mem::take(&mut u.out), o * area);
    let (weight, bias) = (&params[0].value, &params[1].value);
    for (b, xs) in x.data().chunks_exact(in_len).enumerate() {
        im2col(xs, 1, g, &mut col);
        // The product adds onto the bias: [O, area] is this image's NCHW output already.
        for (plane, &bv) in out.chunks_exact_mut(area).zip(bias) {
            plane.fill(bv);
        }
        matmul(o, area, rows, weight, false, &col, false, &mut out, true);
        for (oc, plane) in out.chunks_exact(area).enumerate() {
            let at = (b * o + oc) * pooled;
            relu_pool_plane(
                plane,
                (g.oh, g.ow),
                (ph, pw),
                &mut y[at..at + pooled],
                &mut wins[at..at + pooled],
            );
        }
    }
    u.col = col;
    u.out = out;
    (y, wins)
}

/// The fused backward of a layer without Winograd: the kernel gradient from each window's
/// winner alone.
fn im2col_relu_pool_backward(
    u: &mut Unfolded,
    params: &mut [Param],
    x: &Tensor,
    g: &Geometry,
    grad: &Tensor,
    (winners, (ph, pw)): (&[u8], (usize, usize)),
) {
    let (o, rows, area) = (params[1].value.len(), g.rows(), g.out_area());
    let (in_len, pooled) = (g.c * g.h * g.w, ph * pw);
    let mut col = reuse(std::mem::take(&mut u.col), rows * area);
    // The unfolded input transposed: each output position's cells contiguous, padded with
    // zeros to whole vectors (the padding is never written, so it stays zero).
    let lanes = rows.div_ceil(4);
    let mut patches = std::mem::take(&mut u.dcol);
    patches.clear();
    patches.resize(area * lanes * 4, 0.0);
    let mut acc = vec![F4::default(); lanes];
    let (weight, bias) = params.split_at_mut(1);
    let (dw, db) = (&mut weight[0].grad, &mut bias[0].grad);
    for (b, xs) in x.data().chunks_exact(in_len).enumerate() {
        im2col(xs, 1, g, &mut col);
        for (r, row) in col.chunks_exact(area).enumerate() {
            for (pos, &v) in row.iter().enumerate() {
                patches[pos * lanes * 4 + r] = v;
            }
        }
        for oc in 0..o {
            let at = (b * o + oc) * pooled;
            let (gs, ws) = (&grad.data()[at..at + pooled], &winners[at..at + pooled]);
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
    u.col = col;
    u.dcol = patches;
}

#[cfg(test)]
mod tests;

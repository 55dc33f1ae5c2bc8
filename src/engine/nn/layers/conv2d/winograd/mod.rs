//! 3×3 stride-1 convolutions by Winograd's minimal filtering F(2×2, 3×3) (Lavin & Gray, 2015):
//! each 2×2 block of outputs is computed from a 4×4 block of input with 16 multiplications per
//! (input, output) channel pair instead of 36. The 16 products become 16 matrix products
//! `[O, C] · [C, tiles]`, so the work still lands in the engine's one GEMM. Used by `Conv2d` for the
//! forward pass, the input gradient (a 3×3 convolution of the output gradient with the flipped,
//! transposed kernels) and the kernel gradient (`winograd/grad.rs`).
//!
//! Why here: the seed model's second convolution is more than half of a training step, and its
//! forward pass and input gradient together do 2.25× fewer multiplications this way (1.9× after
//! rounding 13×13 outputs up to whole 2×2 tiles). Rounding: the transforms only add, subtract and
//! halve, so results differ from the direct sum by a few ulps (tests: 1e-5 relative).

use crate::engine::nn::layers::relu_pool;
use crate::engine::ops::{f32x4::F4, matmul::matmul};
use std::ops::{Add, Neg, Sub};

/// Positions of a 4×4 transformed tile: one matrix product each.
const XI: usize = 16;
/// Tiles per matrix product: wide enough to keep the GEMM busy, small enough that the transformed
/// input and products of a group stay in the L2 cache.
const TILES_PER_PRODUCT: usize = 256;

/// `G g Gᵀ` for one 3×3 kernel `g` (row-major): its 4×4 transform.
fn kernel_transform(g: &[f32]) -> [f32; XI] {
    let mut gg = [[0.0f32; 3]; 4];
    for j in 0..3 {
        let (a, b, c) = (g[j], g[3 + j], g[6 + j]);
        gg[0][j] = a;
        gg[1][j] = 0.5 * (a + b + c);
        gg[2][j] = 0.5 * (a - b + c);
        gg[3][j] = c;
    }
    let mut out = [0.0f32; XI];
    for (i, r) in gg.iter().enumerate() {
        out[i * 4] = r[0];
        out[i * 4 + 1] = 0.5 * (r[0] + r[1] + r[2]);
        out[i * 4 + 2] = 0.5 * (r[0] - r[1] + r[2]);
        out[i * 4 + 3] = r[2];
    }
    out
}

/// The arithmetic the transforms need: `f32` for one tile, `F4` for four tiles at once (one per
/// lane). Both run the same operations in the same order, so both give the same bits.
pub trait Lane:
    Copy + Default + Add<Output = Self> + Sub<Output = Self> + Neg<Output = Self>
{
}
impl Lane for f32 {}
impl Lane for F4 {}

/// `Bᵀ d B` for one 4×4 input tile `d` (row-major).
fn input_transform<T: Lane>(d: &[T; XI]) -> [T; XI] {
    let mut t = [T::default(); XI];
    for j in 0..4 {
        let (d0, d1, d2, d3) = (d[j], d[4 + j], d[8 + j], d[12 + j]);
        t[j] = d0 - d2;
        t[4 + j] = d1 + d2;
        t[8 + j] = d2 - d1;
        t[12 + j] = d1 - d3;
    }
    let mut out = [T::default(); XI];
    for i in 0..4 {
        let r = &t[i * 4..i * 4 + 4];
        out[i * 4] = r[0] - r[2];
        out[i * 4 + 1] = r[1] + r[2];
        out[i * 4 + 2] = r[2] - r[1];
        out[i * 4 + 3] = r[1] - r[3];
    }
    out
}

/// `Aᵀ m A` for one 4×4 product tile: the 2×2 outputs, row-major.
fn output_transform<T: Lane>(m: &[T; XI]) -> [T; 4] {
    let (mut s0, mut s1) = ([T::default(); 4], [T::default(); 4]);
    for j in 0..4 {
        s0[j] = m[j] + m[4 + j] + m[8 + j];
        s1[j] = m[4 + j] - m[8 + j] - m[12 + j];
    }
    [
        s0[0] + s0[1] + s0[2],
        s0[1] - s0[2] - s0[3],
        s1[0] + s1[1] + s1[2],
        s1[1] - s1[2] - s1[3],
    ]
}

/// The shapes of one call: input planes, output planes and where output (0, 0)'s window starts.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// Images, input channels, input height and width.
    pub n: usize,
    pub c: usize,
    pub h: usize,
    pub w: usize,
    /// Output channels, height and width.
    pub o: usize,
    pub oh: usize,
    pub ow: usize,
    /// Output (y, x) reads input rows `y − top ..= y − top + 2` (and likewise columns); cells
    /// outside the input are zeros. `top = 1` is `same` padding; a negative value skips rows.
    pub top: isize,
    pub left: isize,
}

/// Reusable buffers: a training step allocates nothing after the first.
#[derive(Default)]
pub struct Winograd {
    u: Vec<f32>,
    v: Vec<f32>,
    m: Vec<f32>,
    /// One zero-padded plane (`lanes::stage_input`, `lanes::outputs`).
    stage: Vec<f32>,
}

/// Images per group of products: about `TILES_PER_PRODUCT` tiles, at least one image.
fn images_per_group(s: Shape) -> usize {
    let tiles = s.oh.div_ceil(2) * s.ow.div_ceil(2);
    (TILES_PER_PRODUCT / tiles.max(1)).clamp(1, s.n.max(1))
}

/// `V[ξ][c][tile]`: the transform of every input tile of images `n0..n0 + gn`, tiles numbered
/// image by image, row by row (`v` is resized to fit; `stage` is scratch).
fn transform_inputs(
    x: &[f32],
    s: Shape,
    n0: usize,
    gn: usize,
    v: &mut Vec<f32>,
    stage: &mut Vec<f32>,
) {
    let (th, tw) = (s.oh.div_ceil(2), s.ow.div_ceil(2));
    let (tiles, c, in_plane) = (th * tw, s.c, s.h * s.w);
    let cols = gn * tiles;
    v.resize(XI * c * cols, 0.0);
    for b in 0..gn {
        for ic in 0..c {
            let plane = &x[((n0 + b) * c + ic) * in_plane..][..in_plane];
            let first = b * tiles;
            if tw >= lanes::TILES {
                lanes::transform_plane(plane, s, stage, &mut v[ic * cols + first..], c * cols);
                continue;
            }
            for ty in 0..th {
                for tx in 0..tw {
                    let t = input_transform(&gather(plane, s, ty, tx));
                    let col = first + ty * tw + tx;
                    for (xi, val) in t.iter().enumerate() {
                        v[(xi * c + ic) * cols + col] = *val;
                    }
                }
            }
        }
    }
}

impl Winograd {
    /// `y[n][o][oy][ox] = Σ_c Σ_ky,kx x[n][c][oy + ky − top][ox + kx − left] · kernel(o, c)[ky·3 + kx]
    /// (+ bias[o])`, NCHW in and out, into `out` as it asks.
    pub fn conv(
        &mut self,
        x: &[f32],
        s: Shape,
        kernel: impl Fn(usize, usize) -> [f32; 9],
        bias: Option<&[f32]>,
        mut out: Output,
    ) {
        let (th, tw) = (s.oh.div_ceil(2), s.ow.div_ceil(2));
        let tiles = th * tw;
        if s.n == 0 || tiles == 0 || s.o == 0 {
            return;
        }
        if s.c == 0 {
            // Every output is its bias.
            let bias_of = |i: usize| bias.map_or(0.0, |b| b[i % s.o]);
            match out {
                Output::Planes(y) => {
                    for (i, plane) in y.chunks_exact_mut(s.oh * s.ow).enumerate() {
                        plane.fill(bias_of(i));
                    }
                }
                Output::ReluPooled { y, codes, edge } => {
                    let pooled = edge.windows(s.oh) * edge.windows(s.ow);
                    for (i, (ys, cs)) in y
                        .chunks_exact_mut(pooled)
                        .zip(codes.chunks_exact_mut(pooled))
                        .enumerate()
                    {
                        let (v, code) = relu_pool::window([bias_of(i); 4]);
                        ys.fill(v);
                        cs.fill(code);
                    }
                }
            }
            return;
        }
        let (o, c) = (s.o, s.c);
        // U[ξ][o][c]: every kernel's transform, once per call.
        self.u.resize(XI * o * c, 0.0);
        for oc in 0..o {
            for ic in 0..c {
                let t = kernel_transform(&kernel(oc, ic));
                for (xi, v) in t.iter().enumerate() {
                    self.u[(xi * o + oc) * c + ic] = *v;
                }
            }
        }
        let group = images_per_group(s);
        let out_plane = s.oh * s.ow;
        for n0 in (0..s.n).step_by(group) {
            let gn = group.min(s.n - n0);
            let cols = gn * tiles;
            self.m.resize(XI * o * cols, 0.0);
            transform_inputs(x, s, n0, gn, &mut self.v, &mut self.stage);
            for xi in 0..XI {
                matmul(
                    o,
                    cols,
                    c,
                    &self.u[xi * o * c..(xi + 1) * o * c],
                    false,
                    &self.v[xi * c * cols..(xi + 1) * c * cols],
                    false,
                    &mut self.m[xi * o * cols..(xi + 1) * o * cols],
                    false,
                );
            }
            // Each tile's 16 products back to its 2×2 outputs (the last row/column may be cut),
            // or, pooled, to their maximum after ReLU.
            let stride = o * cols;
            for b in 0..gn {
                for oc in 0..o {
                    let add = bias.map_or(0.0, |bs| bs[oc]);
                    let m = &self.m[oc * cols + b * tiles..];
                    let at = (n0 + b) * o + oc;
                    match &mut out {
                        Output::Planes(y) => {
                            let plane = &mut y[at * out_plane..][..out_plane];
                            if tw >= lanes::TILES {
                                lanes::outputs(m, stride, s, add, &mut self.stage, plane);
                            } else {
                                tile_planes(m, stride, s, add, plane);
                            }
                        }
                        Output::ReluPooled { y, codes, edge } => {
                            let (ph, pw) = (edge.windows(s.oh), edge.windows(s.ow));
                            let ys = &mut y[at * ph * pw..][..ph * pw];
                            let cs = &mut codes[at * ph * pw..][..ph * pw];
                            if pw >= lanes::TILES {
                                lanes::pooled(m, stride, s, (ph, pw), add, ys, cs);
                            } else {
                                tile_pooled(m, stride, s, (ph, pw), add, ys, cs);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The 4×4 input tile under output tile (ty, tx), zeros outside the plane.
#[inline]
fn gather(plane: &[f32], s: Shape, ty: usize, tx: usize) -> [f32; XI] {
    let (y0, x0) = (2 * ty as isize - s.top, 2 * tx as isize - s.left);
    let mut d = [0.0f32; XI];
    let inside = y0 >= 0 && x0 >= 0 && y0 + 4 <= s.h as isize && x0 + 4 <= s.w as isize;
    if inside {
        let (y0, x0) = (y0 as usize, x0 as usize);
        for r in 0..4 {
            d[r * 4..r * 4 + 4].copy_from_slice(&plane[(y0 + r) * s.w + x0..][..4]);
        }
        return d;
    }
    for r in 0..4 {
        let yy = y0 + r as isize;
        if yy < 0 || yy >= s.h as isize {
            continue;
        }
        for q in 0..4 {
            let xx = x0 + q as isize;
            if xx >= 0 && xx < s.w as isize {
                d[r * 4 + q] = plane[yy as usize * s.w + xx as usize];
            }
        }
    }
    d
}

mod grad;
pub mod layer;

mod lanes;

mod output;
pub use output::Output;
use output::{tile_planes, tile_pooled};

#[cfg(test)]
mod tests;

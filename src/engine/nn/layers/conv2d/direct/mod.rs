//! Direct convolution for layers whose unfolded input has few rows (`ROWS`: LeNet-5's C1 has 25).
//! Through im2col their matrix product is only that deep, so the product's tiles spend about as
//! long storing results as multiplying, and the column buffer is 25 times the image. Here each image is first copied into a zero-padded plane wide enough
//! that every read is inside it; then each block of `BLOCK` output columns is summed over every
//! channel and kernel tap in registers and stored once (`out[y][x..x+8] += w · in[y+ky][x+kx..]`,
//! fixed-size loops the compiler turns into SIMD). Stride 1, no dilation, every input feeding every
//! output.

use super::im2col::Geometry;

/// The rows (C·kh·kw) of the layers computed here: below 16 the product is as fast, above 32 faster
/// (docs/benchmarks.md, "Behind the comments"). Used in the page only (`PathKind::for_layer`); the
/// functions are tested natively either way (`direct/tests.rs`).
pub const ROWS: std::ops::RangeInclusive<usize> = 16..=32;
/// Output columns summed together: two 4-lane vectors.
const BLOCK: usize = 8;

/// Reusable buffers: the padded input, the output gradient widened to whole blocks, and the padded
/// input gradient, one image at a time.
#[derive(Default)]
pub struct DirectBuffers {
    x: Vec<f32>,
    dy: Vec<f32>,
    dx: Vec<f32>,
}

/// The padded plane: `ph` rows of `pw`, the image at (`top`, `left`); `pw` also holds the last
/// block's columns past the output's edge.
#[derive(Clone, Copy)]
struct Plane {
    ph: usize,
    pw: usize,
    /// Output columns rounded up to whole blocks.
    owb: usize,
}

impl Plane {
    fn of(g: &Geometry) -> Self {
        let owb = g.ow.div_ceil(BLOCK) * BLOCK;
        Self {
            ph: g.oh + g.kh - 1,
            pw: (g.w + g.pads.left + g.pads.right).max(owb + g.kw - 1),
            owb,
        }
    }
    fn len(&self) -> usize {
        self.ph * self.pw
    }
}

/// Copies one image's `c` planes into `out`, zero-padded.
fn stage(image: &[f32], g: &Geometry, p: Plane, out: &mut Vec<f32>) {
    out.clear();
    out.resize(g.c * p.len(), 0.0);
    let (area, top, left) = (g.h * g.w, g.pads.top, g.pads.left);
    for (src, dst) in image.chunks_exact(area).zip(out.chunks_exact_mut(p.len())) {
        for (y, row) in src
            .chunks_exact(g.w)
            .enumerate()
            .take(p.ph.saturating_sub(top))
        {
            let n = g.w.min(p.pw - left);
            dst[(top + y) * p.pw + left..][..n].copy_from_slice(&row[..n]);
        }
    }
}

/// The `BLOCK` values of `row` from `at`.
#[inline(always)]
fn block(row: &[f32], at: usize) -> &[f32; BLOCK] {
    row[at..at + BLOCK].try_into().expect("BLOCK values")
}

/// `y[n][o] = bias[o] + Σ_c Σ_ky,kx w[o][c][ky][kx] · x[n][c] shifted by (ky, kx)`, NCHW; `y` is
/// overwritten.
#[allow(clippy::too_many_arguments)]
pub fn forward(
    x: &[f32],
    n: usize,
    g: &Geometry,
    o: usize,
    w: &[f32],
    bias: &[f32],
    y: &mut [f32],
    bufs: &mut DirectBuffers,
) {
    let (p, in_len, area, rows) = (Plane::of(g), g.c * g.h * g.w, g.out_area(), g.rows());
    for b in 0..n {
        stage(&x[b * in_len..][..in_len], g, p, &mut bufs.x);
        for (oc, plane) in y[b * o * area..][..o * area]
            .chunks_exact_mut(area)
            .enumerate()
        {
            let wk = &w[oc * rows..][..rows];
            for oy in 0..g.oh {
                for x0 in (0..g.ow).step_by(BLOCK) {
                    let mut acc = [bias[oc]; BLOCK];
                    for (ic, input) in bufs.x.chunks_exact(p.len()).enumerate() {
                        for ky in 0..g.kh {
                            let row = &input[(oy + ky) * p.pw + x0..][..BLOCK + g.kw - 1];
                            for kx in 0..g.kw {
                                let wv = wk[(ic * g.kh + ky) * g.kw + kx];
                                for (a, v) in acc.iter_mut().zip(block(row, kx)) {
                                    *a += wv * v;
                                }
                            }
                        }
                    }
                    let len = BLOCK.min(g.ow - x0);
                    plane[oy * g.ow + x0..][..len].copy_from_slice(&acc[..len]);
                }
            }
        }
    }
}

/// Adds the parameter gradients for output gradient `dy` to `dw` and `db`; with `dx`, adds the
/// input gradient there too.
#[allow(clippy::too_many_arguments)]
pub fn backward(
    x: &[f32],
    n: usize,
    g: &Geometry,
    o: usize,
    w: &[f32],
    dy: &[f32],
    dw: &mut [f32],
    db: &mut [f32],
    mut dx: Option<&mut [f32]>,
    bufs: &mut DirectBuffers,
) {
    let (p, in_len, area, rows) = (Plane::of(g), g.c * g.h * g.w, g.out_area(), g.rows());
    for b in 0..n {
        stage(&x[b * in_len..][..in_len], g, p, &mut bufs.x);
        if dx.is_some() {
            bufs.dx.clear();
            bufs.dx.resize(g.c * p.len(), 0.0);
        }
        for (oc, d) in dy[b * o * area..][..o * area]
            .chunks_exact(area)
            .enumerate()
        {
            db[oc] += crate::engine::ops::sum::sum(d);
            // This plane of dY with each row widened to whole blocks (zeros past the edge).
            bufs.dy.clear();
            bufs.dy.resize(g.oh * p.owb, 0.0);
            for (src, dst) in d.chunks_exact(g.ow).zip(bufs.dy.chunks_exact_mut(p.owb)) {
                dst[..g.ow].copy_from_slice(src);
            }
            for (ic, input) in bufs.x.chunks_exact(p.len()).enumerate() {
                for ky in 0..g.kh {
                    for kx in 0..g.kw {
                        let k = oc * rows + (ic * g.kh + ky) * g.kw + kx;
                        // dW: a dot product of dY with the shifted input, in BLOCK running sums.
                        let mut lanes = [0.0f32; BLOCK];
                        for (oy, drow) in bufs.dy.chunks_exact(p.owb).enumerate() {
                            let row = &input[(oy + ky) * p.pw + kx..][..p.owb];
                            for x0 in (0..p.owb).step_by(BLOCK) {
                                for ((l, a), v) in
                                    lanes.iter_mut().zip(block(drow, x0)).zip(block(row, x0))
                                {
                                    *l += a * v;
                                }
                            }
                            if dx.is_some() {
                                // dX (padded): the shifted input cells each output cell read.
                                let at = ic * p.len() + (oy + ky) * p.pw + kx;
                                for (s, v) in bufs.dx[at..at + p.owb].iter_mut().zip(drow) {
                                    *s += w[k] * v;
                                }
                            }
                        }
                        dw[k] += lanes.iter().sum::<f32>();
                    }
                }
            }
        }
        if let Some(dx) = dx.as_deref_mut() {
            // The image's cells of the padded input gradient.
            let (top, left) = (g.pads.top, g.pads.left);
            let out = &mut dx[b * in_len..][..in_len];
            for (dst, src) in out
                .chunks_exact_mut(g.h * g.w)
                .zip(bufs.dx.chunks_exact(p.len()))
            {
                for (y, row) in dst
                    .chunks_exact_mut(g.w)
                    .enumerate()
                    .take(p.ph.saturating_sub(top))
                {
                    let n = g.w.min(p.pw - left);
                    for (a, v) in row[..n].iter_mut().zip(&src[(top + y) * p.pw + left..]) {
                        *a += v;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;

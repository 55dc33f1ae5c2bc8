//! im2col / col2im: unfold every kernel window into a column so a convolution becomes one matrix
//! product. Column layout is `[C·KH·KW, N·OH·OW]`: row = (channel, kernel row, kernel column),
//! column = (batch item, output row, output column).

use crate::engine::ops::shape::Pads;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Geometry {
    pub c: usize,
    pub h: usize,
    pub w: usize,
    pub kh: usize,
    pub kw: usize,
    pub sh: usize,
    pub sw: usize,
    pub dh: usize,
    pub dw: usize,
    pub pads: Pads,
    pub oh: usize,
    pub ow: usize,
}

impl Geometry {
    pub fn rows(&self) -> usize {
        self.c * self.kh * self.kw
    }
    pub fn out_area(&self) -> usize {
        self.oh * self.ow
    }
    /// For output row `o` and kernel row `k`: the input row, or None inside the zero padding.
    #[inline]
    fn in_row(&self, o: usize, k: usize) -> Option<usize> {
        (o * self.sh + k * self.dh)
            .checked_sub(self.pads.top)
            .filter(|&i| i < self.h)
    }
    /// For kernel column `k`: the output columns whose input column is inside the image, and the
    /// input column of the first of them. Inside that range input columns advance by the stride,
    /// so the hot loops need no bounds test.
    #[inline]
    fn valid_cols(&self, k: usize) -> (std::ops::Range<usize>, usize) {
        let off = k * self.dw; // input column of output 0, plus pads.left
        let first = self.pads.left.saturating_sub(off).div_ceil(self.sw);
        // The last valid output column satisfies o·sw + off − left ≤ w − 1.
        let end = if self.w - 1 + self.pads.left < off {
            0
        } else {
            ((self.w - 1 + self.pads.left - off) / self.sw + 1).min(self.ow)
        };
        let first = first.min(end);
        (
            first..end,
            (first * self.sw + off).saturating_sub(self.pads.left),
        )
    }
}

/// Images per matrix product: enough that the product is at least ~512 columns wide (LeNet's C5
/// has one output position per image, so it takes the whole batch), never more than the batch.
pub fn images_per_product(area: usize, n: usize) -> usize {
    512usize.div_ceil(area.max(1)).clamp(1, n.max(1))
}

/// A convolution's forward pass keeps its columns for the backward pass when they fit in this
/// many values (16 MB: LeNet-5's layers at batch 128 fit) instead of unfolding the input again,
/// which was a large part of LeNet-5's step (docs/benchmarks.md, "Behind the comments"). Larger
/// ones (a designed network's wide layer) are unfolded again, group by group.
pub const KEEP_COLUMNS: usize = 1 << 22;

/// A buffer of `len` values reusing `buf`'s allocation (contents unspecified until overwritten).
pub fn reuse(mut buf: Vec<f32>, len: usize) -> Vec<f32> {
    buf.resize(len, 0.0);
    buf
}

/// Unfold `n` images (`x` is `[n, C, H, W]`) into `col` (`[C·KH·KW, n·OH·OW]`).
///
/// Loop order: what depends only on the kernel cell (the valid output columns) and on the output
/// row (the input row) is worked out once, outside the loop over images; the innermost work is
/// one short copy (natively a `memcpy` call: glibc's short copies beat hand-written ones, see
/// docs/benchmarks.md).
pub fn im2col(x: &[f32], n: usize, g: &Geometry, col: &mut [f32]) {
    let (area, cols, plane) = (g.out_area(), n * g.out_area(), g.h * g.w);
    debug_assert_eq!(col.len(), g.rows() * cols);
    for c in 0..g.c {
        for ki in 0..g.kh {
            for kj in 0..g.kw {
                let row = (c * g.kh + ki) * g.kw + kj;
                let dst_row = &mut col[row * cols..(row + 1) * cols];
                let (valid, ix0) = g.valid_cols(kj);
                for oy in 0..g.oh {
                    let iy = g.in_row(oy, ki);
                    for b in 0..n {
                        let at = b * area + oy * g.ow;
                        let dst = &mut dst_row[at..at + g.ow];
                        let Some(iy) = iy else {
                            dst.fill(0.0);
                            continue;
                        };
                        dst[..valid.start].fill(0.0);
                        dst[valid.end..].fill(0.0);
                        let dst = &mut dst[valid.clone()];
                        if dst.is_empty() {
                            continue;
                        }
                        let src = &x[(b * g.c + c) * plane + iy * g.w..][..g.w];
                        if g.sw == 1 {
                            dst.copy_from_slice(&src[ix0..ix0 + dst.len()]);
                        } else {
                            for (d, s) in dst.iter_mut().zip(src[ix0..].iter().step_by(g.sw)) {
                                *d = *s;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Fold columns back onto images, adding overlapping contributions: the adjoint of `im2col`.
/// Stride 1 (every layer of the built-in models) adds contiguous runs, which vectorize; a
/// `step_by` over a run does not.
pub fn col2im(col: &[f32], n: usize, g: &Geometry, dx: &mut [f32]) {
    let (area, cols, plane) = (g.out_area(), n * g.out_area(), g.h * g.w);
    dx.fill(0.0);
    for c in 0..g.c {
        for ki in 0..g.kh {
            for kj in 0..g.kw {
                let row = (c * g.kh + ki) * g.kw + kj;
                let src_row = &col[row * cols..(row + 1) * cols];
                let (valid, ix0) = g.valid_cols(kj);
                if valid.is_empty() {
                    continue;
                }
                for oy in 0..g.oh {
                    let Some(iy) = g.in_row(oy, ki) else { continue };
                    for b in 0..n {
                        let at = b * area + oy * g.ow;
                        let src = &src_row[at + valid.start..at + valid.end];
                        let dst = &mut dx[(b * g.c + c) * plane + iy * g.w + ix0..]
                            [..(src.len() - 1) * g.sw + 1];
                        if g.sw == 1 {
                            for (d, s) in dst.iter_mut().zip(src) {
                                *d += s;
                            }
                        } else {
                            for (d, s) in dst.iter_mut().step_by(g.sw).zip(src) {
                                *d += s;
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// <im2col(x), y> == <x, col2im(y)> for random x, y: col2im is exactly the adjoint.
    #[test]
    fn col2im_is_adjoint_of_im2col() {
        let g = Geometry {
            c: 2,
            h: 5,
            w: 6,
            kh: 3,
            kw: 2,
            sh: 2,
            sw: 1,
            dh: 1,
            dw: 2,
            pads: Pads {
                top: 1,
                bottom: 0,
                left: 2,
                right: 1,
            },
            oh: 0,
            ow: 0,
        };
        let oh = (g.h + 1 - 3) / 2 + 1;
        let ow = (g.w + 3 - 3) + 1;
        let g = Geometry { oh, ow, ..g };
        let n = 2;
        let x: Vec<f32> = (0..n * g.c * g.h * g.w)
            .map(|i| ((i * 37 % 11) as f32) - 5.0)
            .collect();
        let y: Vec<f32> = (0..g.rows() * n * g.out_area())
            .map(|i| ((i * 13 % 7) as f32) - 3.0)
            .collect();
        let mut col = vec![0.0; y.len()];
        im2col(&x, n, &g, &mut col);
        let mut back = vec![0.0; x.len()];
        col2im(&y, n, &g, &mut back);
        let lhs: f64 = col
            .iter()
            .zip(&y)
            .map(|(a, b)| (*a as f64) * (*b as f64))
            .sum();
        let rhs: f64 = x
            .iter()
            .zip(&back)
            .map(|(a, b)| (*a as f64) * (*b as f64))
            .sum();
        assert!((lhs - rhs).abs() < 1e-6, "{lhs} vs {rhs}");
    }
}

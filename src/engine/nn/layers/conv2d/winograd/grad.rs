//! The kernel gradient of a Winograd convolution, by the same transforms run backwards: each output
//! gradient tile `dy` (2×2) becomes `dM = A·dy·Aᵀ` (4×4), the 16 positions' products
//! `dU[ξ] = Σ_tiles V[ξ]·dM[ξ]` are again 16 matrix products `[C, tiles] · [tiles, O]`, and each
//! kernel's gradient is `Gᵀ·dU·G` (3×3). Against im2col this does 2.25× fewer multiplications and
//! never writes the 9-times-larger column buffer. Same rounding story as the forward pass: the
//! transforms only add, subtract and halve.

use super::{images_per_group, transform_inputs, Lane, Shape, Winograd, XI};
use crate::engine::ops::f32x4::F4;
use crate::engine::ops::matmul::matmul;

/// `A·dy·Aᵀ` for one 2×2 output-gradient tile (row-major): the gradient of the tile's 16 products.
fn output_grad_transform<T: Lane>(dy: [T; 4]) -> [T; XI] {
    // A·dy, 4×2: the rows of A are (1, 0), (1, 1), (1, −1), (0, −1).
    let t = [
        [dy[0], dy[1]],
        [dy[0] + dy[2], dy[1] + dy[3]],
        [dy[0] - dy[2], dy[1] - dy[3]],
        [-dy[2], -dy[3]],
    ];
    let mut out = [T::default(); XI];
    for (i, &[a, b]) in t.iter().enumerate() {
        out[i * 4] = a;
        out[i * 4 + 1] = a + b;
        out[i * 4 + 2] = a - b;
        out[i * 4 + 3] = -b;
    }
    out
}

/// `Gᵀ·dU·G` for one kernel's 4×4 transformed gradient: its 3×3 gradient, row-major.
fn kernel_grad_transform(du: &[f32; XI]) -> [f32; 9] {
    // Gᵀ·dU, 3×4: the rows of Gᵀ are (1, ½, ½, 0), (0, ½, −½, 0), (0, ½, ½, 1).
    let mut t = [[0.0f32; 4]; 3];
    for j in 0..4 {
        let (d0, d1, d2, d3) = (du[j], du[4 + j], du[8 + j], du[12 + j]);
        t[0][j] = d0 + 0.5 * (d1 + d2);
        t[1][j] = 0.5 * (d1 - d2);
        t[2][j] = 0.5 * (d1 + d2) + d3;
    }
    let mut out = [0.0f32; 9];
    for (a, r) in t.iter().enumerate() {
        out[a * 3] = r[0] + 0.5 * (r[1] + r[2]);
        out[a * 3 + 1] = 0.5 * (r[1] - r[2]);
        out[a * 3 + 2] = 0.5 * (r[1] + r[2]) + r[3];
    }
    out
}

impl Winograd {
    /// Adds d(loss)/d(kernel) of `conv` with the same input `x` and shape to `grad`, laid out as
    /// the kernels are (`[O][C][3][3]`): `grad[o][c][ky][kx] += Σ_n,y,x dy[n][o][y][x] ·
    /// x[n][c][y + ky − top][x + kx − left]`.
    pub fn add_kernel_grad(&mut self, x: &[f32], s: Shape, dy: &[f32], grad: &mut [f32]) {
        let (th, tw) = (s.oh.div_ceil(2), s.ow.div_ceil(2));
        let tiles = th * tw;
        if s.n == 0 || tiles == 0 || s.o == 0 || s.c == 0 {
            return;
        }
        let (o, c, out_plane) = (s.o, s.c, s.oh * s.ow);
        // dU[ξ][c][o], summed over every group's tiles.
        self.u.clear();
        self.u.resize(XI * c * o, 0.0);
        let group = images_per_group(s);
        for n0 in (0..s.n).step_by(group) {
            let gn = group.min(s.n - n0);
            let cols = gn * tiles;
            transform_inputs(x, s, n0, gn, &mut self.v, &mut self.stage);
            // dM[ξ][tile][o]: laid out as the product's right operand wants it, row-major.
            self.m.resize(XI * cols * o, 0.0);
            // Output channels innermost: each of the 16 rows written is then 60 contiguous values,
            // written four at a time.
            let quads = o / 4 * 4;
            for b in 0..gn {
                let image = &dy[(n0 + b) * o * out_plane..][..o * out_plane];
                for ty in 0..th {
                    let rows = 2.min(s.oh - 2 * ty);
                    for tx in 0..tw {
                        let cols_here = 2.min(s.ow - 2 * tx);
                        let col = b * tiles + ty * tw + tx;
                        let at = 2 * ty * s.ow + 2 * tx;
                        // Outputs cut off at the last row or column have no gradient.
                        let cell = |oc: usize, k: usize| {
                            let (r, q) = (k / 2, k % 2);
                            if r < rows && q < cols_here {
                                image[oc * out_plane + at + r * s.ow + q]
                            } else {
                                0.0
                            }
                        };
                        let row = &mut self.m[col * o..];
                        // Four output channels per vector (lanes), then one at a time.
                        for oc in (0..quads).step_by(4) {
                            let d = std::array::from_fn(|k| {
                                F4::from_array(std::array::from_fn(|l| cell(oc + l, k)))
                            });
                            for (xi, v) in output_grad_transform(d).iter().enumerate() {
                                v.store(&mut row[xi * cols * o + oc..]);
                            }
                        }
                        for oc in quads..o {
                            let d = std::array::from_fn(|k| cell(oc, k));
                            for (xi, v) in output_grad_transform(d).iter().enumerate() {
                                row[xi * cols * o + oc] = *v;
                            }
                        }
                    }
                }
            }
            for xi in 0..XI {
                matmul(
                    c,
                    o,
                    cols,
                    &self.v[xi * c * cols..(xi + 1) * c * cols],
                    false,
                    &self.m[xi * cols * o..(xi + 1) * cols * o],
                    false,
                    &mut self.u[xi * c * o..(xi + 1) * c * o],
                    true,
                );
            }
        }

        for oc in 0..o {
            for ic in 0..c {
                let du: [f32; XI] = std::array::from_fn(|xi| self.u[(xi * c + ic) * o + oc]);
                let g = kernel_grad_transform(&du);
                for (dst, v) in grad[(oc * c + ic) * 9..][..9].iter_mut().zip(g) {
                    *dst += v;
                }
            }
        }
    }
}

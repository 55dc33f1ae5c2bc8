//! Winograd's output stage one tile at a time (rows of fewer than four tiles; `winograd/lanes.rs`
//! does four at once): each tile's 16 products back to its 2×2 outputs, or to their maximum after
//! ReLU when a 2×2 pool follows (each output tile is exactly one of its windows).

use super::relu_pool::{self, PoolEdge};
use super::{output_transform, Shape};

/// Where `Winograd::conv` puts its results.
pub enum Output<'a> {
    /// NCHW planes `[n][o][oh][ow]`, overwritten.
    Planes(&'a mut [f32]),
    /// ReLU, then 2×2 stride-2 max pools (each output tile is one window; a cut last tile is
    /// left out or pooled alone, as `edge` says): `[n][o][ph][pw]` maxima and each window's
    /// `relu_pool` code.
    ReluPooled {
        y: &'a mut [f32],
        codes: &'a mut [u8],
        edge: PoolEdge,
    },
}

/// One tile's 2×2 outputs plus `add`, from its products `m[ξ·stride + col]`.
fn tile_outputs(m: &[f32], stride: usize, col: usize, add: f32) -> [f32; 4] {
    output_transform(&std::array::from_fn(|xi| m[xi * stride + col])).map(|v| v + add)
}

/// One output plane, a tile at a time (rows of fewer than four tiles).
pub(super) fn tile_planes(m: &[f32], stride: usize, s: Shape, add: f32, plane: &mut [f32]) {
    let (th, tw) = (s.oh.div_ceil(2), s.ow.div_ceil(2));
    for ty in 0..th {
        for tx in 0..tw {
            let out = tile_outputs(m, stride, ty * tw + tx, add);
            for dy in 0..2.min(s.oh - 2 * ty) {
                for dx in 0..2.min(s.ow - 2 * tx) {
                    plane[(2 * ty + dy) * s.ow + 2 * tx + dx] = out[dy * 2 + dx];
                }
            }
        }
    }
}

/// One pooled plane, a tile at a time.
pub(super) fn tile_pooled(
    m: &[f32],
    stride: usize,
    s: Shape,
    (ph, pw): (usize, usize),
    add: f32,
    ys: &mut [f32],
    codes: &mut [u8],
) {
    let tw = s.ow.div_ceil(2);
    for ty in 0..ph {
        for tx in 0..pw {
            let mut cells = tile_outputs(m, stride, ty * tw + tx, add);
            // A clipped window's missing cells count as 0 (`relu_pool::PoolEdge`).
            for (i, c) in cells.iter_mut().enumerate() {
                if 2 * ty + i / 2 >= s.oh || 2 * tx + i % 2 >= s.ow {
                    *c = 0.0;
                }
            }
            (ys[ty * pw + tx], codes[ty * pw + tx]) = relu_pool::window(cells);
        }
    }
}

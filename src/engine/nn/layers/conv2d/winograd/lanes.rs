//! The Winograd transforms four tiles at a time, one tile per vector lane (`F4`): a row of tiles
//! is read with a few vector loads and even/odd shuffles instead of 16 scalar loads per tile, and
//! the arithmetic is a quarter of the instructions. Used for rows of at least four tiles; a row of
//! `tw` tiles is covered by groups starting at 0, 4, 8, … and, when `tw` is not a multiple of
//! four, one more at `tw − 4` that overlaps the one before (its tiles are computed twice, with the
//! same values). The operations and their order are those of the one-tile transforms, so both
//! paths give the same bits (tested).
//!
//! Why: the scalar transforms were a large part of the seed model's second convolution in the page
//! (docs/benchmarks.md, "Behind the comments").

use super::{input_transform, output_transform, Shape, XI};
use crate::engine::nn::layers::relu_pool;
use crate::engine::ops::f32x4::F4;

/// Tiles per vector.
pub const TILES: usize = 4;

/// The first tile of each group of four in a row of `tw ≥ 4` tiles.
fn groups(tw: usize) -> impl Iterator<Item = usize> {
    (0..tw / TILES)
        .map(|g| g * TILES)
        .chain((!tw.is_multiple_of(TILES)).then(|| tw - TILES))
}

/// Copies `plane` into `stage` as the `(2·th + 2) × (2·tw + 2)` cells the tiles read, zeros
/// outside the plane: tile (ty, tx) is then stage rows `2ty..2ty + 4`, columns `2tx..2tx + 4`.
/// Returns the staged row length.
fn stage_input(plane: &[f32], s: Shape, stage: &mut Vec<f32>) -> usize {
    let (th, tw) = (s.oh.div_ceil(2), s.ow.div_ceil(2));
    let (sh, sw) = (2 * th + 2, 2 * tw + 2);
    stage.clear();
    stage.resize(sh * sw, 0.0);
    // Stage column q is plane column q − left: the columns inside both.
    let q0 = s.left.clamp(0, sw as isize) as usize;
    let q1 = (s.w as isize + s.left).clamp(q0 as isize, sw as isize) as usize;
    for (r, row) in stage.chunks_exact_mut(sw).enumerate() {
        let yy = r as isize - s.top;
        if yy < 0 || yy >= s.h as isize || q0 == q1 {
            continue;
        }
        let from = yy as usize * s.w + (q0 as isize - s.left) as usize;
        row[q0..q1].copy_from_slice(&plane[from..from + (q1 - q0)]);
    }
    sw
}

/// Transforms every tile of one input plane: tile `col` (numbered row by row) of position ξ goes
/// to `v[ξ·stride + col]`.
pub fn transform_plane(
    plane: &[f32],
    s: Shape,
    stage: &mut Vec<f32>,
    v: &mut [f32],
    stride: usize,
) {
    let (th, tw) = (s.oh.div_ceil(2), s.ow.div_ceil(2));
    let sw = stage_input(plane, s, stage);
    for ty in 0..th {
        for tx in groups(tw) {
            let mut d = [F4::default(); XI];
            for r in 0..4 {
                // Lane i is tile tx + i, whose row starts at column 2i.
                let row = &stage[(2 * ty + r) * sw + 2 * tx..];
                let (a, b) = (F4::load(row), F4::load(&row[4..]));
                let (c, e) = (F4::load(&row[2..]), F4::load(&row[6..]));
                d[r * 4] = F4::even(a, b);
                d[r * 4 + 1] = F4::odd(a, b);
                d[r * 4 + 2] = F4::even(c, e);
                d[r * 4 + 3] = F4::odd(c, e);
            }
            let col = ty * tw + tx;
            for (xi, t) in input_transform(&d).iter().enumerate() {
                t.store(&mut v[xi * stride + col..]);
            }
        }
    }
}

/// One output plane from its tiles' products (`m[ξ·stride + col]` for tile `col`), plus `add`.
/// Written straight into `plane` when its sides are even, else through `stage`.
pub fn outputs(
    m: &[f32],
    stride: usize,
    s: Shape,
    add: f32,
    stage: &mut Vec<f32>,
    plane: &mut [f32],
) {
    let (th, tw) = (s.oh.div_ceil(2), s.ow.div_ceil(2));
    let width = 2 * tw;
    let direct = s.oh == 2 * th && s.ow == width;
    if !direct {
        stage.clear();
        stage.resize(2 * th * width, 0.0);
    }
    let out: &mut [f32] = if direct { plane } else { stage };
    let add = F4::splat(add);
    for ty in 0..th {
        for tx in groups(tw) {
            let col = ty * tw + tx;
            let mm: [F4; XI] = std::array::from_fn(|xi| F4::load(&m[xi * stride + col..]));
            let [y00, y01, y10, y11] = output_transform(&mm).map(|v| v + add);
            // Lane i holds tile tx + i's 2×2 outputs: interleave them back into rows.
            for (dy, (l, r)) in [(y00, y01), (y10, y11)].into_iter().enumerate() {
                let row = &mut out[(2 * ty + dy) * width + 2 * tx..];
                F4::zip_lo(l, r).store(row);
                F4::zip_hi(l, r).store(&mut row[4..]);
            }
        }
    }
    if !direct {
        for (dst, src) in plane.chunks_exact_mut(s.ow).zip(stage.chunks_exact(width)) {
            dst.copy_from_slice(&src[..s.ow]);
        }
    }
}

/// One pooled plane (`winograd::Output::ReluPooled`) from its tiles' products, four windows at a
/// time: rows of at least four windows. A clipped window's missing cells count as 0.
pub fn pooled(
    m: &[f32],
    stride: usize,
    s: Shape,
    (ph, pw): (usize, usize),
    add: f32,
    ys: &mut [f32],
    codes: &mut [u8],
) {
    let tw = s.ow.div_ceil(2);
    let (add, zero) = (F4::splat(add), F4::splat(0.0));
    for ty in 0..ph {
        for tx in groups(pw) {
            let col = ty * tw + tx;
            let mm: [F4; XI] = std::array::from_fn(|xi| F4::load(&m[xi * stride + col..]));
            let mut cells = output_transform(&mm).map(|v| v + add);
            if 2 * ty + 1 >= s.oh {
                (cells[2], cells[3]) = (zero, zero);
            }
            if 2 * (tx + TILES) > s.ow {
                // Lanes whose window has no second column.
                let right = F4::from_array(std::array::from_fn(|l| (2 * (tx + l) + 1) as f32));
                let real = F4::splat(s.ow as f32).gt(right);
                cells[1] = F4::select(real, cells[1], zero);
                cells[3] = F4::select(real, cells[3], zero);
            }
            let at = ty * pw + tx;
            relu_pool::windows4(cells, &mut ys[at..], &mut codes[at..]);
        }
    }
}

//! ReLU followed by a 2×2 stride-2 max pool, as the fused training passes compute them
//! (`conv2d/fused`, and Winograd's output stage, whose 2×2 output tiles are exactly the pool's
//! windows): each window's maximum after ReLU and a code saying which of its four cells
//! (row-major) passes the gradient back, or that none does. The same results as the `Activation`
//! and `MaxPool2d` layers run one after the other: the first largest cell wins, a NaN wins and
//! stays, and a window whose maximum is not positive passes nothing (ReLU's gradient there is 0).

use crate::engine::ops::f32x4::F4;

/// How a 2×2 stride-2 pool treats an odd side: `Drop` leaves its last row or column out
/// (`valid` padding), `Clip` pools it in windows of the cells there are (`same`; a padding cell
/// never wins, and after ReLU the real cells are ≥ 0, so the missing ones count as 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PoolEdge {
    Drop,
    Clip,
}

impl PoolEdge {
    /// Windows along a side of `n` cells.
    pub fn windows(self, n: usize) -> usize {
        match self {
            Self::Drop => n / 2,
            Self::Clip => n.div_ceil(2),
        }
    }
}

/// The code of a window whose gradient stops: its maximum is not positive (or is NaN).
pub const NO_GRADIENT: u8 = 4;

/// ReLU as the `Activation` layer has it: NaN stays NaN.
#[inline(always)]
pub fn relu(v: f32) -> f32 {
    if v < 0.0 {
        0.0
    } else {
        v
    }
}

/// One window's maximum after ReLU and its winner code, from its four cells (row-major).
#[inline(always)]
pub fn window(cells: [f32; 4]) -> (f32, u8) {
    let cells = cells.map(relu);
    let (mut best, mut at) = (cells[0], 0);
    for (i, &v) in cells.iter().enumerate().skip(1) {
        if v > best || (v.is_nan() && !best.is_nan()) {
            best = v;
            at = i;
        }
    }
    (best, if best > 0.0 { at as u8 } else { NO_GRADIENT })
}

/// `window` for four windows at once, lane by lane: `cells[k]` holds cell k of each window.
/// (Maxima may differ from `window`'s in the sign of a zero, which nothing downstream can tell.)
#[inline(always)]
pub fn windows4(cells: [F4; 4], ys: &mut [f32], codes: &mut [u8]) {
    let zero = F4::splat(0.0);
    let c = cells.map(|v| v.pmax(zero));
    let nan = c[0]
        .is_nan()
        .or(c[1].is_nan())
        .or(c[2].is_nan().or(c[3].is_nan()));
    let best = c[0].pmax(c[1]).pmax(c[2].pmax(c[3]));
    let best = F4::select(nan, F4::splat(f32::NAN), best);
    best.store(ys);
    // The first cell equal to a positive maximum.
    let mut win = F4::splat_bits(3);
    for i in (0..3).rev() {
        win = F4::select(c[i].eq(best), F4::splat_bits(i as u32), win);
    }
    let win = F4::select(best.gt(zero), win, F4::splat_bits(NO_GRADIENT as u32));
    for (l, w) in codes[..4].iter_mut().enumerate() {
        *w = win.lane_bits(l) as u8;
    }
}

/// The output gradient of the layer under ReLU and the pool, `oh × ow` per plane (zeros except
/// at winners), from the pooled gradient and the codes of `ph × pw` windows per plane.
pub fn scatter(
    grad: &[f32],
    codes: &[u8],
    (ph, pw): (usize, usize),
    (oh, ow): (usize, usize),
    dy: &mut [f32],
) {
    let pooled = ph * pw;
    for ((gs, cs), plane) in grad
        .chunks_exact(pooled)
        .zip(codes.chunks_exact(pooled))
        .zip(dy.chunks_exact_mut(oh * ow))
    {
        for (cell, (&g, &code)) in gs.iter().zip(cs).enumerate() {
            if code != NO_GRADIENT {
                let (py, px) = (cell / pw, cell % pw);
                plane[(2 * py + code as usize / 2) * ow + 2 * px + code as usize % 2] = g;
            }
        }
    }
}

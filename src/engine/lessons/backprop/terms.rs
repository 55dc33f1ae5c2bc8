//! The sums of products behind a gradient cell, as the page writes them out.

use super::{Pass, CONV_SIDE, KERNEL, SIDE};

/// One product of a gradient sum: `a · b`, from input cell `input` and output cell `out`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Term {
    pub input: usize,
    pub out: usize,
    pub a: f32,
    pub b: f32,
}

/// The products that sum to ∂L/∂K[k]: input[y+i, x+j] · ∂L/∂out[y, x] for every output cell — the
/// 2D lesson's window sweep, multiplying by the output's gradient instead of the kernel.
pub fn kernel_gradient_terms(p: &Pass, k: usize) -> Vec<Term> {
    let (i, j) = (k / KERNEL, k % KERNEL);
    (0..CONV_SIDE * CONV_SIDE)
        .map(|out| {
            let (y, x) = (out / CONV_SIDE, out % CONV_SIDE);
            let input = (y + i) * SIDE + x + j;
            Term {
                input,
                out,
                a: p.input[input],
                b: p.conv_grad[out],
            }
        })
        .collect()
}

/// The products that sum to ∂L/∂input[n]: ∂L/∂out[y, x] · K[r − y, c − x] for every output cell
/// whose window covers input cell n = (r, c) — a full convolution with the kernel turned 180°.
pub fn input_gradient_terms(p: &Pass, n: usize) -> Vec<Term> {
    let (r, c) = (n / SIDE, n % SIDE);
    (0..CONV_SIDE * CONV_SIDE)
        .filter_map(|out| {
            let (y, x) = (out / CONV_SIDE, out % CONV_SIDE);
            let (i, j) = (r.checked_sub(y)?, c.checked_sub(x)?);
            (i < KERNEL && j < KERNEL).then(|| Term {
                input: n,
                out,
                a: p.conv_grad[out],
                b: p.weights.kernel[i * KERNEL + j],
            })
        })
        .collect()
}

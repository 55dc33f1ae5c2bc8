//! The im2col path: a few images at a time, their unfolded input (rows × group·area) stays in
//! cache and one product [O, rows]·[rows, group·area] is wide enough to keep the kernel busy. The
//! backward pass works through the same groups, reading the columns the forward pass kept or,
//! when they were too large, unfolding each group's input again; the input gradient folds the
//! columns back.

use super::im2col::{col2im, im2col, images_per_product, reuse, Geometry, KEEP_COLUMNS};
use super::path::Unfolded;
use crate::engine::nn::layers::Param;
use crate::engine::ops::matmul::matmul;
use crate::engine::ops::sum::sum;

/// `y = W ⋆ x + b` for `n` images, NCHW; keeps every group's columns when `train` and they fit.
pub fn forward(
    u: &mut Unfolded,
    params: &[Param],
    x: &[f32],
    n: usize,
    g: &Geometry,
    train: bool,
) -> Vec<f32> {
    let o = params[1].value.len();
    let (rows, area) = (g.rows(), g.out_area());
    let (in_len, group) = (g.c * g.h * g.w, images_per_product(area, n));
    let bias = &params[1].value;
    let mut y = vec![0.0; n * o * area];
    let keep = train && rows * n * area <= KEEP_COLUMNS;
    let per_group = rows * group * area;
    let groups = if keep { n.div_ceil(group) } else { 1 };
    let mut col = reuse(std::mem::take(&mut u.col), per_group * groups);
    let mut out = reuse(std::mem::take(&mut u.out), o * group * area);
    for (i, (xs, ys)) in x
        .chunks(group * in_len)
        .zip(y.chunks_mut(group * o * area))
        .enumerate()
    {
        let (gn, at) = (xs.len() / in_len, if keep { i * per_group } else { 0 });
        let (col, out) = (
            &mut col[at..at + rows * gn * area],
            &mut out[..o * gn * area],
        );
        im2col(xs, gn, g, col);
        matmul(
            o,
            gn * area,
            rows,
            &params[0].value,
            false,
            col,
            false,
            out,
            false,
        );
        // [O, gn·area] → [gn, O, area], adding the bias.
        for (b, yb) in ys.chunks_exact_mut(o * area).enumerate() {
            for (oc, plane) in yb.chunks_exact_mut(area).enumerate() {
                let src = &out[(oc * gn + b) * area..(oc * gn + b + 1) * area];
                for (d, v) in plane.iter_mut().zip(src) {
                    *d = v + bias[oc];
                }
            }
        }
    }
    (u.col, u.cols_kept) = (col, keep);
    u.out = out;
    y
}

/// Adds the parameter gradients for output gradient `dy` of the last training forward on `x`;
/// with `input_grad`, returns d(loss)/d(input) as well.
pub fn backward(
    u: &mut Unfolded,
    params: &mut [Param],
    x: &[f32],
    n: usize,
    g: &Geometry,
    dy: &[f32],
    input_grad: bool,
) -> Option<Vec<f32>> {
    let o = params[1].value.len();
    let (rows, area) = (g.rows(), g.out_area());
    let (in_len, group) = (g.c * g.h * g.w, images_per_product(area, n));
    // The forward's columns, if it kept them (then every group's, one after the other).
    let (kept, per_group) = (u.cols_kept, rows * group * area);
    let mut col = std::mem::take(&mut u.col);
    if !kept {
        col = reuse(col, per_group);
    }
    let mut dcol = reuse(
        std::mem::take(&mut u.dcol),
        if input_grad { rows * group * area } else { 0 },
    );
    let mut dym = reuse(std::mem::take(&mut u.out), o * group * area);
    let mut dx = vec![0.0; if input_grad { n * in_len } else { 0 }];
    let (weight, bias) = params.split_at_mut(1);
    for (i, (xs, dys)) in x
        .chunks(group * in_len)
        .zip(dy.chunks(group * o * area))
        .enumerate()
    {
        let (gn, at) = (xs.len() / in_len, if kept { i * per_group } else { 0 });
        let (col, dym) = (
            &mut col[at..at + rows * gn * area],
            &mut dym[..o * gn * area],
        );
        // [gn, O, area] → [O, gn·area]
        for (b, dyb) in dys.chunks_exact(o * area).enumerate() {
            for (oc, plane) in dyb.chunks_exact(area).enumerate() {
                dym[(oc * gn + b) * area..(oc * gn + b + 1) * area].copy_from_slice(plane);
            }
        }
        // dW += dY · colᵀ; db += row sums of dY.
        if !kept {
            im2col(xs, gn, g, col);
        }
        matmul(
            o,
            rows,
            gn * area,
            dym,
            false,
            col,
            true,
            &mut weight[0].grad,
            true,
        );
        for (gb, row) in bias[0].grad.iter_mut().zip(dym.chunks_exact(gn * area)) {
            *gb += sum(row);
        }
        if input_grad {
            // dcol = Wᵀ · dY, folded back onto the images.
            let dcol = &mut dcol[..rows * gn * area];
            matmul(
                rows,
                gn * area,
                o,
                &weight[0].value,
                true,
                dym,
                false,
                dcol,
                false,
            );
            let start = i * group * in_len;
            col2im(dcol, gn, g, &mut dx[start..start + gn * in_len]);
        }
    }
    weight[0].apply_mask();
    (u.col, u.dcol, u.out) = (col, dcol, dym);
    input_grad.then_some(dx)
}

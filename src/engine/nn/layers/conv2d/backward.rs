//! Conv2d's backward pass: for 3×3 stride-1 layers everything by Winograd (kernel gradient and
//! input gradient), for shallow ones (`conv2d/direct`) everything directly; otherwise the parameter gradients by im2col, group by group as in the forward
//! pass, and the input gradient by folding the columns back.

use super::im2col::{col2im, im2col};
use super::{direct, winograd};
use super::{images_per_product, reuse, Conv2d};
use crate::engine::ops::matmul::matmul;
use crate::engine::ops::sum::sum;
use crate::engine::ops::tensor::Tensor;

impl Conv2d {
    /// Adds the parameter gradients for the last training forward; with `input_grad`, also
    /// returns d(loss)/d(input). Works through the batch in the forward pass's groups of images,
    /// reading the columns the forward pass kept or, when they were too large, unfolding each
    /// group's input again.
    pub(super) fn backward_impl(&mut self, grad_out: &Tensor, input_grad: bool) -> Option<Tensor> {
        let (g, x) = self
            .cache
            .as_ref()
            .expect("Conv2D: backward needs a training forward first");
        let g = *g;
        let n = x.batch();
        if self.winograd() {
            return self.winograd_backward(grad_out, input_grad);
        }
        if self.is_direct() {
            let mut dx = vec![0.0; if input_grad { n * g.c * g.h * g.w } else { 0 }];
            let (weight, bias) = self.params.split_at_mut(1);
            direct::backward(
                x.data(),
                n,
                &g,
                self.cfg.out_channels,
                &weight[0].value,
                grad_out.data(),
                &mut weight[0].grad,
                &mut bias[0].grad,
                input_grad.then_some(&mut dx[..]),
                &mut self.direct,
            );
            return input_grad.then(|| Tensor::from_vec(&[n, g.c, g.h, g.w], dx));
        }
        let (o, rows, area) = (self.cfg.out_channels, g.rows(), g.out_area());
        let (in_len, group) = (g.c * g.h * g.w, images_per_product(area, n));
        // The forward's columns, if it kept them (then every group's, one after the other).
        let (kept, per_group) = (self.cols_kept, rows * group * area);
        let mut col = std::mem::take(&mut self.col);
        if !kept {
            col = reuse(col, per_group);
        }
        let mut dcol = reuse(
            std::mem::take(&mut self.dcol),
            if input_grad { rows * group * area } else { 0 },
        );
        let mut dym = reuse(std::mem::take(&mut self.out), o * group * area);
        let mut dx = vec![0.0; if input_grad { n * in_len } else { 0 }];
        let (weight, bias) = self.params.split_at_mut(1);
        for (i, (xs, dys)) in x
            .data()
            .chunks(group * in_len)
            .zip(grad_out.data().chunks(group * o * area))
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
                im2col(xs, gn, &g, col);
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
                col2im(dcol, gn, &g, &mut dx[start..start + gn * in_len]);
            }
        }
        weight[0].apply_mask();
        self.col = col;
        self.dcol = dcol;
        self.out = dym;
        input_grad.then(|| Tensor::from_vec(&[n, g.c, g.h, g.w], dx))
    }

    /// The backward pass of a 3×3 stride-1 layer: bias gradient from the output gradient's
    /// planes, kernel gradient and input gradient by Winograd.
    pub(super) fn winograd_backward(
        &mut self,
        grad_out: &Tensor,
        input_grad: bool,
    ) -> Option<Tensor> {
        let (g, x) = self.cache.as_ref().expect("checked by backward_impl");
        let (g, n) = (*g, x.batch());
        let shape = self.winograd_shape(&g, n);
        let (weight, bias) = self.params.split_at_mut(1);
        let area = g.out_area();
        for (plane, oc) in grad_out.data().chunks_exact(area).zip((0..shape.o).cycle()) {
            bias[0].grad[oc] += sum(plane);
        }
        self.wino
            .add_kernel_grad(x.data(), shape, grad_out.data(), &mut weight[0].grad);
        weight[0].apply_mask();
        if !input_grad {
            return None;
        }
        let mut dx = vec![0.0; n * g.c * g.h * g.w];
        // dX is the 3×3 convolution of dY with each kernel flipped and its channels swapped:
        // input cell y gets dY[y + top − ky]·W[ky], i.e. dY rows from y − (2 − top).
        let w = &weight[0].value;
        let shape = winograd::Shape {
            n,
            c: shape.o,
            h: g.oh,
            w: g.ow,
            o: g.c,
            oh: g.h,
            ow: g.w,
            top: 2 - g.pads.top as isize,
            left: 2 - g.pads.left as isize,
        };
        let kernel = |ic: usize, oc: usize| -> [f32; 9] {
            let at = (oc * g.c + ic) * 9;
            std::array::from_fn(|i| w[at + 8 - i])
        };
        self.wino.conv(
            grad_out.data(),
            shape,
            kernel,
            None,
            winograd::Output::Planes(&mut dx),
        );
        Some(Tensor::from_vec(&[n, g.c, g.h, g.w], dx))
    }
}

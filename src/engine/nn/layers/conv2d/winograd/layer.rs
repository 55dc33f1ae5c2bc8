//! The Winograd path of a `Conv2d` layer: its forward pass (into planes, or pooled after ReLU),
//! and its backward — the bias gradient from the output gradient's planes, the kernel gradient
//! and the input gradient by Winograd.

use super::{Output, Shape, Winograd};
use crate::engine::nn::layers::conv2d::im2col::Geometry;
use crate::engine::nn::layers::Param;
use crate::engine::ops::sum::sum;

/// The Winograd shape of a layer's forward pass over `n` images with `o` outputs.
fn shape(g: &Geometry, n: usize, o: usize) -> Shape {
    Shape {
        n,
        c: g.c,
        h: g.h,
        w: g.w,
        o,
        oh: g.oh,
        ow: g.ow,
        top: g.pads.top as isize,
        left: g.pads.left as isize,
    }
}

/// The forward pass of `n` images `x` into `out`.
pub fn forward(
    wino: &mut Winograd,
    params: &[Param],
    x: &[f32],
    n: usize,
    g: &Geometry,
    out: Output,
) {
    let (weights, bias) = (&params[0].value, &params[1].value);
    let c = g.c;
    let kernel = |oc: usize, ic: usize| -> [f32; 9] {
        let at = (oc * c + ic) * 9;
        std::array::from_fn(|i| weights[at + i])
    };
    wino.conv(x, shape(g, n, bias.len()), kernel, Some(bias), out);
}

/// Adds the parameter gradients for output gradient `dy` of the last training forward on `x`;
/// with `input_grad`, returns d(loss)/d(input) as well.
pub fn backward(
    wino: &mut Winograd,
    params: &mut [Param],
    x: &[f32],
    n: usize,
    g: &Geometry,
    dy: &[f32],
    input_grad: bool,
) -> Option<Vec<f32>> {
    let (weight, bias) = params.split_at_mut(1);
    let o = bias[0].value.len();
    let area = g.out_area();
    for (plane, oc) in dy.chunks_exact(area).zip((0..o).cycle()) {
        bias[0].grad[oc] += sum(plane);
    }
    wino.add_kernel_grad(x, shape(g, n, o), dy, &mut weight[0].grad);
    weight[0].apply_mask();
    if !input_grad {
        return None;
    }
    let mut dx = vec![0.0; n * g.c * g.h * g.w];
    // dX is the 3×3 convolution of dY with each kernel flipped and its channels swapped:
    // input cell y gets dY[y + top − ky]·W[ky], i.e. dY rows from y − (2 − top).
    let w = &weight[0].value;
    let flipped = Shape {
        n,
        c: o,
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
    wino.conv(dy, flipped, kernel, None, Output::Planes(&mut dx));
    Some(dx)
}

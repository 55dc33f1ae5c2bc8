//! Single-channel 2D convolution with every window's element-wise products kept, for the lesson's
//! sliding-kernel animation. Sizes come from the lesson formula (`shape::conv_output_len`), so an
//! impossible slider setting is a `ShapeError`, never a panic.

use crate::engine::ops::shape::{conv_output_len, dilated, Axis, ShapeError};

/// Lesson controls: symmetric padding, the same stride and dilation on both axes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Conv2dSetup {
    pub height: usize,
    pub width: usize,
    pub kernel: usize,
    pub stride: usize,
    pub padding: usize,
    pub dilation: usize,
}

impl Conv2dSetup {
    /// Output (height, width), or what makes the setting impossible.
    pub fn output_size(&self) -> Result<(usize, usize), ShapeError> {
        Ok((
            conv_output_len(
                Axis::Height,
                self.height,
                self.kernel,
                self.stride,
                self.padding,
                self.dilation,
            )?,
            conv_output_len(
                Axis::Width,
                self.width,
                self.kernel,
                self.stride,
                self.padding,
                self.dilation,
            )?,
        ))
    }
    /// Kernel extent once dilated.
    pub fn effective_kernel(&self) -> usize {
        dilated(self.kernel, self.dilation)
    }
}

/// One kernel cell over one input cell.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    /// Position in the padded input (0-based, padding included).
    pub padded_y: usize,
    pub padded_x: usize,
    /// The input value (0 in the padding).
    pub value: f32,
    pub weight: f32,
    pub product: f32,
    pub in_padding: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Window2d {
    pub out_y: usize,
    pub out_x: usize,
    pub cells: Vec<Cell>,
    pub sum: f32,
}

/// Every output position's window, row by row. `input` is `height × width`, `kernel` is `k × k`.
pub fn conv2d_steps(
    setup: &Conv2dSetup,
    input: &[f32],
    kernel: &[f32],
) -> Result<Vec<Window2d>, ShapeError> {
    let (oh, ow) = setup.output_size()?;
    let Conv2dSetup {
        height: h,
        width: w,
        kernel: k,
        stride: s,
        padding: p,
        dilation: d,
    } = *setup;
    if input.len() != h * w || kernel.len() != k * k {
        return Err(ShapeError::Mismatch(format!(
            "expected a {h}×{w} input and a {k}×{k} kernel"
        )));
    }
    let mut out = Vec::with_capacity(oh * ow);
    for oy in 0..oh {
        for ox in 0..ow {
            let mut cells = Vec::with_capacity(k * k);
            for i in 0..k {
                for j in 0..k {
                    let (py, px) = (oy * s + i * d, ox * s + j * d);
                    let inside = py >= p && px >= p && py - p < h && px - p < w;
                    let value = if inside {
                        input[(py - p) * w + (px - p)]
                    } else {
                        0.0
                    };
                    let weight = kernel[i * k + j];
                    cells.push(Cell {
                        padded_y: py,
                        padded_x: px,
                        value,
                        weight,
                        product: value * weight,
                        in_padding: !inside,
                    });
                }
            }
            let sum = cells.iter().map(|c| c.product).sum();
            out.push(Window2d {
                out_y: oy,
                out_x: ox,
                cells,
                sum,
            });
        }
    }
    Ok(out)
}

/// Just the output values (row-major).
pub fn conv2d_single(
    setup: &Conv2dSetup,
    input: &[f32],
    kernel: &[f32],
) -> Result<Vec<f32>, ShapeError> {
    Ok(conv2d_steps(setup, input, kernel)?
        .into_iter()
        .map(|w| w.sum)
        .collect())
}

/// The 2D lesson's demo image: a dark left half and a bright right half with a little texture,
/// values 0–9.
pub fn demo_input(h: usize, w: usize) -> Vec<f32> {
    (0..h * w)
        .map(|i| (if (i % w) * 2 >= w { 7 } else { 1 } + (i / w + 2 * (i % w)) % 3) as f32)
        .collect()
}

/// A vertical-edge kernel: −1 on the left columns, +1 on the right, 0 in the middle.
pub fn demo_kernel(k: usize) -> Vec<f32> {
    if k == 1 {
        return vec![1.0];
    }
    (0..k * k)
        .map(|i| {
            let j = i % k;
            if 2 * j + 1 < k {
                -1.0
            } else if 2 * j + 1 > k {
                1.0
            } else {
                0.0
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::layers::{Conv2d, ConvConfig, Layer};
    use crate::engine::ops::shape::Padding;
    use crate::engine::ops::tensor::Tensor;
    use proptest::prelude::*;

    #[test]
    fn source_examples() {
        let s = Conv2dSetup {
            height: 7,
            width: 7,
            kernel: 3,
            stride: 1,
            padding: 0,
            dilation: 1,
        };
        assert_eq!(s.output_size(), Ok((5, 5)));
        assert_eq!(Conv2dSetup { stride: 2, ..s }.output_size(), Ok((3, 3)));
        assert!(Conv2dSetup { stride: 0, ..s }.output_size().is_err());
        assert!(conv2d_steps(&Conv2dSetup { kernel: 9, ..s }, &[0.0; 49], &[0.0; 81]).is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        /// The lesson's step-by-step sums equal the network layer's output.
        #[test]
        fn equals_the_conv_layer(h in 1usize..9, w in 1usize..9, k in 1usize..4, s in 1usize..3, p in 0usize..3, d in 1usize..3, seed in 0u64..500) {
            let setup = Conv2dSetup { height: h, width: w, kernel: k, stride: s, padding: p, dilation: d };
            prop_assume!(setup.output_size().is_ok());
            let x = crate::engine::testutil::random_tensor(&[1, 1, h, w], seed);
            let kern = crate::engine::testutil::random_tensor(&[k * k], seed + 1);
            let ours = conv2d_single(&setup, x.data(), kern.data()).unwrap();
            let mut layer = Conv2d::new(ConvConfig::new(1, 1, k, Padding::uniform(p)).stride((s, s)).dilation((d, d)));
            layer.params_mut()[0].value.copy_from_slice(kern.data());
            let y = layer.forward(&x, false);
            let want = Tensor::from_vec(y.shape(), ours);
            prop_assert!(y.max_abs_diff(&want) < 1e-5);
        }
    }
}

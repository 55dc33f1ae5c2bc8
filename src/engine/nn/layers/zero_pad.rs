//! Zero padding as a layer: LeNet-5 reads 32×32 images, so MNIST's 28×28 digits get a 2-pixel border.

use super::{expect_chw, Layer, LayerKind};
use crate::engine::ops::shape::ShapeError;
use crate::engine::ops::tensor::Tensor;

pub struct ZeroPad2d {
    pad: usize,
}

impl ZeroPad2d {
    pub fn new(pad: usize) -> Self {
        Self { pad }
    }
    /// Zero cells added on every side.
    pub fn pad(&self) -> usize {
        self.pad
    }
}

impl Layer for ZeroPad2d {
    fn kind(&self) -> LayerKind {
        LayerKind::ZeroPadding2D
    }
    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError> {
        let (c, h, w) = expect_chw("ZeroPadding2D", input)?;
        Ok(vec![c, h + 2 * self.pad, w + 2 * self.pad])
    }
    fn forward(&mut self, x: &Tensor, _train: bool) -> Tensor {
        let s = x.shape();
        let (n, c, h, w, p) = (s[0], s[1], s[2], s[3], self.pad);
        let (oh, ow) = (h + 2 * p, w + 2 * p);
        let mut y = Tensor::zeros(&[n, c, oh, ow]);
        for (src, dst) in x
            .data()
            .chunks_exact(h * w)
            .zip(y.data_mut().chunks_exact_mut(oh * ow))
        {
            for r in 0..h {
                dst[(r + p) * ow + p..(r + p) * ow + p + w]
                    .copy_from_slice(&src[r * w..(r + 1) * w]);
            }
        }
        y
    }
    fn backward(&mut self, grad_out: &Tensor) -> Tensor {
        let s = grad_out.shape();
        let (n, c, oh, ow, p) = (s[0], s[1], s[2], s[3], self.pad);
        let (h, w) = (oh - 2 * p, ow - 2 * p);
        let mut dx = Tensor::zeros(&[n, c, h, w]);
        for (src, dst) in grad_out
            .data()
            .chunks_exact(oh * ow)
            .zip(dx.data_mut().chunks_exact_mut(h * w))
        {
            for r in 0..h {
                dst[r * w..(r + 1) * w]
                    .copy_from_slice(&src[(r + p) * ow + p..(r + p) * ow + p + w]);
            }
        }
        dx
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testutil::{check_gradients, random_tensor};

    #[test]
    fn pads_and_unpads() {
        let mut z = ZeroPad2d::new(2);
        assert_eq!(z.output_shape(&[1, 28, 28]).unwrap(), vec![1, 32, 32]);
        let x = random_tensor(&[2, 1, 3, 4], 1);
        let y = z.forward(&x, true);
        assert_eq!(y.data()[0], 0.0);
        assert_eq!(y.data()[2 * 8 + 2], x.data()[0]);
        check_gradients(&mut z, &x, 2).unwrap();
    }
}

//! Flatten: `[C, H, W]` → `[C·H·W]` in channel-major (PyTorch) order. No arithmetic, no parameters.

use super::{Layer, LayerKind};
use crate::engine::ops::shape::ShapeError;
use crate::engine::ops::tensor::Tensor;

#[derive(Default)]
pub struct Flatten {
    input_shape: Vec<usize>,
}

impl Flatten {
    pub fn new() -> Self {
        Self::default()
    }
}

impl Layer for Flatten {
    fn kind(&self) -> LayerKind {
        LayerKind::Flatten
    }
    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError> {
        Ok(vec![input.iter().product()])
    }
    fn forward(&mut self, x: &Tensor, _train: bool) -> Tensor {
        self.input_shape = x.shape().to_vec();
        let n = x.batch();
        let f = x.item_len();
        x.clone().reshape(&[n, f])
    }
    fn backward(&mut self, grad_out: &Tensor) -> Tensor {
        grad_out.clone().reshape(&self.input_shape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut f = Flatten::new();
        assert_eq!(f.output_shape(&[60, 7, 7]).unwrap(), vec![2940]);
        let x = Tensor::from_vec(&[2, 2, 1, 2], (0..8).map(|v| v as f32).collect());
        let y = f.forward(&x, true);
        assert_eq!(y.shape(), &[2, 4]);
        assert_eq!(f.backward(&y), x);
    }
}

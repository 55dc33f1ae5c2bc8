//! Element-wise activations (ReLU, sigmoid, tanh) and softmax over the last axis.

use super::{Layer, LayerKind};
use crate::engine::ops::shape::ShapeError;
use crate::engine::ops::tensor::Tensor;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActivationKind {
    Relu,
    Sigmoid,
    Tanh,
}

pub struct Activation {
    kind: ActivationKind,
    /// Training cache: the output (all three derivatives are functions of it).
    out: Option<Tensor>,
}

impl Activation {
    pub fn new(kind: ActivationKind) -> Self {
        Self { kind, out: None }
    }
    pub fn relu() -> Self {
        Self::new(ActivationKind::Relu)
    }
    pub fn sigmoid() -> Self {
        Self::new(ActivationKind::Sigmoid)
    }
    pub fn tanh() -> Self {
        Self::new(ActivationKind::Tanh)
    }
}

impl Layer for Activation {
    fn kind(&self) -> LayerKind {
        LayerKind::Activation(self.kind)
    }
    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError> {
        Ok(input.to_vec())
    }
    fn forward(&mut self, x: &Tensor, train: bool) -> Tensor {
        // One loop per kind (not a function pointer per value) so each one vectorises.
        let mut y = x.clone();
        match self.kind {
            ActivationKind::Relu => y.data_mut().iter_mut().for_each(|v| *v = v.max(0.0)),
            ActivationKind::Sigmoid => y
                .data_mut()
                .iter_mut()
                .for_each(|v| *v = 1.0 / (1.0 + (-*v).exp())),
            ActivationKind::Tanh => y.data_mut().iter_mut().for_each(|v| *v = v.tanh()),
        }
        self.out = train.then(|| y.clone());
        y
    }
    fn backward(&mut self, grad_out: &Tensor) -> Tensor {
        let y = self
            .out
            .as_ref()
            .expect("activation: backward needs a training forward first");
        let mut dx = grad_out.clone();
        let pairs = dx.data_mut().iter_mut().zip(y.data());
        match self.kind {
            ActivationKind::Relu => pairs.for_each(|(g, &y)| *g = if y > 0.0 { *g } else { 0.0 }),
            ActivationKind::Sigmoid => pairs.for_each(|(g, &y)| *g *= y * (1.0 - y)),
            ActivationKind::Tanh => pairs.for_each(|(g, &y)| *g *= 1.0 - y * y),
        }
        dx
    }
}

/// Softmax over each item's values: turns scores into probabilities that sum to 1.
#[derive(Default)]
pub struct Softmax {
    out: Option<Tensor>,
}

impl Softmax {
    pub fn new() -> Self {
        Self::default()
    }

    /// Probabilities for a batch of scores, without keeping anything for a backward pass.
    pub fn forward_no_cache(&self, x: &Tensor) -> Tensor {
        let mut y = x.clone();
        let k = x.item_len();
        for row in y.data_mut().chunks_exact_mut(k) {
            softmax_in_place(row);
        }
        y
    }
}

/// Numerically stable softmax of one row, in place.
pub fn softmax_in_place(row: &mut [f32]) {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in row.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    for v in row.iter_mut() {
        *v /= sum;
    }
}

impl Layer for Softmax {
    fn kind(&self) -> LayerKind {
        LayerKind::Softmax
    }
    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError> {
        Ok(input.to_vec())
    }
    fn forward(&mut self, x: &Tensor, train: bool) -> Tensor {
        let y = self.forward_no_cache(x);
        self.out = train.then(|| y.clone());
        y
    }
    /// dx = y ⊙ (dy − ⟨dy, y⟩) per row.
    fn backward(&mut self, grad_out: &Tensor) -> Tensor {
        let y = self
            .out
            .as_ref()
            .expect("Softmax: backward needs a training forward first");
        let k = y.item_len();
        let mut dx = Vec::with_capacity(y.len());
        for (yr, gr) in y
            .data()
            .chunks_exact(k)
            .zip(grad_out.data().chunks_exact(k))
        {
            let dot: f32 = yr.iter().zip(gr).map(|(a, b)| a * b).sum();
            dx.extend(yr.iter().zip(gr).map(|(y, g)| y * (g - dot)));
        }
        Tensor::from_vec(y.shape(), dx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testutil::{check_gradients, random_tensor};

    #[test]
    fn values() {
        let x = Tensor::from_vec(&[1, 3], vec![-1.0, 0.0, 2.0]);
        assert_eq!(
            Activation::relu().forward(&x, false).data(),
            &[0.0, 0.0, 2.0]
        );
        assert!((Activation::sigmoid().forward(&x, false).data()[1] - 0.5).abs() < 1e-7);
        assert!((Activation::tanh().forward(&x, false).data()[2] - 2f32.tanh()).abs() < 1e-7);
        let p = Softmax::new().forward(
            &Tensor::from_vec(&[1, 3], vec![1000.0, 1000.0, -1000.0]),
            false,
        );
        assert_eq!(p.data(), &[0.5, 0.5, 0.0]);
    }

    #[test]
    fn gradients() {
        for seed in 0..6 {
            let x = random_tensor(&[3, 7], seed);
            check_gradients(&mut Activation::relu(), &x, seed).unwrap();
            check_gradients(&mut Activation::sigmoid(), &x, seed).unwrap();
            check_gradients(&mut Activation::tanh(), &x, seed).unwrap();
            check_gradients(&mut Softmax::new(), &x, seed).unwrap();
        }
    }
}

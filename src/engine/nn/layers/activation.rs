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
        self.forward_owned(x.clone(), train)
    }
    fn backward(&mut self, grad_out: &Tensor) -> Tensor {
        self.backward_owned(grad_out.clone())
    }
    fn forward_owned(&mut self, x: Tensor, train: bool) -> Tensor {
        // One loop per kind (not a function pointer per value) so each one vectorises. In place
        // unless the values are shared (then `data_mut` copies them first).
        let mut y = x;
        match self.kind {
            // Not `max(0.0)`, which turns NaN into 0 and would hide a diverged input from the loss.
            ActivationKind::Relu => y
                .data_mut()
                .iter_mut()
                .for_each(|v| *v = if *v < 0.0 { 0.0 } else { *v }),
            ActivationKind::Sigmoid => y
                .data_mut()
                .iter_mut()
                .for_each(|v| *v = 1.0 / (1.0 + (-*v).exp())),
            ActivationKind::Tanh => y.data_mut().iter_mut().for_each(|v| *v = fast_tanh(*v)),
        }
        self.out = train.then(|| y.clone());
        y
    }
    fn backward_owned(&mut self, grad_out: Tensor) -> Tensor {
        let y = self
            .out
            .as_ref()
            .expect("activation: backward needs a training forward first");
        let mut dx = grad_out;
        let pairs = dx.data_mut().iter_mut().zip(y.data());
        match self.kind {
            ActivationKind::Relu => pairs.for_each(|(g, &y)| *g = if y > 0.0 { *g } else { 0.0 }),
            ActivationKind::Sigmoid => pairs.for_each(|(g, &y)| *g *= y * (1.0 - y)),
            ActivationKind::Tanh => pairs.for_each(|(g, &y)| *g *= 1.0 - y * y),
        }
        dx
    }
}

/// tanh as a rational function of x², the approximation TensorFlow's CPU kernels use (Eigen's
/// `ptanh_float`): within 5e-7 of `f32::tanh` (tested), free of calls so it vectorises, and faster
/// than libm's `tanhf` in the page (docs/benchmarks.md, "Behind the comments").
#[inline(always)]
#[allow(clippy::excessive_precision)] // Eigen's constants as published
pub fn fast_tanh(x: f32) -> f32 {
    const CLAMP: f32 = 7.905_311;
    const A: [f32; 7] = [
        4.893_524_6e-3,
        6.372_619_3e-4,
        1.485_722_4e-5,
        5.122_297e-8,
        -8.604_671_5e-11,
        2.000_188e-13,
        -2.760_768_5e-16,
    ];
    const B: [f32; 4] = [
        4.893_525_2e-3,
        2.268_434_6e-3,
        1.185_347_1e-4,
        1.198_258_4e-6,
    ];
    let xc = x.clamp(-CLAMP, CLAMP); // NaN stays NaN
    let x2 = xc * xc;
    let p = ((((((A[6] * x2 + A[5]) * x2 + A[4]) * x2 + A[3]) * x2 + A[2]) * x2 + A[1]) * x2
        + A[0])
        * xc;
    let q = ((B[3] * x2 + B[2]) * x2 + B[1]) * x2 + B[0];
    if xc.abs() < 4e-4 {
        xc
    } else {
        p / q
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
        if k == 0 {
            return y;
        }
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
        if input.iter().product::<usize>() == 0 {
            return Err(ShapeError::Mismatch(
                "Softmax needs at least one score per item".into(),
            ));
        }
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
        if k == 0 {
            return Tensor::zeros(y.shape());
        }
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
    fn owned_tensors_change_in_place_shared_ones_are_copied() {
        let mut relu = Activation::relu();
        let x = random_tensor(&[2, 3, 4, 4], 1);
        let at = x.data().as_ptr();
        let y = relu.forward_owned(x, true);
        assert_eq!(
            y.data().as_ptr(),
            at,
            "an owned activation is worked on in place"
        );
        assert!(y.data().iter().all(|&v| v >= 0.0));
        let g = random_tensor(&[2, 3, 4, 4], 2);
        let at = g.data().as_ptr();
        assert_eq!(relu.backward_owned(g).data().as_ptr(), at);
        // A tensor someone else still holds keeps its values.
        let x = random_tensor(&[2, 3, 4, 4], 3);
        let held = x.clone();
        let y = relu.forward_owned(x, true);
        assert_eq!(held, random_tensor(&[2, 3, 4, 4], 3));
        assert_ne!(y.data().as_ptr(), held.data().as_ptr());
    }

    #[test]
    fn fast_tanh_matches_libm() {
        let mut worst = 0.0f32;
        for i in -200_000..=200_000 {
            let x = i as f32 * 1e-4;
            worst = worst.max((fast_tanh(x) - x.tanh()).abs());
        }
        assert!(worst < 5e-7, "max error {worst}");
        assert_eq!(fast_tanh(100.0), 1.0);
        assert_eq!(fast_tanh(-100.0), -1.0);
        assert!(fast_tanh(f32::NAN).is_nan());
    }

    #[test]
    fn nan_propagates_through_every_activation() {
        for kind in [
            ActivationKind::Relu,
            ActivationKind::Sigmoid,
            ActivationKind::Tanh,
        ] {
            let x = Tensor::from_vec(&[1, 3], vec![-1.0, f32::NAN, 2.0]);
            let y = Activation::new(kind).forward(&x, false);
            assert!(y.data()[1].is_nan(), "{kind:?} hid a NaN: {:?}", y.data());
        }
    }

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

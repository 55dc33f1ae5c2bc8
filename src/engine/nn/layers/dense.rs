//! Fully connected layer: `y = x·Wᵀ + b`, with W stored `[out, in]` as in PyTorch.

use super::{Layer, LayerKind, Param, ParamRole};
use crate::engine::ops::matmul::matmul;
use crate::engine::ops::shape::ShapeError;
use crate::engine::ops::tensor::Tensor;

pub struct Dense {
    inputs: usize,
    outputs: usize,
    params: Vec<Param>,
    cache: Option<Tensor>,
}

impl Dense {
    pub fn new(inputs: usize, outputs: usize) -> Self {
        Self {
            inputs,
            outputs,
            params: vec![
                Param::zeros(ParamRole::Weight, &[outputs, inputs]),
                Param::zeros(ParamRole::Bias, &[outputs]),
            ],
            cache: None,
        }
    }
}

impl Layer for Dense {
    fn kind(&self) -> LayerKind {
        LayerKind::Dense
    }

    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError> {
        match input {
            [f] if *f == self.inputs => Ok(vec![self.outputs]),
            _ => Err(ShapeError::Mismatch(format!(
                "Dense expects {} features, got {input:?} (add a Flatten before it)",
                self.inputs
            ))),
        }
    }

    fn forward(&mut self, x: &Tensor, train: bool) -> Tensor {
        let n = x.batch();
        assert_eq!(
            x.item_len(),
            self.inputs,
            "Dense: input shape was validated when the model was built"
        );
        let mut y = vec![0.0; n * self.outputs];
        for row in y.chunks_exact_mut(self.outputs) {
            row.copy_from_slice(&self.params[1].value);
        }
        matmul(
            n,
            self.outputs,
            self.inputs,
            x.data(),
            false,
            &self.params[0].value,
            true,
            &mut y,
            true,
        );
        self.cache = train.then(|| x.clone());
        Tensor::from_vec(&[n, self.outputs], y)
    }

    fn backward(&mut self, grad_out: &Tensor) -> Tensor {
        let x = self
            .cache
            .as_ref()
            .expect("Dense: backward needs a training forward first");
        let n = x.batch();
        let dy = grad_out.data();
        let (w, b) = self.params.split_at_mut(1);
        matmul(
            self.outputs,
            self.inputs,
            n,
            dy,
            true,
            x.data(),
            false,
            &mut w[0].grad,
            true,
        );
        for row in dy.chunks_exact(self.outputs) {
            for (g, d) in b[0].grad.iter_mut().zip(row) {
                *g += d;
            }
        }
        let mut dx = vec![0.0; n * self.inputs];
        matmul(
            n,
            self.inputs,
            self.outputs,
            dy,
            false,
            &w[0].value,
            false,
            &mut dx,
            false,
        );
        Tensor::from_vec(x.shape(), dx)
    }

    fn params(&self) -> &[Param] {
        &self.params
    }
    fn params_mut(&mut self) -> &mut [Param] {
        &mut self.params
    }

    fn connections(&self, _input: &[usize]) -> Option<u64> {
        Some(((self.inputs + 1) * self.outputs) as u64)
    }

    /// Every output reads every input plus its bias: parameters and connections coincide.
    fn count_formula(&self, input: &[usize]) -> Option<super::CountFormula> {
        let f = format!(
            "{}×({}+1) = {}",
            self.outputs,
            self.inputs,
            crate::engine::numfmt::group_thousands(self.connections(input)?)
        );
        Some(super::CountFormula {
            params: f.clone(),
            connections: f,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testutil::{check_gradients, random_tensor, randomize_params};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn forward_matches_naive_and_backward_matches_finite_differences(n in 1usize..5, i in 1usize..12, o in 1usize..12, seed in 0u64..1000) {
            let mut d = Dense::new(i, o);
            randomize_params(&mut d, seed);
            let x = random_tensor(&[n, i], seed + 1);
            let y = d.forward(&x, false);
            for b in 0..n {
                for j in 0..o {
                    let want: f32 = d.params()[1].value[j] + (0..i).map(|k| x.data()[b * i + k] * d.params()[0].value[j * i + k]).sum::<f32>();
                    prop_assert!((y.data()[b * o + j] - want).abs() < 1e-4);
                }
            }
            check_gradients(&mut d, &x, seed + 2)?;
        }
    }

    #[test]
    fn counts() {
        let d = Dense::new(2940, 500);
        assert_eq!(d.param_count(), 1_470_500);
        assert_eq!(d.connections(&[2940]), Some(1_470_500));
    }
}

//! Average pooling: each output is the mean of the real (non-padding) cells in its window.

use super::pool_window::PoolConfig;
use super::{Layer, LayerKind};
use crate::engine::ops::shape::ShapeError;
use crate::engine::ops::tensor::Tensor;

pub struct AvgPool2d {
    cfg: PoolConfig,
    cache: Option<Vec<usize>>,
}

impl AvgPool2d {
    pub fn new(cfg: PoolConfig) -> Self {
        Self { cfg, cache: None }
    }
    pub fn config(&self) -> &PoolConfig {
        &self.cfg
    }
}

impl Layer for AvgPool2d {
    fn kind(&self) -> LayerKind {
        LayerKind::AveragePooling2D
    }

    fn output_shape(&self, input: &[usize]) -> Result<Vec<usize>, ShapeError> {
        self.cfg.output_shape("AveragePooling2D", input)
    }

    fn forward(&mut self, x: &Tensor, train: bool) -> Tensor {
        let s = x.shape();
        let (n, c, h, w) = (s[0], s[1], s[2], s[3]);
        let (oh, ow, wins) = self
            .cfg
            .windows(h, w)
            .expect("AveragePooling2D: input shape was validated when the model was built");
        let mut y = Vec::with_capacity(n * c * oh * ow);
        for plane in x.data().chunks_exact(h * w) {
            for (rows, cols) in &wins {
                let sum: f32 = rows
                    .clone()
                    .map(|iy| {
                        plane[iy * w + cols.start..iy * w + cols.end]
                            .iter()
                            .sum::<f32>()
                    })
                    .sum();
                y.push(sum / (rows.len() * cols.len()) as f32);
            }
        }
        self.cache = train.then(|| s.to_vec());
        Tensor::from_vec(&[n, c, oh, ow], y)
    }

    fn backward(&mut self, grad_out: &Tensor) -> Tensor {
        let shape = self
            .cache
            .as_ref()
            .expect("AveragePooling2D: backward needs a training forward first");
        let (h, w) = (shape[2], shape[3]);
        let (oh, ow, wins) = self.cfg.windows(h, w).expect("validated in forward");
        let mut dx = Tensor::zeros(shape);
        for (plane, dy) in dx
            .data_mut()
            .chunks_exact_mut(h * w)
            .zip(grad_out.data().chunks_exact(oh * ow))
        {
            for ((rows, cols), g) in wins.iter().zip(dy) {
                let share = g / (rows.len() * cols.len()) as f32;
                for iy in rows.clone() {
                    for v in &mut plane[iy * w + cols.start..iy * w + cols.end] {
                        *v += share;
                    }
                }
            }
        }
        dx
    }

    fn connections(&self, input: &[usize]) -> Option<u64> {
        self.cfg.connections(input, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::ops::shape::Padding;
    use crate::engine::testutil::{check_gradients, random_tensor};
    use proptest::prelude::*;

    #[test]
    fn source_example_4x4() {
        // Top-left window (3, 6, 4, 7): (3+6+4+7)/4 = 5.
        let x = Tensor::from_vec(
            &[1, 1, 4, 4],
            vec![
                3., 6., 1., 2., 4., 7., 5., 0., 8., 2., 1., 1., 3., 4., 6., 9.,
            ],
        );
        let y = AvgPool2d::new(PoolConfig::new(2, 2, Padding::Valid)).forward(&x, false);
        assert_eq!(y.data(), &[5., 2., 4.25, 4.25]);
    }

    #[test]
    fn same_average_excludes_padding() {
        let x = Tensor::from_vec(&[1, 1, 3, 3], vec![2.0; 9]);
        let y = AvgPool2d::new(PoolConfig::new(2, 2, Padding::Same)).forward(&x, false);
        assert!(y.data().iter().all(|&v| v == 2.0), "{:?}", y.data());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn backward_matches_finite_differences(n in 1usize..3, c in 1usize..3, h in 2usize..9, w in 2usize..9, k in 1usize..4, s in 1usize..4, same: bool, seed in 0u64..1000) {
            let mut pool = AvgPool2d::new(PoolConfig::new(k, s, if same { Padding::Same } else { Padding::Valid }));
            prop_assume!(pool.output_shape(&[c, h, w]).is_ok());
            check_gradients(&mut pool, &random_tensor(&[n, c, h, w], seed), seed + 1)?;
        }
    }
}

//! The fused convolution + ReLU + 2×2 max pool against the three layers run one by one: the same
//! pooled output and the same parameter gradients, for any convolution the fused pass takes.
use super::*;
use crate::engine::nn::layers::{Activation, ConvConfig, Layer, MaxPool2d, PoolConfig};
use crate::engine::ops::shape::Padding;
use crate::engine::testutil::{random_tensor, randomize_params};
use proptest::prelude::*;

/// Pooled output and (weight, bias) gradients, by the three layers and by the fused pass.
fn both_ways(conv: &mut Conv2d, x: &Tensor, seed: u64) -> [(Tensor, Vec<Vec<f32>>); 2] {
    let mut relu = Activation::relu();
    let mut pool = MaxPool2d::new(PoolConfig::new(2, 2, Padding::Valid));
    let grads = |conv: &Conv2d| conv.params().iter().map(|p| p.grad.clone()).collect();
    conv.params_mut().iter_mut().for_each(|p| p.zero_grad());
    let y = pool.forward(&relu.forward(&conv.forward(x, true), true), true);
    let dy = random_tensor(y.shape(), seed);
    conv.backward_params(&relu.backward(&pool.backward(&dy)));
    let layers = (y, grads(conv));
    conv.params_mut().iter_mut().for_each(|p| p.zero_grad());
    let fused = conv.forward_relu_pool(x).expect("the fused pass takes it");
    conv.backward_relu_pool_params(&dy);
    [layers, (fused, grads(conv))]
}

fn close(a: &[f32], b: &[f32], what: &str) -> Result<(), TestCaseError> {
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        prop_assert!(
            (x - y).abs() <= 1e-5 * (1.0 + y.abs()),
            "{what} at {i}: {x} vs {y}"
        );
    }
    prop_assert_eq!(a.len(), b.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn matches_the_three_layers(
        n in 1usize..3, c in 1usize..3, o in 1usize..4, h in 4usize..11, w in 4usize..11,
        k in 1usize..4, s in 1usize..3, same: bool, seed in 0u64..1000,
    ) {
        let padding = if same { Padding::Same } else { Padding::Valid };
        let mut conv = Conv2d::new(ConvConfig::new(c, o, k, padding).stride((s, s)));
        let out = conv.output_shape(&[c, h, w]);
        prop_assume!(out.as_ref().is_ok_and(|s| s[1] >= 2 && s[2] >= 2));
        randomize_params(&mut conv, seed);
        let x = random_tensor(&[n, c, h, w], seed + 1);
        let [(y, g), (fy, fg)] = both_ways(&mut conv, &x, seed + 2);
        prop_assert_eq!(y.shape(), fy.shape());
        close(fy.data(), y.data(), "pooled output")?;
        close(&fg[0], &g[0], "weight gradient")?;
        close(&fg[1], &g[1], "bias gradient")?;
    }
}

#[test]
fn the_seed_models_first_block_and_a_diverged_input() {
    // The seed's first layer (1 → 30 channels, 3×3 same, 28×28), then an input with a NaN: it
    // reaches the pooled output as the layers would carry it (ReLU keeps it, the pool lets it win).
    let mut conv = Conv2d::new(ConvConfig::new(1, 30, 3, Padding::Same));
    randomize_params(&mut conv, 1);
    let x = random_tensor(&[3, 1, 28, 28], 2);
    let [(y, g), (fy, fg)] = both_ways(&mut conv, &x, 3);
    close(fy.data(), y.data(), "pooled output").unwrap();
    close(&fg[0], &g[0], "weight gradient").unwrap();
    close(&fg[1], &g[1], "bias gradient").unwrap();
    let mut bad = x.clone();
    bad.data_mut()[5 * 28 + 7] = f32::NAN;
    let [(y, _), (fy, _)] = both_ways(&mut conv, &bad, 4);
    let nans = |t: &Tensor| t.data().iter().filter(|v| v.is_nan()).count();
    assert!(nans(&y) > 0);
    assert_eq!(nans(&fy), nans(&y));
}

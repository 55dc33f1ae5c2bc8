//! The fused convolution + ReLU + 2×2 max pool against the three layers run one by one: the same
//! pooled output, parameter gradients and (Winograd layers) input gradient, for any convolution
//! the fused pass takes.
use super::*;
use crate::engine::nn::layers::{Activation, ConvConfig, Layer, MaxPool2d, PathKind, PoolConfig};
use crate::engine::ops::shape::Padding;
use crate::engine::testutil::{random_tensor, randomize_params};
use proptest::prelude::*;

/// Pooled output, (weight, bias) gradients and, with `input_grad`, the input gradient: by the
/// three layers and by the fused pass.
type Results = (Tensor, Vec<Vec<f32>>, Option<Tensor>);
/// `pool_same`: a `same` pool, whose windows on an odd side are clipped (else `valid`: dropped).
fn both_ways(
    conv: &mut Conv2d,
    x: &Tensor,
    seed: u64,
    input_grad: bool,
    pool_same: bool,
) -> [Results; 2] {
    let mut relu = Activation::relu();
    let padding = if pool_same {
        Padding::Same
    } else {
        Padding::Valid
    };
    let mut pool = MaxPool2d::new(PoolConfig::new(2, 2, padding));
    let out = conv.output_shape(&x.shape()[1..]).unwrap();
    let edge = pool.halving(&out).expect("a 2×2 stride-2 pool");
    let grads = |conv: &Conv2d| conv.params().iter().map(|p| p.grad.clone()).collect();
    conv.params_mut().iter_mut().for_each(|p| p.zero_grad());
    let y = pool.forward(&relu.forward(&conv.forward(x, true), true), true);
    let dy = random_tensor(y.shape(), seed);
    let below = relu.backward(&pool.backward(&dy));
    let dx = if input_grad {
        Some(conv.backward(&below))
    } else {
        conv.backward_params(&below);
        None
    };
    let layers = (y, grads(conv), dx);
    conv.params_mut().iter_mut().for_each(|p| p.zero_grad());
    let fused = conv
        .forward_relu_pool(x, input_grad, edge)
        .expect("the fused pass takes it");
    let dx = conv.backward_relu_pool(&dy, input_grad);
    assert_eq!(dx.is_some(), input_grad);
    [layers, (fused, grads(conv), dx)]
}

fn same(a: &Results, b: &Results) -> Result<(), TestCaseError> {
    prop_assert_eq!(a.0.shape(), b.0.shape());
    close(a.0.data(), b.0.data(), "pooled output")?;
    close(&a.1[0], &b.1[0], "weight gradient")?;
    close(&a.1[1], &b.1[1], "bias gradient")?;
    if let (Some(da), Some(db)) = (&a.2, &b.2) {
        close(da.data(), db.data(), "input gradient")?;
    }
    Ok(())
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
        k in 1usize..4, s in 1usize..3, same_pad: bool, pool_same: bool, seed in 0u64..1000,
    ) {
        let padding = if same_pad { Padding::Same } else { Padding::Valid };
        let mut conv = Conv2d::new(ConvConfig::new(c, o, k, padding).stride((s, s)));
        let out = conv.output_shape(&[c, h, w]);
        prop_assume!(out.as_ref().is_ok_and(|s| s[1] >= 2 && s[2] >= 2));
        randomize_params(&mut conv, seed);
        let x = random_tensor(&[n, c, h, w], seed + 1);
        let [layers, fused] = both_ways(&mut conv, &x, seed + 2, false, pool_same);
        same(&fused, &layers)?;
    }

    /// A Winograd layer (3×3, stride 1, ≥ 8 channels) pools in its output stage and gives the
    /// input gradient too: odd sides (a cut last tile the pool leaves out), rows of fewer and of
    /// more than four windows.
    #[test]
    fn winograd_layers_match_the_three_layers_input_gradient_too(
        n in 1usize..3, h in 4usize..14, w in 4usize..14, same_pad: bool, pool_same: bool, seed in 0u64..1000,
    ) {
        let padding = if same_pad { Padding::Same } else { Padding::Valid };
        let mut conv = Conv2d::new(ConvConfig::new(8, 9, 3, padding));
        prop_assert_eq!(conv.path(), PathKind::Winograd);
        let out = conv.output_shape(&[8, h, w]);
        prop_assume!(out.as_ref().is_ok_and(|s| s[1] >= 2 && s[2] >= 2));
        randomize_params(&mut conv, seed);
        let x = random_tensor(&[n, 8, h, w], seed + 1);
        for input_grad in [true, false] {
            let [layers, fused] = both_ways(&mut conv, &x, seed + 2, input_grad, pool_same);
            same(&fused, &layers)?;
        }
    }
}

#[test]
fn the_seed_models_first_block_and_a_diverged_input() {
    // The seed's first layer (1 → 30 channels, 3×3 valid, 28×28 → 26×26), then an input with a NaN: it
    // reaches the pooled output as the layers would carry it (ReLU keeps it, the pool lets it win).
    let mut conv = Conv2d::new(ConvConfig::new(1, 30, 3, Padding::Valid));
    randomize_params(&mut conv, 1);
    let x = random_tensor(&[3, 1, 28, 28], 2);
    let [layers, fused] = both_ways(&mut conv, &x, 3, false, true);
    same(&fused, &layers).unwrap();
    let mut bad = x.clone();
    bad.data_mut()[5 * 28 + 7] = f32::NAN;
    let [(y, ..), (fy, ..)] = both_ways(&mut conv, &bad, 4, false, true);
    let nans = |t: &Tensor| t.data().iter().filter(|v| v.is_nan()).count();
    assert!(nans(&y) > 0);
    assert_eq!(nans(&fy), nans(&y));
}

#[test]
fn the_seed_models_second_block_and_a_diverged_input() {
    // conv2d_1 (30 → 60 channels, 13×13, Winograd) and its `same` pool to 7×7: four windows per
    // vector, the last row and column of windows clipped; and a NaN.
    let mut conv = Conv2d::new(ConvConfig::new(30, 60, 3, Padding::Same));
    randomize_params(&mut conv, 5);
    let x = random_tensor(&[2, 30, 13, 13], 6);
    let [layers, fused] = both_ways(&mut conv, &x, 7, true, true);
    same(&fused, &layers).unwrap();
    let mut bad = x.clone();
    bad.data_mut()[3 * 196 + 20] = f32::NAN;
    let [(y, ..), (fy, ..)] = both_ways(&mut conv, &bad, 8, true, true);
    let nans = |t: &Tensor| t.data().iter().filter(|v| v.is_nan()).count();
    assert!(nans(&y) > 0);
    assert_eq!(nans(&fy), nans(&y));
}

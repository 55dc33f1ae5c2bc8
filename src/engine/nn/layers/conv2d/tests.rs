//! Conv2d against a naive convolution and finite differences: shapes, strides, padding,
//! dilation, groups of images per product, parameter-only backward, connection tables.
use super::direct::DirectBuffers;
use super::im2col::images_per_product;
use super::*;
use crate::engine::testutil::{check_gradients, naive_conv2d, random_tensor, randomize_params};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn forward_matches_naive_and_backward_matches_finite_differences(
        n in 1usize..3, c in 1usize..4, o in 1usize..4, h in 3usize..9, w in 3usize..9,
        kh in 1usize..4, kw in 1usize..4, sh in 1usize..3, sw in 1usize..3, dh in 1usize..3, dw in 1usize..3,
        pad_mode in 0usize..3, p in 0usize..3, seed in 0u64..1000,
    ) {
        let padding = match pad_mode { 0 => Padding::Valid, 1 => Padding::Same, _ => Padding::Explicit { top: p, bottom: (p + 1) % 3, left: (p + 2) % 3, right: p } };
        let cfg = ConvConfig { in_channels: c, out_channels: o, kernel: (kh, kw), stride: (sh, sw), padding, dilation: (dh, dw), table: None };
        let mut conv = Conv2d::new(cfg);
        prop_assume!(conv.output_shape(&[c, h, w]).is_ok());
        randomize_params(&mut conv, seed);
        let x = random_tensor(&[n, c, h, w], seed + 1);
        let y = conv.forward(&x, false);
        let reference = naive_conv2d(&x, &conv.params()[0], &conv.params()[1], conv.config());
        prop_assert!(y.max_abs_diff(&reference) < 1e-4, "forward differs by {}", y.max_abs_diff(&reference));
        check_gradients(&mut conv, &x, seed + 2)?;
    }
}

#[test]
fn batches_split_into_several_products_match_naive_and_finite_differences() {
    // 13×13 outputs → 4 images per product, so 5 images run as groups of 4 and 1 (4 channels:
    // 36 unfolded rows, too many for the direct path, too few channels for Winograd).
    let cfg = ConvConfig::new(4, 3, 3, Padding::Same);
    let mut conv = Conv2d::new(cfg);
    assert_eq!(conv.path(), PathKind::Im2col);
    assert_eq!(images_per_product(24 * 24, 5), 1);
    assert_eq!(images_per_product(13 * 13, 5), 4);
    assert_eq!(images_per_product(1, 128), 128);
    randomize_params(&mut conv, 3);
    let x = random_tensor(&[5, 4, 13, 13], 4);
    let y = conv.forward(&x, false);
    let reference = naive_conv2d(&x, &conv.params()[0], &conv.params()[1], conv.config());
    assert!(y.max_abs_diff(&reference) < 1e-4);
    check_gradients(&mut conv, &x, 5).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]
    /// 3×3 stride-1 layers with ≥ 8 channels take the Winograd path forward and for the input
    /// gradient: the same numbers as the naive convolution and finite differences, any padding.
    #[test]
    fn winograd_layers_match_naive_and_finite_differences(
        n in 1usize..3, h in 3usize..8, w in 3usize..8, pad_mode in 0usize..3, p in 0usize..4, seed in 0u64..1000,
    ) {
        let padding = match pad_mode { 0 => Padding::Valid, 1 => Padding::Same, _ => Padding::Explicit { top: p, bottom: (p + 2) % 4, left: (p + 1) % 4, right: p } };
        let mut conv = Conv2d::new(ConvConfig::new(8, 9, 3, padding));
        prop_assume!(conv.output_shape(&[8, h, w]).is_ok());
        prop_assert_eq!(conv.path(), PathKind::Winograd);
        randomize_params(&mut conv, seed);
        let x = random_tensor(&[n, 8, h, w], seed + 1);
        let y = conv.forward(&x, false);
        let reference = naive_conv2d(&x, &conv.params()[0], &conv.params()[1], conv.config());
        prop_assert!(y.max_abs_diff(&reference) < 1e-4, "forward differs by {}", y.max_abs_diff(&reference));
        check_gradients(&mut conv, &x, seed + 2)?;
    }
}

#[test]
fn parameter_only_backward_gives_the_same_parameter_gradients() {
    let mut conv = Conv2d::new(ConvConfig::new(2, 3, 3, Padding::Valid));
    randomize_params(&mut conv, 8);
    let x = random_tensor(&[6, 2, 9, 9], 9);
    let dy = random_tensor(&[6, 3, 7, 7], 10);
    let grads = |conv: &mut Conv2d, full: bool| {
        conv.params_mut().iter_mut().for_each(|p| p.zero_grad());
        conv.forward(&x, true);
        if full {
            conv.backward(&dy);
        } else {
            conv.backward_params(&dy);
        }
        conv.params()
            .iter()
            .map(|p| p.grad.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(grads(&mut conv, true), grads(&mut conv, false));
}

#[test]
fn connection_table_limits_inputs_and_counts() {
    // Output 0 reads input 1 only; output 1 reads inputs 0 and 2.
    let cfg = ConvConfig::new(3, 2, 3, Padding::Valid).table(vec![vec![1], vec![0, 2]]);
    let mut conv = Conv2d::new(cfg);
    randomize_params(&mut conv, 7);
    conv.constrain();
    assert_eq!(conv.param_count(), 9 + 18 + 2);
    assert_eq!(conv.connections(&[3, 5, 5]), Some(((9 + 1) + (18 + 1)) * 9));
    // Changing input 0 must not change output map 0.
    let x = random_tensor(&[1, 3, 5, 5], 3);
    let mut x2 = x.clone();
    for v in &mut x2.data_mut()[..25] {
        *v += 1.0;
    }
    let (y, y2) = (conv.forward(&x, false), conv.forward(&x2, false));
    assert_eq!(&y.data()[..9], &y2.data()[..9]);
    assert_ne!(&y.data()[9..], &y2.data()[9..]);
    let mut conv_t = conv;
    check_gradients(&mut conv_t, &x, 11).unwrap();
}

#[test]
fn a_bad_connection_table_is_refused_when_the_model_is_built() {
    use crate::engine::nn::model::Sequential;
    let build = |table: Vec<Vec<usize>>| {
        Sequential::new("t", &[2, 6, 6]).push(
            "c",
            Conv2d::new(ConvConfig::new(2, 2, 3, Padding::Valid).table(table)),
        )
    };
    assert!(build(vec![vec![0], vec![0, 1]]).is_ok());
    for bad in [
        vec![vec![0], vec![5]],
        vec![vec![0], vec![]],
        vec![vec![0]],
        vec![vec![1, 1], vec![0]],
    ] {
        let e = build(bad.clone())
            .err()
            .unwrap_or_else(|| panic!("{bad:?} accepted"));
        assert!(e.to_string().contains("connection table"), "{e}");
    }
}

#[test]
fn columns_kept_for_the_backward_pass_or_unfolded_again_give_the_same_gradients() {
    // One channel, 5×5 kernels (25 rows): natively through im2col, while `direct` computes
    // the same gradients another way. 410×410 outputs need 25 × 168,100 column values, more than
    // `KEEP_COLUMNS`, so that layer unfolds its input again; the small one keeps its columns (one
    // image per product there: three groups).
    for (n, side) in [(3, 28), (1, 414)] {
        let mut conv = Conv2d::new(ConvConfig::new(1, 2, 5, Padding::Valid));
        assert_eq!(conv.path(), PathKind::Im2col);
        randomize_params(&mut conv, 7);
        let x = random_tensor(&[n, 1, side, side], 8);
        let y = conv.forward(&x, true);
        let ConvPath::Im2col(unfolded) = &conv.path else {
            panic!("an im2col layer")
        };
        assert_eq!(unfolded.cols_kept, side == 28);
        let dy = random_tensor(y.shape(), 9);
        let dx = conv.backward(&dy);
        let g = conv.geometry(1, side, side).unwrap();
        let (mut dw, mut db, mut want_dx) =
            (vec![0.0; 50], vec![0.0; 2], vec![0.0; n * side * side]);
        let w = conv.params()[0].value.clone();
        let bufs = &mut DirectBuffers::default();
        let dx_ref = Some(&mut want_dx[..]);
        direct::backward(
            x.data(),
            n,
            &g,
            2,
            &w,
            dy.data(),
            &mut dw,
            &mut db,
            dx_ref,
            bufs,
        );
        let close = |got: &[f32], want: &[f32], tol: f32| {
            let scale = want.iter().fold(1.0f32, |m, v| m.max(v.abs()));
            for (i, (a, b)) in got.iter().zip(want).enumerate() {
                assert!((a - b).abs() <= tol * scale, "{side}: at {i}: {a} vs {b}");
            }
        };
        close(&conv.params()[0].grad, &dw, 1e-4);
        close(&conv.params()[1].grad, &db, 1e-4);
        close(dx.data(), &want_dx, 1e-5);
    }
}

//! Which path each convolution of the shipped models and the designer's presets takes, in the
//! page and natively, and the steps their passes run.

use super::{conv, Step};
use crate::engine::nn::layers::{PathKind, Target};
use crate::engine::nn::model::Sequential;
use crate::engine::nn::models::{lenet5, seed};
use crate::engine::nn::spec::presets::presets;
use PathKind::{Direct, Im2col, Winograd};

/// Every model the app ships or offers to start a design from.
fn models() -> Vec<Sequential> {
    let mut all = vec![seed(), lenet5()];
    all.extend(
        presets()
            .iter()
            .map(|p| p.build().expect("a preset builds")),
    );
    all
}

/// (model, layer, path in the page, path natively) for every convolution.
fn paths() -> Vec<(String, String, PathKind, PathKind)> {
    let mut out = Vec::new();
    for m in models() {
        for l in m.layers() {
            if let Some(c) = conv(l) {
                let page = PathKind::for_layer(c.config(), Target::Page);
                let native = PathKind::for_layer(c.config(), Target::Native);
                out.push((m.name.clone(), l.name.clone(), page, native));
            }
        }
    }
    out
}

#[test]
fn each_convolution_takes_its_path_in_the_page_and_natively() {
    let shipped = [
        ("seed", "conv2d", Im2col, Im2col),
        ("seed", "conv2d_1", Winograd, Winograd),
        ("lenet5", "C1", Direct, Im2col),
        ("lenet5", "C3", Im2col, Im2col),
        ("lenet5", "C5", Im2col, Im2col),
    ];
    // The designer's presets: the seed model and LeNet-5 again, then the small ones.
    let small = [
        ("tiny", "conv2d", Im2col, Im2col),
        ("strided", "conv2d", Im2col, Im2col),
        ("strided", "conv2d_1", Im2col, Im2col),
    ];
    let expected: Vec<_> = [&shipped[..], &shipped[..], &small[..]].concat();
    let got = paths();
    let got: Vec<(&str, &str, PathKind, PathKind)> = got
        .iter()
        .map(|(m, l, p, n)| (m.as_str(), l.as_str(), *p, *n))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn a_layer_is_built_with_the_path_of_where_it_runs() {
    for m in models() {
        for l in m.layers() {
            if let Some(c) = conv(l) {
                assert_eq!(c.path(), PathKind::for_layer(c.config(), Target::HERE));
            }
        }
    }
}

#[test]
fn the_seed_model_runs_each_convolution_block_as_one_step() {
    use crate::engine::nn::layers::PoolEdge::{Clip, Drop};
    let m = seed();
    let blocks = [
        Step::ConvReluPool {
            conv: 0,
            edge: Drop,
        },
        Step::ConvReluPool {
            conv: 3,
            edge: Clip,
        },
    ];
    let rest = |end: usize| (6..end).map(Step::Layer);
    let inference: Vec<Step> = blocks.into_iter().chain(rest(11)).collect();
    // Training stops before the final Softmax (fused into the loss).
    let training: Vec<Step> = blocks.into_iter().chain(rest(10)).collect();
    assert_eq!(m.plan().inference, inference);
    assert_eq!(m.plan().training, training);
}

#[test]
fn a_later_convolution_fuses_in_training_only_where_it_gives_an_input_gradient() {
    // LeNet-5 has no ReLU + max pool; the strided preset's pools are not 2×2 stride 2. In the tiny
    // preset the one convolution is the first layer with parameters: it fuses whatever its path.
    for m in models() {
        for step in &m.plan().training {
            if let Step::ConvReluPool { conv: i, .. } = *step {
                let c = conv(&m.layers()[i]).expect("a convolution");
                let first = m.layers().iter().position(|l| !l.layer.params().is_empty());
                assert!(
                    Some(i) == first || c.fuses_with_input_grad(),
                    "{} layer {i}",
                    m.name
                );
            }
        }
    }
}

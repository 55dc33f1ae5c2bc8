//! Designs as data: the presets build exactly the built-in models, the plan's arithmetic equals the
//! built model's for any design, and every impossible design is refused with the right layer and
//! reason (never a panic, never an allocation of an absurd size).

use super::plan::Field;
use super::presets::*;
use super::*;
use crate::engine::data::weights::load_safetensors;
use crate::engine::nn::models::{lenet5, seed};
use crate::engine::ops::shape::ShapeError;
use proptest::prelude::*;

#[test]
fn presets_build_the_built_in_models_exactly() {
    assert_eq!(seed_spec().build().unwrap().summary(), seed().summary());
    assert_eq!(lenet5_spec().build().unwrap().summary(), lenet5().summary());
    assert_eq!(seed_spec().build().unwrap().param_count(), 1_492_070);
    // The shipped weights load into the spec's model by the same tensor names.
    let bytes = std::fs::read("assets/models/seed.safetensors").unwrap();
    load_safetensors(&mut seed_spec().build().unwrap(), &bytes).unwrap();
    for p in presets() {
        let planned = p.plan().unwrap_or_else(|e| panic!("{}: {e}", p.name));
        assert_eq!(
            ModelSpec::from_json(&p.to_json()).unwrap(),
            p,
            "JSON round trip"
        );
        assert_eq!(planned.last().unwrap().output, [10]);
    }
    let json = seed_spec().to_json();
    assert!(json.contains(r#"{"type":"conv2d","filters":30,"kernel":3,"stride":1,"padding":"valid","activation":"relu"}"#), "{json}");
}

fn refused(spec: &ModelSpec) -> (Option<usize>, SpecProblem) {
    let e = spec.plan().expect_err("must be refused");
    assert_eq!(
        spec.build().err(),
        Some(e.clone()),
        "build refuses the same way"
    );
    (e.layer, e.problem)
}

fn with(layers: &[LayerSpec]) -> ModelSpec {
    let mut s = tiny_spec();
    s.layers = layers
        .iter()
        .cloned()
        .map(|layer| NamedSpec { name: None, layer })
        .collect();
    s
}

#[test]
fn impossible_designs_name_the_layer_and_the_reason() {
    let conv = |filters, kernel| LayerSpec::Conv2d {
        filters,
        kernel,
        stride: 1,
        padding: Pad::Valid,
        activation: Act::Relu,
        table: None,
    };
    let out = LayerSpec::Dense {
        units: 10,
        activation: Act::Softmax,
    };
    let (layer, p) = refused(&with(&[conv(4, 29), LayerSpec::Flatten, out.clone()]));
    assert_eq!(layer, Some(0));
    assert!(
        matches!(
            p,
            SpecProblem::Shape(ShapeError::KernelTooLarge {
                kernel: 29,
                padded_input: 28,
                ..
            })
        ),
        "{p:?}"
    );
    let (layer, p) = refused(&with(&[conv(4, 3), out.clone()]));
    assert_eq!(
        (layer, p),
        (
            Some(1),
            SpecProblem::NeedsFlatten {
                got: vec![4, 26, 26]
            }
        )
    );
    let (layer, p) = refused(&with(&[LayerSpec::Flatten, conv(4, 3), out.clone()]));
    assert_eq!(
        (layer, p),
        (Some(1), SpecProblem::NeedsImage { got: vec![784] })
    );
    let (layer, p) = refused(&with(&[conv(0, 3), LayerSpec::Flatten, out.clone()]));
    assert_eq!(
        (layer, p),
        (
            Some(0),
            SpecProblem::OutOfRange {
                field: Field::Filters,
                value: 0,
                min: 1,
                max: 512
            }
        )
    );
    let (layer, p) = refused(&with(&[
        LayerSpec::Flatten,
        LayerSpec::Dense {
            units: 4096,
            activation: Act::Relu,
        },
        LayerSpec::Dense {
            units: 4096,
            activation: Act::Relu,
        },
        out.clone(),
    ]));
    assert_eq!(layer, Some(2));
    assert!(
        matches!(
            p,
            SpecProblem::TooManyParams {
                max: 10_000_000,
                ..
            }
        ),
        "{p:?}"
    );
    // 512×26×26 values fit; the second layer's 512×24×24 more do not.
    let (layer, p) = refused(&with(&[
        conv(512, 3),
        conv(512, 3),
        LayerSpec::Flatten,
        out.clone(),
    ]));
    assert_eq!(layer, Some(1));
    assert!(matches!(p, SpecProblem::TooManyValues { .. }), "{p:?}");
    let (layer, p) = refused(&with(&[
        LayerSpec::Flatten,
        LayerSpec::Dense {
            units: 10,
            activation: Act::Relu,
        },
    ]));
    assert_eq!(
        (layer, p),
        (
            None,
            SpecProblem::WrongOutput {
                shape: vec![10],
                softmax: false,
                classes: 10
            }
        )
    );
    let (_, p) = refused(&with(&[
        LayerSpec::Conv2d {
            filters: 2,
            kernel: 3,
            stride: 1,
            padding: Pad::Valid,
            activation: Act::Softmax,
            table: None,
        },
        LayerSpec::Flatten,
        out.clone(),
    ]));
    assert_eq!(p, SpecProblem::SoftmaxOnImage);
    // Connection tables: one row per filter, each row a non-empty set of existing maps.
    let table = |t: Vec<Vec<usize>>| LayerSpec::Conv2d {
        filters: 2,
        kernel: 3,
        stride: 1,
        padding: Pad::Valid,
        activation: Act::Relu,
        table: Some(t),
    };
    for (t, want) in [
        (
            vec![vec![0]],
            SpecProblem::TableRows {
                filters: 2,
                rows: 1,
            },
        ),
        (
            vec![vec![0], vec![]],
            SpecProblem::TableRow {
                filter: 1,
                inputs: 1,
            },
        ),
        (
            vec![vec![0], vec![1]],
            SpecProblem::TableRow {
                filter: 1,
                inputs: 1,
            },
        ),
        (
            vec![vec![0, 0], vec![0]],
            SpecProblem::TableRow {
                filter: 0,
                inputs: 1,
            },
        ),
    ] {
        assert_eq!(
            refused(&with(&[table(t), LayerSpec::Flatten, out.clone()])).1,
            want
        );
    }
    // Sizes that overflow any arithmetic are refused, not wrapped.
    let mut huge = with(&[LayerSpec::Flatten, out]);
    huge.input = vec![usize::MAX, 2, 2];
    assert_eq!(refused(&huge).1, SpecProblem::Overflow);
    huge.input = vec![1, 0, 28];
    assert!(matches!(refused(&huge).1, SpecProblem::BadInput(_)));
    assert!(ModelSpec::from_json("{\"name\":1}")
        .unwrap_err()
        .starts_with("not a network design"));
}

fn any_layer() -> impl Strategy<Value = LayerSpec> {
    let pad = prop_oneof![Just(Pad::Valid), Just(Pad::Same)];
    let act = prop_oneof![
        Just(Act::None),
        Just(Act::Relu),
        Just(Act::Tanh),
        Just(Act::Sigmoid)
    ];
    prop_oneof![
        (1..12usize, 1..8usize, 1..4usize, pad.clone(), act.clone()).prop_map(
            |(filters, kernel, stride, padding, activation)| LayerSpec::Conv2d {
                filters,
                kernel,
                stride,
                padding,
                activation,
                table: None
            }
        ),
        (1..5usize, 1..4usize, pad.clone()).prop_map(|(size, stride, padding)| {
            LayerSpec::MaxPool {
                size,
                stride,
                padding,
            }
        }),
        (1..5usize, 1..4usize, pad).prop_map(|(size, stride, padding)| LayerSpec::AvgPool {
            size,
            stride,
            padding
        }),
        (1..4usize, act.clone())
            .prop_map(|(size, activation)| LayerSpec::Subsample { size, activation }),
        (1..4usize).prop_map(|pad| LayerSpec::ZeroPad { pad }),
        Just(LayerSpec::Flatten),
        (1..40usize, act).prop_map(|(units, activation)| LayerSpec::Dense { units, activation }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever the design, the plan and the built model agree: both refuse it, or the plan's
    /// shapes and parameter counts are the summary's, row by row.
    #[test]
    fn the_plan_is_the_built_models_arithmetic(layers in prop::collection::vec(any_layer(), 0..6), flatten in any::<bool>()) {
        let mut layers = layers;
        if flatten {
            layers.push(LayerSpec::Flatten);
        }
        layers.push(LayerSpec::Dense { units: 10, activation: Act::Softmax });
        let spec = with(&layers);
        match spec.plan() {
            Err(e) => prop_assert_eq!(spec.build().err(), Some(e)),
            Ok(planned) => {
                let summary = spec.build().unwrap().summary();
                prop_assert_eq!(summary.rows.len(), planned.len());
                for (row, p) in summary.rows.iter().zip(&planned) {
                    prop_assert_eq!(&row.output_shape, &p.output);
                    prop_assert_eq!(row.params, p.params);
                }
                prop_assert_eq!(summary.total_params, planned.iter().map(|p| p.params).sum::<usize>());
            }
        }
    }
}

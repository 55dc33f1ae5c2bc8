//! Designs to start from: the two built-in networks as specs (they build exactly the models of
//! `models.rs`) and small ones that train in seconds.

use super::{Act, LayerSpec, ModelSpec, NamedSpec, Pad};
use crate::engine::nn::models::C3_TABLE;

fn layer(layer: LayerSpec) -> NamedSpec {
    NamedSpec { name: None, layer }
}

fn named(name: &str, layer: LayerSpec) -> NamedSpec {
    NamedSpec {
        name: Some(name.into()),
        layer,
    }
}

fn conv(filters: usize, kernel: usize, padding: Pad, activation: Act) -> LayerSpec {
    strided(filters, kernel, 1, padding, activation)
}

fn strided(
    filters: usize,
    kernel: usize,
    stride: usize,
    padding: Pad,
    activation: Act,
) -> LayerSpec {
    LayerSpec::Conv2d {
        filters,
        kernel,
        stride,
        padding,
        activation,
        table: None,
    }
}

fn dense(units: usize, activation: Act) -> LayerSpec {
    LayerSpec::Dense { units, activation }
}

fn spec(name: &str, layers: Vec<NamedSpec>) -> ModelSpec {
    ModelSpec {
        name: name.into(),
        input: vec![1, 28, 28],
        layers,
    }
}

/// The source's Keras model (`models::seed`).
pub fn seed_spec() -> ModelSpec {
    let pool = || LayerSpec::MaxPool {
        size: 2,
        stride: 2,
        padding: Pad::Same,
    };
    spec(
        "seed",
        vec![
            layer(conv(30, 3, Pad::Valid, Act::Relu)),
            layer(pool()),
            layer(conv(60, 3, Pad::Same, Act::Relu)),
            layer(pool()),
            layer(LayerSpec::Flatten),
            layer(dense(500, Act::Relu)),
            layer(dense(10, Act::Softmax)),
        ],
    )
}

/// LeNet-5 (`models::lenet5`): padding to 32×32, trainable subsampling, C3's partial table.
pub fn lenet5_spec() -> ModelSpec {
    let sub = || LayerSpec::Subsample {
        size: 2,
        activation: Act::Tanh,
    };
    let table = C3_TABLE.iter().map(|t| t.to_vec()).collect();
    spec(
        "lenet5",
        vec![
            named("pad", LayerSpec::ZeroPad { pad: 2 }),
            named("C1", conv(6, 5, Pad::Valid, Act::Tanh)),
            named("S2", sub()),
            named(
                "C3",
                LayerSpec::Conv2d {
                    filters: 16,
                    kernel: 5,
                    stride: 1,
                    padding: Pad::Valid,
                    activation: Act::Tanh,
                    table: Some(table),
                },
            ),
            named("S4", sub()),
            named("C5", conv(120, 5, Pad::Valid, Act::Tanh)),
            layer(LayerSpec::Flatten),
            named("F6", dense(84, Act::Tanh)),
            named("output", dense(10, Act::Softmax)),
        ],
    )
}

/// One small convolution and the classifier: trains an epoch in seconds, ~97%.
pub fn tiny_spec() -> ModelSpec {
    spec(
        "tiny",
        vec![
            layer(conv(8, 3, Pad::Valid, Act::Relu)),
            layer(LayerSpec::MaxPool {
                size: 2,
                stride: 2,
                padding: Pad::Valid,
            }),
            layer(LayerSpec::Flatten),
            layer(dense(10, Act::Softmax)),
        ],
    )
}

/// No convolution at all: a multilayer perceptron on the raw pixels, to compare against.
pub fn dense_only_spec() -> ModelSpec {
    spec(
        "dense-only",
        vec![
            layer(LayerSpec::Flatten),
            layer(dense(128, Act::Relu)),
            layer(dense(10, Act::Softmax)),
        ],
    )
}

/// Large strided kernels instead of pooling: the article's "big kernels, fewer positions".
pub fn strided_spec() -> ModelSpec {
    spec(
        "strided",
        vec![
            layer(strided(16, 5, 2, Pad::Same, Act::Relu)),
            layer(strided(32, 5, 2, Pad::Same, Act::Relu)),
            layer(LayerSpec::Flatten),
            layer(dense(10, Act::Softmax)),
        ],
    )
}

/// Every preset, in the order the designer offers them.
pub fn presets() -> Vec<ModelSpec> {
    vec![
        seed_spec(),
        lenet5_spec(),
        tiny_spec(),
        strided_spec(),
        dense_only_spec(),
    ]
}

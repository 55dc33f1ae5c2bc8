//! Parity with Keras, the source article's framework: outputs and gradients of every layer kind, the
//! softmax cross-entropy, and three training steps of a small CNN with RMSprop, Adam and SGD+momentum
//! must match the fixtures Keras wrote (scripts/keras_fixtures.py) to 1e-4.

use convlab::engine::nn::layers::{
    Activation, AvgPool2d, Conv2d, ConvConfig, Dense, Flatten, Layer, MaxPool2d, PoolConfig,
    Softmax,
};
use convlab::engine::nn::loss::softmax_cross_entropy;
use convlab::engine::nn::model::Sequential;
use convlab::engine::ops::shape::Padding;
use convlab::engine::ops::tensor::Tensor;
use convlab::engine::train::optim::{Optimizer, OptimizerKind};
use serde_json::Value;

const TOLERANCE: f32 = 1e-4;

fn fixture(name: &str) -> Value {
    let path = format!(
        "{}/tests/fixtures/keras/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
        .expect("valid JSON")
}

fn tensor(v: &Value) -> Tensor {
    let shape: Vec<usize> = v["shape"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_u64().unwrap() as usize)
        .collect();
    let data: Vec<f32> = v["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_f64().unwrap() as f32)
        .collect();
    Tensor::from_vec(&shape, data)
}

fn pair(v: &Value) -> (usize, usize) {
    let a = v.as_array().unwrap();
    (
        a[0].as_u64().unwrap() as usize,
        a[1].as_u64().unwrap() as usize,
    )
}

fn padding(v: &Value) -> Padding {
    match v.as_str().unwrap() {
        "same" => Padding::Same,
        _ => Padding::Valid,
    }
}

fn assert_close(what: &str, ours: &[f32], keras: &Tensor) {
    assert_eq!(ours.len(), keras.len(), "{what}: length");
    let worst = ours
        .iter()
        .zip(keras.data())
        .map(|(a, b)| (a - b).abs())
        .fold(0.0, f32::max);
    assert!(worst <= TOLERANCE, "{what}: differs from Keras by {worst}");
}

/// Forward on the fixture's input, backward of sum(y·r); compares output and gradients.
fn check_layer(name: &str, layer: &mut dyn Layer, f: &Value) {
    let x = tensor(&f["input"]);
    let y = layer.forward(&x, true);
    assert_eq!(
        y.shape(),
        tensor(&f["output"]).shape(),
        "{name}: output shape"
    );
    assert_close(&format!("{name} output"), y.data(), &tensor(&f["output"]));
    for p in layer.params_mut() {
        p.zero_grad();
    }
    let dx = layer.backward(&tensor(&f["r"]));
    assert_close(
        &format!("{name} input gradient"),
        dx.data(),
        &tensor(&f["grad_input"]),
    );
    if !f["grad_weight"].is_null() {
        assert_close(
            &format!("{name} weight gradient"),
            &layer.params()[0].grad,
            &tensor(&f["grad_weight"]),
        );
        assert_close(
            &format!("{name} bias gradient"),
            &layer.params()[1].grad,
            &tensor(&f["grad_bias"]),
        );
    }
}

fn load_params(layer: &mut dyn Layer, f: &Value) {
    layer.params_mut()[0].value = tensor(&f["weight"]).into_data();
    layer.params_mut()[1].value = tensor(&f["bias"]).into_data();
}

#[test]
fn conv2d_matches_keras() {
    for name in ["conv_same_stride", "conv_valid_dilated", "conv_seed_layer2"] {
        let f = fixture(name);
        let (kh, kw) = pair(&f["kernel"]);
        let cfg = ConvConfig {
            in_channels: f["in_channels"].as_u64().unwrap() as usize,
            out_channels: f["out_channels"].as_u64().unwrap() as usize,
            kernel: (kh, kw),
            stride: pair(&f["stride"]),
            padding: padding(&f["padding"]),
            dilation: pair(&f["dilation"]),
            table: None,
        };
        let mut conv = Conv2d::new(cfg);
        load_params(&mut conv, &f);
        check_layer(name, &mut conv, &f);
    }
}

#[test]
fn pooling_matches_keras() {
    for name in [
        "maxpool_valid",
        "maxpool_same",
        "avgpool_valid",
        "avgpool_same",
    ] {
        let f = fixture(name);
        let cfg = PoolConfig::new(
            f["size"].as_u64().unwrap() as usize,
            f["stride"].as_u64().unwrap() as usize,
            padding(&f["padding"]),
        );
        match f["kind"].as_str().unwrap() {
            "max" => check_layer(name, &mut MaxPool2d::new(cfg), &f),
            _ => check_layer(name, &mut AvgPool2d::new(cfg), &f),
        }
    }
}

#[test]
fn dense_matches_keras() {
    let f = fixture("dense");
    let mut d = Dense::new(5, 4);
    load_params(&mut d, &f);
    check_layer("dense", &mut d, &f);
}

#[test]
fn softmax_cross_entropy_matches_keras() {
    let f = fixture("softmax_ce");
    let labels: Vec<u8> = f["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as u8)
        .collect();
    let out = softmax_cross_entropy(&tensor(&f["logits"]), &labels);
    assert!(
        (out.loss - f["loss"].as_f64().unwrap() as f32).abs() < TOLERANCE,
        "loss {} vs {}",
        out.loss,
        f["loss"]
    );
    assert_close("probabilities", out.probs.data(), &tensor(&f["probs"]));
    assert_close("gradient", out.grad.data(), &tensor(&f["grad_logits"]));
}

/// The fixtures' small CNN, laid out as Keras's model flattened in PyTorch order.
fn small_net() -> Sequential {
    Sequential::new("small", &[1, 8, 8])
        .push(
            "conv",
            Conv2d::new(ConvConfig::new(1, 2, 3, Padding::Valid)),
        )
        .and_then(|m| m.push("relu", Activation::relu()))
        .and_then(|m| m.push("pool", MaxPool2d::new(PoolConfig::new(2, 2, Padding::Same))))
        .and_then(|m| m.push("flatten", Flatten::new()))
        .and_then(|m| m.push("dense", Dense::new(18, 10)))
        .and_then(|m| m.push("softmax", Softmax::new()))
        .unwrap()
}

fn set_weights(model: &mut Sequential, weights: &Value) {
    let names: Vec<String> = model.named_params().into_iter().map(|(n, _)| n).collect();
    for (p, name) in model.params_mut().zip(names) {
        p.value = tensor(&weights[&name]).into_data();
    }
}

#[test]
fn training_steps_match_keras() {
    for (name, kind) in [
        ("train_rmsprop", OptimizerKind::rmsprop()),
        ("train_adam", OptimizerKind::adam()),
        ("train_sgd_momentum", OptimizerKind::sgd(0.9)),
    ] {
        let f = fixture(name);
        let mut model = small_net();
        set_weights(&mut model, &f["before"]);
        let x = tensor(&f["input"]);
        let labels: Vec<u8> = f["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap() as u8)
            .collect();
        let mut opt = Optimizer::new(kind, f["lr"].as_f64().unwrap() as f32);
        for (step, want) in f["losses"].as_array().unwrap().iter().enumerate() {
            let out = model.train_batch(&x, &labels);
            let want = want.as_f64().unwrap() as f32;
            assert!(
                (out.loss - want).abs() < TOLERANCE,
                "{name} step {step}: loss {} vs Keras {want}",
                out.loss
            );
            opt.step(model.params_with_ids_mut());
        }
        for (pname, p) in model.named_params() {
            assert_close(
                &format!("{name} {pname} after 3 steps"),
                &p.value,
                &tensor(&f["after"][&pname]),
            );
        }
    }
}

//! The command line with a designed network: `train --spec` saves the design in the weights'
//! metadata, `eval` reads it back from there; a design that cannot work is refused before any
//! work, with the layer and the reason.

use std::path::PathBuf;

mod common;

/// (succeeded, stdout + stderr)
fn cli(args: &[&str]) -> (bool, String) {
    let (code, text) = common::cli(args);
    (code == 0, text)
}

fn temp(name: &str) -> PathBuf {
    common::temp("cli-spec", name)
}

#[test]
fn a_design_trains_and_evaluates_from_its_weights_file() {
    if !std::path::Path::new("data/mnist/t10k-images-idx3-ubyte").exists() {
        eprintln!("skipped: no MNIST in data/mnist (`make data`)");
        return;
    }
    let spec = temp("tiny.json");
    std::fs::write(
        &spec,
        convlab::engine::nn::spec::presets::tiny_spec().to_json(),
    )
    .unwrap();
    let weights = temp("tiny.safetensors");
    let (ok, text) = cli(&[
        "train",
        "--spec",
        spec.to_str().unwrap(),
        "--epochs",
        "1",
        "--limit",
        "600",
        "--lr",
        "0.001",
        "--optimizer",
        "adam",
        "--out",
        weights.to_str().unwrap(),
    ]);
    assert!(ok, "{text}");
    assert!(text.contains("training tiny (13610 params)"), "{text}");
    let trained: f32 = text
        .rsplit("test accuracy: ")
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    // No --model, no --spec: the design comes from the file's metadata.
    let (ok, text) = cli(&["eval", "--weights", weights.to_str().unwrap()]);
    assert!(ok, "{text}");
    assert!(text.starts_with("model: tiny\n"), "{text}");
    let line = text.lines().find(|l| l.starts_with("accuracy: ")).unwrap();
    assert!(
        (line[10..].parse::<f32>().unwrap() - trained).abs() < 1e-4,
        "{text}"
    );
    // The built-in model cannot read these weights, and says which tensor is wrong.
    let (ok, text) = cli(&[
        "eval",
        "--model",
        "seed",
        "--weights",
        weights.to_str().unwrap(),
    ]);
    assert!(!ok && text.contains("tensor"), "{text}");
}

#[test]
fn a_design_that_cannot_work_is_refused_before_any_work() {
    let spec = temp("bad.json");
    std::fs::write(&spec, r#"{"name":"x","input":[1,28,28],"layers":[{"type":"conv2d","filters":4,"kernel":30,"padding":"valid"},{"type":"flatten"},{"type":"dense","units":10,"activation":"softmax"}]}"#).unwrap();
    let out = temp("never.safetensors");
    let (ok, text) = cli(&[
        "train",
        "--spec",
        spec.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(!ok);
    assert!(text.contains("this network cannot work: layer 1: the kernel (30) is larger than the padded input (28)"), "{text}");
    assert!(!out.exists());
    std::fs::write(&spec, "{not json").unwrap();
    let (ok, text) = cli(&["summary", "--spec", spec.to_str().unwrap()]);
    assert!(!ok && text.contains("not a network design"), "{text}");
}

//! Every reader of bytes from outside — files a learner picks, files the page downloads, a design
//! or the lab's settings in a shared link — behind one entry point, for the fuzz targets (`fuzz/`, `make fuzz`) and the
//! deterministic mutation test in `make test` (`tests/parser_mutation.rs`). Native only: it is a
//! test bench, not part of the page.
//!
//! `feed` must never panic, whatever the bytes. It also checks what a refusal promises: a refused
//! weights file leaves the model exactly as it was, and a design the planner accepts builds into a
//! model with the shapes and parameter counts the plan announced.

use crate::engine::data::image::parse_ppm;
use crate::engine::data::mnist::{parse_images, parse_labels, Dataset};
use crate::engine::data::weights::load_safetensors;
use crate::engine::lessons::link::{parse_cells, parse_sequence, parse_step, LIMIT, MAX_SEQUENCE};
use crate::engine::nn::models::{lenet5, ModelKind};
use crate::engine::nn::spec::{Act, LayerSpec, ModelSpec, NamedSpec, Pad};
use crate::engine::numfmt::parse_number;
use crate::lab::import::import;
use crate::lab::link::{
    LabLink, BATCH, EPOCH_COUNT, KEYS, LAYERS, LR, MAPS, TEST_IMAGES, TRAIN_SIZES,
};
use crate::lab::mnist_files::gunzip;
use crate::lab::network::Network;

/// The kinds of untrusted input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Untrusted {
    /// An IDX file (images or labels), as in the MNIST download.
    Idx,
    /// A safetensors weights file, as the lab's Import takes.
    Safetensors,
    /// A gzip'd file, as the lab's MNIST download brings, and the IDX inside.
    Gzip,
    /// A design's JSON, as a shared `/lab?design=` link or an opened design file carries.
    Design,
    /// A PPM photo.
    Ppm,
    /// Layer settings from raw numbers (any size) through the shape arithmetic.
    Shapes,
    /// A shared lab link's query string (`/lab?model=…&lr=…`).
    LabLink,
    /// A lesson link's query string: sequences, grid cells and step positions (`?f=…&step=…`).
    LessonLink,
}

impl Untrusted {
    pub const ALL: [Untrusted; 8] = [
        Untrusted::Idx,
        Untrusted::Safetensors,
        Untrusted::Gzip,
        Untrusted::Design,
        Untrusted::Ppm,
        Untrusted::Shapes,
        Untrusted::LabLink,
        Untrusted::LessonLink,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Untrusted::Idx => "idx",
            Untrusted::Safetensors => "safetensors",
            Untrusted::Gzip => "gzip",
            Untrusted::Design => "design",
            Untrusted::Ppm => "ppm",
            Untrusted::Shapes => "shapes",
            Untrusted::LabLink => "lab_link",
            Untrusted::LessonLink => "lesson_link",
        }
    }
}

/// Read `bytes` as `kind`; `true` when accepted. Panics only when a promise above is broken.
pub fn feed(kind: Untrusted, bytes: &[u8]) -> bool {
    match kind {
        Untrusted::Idx => idx(bytes),
        Untrusted::Safetensors => weights(bytes),
        Untrusted::Gzip => gunzip("fuzz.gz", bytes).is_ok_and(|inner| idx(&inner)),
        Untrusted::Design => std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| ModelSpec::from_json(s).ok())
            .is_some_and(|spec| design(&spec)),
        Untrusted::Ppm => parse_ppm(bytes).is_ok(),
        Untrusted::Shapes => design(&spec_from_numbers(bytes)),
        Untrusted::LabLink => lab_link(bytes),
        Untrusted::LessonLink => lesson_link(bytes),
    }
}

/// A lesson link's values: a sequence has 1 to `MAX_SEQUENCE` numbers, a grid exactly its cells,
/// every number finite within ±`LIMIT`, a step no later than the last. `true` when any is taken.
fn lesson_link(bytes: &[u8]) -> bool {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(bytes).into_owned().collect();
    let get = |key: &str| {
        pairs
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    let in_range = |v: &[f32]| v.iter().all(|x| x.is_finite() && (x.abs() as f64) <= LIMIT);
    let mut taken = false;
    for key in ["f", "g"] {
        if let Some(v) = get(key).and_then(parse_sequence) {
            assert!(
                (1..=MAX_SEQUENCE).contains(&v.len()) && in_range(&v),
                "{key}: {v:?}"
            );
            taken = true;
        }
    }
    if let Some(v) = get("cells").and_then(|t| parse_cells(t, 16)) {
        assert!(v.len() == 16 && in_range(&v), "cells: {v:?}");
        taken = true;
    }
    if let Some(step) = get("step").and_then(|t| parse_step(t, 30)) {
        assert!(step <= 30, "step {step} beyond the last");
        taken = true;
    }
    taken
}

/// A link's settings: what is taken is within the form's limits, and every key is either taken or
/// named as refused.
fn lab_link(bytes: &[u8]) -> bool {
    let link = LabLink::from_query(bytes);
    let taken = [
        link.model.is_some(),
        link.optimizer.is_some(),
        link.learning_rate.is_some(),
        link.batch.is_some(),
        link.epochs.is_some(),
        link.images.is_some(),
        link.test_image.is_some(),
        link.layer.is_some(),
        link.map.is_some(),
    ];
    for (key, taken) in KEYS.iter().zip(taken) {
        assert!(
            !(taken && link.refused.contains(key)),
            "{key} both taken and refused"
        );
    }
    if let Some(lr) = &link.learning_rate {
        let v = parse_number(lr, LR.0, LR.1, false).expect("a taken rate parses");
        assert!((LR.0..=LR.1).contains(&v), "rate {v} out of range");
    }
    assert!(link
        .batch
        .is_none_or(|b| (1..=BATCH.1 as usize).contains(&b)));
    assert!(link
        .epochs
        .is_none_or(|e| (1..=EPOCH_COUNT.1 as usize).contains(&e)));
    assert!(link.images.is_none_or(|n| TRAIN_SIZES.contains(&n)));
    assert!(link
        .test_image
        .is_none_or(|n| (1..=TEST_IMAGES).contains(&n)));
    assert!(link.layer.is_none_or(|n| (1..=LAYERS).contains(&n)));
    assert!(link.map.is_none_or(|n| (1..=MAPS).contains(&n)));
    taken.iter().any(|&t| t)
}

fn idx(bytes: &[u8]) -> bool {
    let images = parse_images(bytes).is_ok();
    let labels = parse_labels(bytes).is_ok();
    // The same bytes as both files: counts that disagree must be refused, not indexed past.
    let both = Dataset::from_idx(bytes, bytes).is_ok();
    images || labels || both
}

fn weights(bytes: &[u8]) -> bool {
    let mut model = lenet5();
    model.init(3);
    let before: Vec<Vec<f32>> = model.params_mut().map(|p| p.value.clone()).collect();
    let loaded = load_safetensors(&mut model, bytes).is_ok();
    if !loaded {
        let after: Vec<Vec<f32>> = model.params_mut().map(|p| p.value.clone()).collect();
        assert!(before == after, "a refused weights file changed the model");
    }
    let imported = import(&Network::Builtin(ModelKind::Lenet5), bytes).is_ok();
    assert_eq!(
        loaded, imported,
        "Import and load disagree on the same file"
    );
    loaded
}

/// A design the planner accepts must build, with the planned shapes and parameter counts.
fn design(spec: &ModelSpec) -> bool {
    let Ok(plan) = spec.plan() else {
        return false;
    };
    let model = spec.build().expect("a planned design builds");
    let summary = model.summary();
    let planned: usize = plan.iter().map(|p| p.params).sum();
    assert_eq!(summary.total_params, planned, "plan and model disagree");
    true
}

/// Layer settings read from raw bytes: six numbers per layer, each a little-endian u32 scaled to
/// reach 0, small values and values far beyond any limit.
fn spec_from_numbers(bytes: &[u8]) -> ModelSpec {
    let numbers: Vec<usize> = bytes
        .chunks(4)
        .map(|c| {
            let mut b = [0u8; 4];
            b[..c.len()].copy_from_slice(c);
            let v = u32::from_le_bytes(b) as usize;
            // Mostly small (the interesting edges), sometimes enormous.
            if v & 0x8000_0000 != 0 {
                v.wrapping_mul(0x1_0000_0001)
            } else {
                v % 40
            }
        })
        .collect();
    let at = std::cell::Cell::new(0);
    let next = || {
        at.set(at.get() + 1);
        numbers.get(at.get() - 1).copied().unwrap_or(1)
    };
    let input = vec![next() % 5, next(), next()];
    let mut layers = Vec::new();
    while layers.len() < 12 && at.get() < numbers.len() {
        let kind = next();
        let pad = if next() % 2 == 0 {
            Pad::Valid
        } else {
            Pad::Same
        };
        let layer = match kind % 7 {
            0 => LayerSpec::Conv2d {
                filters: next(),
                kernel: next(),
                stride: next(),
                padding: pad,
                activation: Act::Relu,
                table: None,
            },
            1 => LayerSpec::MaxPool {
                size: next(),
                stride: next(),
                padding: pad,
            },
            2 => LayerSpec::AvgPool {
                size: next(),
                stride: next(),
                padding: pad,
            },
            3 => LayerSpec::Subsample {
                size: next(),
                activation: Act::Tanh,
            },
            4 => LayerSpec::ZeroPad { pad: next() },
            5 => LayerSpec::Flatten,
            _ => LayerSpec::Dense {
                units: next(),
                activation: Act::Softmax,
            },
        };
        layers.push(NamedSpec { name: None, layer });
    }
    ModelSpec {
        name: "fuzz".into(),
        input,
        layers,
    }
}

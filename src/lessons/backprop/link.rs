//! What a shared link keeps of the lesson: the input (`?input=`, 36 zeros and ones), the target
//! class (`?target=0` or `1`), the kernel, the other weights (`?dense=`: the dense layer's 8 weights,
//! its 2 biases and the kernel's bias), η and the step, each only when it differs from the start.

use super::stages::Stage;
use crate::engine::lessons::backprop::{Pattern, Weights, KERNEL, SIDE};
use crate::engine::lessons::link::{join, parse_cells, parse_step};
use crate::widgets::url_state::{query_param, set_query_options};

/// The learning rate's range (the field's).
pub const RATE: (f64, f64) = (0.0001, 100.0);
const START_RATE: f64 = 0.5;
/// The kernel editor's range.
const KERNEL_LIMIT: f32 = 1000.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub input: Vec<f32>,
    pub target: usize,
    pub kernel: Vec<f32>,
    /// The weights besides the kernel (`kernel` is the editor's).
    pub rest: Weights,
    pub learning_rate: f64,
    pub step: usize,
}

impl Link {
    fn start() -> Self {
        Self {
            input: Pattern::Vertical.input(),
            target: Pattern::Vertical.class(),
            kernel: Weights::START.kernel.to_vec(),
            rest: Weights::START,
            learning_rate: START_RATE,
            step: 0,
        }
    }

    /// The address's settings; each one missing or unusable stays as at the start.
    pub fn read() -> Self {
        let mut l = Self::start();
        let cells = |key: &str, n: usize| query_param(key).and_then(|t| parse_cells(&t, n));
        if let Some(v) =
            cells("input", SIDE * SIDE).filter(|v| v.iter().all(|&x| x == 0.0 || x == 1.0))
        {
            l.input = v;
        }
        if let Some(v) =
            cells("kernel", KERNEL * KERNEL).filter(|v| v.iter().all(|x| x.abs() <= KERNEL_LIMIT))
        {
            l.kernel = v;
        }
        if let Some(v) = cells("dense", DENSE).filter(|v| v.iter().all(|x| x.abs() <= KERNEL_LIMIT))
        {
            l.rest.dense.copy_from_slice(&v[..8]);
            l.rest.dense_bias.copy_from_slice(&v[8..10]);
            l.rest.conv_bias = v[10];
        }
        if let Some(t) = cells("target", 1)
            .map(|v| v[0])
            .filter(|&t| t == 0.0 || t == 1.0)
        {
            l.target = t as usize;
        }
        if let Some(r) = cells("rate", 1)
            .map(|v| v[0] as f64)
            .filter(|r| (RATE.0..=RATE.1).contains(r))
        {
            l.learning_rate = r;
        }
        if let Some(s) = query_param("step").and_then(|t| parse_step(&t, Stage::ALL.len() - 1)) {
            l.step = s;
        }
        l
    }

    pub fn write(&self) {
        let start = Self::start();
        let unless_start = |same: bool, value: String| (!same).then_some(value);
        set_query_options(&[
            (
                "input",
                unless_start(self.input == start.input, join(&self.input, ",")),
            ),
            (
                "target",
                unless_start(self.target == start.target, self.target.to_string()),
            ),
            (
                "kernel",
                unless_start(self.kernel == start.kernel, join(&self.kernel, ",")),
            ),
            (
                "dense",
                unless_start(self.rest == start.rest, join(&dense(&self.rest), ",")),
            ),
            (
                "rate",
                unless_start(
                    self.learning_rate == start.learning_rate,
                    self.learning_rate.to_string(),
                ),
            ),
            (
                "step",
                unless_start(self.step == 0, (self.step + 1).to_string()),
            ),
        ]);
    }
}

/// The numbers of `?dense=`.
const DENSE: usize = 11;

fn dense(w: &Weights) -> Vec<f32> {
    let mut v = w.dense.to_vec();
    v.extend_from_slice(&w.dense_bias);
    v.push(w.conv_bias);
    v
}

/// The weights as the page holds them after a step or a run: to 4 decimals, as a link carries
/// them, so a shared link reopens the very same pass.
pub fn held(w: &Weights) -> Weights {
    let r = |v: f32| (v * 1e4).round() / 1e4;
    let mut h = *w;
    h.dense.iter_mut().for_each(|v| *v = r(*v));
    h.dense_bias.iter_mut().for_each(|v| *v = r(*v));
    h.conv_bias = r(h.conv_bias);
    h
}

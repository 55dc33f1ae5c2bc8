//! Throughput measurement shared by `convlab-cli bench` (native) and the page's /bench route (wasm):
//! the same steps on the same synthetic batch, timed with a clock the caller supplies.

use crate::engine::nn::models::ModelKind;
use crate::engine::ops::tensor::Tensor;
use crate::engine::train::optim::{Optimizer, OptimizerKind};

#[derive(Clone, Debug, PartialEq)]
pub struct BenchResult {
    pub model: &'static str,
    pub batch: usize,
    pub train_samples_per_s: f64,
    pub infer_samples_per_s: f64,
    pub infer_ms_batch1: f64,
}

impl BenchResult {
    /// One JSON line, the format the benchmark scripts parse.
    pub fn to_json(&self) -> String {
        format!(
            "{{\"model\":\"{}\",\"train_samples_per_s\":{:.1},\"infer_samples_per_s\":{:.1},\"infer_ms_batch1\":{:.3},\"batch\":{}}}",
            self.model, self.train_samples_per_s, self.infer_samples_per_s, self.infer_ms_batch1, self.batch
        )
    }
}

/// Time `steps` RMSprop training steps (after 2 warm-up steps), batch-1 and batch-`batch` inference.
/// `now_ms` is a monotonic clock in milliseconds.
pub fn run(kind: ModelKind, steps: usize, batch: usize, now_ms: &dyn Fn() -> f64) -> BenchResult {
    let mut net = kind.build();
    net.init(1);
    let mut opt = Optimizer::new(OptimizerKind::rmsprop(), 1e-4);
    let x = synthetic_batch(batch);
    let y: Vec<u8> = (0..batch).map(|i| (i % 10) as u8).collect();
    let mut step = || {
        net.train_batch(&x, &y);
        opt.step(net.params_with_ids_mut());
    };
    step();
    step();
    let t = now_ms();
    for _ in 0..steps {
        step();
    }
    let train_samples_per_s = (steps * batch) as f64 / ((now_ms() - t) / 1000.0);
    let one = Tensor::from_vec(&[1, 1, 28, 28], x.item(0).to_vec());
    net.predict(&one);
    let reps = 50;
    let t = now_ms();
    for _ in 0..reps {
        net.predict(&one);
    }
    let infer_ms_batch1 = (now_ms() - t) / reps as f64;
    let t = now_ms();
    net.predict(&x);
    let infer_samples_per_s = batch as f64 / ((now_ms() - t) / 1000.0);
    BenchResult {
        model: kind.name(),
        batch,
        train_samples_per_s,
        infer_samples_per_s,
        infer_ms_batch1,
    }
}

/// Time spent in one layer during a training step, averaged over the timed steps.
#[derive(Clone, Debug, PartialEq)]
pub struct LayerTime {
    pub name: String,
    pub kind: String,
    pub forward_ms: f64,
    pub backward_ms: f64,
    /// The layer whose fused pass runs this one (a ReLU or pool after a convolution): its time
    /// is counted there.
    pub inside: Option<String>,
}

/// Where a training step's time goes, layer by layer: `steps` forward + backward passes of a batch
/// (after one warm-up step), each layer timed on its own, exactly as `Sequential::train_batch` runs
/// them (the final Softmax is fused into the loss and skipped; layers before the first parameter are
/// not run backward; a convolution run together with its ReLU and pool, as the seed model's are,
/// reports the three layers' time as its own, and the other two say they run inside it).
pub fn layer_times(
    kind: ModelKind,
    steps: usize,
    batch: usize,
    now_ms: &dyn Fn() -> f64,
) -> Vec<LayerTime> {
    let mut net = kind.build();
    net.init(1);
    let x = synthetic_batch(batch);
    let labels: Vec<u8> = (0..batch).map(|i| (i % 10) as u8).collect();
    let mut times: Vec<LayerTime> = net
        .layers()
        .iter()
        .map(|l| LayerTime {
            name: l.name.clone(),
            kind: l.layer.kind().name().to_string(),
            forward_ms: 0.0,
            backward_ms: 0.0,
            inside: None,
        })
        .collect();
    let names: Vec<String> = times.iter().map(|t| t.name.clone()).collect();
    for rep in 0..=steps {
        let timed = net.timed_train_batch(&x, &labels, now_ms);
        if rep > 0 {
            for (t, c) in times.iter_mut().zip(timed) {
                t.forward_ms += c.forward / steps as f64;
                t.backward_ms += c.backward / steps as f64;
                t.inside = c.inside.map(|i| names[i].clone());
            }
        }
    }
    times
}

/// Per-layer times as aligned text lines, ending with the total and the samples/s it implies.
pub fn format_layer_times(times: &[LayerTime], batch: usize) -> String {
    let mut out = String::new();
    for t in times {
        out += &match &t.inside {
            Some(host) => format!("{:<16} {:<18} runs inside {host}\n", t.name, t.kind),
            None => format!(
                "{:<16} {:<18} fwd {:>8.2} ms  bwd {:>8.2} ms\n",
                t.name, t.kind, t.forward_ms, t.backward_ms
            ),
        };
    }
    let total: f64 = times.iter().map(|t| t.forward_ms + t.backward_ms).sum();
    out += &format!(
        "total {total:.1} ms per batch of {batch} → {:.0} samples/s",
        batch as f64 / (total / 1000.0)
    );
    out
}

fn synthetic_batch(batch: usize) -> Tensor {
    Tensor::from_vec(
        &[batch, 1, 28, 28],
        (0..batch * 784)
            .map(|i| ((i * 7919) % 256) as f32 / 255.0)
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_positive_rates_with_a_fake_clock() {
        let ticks = std::cell::Cell::new(0.0);
        let clock = || {
            ticks.set(ticks.get() + 10.0);
            ticks.get()
        };
        let r = run(ModelKind::Lenet5, 1, 4, &clock);
        assert!(r.train_samples_per_s > 0.0 && r.infer_ms_batch1 > 0.0);
        assert!(r.to_json().starts_with("{\"model\":\"lenet5\""));
    }

    #[test]
    fn layer_times_cover_every_layer_and_skip_the_fused_ones() {
        let ticks = std::cell::Cell::new(0.0);
        let clock = || {
            ticks.set(ticks.get() + 1.0);
            ticks.get()
        };
        let t = layer_times(ModelKind::Seed, 1, 2, &clock);
        assert_eq!(t.len(), ModelKind::Seed.build().layers().len());
        assert!(
            t[3].forward_ms > 0.0 && t[3].backward_ms > 0.0,
            "conv2d_1 timed both ways"
        );
        assert_eq!(
            t.last().unwrap().forward_ms,
            0.0,
            "softmax is fused into the loss"
        );
        assert!(format_layer_times(&t, 2).contains("conv2d_1"));
        // Each convolution, its ReLU and its pool run as one pass (`conv2d/fused`).
        assert!(t[0].forward_ms > 0.0 && t[0].backward_ms > 0.0);
        for (fused, host) in t[1..3]
            .iter()
            .zip(["conv2d"; 2])
            .chain(t[4..6].iter().zip(["conv2d_1"; 2]))
        {
            assert_eq!(
                (fused.forward_ms, fused.backward_ms),
                (0.0, 0.0),
                "{}",
                fused.name
            );
            assert_eq!(fused.inside.as_deref(), Some(host));
        }
        let text = format_layer_times(&t, 2);
        assert!(
            text.contains("relu_1") && text.contains("runs inside conv2d_1"),
            "{text}"
        );
    }
}

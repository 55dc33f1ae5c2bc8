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
    let x = Tensor::from_vec(
        &[batch, 1, 28, 28],
        (0..batch * 784)
            .map(|i| ((i * 7919) % 256) as f32 / 255.0)
            .collect(),
    );
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
}

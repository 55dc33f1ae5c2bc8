//! Where a training step's time goes, layer by layer: `cargo run --release --example layer_timing [seed|lenet5]`.

use convlab::engine::{nn::models::ModelKind, ops::tensor::Tensor};
use std::time::Instant;

fn main() {
    let kind = ModelKind::parse(&std::env::args().nth(1).unwrap_or_else(|| "seed".into()))
        .expect("seed or lenet5");
    let mut net = kind.build();
    net.init(1);
    let batch = 128;
    let x = Tensor::from_vec(
        &[batch, 1, 28, 28],
        (0..batch * 784)
            .map(|i| ((i * 7919) % 256) as f32 / 255.0)
            .collect(),
    );
    let reps = 5;
    let n = net.layers().len();
    let (mut fwd, mut bwd) = (vec![0.0f64; n], vec![0.0f64; n]);
    for _ in 0..reps {
        let mut outs = vec![x.clone()];
        for (i, l) in net.layers_mut().iter_mut().enumerate() {
            let t = Instant::now();
            let y = l.layer.forward(outs.last().unwrap(), true);
            fwd[i] += t.elapsed().as_secs_f64();
            outs.push(y);
        }
        let mut g = outs.last().unwrap().clone();
        for (i, l) in net.layers_mut().iter_mut().enumerate().rev() {
            let t = Instant::now();
            g = l.layer.backward(&g);
            bwd[i] += t.elapsed().as_secs_f64();
        }
    }
    for (i, l) in net.layers().iter().enumerate() {
        println!(
            "{:<16} {:<14} fwd {:>8.2} ms  bwd {:>8.2} ms",
            l.name,
            l.layer.kind(),
            fwd[i] * 1e3 / reps as f64,
            bwd[i] * 1e3 / reps as f64
        );
    }
    let total: f64 = fwd.iter().chain(&bwd).sum::<f64>() / reps as f64;
    println!(
        "total {:.1} ms per batch of {batch} → {:.0} samples/s",
        total * 1e3,
        batch as f64 / total
    );
}

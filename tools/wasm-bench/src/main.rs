//! The engine's benchmark in V8 without a browser: the same `engine::train::bench` the CLI and the
//! /bench page run, plus raw matrix-product rates. The engine's sources are included as they are
//! (the main crate's dev-dependencies do not build for wasm32-wasip1).
//! Usage (scripts/wasm-bench.sh builds it): node run.mjs FILE.wasm bench [STEPS] [BATCH] | gemm

#![allow(dead_code, unused_imports)]
#[path = "../../../src/engine/mod.rs"]
pub mod engine;

use engine::{nn::models::ModelKind, ops::matmul::matmul, train::bench};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg =
        |i: usize, default: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let origin = Instant::now();
    let clock = || origin.elapsed().as_secs_f64() * 1000.0;
    if args.get(1).map(String::as_str) == Some("gemm") {
        // A fixed scalar workload timed in the same run: the machine's speed drifts, so compare
        // builds by GFLOP/s × this time (a dependent chain, so no build vectorises it differently).
        // `gemm I` times only shape I, briefly (no reference): for interleaved A/B runs of builds.
        let only: Option<usize> = args.get(2).and_then(|v| v.parse().ok());
        let t = clock();
        let mut v = 1.0f32;
        for i in 0..if only.is_some() { 0 } else { 50_000_000u32 } {
            v = v * 0.999_999 + (i & 7) as f32 * 1e-7;
        }
        if only.is_none() {
            println!("reference: {:.1} ms ({v})", clock() - t);
        }
        // The seed model's products: conv2d_1's Winograd products (forward, input gradient,
        // kernel gradient: 256 tiles each), its earlier im2col ones, and the dense layer's three.
        let shapes = [
            (64, 500, 2940, false, true),
            (500, 2940, 64, true, false),
            (64, 2940, 500, false, false),
            (60, 256, 30, false, false),
            (30, 256, 60, false, false),
            (30, 60, 256, false, false),
            (60, 676, 270, false, false),
            (60, 270, 676, false, true),
            (270, 676, 60, true, false),
            (32, 64, 256, false, false),
            (60, 30, 256, false, false),
            (30, 60, 1024, false, false),
            (30, 60, 64, false, false),
            (128, 500, 2940, false, true),
            (500, 2940, 128, true, false),
            (128, 2940, 500, false, false),
        ];
        for (i, (m, n, k, a_t, b_t)) in shapes.into_iter().enumerate() {
            if only.is_some_and(|o| o != i) {
                continue;
            }
            let (a, b, mut c) = (
                vec![0.5f32; m * k],
                vec![0.25f32; k * n],
                vec![0.0f32; m * n],
            );
            matmul(m, n, k, &a, a_t, &b, b_t, &mut c, false);
            let flops = if only.is_some() { 4e8 } else { 2e9 };
            let reps = (flops / (2.0 * (m * n * k) as f64)).ceil() as usize;
            let t = clock();
            for _ in 0..reps {
                matmul(m, n, k, &a, a_t, &b, b_t, &mut c, true);
            }
            let gflops = 2.0 * (m * n * k * reps) as f64 / ((clock() - t) / 1000.0) / 1e9;
            println!("{m}×{k}·{k}×{n} a_t={a_t} b_t={b_t}: {gflops:.1} GFLOP/s");
        }
        return;
    }
    let (steps, batch) = (arg(2, 10), arg(3, 128));
    for kind in [ModelKind::Seed, ModelKind::Lenet5] {
        println!("{}", bench::run(kind, steps, batch, &clock).to_json());
        let t = bench::layer_times(kind, steps, batch, &clock);
        println!("{}", bench::format_layer_times(&t, batch));
    }
}

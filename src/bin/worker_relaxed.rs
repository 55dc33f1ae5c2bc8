//! The training worker built with the `relaxed-simd` feature: the same code as `worker.rs`, with the
//! page's matrix kernel using relaxed SIMD's fused multiply-add (see `engine::ops::packed_gemm`).

fn main() {
    convlab::lab::worker_main();
}

//! The training worker built with the `relaxed-simd` feature: the same code as `worker.rs`, with the
//! page's matrix kernel using relaxed SIMD's fused multiply-add (see `engine::ops::packed_gemm`).

#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    convlab::lab::worker::run();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The training worker runs in the browser: run `make serve` and open the MNIST lab.");
    std::process::exit(2);
}

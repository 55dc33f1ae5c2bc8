//! The MNIST lab's training worker. Trunk builds this binary as a Web Worker (see `index.html`);
//! everything it does lives in `convlab::lab::worker`.

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

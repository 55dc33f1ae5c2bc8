//! The MNIST lab's training worker. Trunk builds this binary as a Web Worker (see `index.html`);
//! everything it does lives in `convlab::lab` (`worker_main`, then `lab/worker/`).

fn main() {
    convlab::lab::worker_main();
}

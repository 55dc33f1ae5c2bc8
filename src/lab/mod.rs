//! The MNIST lab: draw a digit, watch every layer respond, train the network in a Web Worker.
//!
//! - here, plain Rust compiled and tested natively: `protocol` (messages to the worker), `events` +
//!   `session` (the training panel as a state machine), `status` (what the learner is told),
//!   `record` (what a run saves), `trace` (what to draw), `mnist_files` (the data files),
//!   `spares` (a team member's returned message buffers), `rate` (the training speed shown), `pace`
//!   (a test's brake on the worker).
//! - `ui/`, wasm32 only: the page, pad, feature maps, training panel, the app-wide runtime that
//!   carries out the session's effects, IndexedDB, the download, and both ends of the worker.

pub mod compare;
pub mod events;
pub mod guidance;
pub mod import;
pub mod link;
pub mod mnist_files;
pub mod network;
pub mod pace;
pub mod protocol;
pub mod rate;
pub mod recipe;
pub mod record;
pub mod report;
pub mod session;
pub mod spares;
pub mod status;
pub mod tabs;
pub mod trace;
pub mod verdict;
pub mod worker;

// Web APIs and Leptos, built for wasm32 only: the page's side, the lab's components, and the
// training worker's shell.
#[cfg(target_arch = "wasm32")]
mod client;
#[cfg(target_arch = "wasm32")]
mod envelope;
#[cfg(target_arch = "wasm32")]
mod ui;
#[cfg(target_arch = "wasm32")]
pub use client::runtime::provide_lab;
#[cfg(target_arch = "wasm32")]
pub use ui::{training_now, LabPage, TrainingBadge};

/// The training worker's `main`, shared by its two builds (`src/bin/worker.rs` and, with relaxed
/// SIMD, `src/bin/worker_relaxed.rs`). Natively there is nothing to run: it says how to get one.
pub fn worker_main() {
    #[cfg(target_arch = "wasm32")]
    {
        console_error_panic_hook::set_once();
        worker::run();
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        eprintln!(
            "The training worker runs in the browser: run `make serve` and open the MNIST lab."
        );
        std::process::exit(2);
    }
}

//! The MNIST lab: draw a digit, watch every layer respond, train the network in a Web Worker.
//!
//! - `protocol`, `mnist_files`, `trace`, `status`, `session`: plain Rust (messages, data files, what
//!   to draw, what to tell the learner, the training panel's state machine), tested natively.
//! - `worker`: the training worker's side, run by `src/bin/worker.rs`.
//! - the rest is the page: `page` (layout, prediction), `pad` (drawing), `feature_maps`, `training`
//!   (settings, progress, curves, save/export/import: the session's events and effects), `load`
//!   (saved run or pretrained weights), `state`, `charts`, `store` (IndexedDB), `fetch`,
//!   `worker_client`, `envelope` (how messages cross `postMessage`).

pub mod events;
pub mod mnist_files;
pub mod protocol;
pub mod record;
pub mod session;
#[cfg(test)]
mod session_tests;
pub mod status;
pub mod trace;

#[cfg(target_arch = "wasm32")]
mod badge;
#[cfg(target_arch = "wasm32")]
mod charts;
#[cfg(target_arch = "wasm32")]
mod envelope;
#[cfg(target_arch = "wasm32")]
mod feature_maps;
#[cfg(target_arch = "wasm32")]
mod fetch;
#[cfg(target_arch = "wasm32")]
mod load;
#[cfg(target_arch = "wasm32")]
mod pad;
#[cfg(target_arch = "wasm32")]
mod page;
#[cfg(target_arch = "wasm32")]
mod runtime;
#[cfg(target_arch = "wasm32")]
mod state;
#[cfg(target_arch = "wasm32")]
mod store;
#[cfg(target_arch = "wasm32")]
mod training;
#[cfg(target_arch = "wasm32")]
mod training_progress;
#[cfg(target_arch = "wasm32")]
pub mod worker;
#[cfg(target_arch = "wasm32")]
mod worker_client;

#[cfg(target_arch = "wasm32")]
pub use badge::TrainingBadge;
#[cfg(target_arch = "wasm32")]
pub use page::LabPage;
#[cfg(target_arch = "wasm32")]
pub use runtime::provide_lab;

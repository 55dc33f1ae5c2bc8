//! The training worker: the engine running in a Web Worker so the page never freezes.
//!
//! - `core`: its logic as plain Rust, tested natively — messages from the page and from the other
//!   members of its team in, outputs (to the page, to the members, the next tick) out.
//! - `ledger`: a team member's bookkeeping of every member's shares of each step.
//! - `shell` (wasm32 only): the browser's side — listeners, ports, transferred buffers, ticks.
//!
//! In a team every member runs the same trainer on its shard; a member that has sent its share
//! waits (returns to its event loop) until the others' arrive on its ports.

pub mod core;
pub mod ledger;
#[cfg(target_arch = "wasm32")]
mod shell;

#[cfg(target_arch = "wasm32")]
pub use shell::run;

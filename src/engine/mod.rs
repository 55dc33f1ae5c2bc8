//! The CNN engine: plain Rust with no web dependency, built and tested natively and run unchanged in
//! the page and its training worker. The UI imports the engine, never the other way round.
//!
//! - `ops`: tensors, the matrix product, and the output-size arithmetic of windows.
//! - `nn`: layers (one per file), `Sequential` models, the shipped architectures, initialisation, loss.
//! - `train`: optimizers, the pieces of a training step and evaluation, the one training loop
//!   (`Trainer`), and the benchmark.
//! - `data`: MNIST's IDX files, drawing preprocessing, images, safetensors weights.
//! - `lessons`: the small step-by-step operations the lessons show (1D and 2D convolution steps).
//! - `numfmt`: numbers and durations as the UI and the summaries print them.

pub mod data;
pub mod lessons;
pub mod nn;
pub mod numfmt;
pub mod ops;
pub mod train;

#[cfg(test)]
mod edge_tests;
#[cfg(test)]
pub(crate) mod testutil;

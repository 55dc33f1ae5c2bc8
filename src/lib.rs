//! ConvLab: learn convolutional neural networks by touching them.
//!
//! Modules and the one rule between them — UI → engine, never back:
//! - `engine`: the CNN engine (tensors, layers, models, training, MNIST, weights). Plain Rust.
//! - `i18n`: every visible string in Chinese and English. Plain Rust.
//! - the page (Leptos), compiled for wasm32 only, each layer importing only the ones below it:
//!   `lang` (the learner's language, `tr`) ← `widgets` ← `lessons` and `lab` ← `app` (routes).

pub mod engine;
pub mod i18n;

#[cfg(target_arch = "wasm32")]
pub mod app;
pub mod lab;
// The readers of untrusted bytes behind one entry point, for fuzzing and the mutation test.
#[cfg(target_arch = "wasm32")]
pub mod lang;
#[cfg(target_arch = "wasm32")]
pub mod lessons;
#[cfg(not(target_arch = "wasm32"))]
pub mod untrusted;
#[cfg(target_arch = "wasm32")]
pub mod widgets;

//! The CNN engine: plain Rust with no web dependency, built and tested natively and run unchanged in
//! the page and its training worker. The UI imports the engine, never the other way round.

pub mod bench;
pub mod conv1d;
pub mod conv2d_steps;
pub mod image;
pub mod init;
pub mod layers;
pub mod loss;
pub mod matmul;
pub mod mnist;
pub mod model;
pub mod models;
pub mod numfmt;
pub mod optim;
pub mod preprocess;
pub mod shape;
pub mod tensor;
pub mod train;
pub mod trainer;
#[cfg(test)]
mod trainer_tests;
pub mod weights;

#[cfg(test)]
pub(crate) mod testutil;

//! What goes in and out of the engine: MNIST's IDX files, a drawing made MNIST-like, images (PPM),
//! and weights as safetensors.

pub mod image;
pub mod mnist;
pub mod preprocess;
pub mod weights;

//! Networks: layers (one per file, as Burn's `nn`), `Sequential` models with summaries, the shipped
//! architectures (seed model, LeNet-5), initialisation and the loss.

pub mod head;
pub mod init;
pub mod layers;
pub mod loss;
pub mod model;
pub mod models;
pub mod nearest;
pub mod receptive;
pub mod saliency;
pub mod spec;

//! Training: optimizers, one guarded step and evaluation (`steps`), the one training loop
//! (`trainer::Trainer`, run by the command line and the page's worker), and the benchmark.

pub mod bench;
pub mod optim;
pub mod steps;
pub mod team;
pub mod trainer;
#[cfg(test)]
mod trainer_tests;

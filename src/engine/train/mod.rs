//! Training: optimizers, one guarded step (`steps`), evaluation with a confusion matrix and the
//! mistakes (`evaluation`), the one training loop
//! (`trainer::Trainer`, run by the command line and the page's worker), and the benchmark.

pub mod bench;
pub mod evaluation;
pub mod gradient_parts;
pub mod guard;
pub mod optim;
pub mod steps;
pub mod team;
#[cfg(test)]
mod team_tests;
pub mod trainer;
#[cfg(test)]
mod trainer_tests;

//! The pieces of training and evaluation over a `Dataset`: seeded shuffles, one guarded optimisation
//! step and per-batch reports (evaluation is `evaluation.rs`). The one training loop built from
//! them is `trainer::Trainer` (the command line and the page's worker both run it); the tests keep
//! a plain loop of the same pieces as their oracle (`testutil::reference_fit`).

use crate::engine::data::mnist::Dataset;
use crate::engine::nn::model::Sequential;
use crate::engine::train::optim::Optimizer;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use rand_pcg::Pcg64;

/// What one optimisation step reports.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BatchReport {
    pub epoch: usize,
    pub batch: usize,
    pub batches_per_epoch: usize,
    pub loss: f32,
    pub accuracy: f32,
}

/// Why a run stopped early.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainError {
    /// The loss became NaN/infinite or exploded; the weights from before the bad step are kept.
    Diverged {
        epoch: usize,
        batch: usize,
        loss: f32,
    },
    /// A step left a weight NaN, infinite or beyond `MAX_WEIGHT` (named PyTorch-style, e.g.
    /// "4.weight") although the loss was still finite; the weights from before the damage are kept.
    BadWeights {
        epoch: usize,
        batch: usize,
        tensor: String,
    },
}

impl std::fmt::Display for TrainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            // Counted from 1 for people; the fields are 0-based like everything else in the engine.
            TrainError::Diverged { epoch, batch, loss } => write!(f, "training diverged at epoch {}, batch {} (loss {loss}); try a smaller learning rate", epoch + 1, batch + 1),
            TrainError::BadWeights { epoch, batch, tensor } => write!(f, "training stopped at epoch {}, batch {}: the step left tensor \"{tensor}\" NaN, infinite or beyond ±{:e}; try a smaller learning rate", epoch + 1, batch + 1, crate::engine::data::weights::MAX_WEIGHT),
        }
    }
}

/// A loss this far above chance level (ln 10 ≈ 2.3) means the run has blown up.
pub const EXPLODED_LOSS: f32 = 1e3;

/// Shuffled batch order for one epoch: the same (seed, epoch) gives the same order.
pub fn epoch_order(n: usize, seed: u64, epoch: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.shuffle(&mut Pcg64::seed_from_u64(
        seed.wrapping_add(epoch as u64 * 0x9E37_79B9),
    ));
    idx
}

/// One optimisation step on the items `idx`. On divergence the parameters are restored.
pub fn train_step(
    model: &mut Sequential,
    opt: &mut Optimizer,
    data: &Dataset,
    idx: &[usize],
) -> Result<(f32, f32), f32> {
    let (x, y) = data.batch(idx);
    let out = model.train_batch(&x, &y);
    if !out.loss.is_finite() || out.loss > EXPLODED_LOSS {
        return Err(out.loss);
    }
    opt.step(model.params_with_ids_mut());
    Ok((out.loss, out.correct as f32 / idx.len() as f32))
}

/// How long and in what portions to train.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Schedule {
    pub epochs: usize,
    pub batch_size: usize,
    /// Seeds the batch order: the same seed gives the same shuffles.
    pub seed: u64,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::models::{lenet5, seed};
    use crate::engine::testutil::reference_fit;
    use crate::engine::train::evaluation::evaluate;
    use crate::engine::train::optim::OptimizerKind;

    use crate::engine::testutil::bars;

    #[test]
    fn both_models_learn_and_runs_repeat_exactly() {
        for build in [seed as fn() -> Sequential, lenet5] {
            let data = bars(200);
            let run = || {
                let mut m = build();
                m.init(42);
                let mut opt = Optimizer::new(OptimizerKind::adam(), 1e-3);
                let mut losses = Vec::new();
                reference_fit(
                    &mut m,
                    &mut opt,
                    &data,
                    Schedule {
                        epochs: 3,
                        batch_size: 20,
                        seed: 7,
                    },
                    |r| losses.push(r.loss),
                    |_, _, _| {},
                )
                .unwrap();
                (losses, evaluate(&mut m, &data, 50))
            };
            let (losses, eval) = run();
            assert!(
                losses.last().unwrap() < &(losses[0] * 0.5),
                "loss did not fall: {losses:?}"
            );
            assert!(eval.accuracy > 0.9, "accuracy {}", eval.accuracy);
            assert_eq!(eval.confusion.iter().flatten().sum::<u32>(), 200);
            assert_eq!(run().0, losses, "same seeds must give the same run");
        }
    }

    #[test]
    fn a_diverging_step_is_not_applied() {
        let data = bars(40);
        let mut m = seed();
        m.init(1);
        let mut opt = Optimizer::new(OptimizerKind::sgd(0.0), 1e6);
        let snapshot = |m: &mut Sequential| -> Vec<Vec<f32>> {
            m.params_mut().map(|p| p.value.clone()).collect()
        };
        let idx: Vec<usize> = (0..40).collect();
        for (step, batch) in idx.chunks(20).cycle().take(20).enumerate() {
            let before = snapshot(&mut m);
            if let Err(loss) = train_step(&mut m, &mut opt, &data, batch) {
                assert!(!loss.is_finite() || loss > EXPLODED_LOSS);
                assert!(snapshot(&mut m) == before, "step {step} was applied");
                return;
            }
        }
        panic!("SGD at 1e6 never diverged");
    }
}

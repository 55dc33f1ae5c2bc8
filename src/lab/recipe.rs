//! Training recipes: the article's (RMSprop 1e-4, batch 128, 10 epochs of all 60,000 images), and
//! the one suggested for each network, chosen in the lab when the model changes (unless the
//! learner has set their own). The measurements behind them are in docs/models.md.

use crate::engine::nn::models::ModelKind;
use crate::engine::train::optim::OptimizerChoice;
use crate::lab::network::Network;

/// An optimizer, its learning rate and the batch size; `epochs` and `images` when the recipe also
/// says how long to train (the article's does; a suggested one leaves that to the learner).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Recipe {
    pub optimizer: OptimizerChoice,
    pub learning_rate: f64,
    pub batch: usize,
    pub length: Option<Length>,
}

/// How long a recipe trains.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Length {
    pub epochs: usize,
    pub images: usize,
}

/// The article's: `RMSprop(lr=1e-4)`, `batch_size=128`, `epochs=10` on the 60,000 training images.
pub const ARTICLE: Recipe = Recipe {
    optimizer: OptimizerChoice::RmsProp,
    learning_rate: 1e-4,
    batch: 128,
    length: Some(Length {
        epochs: 10,
        images: 60_000,
    }),
};

/// Adam at 1e-3: the best of the recipes measured for LeNet-5 and every preset design, on 10,000
/// images × 2 epochs and 60,000 × 1 (docs/models.md).
pub const ADAM: Recipe = Recipe {
    optimizer: OptimizerChoice::Adam,
    learning_rate: 1e-3,
    batch: 128,
    length: None,
};

/// The recipe the lab chooses for `network`: the article's for its own model (98.7–98.8% in its
/// 10 epochs), Adam 1e-3 for the others, which the article's small steps leave far behind in
/// the epochs a learner waits for.
pub fn suggested(network: &Network) -> Recipe {
    match network {
        Network::Builtin(ModelKind::Seed) => ARTICLE,
        Network::Builtin(ModelKind::Lenet5) | Network::Design(_) => ADAM,
    }
}

/// The optimizer's name as the lab's select shows it (the same in both languages).
pub fn optimizer_name(optimizer: OptimizerChoice) -> &'static str {
    match optimizer {
        OptimizerChoice::RmsProp => "RMSprop",
        OptimizerChoice::Adam => "Adam",
        OptimizerChoice::Momentum => "SGD + momentum 0.9",
        OptimizerChoice::Sgd => "SGD",
    }
}

/// A learning rate that works for `optimizer` on MNIST's networks (measured, docs/models.md): the
/// adaptive ones move each weight by about the rate per step, plain SGD by the rate times the
/// gradient, which is small, so it needs a larger rate.
pub fn good_rate(optimizer: OptimizerChoice) -> f64 {
    match optimizer {
        OptimizerChoice::Adam | OptimizerChoice::RmsProp => 1e-3,
        OptimizerChoice::Momentum => 1e-2,
        OptimizerChoice::Sgd => 1e-1,
    }
}

/// A learning rate beside the optimizer's good one: within a factor of 3 is about right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RateJudgement {
    TooLarge,
    TooSmall,
    AboutRight,
}

pub fn judge_rate(optimizer: OptimizerChoice, lr: f64) -> RateJudgement {
    let good = good_rate(optimizer);
    if lr >= good * 3.0 {
        RateJudgement::TooLarge
    } else if lr <= good / 3.0 {
        RateJudgement::TooSmall
    } else {
        RateJudgement::AboutRight
    }
}

/// The optimizer and rate to try again with after a run that learned nothing at `lr`: the same
/// optimizer at its good rate, unless `lr` already was about that, or the optimizer is plain SGD,
/// which no rate made good for the article's model (43% at best on 10,000 images × 2): then Adam
/// at 1e-3.
pub fn retry_after_failure(optimizer: OptimizerChoice, lr: f64) -> Recipe {
    let near = judge_rate(optimizer, lr) == RateJudgement::AboutRight;
    if near || optimizer == OptimizerChoice::Sgd {
        ADAM
    } else {
        Recipe {
            optimizer,
            learning_rate: good_rate(optimizer),
            ..ADAM
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::spec::presets::tiny_spec;

    #[test]
    fn the_article_keeps_its_recipe_and_the_others_get_adam() {
        assert_eq!(suggested(&ModelKind::Seed.into()), ARTICLE);
        assert_eq!(suggested(&ModelKind::Lenet5.into()), ADAM);
        assert_eq!(suggested(&Network::Design(tiny_spec())), ADAM);
        assert_eq!(ARTICLE.length.map(|l| l.epochs * l.images), Some(600_000));
    }

    #[test]
    fn a_failed_rate_is_retried_at_the_optimizers_good_rate_or_with_adam() {
        // The walkthrough's diverged run: SGD at 12.
        assert_eq!(retry_after_failure(OptimizerChoice::Sgd, 12.0), ADAM);
        let adam = retry_after_failure(OptimizerChoice::Adam, 0.1);
        assert_eq!(adam.learning_rate, 1e-3);
        let rms = retry_after_failure(OptimizerChoice::RmsProp, 1e-6);
        assert_eq!(rms.learning_rate, 1e-3);
        // Already at the good rate: another optimizer is what is left to change.
        assert_eq!(retry_after_failure(OptimizerChoice::Momentum, 0.02), ADAM);
    }
}

//! Whether a run that reached its end learned anything: a test accuracy near chance, or a training
//! loss that ended far above where it started, is a failed run, not a finished one (the lab then
//! keeps the weights from before it and says why).

use crate::lab::protocol::CurvePoint;
use crate::lab::record::EpochPoint;

/// The lab's networks tell ten digits apart.
pub const MNIST_CLASSES: usize = 10;

/// How a run fell short.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shortfall {
    /// The last test accuracy got less than an eighth of the way from chance (`classes` to guess
    /// among) to 100%.
    NearChance { accuracy: f32, classes: usize },
    /// The training loss (smoothed) ended well above its first value.
    LossRose { first: f32, last: f32 },
}

/// Chance is 1 / classes; a run that got less than this share of the way from there to 100% has
/// learned next to nothing (21% for ten digits): MNIST's networks pass 50% within their first
/// hundred steps at any workable rate (docs/models.md).
const PAST_CHANCE: f32 = 0.125;
/// The loss rose by more than this share and this much: a rise, not the noise of a flat curve.
const ROSE_BY: f32 = 1.25;
const ROSE_AT_LEAST: f32 = 0.5;

/// `None` when the run learned; else how it fell short (`classes`: the network's outputs).
pub fn shortfall(
    epochs: &[EpochPoint],
    points: &[CurvePoint],
    classes: usize,
) -> Option<Shortfall> {
    let classes = classes.max(2);
    if let Some(last) = epochs.last() {
        let accuracy = last.test_accuracy;
        let chance = 1.0 / classes as f32;
        if !accuracy.is_finite() || accuracy < chance + (1.0 - chance) * PAST_CHANCE {
            return Some(Shortfall::NearChance { accuracy, classes });
        }
    }
    let (first, last) = (points.first()?.loss, points.last()?.loss);
    (!last.is_finite() || (last > first * ROSE_BY && last > first + ROSE_AT_LEAST))
        .then_some(Shortfall::LossRose { first, last })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn epoch(acc: f32) -> EpochPoint {
        EpochPoint {
            epoch: 0,
            test_loss: 2.3,
            test_accuracy: acc,
        }
    }
    fn curve(losses: &[f32]) -> Vec<CurvePoint> {
        losses
            .iter()
            .enumerate()
            .map(|(i, &loss)| CurvePoint {
                x: i as f32,
                loss,
                accuracy: 0.5,
            })
            .collect()
    }

    #[test]
    fn chance_level_or_a_risen_loss_is_a_shortfall_and_learning_is_not() {
        // The walkthrough's SGD at 12: 10.28% after the run.
        assert_eq!(
            shortfall(&[epoch(0.1028)], &curve(&[2.3, 2.3]), 10),
            Some(Shortfall::NearChance {
                accuracy: 0.1028,
                classes: 10
            })
        );
        // LeNet-5 with the article's recipe on 10,000 images × 2: slow, but learning.
        assert_eq!(shortfall(&[epoch(0.764)], &curve(&[2.3, 1.0]), 10), None);
        assert_eq!(
            shortfall(&[epoch(0.6)], &curve(&[2.3, 2.4, 9.0]), 10),
            Some(Shortfall::LossRose {
                first: 2.3,
                last: 9.0
            })
        );
        // Noise on a flat curve is not a rise; with 3 classes, 45% is past chance and 40% is not.
        assert_eq!(shortfall(&[epoch(0.45)], &curve(&[2.3, 2.6]), 3), None);
        assert!(shortfall(&[epoch(0.4)], &[], 3).is_some());
        assert!(shortfall(&[epoch(0.2)], &[], 10).is_some());
        assert_eq!(shortfall(&[epoch(0.22)], &[], 10), None);
        assert!(shortfall(&[epoch(f32::NAN)], &[], 10).is_some());
        assert_eq!(shortfall(&[], &[], 10), None);
    }
}

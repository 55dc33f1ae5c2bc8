//! Hints a teacher would give: a recipe that cannot get far in the steps it has, and a drawing the
//! network answers although it does not look like a digit. Plain Rust, tested natively; the lab
//! shows them in the learner's language (`i18n::guidance`).

use crate::engine::train::optim::OptimizerChoice;

/// How far a recipe can move the weights: the learning rate times the number of steps. The source's
/// recipe (RMSprop 1e-4, 60,000 images in batches of 128, 10 epochs) has 4,690 steps: 0.47.
pub fn reach(lr: f64, batch: usize, epochs: usize, images: usize) -> (usize, f64) {
    let steps = epochs * images.div_ceil(batch.max(1));
    (steps, lr * steps as f64)
}

/// A recipe too short to learn much: `Some(steps)` when the learning rate times the number of
/// steps stays below what an optimizer needs to get anywhere (adaptive optimizers move each weight
/// by about the learning rate per step; plain SGD and momentum move less at the same rate).
pub fn too_short(
    optimizer: OptimizerChoice,
    lr: f64,
    batch: usize,
    epochs: usize,
    images: usize,
) -> Option<usize> {
    let (steps, reach) = reach(lr, batch, epochs, images);
    // Measured (docs/models.md): LeNet-5 reaches 76% at 0.016 (RMSprop 1e-4, 158 steps) but 89%
    // at 0.047; Adam 1e-3 for 16 steps (0.016) leaves the tiny preset at 54%, 40 steps 77%.
    let needed = match optimizer {
        OptimizerChoice::RmsProp | OptimizerChoice::Adam => 0.03,
        OptimizerChoice::Sgd | OptimizerChoice::Momentum => 1.0,
    };
    (reach < needed).then_some(steps)
}

/// Why a drawing may not be read as a digit, though the network names one anyway.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Unlike {
    /// Hardly any ink: a stray speck.
    LittleInk,
    /// A solid blob: the drawing is scaled to MNIST's 20×20 box, so a dot or a scribble becomes a
    /// filled shape, inkier than any pen-drawn digit.
    Blob,
    /// Far from MNIST's digits as the network sees them (`engine::nn::nearest`): the distance, the
    /// threshold it is beyond, and the top probability that means little.
    Far {
        distance: f32,
        threshold: f32,
        best: f32,
    },
    /// No digit stands out: the best has only this probability.
    Unsure(f32),
}

/// Pixels (of 784) above half ink in MNIST digits: 26 to 208 in the 100 shipped test digits (a thin
/// "1" to a bold "8"), 95 on average. Below a generous margin the drawing is unlike any of them.
const MIN_INK: usize = 15;
/// How many times the ink can be worn away by one pixel from every edge before nothing is left:
/// a pen stroke is a few pixels wide (the 100 shipped test digits: at most 4), a digit drawn a
/// quarter of the pad's height keeps its 20 px strokes when scaled up and fills its loops (at most
/// 7), a dot scaled up to the 20×20 box is a disk 10 deep (docs/models.md).
const BLOB_DEPTH: usize = 9;

/// The ink's depth: rounds of erosion (a pixel stays while its four neighbours are inked) until no
/// inked pixel (> 0.5) is left.
pub fn ink_depth(input: &[f32]) -> usize {
    let mut ink: Vec<bool> = input.iter().map(|&v| v > 0.5).collect();
    let mut depth = 0;
    while ink.iter().any(|&i| i) {
        depth += 1;
        let at = |ink: &[bool], x: i64, y: i64| {
            (0..28).contains(&x) && (0..28).contains(&y) && ink[(y * 28 + x) as usize]
        };
        ink = (0..784i64)
            .map(|i| {
                let (x, y) = (i % 28, i / 28);
                [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)]
                    .iter()
                    .all(|(dx, dy)| at(&ink, x + dx, y + dy))
            })
            .collect();
    }
    depth
}
/// Below this top probability the network is guessing between digits.
const UNSURE: f32 = 0.6;

/// `input`: the 28×28 network input in 0…1; `probs`: the ten probabilities; `far`: the distance to
/// MNIST's digits and its threshold when the distance is beyond it (none while unmeasured).
pub fn unlike_mnist(input: &[f32], probs: &[f32], far: Option<(f32, f32)>) -> Option<Unlike> {
    let ink = input.iter().filter(|&&v| v > 0.5).count();
    let best = probs.iter().copied().fold(0.0f32, f32::max);
    if ink == 0 {
        None
    } else if ink < MIN_INK {
        Some(Unlike::LittleInk)
    } else if ink_depth(input) >= BLOB_DEPTH {
        Some(Unlike::Blob)
    } else if let Some((distance, threshold)) = far {
        Some(Unlike::Far {
            distance,
            threshold,
            best,
        })
    } else if best < UNSURE {
        Some(Unlike::Unsure(best))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sources_recipe_is_long_enough_and_a_thousand_images_are_not() {
        let rms = OptimizerChoice::RmsProp;
        assert_eq!(too_short(rms, 1e-4, 128, 10, 60_000), None);
        // The walkthrough's case: 1,000 images, 2 epochs → 16 steps; it reached 43%.
        assert_eq!(too_short(rms, 1e-4, 128, 2, 1_000), Some(16));
        // 16 steps are too few even at 0.001; 40 are enough.
        assert_eq!(too_short(rms, 1e-3, 128, 2, 1_000), Some(16));
        assert_eq!(too_short(rms, 1e-3, 128, 5, 1_000), None);
        assert_eq!(too_short(rms, 1e-4, 128, 10, 1_000), Some(80));
        // The second walkthrough's LeNet-5: 10,000 images × 2 epochs at 1e-4 (76%).
        assert_eq!(too_short(rms, 1e-4, 128, 2, 10_000), Some(158));
        assert_eq!(too_short(OptimizerChoice::Adam, 1e-3, 128, 2, 10_000), None);
        // One epoch of all 60,000 at 1e-4 is no longer short (89% for LeNet-5).
        assert_eq!(too_short(rms, 1e-4, 128, 1, 60_000), None);
        assert_eq!(
            too_short(OptimizerChoice::Sgd, 0.005, 10, 1, 1_000),
            Some(100)
        );
        assert_eq!(too_short(OptimizerChoice::Sgd, 0.05, 10, 3, 1_000), None);
    }

    #[test]
    fn pen_strokes_are_shallow_and_a_filled_square_is_deep() {
        let mut band = vec![0.0; 784];
        band[300..400].fill(1.0);
        assert_eq!(
            ink_depth(&band),
            2,
            "four rows (and a bit): worn away from above and below"
        );
        let mut square = vec![0.0; 784];
        for y in 5..20 {
            square[y * 28 + 5..y * 28 + 20].fill(1.0);
        }
        assert_eq!(ink_depth(&square), 8);
        assert_eq!(ink_depth(&[0.0; 784]), 0);
    }

    #[test]
    fn a_dot_or_an_unsure_answer_is_flagged_and_a_clear_digit_is_not() {
        let mut input = vec![0.0; 784];
        let sure = [0.01, 0.9, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.01, 0.01];
        assert_eq!(
            unlike_mnist(&input, &sure, None),
            None,
            "nothing drawn: nothing to say"
        );
        input[400..410].fill(1.0);
        assert_eq!(unlike_mnist(&input, &sure, None), Some(Unlike::LittleInk));
        input[300..400].fill(1.0);
        assert_eq!(unlike_mnist(&input, &sure, None), None);
        // A filled square as big as the 20×20 box is a blob (the band above, four rows of a
        // stroke-like shape, is not).
        let mut square = vec![0.0; 784];
        for y in 4..24 {
            square[y * 28 + 4..y * 28 + 24].fill(1.0);
        }
        assert_eq!(unlike_mnist(&square, &sure, None), Some(Unlike::Blob));
        let unsure = [0.1, 0.35, 0.3, 0.05, 0.05, 0.05, 0.04, 0.02, 0.02, 0.02];
        assert_eq!(
            unlike_mnist(&input, &unsure, None),
            Some(Unlike::Unsure(0.35))
        );
        // Far from MNIST's digits: said even when the network is sure, and before its doubt.
        let far = Some((0.3, 0.24));
        let said = Unlike::Far {
            distance: 0.3,
            threshold: 0.24,
            best: 0.9,
        };
        assert_eq!(unlike_mnist(&input, &sure, far), Some(said));
        assert!(matches!(
            unlike_mnist(&input, &unsure, far),
            Some(Unlike::Far { .. })
        ));
    }
}

//! A test-set report as the lab shows it: the evaluation (confusion matrix, accuracy, the mistakes
//! kept) with the mistakes' images, and which weights it describes.

use super::network::Network;
use crate::engine::data::mnist::Dataset;
use crate::engine::train::evaluation::{Evaluation, Mistake};

/// MNIST's image size in bytes.
pub const IMAGE_BYTES: usize = 28 * 28;

/// Which weights a report describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportOf {
    /// The weights at the end of this (0-based) training epoch.
    Epoch(usize),
    /// The weights in use when the learner pressed "Evaluate on test set".
    Request,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TestReport {
    pub model: Network,
    pub of: ReportOf,
    pub test: Evaluation,
    /// `IMAGE_BYTES` per mistake, in `test.mistakes` order.
    images: Vec<u8>,
}

impl TestReport {
    /// The report of an evaluation message and its buffers; images that do not match the mistakes
    /// (a damaged message) are dropped rather than shown beside the wrong labels.
    pub fn new(model: Network, of: ReportOf, test: Evaluation, buffers: Vec<Vec<u8>>) -> Self {
        let images = buffers
            .into_iter()
            .next()
            .filter(|b| b.len() == test.mistakes.len() * IMAGE_BYTES)
            .unwrap_or_default();
        Self {
            model,
            of,
            test,
            images,
        }
    }

    /// The `i`th mistake and its image, if the images came.
    pub fn mistake(&self, i: usize) -> Option<(Mistake, &[u8])> {
        let m = *self.test.mistakes.get(i)?;
        let image = self.images.get(i * IMAGE_BYTES..(i + 1) * IMAGE_BYTES)?;
        Some((m, image))
    }
}

/// The images of `mistakes` from the test set they index, for the page (which has no copy of it).
pub fn images_of(mistakes: &[Mistake], test: &Dataset) -> Vec<u8> {
    let area = test.rows * test.cols;
    mistakes
        .iter()
        .filter_map(|m| {
            let start = m.index as usize * area;
            test.images.get(start..start + area)
        })
        .flatten()
        .copied()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_kept_only_when_they_match_the_mistakes() {
        let m = Mistake {
            index: 7,
            truth: 4,
            predicted: 9,
            confidence: 0.8,
        };
        let test = Evaluation {
            loss: 0.1,
            accuracy: 0.5,
            confusion: [[0; 10]; 10],
            mistakes: vec![m, Mistake { index: 9, ..m }],
            focus: None,
        };
        let mut images = vec![1u8; IMAGE_BYTES];
        images.extend(vec![2u8; IMAGE_BYTES]);
        let r = TestReport::new(
            Network::default(),
            ReportOf::Request,
            test.clone(),
            vec![images],
        );
        assert_eq!(r.mistake(1).map(|(m, img)| (m.index, img[0])), Some((9, 2)));
        assert!(r.mistake(2).is_none());
        let data = crate::engine::testutil::bars(10);
        let both = images_of(&test.mistakes, &data);
        assert_eq!(both.len(), 2 * IMAGE_BYTES);
        assert_eq!(
            both[..IMAGE_BYTES],
            data.images[7 * IMAGE_BYTES..8 * IMAGE_BYTES]
        );
        let short = TestReport::new(
            Network::default(),
            ReportOf::Request,
            test,
            vec![vec![0; 10]],
        );
        assert!(short.mistake(0).is_none());
    }
}

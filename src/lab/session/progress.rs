//! How far the run is: its epoch and batch, images, speed, and the time left.

use super::TrainingSession;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    pub epoch: usize,
    pub batch: usize,
    pub batches: usize,
    pub samples: u64,
    pub samples_per_second: f32,
    /// Test images evaluated so far and in all, while the end-of-epoch evaluation runs.
    pub evaluating: Option<(usize, usize)>,
    /// In a team: the images each worker computed in the last batch (empty for one worker).
    pub parts: Vec<usize>,
}

impl TrainingSession {
    /// Share of the run done, 0…1.
    pub fn fraction_done(&self) -> f64 {
        let p = &self.progress;
        let epochs = self.config.as_ref().map_or(1, |c| c.epochs);
        let total = (epochs * p.batches.max(1)) as f64;
        ((p.epoch * p.batches + p.batch) as f64 / total).clamp(0.0, 1.0)
    }

    /// Seconds left at the current speed; `None` before the first speed is known.
    pub fn seconds_left(&self) -> Option<f64> {
        let p = &self.progress;
        let (epochs, images) = self
            .config
            .as_ref()
            .map_or((1, 1), |c| (c.epochs, c.train_images));
        (p.samples_per_second > 0.0).then(|| {
            ((epochs as f64 * images as f64 - p.samples as f64) / p.samples_per_second as f64)
                .max(0.0)
        })
    }
}

//! What a training run leaves behind, saved with its weights in this browser so a reload shows the
//! run that produced them: its settings, the per-batch curve and the per-epoch test results.

use super::protocol::{CurvePoint, RunConfig};
use serde::{Deserialize, Serialize};

/// One test-set evaluation at the end of an epoch.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpochPoint {
    pub epoch: usize,
    pub test_loss: f32,
    pub test_accuracy: f32,
}

/// What is saved with the weights, so a reload shows the run that produced them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub config: Option<RunConfig>,
    pub points: Vec<CurvePoint>,
    pub epochs: Vec<EpochPoint>,
}

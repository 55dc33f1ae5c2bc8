//! The training form's fields, app-wide like the run (a half-typed value survives a lesson change).

use crate::lab::protocol::RunConfig;
use leptos::prelude::*;

/// The training form's fields (text as typed, so a half-typed value survives a lesson change).
#[derive(Clone, Copy)]
pub struct TrainingForm {
    pub optimizer: RwSignal<String>,
    pub lr_text: RwSignal<String>,
    pub batch_text: RwSignal<String>,
    pub epochs_text: RwSignal<String>,
    pub seed_text: RwSignal<String>,
    pub train_images: RwSignal<usize>,
    pub from_current: RwSignal<bool>,
}

impl TrainingForm {
    /// Show the settings of the run that produced the weights (a reload, another model chosen).
    pub fn fill(&self, c: &RunConfig) {
        self.optimizer.set(c.optimizer.name().to_string());
        self.lr_text.set(c.learning_rate.to_string());
        self.batch_text.set(c.batch_size.to_string());
        self.epochs_text.set(c.epochs.to_string());
        self.seed_text.set(c.seed.to_string());
        self.train_images.set(c.train_images);
        self.from_current.set(c.from_current);
    }

    /// The source's recipe: RMSprop 1e-4, batch 128, 10 epochs, all 60,000 images.
    pub fn new() -> Self {
        Self {
            optimizer: RwSignal::new("rmsprop".to_string()),
            lr_text: RwSignal::new("0.0001".to_string()),
            batch_text: RwSignal::new("128".to_string()),
            epochs_text: RwSignal::new("10".to_string()),
            // The same seed gives the same initial weights and batch order: a run can be repeated.
            seed_text: RwSignal::new("1".to_string()),
            train_images: RwSignal::new(60_000),
            from_current: RwSignal::new(false),
        }
    }
}

impl Default for TrainingForm {
    fn default() -> Self {
        Self::new()
    }
}

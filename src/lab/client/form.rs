//! The training form's fields, app-wide like the run (a half-typed value survives a lesson change).

use crate::i18n::numbers::show;
use crate::lab::link::LabLink;
use crate::lab::protocol::RunConfig;
use crate::lab::recipe::{Recipe, ARTICLE};
use leptos::prelude::*;

/// The optimizer, learning rate and batch as the form's fields hold them.
type Settings = (String, String, String);

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
    /// The optimizer, rate and batch the lab last put in the form (a recipe or a saved run's):
    /// fields that differ were set by the learner, and a model change leaves them alone.
    applied: StoredValue<Settings>,
    /// A link's settings, put in once the network it names has loaded its own.
    linked: StoredValue<Option<LabLink>>,
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
        self.applied.set_value(self.settings());
    }

    fn settings(&self) -> Settings {
        (
            self.optimizer.get_untracked(),
            self.lr_text.get_untracked(),
            self.batch_text.get_untracked(),
        )
    }

    /// Put `recipe` in the form (its length too, when it has one).
    pub fn apply(&self, recipe: &Recipe) {
        self.optimizer.set(recipe.optimizer.name().to_string());
        self.lr_text.set(show(recipe.learning_rate));
        self.batch_text.set(recipe.batch.to_string());
        if let Some(length) = recipe.length {
            self.epochs_text.set(length.epochs.to_string());
            self.train_images.set(length.images);
        }
        self.applied.set_value(self.settings());
    }

    /// Keep a link's settings for `apply_link` (after the weights and their run have loaded).
    pub fn link(&self, link: LabLink) {
        self.linked.set_value(Some(link));
    }

    /// Put the kept link's settings in the form, once: they count as the learner's own (a model
    /// change leaves them).
    pub fn apply_link(&self) {
        let Some(link) = self.linked.try_update_value(|l| l.take()).flatten() else {
            return;
        };
        if let Some(o) = link.optimizer {
            self.optimizer.set(o.name().to_string());
        }
        if let Some(lr) = link.learning_rate {
            self.lr_text.set(lr);
        }
        if let Some(b) = link.batch {
            self.batch_text.set(b.to_string());
        }
        if let Some(e) = link.epochs {
            self.epochs_text.set(e.to_string());
        }
        if let Some(n) = link.images {
            self.train_images.set(n);
        }
    }

    /// The learner changed the optimizer, rate or batch since the lab last set them.
    pub fn is_custom(&self) -> bool {
        self.applied.with_value(|a| *a != self.settings())
    }

    /// The source's recipe: RMSprop 1e-4, batch 128, 10 epochs, all 60,000 images (the lab then
    /// puts in the chosen network's suggested one).
    pub fn new() -> Self {
        let form = Self {
            optimizer: RwSignal::new(String::new()),
            lr_text: RwSignal::new(String::new()),
            batch_text: RwSignal::new(String::new()),
            epochs_text: RwSignal::new(String::new()),
            // The same seed gives the same initial weights and batch order: a run can be repeated.
            seed_text: RwSignal::new("1".to_string()),
            train_images: RwSignal::new(0),
            from_current: RwSignal::new(false),
            applied: StoredValue::new(Default::default()),
            linked: StoredValue::new(None),
        };
        form.apply(&ARTICLE);
        form
    }
}

impl Default for TrainingForm {
    fn default() -> Self {
        Self::new()
    }
}

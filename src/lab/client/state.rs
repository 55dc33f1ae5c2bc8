//! The lab's shared state: which model, its weights (one copy on the page, for predicting), where
//! they came from, the current drawing and the message for the learner.

use crate::engine::data::weights::{
    load_safetensors, to_safetensors, to_safetensors_with, SPEC_KEY,
};
use crate::engine::nn::model::Sequential;
use crate::engine::nn::nearest::Reference;
use crate::engine::nn::spec::ModelSpec;
use crate::lab::network::Network;
use crate::lab::status::{Source, Status};
use crate::lab::trace::Kernels;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone, Copy)]
pub struct Lab {
    /// The network shown and trained (a built-in model or the learner's design).
    pub kind: RwSignal<Network>,
    /// The learner's latest design (from "Build your own network"), offered in the model select.
    pub design: RwSignal<Option<ModelSpec>>,
    /// Bumped whenever the weights change, so predictions follow.
    pub version: RwSignal<u64>,
    pub source: RwSignal<Source>,
    pub model: StoredValue<Option<Sequential>, LocalStorage>,
    pub input: RwSignal<Option<Vec<u8>>>,
    pub truth: RwSignal<Option<u8>>,
    /// A test image to put on the drawing pad (chosen in the misclassified gallery), with its label.
    pub show: RwSignal<Option<crate::widgets::TestImage>>,
    /// The test-set number of the image on the pad (none for a drawing), for the lab's address.
    pub shown_test: RwSignal<Option<usize>>,
    /// The first layer's kernels when the latest run started, and the model they belong to, so
    /// the learner can compare them with the kernels now.
    pub kernels_before: RwSignal<Option<(Network, Kernels)>>,
    pub status: RwSignal<Option<Status>>,
    /// The feature-map inspector's layer (index in the trace's list) and map, for the address.
    pub inspect: RwSignal<(usize, usize)>,
    /// MNIST's reference digits as the weights of `version` see them (`client::nearest`).
    pub reference: RwSignal<Option<(u64, Arc<Reference>)>>,
    /// The weights started loading (on the lab's first visit; they stay for the app's lifetime).
    pub loading_started: StoredValue<bool>,
}

impl Lab {
    pub fn new() -> Self {
        Self {
            kind: RwSignal::new(Network::default()),
            design: RwSignal::new(None),
            version: RwSignal::new(0),
            source: RwSignal::new(Source::Loading),
            model: StoredValue::new_local(None),
            input: RwSignal::new(None),
            truth: RwSignal::new(None),
            show: RwSignal::new(None),
            shown_test: RwSignal::new(None),
            kernels_before: RwSignal::new(None),
            status: RwSignal::new(None),
            inspect: RwSignal::new((0, 0)),
            reference: RwSignal::new(None),
            loading_started: StoredValue::new(false),
        }
    }

    /// Put `bytes` (safetensors) into a fresh model of `kind`. On error nothing changes.
    pub fn use_weights(&self, kind: &Network, bytes: &[u8], source: Source) -> Result<(), String> {
        let mut model = kind.build()?;
        load_safetensors(&mut model, bytes).map_err(|e| e.to_string())?;
        self.use_model(model, source);
        Ok(())
    }

    pub fn use_model(&self, model: Sequential, source: Source) {
        self.model.set_value(Some(model));
        self.source.set(source);
        self.version.update(|v| *v += 1);
    }

    /// The weights as an exported file: a design's carries the design in its metadata.
    pub fn weights_file(&self) -> Option<Vec<u8>> {
        let spec = self
            .kind
            .with_untracked(|k| k.design().map(|s| s.to_json()));
        let meta: Vec<(&str, String)> = spec.into_iter().map(|s| (SPEC_KEY, s)).collect();
        self.model
            .with_value(|m| m.as_ref().map(|m| to_safetensors_with(m, &meta)))
    }

    pub fn weights(&self) -> Option<Vec<u8>> {
        self.model.with_value(|m| m.as_ref().map(to_safetensors))
    }
}

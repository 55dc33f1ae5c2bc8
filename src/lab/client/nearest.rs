//! MNIST's reference digits (500 training images shipped with the page) as the weights in use see
//! them, for the "not a digit" note (`engine::nn::nearest`). Rebuilt whenever the weights change,
//! a few images at a time between frames, so drawing stays smooth while it is made; a newer
//! version of the weights abandons an older build. Not during a run: the weights change each epoch.

use super::state::Lab;
use crate::engine::data::mnist::Dataset;
use crate::engine::nn::nearest::{views, Reference};
use crate::lab::mnist_files::gunzip;
use crate::lab::status::Source;
use crate::widgets::fetch::fetch_bytes;
use crate::widgets::pause::pause;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;

/// Images per step: small enough that a step of the source's model stays well under a frame.
const CHUNK: usize = 20;

async fn reference_digits() -> Result<Dataset, String> {
    let fetch = |url: &'static str| async move {
        let bytes = fetch_bytes(url).await.map_err(|e| e.to_string())?;
        gunzip(url, &bytes)
    };
    let images = fetch("samples/train-images-500.idx.gz").await?;
    let labels = fetch("samples/train-labels-500.idx.gz").await?;
    Dataset::from_idx(&images, &labels).map_err(|e| e.to_string())
}

/// Keep `lab.reference` for the weights of the moment (call once, from the lab page).
pub fn keep_reference(lab: Lab) {
    let digits = StoredValue::new_local(None::<Arc<Dataset>>);
    // The version being measured: the effect also runs when the source changes without new
    // weights, and that must not start a second build of the same version.
    let building = StoredValue::new(None::<u64>);
    Effect::new(move |_| {
        let version = lab.version.get();
        // Weights that change every epoch are not worth measuring against until the run ends.
        if matches!(lab.source.get(), Source::Loading | Source::Training)
            || building.get_value() == Some(version)
            || lab
                .reference
                .with_untracked(|r| r.as_ref().is_some_and(|r| r.0 == version))
        {
            return;
        }
        building.set_value(Some(version));
        spawn_local(async move {
            build(lab, digits, version).await;
            if building.get_value() == Some(version) {
                building.set_value(None);
            }
        });
    });
}

/// Measure the reference digits with the weights of `version`; gives up when they change.
async fn build(lab: Lab, digits: StoredValue<Option<Arc<Dataset>>, LocalStorage>, version: u64) {
    let set = match digits.get_value() {
        Some(d) => d,
        None => match reference_digits().await {
            Ok(d) => {
                let d = Arc::new(d);
                digits.set_value(Some(d.clone()));
                d
            }
            // Without them the note falls back to ink and confidence; nothing to say.
            Err(_) => return,
        },
    };
    let mut rows = Vec::with_capacity(set.len());
    for start in (0..set.len()).step_by(CHUNK) {
        pause(0).await;
        if lab.version.get_untracked() != version {
            return;
        }
        let (x, _) = set.batch(&(start..(start + CHUNK).min(set.len())).collect::<Vec<_>>());
        let Some(Some(v)) = lab
            .model
            .try_update_value(|m| m.as_mut().and_then(|m| views(m, &x)))
        else {
            return;
        };
        rows.extend(v);
    }
    if let Some(r) = Reference::new(rows) {
        let _ = lab.reference.try_set(Some((version, Arc::new(r))));
    }
}

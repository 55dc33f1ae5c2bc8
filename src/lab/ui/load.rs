//! Loading a model's weights into the lab: this browser's saved run if there is one (with its
//! curves), else the pretrained file shipped with the page, else random weights with the reason.

use super::state::Lab;
use super::store;
use crate::engine::nn::models::ModelKind;
use crate::lab::session::RunRecord;
use crate::lab::status::{Source, Status};
use crate::widgets::fetch::fetch_bytes;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Pretrained weights shipped in `assets/models/` (see docs/models.md).
pub fn pretrained_url(kind: ModelKind) -> String {
    format!("models/{}.safetensors", kind.name())
}

/// Load the model of `kind`: the saved run if any (and its curves through `on_record`), else pretrained.
pub fn load_model(lab: Lab, kind: ModelKind, on_record: impl FnOnce(Option<RunRecord>) + 'static) {
    lab.source.set(Source::Loading);
    spawn_local(async move {
        if let Ok(Some((meta, weights))) = store::load(kind.name()).await {
            if let (Ok(record), Ok(())) = (
                serde_json::from_str::<RunRecord>(&meta),
                lab.use_weights(kind, &weights, Source::Trained),
            ) {
                lab.status.set(Some(Status::Restored));
                on_record(Some(record));
                return;
            }
        }
        on_record(None);
        match fetch_bytes(&pretrained_url(kind))
            .await
            .and_then(|b| lab.use_weights(kind, &b, Source::Pretrained))
        {
            Ok(()) => {}
            Err(e) => {
                // Without the file the learner can still train from scratch.
                let mut m = kind.build();
                m.init(1);
                lab.use_model(m, Source::Random);
                lab.status.set(Some(Status::Failed(e)));
            }
        }
    });
}

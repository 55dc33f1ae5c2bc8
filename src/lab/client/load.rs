//! Loading a model's weights into the lab: this browser's saved run if there is one (with its
//! curves), else the pretrained file shipped with the page, else random weights with the reason.

use super::state::Lab;
use super::store;
use crate::engine::nn::models::ModelKind;
use crate::i18n::fetch::FetchProblem;
use crate::lab::network::Network;
use crate::lab::session::RunRecord;
use crate::lab::status::{Source, Status};
use crate::widgets::fetch::fetch_bytes;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Pretrained weights shipped in `assets/models/` (see docs/models.md).
pub fn pretrained_url(kind: ModelKind) -> String {
    format!("models/{}.safetensors", kind.name())
}

/// Load the network `kind`: the saved run if any (and its curves through `on_record`), else
/// pretrained, else (a design, which has none) random weights.
pub fn load_model(lab: Lab, kind: Network, on_record: impl FnOnce(Option<RunRecord>) + 'static) {
    lab.source.set(Source::Loading);
    spawn_local(async move {
        if let Ok(Some((meta, weights))) = store::load(kind.key()).await {
            // The design slot holds one design's run: another design's weights would not fit.
            let record = serde_json::from_str::<RunRecord>(&meta).ok().filter(|r| {
                kind.design().is_none() || r.config.as_ref().map(|c| &c.model) == Some(&kind)
            });
            if let Some(record) = record {
                if lab.use_weights(&kind, &weights, Source::Trained).is_ok() {
                    lab.status.set(Some(Status::Restored));
                    on_record(Some(record));
                    return;
                }
            }
        }
        on_record(None);
        // A design has no pretrained file (`None`).
        let fetched = match kind.builtin() {
            Some(k) => Some(fetch_bytes(&pretrained_url(k)).await.and_then(|b| {
                lab.use_weights(&kind, &b, Source::Pretrained)
                    .map_err(FetchProblem::Other)
            })),
            None => None,
        };
        if let Some(Ok(())) = fetched {
            return;
        }
        // Without the file (or for a design) the learner can still train from scratch.
        match kind.build() {
            Ok(mut m) => {
                m.init(1);
                lab.use_model(m, Source::Random);
            }
            Err(why) => lab.status.set(Some(Status::Failed(why))),
        }
        if let Some(Err(e)) = fetched {
            lab.status.set(Some(Status::PretrainedFailed(e)));
        }
    });
}

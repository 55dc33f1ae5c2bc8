//! A built-in network with the trained weights shipped with the page, for the lessons that run it
//! on the learner's drawing (LeNet-5's layer strip, "From features to classes").

use super::fetch::fetch_bytes;
use crate::engine::data::weights::load_safetensors;
use crate::engine::nn::model::Sequential;
use crate::engine::nn::models::ModelKind;
use crate::i18n::fetch::FetchProblem;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The weights of the network asked for, or why they are missing (worded by the lesson, in the
/// language of the moment).
#[derive(Clone, Debug, PartialEq)]
pub enum Weights {
    Loading,
    Unreachable(FetchProblem),
    /// The file arrived but is not this network's weights.
    Unreadable,
    Ready(ModelKind),
}

fn weights_path(kind: ModelKind) -> &'static str {
    match kind {
        ModelKind::Seed => "models/seed.safetensors",
        ModelKind::Lenet5 => "models/lenet5.safetensors",
    }
}

/// Put `kind`'s shipped weights into `model` (again whenever `kind` changes; a later choice wins
/// over a slower earlier fetch) and say how it went.
pub fn load_shipped(
    kind: Signal<ModelKind>,
    model: StoredValue<Option<Sequential>, LocalStorage>,
) -> RwSignal<Weights> {
    let weights = RwSignal::new(Weights::Loading);
    Effect::new(move |_| {
        let k = kind.get();
        weights.set(Weights::Loading);
        spawn_local(async move {
            let state = match fetch_bytes(weights_path(k)).await {
                Err(e) => Weights::Unreachable(e),
                Ok(bytes) => {
                    let mut m = k.build();
                    match load_safetensors(&mut m, &bytes) {
                        Ok(()) => {
                            model.set_value(Some(m));
                            Weights::Ready(k)
                        }
                        Err(_) => Weights::Unreadable,
                    }
                }
            };
            if kind.get_untracked() == k {
                let _ = weights.try_set(state);
            }
        });
    });
    weights
}

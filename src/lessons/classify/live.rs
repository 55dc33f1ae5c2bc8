//! The lesson made live: the learner draws a digit, the chosen model (its shipped weights) reads it,
//! and `engine::nn::head` gives each step from the last feature maps to the probabilities, drawn
//! here with its parameter counts.

use super::strip::{FlatStrip, HiddenStrip, MapTiles, ScoresTable};
use crate::engine::nn::head::{read_head, Head};
use crate::engine::nn::loss::argmax;
use crate::engine::nn::model::{Sequential, Summary};
use crate::engine::nn::models::ModelKind;
use crate::i18n::classify::*;
use crate::lang::{tr, use_lang};
use crate::widgets::shipped_model::{load_shipped, Weights};
use crate::widgets::DrawingPad;
use leptos::prelude::*;

#[component]
pub fn ClassifyLive(kind: RwSignal<ModelKind>, summary: Memo<Summary>) -> impl IntoView {
    let lang = use_lang();
    let input = RwSignal::new(None::<Vec<u8>>);
    let truth = RwSignal::new(None::<u8>);
    let show = RwSignal::new(None::<crate::widgets::TestImage>);
    let model = StoredValue::new_local(None::<Sequential>);
    let weights = load_shipped(kind.into(), model);
    let head = Memo::new(move |_| {
        let Weights::Ready(k) = weights.get() else {
            return None;
        };
        let image: Vec<f32> = input.get()?.iter().map(|&v| v as f32 / 255.0).collect();
        (k == kind.get_untracked())
            .then(|| model.try_update_value(|m| m.as_mut().and_then(|m| read_head(m, &image))))??
    });
    let status = move || {
        let l = lang.get();
        match weights.get() {
            Weights::Loading => LIVE_LOADING.get(l).to_string(),
            Weights::Unreachable(why) => LIVE_FAILED.fill(l, &[("why", &why.text(l))]),
            Weights::Unreadable => LIVE_FAILED.fill(l, &[("why", &LIVE_UNREADABLE.get(l))]),
            Weights::Ready(_) => head.with(|h| match h {
                None => LIVE_EMPTY.get(l).to_string(),
                Some(h) => {
                    let d = argmax(&h.probabilities);
                    let p = format!("{:.1}", h.probabilities[d] * 100.0);
                    LIVE_READS.fill(l, &[("d", &d), ("p", &p)])
                }
            }),
        }
    };
    let head_signal: Signal<Option<Head>> = head.into();
    view! {
        <section class="classify-live" aria-labelledby="live-title">
            <h2 id="live-title">{tr(LIVE_TITLE)}</h2>
            <p>{tr(LIVE_INTRO)}</p>
            <div class="look-body">
                <DrawingPad input=input truth=truth show=show/>
                <div>
                    <p id="live-reads" role="status">{status}</p>
                    <MapTiles head=head_signal/>
                </div>
            </div>
            <FlatStrip head=head_signal/>
            <HiddenStrip head=head_signal kind=kind summary=summary/>
            <ScoresTable head=head_signal summary=summary/>
        </section>
    }
}

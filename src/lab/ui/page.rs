//! The MNIST lab page: drawing pad → preprocessed input → prediction and every layer's output, and the
//! training panel. The weights come from this browser's saved run if there is one, else from the
//! pretrained files shipped with the page.

use super::compare_view::CompareRuns;
use super::feature_maps::FeatureMaps;
use super::saliency_view::SaliencyView;
use super::storage_use::StorageUse;
use super::test_report::TestReportView;
use super::training::TrainingPanel;
use crate::engine::nn::loss::argmax;
use crate::engine::nn::nearest::NEAR_PERCENT;
use crate::engine::nn::spec::ModelSpec;
use crate::i18n::guidance::{BLOB, FAR, LITTLE_INK, UNSURE};
use crate::i18n::lab::*;
use crate::lab::client::link::{follow_link, keep_link};
use crate::lab::client::nearest::keep_reference;
use crate::lab::client::runtime::{start_loading, Runner};
use crate::lab::client::state::Lab;
use crate::lab::guidance::{unlike_mnist, Unlike};
use crate::lab::network::Network;
use crate::lab::status::{Source, Status};
use crate::lab::trace::{first_kernels, trace};
use crate::lang::{tr, use_lang};
use crate::widgets::url_state::query_param;
use crate::widgets::DrawingPad;
use leptos::html::Canvas;
use leptos::prelude::*;

/// "Train this network" on the design page links here with `?design=`: the lab shows that design
/// (before loading starts, so the first load is the design's), unless a run is going on.
fn adopt_design_from_url(lab: Lab) {
    let Some(json) = query_param("design") else {
        return;
    };
    let busy = expect_context::<Runner>()
        .session
        .with_untracked(|s| s.busy());
    match ModelSpec::from_json(&json).and_then(|s| s.plan().map(|_| s).map_err(|e| e.to_string())) {
        Ok(spec) => {
            lab.design.set(Some(spec.clone()));
            if !busy && lab.kind.with_untracked(|k| k.design() != Some(&spec)) {
                lab.kind.set(Network::Design(spec));
            }
        }
        Err(why) => lab.status.set(Some(Status::BadDesign(why))),
    }
}

#[component]
pub fn LabPage() -> impl IntoView {
    let lang = use_lang();
    let lab = expect_context::<Lab>();
    adopt_design_from_url(lab);
    follow_link();
    start_loading();
    keep_link();
    keep_reference(lab);

    let trace_memo = Memo::new(move |_| {
        lab.version.track();
        let image = lab.input.get()?;
        let perf = window().performance()?;
        lab.model
            .try_update_value(|m| m.as_mut().map(|m| trace(m, &image, || perf.now())))
            .flatten()
    });
    let kernels = Memo::new(move |_| {
        lab.version.track();
        lab.model.with_value(|m| m.as_ref().and_then(first_kernels))
    });

    let preview = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        if let Some(c) = preview.get() {
            let img = lab.input.get().unwrap_or_else(|| vec![0; 784]);
            let v: Vec<f32> = img.iter().map(|&b| b as f32).collect();
            crate::widgets::heatmap::paint_range(&c, &v, 28, 28, (0.0, 255.0));
        }
    });

    let prediction = move || {
        let l = lang.get();
        match (lab.source.get(), trace_memo.get()) {
            (Source::Loading, _) => WEIGHTS_LOADING.get(l).to_string(),
            (_, None) => NOTHING_DRAWN.get(l).to_string(),
            (_, Some(t)) => {
                let d = argmax(&t.probabilities);
                let p = t.probabilities[d];
                PREDICTED.fill(
                    l,
                    &[
                        ("d", &d.to_string()),
                        ("p", &format!("{:.1}", p * 100.0)),
                        ("ms", &format!("{:.1}", t.millis)),
                    ],
                )
            }
        }
    };
    // The network names a digit for anything: say so when the drawing is unlike MNIST.
    let unlike = move || {
        let t = trace_memo.get()?;
        let input: Vec<f32> = lab.input.with(|i| {
            i.as_ref()
                .map(|i| i.iter().map(|&b| b as f32 / 255.0).collect())
        })?;
        let version = lab.version.get();
        let far = lab.reference.with(|r| {
            let (_, r) = r.as_ref().filter(|r| r.0 == version)?;
            r.far(t.view.as_ref()?).map(|d| (d, r.threshold))
        });
        let l = lang.get();
        Some(match unlike_mnist(&input, &t.probabilities, far)? {
            Unlike::LittleInk => LITTLE_INK.get(l).to_string(),
            Unlike::Blob => BLOB.get(l).to_string(),
            Unlike::Far {
                distance,
                threshold,
                best,
            } => FAR.fill(
                l,
                &[
                    ("d", &format!("{distance:.2}")),
                    ("t", &format!("{threshold:.2}")),
                    ("p", &format!("{:.1}", best * 100.0)),
                    ("share", &NEAR_PERCENT),
                ],
            ),
            Unlike::Unsure(p) => UNSURE.fill(l, &[("p", &format!("{:.0}", p * 100.0))]),
        })
    };
    let bars = move || {
        let probs = trace_memo
            .get()
            .map(|t| t.probabilities)
            .unwrap_or_else(|| vec![0.0; 10]);
        let best = argmax(&probs);
        probs
            .into_iter()
            .enumerate()
            .map(|(d, p)| {
                let pct = format!("{:.1}%", p * 100.0);
                view! {
                    <li class:best=move || trace_memo.with(|t| t.is_some()) && d == best>
                        <span class="digit">{d}</span>
                        <span class="bar" style=format!("width: {:.1}%", p * 100.0)></span>
                        <span class="pct">{pct}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let source_text = move || {
        let l = lang.get();
        match lab.source.get() {
            Source::Loading => WEIGHTS_LOADING,
            Source::Pretrained => FROM_PRETRAINED,
            Source::Trained => FROM_TRAINED,
            Source::Training => FROM_TRAINING,
            Source::Imported => FROM_IMPORTED,
            Source::Random => FROM_RANDOM,
        }
        .get(l)
    };

    view! {
        <article class="lesson lab">
            <h1>{tr(crate::i18n::sections::title(crate::i18n::sections::SectionId::Lab))}</h1>
            <p>{tr(INTRO)}</p>
            <div class="lab-top">
                <DrawingPad input=lab.input truth=lab.truth show=lab.show shown=lab.shown_test/>
                <div class="pad-side">
                    <p class="label" id="input-label">{tr(NETWORK_INPUT)}</p>
                    <canvas id="network-input" node_ref=preview width="28" height="28" class="input-28" role="img" aria-labelledby="input-label"></canvas>
                    <p class="label" id="prediction-label">{tr(PREDICTION)}</p>
                    <p id="prediction" role="status" aria-labelledby="prediction-label" class="prediction">{prediction}</p>
                    <p id="unlike-note" class="note">{unlike}</p>
                    <p class="label" id="probs-label">{tr(PROBABILITIES)}</p>
                    <ol id="probabilities" class="probs" aria-labelledby="probs-label" start="0">{bars}</ol>
                    <p class="hint"><span>{tr(WEIGHTS_FROM)}</span>": "<span id="weights-source">{source_text}</span></p>
                </div>
            </div>
            <SaliencyView trace=trace_memo/>
            <FeatureMaps trace=trace_memo kernels=kernels/>
            <TrainingPanel/>
            <CompareRuns/>
            <StorageUse/>
            <TestReportView/>
        </article>
    }
}

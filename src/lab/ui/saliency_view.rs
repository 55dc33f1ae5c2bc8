//! "What the network looked at": a map over the 28×28 input of each pixel's part in the winning
//! answer, by the gradient (follows the pen: one backward pass) or by occlusion (144 predictions,
//! computed once the drawing rests). Orange speaks for the answer, blue against it; the drawing
//! shows through as a darker shade.

use crate::engine::nn::loss::argmax;
use crate::engine::nn::saliency::{input_gradient, occlusion, Occlusion};
use crate::engine::ops::tensor::Tensor;
use crate::i18n::insights::*;
use crate::lab::client::state::Lab;
use crate::lab::trace::Trace;
use crate::lang::{tr, use_lang};
use crate::widgets::heatmap::paint_over;
use leptos::html::Canvas;
use leptos::prelude::*;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Method {
    Gradient,
    Occlusion,
}

/// Occlusion waits this long after the last change: it is too slow to redo on every pen move.
const OCCLUSION_DELAY: Duration = Duration::from_millis(200);

#[component]
pub fn SaliencyView(trace: Memo<Option<Trace>>) -> impl IntoView {
    let lang = use_lang();
    let lab = expect_context::<Lab>();
    let method = RwSignal::new(Method::Gradient);
    // The winning digit of the current drawing (the class the map explains).
    let winner = Memo::new(move |_| trace.with(|t| t.as_ref().map(|t| argmax(&t.probabilities))));
    let map = RwSignal::new(None::<Vec<f32>>);
    let generation = StoredValue::new(0u64);

    let compute = move |m: Method| -> Option<Vec<f32>> {
        let image = lab.input.get_untracked()?;
        let class = winner.try_get_untracked().flatten()?;
        let x = Tensor::from_vec(
            &[1, 1, 28, 28],
            image.iter().map(|&v| v as f32 / 255.0).collect(),
        );
        lab.model
            .try_update_value(|model| {
                let model = model.as_mut()?;
                match m {
                    Method::Gradient => input_gradient(model, &x, class).map(Tensor::into_data),
                    Method::Occlusion => occlusion(model, &x, class, Occlusion::MNIST),
                }
            })
            .flatten()
    };
    Effect::new(move |_| {
        // Recompute for a new drawing, new weights, another answer or another method.
        trace.track();
        let m = method.get();
        let g = generation.get_value() + 1;
        generation.set_value(g);
        match m {
            Method::Gradient => map.set(compute(m)),
            Method::Occlusion => set_timeout(
                move || {
                    // Gone with the page if the learner left within the delay.
                    if generation.try_get_value() == Some(g) {
                        map.try_set(compute(m));
                    }
                },
                OCCLUSION_DELAY,
            ),
        }
    });
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        if let Some(c) = canvas.get() {
            let values = map.get().unwrap_or_else(|| vec![0.0; 784]);
            let ink = lab.input.get_untracked().unwrap_or_default();
            paint_over(&c, &values, &ink, 28, 28);
        }
    });

    let digit = move || winner.get().map_or("?".to_string(), |d| d.to_string());
    let note = move || {
        let l = lang.get();
        if trace.with(|t| t.is_none()) {
            return SALIENCY_NOTHING.get(l).to_string();
        }
        match method.get() {
            Method::Gradient => SALIENCY_GRADIENT_NOTE,
            Method::Occlusion => SALIENCY_OCCLUSION_NOTE,
        }
        .fill(l, &[("d", &digit())])
    };
    let legend = move |t: crate::i18n::Text| move || t.fill(lang.get(), &[("d", &digit())]);
    view! {
        <section class="saliency" aria-labelledby="saliency-title">
            <h2 id="saliency-title">{tr(SALIENCY_TITLE)}</h2>
            <div class="saliency-body">
                <canvas id="saliency" node_ref=canvas width="28" height="28" class="input-28" role="img" aria-labelledby="saliency-title" aria-describedby="saliency-note"></canvas>
                <div>
                    <div class="field">
                        <label for="saliency-method">{tr(SALIENCY_METHOD)}</label>
                        <select id="saliency-method" on:change=move |ev| {
                            method.set(if event_target_value(&ev) == "occlusion" { Method::Occlusion } else { Method::Gradient })
                        }>
                            <option value="gradient" selected=move || method.get() == Method::Gradient>{tr(SALIENCY_GRADIENT)}</option>
                            <option value="occlusion" selected=move || method.get() == Method::Occlusion>{tr(SALIENCY_OCCLUSION)}</option>
                        </select>
                    </div>
                    <p class="scale-legend" aria-hidden="true">
                        <span>{legend(SALIENCY_AGAINST)}</span>
                        <span class="scale-bar signed"></span>
                        <span>{legend(SALIENCY_FOR)}</span>
                    </p>
                    <p id="saliency-note" class="hint">{note}</p>
                </div>
            </div>
        </section>
    }
}

//! "Train 20 steps": forward, backward and update repeated on two examples, the loss curve, and
//! what happened said plainly — lowered, overshot (η too large) or stuck behind a dead ReLU.

use crate::engine::lessons::backprop::{train, training_set, Outcome, Run, Weights};
use crate::i18n::backprop::*;
use crate::lang::{tr, use_lang};
use crate::widgets::format::number;
use leptos::prelude::*;

const STEPS: usize = 20;
const W: f32 = 300.0;
const H: f32 = 120.0;

/// The curve's points in the SVG's box (0 at the bottom, the run's largest loss at the top).
fn polyline(losses: &[f32]) -> String {
    let top = losses
        .iter()
        .cloned()
        .filter(|l| l.is_finite())
        .fold(1e-6, f32::max);
    let last = (losses.len().max(2) - 1) as f32;
    losses
        .iter()
        .enumerate()
        .map(|(i, &l)| {
            let v = if l.is_finite() { l / top } else { 1.0 };
            format!(
                "{:.1},{:.1}",
                8.0 + i as f32 * (W - 16.0) / last,
                H - 8.0 - v * (H - 16.0)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn TrainSteps(
    input: RwSignal<Vec<f32>>,
    target: RwSignal<usize>,
    kernel: RwSignal<Vec<f32>>,
    rest: RwSignal<Weights>,
    #[prop(into)] weights: Signal<Weights>,
    learning_rate: RwSignal<f64>,
) -> impl IntoView {
    let lang = use_lang();
    let run = RwSignal::new(None::<Run>);
    let on_train = move |_| {
        let set = training_set(&input.get_untracked(), target.get_untracked());
        let r = train(
            &weights.get_untracked(),
            &set,
            learning_rate.get_untracked() as f32,
            STEPS,
        );
        kernel.set(super::editable(&r.weights.kernel));
        rest.set(super::link::held(&r.weights));
        run.set(Some(r));
    };
    let on_reset = move |_| {
        kernel.set(Weights::START.kernel.to_vec());
        rest.set(Weights::START);
        run.set(None);
    };
    let outcome = move || {
        let l = lang.get();
        run.with(|r| {
            let r = r.as_ref()?;
            let (a, b) = (r.losses[0], r.losses[r.losses.len() - 1]);
            let m = r.losses.iter().cloned().fold(f32::MIN, f32::max);
            let text = match r.outcome {
                Outcome::Lowered => LOWERED,
                Outcome::Rose => ROSE,
                Outcome::DeadRelu => DEAD,
            };
            Some(text.fill(
                l,
                &[
                    ("a", &number(a)),
                    ("b", &number(b)),
                    ("m", &number(m)),
                    ("lr", &learning_rate.get_untracked()),
                ],
            ))
        })
    };
    let curve = move || {
        run.with(|r| {
            r.as_ref().map(|r| {
                let (a, b) = (r.losses[0], r.losses[r.losses.len() - 1]);
                let label = CURVE.fill(lang.get(), &[("a", &number(a)), ("b", &number(b))]);
                let points = polyline(&r.losses);
                view! {
                    <svg class="bp-curve" id="train-curve" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label>
                        <line x1="8" y1=H - 8.0 x2=W - 8.0 y2=H - 8.0 class="axis"/>
                        <polyline points=points class="loss"/>
                    </svg>
                }
            })
        })
    };
    view! {
        <section class="bp-train" aria-labelledby="train-title">
            <h2 id="train-title">{tr(TRAIN_TITLE)}</h2>
            <p>{tr(TRAIN_INTRO)}</p>
            <div class="buttons">
                <button type="button" id="train-steps" on:click=on_train>{tr(TRAIN)}</button>
                <button type="button" id="reset-weights" on:click=on_reset>{tr(RESET)}</button>
            </div>
            {curve}
            <p id="train-outcome" role="status">{outcome}</p>
        </section>
    }
}

//! Lesson: how the network learns. One tiny network (engine `lessons::backprop`) with every number
//! of its forward pass, then the backward pass one rule at a time — softmax, dense, pooling, ReLU,
//! the kernel's and the input's gradients — the update, and 20 steps of training.

mod grid;
mod link;
mod stages;
mod training;

use crate::engine::lessons::backprop::{
    pass, step, Pattern, CLASSES, CONV_SIDE, FLAT, KERNEL, POOLED_SIDE, SIDE,
};
use crate::i18n::backprop::*;
use crate::i18n::sections::{title, SectionId};
use crate::lang::{tr, use_lang};
use crate::widgets::format::number;
use crate::widgets::{ArticleNote, KernelEditor, NumberField, Stepper};
use grid::{Cells, Grid};
use leptos::prelude::*;
use link::Link;
use stages::{input_sum, kernel_sum, marks, Stage};
use training::TrainSteps;

/// The kernel as its editor holds it: to 3 decimals, as every number here is shown, so a learner
/// reads and edits the very values the next pass uses.
pub(super) fn editable(kernel: &[f32]) -> Vec<f32> {
    kernel
        .iter()
        .map(|v| (v * 1000.0).round() / 1000.0)
        .collect()
}

#[component]
pub fn BackpropLesson() -> impl IntoView {
    let lang = use_lang();
    let from_link = Link::read();
    let input = RwSignal::new(from_link.input);
    let target = RwSignal::new(from_link.target);
    let kernel = RwSignal::new(from_link.kernel);
    // The weights besides the kernel (the kernel's editor keeps its own).
    let rest = RwSignal::new(from_link.rest);
    let learning_rate = RwSignal::new(from_link.learning_rate);
    let step_at = RwSignal::new(from_link.step);
    Effect::new(move |_| {
        Link {
            input: input.get(),
            target: target.get(),
            kernel: kernel.get(),
            rest: rest.get(),
            learning_rate: learning_rate.get(),
            step: step_at.get(),
        }
        .write()
    });
    let kernel_cell = RwSignal::new(0usize);
    let input_cell = RwSignal::new(2 * SIDE + 2);
    let weights = Memo::new(move |_| {
        let mut w = rest.get();
        kernel.with(|k| w.kernel.copy_from_slice(&k[..KERNEL * KERNEL]));
        w
    });
    let now = Memo::new(move |_| pass(&weights.get(), &input.get(), target.get()));
    let next = Memo::new(move |_| {
        step(
            &weights.get(),
            &input.get(),
            target.get(),
            learning_rate.get() as f32,
        )
    });
    let after = Memo::new(move |_| pass(&next.get(), &input.get(), target.get()).loss);
    let stage = Memo::new(move |_| Stage::at(step_at.get()));
    let reached = move |s: Stage| stage.get() >= s;
    let mark = Memo::new(move |_| {
        now.with(|p| marks(stage.get(), p, kernel_cell.get(), input_cell.get()))
    });
    let use_pattern = move |p: Pattern| {
        input.set(p.input());
        target.set(p.class());
    };
    let take_step = move |_| {
        let w = next.get_untracked();
        kernel.set(editable(&w.kernel));
        rest.set(link::held(&w));
        step_at.set(0);
    };
    let field = move |f: fn(&crate::engine::lessons::backprop::Pass) -> &Vec<f32>| {
        Signal::derive(move || now.with(|p| f(p).clone()))
    };
    let no_marks = Signal::derive(Vec::new);
    let loss_text = move || {
        now.with(|p| {
            LOSS.fill(
                lang.get(),
                &[
                    ("t", &p.target),
                    ("p", &number(p.probabilities[p.target])),
                    ("l", &number(p.loss)),
                ],
            )
        })
    };
    let scores = move || {
        let shown = reached(Stage::Scores);
        now.with(|p| {
            (0..CLASSES)
                .map(|c| {
                    let name = if c == 0 { CLASS_0 } else { CLASS_1 };
                    view! {
                        <tr class:marked=c == p.target>
                            <th scope="row">{tr(name)}</th>
                            <td>{number(p.scores[c])}</td>
                            <td>{number(p.probabilities[c])}</td>
                            <td>{shown.then(|| number(p.score_grad[c]))}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let stage_text = move || {
        now.with(|p| {
            stage
                .get()
                .text(p, lang.get(), learning_rate.get(), after.get())
        })
    };
    let sum_text = move || match stage.get() {
        Stage::Kernel => Some(now.with(|p| kernel_sum(p, kernel_cell.get(), lang.get()))),
        Stage::Input => Some(now.with(|p| input_sum(p, input_cell.get(), lang.get()))),
        _ => None,
    };
    let (conv_side, pooled_side) = (CONV_SIDE, POOLED_SIDE);
    view! {
        <article class="lesson backprop">
            <h1>{tr(title(SectionId::Backprop))}</h1>
            <p>{tr(INTRO)}</p>
            <div class="bp-controls">
                <div role="group" aria-label=move || PRESETS.get(lang.get())>
                    <span class="group-label">{tr(PRESETS)}</span>" "
                    <button type="button" on:click=move |_| use_pattern(Pattern::Vertical)>{tr(VERTICAL)}</button>" "
                    <button type="button" on:click=move |_| use_pattern(Pattern::Horizontal)>{tr(HORIZONTAL)}</button>
                </div>
                <fieldset class="bp-target">
                    <legend>{tr(TARGET)}</legend>
                    {[(0usize, CLASS_0), (1, CLASS_1)].into_iter().map(|(c, name)| view! {
                        <label><input type="radio" name="bp-target" prop:checked=move || target.get() == c
                            on:change=move |_| target.set(c)/>" "{tr(name)}</label>
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <NumberField id="bp-rate" label=LEARNING_RATE value=Signal::derive(move || learning_rate.get())
                        set=Callback::new(move |v| learning_rate.set(v)) min=link::RATE.0 max=link::RATE.1/>
                </div>
            </div>
            <h2>{tr(FORWARD_TITLE)}</h2>
            <p class="hint">{tr(INPUT_HINT)}</p>
            <div class="grids">
                <Grid id="bp-input" caption=INPUT rows=SIDE cols=SIDE values=input
                    marked=Signal::derive(move || mark.with(|m| m.input.clone())) cells=Cells::Toggle(input)/>
                <KernelEditor id="bp-kernel" label=KERNEL_GRID values=kernel/>
                <Grid id="bp-conv" caption=CONV_OUT rows=conv_side cols=conv_side values=field(|p| &p.conv)
                    marked=Signal::derive(move || mark.with(|m| m.conv.clone())) cells=Cells::Show/>
                <Grid id="bp-relu" caption=AFTER_RELU rows=conv_side cols=conv_side values=field(|p| &p.relu)
                    marked=Signal::derive(move || mark.with(|m| m.conv.clone())) cells=Cells::Show/>
                <Grid id="bp-pooled" caption=POOLED rows=pooled_side cols=pooled_side values=field(|p| &p.pooled)
                    marked=no_marks cells=Cells::Show/>
                <table class="bp-scores" id="bp-scores">
                    <caption>{tr(SCORES)}</caption>
                    <thead><tr><th scope="col">{tr(CLASS)}</th><th scope="col">{tr(SCORE)}</th>
                        <th scope="col">{tr(PROBABILITY)}</th><th scope="col">{tr(SCORE_GRAD)}</th></tr></thead>
                    <tbody>{scores}</tbody>
                </table>
            </div>
            <p id="bp-loss">{loss_text}</p>
            <h2>{tr(BACKWARD_TITLE)}</h2>
            <Stepper id="bp" step=step_at last=Signal::derive(|| Stage::ALL.len() - 1)/>
            <p id="bp-stage" aria-live="polite">{stage_text}</p>
            <p class="products" id="bp-sum">{sum_text}</p>
            <div class="grids">
                <Show when=move || reached(Stage::Dense)>
                    <Grid id="bp-dense-grad" caption=DENSE_GRAD rows=CLASSES cols=FLAT values=field(|p| &p.dense_grad)
                        marked=no_marks cells=Cells::Show/>
                    <Grid id="bp-pooled-grad" caption=POOLED_GRAD rows=pooled_side cols=pooled_side
                        values=field(|p| &p.pooled_grad) marked=no_marks cells=Cells::Show/>
                </Show>
                <Show when=move || reached(Stage::Pool)>
                    <Grid id="bp-relu-grad" caption=RELU_GRAD rows=conv_side cols=conv_side values=field(|p| &p.relu_grad)
                        marked=Signal::derive(move || mark.with(|m| m.conv.clone())) cells=Cells::Show/>
                </Show>
                <Show when=move || reached(Stage::Relu)>
                    <Grid id="bp-out-grad" caption=OUT_GRAD rows=conv_side cols=conv_side values=field(|p| &p.conv_grad)
                        marked=Signal::derive(move || mark.with(|m| m.out_grad.clone())) cells=Cells::Show/>
                </Show>
                <Show when=move || reached(Stage::Kernel)>
                    <Grid id="bp-kernel-grad" caption=KERNEL_GRAD rows=KERNEL cols=KERNEL values=field(|p| &p.kernel_grad)
                        marked=Signal::derive(move || mark.with(|m| m.kernel_grad.clone())) cells=Cells::Pick(kernel_cell)/>
                </Show>
                <Show when=move || reached(Stage::Input)>
                    <Grid id="bp-input-grad" caption=INPUT_GRAD rows=SIDE cols=SIDE values=field(|p| &p.input_grad)
                        marked=Signal::derive(move || mark.with(|m| m.input_grad.clone())) cells=Cells::Pick(input_cell)/>
                </Show>
                <Show when=move || reached(Stage::Update)>
                    <Grid id="bp-new-kernel" caption=NEW_KERNEL rows=KERNEL cols=KERNEL
                        values=Signal::derive(move || next.get().kernel.to_vec()) marked=no_marks cells=Cells::Show/>
                </Show>
            </div>
            <Show when=move || reached(Stage::Update)>
                <button type="button" id="bp-take-step" on:click=take_step>{tr(TAKE_STEP)}</button>
            </Show>
            <TrainSteps input=input target=target kernel=kernel rest=rest weights=weights learning_rate=learning_rate/>
            <ArticleNote id="backprop-article" text=ARTICLE/>
        </article>
    }
}

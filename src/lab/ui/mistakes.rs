//! The misclassified gallery: the test images the network got wrong, each with its true digit, the
//! answer and how sure the network was; filtered by the confusion cell picked above. Choosing one
//! puts it on the drawing pad, where its prediction and feature maps can be inspected. A cell with
//! more mistakes than are kept offers all of them, at the price of evaluating the test set again.

use crate::engine::nn::model::group_thousands;
use crate::engine::train::evaluation::{Cell, MISTAKES_PER_CELL};
use crate::i18n::insights::*;
use crate::lab::client::state::Lab;
use crate::lab::report::TestReport;
use crate::lang::{tr, use_lang};
use crate::widgets::heatmap::paint_range;
use crate::widgets::TestImage;
use leptos::html::Canvas;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Images shown at first, and added by each "Show more".
const PAGE: usize = 48;

#[component]
fn MistakeTile(
    index: u32,
    truth: u8,
    predicted: u8,
    confidence: f32,
    image: Vec<u8>,
) -> impl IntoView {
    let lang = use_lang();
    let lab = expect_context::<Lab>();
    let canvas = NodeRef::<Canvas>::new();
    let pixels: Vec<f32> = image.iter().map(|&b| b as f32).collect();
    Effect::new(move |_| {
        if let Some(c) = canvas.get() {
            paint_range(&c, &pixels, 28, 28, (0.0, 255.0));
        }
    });
    let pct = format!("{:.1}", confidence * 100.0);
    let label = {
        let pct = pct.clone();
        move || {
            MISTAKE_LABEL.fill(
                lang.get(),
                &[
                    ("i", &(index + 1).to_string()),
                    ("t", &truth.to_string()),
                    ("p", &predicted.to_string()),
                    ("c", &pct),
                ],
            )
        }
    };
    let pick = move |_| {
        lab.show.set(Some(TestImage {
            pixels: image.clone(),
            truth,
            number: index as usize + 1,
        }));
        if let Some(pad) = document().get_element_by_id("drawing-pad") {
            pad.scroll_into_view();
        }
    };
    view! {
        <li>
            <button type="button" class="mistake" aria-label=label on:click=pick>
                <canvas node_ref=canvas width="28" height="28" aria-hidden="true"></canvas>
                <span aria-hidden="true">{format!("{truth} → {predicted} · {pct}%")}</span>
            </button>
        </li>
    }
}

#[component]
pub fn MistakesGallery(
    report: Memo<Option<TestReport>>,
    picked: RwSignal<Option<(u8, u8)>>,
    /// Evaluate again keeping every mistake of this cell.
    keep_all: Callback<Cell>,
    /// Training or evaluating: no new evaluation can start.
    busy: Signal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let shown = RwSignal::new(PAGE);
    // A new filter or a new report starts again with one page.
    Effect::new(move |_| {
        picked.track();
        report.track();
        shown.set(PAGE);
    });
    // Indices (into the report's mistakes) that pass the filter.
    let matching = Memo::new(move |_| {
        report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            let cell = picked.get();
            r.test
                .mistakes
                .iter()
                .enumerate()
                .filter(|(_, m)| cell.is_none_or(|c| c == (m.truth, m.predicted)))
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
    });
    let filter_text = move || {
        let l = lang.get();
        let kept = matching.with(|m| m.len());
        let cap = MISTAKES_PER_CELL;
        let confusion = report.with(|r| r.as_ref().map(|r| r.test.confusion));
        let focus = report.with(|r| r.as_ref().and_then(|r| r.test.focus));
        let count = |t: usize, p: usize| confusion.map_or(0, |c| c[t][p]) as usize;
        match picked.get() {
            None => {
                let total: usize = (0..100)
                    .filter(|i| i / 10 != i % 10)
                    .map(|i| count(i / 10, i % 10))
                    .sum();
                let text = match (total > kept, focus) {
                    (false, _) => FILTER_ALL,
                    (true, None) => FILTER_SOME,
                    (true, Some(_)) => FILTER_SOME_FOCUS,
                };
                let (t, p) = focus.map_or((0, 0), |c| (c.truth, c.predicted));
                text.fill(
                    l,
                    &[
                        ("shown", &group_thousands(kept as u64)),
                        ("total", &group_thousands(total as u64)),
                        ("cap", &cap),
                        ("t", &t),
                        ("p", &p),
                    ],
                )
            }
            Some((t, p)) => {
                let n = count(t as usize, p as usize);
                let text = if n > kept {
                    FILTER_CELL_SOME
                } else {
                    FILTER_CELL
                };
                text.fill(
                    l,
                    &[
                        ("t", &t),
                        ("p", &p),
                        ("shown", &kept),
                        ("n", &group_thousands(n as u64)),
                    ],
                )
            }
        }
    };
    // The picked cell, when it has more mistakes than the report kept.
    let beyond_kept = move || {
        let (truth, predicted) = picked.get()?;
        let n = report.with(|r| {
            r.as_ref()
                .map(|r| r.test.confusion[truth as usize][predicted as usize])
        })?;
        (n as usize > matching.with(|m| m.len())).then_some((Cell { truth, predicted }, n))
    };
    // After "Show all", the keyboard goes on at the first tile (the button is gone).
    let asked = RwSignal::new(false);
    Effect::new(move |_| {
        let arrived = report.with(|r| r.as_ref().and_then(|r| r.test.focus));
        if arrived.is_some() && asked.get_untracked() {
            asked.set(false);
            // Once the new tiles are drawn.
            request_animation_frame(|| {
                let first = document()
                    .query_selector("#misclassified button")
                    .ok()
                    .flatten();
                if let Some(b) = first.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = b.focus();
                }
            });
        }
    });
    let tiles = move || {
        let idx = matching.get();
        report.with(|r| {
            let Some(r) = r else { return Vec::new() };
            idx.iter()
                .take(shown.get())
                .filter_map(|&i| r.mistake(i))
                .map(|(m, img)| {
                    view! { <MistakeTile index=m.index truth=m.truth predicted=m.predicted confidence=m.confidence image=img.to_vec()/> }
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h3 id="misclassified-title">{tr(MISCLASSIFIED)}</h3>
        <p id="mistakes-filter">{filter_text}
            <Show when=move || picked.get().is_some()>
                " "<button type="button" id="mistakes-all" on:click=move |_| picked.set(None)>{tr(SHOW_ALL)}</button>
            </Show>
            {move || beyond_kept().map(|(cell, n)| {
                let text = move || KEEP_CELL.fill(lang.get(), &[("n", &group_thousands(n as u64))]);
                let ask = move |_| {
                    asked.set(true);
                    keep_all.run(cell);
                };
                view! { " "<button type="button" id="mistakes-keep-cell" disabled=busy on:click=ask>{text}</button> }
            })}
        </p>
        <p class="hint" id="mistakes-percent">{tr(MISTAKE_PERCENT)}</p>
        <Show when=move || matching.with(|m| m.is_empty())>
            <p class="hint">{tr(NO_MISTAKES)}</p>
        </Show>
        <ul class="mistakes" id="misclassified" aria-labelledby="misclassified-title">{tiles}</ul>
        <Show when=move || { matching.with(|m| m.len()) > shown.get() }>
            <button type="button" id="mistakes-more" on:click=move |_| shown.update(|n| *n += PAGE)>{tr(SHOW_MORE)}</button>
        </Show>
    }
}

//! The confusion matrix as a table: rows are the true digit, columns the answer, each cell tinted by
//! its count on a log scale (blue on the diagonal, where the answers are right; orange off it). A
//! cell with mistakes is a button that shows that kind of mistake in the gallery below.

use crate::engine::train::evaluation::Evaluation;
use crate::i18n::insights::*;
use crate::lang::{tr, use_lang};
use leptos::prelude::*;

/// Tint strength 0…0.45 for `count` out of `max`: logarithmic, so a cell of 3 mistakes is visible
/// beside a diagonal of 1,000; capped so the text keeps its contrast.
fn tint(count: u32, max: u32) -> f32 {
    if count == 0 {
        return 0.0;
    }
    let t = ((count as f32).ln_1p() / (max.max(1) as f32).ln_1p()).clamp(0.0, 1.0);
    0.08 + 0.37 * t
}

#[component]
pub fn ConfusionTable(
    test: Evaluation,
    /// The (true, predicted) cell the gallery shows, if one is picked.
    picked: RwSignal<Option<(u8, u8)>>,
) -> impl IntoView {
    let lang = use_lang();
    let max = test.confusion.iter().flatten().copied().max().unwrap_or(1);
    let head = (0..10)
        .map(|p| view! { <th scope="col">{p}</th> })
        .collect_view();
    let rows = test
        .confusion
        .iter()
        .enumerate()
        .map(|(t, row)| {
            let cells = row
                .iter()
                .enumerate()
                .map(|(p, &n)| {
                    let style = format!("--tint: {:.3}", tint(n, max));
                    let class = if p == t { "diag" } else { "off" };
                    let (t8, p8) = (t as u8, p as u8);
                    let content = if p != t && n > 0 {
                        let label = move || {
                            CELL_LABEL.fill(
                                lang.get(),
                                &[
                                    ("t", &t.to_string()),
                                    ("p", &p.to_string()),
                                    ("n", &n.to_string()),
                                ],
                            )
                        };
                        view! {
                            <button type="button" class="cell" aria-label=label
                                aria-pressed=move || (picked.get() == Some((t8, p8))).to_string()
                                on:click=move |_| picked.set(Some((t8, p8)))>{n}</button>
                        }
                        .into_any()
                    } else {
                        view! { <span>{n}</span> }.into_any()
                    };
                    view! { <td class=class style=style>{content}</td> }
                })
                .collect_view();
            let acc = test
                .digit_accuracy(t)
                .map_or("—".to_string(), |a| format!("{:.1}%", a * 100.0));
            view! { <tr><th scope="row">{t}</th>{cells}<td class="digit-acc">{acc}</td></tr> }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="confusion" id="confusion">
                <caption>{tr(CONFUSION)}</caption>
                <thead><tr><th scope="col" class="corner">{tr(CONFUSION_CORNER)}</th>{head}<th scope="col">{tr(DIGIT_ACCURACY)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

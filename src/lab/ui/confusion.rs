//! The confusion matrix as a WAI-ARIA grid: rows are the true digit, columns the answer, each cell
//! tinted by its count on a log scale (blue on the diagonal, where the answers are right; orange
//! off it). The grid is one Tab stop: the arrow keys (Home, End, Ctrl+Home, Ctrl+End too) move
//! between its cells, and Enter or Space on a cell with mistakes shows that kind of mistake in the
//! gallery below, as a click does.

use crate::engine::train::evaluation::Evaluation;
use crate::i18n::insights::*;
use crate::lang::{tr, use_lang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Tint strength 0…0.45 for `count` out of `max`: logarithmic, so a cell of 3 mistakes is visible
/// beside a diagonal of 1,000; capped so the text keeps its contrast.
fn tint(count: u32, max: u32) -> f32 {
    if count == 0 {
        return 0.0;
    }
    let t = ((count as f32).ln_1p() / (max.max(1) as f32).ln_1p()).clamp(0.0, 1.0);
    0.08 + 0.37 * t
}

/// The cell a key moves to from (`row`, `col`) in the 10×10 grid, or `None` for other keys.
fn moved(key: &str, ctrl: bool, (row, col): (usize, usize)) -> Option<(usize, usize)> {
    Some(match key {
        "ArrowUp" => (row.saturating_sub(1), col),
        "ArrowDown" => ((row + 1).min(9), col),
        "ArrowLeft" => (row, col.saturating_sub(1)),
        "ArrowRight" => (row, (col + 1).min(9)),
        "Home" if ctrl => (0, 0),
        "End" if ctrl => (9, 9),
        "Home" => (row, 0),
        "End" => (row, 9),
        _ => return None,
    })
}

fn cell_id(t: usize, p: usize) -> String {
    format!("confusion-{t}-{p}")
}

#[component]
pub fn ConfusionTable(
    test: Evaluation,
    /// The (true, predicted) cell the gallery shows, if one is picked.
    picked: RwSignal<Option<(u8, u8)>>,
) -> impl IntoView {
    let lang = use_lang();
    let max = test.confusion.iter().flatten().copied().max().unwrap_or(1);
    let confusion = test.confusion;
    let mistakes = move |t: usize, p: usize| t != p && confusion[t][p] > 0;
    // The grid's one Tab stop: the picked cell, else the biggest mistake, else the corner.
    let start = picked
        .get_untracked()
        .map(|(t, p)| (t as usize, p as usize))
        .or_else(|| {
            (0..100)
                .map(|i| (i / 10, i % 10))
                .filter(|&(t, p)| mistakes(t, p))
                .max_by_key(|&(t, p)| (confusion[t][p], std::cmp::Reverse((t, p))))
        })
        .unwrap_or((0, 0));
    let focus = RwSignal::new(start);
    let pick = move |t: usize, p: usize| {
        if mistakes(t, p) {
            picked.set(Some((t as u8, p as u8)));
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let here = focus.get_untracked();
        if matches!(ev.key().as_str(), "Enter" | " ") {
            ev.prevent_default();
            return pick(here.0, here.1);
        }
        let Some(next) = moved(&ev.key(), ev.ctrl_key() || ev.meta_key(), here) else {
            return;
        };
        ev.prevent_default();
        focus.set(next);
        let cell = document()
            .get_element_by_id(&cell_id(next.0, next.1))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(cell) = cell {
            let _ = cell.focus();
        }
    };
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
                    let class = match (p == t, mistakes(t, p)) {
                        (true, _) => "diag",
                        (false, true) => "off mistakes",
                        (false, false) => "off",
                    };
                    let label = move || {
                        let text = if mistakes(t, p) { CELL_LABEL } else { CELL_PLAIN_LABEL };
                        text.fill(lang.get(), &[("t", &t), ("p", &p), ("n", &n)])
                    };
                    let selected = move || {
                        mistakes(t, p).then(|| (picked.get() == Some((t as u8, p as u8))).to_string())
                    };
                    let tabindex = move || if focus.get() == (t, p) { "0" } else { "-1" };
                    view! {
                        <td role="gridcell" id=cell_id(t, p) class=class style=style tabindex=tabindex
                            aria-label=label aria-selected=selected
                            on:focus=move |_| focus.set((t, p))
                            on:click=move |_| pick(t, p)>{n}</td>
                    }
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
            <table class="confusion" id="confusion" role="grid" aria-describedby="confusion-keys" on:keydown=on_key>
                <caption>{tr(CONFUSION)}</caption>
                <thead><tr><th scope="col" class="corner">{tr(CONFUSION_CORNER)}</th>{head}<th scope="col">{tr(DIGIT_ACCURACY)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p id="confusion-keys" class="hint">{tr(CONFUSION_KEYS)}</p>
    }
}

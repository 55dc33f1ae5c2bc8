//! The steps of the live view, each drawn from one `Head`: the last maps as tiles, the flat list as
//! a strip inspected one value at a time (slider, keys, click or touch), the dense layer's
//! activations and the score table.

use crate::engine::nn::head::Head;
use crate::engine::nn::layers::LayerKind;
use crate::engine::nn::model::{group_thousands, Summary};
use crate::engine::nn::models::ModelKind;
use crate::i18n::classify::*;
use crate::lang::{tr, use_lang};
use crate::widgets::format::number;
use crate::widgets::heatmap::{paint_strip, paint_tiles_on, range};
use leptos::html::Canvas;
use leptos::prelude::*;

/// Values per row of the flat strip: one map per row when maps have more than one value (the
/// flatten order made visible), else rows of 20.
fn row_length(h: &Head) -> usize {
    let [_, mh, mw] = h.maps_shape;
    if mh * mw > 1 {
        mh * mw
    } else {
        20
    }
}

/// The parameters of the first and the last dense layer after flatten.
fn dense_params(s: &Summary) -> (usize, usize) {
    let flatten = s
        .rows
        .iter()
        .position(|r| r.kind == LayerKind::Flatten)
        .unwrap_or(0);
    let dense: Vec<usize> = s.rows[flatten..]
        .iter()
        .filter(|r| r.kind == LayerKind::Dense)
        .map(|r| r.params)
        .collect();
    (
        dense.first().copied().unwrap_or(0),
        dense.last().copied().unwrap_or(0),
    )
}

#[component]
pub fn MapTiles(head: Signal<Option<Head>>) -> impl IntoView {
    let lang = use_lang();
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        head.with(|h| {
            let Some(h) = h else { return };
            let [n, mh, mw] = h.maps_shape;
            let tiles: Vec<&[f32]> = h.flat.chunks(mh * mw).collect();
            let cols = ((n as f64).sqrt().ceil() as usize).max(1);
            paint_tiles_on(&c, &tiles, (mw, mh, cols), false, range(&h.flat, false));
        })
    });
    let title = move || {
        head.with(|h| {
            h.as_ref().map(|h| {
                let [c, mh, mw] = h.maps_shape;
                STEP_MAPS.fill(lang.get(), &[("c", &c), ("h", &mh), ("w", &mw)])
            })
        })
    };
    view! {
        <Show when=move || head.with(|h| h.as_ref().is_some_and(|h| h.maps_shape[1] * h.maps_shape[2] > 1))>
            <h3>{title}</h3>
            <canvas node_ref=canvas id="live-maps" class="live-maps" aria-hidden="true"></canvas>
        </Show>
    }
}

#[component]
pub fn FlatStrip(head: Signal<Option<Head>>) -> impl IntoView {
    let lang = use_lang();
    let canvas = NodeRef::<Canvas>::new();
    // 1-based, as the text says it.
    let at = RwSignal::new(1usize);
    let len = move || head.with(|h| h.as_ref().map_or(1, |h| h.flat.len()));
    Effect::new(move |_| {
        let n = len();
        if at.get_untracked() > n {
            at.set(n);
        }
    });
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        let mark = at.get() - 1;
        head.with(|h| {
            if let Some(h) = h {
                paint_strip(&c, &h.flat, row_length(h), false, Some(mark));
            }
        })
    });
    let pick = move |ev: web_sys::PointerEvent| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let (cw, ch) = (
            c.client_width().max(1) as f64,
            c.client_height().max(1) as f64,
        );
        let x = (ev.offset_x() as f64 / cw * c.width() as f64) as usize;
        let y = (ev.offset_y() as f64 / ch * c.height() as f64) as usize;
        let i = y * c.width() as usize + x.min((c.width() as usize).saturating_sub(1));
        if i < len() {
            at.set(i + 1);
        }
    };
    let title = move || {
        head.with(|h| {
            h.as_ref().map(|h| {
                let n = group_thousands(h.flat.len() as u64);
                STEP_FLAT.fill(lang.get(), &[("n", &n), ("w", &row_length(h))])
            })
        })
    };
    let readout = move || {
        head.with(|h| {
            h.as_ref().map(|h| {
                let i = at.get().min(h.flat.len()) - 1;
                let (c, r, col) = h.origin(i);
                FLAT_AT.fill(
                    lang.get(),
                    &[
                        ("i", &group_thousands(i as u64 + 1)),
                        ("n", &group_thousands(h.flat.len() as u64)),
                        ("v", &number(h.flat[i])),
                        ("c", &(c + 1)),
                        ("r", &(r + 1)),
                        ("col", &(col + 1)),
                    ],
                )
            })
        })
    };
    view! {
        <Show when=move || head.with(|h| h.is_some())>
            <h3>{title}</h3>
            <canvas node_ref=canvas id="live-flat" class="live-strip" aria-hidden="true" on:pointerdown=pick></canvas>
            <div class="slider">
                <label for="flat-position">{tr(POSITION)}</label>
                <input type="range" id="flat-position" min="1" max=move || len().to_string() step="1"
                    prop:value=move || at.get().to_string()
                    on:input=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<usize>() {
                            at.set(v.clamp(1, len()));
                        }
                    }/>
            </div>
            <p id="flat-at" aria-live="polite">{readout}</p>
        </Show>
    }
}

#[component]
pub fn HiddenStrip(
    head: Signal<Option<Head>>,
    kind: RwSignal<ModelKind>,
    summary: Memo<Summary>,
) -> impl IntoView {
    let lang = use_lang();
    let canvas = NodeRef::<Canvas>::new();
    let relu = move || kind.get() == ModelKind::Seed;
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        let signed = !relu();
        head.with(|h| {
            if let Some(h) = h {
                paint_strip(&c, &h.hidden, 25, signed, None);
            }
        })
    });
    let title = move || {
        let params = group_thousands(summary.with(dense_params).0 as u64);
        head.with(|h| {
            h.as_ref().map(|h| {
                let n = h.hidden.len();
                STEP_HIDDEN.fill(
                    lang.get(),
                    &[("name", &h.hidden_name), ("n", &n), ("params", &params)],
                )
            })
        })
    };
    let about = move || {
        let tanh = !relu();
        head.with(|h| {
            h.as_ref().map(|h| {
                let n = h.hidden.len();
                let k = if tanh {
                    h.hidden.iter().filter(|v| v.abs() > 0.5).count()
                } else {
                    h.hidden.iter().filter(|&&v| v > 0.0).count()
                };
                let top = (0..n)
                    .max_by(|&a, &b| h.hidden[a].abs().total_cmp(&h.hidden[b].abs()))
                    .unwrap_or(0);
                let values: [(&str, &dyn std::fmt::Display); 5] = [
                    ("n", &n),
                    ("k", &k),
                    ("z", &(n - k)),
                    ("top", &(top + 1)),
                    ("v", &number(h.hidden[top])),
                ];
                let text = if tanh { HIDDEN_TANH } else { HIDDEN_RELU };
                text.fill(lang.get(), &values)
            })
        })
    };
    view! {
        <Show when=move || head.with(|h| h.is_some())>
            <h3>{title}</h3>
            <canvas node_ref=canvas id="live-hidden" class="live-strip" aria-hidden="true"></canvas>
            <p id="hidden-about">{about}</p>
        </Show>
    }
}

#[component]
pub fn ScoresTable(head: Signal<Option<Head>>, summary: Memo<Summary>) -> impl IntoView {
    let lang = use_lang();
    let title = move || {
        let params = group_thousands(summary.with(dense_params).1 as u64);
        STEP_SCORES.fill(lang.get(), &[("params", &params)])
    };
    let rows = move || {
        head.with(|h| {
            let h = h.as_ref()?;
            let best = crate::engine::nn::loss::argmax(&h.probabilities);
            Some(
                h.scores
                    .iter()
                    .zip(&h.probabilities)
                    .enumerate()
                    .map(|(d, (s, p))| {
                        let pct = format!("{:.1}%", p * 100.0);
                        let bar = format!("width: {:.2}em", p * 3.0);
                        view! {
                            <tr class:best=d == best>
                                <th scope="row">{d}</th>
                                <td>{number(*s)}</td>
                                <td class="prob"><span class="bar" style=bar></span>{pct}</td>
                            </tr>
                        }
                    })
                    .collect_view(),
            )
        })
    };
    view! {
        <Show when=move || head.with(|h| h.is_some())>
            <h3>{title}</h3>
            <div class="table-scroll">
                <table class="scores-table" id="live-scores">
                    <caption>{tr(SCORES_CAPTION)}</caption>
                    <thead><tr>
                        <th scope="col">{tr(COL_DIGIT)}</th><th scope="col">{tr(COL_SCORE)}</th><th scope="col">{tr(COL_PROB)}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </Show>
    }
}

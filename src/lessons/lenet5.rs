//! Lesson: LeNet-5 layer by layer. The layers, shapes, parameter and connection counts and their
//! formulas all come from the engine's `lenet5()` model and its summary; C3's table is the engine's
//! `C3_TABLE`. Selecting a layer (click, touch, or arrow keys) shows its numbers; selecting a C3 map
//! shows which S2 maps feed it. The selection lives in the URL (`?layer=C3&map=5`).

use super::lenet5_maps::{LenetLook, StopCanvas, StopField};
use crate::engine::nn::layers::LayerKind;
use crate::engine::nn::model::{group_thousands, SummaryRow};
use crate::engine::nn::models::{lenet5, C3_TABLE};
use crate::i18n::article;
use crate::i18n::lenet5::*;
use crate::i18n::Text;
use crate::lang::{tr, use_lang};
use crate::widgets::url_state::{query_param, set_query_params};
use crate::widgets::ArticleNote;
use leptos::prelude::*;

/// The rows worth a stop: the padded input and every layer with parameters (flatten is bookkeeping).
fn stops(rows: &[SummaryRow]) -> Vec<SummaryRow> {
    rows.iter()
        .filter(|r| r.kind != LayerKind::Flatten)
        .cloned()
        .collect()
}

/// "6@28×28" for maps, "120" for vectors, as the paper labels them.
fn shape_label(shape: &[usize]) -> String {
    match shape {
        [c, h, w] if *h == 1 && *w == 1 => c.to_string(),
        [c, h, w] => format!("{c}@{h}×{w}"),
        other => other
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join("×"),
    }
}

fn explanation(name: &str) -> Text {
    match name {
        "C1" => EXPLAIN_C1,
        "S2" => EXPLAIN_S2,
        "C3" => EXPLAIN_C3,
        "S4" => EXPLAIN_S4,
        "C5" => EXPLAIN_C5,
        "F6" => EXPLAIN_F6,
        "output" => EXPLAIN_OUT,
        _ => INPUT_NOTE,
    }
}

fn display_name(row: &SummaryRow, lang: crate::i18n::Lang) -> String {
    if row.kind == LayerKind::ZeroPadding2D {
        INPUT.get(lang).to_string()
    } else if row.name == "output" {
        OUTPUT_LAYER.get(lang).to_string()
    } else {
        row.name.clone()
    }
}

#[component]
fn C3Table(map: RwSignal<usize>) -> impl IntoView {
    let lang = use_lang();
    let header = (0..16)
        .map(|m| {
            view! {
                <th scope="col">
                    <button type="button" class="c3-map" aria-pressed=move || (map.get() == m).to_string()
                        aria-label=move || C3_MAP.fill(lang.get(), &[("m", &m.to_string())])
                        on:click=move |_| map.set(m)>{m}</button>
                </th>
            }
        })
        .collect_view();
    let rows = (0..6)
        .map(|s| {
            let cells = (0..16)
                .map(|m| {
                    let linked = C3_TABLE[m].contains(&s);
                    view! { <td class:linked=linked class:selected=move || map.get() == m>{if linked { "X" } else { "" }}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row" aria-label=move || S2_MAP.fill(lang.get(), &[("m", &s.to_string())])>{s}</th>{cells}</tr> }
        })
        .collect_view();
    let reads = move || {
        let m = map.get();
        let inputs = C3_TABLE[m];
        // Each C3 map: one 5×5 kernel per input it reads plus one bias, at every one of 10×10 outputs.
        let p = inputs.len() * 25 + 1;
        MAP_READS.fill(
            lang.get(),
            &[
                ("m", &m.to_string()),
                (
                    "inputs",
                    &inputs
                        .iter()
                        .map(|i| i.to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                ("n", &inputs.len().to_string()),
                ("p", &p.to_string()),
                ("c", &group_thousands((p * 100) as u64)),
            ],
        )
    };
    view! {
        <div class="table-scroll">
            <table class="c3-table" id="c3-table">
                <caption>{tr(TABLE_TITLE)}</caption>
                <thead><tr><th></th>{header}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="hint">{tr(TABLE_HINT)}</p>
        <p id="c3-reads" role="status">{reads}</p>
    }
}

#[component]
pub fn Lenet5Lesson() -> impl IntoView {
    let lang = use_lang();
    let summary = lenet5().summary();
    let rows = stops(&summary.rows);
    let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
    let initial = query_param("layer")
        .and_then(|n| names.iter().position(|x| *x == n))
        .unwrap_or(1);
    let selected = RwSignal::new(initial);
    let map = RwSignal::new(
        query_param("map")
            .and_then(|m| m.parse::<usize>().ok())
            .unwrap_or(0)
            .min(15),
    );
    let count = rows.len();
    let maps = RwSignal::new(None);
    {
        let names = names.clone();
        Effect::new(move |_| {
            set_query_params(&[
                ("layer", names[selected.get()].to_string()),
                ("map", map.get().to_string()),
            ])
        });
    }

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let next = match ev.key().as_str() {
            "ArrowRight" | "ArrowDown" => (selected.get_untracked() + 1).min(count - 1),
            "ArrowLeft" | "ArrowUp" => selected.get_untracked().saturating_sub(1),
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        ev.prevent_default();
        selected.set(next);
        let _ = document()
            .get_element_by_id(&format!("layer-{next}"))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
            .map(|e| e.focus());
    };
    let strip = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let r = r.clone();
            let shape = shape_label(&r.output_shape);
            view! {
                <li>
                    <button type="button" id=format!("layer-{i}") class="layer-stop" aria-pressed=move || (selected.get() == i).to_string()
                        tabindex=move || if selected.get() == i { "0" } else { "-1" }
                        on:click=move |_| selected.set(i)>
                        <span class="stop-name">{move || display_name(&r, lang.get())}</span>
                        <span class="stop-shape">{shape}</span>
                        <StopCanvas maps=maps index=i/>
                    </button>
                </li>
            }
        })
        .collect_view();

    let detail_rows = rows.clone();
    let detail = move || {
        let l = lang.get();
        let r = &detail_rows[selected.get()];
        let (params, conns) = match &r.formula {
            Some(f) => (f.params.clone(), f.connections.clone()),
            None => (NO_PARAMS.get(l).to_string(), NO_PARAMS.get(l).to_string()),
        };
        view! {
            <h2 id="layer-title">{display_name(r, l)}</h2>
            <dl class="layer-facts">
                <dt>{SHAPE.get(l)}</dt><dd id="layer-shape">{shape_label(&r.output_shape)}</dd>
                <dt>{PARAMS.get(l)}</dt><dd id="layer-params">{params}</dd>
                <dt>{CONNECTIONS.get(l)}</dt><dd id="layer-connections">{conns}</dd>
            </dl>
            <p id="layer-explain">{explanation(&r.name).get(l)}</p>
        }
    };
    let total = summary.total_params as u64;
    let names_c5 = names.clone();
    let names_field = names.clone();
    view! {
        <article class="lesson lenet5">
            <h1>"LeNet-5"</h1>
            <p>{tr(INTRO)}</p>
            <LenetLook stops=names.clone() maps=maps/>
            <p class="label" id="strip-label">{tr(LAYERS)}</p>
            <ol class="layer-strip" aria-labelledby="strip-label" on:keydown=on_key>{strip}</ol>
            <section class="layer-detail" aria-live="polite">{detail}</section>
            {move || {
                let stop = selected.get();
                view! { <StopField maps=maps stop=stop name=names_field[stop].clone()/> }
            }}
            <p id="lenet-total">{move || TOTAL.fill(lang.get(), &[("n", &group_thousands(total))])}</p>
            <Show when=move || names[selected.get()] == "C3">
                <C3Table map=map/>
            </Show>
            // The article's note on C5 belongs to C5 alone.
            <Show when=move || names_c5[selected.get()] == "C5">
                <ArticleNote id="article-c5" text=article::LENET_C5/>
            </Show>
        </article>
    }
}

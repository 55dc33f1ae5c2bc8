//! Lesson: from features to classes. The chosen model's summary (shapes, parameters, connections,
//! formulas), the flatten arithmetic and where the parameters sit all come from the engine's
//! `Sequential::summary`; the page only lays them out. A digit on the pad shows the same steps with
//! real numbers (`live`).

mod live;
mod strip;

use crate::engine::nn::layers::LayerKind;
use crate::engine::nn::model::{format_shape, group_thousands, Summary};
use crate::engine::nn::models::ModelKind;
use crate::i18n::article;
use crate::i18n::classify::*;
use crate::lang::{tr, use_lang};
use crate::widgets::site_path::site_href;
use crate::widgets::url_state::{query_param, set_query_params};
use crate::widgets::ArticleNote;
use leptos::prelude::*;
use leptos_router::components::A;

fn summary_table(s: &Summary) -> impl IntoView {
    let rows = s
        .rows
        .iter()
        .map(|r| {
            let kind = r.activation.as_ref().map_or(r.kind.to_string(), |a| format!("{}, {a}", r.kind));
            view! {
                <tr>
                    <th scope="row">{format!("{} ({kind})", r.name)}</th>
                    <td>{format_shape(&r.output_shape)}</td>
                    <td>{group_thousands(r.params as u64)}</td>
                    <td>{r.connections.map_or("—".to_string(), group_thousands)}</td>
                    <td class="formula-cell">{r.formula.as_ref().map(|f| f.params.clone()).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <tbody>{rows}</tbody>
        <tfoot><tr><th scope="row">{tr(TOTAL)}</th><td></td><td id="summary-total">{group_thousands(s.total_params as u64)}</td><td></td><td></td></tr></tfoot>
    }
}

#[component]
pub fn ClassifyLesson() -> impl IntoView {
    let lang = use_lang();
    let kind = RwSignal::new(
        query_param("model")
            .and_then(|m| ModelKind::parse(&m))
            .unwrap_or(ModelKind::Seed),
    );
    Effect::new(move |_| set_query_params(&[("model", kind.get().name().to_string())]));
    let summary = Memo::new(move |_| kind.get().build().summary());

    let flatten = move || {
        let l = lang.get();
        summary.with(|s| {
            let i = s.rows.iter().position(|r| r.kind == LayerKind::Flatten)?;
            let before = &s.rows[i.checked_sub(1)?];
            match (kind.get(), before.output_shape.as_slice()) {
                (ModelKind::Lenet5, _) => Some(LENET_FLATTEN.get(l).to_string()),
                (_, [c, h, w]) => Some(FLATTEN.fill(
                    l,
                    &[
                        ("shape", &format_shape(&before.output_shape)),
                        ("c", &c.to_string()),
                        ("h", &h.to_string()),
                        ("w", &w.to_string()),
                        (
                            "n",
                            &group_thousands(
                                s.rows[i].output_shape.iter().product::<usize>() as u64
                            ),
                        ),
                    ],
                )),
                _ => None,
            }
        })
    };
    let heaviest = move || {
        summary.with(|s| {
            let r = s.rows.iter().max_by_key(|r| r.params)?;
            let pct = 100.0 * r.params as f64 / s.total_params as f64;
            Some(WHERE.fill(
                lang.get(),
                &[("pct", &format!("{pct:.1}")), ("name", &r.name)],
            ))
        })
    };
    let option = move |k: ModelKind, label: crate::i18n::Text| view! { <option value=k.name() selected=move || kind.get() == k>{tr(label)}</option> };

    view! {
        <article class="lesson classify">
            <h1>{tr(crate::i18n::sections::title(crate::i18n::sections::SectionId::Classify))}</h1>
            <p>{tr(INTRO)}</p>
            <div class="field">
                <label for="classify-model">{tr(MODEL)}</label>
                <select id="classify-model" on:change=move |ev| { if let Some(k) = ModelKind::parse(&event_target_value(&ev)) { kind.set(k) } }>
                    {option(ModelKind::Seed, SEED)}
                    {option(ModelKind::Lenet5, LENET)}
                </select>
            </div>
            <live::ClassifyLive kind=kind summary=summary/>
            <section>
                <h2>{tr(FLATTEN_TITLE)}</h2>
                <p id="flatten-text">{flatten}</p>
            </section>
            <section>
                <div class="table-scroll">
                    <table class="summary-table" id="summary-table">
                        <caption>{tr(SUMMARY_TITLE)}</caption>
                        <thead><tr>
                            <th scope="col">{tr(COL_LAYER)}</th><th scope="col">{tr(COL_SHAPE)}</th><th scope="col">{tr(COL_PARAMS)}</th>
                            <th scope="col">{tr(COL_CONNECTIONS)}</th><th scope="col">{tr(COL_FORMULA)}</th>
                        </tr></thead>
                        {move || summary.with(summary_table)}
                    </table>
                </div>
            </section>
            <Show when=move || kind.get() == ModelKind::Seed>
                <ArticleNote id="article-keras" text=article::CLASSIFY_RESULT code=article::KERAS_CODE/>
            </Show>
            <section>
                <h2>{tr(WHERE_TITLE)}</h2>
                <p id="where-params">{heaviest}</p>
            </section>
            <section>
                <h2>{tr(TRADEOFFS_TITLE)}</h2>
                <ul>{TRADEOFFS.iter().map(|t| view! { <li>{tr(*t)}</li> }).collect_view()}</ul>
                <ArticleNote id="article-kernel-size" text=article::KERNEL_SIZE/>
            </section>
            <p><A href=site_href("/lab")>{tr(TO_LAB)}</A></p>
        </article>
    }
}

//! Lesson: 1D discrete convolution, one output at a time: g flipped and shifted under f, the products
//! where they overlap, and their sum. The steps come from `engine::lessons::conv1d::conv1d_steps`.

use crate::engine::lessons::conv1d::{conv1d_steps, Mode1d, Step1d};
use crate::engine::lessons::link::{join, parse_sequence, parse_step};
use crate::i18n::article;
use crate::i18n::conv1d::*;
use crate::lang::{tr, use_lang};
use crate::widgets::format::number as show;
use crate::widgets::url_state::{query_param, set_query_params};
use crate::widgets::ArticleNote;
use crate::widgets::Stepper;
use leptos::prelude::*;

/// A text field for a sequence: shows a clear message for bad input and keeps the last good value.
#[component]
fn SequenceInput(
    id: &'static str,
    label: crate::i18n::Text,
    value: RwSignal<Vec<f32>>,
) -> impl IntoView {
    let lang = use_lang();
    let text = RwSignal::new(join(&value.get_untracked(), ", "));
    let bad = RwSignal::new(None::<String>);
    // Presets change the value from outside: show it.
    Effect::new(move |_| {
        let v = value.get();
        if parse_sequence(&text.get_untracked()).as_deref() != Some(v.as_slice()) {
            text.set(join(&v, ", "));
            bad.set(None);
        }
    });
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    view! {
        <div class="sequence-input">
            <label for=id>{tr(label)}</label>
            <input
                type="text"
                id=id
                inputmode="decimal"
                aria-describedby=format!("{hint_id} {error_id}")
                aria-invalid=move || if bad.get().is_some() { "true" } else { "false" }
                prop:value=move || text.get()
                on:input=move |ev| {
                    let t = event_target_value(&ev);
                    text.set(t.clone());
                    match parse_sequence(&t) {
                        Some(v) => {
                            bad.set(None);
                            value.set(v);
                        }
                        None => bad.set(Some(t)),
                    }
                }
            />
            <p class="hint" id=hint_id>{tr(SEQUENCE_HINT)}</p>
            <p class="error-text" id=error_id role="alert">
                {move || bad.get().map(|t| BAD_SEQUENCE.fill(lang.get(), &[("text", &t)]))}
            </p>
        </div>
    }
}

#[component]
pub fn Conv1dLesson() -> impl IntoView {
    let lang = use_lang();
    let f = RwSignal::new(
        query_param("f")
            .and_then(|t| parse_sequence(&t))
            .unwrap_or_else(|| vec![1.0, 1.0, 1.0]),
    );
    let g = RwSignal::new(
        query_param("g")
            .and_then(|t| parse_sequence(&t))
            .unwrap_or_else(|| vec![1.0, 1.0, 1.0]),
    );
    let steps = Memo::new(move |_| conv1d_steps(&f.get(), &g.get(), Mode1d::Full));
    let last = Signal::derive(move || steps.with(|s| s.len().saturating_sub(1)));
    let from_link = query_param("step").and_then(|t| parse_step(&t, last.get_untracked()));
    let step = RwSignal::new(from_link.unwrap_or(0));
    Effect::new(move |_| {
        set_query_params(&[
            ("f", join(&f.get(), ",")),
            ("g", join(&g.get(), ",")),
            ("step", (step.get() + 1).to_string()),
        ]);
    });
    let preset = move |a: &[f32], b: &[f32]| {
        f.set(a.to_vec());
        g.set(b.to_vec());
        step.set(0);
    };
    let third = 1.0 / 3.0;

    // Columns m from −(N−1) to M+N−2: every place the flipped g can sit.
    let table = move || {
        let (fv, gv) = (f.get(), g.get());
        let n = step.get();
        let current: Option<Step1d> = steps.with(|s| s.get(n).cloned());
        let (m_len, g_len) = (fv.len() as isize, gv.len() as isize);
        let cols: Vec<isize> = (-(g_len - 1)..m_len + g_len - 1).collect();
        let g_at = |m: isize| {
            let i = n as isize - m;
            (0..g_len).contains(&i).then(|| gv[i as usize])
        };
        let f_at = |m: isize| (0..m_len).contains(&m).then(|| fv[m as usize]);
        let cell = move |v: Option<f32>, overlap: bool| {
            let class = if overlap {
                "overlap"
            } else if v.is_some() {
                "filled"
            } else {
                "empty"
            };
            view! { <td class=class>{v.map(show).unwrap_or_default()}</td> }
        };
        let header = cols
            .iter()
            .map(|m| view! { <th scope="col">{m.to_string()}</th> })
            .collect_view();
        let f_row = cols
            .iter()
            .map(|&m| cell(f_at(m), f_at(m).is_some() && g_at(m).is_some()))
            .collect_view();
        let g_row = cols
            .iter()
            .map(|&m| cell(g_at(m), f_at(m).is_some() && g_at(m).is_some()))
            .collect_view();
        let p_row = cols
            .iter()
            .map(|&m| {
                cell(
                    f_at(m).zip(g_at(m)).map(|(a, b)| a * b),
                    f_at(m).is_some() && g_at(m).is_some(),
                )
            })
            .collect_view();
        let sum = current.as_ref().map(|s| {
            let terms: Vec<String> = s
                .terms
                .iter()
                .map(|t| format!("{}·{}", show(t.f), show(t.g)))
                .collect();
            format!("(f*g)({n}) = {} = {}", terms.join(" + "), show(s.sum))
        });
        view! {
            // Focusable so keyboard users can scroll a wide table.
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || TABLE_CAPTION.get(lang.get()).replace(" = {n}", "")>
                <table class="conv1d-table">
                    <caption>{move || TABLE_CAPTION.fill(lang.get(), &[("n", &n.to_string())])}</caption>
                    <thead>
                        <tr><th scope="row">{tr(ROW_M)}</th>{header}</tr>
                    </thead>
                    <tbody>
                        <tr><th scope="row">{tr(ROW_F)}</th>{f_row}</tr>
                        <tr><th scope="row">{tr(ROW_G)}</th>{g_row}</tr>
                        <tr><th scope="row">{tr(ROW_PRODUCT)}</th>{p_row}</tr>
                    </tbody>
                </table>
            </div>
            <p class="products"><span class="visually-hidden">{tr(SUM_LABEL)}": "</span><span id="conv1d-sum">{sum}</span></p>
        }
    };
    let output = move || {
        let n = step.get();
        steps.with(|s| {
            s.iter()
                .enumerate()
                .map(|(i, st)| {
                    let class = if i == n { "current" } else if i < n { "done" } else { "pending" };
                    view! { <li class=class>{if i <= n { show(st.sum) } else { "?".to_string() }}</li> }
                })
                .collect_view()
        })
    };

    view! {
        <article class="lesson conv1d">
            <h1>{tr(crate::i18n::sections::title(crate::i18n::sections::SectionId::Conv1d))}</h1>
            <p class="lead">{tr(INTRO)}</p>
            <div class="sequence-inputs">
                <SequenceInput id="seq-f" label=SEQUENCE_F value=f/>
                <SequenceInput id="seq-g" label=SEQUENCE_G value=g/>
            </div>
            <div class="presets" role="group" aria-label=move || PRESETS.get(lang.get())>
                <span>{tr(PRESETS)}</span>
                <button type="button" on:click=move |_| preset(&[1.0, 1.0, 1.0], &[1.0, 1.0, 1.0])>{tr(PRESET_BOX)}</button>
                <button type="button" on:click=move |_| preset(&[1.0, 3.0, 2.0, 5.0, 4.0, 6.0, 3.0, 5.0], &[third, third, third])>{tr(PRESET_AVERAGE)}</button>
                <button type="button" on:click=move |_| preset(&[0.0, 0.0, 1.0, 0.0, 0.0], &[3.0, 2.0, 1.0])>{tr(PRESET_IMPULSE)}</button>
            </div>
            <Stepper id="conv1d" step=step last=last/>
            {table}
            <h2>{tr(OUTPUT_TITLE)}</h2>
            <ol class="conv1d-output" start="0">{output}</ol>
            <p class="note">{tr(FILTER_NOTE)}</p>
            <ArticleNote id="article-continuous" text=article::CONV1D_CONTINUOUS/>
            <super::conv1d_plot::SmoothingPlot/>
        </article>
    }
}

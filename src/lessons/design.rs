//! Lesson: build your own network. The design is a `ModelSpec` (the engine's), edited layer by
//! layer; the engine plans it on every change (shapes, parameters, where it cannot work) and, when
//! it can, builds it for the formulas and connections and times one training step in this browser.
//! The design lives in the URL (`?design=`), so a teacher can share it, and goes to the lab the same
//! way ("Train this network"); it also downloads as JSON, which the command line trains
//! (`convlab-cli train --spec`).

use super::design_layer::{LayerEditor, LayerFacts, LayerInfo};
use crate::engine::data::weights::{metadata_entry, SPEC_KEY};
use crate::engine::nn::model::group_thousands;
use crate::engine::nn::spec::edit::LayerType;
use crate::engine::nn::spec::plan::Limits;
use crate::engine::nn::spec::presets::*;
use crate::engine::nn::spec::{LayerSpec, ModelSpec, NamedSpec};
use crate::engine::ops::tensor::Tensor;
use crate::i18n::design::*;
use crate::i18n::numbers::duration_in;
use crate::i18n::Text;
use crate::lang::{tr, use_lang};
use crate::widgets::download::download;
use crate::widgets::file_read::read_chosen_file;
use crate::widgets::site_path::site_href;
use crate::widgets::url_state::{query_param, set_query_params};
use leptos::prelude::*;
use std::time::Duration;

const PRESETS: [(fn() -> ModelSpec, Text); 5] = [
    (seed_spec, PRESET_SEED),
    (lenet5_spec, PRESET_LENET),
    (tiny_spec, PRESET_TINY),
    (strided_spec, PRESET_STRIDED),
    (dense_only_spec, PRESET_DENSE),
];

/// Milliseconds of one training step of 16 images on this thread (after one warm-up step): the mean
/// of as many steps as fill `TIMED_MS`, so a small network's sub-millisecond step is not read as 0
/// by the browser's coarse clock.
fn time_step(spec: &ModelSpec) -> Option<f64> {
    let mut model = spec.build().ok()?;
    model.init(1);
    let n = 16;
    let x = Tensor::from_vec(
        &[n, 1, 28, 28],
        (0..n * 784)
            .map(|i| ((i * 37) % 255) as f32 / 255.0)
            .collect(),
    );
    let labels: Vec<u8> = (0..n as u8).map(|i| i % 10).collect();
    let perf = window().performance()?;
    model.train_batch(&x, &labels);
    let t0 = perf.now();
    let mut steps = 0;
    while steps < MOST_TIMED_STEPS && (steps == 0 || perf.now() - t0 < TIMED_MS) {
        model.train_batch(&x, &labels);
        steps += 1;
    }
    Some((perf.now() - t0) / steps as f64)
}

/// How long the timed steps run at least, and at most how many there are.
const TIMED_MS: f64 = 40.0;
const MOST_TIMED_STEPS: usize = 200;

/// A step's milliseconds as shown, to two significant figures or whole (never "0 ms").
fn shown_ms(ms: f64) -> String {
    match ms {
        m if m >= 10.0 => format!("{m:.0}"),
        m if m >= 1.0 => format!("{m:.1}"),
        m => format!("{:.2}", m.max(0.01)),
    }
}

#[component]
pub fn DesignLesson() -> impl IntoView {
    let lang = use_lang();
    let from_url = query_param("design").map(|j| ModelSpec::from_json(&j));
    let url_problem = from_url.as_ref().and_then(|r| r.as_ref().err().cloned());
    let start = from_url
        .and_then(Result::ok)
        .filter(|s| !s.layers.is_empty())
        .unwrap_or_else(seed_spec);
    let next_id = StoredValue::new(0u64);
    let fresh_ids = move |n: usize| -> Vec<u64> {
        let first = next_id.get_value();
        next_id.set_value(first + n as u64);
        (first..first + n as u64).collect()
    };
    // Every layer but the last (the fixed 10-way softmax output) is edited, each under a stable id.
    let ids = RwSignal::new(fresh_ids(start.layers.len() - 1));
    let spec = RwSignal::new(start);
    Effect::new(move |_| set_query_params(&[("design", spec.with(ModelSpec::to_json))]));

    let plan = Memo::new(move |_| spec.with(|s| s.plan_partial(&Limits::BROWSER)));
    let summary = Memo::new(move |_| {
        plan.with(|(_, e)| e.is_none())
            .then(|| spec.with(|s| s.build().ok().map(|m| m.summary())))
            .flatten()
    });
    let info = Memo::new(move |_| {
        let l = lang.get();
        let names = spec.with(ModelSpec::names);
        plan.with(|(planned, error)| {
            summary.with(|sum| {
                names
                    .iter()
                    .enumerate()
                    .map(|(i, (name, _))| LayerInfo {
                        name: name.clone(),
                        planned: planned.get(i).map(|p| {
                            let row = sum.as_ref().and_then(|s| s.rows.get(i));
                            LayerFacts {
                                shape: p.output.clone(),
                                params: p.params,
                                formula: row
                                    .and_then(|r| r.formula.as_ref())
                                    .map(|f| f.params.clone()),
                                connections: row.and_then(|r| r.connections),
                            }
                        }),
                        problem: error
                            .as_ref()
                            .filter(|e| e.layer == Some(i))
                            .map(|e| spec_error(e, l)),
                    })
                    .collect::<Vec<_>>()
            })
        })
    });

    // One training step timed in this browser, once the design rests for a moment.
    let step_ms = RwSignal::new(None::<f64>);
    let generation = StoredValue::new(0u64);
    Effect::new(move |_| {
        let ok = summary.with(Option::is_some);
        let g = generation.get_value() + 1;
        generation.set_value(g);
        step_ms.set(None);
        if ok {
            // The learner may have left the page by then: its signals are gone, and nothing is due.
            set_timeout(
                move || {
                    if generation.try_get_value() == Some(g) {
                        if let Some(ms) = spec.try_with_untracked(time_step) {
                            step_ms.try_set(ms);
                        }
                    }
                },
                Duration::from_millis(400),
            );
        }
    });

    let use_spec = move |s: ModelSpec| {
        ids.set(fresh_ids(s.layers.len().saturating_sub(1)));
        spec.set(s);
    };
    let use_preset = move |make: fn() -> ModelSpec| use_spec(make());
    // A design from a file: its JSON, or the weights the lab exported for it (the design rides in
    // their metadata). A file without one is refused beside the button; the design stays.
    let open_problem = RwSignal::new(false);
    let on_open = move |ev: leptos::ev::Event| {
        read_chosen_file(&ev, move |_, bytes| {
            let found = bytes.and_then(|b| {
                let text = std::str::from_utf8(&b)
                    .ok()
                    .and_then(|t| ModelSpec::from_json(t).ok());
                text.or_else(|| {
                    metadata_entry(&b, SPEC_KEY).and_then(|j| ModelSpec::from_json(&j).ok())
                })
            });
            let found = found.filter(|s| !s.layers.is_empty());
            // `try_set` hands the value back when the page is gone (left while the file was read).
            if open_problem.try_set(found.is_none()).is_some() {
                return;
            }
            if let Some(s) = found {
                use_spec(s);
            }
        });
    };
    let add_layer = move |_| {
        // After a flat output a dense layer fits; after feature maps, a convolution.
        let flat = plan.with(|(p, _)| {
            ids.with(|v| v.len())
                .checked_sub(1)
                .and_then(|i| p.get(i))
                .is_some_and(|p| p.output.len() == 1)
        });
        let t = if flat {
            LayerType::Dense
        } else {
            LayerType::Conv2d
        };
        let at = ids.with_untracked(|v| v.len());
        spec.update(|s| {
            s.layers.insert(
                at,
                NamedSpec {
                    name: None,
                    layer: t.default_layer(),
                },
            )
        });
        ids.update(|v| v.extend(fresh_ids(1)));
    };
    let error = move || {
        plan.with(|(_, e)| {
            e.as_ref()
                .map(|e| CANNOT_WORK.fill(lang.get(), &[("why", &spec_error(e, lang.get()))]))
        })
    };
    let totals = move || {
        let l = lang.get();
        plan.with(|(p, e)| {
            let params: usize = p.iter().map(|p| p.params).sum();
            let madds: u64 = p.iter().map(|p| p.mult_adds).sum();
            let head = TOTAL_PARAMS.fill(l, &[("n", &group_thousands(params as u64))]);
            let rest = TOTALS.fill(
                l,
                &[
                    ("madds", &group_thousands(madds)),
                    ("mb", &format!("{:.2}", params as f64 * 4.0 / 1e6)),
                ],
            );
            e.is_none().then_some((head, rest))
        })
    };
    let speed = move || {
        step_ms.get().map(|ms| {
            let sps = 16.0 * 1000.0 / ms.max(1e-3);
            SPEED.fill(
                lang.get(),
                &[
                    ("ms", &shown_ms(ms)),
                    ("sps", &format!("{sps:.0}")),
                    ("epoch", &duration_in(60_000.0 / sps, lang.get())),
                ],
            )
        })
    };
    let lab_href = move || {
        let json = spec.with(ModelSpec::to_json);
        site_href(&format!(
            "/lab?design={}",
            String::from(js_sys::encode_uri_component(&json))
        ))
    };
    let output_is = |l: &LayerSpec| matches!(l, LayerSpec::Dense { units: 10, .. });

    view! {
        <article class="lesson design">
            <h1>{tr(crate::i18n::sections::title(crate::i18n::sections::SectionId::Design))}</h1>
            <p>{tr(INTRO)}</p>
            {url_problem.map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
            <div class="presets" role="group" aria-labelledby="presets-label">
                <span id="presets-label">{tr(PRESETS_LABEL)}</span>
                {PRESETS.iter().map(|&(make, name)| view! { <button type="button" on:click=move |_| use_preset(make)>{tr(name)}</button> }).collect_view()}
            </div>
            <ol class="design-layers" id="design-layers">
                <For each=move || ids.get() key=|id| *id children=move |id| view! { <li><LayerEditor id=id spec=spec ids=ids info=info/></li> }/>
                <li class="design-output"><p>{tr(OUTPUT_LAYER)}</p>
                    <p class="layer-facts-line">{move || spec.with(|s| s.layers.last().filter(|l| output_is(&l.layer)).map(|_| ())).and(info.with(|v| v.last().and_then(|i| i.planned.clone()))).map(|f| format!("{} · {}", PARAMS_OF.fill(lang.get(), &[("n", &group_thousands(f.params as u64))]), f.formula.unwrap_or_default()))}</p>
                </li>
            </ol>
            <div class="buttons">
                <button type="button" id="add-layer" on:click=add_layer>{tr(ADD_LAYER)}</button>
            </div>
            <div id="design-error" role="alert">{move || error().map(|t| view! { <p class="error-text">{t}</p> })}</div>
            {move || totals().map(|(head, rest)| view! { <p class="design-total" id="design-total">{head}</p><p class="hint">{rest}</p> })}
            <p class="hint" id="design-speed">{speed}</p>
            <div class="buttons">
                <Show when=move || plan.with(|(_, e)| e.is_none())>
                    <a class="button" id="train-design" href=lab_href>{tr(TRAIN_DESIGN)}</a>
                </Show>
                <input type="file" id="open-design" class="visually-hidden" accept=".json,.safetensors,application/json" on:change=on_open/>
                <label class="button" for="open-design">{tr(OPEN_DESIGN)}</label>
                <button type="button" id="download-design" on:click=move |_| { download(spec.with_untracked(ModelSpec::to_json).as_bytes(), "convlab-design.json"); }>{tr(DOWNLOAD_SPEC)}</button>
            </div>
            <Show when=move || open_problem.get()>
                <p class="error-text" role="alert" id="open-design-error">{tr(OPEN_DESIGN_FAILED)}</p>
            </Show>
            <p class="hint">{tr(TRAIN_NATIVELY)}" "<code>"cargo run --release --bin convlab-cli -- train --spec convlab-design.json --out design.safetensors"</code></p>
        </article>
    }
}

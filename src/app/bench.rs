//! /bench: the engine's throughput inside the page, for `tests/e2e/bench.mjs` and curious developers.
//! It runs on the main thread and freezes the page while it measures: a developer tool, not a lesson,
//! so it is not in the navigation.

use crate::engine::nn::models::ModelKind;
use crate::engine::train::bench;
use crate::i18n::bench as words;
use crate::lang::{tr, use_lang};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn BenchPage() -> impl IntoView {
    let query = use_query_map();
    let steps = move || {
        query
            .read()
            .get("steps")
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(5)
            .clamp(1, 200)
    };
    let (result, set_result) = signal(String::new());
    let (layers, set_layers) = signal(String::new());
    let (running, set_running) = signal(false);
    let run = move |_| {
        set_running.set(true);
        let steps = steps();
        // Let the "running" state paint before the measurement blocks the thread.
        set_timeout(
            move || {
                let perf = window().performance().expect("performance API");
                let clock = move || perf.now();
                let kinds = [ModelKind::Seed, ModelKind::Lenet5];
                let lines: Vec<String> = kinds
                    .into_iter()
                    .map(|k| bench::run(k, steps, 128, &clock).to_json())
                    .collect();
                // Where a step's time goes, layer by layer (the page's plain-SIMD build).
                let breakdown: Vec<String> = kinds
                    .into_iter()
                    .map(|k| {
                        let t = bench::layer_times(k, steps, 128, &clock);
                        format!("{}\n{}", k.name(), bench::format_layer_times(&t, 128))
                    })
                    .collect();
                set_layers.set(breakdown.join("\n\n"));
                set_result.set(lines.join("\n"));
                set_running.set(false);
            },
            std::time::Duration::from_millis(50),
        );
    };
    let lang = use_lang();
    let (run_label, running_label) = (tr(words::RUN), tr(words::RUNNING));
    view! {
        <article>
            <h1>{tr(words::TITLE)}</h1>
            <p>{move || words::intro(lang.get(), steps())}</p>
            <button type="button" on:click=run disabled=running>
                {move || if running.get() { running_label() } else { run_label() }}
            </button>
            // Wide tables scroll sideways on a phone instead of running off the page.
            <pre id="bench-result" class="wide" tabindex="0" aria-live="polite">{result}</pre>
            <pre id="bench-layers" class="wide" tabindex="0">{layers}</pre>
        </article>
    }
}

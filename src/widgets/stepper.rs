//! Step-through controls shared by the lessons: Previous / Play–Pause / Next buttons and a labelled
//! "Step" slider. Arrow keys move the slider; Space plays or pauses anywhere in the controls.

use crate::i18n::stepper::*;
use crate::lang::{tr, use_lang};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// `step` runs from 0 to `last()`; `id` prefixes the element ids so two steppers can share a page.
#[component]
pub fn Stepper(
    id: &'static str,
    step: RwSignal<usize>,
    #[prop(into)] last: Signal<usize>,
) -> impl IntoView {
    let lang = use_lang();
    let playing = RwSignal::new(false);
    let timer = StoredValue::new(None::<IntervalHandle>);
    let stop = move || {
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        timer.set_value(None);
        playing.set(false);
    };
    let toggle_play = move || {
        if playing.get_untracked() {
            stop();
            return;
        }
        playing.set(true);
        let handle = set_interval_with_handle(
            move || {
                let end = last.get_untracked();
                step.update(|v| *v = if *v >= end { 0 } else { *v + 1 });
            },
            std::time::Duration::from_millis(700),
        );
        timer.set_value(handle.ok());
    };
    on_cleanup(stop);
    // Keep the step inside the range when the lesson's sizes change.
    Effect::new(move |_| {
        let end = last.get();
        if step.get_untracked() > end {
            step.set(end);
        }
    });
    let slider_id = format!("{id}-step");
    let value_id = format!("{id}-step-value");
    view! {
        <div
            class="step-controls"
            on:keydown=move |ev| {
                let on_button = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()).is_some_and(|el| el.tag_name() == "BUTTON");
                if ev.key() == " " && !on_button {
                    ev.prevent_default();
                    toggle_play();
                }
            }
        >
            <button type="button" on:click=move |_| { stop(); step.update(|v| *v = v.saturating_sub(1)); }>{tr(PREVIOUS)}</button>
            <button type="button" on:click=move |_| toggle_play() aria-pressed=move || if playing.get() { "true" } else { "false" }>
                {move || if playing.get() { PAUSE.get(lang.get()) } else { PLAY.get(lang.get()) }}
            </button>
            <button type="button" on:click=move |_| { stop(); let end = last.get(); step.update(|v| *v = (*v + 1).min(end)); }>{tr(NEXT)}</button>
            <label for=slider_id.clone()>{tr(STEP)}</label>
            <input
                type="range"
                id=slider_id.clone()
                min="0"
                max=move || last.get().to_string()
                prop:value=move || step.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<usize>() {
                        step.set(v);
                    }
                }
            />
            <output for=slider_id id=value_id>{move || format!("{} / {}", step.get() + 1, last.get() + 1)}</output>
        </div>
        <p class="hint">{tr(KEYS_HINT)}</p>
    }
}

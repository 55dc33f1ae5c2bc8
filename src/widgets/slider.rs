//! A labelled range slider for a whole number: visible label, accessible name, current value shown,
//! arrow keys and touch handled by the native control.

use crate::i18n::Text;
use crate::lang::tr;
use leptos::prelude::*;

#[component]
pub fn Slider(
    id: &'static str,
    label: Text,
    value: RwSignal<usize>,
    min: usize,
    max: usize,
) -> impl IntoView {
    view! {
        <div class="slider">
            <label for=id>{tr(label)}</label>
            <input
                type="range"
                id=id
                min=min.to_string()
                max=max.to_string()
                step="1"
                prop:value=move || value.get().to_string()
                on:input=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<usize>() {
                        value.set(v.clamp(min, max));
                    }
                }
            />
            <output for=id>{move || value.get()}</output>
        </div>
    }
}

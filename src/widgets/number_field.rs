//! One number box for every lesson and the lab. It takes what Chinese and English keyboards type
//! (full-width digits, point and minus, "1,000"), shows the text as typed, and checks it on every
//! keystroke: a usable number is applied at once; anything else is marked invalid and explained
//! beside the field in one sentence that names the value still in use and the range allowed
//! (`engine::numfmt::parse_number`, `i18n::numbers`). Enter runs the field's action, if it has one.

use crate::engine::numfmt::{parse_number, NumberProblem};
use crate::i18n::numbers::{number_message, show};
use crate::i18n::Text;
use crate::lang::use_lang;
use leptos::prelude::*;

#[component]
pub fn NumberField(
    #[prop(into)] id: String,
    /// The visible label; grid cells have none and are named by `name`.
    #[prop(optional)]
    label: Option<Text>,
    /// The accessible name when there is no visible label (also the message's field name).
    #[prop(optional, into)]
    name: Option<Signal<String>>,
    /// The value in use; shown again when it changes from outside (a preset, a reset).
    #[prop(into)]
    value: Signal<f64>,
    /// Called with each usable number as it is typed.
    set: Callback<f64>,
    #[prop(into)] min: Signal<f64>,
    #[prop(into)] max: Signal<f64>,
    /// Only whole numbers.
    #[prop(optional)]
    whole: bool,
    /// The text as typed, when the caller keeps it (the lab's form outlives its page).
    #[prop(optional)]
    text: Option<RwSignal<String>>,
    /// Where the message goes when the field sits in a grid; otherwise under the field.
    #[prop(optional)]
    message_to: Option<RwSignal<Option<String>>>,
    /// What Enter does once the number is usable (e.g. "Show test image").
    #[prop(optional)]
    on_enter: Option<Callback<()>>,
    #[prop(optional, into)] disabled: Option<Signal<bool>>,
) -> impl IntoView {
    let lang = use_lang();
    let text = text.unwrap_or_else(|| RwSignal::new(show(value.get_untracked())));
    let problem = RwSignal::new(None::<NumberProblem>);
    let check = move |t: &str| parse_number(t, min.get_untracked(), max.get_untracked(), whole);
    // A value set from outside is shown, unless the text already says it.
    Effect::new(move |_| {
        let v = value.get();
        if check(&text.get_untracked()) != Ok(v) && problem.get_untracked().is_none() {
            text.set(show(v));
        }
    });
    // A caller-kept text may be bad from the start (typed before a lesson change).
    if let Err(p) = check(&text.get_untracked()) {
        problem.set(Some(p));
    }
    let field_name = move || match (label, name) {
        (Some(l), _) => l.get(lang.get()).to_string(),
        (None, Some(n)) => n.get(),
        (None, None) => String::new(),
    };
    let message = move || {
        problem.get().map(|p| {
            let range = (min.get(), max.get());
            number_message(
                p,
                &field_name(),
                &text.get(),
                value.get(),
                range,
                lang.get(),
            )
        })
    };
    if let Some(slot) = message_to {
        Effect::new(move |_| slot.set(message()));
    }
    let on_input = move |ev: leptos::ev::Event| {
        let t = event_target_value(&ev);
        text.set(t.clone());
        match check(&t) {
            Ok(v) => {
                problem.set(None);
                set.run(v);
            }
            Err(p) => problem.set(Some(p)),
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Enter" && problem.get_untracked().is_none() {
            if let Some(go) = on_enter {
                ev.prevent_default();
                go.run(());
            }
        }
    };
    let error_id = format!("{id}-error");
    let inline = message_to.is_none();
    view! {
        {label.map(|l| view! { <label for=id.clone()>{move || l.get(lang.get())}</label> })}
        <input
            type="text"
            id=id.clone()
            inputmode={if whole && min.get_untracked() >= 0.0 { "numeric" } else { "decimal" }}
            autocomplete="off"
            aria-label={move || name.map(|n| n.get())}
            aria-invalid=move || if problem.get().is_some() { "true" } else { "false" }
            aria-describedby={inline.then(|| error_id.clone())}
            title={move || if inline { None } else { message() }}
            disabled={move || disabled.is_some_and(|d| d.get())}
            prop:value=move || text.get()
            on:input=on_input
            on:keydown=on_key
        />
        {inline.then(|| view! { <p class="error-text field-error" id=error_id role="alert">{message}</p> })}
    }
}

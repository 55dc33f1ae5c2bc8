//! One layer of the network designer: its type, the numbers and choices that type has (each a
//! labelled control), the buttons that move or remove it, and what the engine says it produces.

use crate::engine::nn::model::{format_shape, group_thousands};
use crate::engine::nn::spec::edit::{LayerType, Num};
use crate::engine::nn::spec::{Act, LayerSpec, Limits, ModelSpec, Pad};
use crate::i18n::design::*;
use crate::i18n::Text;
use crate::lang::{tr, use_lang};
use crate::widgets::NumberField;
use leptos::prelude::*;

/// A `select` of fixed choices; `value` is the selected option's key.
pub fn choice(
    id: String,
    label: Text,
    options: Vec<(&'static str, Text)>,
    value: Signal<&'static str>,
    on_set: Callback<String>,
) -> impl IntoView {
    let opts = options
        .into_iter()
        .map(|(key, text)| view! { <option value=key selected=move || value.get() == key>{tr(text)}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=id.clone()>{tr(label)}</label>
            <select id=id on:change=move |ev| on_set.run(event_target_value(&ev))>{opts}</select>
        </div>
    }
}

pub const ACTIVATIONS: [(&str, Act, Text); 4] = [
    ("relu", Act::Relu, Text::new("ReLU", "ReLU")),
    ("tanh", Act::Tanh, Text::new("tanh", "tanh")),
    ("sigmoid", Act::Sigmoid, Text::new("sigmoid", "sigmoid")),
    ("none", Act::None, NONE),
];

pub fn pad_key(p: Pad) -> &'static str {
    match p {
        Pad::Valid => "valid",
        Pad::Same => "same",
    }
}

fn num_label(n: Num) -> Text {
    match n {
        Num::Filters => FILTERS,
        Num::Kernel => KERNEL_SIZE,
        Num::Stride => STRIDE,
        Num::Pool => POOL_SIZE,
        Num::Pad => PAD_PIXELS,
        Num::Units => UNITS,
    }
}

/// A planned layer's output shape and parameters; the formula and connections once it builds.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LayerFacts {
    pub shape: Vec<usize>,
    pub params: usize,
    pub formula: Option<String>,
    pub connections: Option<u64>,
}

/// What the designer knows of one layer once the design is planned.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct LayerInfo {
    pub name: String,
    /// What it produces (`None` past the first problem).
    pub planned: Option<LayerFacts>,
    /// This layer's problem, worded.
    pub problem: Option<String>,
}

#[component]
pub fn LayerEditor(
    id: u64,
    spec: RwSignal<ModelSpec>,
    ids: RwSignal<Vec<u64>>,
    info: Memo<Vec<LayerInfo>>,
) -> impl IntoView {
    let lang = use_lang();
    let index = Memo::new(move |_| ids.with(|v| v.iter().position(|&x| x == id)));
    let layer = Memo::new(move |_| {
        let i = index.get()?;
        spec.with(|s| s.layers.get(i).map(|l| l.layer.clone()))
    });
    let ty = Memo::new(move |_| layer.with(|l| l.as_ref().map(LayerType::of)));
    let edit = move |f: &dyn Fn(&mut LayerSpec)| {
        if let Some(i) = index.get_untracked() {
            spec.update(|s| {
                if let Some(l) = s.layers.get_mut(i) {
                    f(&mut l.layer)
                }
            });
        }
    };
    let mine = move || {
        index
            .get()
            .and_then(|i| info.with(|v| v.get(i).cloned()))
            .unwrap_or_default()
    };
    let legend = move || {
        let n = index.get().map_or(0, |i| i + 1);
        format!(
            "{} · {}",
            LAYER_N.fill(lang.get(), &[("n", &n.to_string())]),
            mine().name
        )
    };
    let type_key = Signal::derive(move || {
        ty.get()
            .and_then(|t| LayerType::ALL.iter().find(|x| x.0 == t))
            .map_or("conv2d", |x| x.1)
    });
    let type_options: Vec<(&'static str, Text)> = LayerType::ALL
        .iter()
        .map(|&(_, k, name)| (k, Text::new(name, name)))
        .collect();
    let set_type = Callback::new(move |k: String| {
        if let Some(&(t, _, _)) = LayerType::ALL.iter().find(|x| x.1 == k) {
            edit(&|l| *l = t.default_layer());
        }
    });
    let fields = move || {
        let t = ty.get()?;
        let numbers = Num::of(t)
            .iter()
            .map(|&n| {
                let value = Signal::derive(move || layer.with(|l| l.as_ref().and_then(|l| n.get(l))).unwrap_or(0));
                let set = Callback::new(move |v: f64| edit(&|l| n.set(l, v as usize)));
                // The planner's own range, so the field and the plan never disagree.
                let (lo, hi) = n.range(&Limits::BROWSER);
                view! {
                    <div class="field">
                        <NumberField id=format!("l{id}-{n:?}").to_lowercase() label=num_label(n) whole=true
                            min=lo as f64 max=hi as f64 value=Signal::derive(move || value.get() as f64) set=set/>
                    </div>
                }
            })
            .collect_view();
        let padding = matches!(
            t,
            LayerType::Conv2d | LayerType::MaxPool | LayerType::AvgPool
        )
        .then(|| {
            let value = Signal::derive(move || match layer.get() {
                Some(
                    LayerSpec::Conv2d { padding, .. }
                    | LayerSpec::MaxPool { padding, .. }
                    | LayerSpec::AvgPool { padding, .. },
                ) => pad_key(padding),
                _ => "valid",
            });
            let on_set = Callback::new(move |k: String| {
                let p = if k == "same" { Pad::Same } else { Pad::Valid };
                edit(&|l| match l {
                    LayerSpec::Conv2d { padding, .. }
                    | LayerSpec::MaxPool { padding, .. }
                    | LayerSpec::AvgPool { padding, .. } => *padding = p,
                    _ => {}
                })
            });
            choice(
                format!("l{id}-padding"),
                PADDING,
                vec![("valid", VALID), ("same", SAME)],
                value,
                on_set,
            )
        });
        let activation = matches!(
            t,
            LayerType::Conv2d | LayerType::Subsample | LayerType::Dense
        )
        .then(|| {
            let value = Signal::derive(move || {
                let a = layer
                    .with(|l| l.as_ref().map(LayerSpec::activation))
                    .unwrap_or_default();
                ACTIVATIONS
                    .iter()
                    .find(|x| x.1 == a)
                    .map_or("none", |x| x.0)
            });
            let on_set = Callback::new(move |k: String| {
                let a = ACTIVATIONS
                    .iter()
                    .find(|x| x.0 == k)
                    .map_or(Act::None, |x| x.1);
                edit(&|l| match l {
                    LayerSpec::Conv2d { activation, .. }
                    | LayerSpec::Subsample { activation, .. }
                    | LayerSpec::Dense { activation, .. } => *activation = a,
                    _ => {}
                })
            });
            let options = ACTIVATIONS.iter().map(|&(k, _, t)| (k, t)).collect();
            choice(
                format!("l{id}-activation"),
                ACTIVATION,
                options,
                value,
                on_set,
            )
        });
        Some(view! { {numbers}{padding}{activation} })
    };
    let facts = move || {
        let l = lang.get();
        let m = mine();
        m.planned.map(|f| {
            let mut parts = vec![
                OUT_SHAPE.fill(l, &[("shape", &format_shape(&f.shape))]),
                PARAMS_OF.fill(l, &[("n", &group_thousands(f.params as u64))]),
            ];
            if let Some(formula) = f.formula {
                parts.push(formula);
            }
            if let Some(c) = f.connections {
                parts.push(CONNECTIONS_OF.fill(l, &[("n", &group_thousands(c))]));
            }
            parts.join(" · ")
        })
    };
    let moved = move |by: isize| {
        let Some(i) = index.get_untracked() else {
            return;
        };
        let j = i as isize + by;
        let editable = ids.with_untracked(|v| v.len());
        if j < 0 || j as usize >= editable {
            return;
        }
        spec.update(|s| s.layers.swap(i, j as usize));
        ids.update(|v| v.swap(i, j as usize));
    };
    let remove = move |_| {
        let Some(i) = index.get_untracked() else {
            return;
        };
        spec.update(|s| {
            s.layers.remove(i);
        });
        ids.update(|v| {
            v.remove(i);
        });
    };
    let last = move || index.get().map(|i| i + 1) == Some(ids.with(|v| v.len()));
    view! {
        <fieldset class="design-layer" class:bad=move || mine().problem.is_some()>
            <legend>{legend}</legend>
            <div class="design-fields">
                {choice(format!("l{id}-type"), LAYER_TYPE, type_options, type_key, set_type)}
                {fields}
            </div>
            <p class="layer-facts-line">{facts}</p>
            <p class="error-text">{move || mine().problem}</p>
            <div class="buttons">
                <button type="button" on:click=move |_| moved(-1) disabled=move || index.get() == Some(0)>{tr(MOVE_UP)}</button>
                <button type="button" on:click=move |_| moved(1) disabled=last>{tr(MOVE_DOWN)}</button>
                <button type="button" on:click=remove>{tr(REMOVE_LAYER)}</button>
            </div>
        </fieldset>
    }
}

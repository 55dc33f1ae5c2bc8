//! Part of the 2D convolution lesson: the photo filtered by a preset or learner-edited 3×3 kernel,
//! with the engine's `Conv2d` (`engine::data::image::filter`). The kernel is kept in the URL (`kernel=`).

use crate::engine::data::image::{filter, preset, PRESETS};
use crate::engine::ops::tensor::Tensor;
use crate::i18n::kernels::{preset_label, PHOTO_CREDIT, PRESETS as PRESETS_LABEL, RANGE};
use crate::i18n::photo_filter::*;
use crate::i18n::scale::{EDGE_X_FINDS, EDGE_Y_FINDS};
use crate::lang::{tr, use_lang};
use crate::widgets::format::number;
use crate::widgets::photo::{load_photo, paint_map, photo_status};
use crate::widgets::url_state::{query_param, set_query_params};
use crate::widgets::{KernelEditor, Scale, ScaleLegend};
use leptos::html::Canvas;
use leptos::prelude::*;

/// Nine numbers from the URL ("1,0,-1,…"), or a preset name.
pub fn kernel_from_query(key: &str, default: &str) -> Vec<f32> {
    let text = query_param(key).unwrap_or_default();
    if let Some(k) = preset(&text) {
        return k.to_vec();
    }
    let nums: Vec<f32> = text
        .split(',')
        .filter_map(|t| t.trim().parse::<f32>().ok())
        .filter(|v| v.is_finite())
        .collect();
    if nums.len() == 9 {
        nums
    } else {
        preset(default)
            .map(|k| k.to_vec())
            .unwrap_or_else(|| vec![0.0; 9])
    }
}

pub fn kernel_to_query(k: &[f32]) -> String {
    PRESETS
        .iter()
        .find(|(_, p)| p[..] == *k)
        .map(|(n, _)| n.to_string())
        .unwrap_or_else(|| {
            k.iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(",")
        })
}

/// Buttons that load the presets into `kernel`; the one matching it is pressed.
pub fn preset_buttons(id: &'static str, kernel: RwSignal<Vec<f32>>) -> impl IntoView {
    view! {
        <div class="presets" role="group" aria-labelledby=format!("{id}-presets")>
            <span id=format!("{id}-presets")>{tr(PRESETS_LABEL)}</span>
            {PRESETS.iter().map(|(name, k)| {
                let k = k.to_vec();
                let k2 = k.clone();
                view! {
                    <button type="button" id=format!("{id}-{name}") aria-pressed=move || kernel.with(|v| *v == k).to_string()
                        on:click=move |_| kernel.set(k2.clone())>{tr(preset_label(name))}</button>
                }
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn PhotoFilter() -> impl IntoView {
    let lang = use_lang();
    let photo = load_photo();
    let kernel = RwSignal::new(kernel_from_query("kernel", "edge-x"));
    Effect::new(move |_| set_query_params(&[("kernel", kernel_to_query(&kernel.get()))]));
    let input_canvas = NodeRef::<Canvas>::new();
    let output_canvas = NodeRef::<Canvas>::new();
    let out_range = RwSignal::new(None::<(f32, f32)>);
    Effect::new(move |_| {
        let k = kernel.get();
        photo.with(|p| {
            let Some(Ok(img)) = p else { return };
            let grey = Tensor::from_vec(&[1, 1, img.height, img.width], img.grey());
            let out = filter(&grey, &k, &[0.0], 3);
            if let Some(c) = input_canvas.get() {
                paint_map(&c, grey.data(), img.width, img.height, true);
            }
            if let Some(c) = output_canvas.get() {
                out_range.set(Some(paint_map(
                    &c,
                    out.data(),
                    img.width,
                    img.height,
                    false,
                )));
            }
        })
    });
    let status = move || photo_status(photo, lang.get());
    // What the edge presets find, said only while one of them is the kernel.
    let finds = move || {
        let k = kernel.get();
        let is = |name| preset(name).is_some_and(|p| p[..] == k[..]);
        let text = if is("edge-x") {
            EDGE_X_FINDS
        } else if is("edge-y") {
            EDGE_Y_FINDS
        } else {
            return None;
        };
        Some(view! { <p class="hint" id="filter-finds">{text.get(lang.get())}</p> })
    };
    let out_scale = Signal::derive(move || Scale::of_range(out_range.get().unwrap_or((0.0, 1.0))));
    view! {
        <section class="photo-filter" aria-labelledby="photo-filter-title">
            <h2 id="photo-filter-title">{tr(TITLE)}</h2>
            <p>{tr(INTRO)}</p>
            {preset_buttons("filter", kernel)}
            <div class="photo-row">
                <KernelEditor id="filter-kernel" label=KERNEL values=kernel/>
                <figure>
                    <figcaption>{tr(INPUT)}</figcaption>
                    <canvas node_ref=input_canvas class="photo" role="img" aria-label=move || INPUT.get(lang.get())></canvas>
                    <ScaleLegend scale=Scale::Pixels/>
                </figure>
                <figure>
                    <figcaption>{tr(OUTPUT)}" · "<span id="filter-range">{move || out_range.get().map(|(lo, hi)| RANGE.fill(lang.get(), &[("lo", &number(lo)), ("hi", &number(hi))]))}</span></figcaption>
                    <canvas node_ref=output_canvas id="filter-output" class="photo" role="img" aria-label=move || OUTPUT.get(lang.get())></canvas>
                    <ScaleLegend scale=out_scale/>
                </figure>
            </div>
            {finds}
            <p class="hint" role="status">{status}</p>
            <p class="hint">{tr(PHOTO_CREDIT)}</p>
        </section>
    }
}

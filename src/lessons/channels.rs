//! Lesson: multi-channel convolution on the colour photo. R, G and B each get their own 3×3 kernel;
//! the three feature maps and their sum plus bias are drawn; then two 3-channel kernels give two output
//! channels. Every map is the engine's `Conv2d` (`engine::data::image::filter`); the parameter counts are the
//! engine's. Kernels and bias live in the URL (`r=`, `g=`, `b=`, `bias=`).

use super::photo_filter::{kernel_from_query, kernel_to_query};
use crate::engine::data::image::{filter, preset, RgbImage, PRESETS};
use crate::engine::nn::layers::{Conv2d, ConvConfig, Layer};
use crate::engine::nn::models::lenet5;
use crate::engine::ops::shape::Padding;
use crate::engine::ops::tensor::Tensor;
use crate::i18n::article;
use crate::i18n::channels::*;
use crate::i18n::kernels::{preset_label, PHOTO_CREDIT};
use crate::lang::{tr, use_lang};
use crate::widgets::format::number;
use crate::widgets::photo::{load_photo, paint_channel, paint_map, paint_photo, photo_status};
use crate::widgets::url_state::{query_param, set_query_params};
use crate::widgets::{ArticleNote, KernelEditor, NumberField};
use crate::widgets::{Scale, ScaleLegend};
use leptos::html::Canvas;
use leptos::prelude::*;

fn plane(img: &RgbImage, c: usize) -> Tensor {
    Tensor::from_vec(&[1, 1, img.height, img.width], img.channel(c))
}

fn formula_of(layer: &Conv2d, input: &[usize]) -> String {
    layer
        .count_formula(input)
        .map(|f| f.params)
        .unwrap_or_default()
}

#[component]
pub fn ChannelsLesson() -> impl IntoView {
    let lang = use_lang();
    let photo = load_photo();
    let kernels = [("r", "edge-x"), ("g", "edge-x"), ("b", "edge-x")]
        .map(|(k, d)| RwSignal::new(kernel_from_query(k, d)));
    let bias = RwSignal::new(
        query_param("bias")
            .and_then(|b| b.parse::<f32>().ok())
            .filter(|b| b.is_finite())
            .unwrap_or(0.0),
    );
    Effect::new(move |_| {
        let mut pairs: Vec<(&str, String)> = ["r", "g", "b"]
            .iter()
            .zip(kernels)
            .map(|(k, s)| (*k, kernel_to_query(&s.get())))
            .collect();
        pairs.push(("bias", bias.get().to_string()));
        set_query_params(&pairs);
    });

    let photo_canvas = NodeRef::<Canvas>::new();
    let channel_canvases = [
        NodeRef::<Canvas>::new(),
        NodeRef::<Canvas>::new(),
        NodeRef::<Canvas>::new(),
    ];
    let map_canvases = [
        NodeRef::<Canvas>::new(),
        NodeRef::<Canvas>::new(),
        NodeRef::<Canvas>::new(),
    ];
    let out_canvas = NodeRef::<Canvas>::new();
    let two_canvases = [NodeRef::<Canvas>::new(), NodeRef::<Canvas>::new()];
    let centre = RwSignal::new(None::<[f32; 4]>);
    // The colour scale each computed map was drawn with: R, G, B, their sum; then x and y edges.
    let scales = RwSignal::new([Scale::OwnRange; 6]);

    Effect::new(move |_| {
        photo.with(|p| {
            let Some(Ok(img)) = p else { return };
            if let Some(c) = photo_canvas.get() {
                paint_photo(&c, img);
            }
            for (i, nr) in channel_canvases.iter().enumerate() {
                if let Some(c) = nr.get() {
                    paint_channel(&c, img, i);
                }
            }
            // Two output channels: edges in x and in y, each the same 3×3 on all three channels.
            let (ex, ey) = (
                preset("edge-x").unwrap_or_default(),
                preset("edge-y").unwrap_or_default(),
            );
            let k2: Vec<f32> = [ex, ey]
                .iter()
                .flat_map(|k| std::iter::repeat_n(*k, 3).flatten())
                .collect();
            let two = filter(&img.to_tensor(), &k2, &[0.0, 0.0], 3);
            let area = img.width * img.height;
            for (i, nr) in two_canvases.iter().enumerate() {
                if let Some(c) = nr.get() {
                    let r = paint_map(
                        &c,
                        &two.data()[i * area..(i + 1) * area],
                        img.width,
                        img.height,
                        false,
                    );
                    scales.update(|s| s[4 + i] = Scale::of_range(r));
                }
            }
        })
    });
    Effect::new(move |_| {
        let ks: Vec<Vec<f32>> = kernels.iter().map(|k| k.get()).collect();
        let b = bias.get();
        photo.with(|p| {
            let Some(Ok(img)) = p else { return };
            let (w, h) = (img.width, img.height);
            let centre_at = (h / 2) * w + w / 2;
            let mut at = [0.0f32; 4];
            for (i, nr) in map_canvases.iter().enumerate() {
                let map = filter(&plane(img, i), &ks[i], &[0.0], 3);
                at[i] = map.data()[centre_at];
                if let Some(c) = nr.get() {
                    let r = paint_map(&c, map.data(), w, h, false);
                    scales.update(|s| s[i] = Scale::of_range(r));
                }
            }
            // The real layer: one 3-channel kernel and one bias, as a network computes it.
            let stacked: Vec<f32> = ks.concat();
            let out = filter(&img.to_tensor(), &stacked, &[b], 3);
            at[3] = out.data()[centre_at];
            if let Some(c) = out_canvas.get() {
                let r = paint_map(&c, out.data(), w, h, false);
                scales.update(|s| s[3] = Scale::of_range(r));
            }
            centre.set(Some(at));
        })
    });

    let all_presets = view! {
        <div class="presets" role="group" aria-labelledby="all-presets">
            <span id="all-presets">{tr(ALL_CHANNELS)}</span>
            {PRESETS.iter().map(|(name, k)| {
                let k = k.to_vec();
                view! { <button type="button" id=format!("all-{name}") on:click=move |_| for s in kernels { s.set(k.clone()) }>{tr(preset_label(name))}</button> }
            }).collect_view()}
        </div>
    };
    let figure = |label: Text, nr: NodeRef<Canvas>, id: &'static str| {
        view! {
            <figure>
                <figcaption>{tr(label)}</figcaption>
                <canvas node_ref=nr id=id class="photo small" role="img" aria-label=move || label.get(lang.get())></canvas>
            </figure>
        }
    };
    // A computed map, with the colour scale it was drawn on (slot `k` of `scales`).
    let map_figure = move |label: Text, nr: NodeRef<Canvas>, id: &'static str, k: usize| {
        view! {
            <figure>
                <figcaption>{tr(label)}</figcaption>
                <canvas node_ref=nr id=id class="photo small" role="img" aria-label=move || label.get(lang.get())></canvas>
                <ScaleLegend scale=Signal::derive(move || scales.get()[k])/>
            </figure>
        }
    };
    use crate::i18n::Text;
    let at_centre = move || {
        centre.get().map(|[r, g, b, out]| {
            AT_CENTRE.fill(
                lang.get(),
                &[
                    ("r", &number(r)),
                    ("g", &number(g)),
                    ("b", &number(b)),
                    ("bias", &number(bias.get())),
                    ("out", &number(out)),
                ],
            )
        })
    };
    let two_layer = Conv2d::new(ConvConfig::new(3, 2, 3, Padding::Same));
    let full_c3 = Conv2d::new(ConvConfig::new(6, 16, 5, Padding::Valid));
    let lenet = lenet5().summary();
    let c3 = lenet
        .rows
        .iter()
        .find(|r| r.name == "C3")
        .and_then(|r| r.formula.clone())
        .map(|f| f.params)
        .unwrap_or_default();
    let params_two = formula_of(&two_layer, &[3, 128, 128]);
    let full = formula_of(&full_c3, &[6, 14, 14]);
    let status = move || photo_status(photo, lang.get());

    view! {
        <article class="lesson channels">
            <h1>{tr(crate::i18n::sections::title(crate::i18n::sections::SectionId::Channels))}</h1>
            <p>{tr(INTRO)}</p>
            <p class="hint" role="status">{status}</p>
            <div class="photo-row">
                {figure(PHOTO, photo_canvas, "photo-rgb")}
                {figure(RED, channel_canvases[0], "channel-r")}
                {figure(GREEN, channel_canvases[1], "channel-g")}
                {figure(BLUE, channel_canvases[2], "channel-b")}
            </div>
            {all_presets}
            <div class="photo-row">
                <KernelEditor id="kernel-r" label=KERNEL_R values=kernels[0]/>
                <KernelEditor id="kernel-g" label=KERNEL_G values=kernels[1]/>
                <KernelEditor id="kernel-b" label=KERNEL_B values=kernels[2]/>
                <div class="field">
                    <NumberField id="bias" label=BIAS value=Signal::derive(move || bias.get() as f64)
                        set=Callback::new(move |v: f64| bias.set(v as f32)) min=-1000.0 max=1000.0/>
                </div>
            </div>
            <div class="photo-row">
                {map_figure(MAP_R, map_canvases[0], "map-r", 0)}
                <span class="sum-sign" aria-hidden="true">"+"</span>
                {map_figure(MAP_G, map_canvases[1], "map-g", 1)}
                <span class="sum-sign" aria-hidden="true">"+"</span>
                {map_figure(MAP_B, map_canvases[2], "map-b", 2)}
                <span class="sum-sign" aria-hidden="true">"="</span>
                {map_figure(OUTPUT, out_canvas, "map-out", 3)}
            </div>
            <p id="at-centre">{at_centre}</p>
            <ArticleNote id="article-shared-kernel" text=article::CHANNELS_SHARED/>
            <section>
                <h2>{tr(MANY_TITLE)}</h2>
                <p>{tr(MANY_INTRO)}</p>
                <div class="photo-row">
                    {map_figure(MAP_X, two_canvases[0], "two-x", 4)}
                    {map_figure(MAP_Y, two_canvases[1], "two-y", 5)}
                </div>
                <p id="params-two">{move || PARAMS_TWO.fill(lang.get(), &[("formula", &params_two)])}</p>
                <p id="six-to-sixteen">{move || SIX_TO_SIXTEEN.fill(lang.get(), &[("full", &full), ("table", &c3)])}</p>
            </section>
            <p class="hint">{tr(PHOTO_CREDIT)}</p>
        </article>
    }
}

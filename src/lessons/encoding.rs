//! Lesson: image encoding. One MNIST digit at 8, 16, 28 and 32 pixels a side (resampled by the
//! engine's `preprocess::resize`), every pixel's 0–255 value readable by pointer or arrow keys, the
//! full number grid of one size, and what each resolution costs (values, bytes, the connections of a
//! first convolution layer, counted by the engine's `Conv2d`).

use crate::engine::data::mnist::Dataset;
use crate::engine::data::preprocess::resize;
use crate::engine::nn::layers::{Conv2d, ConvConfig, Layer};
use crate::engine::nn::model::group_thousands;
use crate::engine::ops::shape::Padding;
use crate::i18n::encoding::*;
use crate::lang::{tr, use_lang};
use crate::widgets::heatmap::paint_range;
use crate::widgets::samples::{sample_digits, COUNT};
use crate::widgets::url_state::{query_param, set_query_params};
use crate::widgets::NumberField;
use crate::widgets::{Scale, ScaleLegend};
use leptos::html::Canvas;
use leptos::prelude::*;
use leptos::task::spawn_local;

const SIZES: [usize; 4] = [8, 16, 28, 32];

/// A number-grid cell painted as the image paints its pixel (0 black … 255 white), with text that
/// stays readable on it: one colour mapping for the picture and its numbers.
fn pixel_style(v: u8) -> String {
    let text = if v >= 128 { "#000" } else { "#fff" };
    format!("background: rgb({v}, {v}, {v}); color: {text}")
}

/// One resolution: the image, a movable cursor, and its value read out.
#[component]
fn Resolution(size: usize, image: Memo<Option<Vec<u8>>>) -> impl IntoView {
    let lang = use_lang();
    let canvas = NodeRef::<Canvas>::new();
    let cursor = RwSignal::new(None::<(usize, usize)>);
    Effect::new(move |_| {
        if let (Some(c), Some(img)) = (canvas.get(), image.get()) {
            let v: Vec<f32> = img.iter().map(|&b| b as f32).collect();
            paint_range(&c, &v, size, size, (0.0, 255.0));
        }
    });
    let pointer = move |ev: web_sys::PointerEvent| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let cell = c.client_width().max(1) as f64 / size as f64;
        let (x, y) = (
            (ev.offset_x() as f64 / cell) as usize,
            (ev.offset_y() as f64 / cell) as usize,
        );
        cursor.set(Some((y.min(size - 1), x.min(size - 1))));
    };
    let key = move |ev: leptos::ev::KeyboardEvent| {
        let (r, c) = cursor.get_untracked().unwrap_or((size / 2, size / 2));
        let next = match ev.key().as_str() {
            "ArrowUp" => (r.saturating_sub(1), c),
            "ArrowDown" => ((r + 1).min(size - 1), c),
            "ArrowLeft" => (r, c.saturating_sub(1)),
            "ArrowRight" => (r, (c + 1).min(size - 1)),
            _ => return,
        };
        ev.prevent_default();
        cursor.set(Some(next));
    };
    let reading = move || {
        let l = lang.get();
        match (cursor.get(), image.get()) {
            (Some((r, c)), Some(img)) => READING.fill(
                l,
                &[
                    ("r", &(r + 1).to_string()),
                    ("c", &(c + 1).to_string()),
                    ("v", &img[r * size + c].to_string()),
                ],
            ),
            _ => READING_HINT.get(l).to_string(),
        }
    };
    let pct = 100.0 / size as f64;
    let cursor_style = move || {
        cursor.get().map_or("display: none".to_string(), |(r, c)| {
            format!(
                "left: {}%; top: {}%; width: {pct}%; height: {pct}%",
                c as f64 * pct,
                r as f64 * pct
            )
        })
    };
    let id = format!("res-{size}");
    view! {
        <figure class="resolution">
            <figcaption>{move || AT_SIZE.fill(lang.get(), &[("s", &size.to_string()), ("n", &group_thousands((size * size) as u64))])}</figcaption>
            <div class="pixel-frame">
                <canvas node_ref=canvas id=id.clone() width=size height=size tabindex="0" role="img"
                    aria-label=move || IMAGE_NAME.fill(lang.get(), &[("s", &size.to_string())])
                    aria-describedby=format!("{id}-reading")
                    on:pointermove=pointer on:pointerdown=pointer on:keydown=key
                    on:focus=move |_| if cursor.get_untracked().is_none() { cursor.set(Some((size / 2, size / 2))) }></canvas>
                <div class="pixel-cursor" style=cursor_style aria-hidden="true"></div>
            </div>
            <output id=format!("{id}-reading") class="reading" aria-live="polite">{reading}</output>
        </figure>
    }
}

#[component]
pub fn EncodingLesson() -> impl IntoView {
    let lang = use_lang();
    let digits = RwSignal::new(None::<Dataset>);
    let number = RwSignal::new(
        query_param("digit")
            .and_then(|d| d.parse::<usize>().ok())
            .unwrap_or(1)
            .clamp(1, COUNT),
    );
    let numbers_of = RwSignal::new(
        query_param("grid")
            .and_then(|d| d.parse::<usize>().ok())
            .filter(|s| SIZES.contains(s))
            .unwrap_or(8),
    );
    Effect::new(move |_| {
        set_query_params(&[
            ("digit", number.get().to_string()),
            ("grid", numbers_of.get().to_string()),
        ])
    });
    spawn_local(async move {
        if let Ok(d) = sample_digits().await {
            digits.set(Some(d));
        }
    });
    let original = Memo::new(move |_| {
        let n = number.get() - 1;
        digits.with(|d| {
            d.as_ref()
                .map(|d| (d.images[n * 784..(n + 1) * 784].to_vec(), d.labels[n]))
        })
    });
    let at = move |s: usize| {
        Memo::new(move |_| {
            original.with(|o| {
                o.as_ref().map(|(img, _)| {
                    if s == 28 {
                        img.clone()
                    } else {
                        resize(img, 28, 28, s, s)
                    }
                })
            })
        })
    };
    let images: Vec<(usize, Memo<Option<Vec<u8>>>)> = SIZES.iter().map(|&s| (s, at(s))).collect();
    let grid_images = images.clone();
    let grid = move || {
        let s = numbers_of.get();
        let img = grid_images
            .iter()
            .find(|(z, _)| *z == s)
            .and_then(|(_, m)| m.get())?;
        let rows = img.chunks(s).map(|row| view! { <tr>{row.iter().map(|&v| view! { <td style=pixel_style(v)>{v}</td> }).collect_view()}</tr> }).collect_view();
        Some(view! {
            <div class="table-scroll number-grid">
                <table id="number-grid">
                    <caption>{NUMBERS_TITLE.fill(lang.get(), &[("s", &s.to_string())])}</caption>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        })
    };
    let costs = SIZES
        .iter()
        .map(|&s| {
            let conv = Conv2d::new(ConvConfig::new(1, 30, 3, Padding::Valid));
            let conns = conv.connections(&[1, s, s]).unwrap_or(0);
            view! {
                <tr>
                    <th scope="row">{format!("{s}×{s}")}</th>
                    <td>{group_thousands((s * s) as u64)}</td>
                    <td>{group_thousands((s * s * 60_000) as u64)}</td>
                    <td>{group_thousands(conns)}</td>
                </tr>
            }
        })
        .collect_view();

    view! {
        <article class="lesson encoding">
            <h1>{tr(crate::i18n::sections::title(crate::i18n::sections::SectionId::Encoding))}</h1>
            <p>{tr(INTRO)}</p>
            <div class="field inline">
                <NumberField id="digit-number" label=DIGIT whole=true min=1.0 max=COUNT as f64
                    value=Signal::derive(move || number.get() as f64)
                    set=Callback::new(move |v: f64| number.set(v as usize))/>
                <span id="digit-label">{move || original.with(|o| o.as_ref().map(|(_, d)| LABEL.fill(lang.get(), &[("d", &d.to_string())])))}</span>
            </div>
            <div class="resolutions">
                {images.into_iter().map(|(s, m)| view! { <Resolution size=s image=m/> }).collect_view()}
            </div>
            <ScaleLegend scale=Scale::Pixels/>
            <div class="field inline">
                <label for="numbers-of">{tr(NUMBERS_OF)}</label>
                <select id="numbers-of" on:change=move |ev| { if let Ok(v) = event_target_value(&ev).parse::<usize>() { numbers_of.set(v) } }>
                    {SIZES.iter().map(|&s| view! { <option value=s.to_string() selected=move || numbers_of.get() == s>{format!("{s}×{s}")}</option> }).collect_view()}
                </select>
            </div>
            {grid}
            <section>
                <h2>{tr(COST_TITLE)}</h2>
                <div class="table-scroll">
                    <table class="cost-table" id="cost-table">
                        <thead><tr><th scope="col">{tr(COL_SIZE)}</th><th scope="col">{tr(COL_VALUES)}</th><th scope="col">{tr(COL_DATASET)}</th><th scope="col">{tr(COL_CONV)}</th></tr></thead>
                        <tbody>{costs}</tbody>
                    </table>
                </div>
                <p>{tr(COST_TEXT)}</p>
            </section>
        </article>
    }
}

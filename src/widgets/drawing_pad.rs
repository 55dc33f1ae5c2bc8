//! The drawing pad: pointer strokes (mouse, pen and touch alike) in white MNIST-like ink on black,
//! turned into the network's 28×28 input after every stroke segment (at most once per frame). Keyboard
//! users pick a test-set image instead. Used by the lab and by the LeNet-5 lesson.

use super::samples::{sample_digits, COUNT as SAMPLES};
use super::NumberField;
use crate::engine::data::mnist::Dataset;
use crate::engine::data::preprocess::mnist_style;
use crate::engine::nn::model::group_thousands;
use crate::i18n::pad::*;
use crate::lang::{tr, use_lang};
use leptos::html::Canvas;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, PointerEvent};

const SIZE: u32 = 280;
/// Stroke width in pad pixels: after MNIST's scaling to a 20-pixel box a digit drawn ~200 px tall
/// gets strokes about 2 px wide, like MNIST's pen.
const BRUSH: f64 = 20.0;

fn ctx(canvas: &web_sys::HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

fn clear(c: &CanvasRenderingContext2d) {
    c.set_fill_style_str("#000");
    c.fill_rect(0.0, 0.0, SIZE as f64, SIZE as f64);
}

/// Ink coverage 0–255 from the red channel (the ink is white on black).
fn read_ink(c: &CanvasRenderingContext2d) -> Option<Vec<u8>> {
    let data = c
        .get_image_data(0.0, 0.0, SIZE as f64, SIZE as f64)
        .ok()?
        .data();
    Some(data.0.chunks_exact(4).map(|p| p[0]).collect())
}

/// A test-set image to put on the pad: its pixels, true label and number in the test set (from 1).
#[derive(Clone, Debug, PartialEq)]
pub struct TestImage {
    pub pixels: Vec<u8>,
    pub truth: u8,
    pub number: usize,
}

#[component]
pub fn DrawingPad(
    input: RwSignal<Option<Vec<u8>>>,
    truth: RwSignal<Option<u8>>,
    /// A test image to show on the pad, set from elsewhere in the lab.
    show: RwSignal<Option<TestImage>>,
    /// Where to keep the test-set number of the image on the pad (none for a drawing).
    #[prop(optional)]
    shown: Option<RwSignal<Option<usize>>>,
) -> impl IntoView {
    let lang = use_lang();
    let canvas = NodeRef::<Canvas>::new();
    let drawing = StoredValue::new(None::<(f64, f64)>);
    let pending = StoredValue::new(false);
    let samples = StoredValue::new_local(None::<Dataset>);
    let sample_no = RwSignal::new(1usize);
    // The test-set number of the image on the pad (none for a drawing).
    let shown_no = shown.unwrap_or_else(|| RwSignal::new(None));

    Effect::new(move |_| {
        if let Some(c) = canvas.get().and_then(|c| ctx(&c)) {
            clear(&c);
        }
    });

    // Preprocess at most once per animation frame, however fast the pointer moves.
    let update = move || {
        if pending.get_value() {
            return;
        }
        pending.set_value(true);
        request_animation_frame(move || {
            pending.set_value(false);
            if let Some(ink) = canvas
                .get_untracked()
                .and_then(|c| ctx(&c))
                .and_then(|c| read_ink(&c))
            {
                input.set(mnist_style(&ink, SIZE as usize, SIZE as usize));
            }
        });
    };
    let point = move |ev: &PointerEvent| {
        let c = canvas.get_untracked()?;
        let scale = SIZE as f64 / c.client_width().max(1) as f64;
        Some((ev.offset_x() as f64 * scale, ev.offset_y() as f64 * scale))
    };
    let stroke_to = move |to: (f64, f64)| {
        let Some(c) = canvas.get_untracked().and_then(|c| ctx(&c)) else {
            return;
        };
        let from = drawing.get_value().unwrap_or(to);
        c.set_stroke_style_str("#fff");
        c.set_line_width(BRUSH);
        c.set_line_cap("round");
        c.set_line_join("round");
        // A soft edge, like MNIST's anti-aliased pen.
        c.set_shadow_blur(3.0);
        c.set_shadow_color("#fff");
        c.begin_path();
        c.move_to(from.0, from.1);
        c.line_to(to.0 + 0.01, to.1);
        c.stroke();
        drawing.set_value(Some(to));
        update();
    };
    let down = move |ev: PointerEvent| {
        ev.prevent_default();
        if let Some(c) = canvas.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        truth.set(None);
        shown_no.set(None);
        drawing.set_value(None);
        if let Some(p) = point(&ev) {
            stroke_to(p);
        }
    };
    let moved = move |ev: PointerEvent| {
        if drawing.get_value().is_some() {
            ev.prevent_default();
            if let Some(p) = point(&ev) {
                stroke_to(p);
            }
        }
    };
    let up = move |_: PointerEvent| drawing.set_value(None);
    let on_clear = move |_| {
        if let Some(c) = canvas.get_untracked().and_then(|c| ctx(&c)) {
            clear(&c);
        }
        input.set(None);
        truth.set(None);
        shown_no.set(None);
    };

    // A test image is already MNIST-shaped: the network gets it exactly.
    let put_image = move |img: Vec<u8>, label: u8, number: usize| {
        if let Some(c) = canvas.get_untracked().and_then(|c| ctx(&c)) {
            clear(&c);
            let cell = SIZE as f64 / 28.0;
            for (i, &v) in img.iter().enumerate() {
                if v > 0 {
                    c.set_fill_style_str(&format!("rgb({v},{v},{v})"));
                    c.fill_rect((i % 28) as f64 * cell, (i / 28) as f64 * cell, cell, cell);
                }
            }
        }
        input.set(Some(img));
        truth.set(Some(label));
        shown_no.set(Some(number));
        // The shipped digits are the test set's first: the box names the one shown, if it can.
        if number <= SAMPLES {
            sample_no.set(number);
        }
    };
    Effect::new(move |_| {
        if let Some(shown) = show.get() {
            if shown.pixels.len() == 784 && canvas.get().is_some() {
                put_image(shown.pixels, shown.truth, shown.number);
            }
            // Handled: a later visit to the lab must not put it back over a newer drawing.
            show.set(None);
        }
    });
    let show_sample = move |_: ()| {
        let n = sample_no.get_untracked().clamp(1, SAMPLES) - 1;
        let paint = move |data: &Dataset| {
            put_image(
                data.images[n * 784..(n + 1) * 784].to_vec(),
                data.labels[n],
                n + 1,
            );
        };
        if let Some(()) = samples.with_value(|s| s.as_ref().map(&paint)) {
            return;
        }
        spawn_local(async move {
            if let Ok(data) = sample_digits().await {
                paint(&data);
                samples.set_value(Some(data));
            }
        });
    };

    view! {
        <div class="pad">
            <p class="label" id="pad-label">{tr(PAD)}</p>
            <canvas
                id="drawing-pad"
                node_ref=canvas
                width=SIZE
                height=SIZE
                role="img"
                aria-labelledby="pad-label"
                aria-describedby="pad-hint"
                on:pointerdown=down
                on:pointermove=moved
                on:pointerup=up
                on:pointercancel=up
            ></canvas>
            <p id="pad-hint" class="hint">{tr(PAD_HINT)}</p>
            <div class="pad-controls">
                <button type="button" id="pad-clear" on:click=on_clear>{tr(CLEAR)}</button>
                <NumberField id="sample-number" label=SAMPLE whole=true min=1.0 max=SAMPLES as f64
                    value=Signal::derive(move || sample_no.get() as f64)
                    set=Callback::new(move |v: f64| sample_no.set(v as usize))
                    on_enter=Callback::new(move |_| show_sample(()))/>
                <button type="button" id="show-sample" on:click=move |_| show_sample(())>{tr(SHOW_SAMPLE)}</button>
            </div>
            <p id="sample-truth">{move || truth.get().map(|d| {
                let l = lang.get();
                let label = SAMPLE_LABEL.fill(l, &[("d", &d.to_string())]);
                match shown_no.get() {
                    Some(i) => TEST_IMAGE_NUMBER.fill(l, &[("i", &group_thousands(i as u64)), ("label", &label)]),
                    None => label,
                }
            })}</p>
        </div>
    }
}

//! The LeNet-5 lesson's picture made real: the learner draws a digit (or shows a test image), the
//! shipped LeNet-5 weights read it, and each stop of the layer strip gets that layer's actual
//! outputs. All by the engine: `lenet5()` with its shipped weights (`widgets::shipped_model`) and
//! `Sequential::trace`.

use crate::engine::nn::loss::argmax;
use crate::engine::nn::model::Sequential;
use crate::engine::nn::models::{lenet5, ModelKind};
use crate::engine::nn::receptive::FieldPath;
use crate::engine::ops::tensor::Tensor;
use crate::i18n::lenet5::*;
use crate::i18n::receptive::{FIELD_LENET, FIELD_TITLE};
use crate::lang::{tr, use_lang};
use crate::widgets::heatmap::paint_tiles_on;
use crate::widgets::receptive_field::CellPicker;
use crate::widgets::shipped_model::{load_shipped, Weights};
use crate::widgets::{DrawingPad, ReceptiveField, Scale, ScaleLegend};
use leptos::html::Canvas;
use leptos::prelude::*;

/// One stop's outputs for the current digit: `n` maps of `h × w`, and how they are coloured.
#[derive(Clone, Debug, PartialEq)]
pub struct StopMaps {
    pub values: Vec<f32>,
    pub n: usize,
    pub h: usize,
    pub w: usize,
    /// tanh outputs (−1…1, two colours); the input and the probabilities are 0…1 in grey.
    pub signed: bool,
}

/// Each stop's output: the layer named `stop`, or the activation right after it (C1 · tanh …).
fn stop_outputs(model: &mut Sequential, image: &[u8], stops: &[String]) -> Vec<StopMaps> {
    let x = Tensor::from_vec(
        &[1, 1, 28, 28],
        image.iter().map(|&v| v as f32 / 255.0).collect(),
    );
    let outs = model.trace(&x);
    let layers = model.layers();
    stops
        .iter()
        .filter_map(|name| {
            let i = layers.iter().position(|l| l.name == *name)?;
            let next_is_act = layers
                .get(i + 1)
                .is_some_and(|l| l.layer.kind().is_activation());
            let j = if next_is_act { i + 1 } else { i };
            let out = &outs[j];
            let (n, h, w) = match out.shape() {
                [_, c, h, w] => (*c, *h, *w),
                [_, c] => (*c, 1, 1),
                _ => return None,
            };
            let signed = i > 0 && j + 1 < outs.len();
            Some(StopMaps {
                values: out.data().to_vec(),
                n,
                h,
                w,
                signed,
            })
        })
        .collect()
}

/// Columns of a stop's tile grid: about square, but the 10 outputs as two rows (0–4, 5–9).
fn columns(m: &StopMaps) -> usize {
    if m.n == 10 && m.h == 1 {
        5
    } else {
        ((m.n as f64).sqrt().ceil() as usize).clamp(1, 12)
    }
}

/// Side of the square a single unit (a 1×1 map: C5, F6, the outputs) is drawn as, so a vector
/// reads as a grid of cells rather than dots.
const UNIT: usize = 5;

/// A stop's maps on a small canvas inside its strip button, sized in CSS pixels to fit a box.
#[component]
pub fn StopCanvas(
    #[prop(into)] maps: Signal<Option<Vec<StopMaps>>>,
    index: usize,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let size = RwSignal::new(String::new());
    Effect::new(move |_| {
        let Some(c) = canvas.get() else { return };
        maps.with(|m| {
            let Some(m) = m.as_ref().and_then(|m| m.get(index)) else {
                size.set("display: none".into());
                return;
            };
            let cols = columns(m);
            let fixed = if m.signed { (-1.0, 1.0) } else { (0.0, 1.0) };
            if m.h * m.w == 1 {
                let cells: Vec<Vec<f32>> = m.values.iter().map(|&v| vec![v; UNIT * UNIT]).collect();
                let tiles: Vec<&[f32]> = cells.iter().map(|c| c.as_slice()).collect();
                paint_tiles_on(&c, &tiles, (UNIT, UNIT, cols), m.signed, fixed);
            } else {
                let tiles: Vec<&[f32]> = m.values.chunks(m.h * m.w).collect();
                paint_tiles_on(&c, &tiles, (m.w, m.h, cols), m.signed, fixed);
            }
            // Whole-pixel enlargement where it fits, so every value stays a crisp square.
            let (cw, ch) = (c.width().max(1) as f64, c.height().max(1) as f64);
            let fit = (120.0 / cw).min(96.0 / ch);
            let scale = if fit >= 1.0 { fit.floor() } else { fit };
            size.set(format!(
                "width: {}px; height: {}px",
                (cw * scale).round(),
                (ch * scale).round()
            ));
        })
    });
    view! { <canvas node_ref=canvas class="stop-maps" style=move || size.get() aria-hidden="true"></canvas> }
}

/// The pad, the weights and the prediction; returns the maps of every stop for the strip.
#[component]
pub fn LenetLook(stops: Vec<String>, maps: RwSignal<Option<Vec<StopMaps>>>) -> impl IntoView {
    let lang = use_lang();
    let input = RwSignal::new(None::<Vec<u8>>);
    let truth = RwSignal::new(None::<u8>);
    let show = RwSignal::new(None::<crate::widgets::TestImage>);
    let model = StoredValue::new_local(None::<Sequential>);
    let weights = load_shipped(Signal::stored(ModelKind::Lenet5), model);
    Effect::new(move |_| {
        let ready = matches!(weights.get(), Weights::Ready(_));
        let outs = input.get().filter(|_| ready).and_then(|img| {
            model.try_update_value(|m| m.as_mut().map(|m| stop_outputs(m, &img, &stops)))?
        });
        maps.set(outs);
    });
    let status = move || {
        let l = lang.get();
        match weights.get() {
            Weights::Loading => LOOK_LOADING.get(l).to_string(),
            Weights::Unreachable(why) => LOOK_FAILED.fill(l, &[("why", &why.text(l))]),
            Weights::Unreadable => LOOK_FAILED.fill(l, &[("why", &LOOK_UNREADABLE.get(l))]),
            Weights::Ready(_) => maps.with(|m| match m.as_ref().and_then(|m| m.last()) {
                None => LOOK_EMPTY.get(l).to_string(),
                Some(out) => {
                    let d = argmax(&out.values);
                    let p = out.values[d];
                    LOOK_READS.fill(
                        l,
                        &[("d", &d.to_string()), ("p", &format!("{:.1}", p * 100.0))],
                    )
                }
            }),
        }
    };
    view! {
        <section class="lenet-look" aria-labelledby="look-title">
            <h2 id="look-title">{tr(LOOK_TITLE)}</h2>
            <p>{tr(LOOK_INTRO)}</p>
            <div class="look-body">
                <DrawingPad input=input truth=truth show=show/>
                <div>
                    <p id="lenet-reads" role="status">{status}</p>
                    <ScaleLegend scale=Scale::Range(0.0, 1.0) label=LOOK_SCALE_IO/>
                    <ScaleLegend scale=Scale::Signed(1.0) label=LOOK_SCALE_INSIDE/>
                </div>
            </div>
        </section>
    }
}

/// The receptive field of a cell of the selected stop's first map, over the drawn digit (the padded
/// input's middle 28 × 28). Nothing for the stops past the flatten, or before a digit is drawn.
#[component]
pub fn StopField(
    maps: RwSignal<Option<Vec<StopMaps>>>,
    stop: usize,
    name: String,
) -> impl IntoView {
    let lang = use_lang();
    let model = lenet5();
    let path = (stop > 0)
        .then(|| model.layers().iter().position(|l| l.name == name))
        .flatten()
        .and_then(|i| FieldPath::of(&model, i));
    let cell = RwSignal::new((0usize, 0usize));
    let in_map = Signal::derive(move || {
        let (r, c) = cell.get();
        maps.with(|m| {
            let here = m.as_ref().and_then(|m| m.get(stop));
            here.map_or((0, 0), |s| (r.min(s.h - 1), c.min(s.w - 1)))
        })
    });
    move || {
        let path = path.clone()?;
        let name = name.clone();
        maps.with(|m| {
            let m = m.as_ref()?;
            let (padded, here) = (m.first()?, m.get(stop)?);
            let pad = padded.h.checked_sub(28)? / 2;
            let image: Vec<f32> = (pad..pad + 28)
                .flat_map(|r| padded.values[r * padded.w + pad..r * padded.w + pad + 28].to_vec())
                .collect();
            let first = here.values[..here.h * here.w].to_vec();
            let intro = name.clone();
            Some(view! {
                <section class="stop-field" aria-labelledby="stop-field-title">
                    <h3 id="stop-field-title">{tr(FIELD_TITLE)}</h3>
                    <p>{move || FIELD_LENET.fill(lang.get(), &[("layer", &intro)])}</p>
                    <div class="map-detail">
                        <CellPicker id="stop-map" class="big-map" values=first h=here.h w=here.w signed=here.signed cell=cell/>
                        <ReceptiveField id="receptive-field" path=path layer=name cell=in_map image=image image_h=28 image_w=28/>
                    </div>
                </section>
            })
        })
    }
}

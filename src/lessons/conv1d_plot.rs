//! Part of the 1D convolution lesson: a noisy signal, a Gaussian and their convolution plotted with
//! plotters on a canvas. The smoothing is the engine's `conv1d` (same mode) with its
//! `gaussian_kernel`; the signal is deterministic, so the picture and the numbers repeat.

use crate::engine::lessons::conv1d::{conv1d, gaussian_kernel, Mode1d};
use crate::i18n::conv1d::*;
use crate::lang::{tr, use_lang};
use crate::widgets::chart_style::{BLUE, GREY, ORANGE};
use crate::widgets::url_state::{query_param, set_query_params};
use crate::widgets::Slider;
use crate::widgets::{ChartLegend, Mark};
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;

const N: usize = 200;

/// The clean wave and, for noise level `pct`, the same wave with repeatable pseudo-random noise.
fn signals(pct: usize) -> (Vec<f32>, Vec<f32>) {
    let clean: Vec<f32> = (0..N)
        .map(|i| {
            (i as f32 * std::f32::consts::TAU / 100.0).sin()
                + 0.5 * (i as f32 * std::f32::consts::TAU / 37.0).sin()
        })
        .collect();
    // A small linear congruential generator: the same noise on every visit.
    let mut state = 12345u32;
    let noisy = clean
        .iter()
        .map(|&v| {
            state = state.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            v + (state >> 8) as f32 / (1u32 << 24) as f32 * 2.0 - 1.0
        })
        .zip(&clean)
        .map(|(n, &c)| c + (n - c) * pct as f32 / 100.0)
        .collect();
    (clean, noisy)
}

fn rms(a: &[f32], b: &[f32]) -> f32 {
    (a.iter().zip(b).map(|(x, y)| (x - y) * (x - y)).sum::<f32>() / a.len() as f32).sqrt()
}

fn draw(canvas: web_sys::HtmlCanvasElement, f: &[f32], g: &[f32], fg: &[f32]) -> Option<()> {
    let s = crate::widgets::chart_style::fit_to_screen(&canvas, 300.0 / 720.0);
    let px = |v: f64| (v * s).round() as u32;
    // About one label per 70 CSS pixels, so a phone's narrow chart does not run them together.
    let x_labels = ((canvas.client_width() as f64 / 70.0) as usize).clamp(3, 10);
    let root = CanvasBackend::with_canvas_object(canvas)?.into_drawing_area();
    let (bg, fgc) = crate::widgets::chart_style::colours();
    root.fill(&bg).ok()?;
    let mut chart = ChartBuilder::on(&root)
        .margin(px(8.0))
        .margin_right(px(18.0))
        .x_label_area_size(px(28.0))
        .y_label_area_size(px(36.0))
        .build_cartesian_2d(0f32..N as f32, -2.6f32..2.6f32)
        .ok()?;
    let style = ("sans-serif", 13.0 * s).into_font().color(&fgc);
    chart
        .configure_mesh()
        .x_labels(x_labels)
        .y_labels(5)
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.1}"))
        .label_style(style)
        .axis_style(fgc)
        .light_line_style(bg)
        .bold_line_style(fgc.mix(0.12))
        .draw()
        .ok()?;
    let centre = N as f32 / 2.0 - g.len() as f32 / 2.0;
    let gmax = g.iter().cloned().fold(f32::MIN, f32::max).max(1e-6);
    chart
        .draw_series(LineSeries::new(
            f.iter().enumerate().map(|(i, &v)| (i as f32, v)),
            GREY.stroke_width(px(1.0)),
        ))
        .ok()?;
    chart
        .draw_series(LineSeries::new(
            g.iter()
                .enumerate()
                .map(|(i, &v)| (centre + i as f32, 2.0 * v / gmax - 2.4)),
            ORANGE.stroke_width(px(2.0)),
        ))
        .ok()?;
    chart
        .draw_series(LineSeries::new(
            fg.iter().enumerate().map(|(i, &v)| (i as f32, v)),
            BLUE.stroke_width(px(3.0)),
        ))
        .ok()?;
    root.present().ok()
}

#[component]
pub fn SmoothingPlot() -> impl IntoView {
    let lang = use_lang();
    let read = |k: &str, d: usize, max: usize| {
        query_param(k)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(d)
            .clamp(1, max)
    };
    let sigma = RwSignal::new(read("sigma", 4, 12));
    let noise = RwSignal::new(read("noise", 60, 100));
    Effect::new(move |_| {
        set_query_params(&[
            ("sigma", sigma.get().to_string()),
            ("noise", noise.get().to_string()),
        ])
    });
    let canvas = NodeRef::<Canvas>::new();
    let errors = RwSignal::new((0.0f32, 0.0f32));
    Effect::new(move |_| {
        let s = sigma.get() as f32;
        let (clean, f) = signals(noise.get());
        let g = gaussian_kernel((3.0 * s).ceil() as usize, s);
        let fg = conv1d(&f, &g, Mode1d::Same);
        errors.set((rms(&f, &clean), rms(&fg, &clean)));
        if let Some(c) = canvas.get() {
            draw(c, &f, &g, &fg);
        }
    });
    view! {
        <section aria-labelledby="smooth-title">
            <h2 id="smooth-title">{tr(SMOOTH_TITLE)}</h2>
            <p>{tr(SMOOTH_INTRO)}</p>
            <div class="controls">
                <Slider id="sigma" label=SIGMA value=sigma min=1 max=12/>
                <Slider id="noise" label=NOISE value=noise min=1 max=100/>
            </div>
            <canvas id="smooth-plot" node_ref=canvas width="720" height="300" class="plot" role="img" aria-label=move || PLOT_NAME.get(lang.get())></canvas>
            <ChartLegend id="smooth-legend" items=vec![(PLOT_F, Mark::Line(GREY)), (PLOT_G, Mark::Line(ORANGE)), (PLOT_FG, Mark::Line(BLUE))]/>
            <p id="smooth-error" role="status">{move || {
                let (b, a) = errors.get();
                SMOOTH_ERROR.fill(lang.get(), &[("before", &format!("{b:.3}")), ("after", &format!("{a:.3}"))])
            }}</p>
        </section>
    }
}

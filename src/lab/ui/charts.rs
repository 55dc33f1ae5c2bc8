//! Live loss and accuracy curves drawn with plotters on a canvas: the training curve per batch
//! (smoothed) and the test result per epoch as points, over the epoch axis.

use crate::lab::protocol::CurvePoint;
use crate::widgets::chart_style::{BLUE, ORANGE};
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::HtmlCanvasElement;

/// Exponential moving average, so one noisy batch does not hide the trend.
pub fn smooth(points: &[CurvePoint], pick: impl Fn(&CurvePoint) -> f32) -> Vec<(f32, f32)> {
    let mut avg = None::<f32>;
    points
        .iter()
        .map(|p| {
            let v = pick(p);
            let a = avg.map_or(v, |a| 0.95 * a + 0.05 * v);
            avg = Some(a);
            (p.x, a)
        })
        .collect()
}

/// The chart's own words; its legend is page text under it (`widgets::ChartLegend`).
pub struct ChartText {
    pub title: &'static str,
    pub x: &'static str,
}

/// Draw one chart: `train` as a line, `test` as dots. `accuracy` fixes the y range to 0–1.
pub fn draw(
    canvas: &HtmlCanvasElement,
    text: &ChartText,
    train: &[(f32, f32)],
    test: &[(f32, f32)],
    epochs: usize,
    accuracy: bool,
) -> Option<()> {
    let s = crate::widgets::chart_style::fit_to_screen(canvas, 260.0 / 480.0);
    let px = |v: f64| (v * s).round() as u32;
    let x_labels = ((canvas.client_width() as f64 / 70.0) as usize).clamp(3, 10);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    let root = backend.into_drawing_area();
    let (bg, fg) = crate::widgets::chart_style::colours();
    root.fill(&bg).ok()?;
    let x_max = (epochs.max(1) as f32).max(train.last().map_or(0.0, |p| p.0));
    let y_max = if accuracy {
        1.0
    } else {
        train
            .iter()
            .chain(test)
            .map(|p| p.1)
            .fold(0.1f32, f32::max)
            .min(5.0)
            * 1.1
    };
    let label_style = ("sans-serif", 13.0 * s).into_font().color(&fg);
    let mut chart = ChartBuilder::on(&root)
        .caption(text.title, ("sans-serif", 16.0 * s).into_font().color(&fg))
        .margin(px(8.0))
        .margin_right(px(18.0))
        .x_label_area_size(px(36.0))
        .y_label_area_size(px(44.0))
        .build_cartesian_2d(0f32..x_max, 0f32..y_max)
        .ok()?;
    chart
        .configure_mesh()
        .x_labels(x_labels)
        .y_labels(5)
        .x_desc(text.x)
        .label_style(label_style.clone())
        .axis_desc_style(label_style.clone())
        .axis_style(fg)
        .light_line_style(bg)
        .bold_line_style(fg.mix(0.15))
        .draw()
        .ok()?;
    chart
        .draw_series(LineSeries::new(
            train.iter().copied(),
            BLUE.stroke_width(px(2.0)),
        ))
        .ok()?;
    chart
        .draw_series(
            test.iter()
                .map(|&(x, y)| Circle::new((x, y), px(4.0), ORANGE.filled())),
        )
        .ok()?;
    root.present().ok()
}

//! A chart's legend as text under its canvas, never over the curves (plotters draws its own inside
//! the plotting area). Each swatch is drawn in the colour its series is (`chart_style`).

use crate::i18n::Text;
use crate::lang::tr;
use leptos::prelude::*;
use plotters::style::RGBColor;

/// How a series is drawn: a line or dots.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Mark {
    Line(RGBColor),
    Dot(RGBColor),
}

#[component]
pub fn ChartLegend(#[prop(into)] id: String, items: Vec<(Text, Mark)>) -> impl IntoView {
    let items = items
        .into_iter()
        .map(|(label, mark)| {
            let (class, RGBColor(r, g, b)) = match mark {
                Mark::Line(c) => ("swatch line", c),
                Mark::Dot(c) => ("swatch dot", c),
            };
            let style = format!("background: rgb({r}, {g}, {b})");
            view! { <li><span class=class style=style aria-hidden="true"></span>{tr(label)}</li> }
        })
        .collect_view();
    view! { <ul class="chart-legend" id=id>{items}</ul> }
}

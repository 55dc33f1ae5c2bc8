//! The first layer's kernels before the latest run and now, side by side: what training changed.
//! "Now" follows the weights the worker streams, so the kernels move while the network learns.

use super::feature_maps::columns;
use crate::i18n::insights::*;
use crate::lab::client::state::Lab;
use crate::lab::trace::Kernels;
use crate::lang::{tr, use_lang};
use crate::widgets::heatmap::paint_tiles;
use crate::widgets::{Scale, ScaleLegend};
use leptos::html::Canvas;
use leptos::prelude::*;

/// Mean over kernels of ‖now − before‖ / ‖before‖.
fn mean_change(before: &Kernels, now: &Kernels) -> Option<f32> {
    if before.values.len() != now.values.len() || before.count == 0 {
        return None;
    }
    let size = before.kh * before.kw;
    let change: f32 = before
        .values
        .chunks(size)
        .zip(now.values.chunks(size))
        .map(|(b, n)| {
            let d: f32 = b.iter().zip(n).map(|(x, y)| (x - y) * (x - y)).sum();
            let s: f32 = b.iter().map(|x| x * x).sum();
            (d / s.max(1e-12)).sqrt()
        })
        .sum();
    Some(change / before.count as f32)
}

#[component]
pub fn KernelChange(kernels: Memo<Option<Kernels>>) -> impl IntoView {
    let lang = use_lang();
    let lab = expect_context::<Lab>();
    let before = Memo::new(move |_| {
        let kind = lab.kind.get();
        lab.kernels_before
            .get()
            .filter(|(k, _)| *k == kind)
            .map(|(_, b)| b)
    });
    let (before_canvas, now_canvas) = (NodeRef::<Canvas>::new(), NodeRef::<Canvas>::new());
    Effect::new(move |_| {
        for (canvas, k) in [(before_canvas, before.get()), (now_canvas, kernels.get())] {
            if let (Some(c), Some(k)) = (canvas.get(), k) {
                let maps: Vec<&[f32]> = k.values.chunks(k.kh * k.kw).collect();
                paint_tiles(&c, &maps, k.kw, k.kh, columns(k.count), true);
            }
        }
    });
    let note = move || {
        let change = before.with(|b| {
            kernels.with(|n| {
                b.as_ref()
                    .zip(n.as_ref())
                    .and_then(|(b, n)| mean_change(b, n))
            })
        });
        change
            .map(|c| KERNELS_CHANGE_NOTE.fill(lang.get(), &[("pct", &format!("{:.0}", c * 100.0))]))
    };
    view! {
        <Show when=move || before.with(|b| b.is_some())>
            <figure class="layer-out kernel-change" id="kernel-change">
                <figcaption>{tr(KERNELS_CHANGE)}</figcaption>
                <div class="pair">
                    <div><p class="label">{tr(KERNELS_BEFORE)}</p><canvas id="kernels-before" node_ref=before_canvas class="tiles" aria-hidden="true"></canvas></div>
                    <div><p class="label">{tr(KERNELS_NOW)}</p><canvas id="kernels-now" node_ref=now_canvas class="tiles" aria-hidden="true"></canvas></div>
                </div>
                <ScaleLegend scale=Scale::OwnSigned/>
                <p class="hint" id="kernel-change-note">{note}</p>
            </figure>
        </Show>
    }
}

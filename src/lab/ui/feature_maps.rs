//! Every layer's output for the current drawing: feature maps as tiled heatmaps, dense layers as
//! bars, the first layer's kernels, and an inspector that enlarges one map with its values.

use super::kernel_change::KernelChange;
use crate::i18n::lab::*;
use crate::lab::client::state::Lab;
use crate::lab::trace::{Kernels, LayerOutput, Trace};
use crate::lang::{tr, use_lang};
use crate::widgets::format::number;
use crate::widgets::heatmap::{paint_tiles, range};
use crate::widgets::receptive_field::CellPicker;
use crate::widgets::{NumberField, ReceptiveField, Scale, ScaleLegend};
use leptos::html::Canvas;
use leptos::prelude::*;

/// Columns of the tiled grid for `n` maps: about square, at most 10 wide.
pub(super) fn columns(n: usize) -> usize {
    ((n as f64).sqrt().ceil() as usize).clamp(1, 10)
}

/// One layer's tiles; clicking a tile selects it in the inspector.
#[component]
fn LayerTiles(
    layer: LayerOutput,
    index: usize,
    on_pick: Callback<(usize, usize)>,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let shape = layer.shape.clone();
    let (n, h, w) = if layer.is_spatial() {
        (shape[0], shape[1], shape[2])
    } else {
        (1, 1, shape[0])
    };
    let cols = if layer.is_spatial() { columns(n) } else { 1 };
    let values = layer.values.clone();
    let spatial = layer.is_spatial();
    let label = layer.label.clone();
    Effect::new(move |_| {
        if let Some(c) = canvas.get() {
            let maps: Vec<&[f32]> = values.chunks(h * w).collect();
            paint_tiles(&c, &maps, w, h, cols, false);
        }
    });
    let click = move |ev: web_sys::MouseEvent| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        if !spatial {
            return;
        }
        let scale = c.width() as f64 / c.client_width().max(1) as f64;
        let (x, y) = (
            (ev.offset_x() as f64 * scale) as usize,
            (ev.offset_y() as f64 * scale) as usize,
        );
        let m = (y / (h + 1)) * cols + x / (w + 1);
        if m < n {
            on_pick.run((index, m));
        }
    };
    let dims = if shape.len() == 3 {
        format!("{}×{}×{}", shape[1], shape[2], shape[0])
    } else {
        shape[0].to_string()
    };
    let class = if shape.len() == 3 { "tiles" } else { "bars" };
    // Ten outputs are the ten digits: name each cell under the bar.
    let digits = (!spatial && n * w == 10).then(|| {
        view! { <ol class="bar-digits" start="0" aria-hidden="true">{(0..10).map(|d| view! { <li>{d}</li> }).collect_view()}</ol> }
    });
    view! {
        <figure class="layer-out">
            <figcaption>{format!("{label} · {dims}")}</figcaption>
            <canvas node_ref=canvas class=class aria-hidden="true" on:click=click></canvas>
            {digits}
        </figure>
    }
}

#[component]
pub fn FeatureMaps(trace: Memo<Option<Trace>>, kernels: Memo<Option<Kernels>>) -> impl IntoView {
    let lang = use_lang();
    // The choice lives in the lab's state, so the address carries it (`client::link`).
    let inspect = expect_context::<Lab>().inspect;
    let on_pick = Callback::new(move |(l, m): (usize, usize)| inspect.set((l, m)));
    let spatial = Memo::new(move |_| {
        trace.with(|t| {
            t.as_ref()
                .map(|t| {
                    t.layers
                        .iter()
                        .enumerate()
                        .filter(|(_, l)| l.is_spatial())
                        .map(|(i, l)| (i, l.label.clone(), l.shape[0]))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let selected = Memo::new(move |_| {
        let (li, mi) = inspect.get();
        trace.with(|t| {
            let layers = &t.as_ref()?.layers;
            // A link's layer that this network lacks: its first maps instead.
            let l = layers
                .get(li)
                .filter(|l| l.is_spatial())
                .or_else(|| layers.iter().find(|l| l.is_spatial()))?;
            let (n, h, w) = (l.shape[0], l.shape[1], l.shape[2]);
            let m = mi.min(n - 1);
            Some((
                l.label.clone(),
                m,
                n,
                h,
                w,
                l.values[m * h * w..(m + 1) * h * w].to_vec(),
            ))
        })
    });
    // The map cell whose receptive field is shown; kept inside the map when the map changes.
    let cell = RwSignal::new((0usize, 0usize));
    let in_map = Signal::derive(move || {
        let (r, c) = cell.get();
        let (h, w) = selected.with(|s| s.as_ref().map_or((1, 1), |s| (s.3, s.4)));
        (r.min(h - 1), c.min(w - 1))
    });
    let field = Memo::new(move |_| {
        let (li, _) = inspect.get();
        trace.with(|t| {
            let t = t.as_ref()?;
            let l = t
                .layers
                .get(li)
                .filter(|l| l.is_spatial())
                .or_else(|| t.layers.iter().find(|l| l.is_spatial()))?;
            Some((l.field.clone()?, l.label.clone(), t.input.clone()))
        })
    });
    let kernel_canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        if let (Some(c), Some(k)) = (kernel_canvas.get(), kernels.get()) {
            let maps: Vec<&[f32]> = k.values.chunks(k.kh * k.kw).collect();
            paint_tiles(&c, &maps, k.kw, k.kh, columns(k.count), true);
        }
    });

    view! {
        <section class="feature-maps" aria-labelledby="maps-title">
            <h2 id="maps-title">{tr(MAPS_TITLE)}</h2>
            <p>{tr(MAPS_INTRO)}</p>
            <figure class="layer-out">
                <figcaption>{tr(KERNELS)}</figcaption>
                <canvas id="kernels" node_ref=kernel_canvas class="tiles" aria-hidden="true"></canvas>
                <ScaleLegend scale=Scale::OwnSigned/>
            </figure>
            <KernelChange kernels=kernels/>
            <Show when=move || trace.with(|t| t.is_some())>
                <ScaleLegend scale=Scale::OwnRange/>
            </Show>
            <div class="layer-list" id="layer-outputs">
                {move || trace.get().map(|t| t.layers.into_iter().enumerate().map(|(i, l)| view! { <LayerTiles layer=l index=i on_pick=on_pick/> }).collect_view())}
            </div>
            // Nothing drawn yet: a hint, not an empty layer list and a map number for nothing.
            <Show when=move || trace.with(|t| t.is_some())
                fallback=|| view! { <p id="maps-empty" class="hint">{tr(MAPS_EMPTY)}</p> }>
            <div class="inspector">
                <div class="field">
                    <label for="inspect-layer">{tr(INSPECT_LAYER)}</label>
                    <select id="inspect-layer" on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<usize>() {
                            inspect.set((v, 0));
                        }
                    }>
                        {move || spatial.get().into_iter().map(|(i, label, _)| view! { <option value=i.to_string() selected=move || inspect.get().0 == i>{label}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <NumberField id="inspect-map" label=INSPECT_MAP whole=true min=1.0
                        max=Signal::derive(move || selected.get().map_or(1, |s| s.2) as f64)
                        value=Signal::derive(move || selected.get().map_or(0, |s| s.1) as f64 + 1.0)
                        set=Callback::new(move |v: f64| inspect.update(|i| i.1 = v as usize - 1))/>
                </div>
                {move || selected.get().map(|(label, m, n, h, w, v)| {
                    let (lo, hi) = range(&v, false);
                    let caption = MAP_CAPTION.fill(lang.get(), &[("layer", &label), ("m", &(m + 1).to_string()), ("n", &n.to_string()), ("h", &h.to_string()), ("w", &w.to_string()), ("lo", &number(lo)), ("hi", &number(hi))]);
                    let rows = v.chunks(w).map(|row| view! { <tr>{row.iter().map(|&x| view! { <td>{number(x)}</td> }).collect_view()}</tr> }).collect_view();
                    view! {
                        <p id="map-caption">{caption}</p>
                        <div class="map-detail">
                            <div>
                                <CellPicker id="big-map" class="big-map" values=v h=h w=w signed=false cell=cell/>
                                <ScaleLegend scale=Scale::Range(lo, hi)/>
                            </div>
                            <div class="map-values" tabindex="0" role="region" aria-labelledby="map-caption"><table><tbody>{rows}</tbody></table></div>
                        </div>
                    }
                })}
                {move || field.get().map(|(path, layer, input)| view! {
                    <ReceptiveField id="receptive-field" path=path layer=layer cell=in_map image=input image_h=28 image_w=28/>
                })}
            </div>
            </Show>
        </section>
    }
}

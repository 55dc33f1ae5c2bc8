//! Lesson: average and max pooling side by side on the same editable 4×4 input, with window and
//! stride controls and the highlighted window's arithmetic. Results come from the engine's pooling
//! layers; the windows from the engine's `PoolConfig`.

use crate::engine::lessons::link::{join, parse_cells};
use crate::engine::nn::layers::{AvgPool2d, Layer, MaxPool2d, PoolConfig};
use crate::engine::ops::shape::Padding;
use crate::engine::ops::tensor::Tensor;
use crate::i18n::pooling::*;
use crate::lang::{tr, use_lang};
use crate::widgets::format::number as show;
use crate::widgets::url_state::{query_param, set_query_options};
use crate::widgets::{NumberField, Slider, Stepper};
use leptos::prelude::*;

const N: usize = 4;
/// Cell values a learner may type (larger ones are refused beside the grid, not rounded).
const CELL_LIMIT: f64 = crate::engine::lessons::link::LIMIT;
/// The example's input: its top-left 2×2 window is (3, 6, 4, 7), as in the text.
const EXAMPLE: [f32; 16] = [
    3., 6., 1., 2., 4., 7., 5., 0., 8., 2., 1., 1., 3., 4., 6., 9.,
];

/// Output grid of one pool: `values` row-major `oh × ow`; the current cell highlighted.
fn output_grid(
    id: &'static str,
    oh: usize,
    ow: usize,
    values: Vec<f32>,
    current: usize,
) -> impl IntoView {
    let rows = (0..oh)
        .map(|y| {
            let cells = (0..ow)
                .map(|x| {
                    let i = y * ow + x;
                    view! { <td class:current=i == current>{show(values[i])}</td> }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! { <table class="pool-grid" id=id><tbody>{rows}</tbody></table> }
}

#[component]
pub fn PoolingLesson() -> impl IntoView {
    let lang = use_lang();
    // Edited cells travel in the link as `?cells=` (16 numbers, row by row).
    let from_link = query_param("cells").and_then(|t| parse_cells(&t, N * N));
    let values = RwSignal::new(from_link.unwrap_or_else(|| EXAMPLE.to_vec()));
    // Window and stride are shared through the URL (`?window=2&stride=2`).
    let from_query = |key: &str| {
        query_param(key)
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(2)
            .clamp(1, 4)
    };
    let size = RwSignal::new(from_query("window"));
    let stride = RwSignal::new(from_query("stride"));
    Effect::new(move |_| {
        let edited = values.with(|v| v != &EXAMPLE);
        set_query_options(&[
            ("window", Some(size.get().to_string())),
            ("stride", Some(stride.get().to_string())),
            ("cells", edited.then(|| values.with(|v| join(v, ",")))),
        ])
    });
    let step = RwSignal::new(0usize);
    let cfg = Memo::new(move |_| PoolConfig::new(size.get(), stride.get(), Padding::Valid));
    let windows = Memo::new(move |_| cfg.get().windows(N, N).ok());
    let pooled = Memo::new(move |_| {
        let x = Tensor::from_vec(&[1, 1, N, N], values.get());
        let c = cfg.get();
        windows.get().map(|(oh, ow, _)| {
            (
                oh,
                ow,
                AvgPool2d::new(c).forward(&x, false).into_data(),
                MaxPool2d::new(c).forward(&x, false).into_data(),
            )
        })
    });
    let last =
        Signal::derive(move || windows.with(|w| w.as_ref().map_or(0, |(oh, ow, _)| oh * ow - 1)));
    let in_window = move |r: usize, c: usize| {
        windows.with(|w| {
            w.as_ref()
                .and_then(|(_, _, ws)| ws.get(step.get()))
                .is_some_and(|(rows, cols)| rows.contains(&r) && cols.contains(&c))
        })
    };

    let cell_message = RwSignal::new(None::<String>);
    // The output-size formula with the current numbers, and what a window that does not fit drops.
    let size_text = move || {
        let (k, s, l) = (size.get(), stride.get(), lang.get());
        let fill = |t: crate::i18n::Text, more: &[(&str, &dyn std::fmt::Display)]| {
            let mut values: Vec<(&str, &dyn std::fmt::Display)> =
                vec![("n", &N), ("k", &k), ("s", &s)];
            values.extend_from_slice(more);
            t.fill(l, &values)
        };
        let o = (N - k.min(N)) / s + 1;
        let dropped = (N - k.min(N)) % s;
        let size = fill(OUTPUT_SIZE, &[("o", &o.to_string())]);
        let drop = (dropped > 0).then(|| {
            fill(
                DROPPED,
                &[("d", &dropped.to_string()), ("r", &(N - k).to_string())],
            )
        });
        (size, drop)
    };
    let input_grid = move || {
        (0..N)
            .map(|r| {
                let cells = (0..N)
                    .map(|c| {
                        let name = Signal::derive(move || {
                            CELL_LABEL.fill(
                                lang.get(),
                                &[("r", &(r + 1).to_string()), ("c", &(c + 1).to_string())],
                            )
                        });
                        let value = Signal::derive(move || values.with(|v| v[r * N + c]) as f64);
                        let set = Callback::new(move |v: f64| {
                            values.update(|vals| vals[r * N + c] = v as f32)
                        });
                        view! {
                            <td class:in-window=move || in_window(r, c)>
                                <NumberField id=format!("pool-in-{r}-{c}") name=name value=value
                                    set=set min=-CELL_LIMIT max=CELL_LIMIT message_to=cell_message/>
                            </td>
                        }
                    })
                    .collect_view();
                view! { <tr>{cells}</tr> }
            })
            .collect_view()
    };

    let reading = move || {
        let (_, _, wins) = windows.get()?;
        let (rows, cols) = wins.get(step.get())?.clone();
        let (_, _, avg, max) = pooled.get()?;
        let vals: Vec<String> = values.with(|v| {
            rows.clone()
                .flat_map(|r| cols.clone().map(move |c| (r, c)))
                .map(|(r, c)| show(v[r * N + c]))
                .collect()
        });
        let i = step.get();
        Some((
            format!("({})/{} = {}", vals.join("+"), vals.len(), show(avg[i])),
            format!("max({}) = {}", vals.join(","), show(max[i])),
        ))
    };

    view! {
        <article class="lesson pooling">
            <h1>{tr(crate::i18n::sections::title(crate::i18n::sections::SectionId::Pooling))}</h1>
            <p class="lead">{tr(INTRO)}</p>
            <div class="controls">
                <Slider id="pool-window" label=WINDOW value=size min=1 max=4/>
                <Slider id="pool-stride" label=STRIDE value=stride min=1 max=4/>
            </div>
            <p id="pool-size">{move || size_text().0}</p>
            <p id="pool-dropped" class="note">{move || size_text().1}</p>
            <p>
                <button type="button" on:click=move |_| { values.set(EXAMPLE.to_vec()); size.set(2); stride.set(2); step.set(0); }>{tr(RESET)}</button>
            </p>
            <Stepper id="pool" step=step last=last/>
            <div class="pool-layout">
                <figure>
                    <figcaption>{tr(INPUT_TITLE)}</figcaption>
                    <table class="pool-grid pool-input"><tbody>{input_grid}</tbody></table>
                    <p class="error-text grid-error" role="alert">{move || cell_message.get()}</p>
                </figure>
                {move || pooled.get().map(|(oh, ow, avg, max)| {
                    let cur = step.get();
                    view! {
                        <figure>
                            <figcaption>{tr(AVERAGE)}</figcaption>
                            {output_grid("pool-avg", oh, ow, avg, cur)}
                        </figure>
                        <figure>
                            <figcaption>{tr(MAX)}</figcaption>
                            {output_grid("pool-max", oh, ow, max, cur)}
                        </figure>
                    }
                })}
            </div>
            <h2>{tr(READING)}</h2>
            <p class="products" id="pool-avg-reading">{move || reading().map(|r| r.0)}</p>
            <p class="products" id="pool-max-reading">{move || reading().map(|r| r.1)}</p>
            <PhotoPooling size=size stride=stride/>
        </article>
    }
}

/// The photo's "edges in x" feature map (after ReLU) pooled both ways with the lesson's window and
/// stride, so the learner sees what each pool keeps of a real feature map. All by the engine.
#[component]
fn PhotoPooling(size: RwSignal<usize>, stride: RwSignal<usize>) -> impl IntoView {
    use crate::engine::data::image::{filter, preset};
    use crate::widgets::photo::{load_photo, paint_map};
    use crate::widgets::{Scale, ScaleLegend};
    use leptos::html::Canvas;
    let lang = use_lang();
    let photo = load_photo();
    let canvases = [
        NodeRef::<Canvas>::new(),
        NodeRef::<Canvas>::new(),
        NodeRef::<Canvas>::new(),
    ];
    let sizes = RwSignal::new(None::<(usize, usize)>);
    let scales = RwSignal::new([Scale::OwnRange; 3]);
    Effect::new(move |_| {
        let cfg = PoolConfig::new(size.get(), stride.get(), Padding::Valid);
        photo.with(|p| {
            let Some(Ok(img)) = p else { return };
            let grey = Tensor::from_vec(&[1, 1, img.height, img.width], img.grey());
            let mut edges = filter(&grey, &preset("edge-x").unwrap_or_default(), &[0.0], 3);
            edges.data_mut().iter_mut().for_each(|v| *v = v.max(0.0));
            let Ok((oh, ow, _)) = cfg.windows(img.height, img.width) else {
                return;
            };
            let maps = [
                edges.clone(),
                AvgPool2d::new(cfg).forward(&edges, false),
                MaxPool2d::new(cfg).forward(&edges, false),
            ];
            for (i, (nr, m)) in canvases.iter().zip(&maps).enumerate() {
                let (w, h) = if i == 0 {
                    (img.width, img.height)
                } else {
                    (ow, oh)
                };
                if let Some(c) = nr.get() {
                    let r = paint_map(&c, m.data(), w, h, false);
                    scales.update(|s| s[i] = Scale::of_range(r));
                }
            }
            sizes.set(Some((oh, ow)));
        })
    });
    let caption = move |t: crate::i18n::Text, pooled: bool| {
        move || {
            let dims = if pooled {
                sizes
                    .get()
                    .map(|(h, w)| format!(" · {h}×{w}"))
                    .unwrap_or_default()
            } else {
                " · 128×128".into()
            };
            format!("{}{dims}", t.get(lang.get()))
        }
    };
    view! {
        <section aria-labelledby="photo-pool-title">
            <h2 id="photo-pool-title">{tr(PHOTO_TITLE)}</h2>
            <p>{tr(PHOTO_INTRO)}</p>
            <div class="photo-row">
                <figure><figcaption id="photo-pool-edges">{caption(PHOTO_EDGES, false)}</figcaption><canvas node_ref=canvases[0] class="photo" role="img" aria-labelledby="photo-pool-edges"></canvas><ScaleLegend scale=Signal::derive(move || scales.get()[0])/></figure>
                <figure><figcaption id="photo-pool-avg">{caption(AVERAGE, true)}</figcaption><canvas node_ref=canvases[1] class="photo" role="img" aria-labelledby="photo-pool-avg"></canvas><ScaleLegend scale=Signal::derive(move || scales.get()[1])/></figure>
                <figure><figcaption id="photo-pool-max">{caption(MAX, true)}</figcaption><canvas node_ref=canvases[2] class="photo" role="img" aria-labelledby="photo-pool-max"></canvas><ScaleLegend scale=Signal::derive(move || scales.get()[2])/></figure>
            </div>
            <p class="hint">{tr(crate::i18n::kernels::PHOTO_CREDIT)}</p>
        </section>
    }
}

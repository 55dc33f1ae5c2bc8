//! Lesson: 2D convolution. Five sliders set the input, kernel, stride, padding and dilation; the output
//! size and the formula with the learner's numbers update at once; a step control slides the kernel and
//! shows each position's products and sum. All arithmetic comes from `engine::conv2d_steps`.

use crate::engine::lessons::conv2d_steps::{
    conv2d_steps, demo_input, demo_kernel, Conv2dSetup, Window2d,
};
use crate::engine::lessons::link::parse_step;
use crate::engine::ops::shape::{dilated, Axis, Quantity, ShapeError};
use crate::i18n::article;
use crate::i18n::conv2d::*;
use crate::i18n::Lang;
use crate::lang::{tr, use_lang};
use crate::widgets::url_state::{query_param, set_query_params};
use crate::widgets::ArticleNote;
use crate::widgets::{Slider, Stepper};
use leptos::prelude::*;

const CELL: usize = 26;
/// Slider ranges, in query order h, w, k, s, p, d: a shared URL cannot go past what the sliders show.
const MAXIMA: [usize; 6] = [12, 12, 7, 4, 4, 3];

/// The setting as URL query parameters, so a teacher can share an exact set-up.
fn read_query() -> [usize; 6] {
    let mut v = [7, 7, 3, 1, 0, 1];
    for (i, key) in ["h", "w", "k", "s", "p", "d"].into_iter().enumerate() {
        if let Some(n) = query_param(key).and_then(|t| t.parse::<usize>().ok()) {
            v[i] = n.min(MAXIMA[i]);
        }
    }
    v
}

/// The setting and the step-through's position (from 1, as `?step=` counts it).
fn write_query(s: &Conv2dSetup, step: usize) {
    let v = [
        s.height,
        s.width,
        s.kernel,
        s.stride,
        s.padding,
        s.dilation,
        step + 1,
    ];
    set_query_params(
        &["h", "w", "k", "s", "p", "d", "step"]
            .iter()
            .zip(v)
            .map(|(k, v)| (*k, v.to_string()))
            .collect::<Vec<_>>(),
    );
}

fn axis_name(axis: Axis, lang: Lang) -> &'static str {
    match axis {
        Axis::Width => AXIS_WIDTH.get(lang),
        _ => AXIS_HEIGHT.get(lang),
    }
}

/// The engine's error, explained in the learner's language.
fn explain(e: &ShapeError, lang: Lang) -> String {
    match e {
        ShapeError::KernelTooLarge {
            axis,
            padded_input,
            kernel,
        } => ERR_KERNEL_TOO_LARGE.fill(
            lang,
            &[
                ("kernel", &kernel.to_string()),
                ("padded", &padded_input.to_string()),
                ("axis", &axis_name(*axis, lang)),
            ],
        ),
        ShapeError::PaddingTooLarge {
            axis,
            padding,
            kernel,
        } => ERR_PADDING_TOO_LARGE.fill(
            lang,
            &[
                ("padding", &padding.to_string()),
                ("kernel", &kernel.to_string()),
                ("axis", &axis_name(*axis, lang)),
            ],
        ),
        ShapeError::Zero { what, axis } => {
            let name = match (what, axis) {
                (Quantity::Stride, _) => STRIDE,
                (Quantity::Dilation, _) => DILATION,
                (Quantity::KernelSize, _) => KERNEL_SIZE,
                (Quantity::InputSize, Axis::Width) => INPUT_WIDTH,
                (Quantity::InputSize, _) => INPUT_HEIGHT,
            };
            ERR_ZERO.fill(lang, &[("what", &name.get(lang))])
        }
        ShapeError::Mismatch(m) => m.clone(),
        ShapeError::TooLarge { axis } => {
            ERR_TOO_LARGE.fill(lang, &[("axis", &axis_name(*axis, lang))])
        }
    }
}

/// `⌊(7 + 2·0 − 3)/1⌋ + 1 = 5` for one axis.
fn formula(n: usize, s: &Conv2dSetup, out: Option<usize>) -> String {
    let f = dilated(s.kernel, s.dilation);
    let result = out.map_or("—".to_string(), |o| o.to_string());
    format!(
        "⌊({n} + 2·{} − {f}) / {}⌋ + 1 = {result}",
        s.padding, s.stride
    )
}

#[component]
pub fn Conv2dLesson() -> impl IntoView {
    let lang = use_lang();
    let q = read_query();
    let (h, w, k, s, p, d) = (
        RwSignal::new(q[0].max(1)),
        RwSignal::new(q[1].max(1)),
        RwSignal::new(q[2].max(1)),
        RwSignal::new(q[3]),
        RwSignal::new(q[4]),
        RwSignal::new(q[5].max(1)),
    );
    let setup = Memo::new(move |_| Conv2dSetup {
        height: h.get(),
        width: w.get(),
        kernel: k.get(),
        stride: s.get(),
        padding: p.get(),
        dilation: d.get(),
    });
    let size = Memo::new(move |_| setup.get().output_size());
    let windows = Memo::new(move |_| {
        let st = setup.get();
        conv2d_steps(
            &st,
            &demo_input(st.height, st.width),
            &demo_kernel(st.kernel),
        )
        .unwrap_or_default()
    });
    let last_step = Signal::derive(move || windows.with(|w| w.len().saturating_sub(1)));
    let from_link = query_param("step").and_then(|t| parse_step(&t, last_step.get_untracked()));
    let step = RwSignal::new(from_link.unwrap_or(0));
    Effect::new(move |_| write_query(&setup.get(), step.get()));
    let preset = move |v: [usize; 6]| {
        for (sig, val) in [h, w, k, s, p, d].into_iter().zip(v) {
            sig.set(val);
        }
        step.set(0);
    };

    let status = move || match size.get() {
        Ok((oh, ow)) => format!("{oh} × {ow}"),
        Err(e) => explain(&e, lang.get()),
    };

    view! {
        <article class="lesson conv2d">
            <h1>{tr(crate::i18n::sections::title(crate::i18n::sections::SectionId::Conv2d))}</h1>
            <p class="lead">{tr(INTRO)}</p>

            <section aria-labelledby="sizes-title">
                <h2 id="sizes-title">{tr(SIZES_TITLE)}</h2>
                <div class="controls">
                    <Slider id="input-height" label=INPUT_HEIGHT value=h min=1 max=MAXIMA[0]/>
                    <Slider id="input-width" label=INPUT_WIDTH value=w min=1 max=MAXIMA[1]/>
                    <Slider id="kernel-size" label=KERNEL_SIZE value=k min=1 max=MAXIMA[2]/>
                    <Slider id="stride" label=STRIDE value=s min=0 max=MAXIMA[3]/>
                    <Slider id="padding" label=PADDING value=p min=0 max=MAXIMA[4]/>
                    <Slider id="dilation" label=DILATION value=d min=1 max=MAXIMA[5]/>
                </div>
                <div class="presets" role="group" aria-label=move || PRESETS.get(lang.get())>
                    <span>{tr(PRESETS)}</span>
                    <button type="button" on:click=move |_| preset([7, 7, 3, 1, 0, 1])>{tr(PRESET_STRIDE1)}</button>
                    <button type="button" on:click=move |_| preset([7, 7, 3, 2, 0, 1])>{tr(PRESET_STRIDE2)}</button>
                    <button type="button" on:click=move |_| preset([7, 7, 3, 1, 1, 1])>{tr(PRESET_SAME)}</button>
                </div>
                <div class="output-size" class:error=move || size.get().is_err()>
                    <span id="output-size-label">{tr(OUTPUT_SIZE)}</span>
                    ": "
                    <strong role="status" aria-labelledby="output-size-label" id="output-size">{status}</strong>
                </div>
                <div class="formula" aria-live="off">
                    <p><code>"n_out = ⌊(n_in + 2p − f) / s⌋ + 1"</code></p>
                    <p>
                        {move || AXIS_HEIGHT.get(lang.get())} ": "
                        <code id="formula-height">{move || formula(h.get(), &setup.get(), size.get().ok().map(|v| v.0))}</code>
                    </p>
                    <p>
                        {move || AXIS_WIDTH.get(lang.get())} ": "
                        <code id="formula-width">{move || formula(w.get(), &setup.get(), size.get().ok().map(|v| v.1))}</code>
                    </p>
                    <p class="note">{tr(FORMULA_NOTE)}</p>
                </div>
            </section>

            <section aria-labelledby="step-title" class="stepper">
                <h2 id="step-title">{tr(STEP_TITLE)}</h2>
                <Show when=move || size.get().is_ok() fallback=move || view! { <p class="error-text">{status}</p> }>
                    <Stepper id="conv2d" step=step last=last_step/>
                    <Grids setup=setup windows=windows step=step/>
                </Show>
            </section>
            <ArticleNote id="article-cross-correlation" text=article::CONV2D_CROSS/>
            <super::photo_filter::PhotoFilter/>
        </article>
    }
}

/// The padded input with the kernel's current window, the kernel, and the output filling in.
#[component]
fn Grids(
    setup: Memo<Conv2dSetup>,
    windows: Memo<Vec<Window2d>>,
    step: RwSignal<usize>,
) -> impl IntoView {
    let input_svg = move || {
        let st = setup.get();
        let (ph, pw) = (st.height + 2 * st.padding, st.width + 2 * st.padding);
        let input = demo_input(st.height, st.width);
        let current: Vec<(usize, usize)> = windows.with(|w| {
            w.get(step.get())
                .map(|win| win.cells.iter().map(|c| (c.padded_y, c.padded_x)).collect())
                .unwrap_or_default()
        });
        let cells = (0..ph * pw)
            .map(|i| {
                let (y, x) = (i / pw, i % pw);
                let inside = y >= st.padding && x >= st.padding && y - st.padding < st.height && x - st.padding < st.width;
                let value = if inside { input[(y - st.padding) * st.width + (x - st.padding)] } else { 0.0 };
                let class = match (inside, current.contains(&(y, x))) {
                    (_, true) => "cell under-kernel",
                    (false, _) => "cell padding",
                    _ => "cell",
                };
                view! {
                    <g>
                        <rect x=x * CELL y=y * CELL width=CELL height=CELL class=class/>
                        <text x=x * CELL + CELL / 2 y=y * CELL + CELL / 2 + 5 text-anchor="middle">{value}</text>
                    </g>
                }
            })
            .collect_view();
        view! {
            <svg class="grid" viewBox=format!("0 0 {} {}", pw * CELL, ph * CELL) style=format!("max-width: {}px", pw * CELL) role="img" aria-labelledby="input-grid-title">
                {cells}
            </svg>
        }
    };
    let output_svg = move || {
        let (oh, ow) = setup.get().output_size().unwrap_or((0, 0));
        let cur = step.get();
        let cells = windows.with(|ws| {
            ws.iter()
                .enumerate()
                .map(|(i, win)| {
                    let class = if i == cur { "cell current" } else if i < cur { "cell done" } else { "cell pending" };
                    let label = if i <= cur { format!("{}", win.sum) } else { String::new() };
                    view! {
                        <g>
                            <rect x=win.out_x * CELL y=win.out_y * CELL width=CELL height=CELL class=class/>
                            <text x=win.out_x * CELL + CELL / 2 y=win.out_y * CELL + CELL / 2 + 5 text-anchor="middle">{label}</text>
                        </g>
                    }
                })
                .collect_view()
        });
        view! {
            <svg class="grid" viewBox=format!("0 0 {} {}", ow.max(1) * CELL, oh.max(1) * CELL) style=format!("max-width: {}px", ow.max(1) * CELL) role="img" aria-labelledby="output-grid-title">
                {cells}
            </svg>
        }
    };
    let products = move || {
        windows.with(|ws| {
            ws.get(step.get()).map(|win| {
                // Negative weights in brackets, so "3×(−1)" reads as a product, not a subtraction.
                let num = |v: f32| {
                    if v < 0.0 {
                        format!("(−{})", -v)
                    } else {
                        v.to_string()
                    }
                };
                let terms: Vec<String> = win
                    .cells
                    .iter()
                    .map(|c| format!("{}×{}", num(c.value), num(c.weight)))
                    .collect();
                format!("{} = {}", terms.join(" + "), win.sum)
            })
        })
    };
    let kernel = move || {
        let kk = setup.get().kernel;
        demo_kernel(kk)
            .chunks(kk)
            .map(|r| {
                r.iter()
                    .map(|v| format!("{v:>3}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    view! {
        <div class="grids">
            <figure>
                <figcaption id="input-grid-title">{tr(PADDED_INPUT)}</figcaption>
                {input_svg}
            </figure>
            <figure>
                <figcaption>{tr(KERNEL)}</figcaption>
                <pre class="kernel">{kernel}</pre>
            </figure>
            <figure>
                <figcaption id="output-grid-title">{tr(OUTPUT_MAP)}</figcaption>
                {output_svg}
            </figure>
        </div>
        <p class="products-title">{tr(PRODUCTS)}</p>
        <p class="products" id="products">{products}</p>
    }
}

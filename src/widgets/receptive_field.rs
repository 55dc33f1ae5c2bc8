//! The receptive field of one cell of a feature map: its size by the formula, with the numbers,
//! and the input pixels it reads outlined on the input picture. Each place picks the cell its own
//! way; `next_cell` gives them all the same arrow keys.

use crate::engine::nn::receptive::{FieldPath, FieldStep};
use crate::i18n::receptive::*;
use crate::lang::{tr, use_lang};
use crate::widgets::heatmap::paint;
use leptos::html::Canvas;
use leptos::prelude::*;

/// The cell an arrow key (or Home / End) moves to in an `h × w` map, `None` for other keys.
pub fn next_cell(
    key: &str,
    (row, col): (usize, usize),
    (h, w): (usize, usize),
) -> Option<(usize, usize)> {
    let (last_r, last_c) = (h.saturating_sub(1), w.saturating_sub(1));
    Some(match key {
        "ArrowUp" => (row.saturating_sub(1), col),
        "ArrowDown" => ((row + 1).min(last_r), col),
        "ArrowLeft" => (row, col.saturating_sub(1)),
        "ArrowRight" => (row, (col + 1).min(last_c)),
        "Home" => (0, 0),
        "End" => (last_r, last_c),
        _ => return None,
    })
}

/// One feature map, enlarged, whose cells a learner picks by pointing, tapping or the arrow keys;
/// the chosen cell (`cell`, kept inside the `h × w` map) is outlined. `label` is its accessible
/// name, so the learner knows the keys are there.
#[component]
pub fn CellPicker(
    id: &'static str,
    class: &'static str,
    values: Vec<f32>,
    h: usize,
    w: usize,
    signed: bool,
    cell: RwSignal<(usize, usize)>,
) -> impl IntoView {
    let lang = use_lang();
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        if let Some(c) = canvas.get() {
            paint(&c, &values, w, h, signed);
        }
    });
    let inside = move || {
        let (r, c) = cell.get();
        (r.min(h.saturating_sub(1)), c.min(w.saturating_sub(1)))
    };
    let point = move |ev: web_sys::PointerEvent| {
        let Some(c) = canvas.get_untracked() else {
            return;
        };
        let at = |offset: i32, size: i32, n: usize| {
            (offset.max(0) as usize * n / size.max(1) as usize).min(n.saturating_sub(1))
        };
        cell.set((
            at(ev.offset_y(), c.client_height(), h),
            at(ev.offset_x(), c.client_width(), w),
        ));
    };
    let keys = move |ev: web_sys::KeyboardEvent| {
        if let Some(next) = next_cell(&ev.key(), inside(), (h, w)) {
            ev.prevent_default();
            cell.set(next);
        }
    };
    let pct = move |a: usize, n: usize| format!("{:.4}%", a as f64 * 100.0 / n.max(1) as f64);
    let marked = move || {
        let (r, c) = inside();
        format!(
            "top:{};left:{};height:{};width:{}",
            pct(r, h),
            pct(c, w),
            pct(1, h),
            pct(1, w)
        )
    };
    view! {
        <div class="field-frame">
            <canvas node_ref=canvas id=id class=class tabindex="0" role="img"
                aria-label=move || FIELD_PICK.get(lang.get())
                on:pointermove=point on:pointerdown=point on:keydown=keys></canvas>
            <div class="cell-box" aria-hidden="true" style=marked></div>
        </div>
    }
}

/// "1 + (3 − 1)·1 + (2 − 1)·1 = 4" along one axis; steps that change nothing (a 1×1 window moved
/// by 1, such as zero padding) are left out.
pub fn formula(steps: &[FieldStep], axis: fn(&FieldStep) -> (usize, usize)) -> String {
    let (mut r, mut j, mut text) = (1, 1, String::from("1"));
    for s in steps {
        let (k, stride) = axis(s);
        if k > 1 {
            text += &format!(" + ({k} − 1)·{j}");
            r += (k - 1) * j;
        }
        j *= stride;
    }
    format!("{text} = {r}")
}

fn rows(s: &FieldStep) -> (usize, usize) {
    (s.extent().0, s.stride.0)
}
fn cols(s: &FieldStep) -> (usize, usize) {
    (s.extent().1, s.stride.1)
}

/// The field of `cell` (row, column of the map at the end of `path`) over the model's input
/// `image` (`h × w`, row-major), with the size, the formula and the outline. `id` names the block
/// for tests and links.
#[component]
pub fn ReceptiveField(
    id: &'static str,
    path: FieldPath,
    layer: String,
    #[prop(into)] cell: Signal<(usize, usize)>,
    image: Vec<f32>,
    image_h: usize,
    image_w: usize,
) -> impl IntoView {
    let lang = use_lang();
    let (size_h, size_w) = path.size();
    let (f_rows, f_cols) = (formula(path.steps(), rows), formula(path.steps(), cols));
    let formula_text = move || {
        if f_rows == f_cols {
            format!("r = {f_rows}")
        } else {
            let l = lang.get();
            format!(
                "{}: r = {f_rows}; {}: r = {f_cols}",
                FIELD_ROWS.get(l),
                FIELD_COLS.get(l)
            )
        }
    };
    let field = {
        let path = path.clone();
        Memo::new(move |_| {
            let (r, c) = cell.get();
            path.cell(r, c)
        })
    };
    let canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        if let Some(c) = canvas.get() {
            paint(&c, &image, image_w, image_h, false);
        }
    });
    let pct = |a: usize, n: usize| format!("{:.4}%", a as f64 * 100.0 / n.max(1) as f64);
    let outline = move || {
        let f = field.get();
        format!(
            "top:{};left:{};height:{};width:{}",
            pct(f.rows.start, image_h),
            pct(f.cols.start, image_w),
            pct(f.rows.len(), image_h),
            pct(f.cols.len(), image_w)
        )
    };
    let status = move || {
        let (l, (r, c), f) = (lang.get(), cell.get(), field.get());
        let place = FIELD_CELL.fill(
            l,
            &[("layer", &layer), ("row", &(r + 1)), ("col", &(c + 1))],
        );
        let span = FIELD_SPAN.fill(
            l,
            &[
                ("r0", &(f.rows.start + 1)),
                ("r1", &f.rows.end),
                ("c0", &(f.cols.start + 1)),
                ("c1", &f.cols.end),
            ],
        );
        FIELD_AT.fill(l, &[("place", &place), ("span", &span)])
    };
    let clipped = move || {
        let f = field.get();
        let (h, w) = f.size();
        f.clipped.then(|| {
            view! { <p class="field-clipped">{move || FIELD_CLIPPED.fill(lang.get(), &[("h", &h), ("w", &w)])}</p> }
        })
    };
    view! {
        <div class="receptive-field" id=id>
            <div class="field-picture">
                <div class="field-frame">
                    <canvas node_ref=canvas aria-hidden="true"></canvas>
                    <div class="field-box" aria-hidden="true" style=outline></div>
                </div>
                <p class="caption">{tr(FIELD_PICTURE)}</p>
            </div>
            <div class="field-text" role="status" aria-live="polite">
                <p class="field-size">{move || FIELD_SIZE.fill(lang.get(), &[("h", &size_h), ("w", &size_w)])}</p>
                <p class="field-cell">{status}</p>
                <p class="field-formula">{tr(FIELD_RULE)}" "<span class="formula">{formula_text}</span></p>
                {clipped}
            </div>
        </div>
    }
}

//! Numbers drawn as pixels on a canvas: one map, or many small maps tiled in a grid. Each map is
//! scaled to its own range so weak layers stay visible; signed data (kernels) uses a two-colour scale
//! with zero in the middle. The canvas holds one pixel per value; CSS enlarges it without smoothing.

use wasm_bindgen::{Clamped, JsCast};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// The range a map is drawn over: `(lo, hi)`, symmetric around 0 when `signed`.
pub fn range(values: &[f32], signed: bool) -> (f32, f32) {
    let (lo, hi) = values
        .iter()
        .fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    if signed {
        let m = lo.abs().max(hi.abs()).max(1e-12);
        (-m, m)
    } else {
        (lo, if hi > lo { hi } else { lo + 1.0 })
    }
}

/// RGB of `v` on the scale `(lo, hi)`: dark → bright (unsigned) or blue → white → orange (signed).
fn colour(v: f32, (lo, hi): (f32, f32), signed: bool) -> [u8; 3] {
    let t = ((v - lo) / (hi - lo)).clamp(0.0, 1.0);
    if signed {
        let s = 2.0 * t - 1.0;
        let fade = |c: f32, k: f32| (255.0 - (255.0 - c) * k) as u8;
        if s < 0.0 {
            [fade(33.0, -s), fade(102.0, -s), fade(172.0, -s)]
        } else {
            [fade(214.0, s), fade(96.0, s), fade(77.0, s)]
        }
    } else {
        let g = (t * 255.0) as u8;
        [g, g, g]
    }
}

fn context(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Draw `maps` (each `w × h`, row-major) as a grid of `cols` columns with a 1-pixel gap.
pub fn paint_tiles(
    canvas: &HtmlCanvasElement,
    maps: &[&[f32]],
    w: usize,
    h: usize,
    cols: usize,
    signed: bool,
) {
    paint_grid(canvas, maps, w, h, cols, signed, None);
}

/// Draw tiles all on one fixed scale `(lo, hi)` (two-colour when `signed`), so maps compare.
pub fn paint_tiles_on(
    canvas: &HtmlCanvasElement,
    maps: &[&[f32]],
    (w, h, cols): (usize, usize, usize),
    signed: bool,
    fixed: (f32, f32),
) {
    paint_grid(canvas, maps, w, h, cols, signed, Some(fixed));
}

/// Draw one map on a fixed scale (pixels: 0–255) instead of its own range.
pub fn paint_range(canvas: &HtmlCanvasElement, map: &[f32], w: usize, h: usize, fixed: (f32, f32)) {
    paint_grid(canvas, &[map], w, h, 1, false, Some(fixed));
}

fn paint_grid(
    canvas: &HtmlCanvasElement,
    maps: &[&[f32]],
    w: usize,
    h: usize,
    cols: usize,
    signed: bool,
    fixed: Option<(f32, f32)>,
) {
    let cols = cols.max(1);
    let rows = maps.len().div_ceil(cols).max(1);
    let (cw, ch) = (cols * (w + 1) - 1, rows * (h + 1) - 1);
    let mut rgba = vec![0u8; cw * ch * 4];
    // The gaps are transparent so the page background shows through.
    for (i, map) in maps.iter().enumerate() {
        let r = fixed.unwrap_or_else(|| range(map, signed));
        let (ox, oy) = ((i % cols) * (w + 1), (i / cols) * (h + 1));
        for y in 0..h {
            for x in 0..w {
                let [cr, cg, cb] = colour(map[y * w + x], r, signed);
                let p = ((oy + y) * cw + ox + x) * 4;
                rgba[p..p + 4].copy_from_slice(&[cr, cg, cb, 255]);
            }
        }
    }
    put_rgba(canvas, &rgba, cw, ch);
}

/// Put raw RGBA pixels on a canvas sized to them.
pub fn put_rgba(canvas: &HtmlCanvasElement, rgba: &[u8], w: usize, h: usize) {
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    if let (Some(ctx), Ok(img)) = (
        context(canvas),
        ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), w as u32, h as u32),
    ) {
        let _ = ctx.put_image_data(&img, 0.0, 0.0);
    }
}

/// Draw a signed `w × h` map over an image (`ink`, 0–255 per pixel): the map's colours, darkened
/// where the image has ink, so the picture's shape shows through (saliency over a drawing).
pub fn paint_over(canvas: &HtmlCanvasElement, map: &[f32], ink: &[u8], w: usize, h: usize) {
    let r = range(map, true);
    let mut rgba = Vec::with_capacity(w * h * 4);
    for (i, &v) in map.iter().enumerate().take(w * h) {
        let shade = 1.0 - 0.45 * ink.get(i).copied().unwrap_or(0) as f32 / 255.0;
        let [cr, cg, cb] = colour(v, r, true).map(|c| (c as f32 * shade) as u8);
        rgba.extend([cr, cg, cb, 255]);
    }
    put_rgba(canvas, &rgba, w, h);
}

/// Draw one `w × h` map.
pub fn paint(canvas: &HtmlCanvasElement, map: &[f32], w: usize, h: usize, signed: bool) {
    paint_tiles(canvas, &[map], w, h, 1, signed);
}

/// Draw `values` as rows of `w` on one scale (two-colour when `signed`), with the value at `mark`
/// in the highlight colour, so a strip that is inspected one value at a time shows where it is.
pub fn paint_strip(
    canvas: &HtmlCanvasElement,
    values: &[f32],
    w: usize,
    signed: bool,
    mark: Option<usize>,
) {
    let w = w.max(1);
    let h = values.len().div_ceil(w).max(1);
    let r = range(values, signed);
    let mut rgba = vec![0u8; w * h * 4];
    for (i, &v) in values.iter().enumerate() {
        let [cr, cg, cb] = if Some(i) == mark {
            MARK
        } else {
            colour(v, r, signed)
        };
        rgba[i * 4..i * 4 + 4].copy_from_slice(&[cr, cg, cb, 255]);
    }
    put_rgba(canvas, &rgba, w, h);
}

/// The inspected value's colour: a saturated green, outside both scales.
const MARK: [u8; 3] = [0, 200, 90];

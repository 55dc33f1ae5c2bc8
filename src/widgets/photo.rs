//! The public-domain photo the convolution lessons filter (Eileen Collins, NASA, from scikit-image's
//! sample data; see `assets/photos/README.md`), and drawing an engine tensor's maps on canvases.

use super::fetch::fetch_bytes;
use super::heatmap::{paint_range, range};
use crate::engine::data::image::{parse_ppm, RgbImage};
use leptos::prelude::*;
use leptos::task::spawn_local;
use web_sys::HtmlCanvasElement;

/// A signal that becomes the photo once it has loaded (or an error message).
pub fn load_photo() -> RwSignal<Option<Result<RgbImage, String>>> {
    let photo = RwSignal::new(None);
    spawn_local(async move {
        let result = fetch_bytes("photos/astronaut-128.ppm")
            .await
            .map_err(|e| e.to_string())
            .and_then(|b| parse_ppm(&b).map_err(|e| e.to_string()));
        photo.set(Some(result));
    });
    photo
}

/// What to say while the photo loads or if it failed; nothing once it is there.
pub fn photo_status(
    photo: RwSignal<Option<Result<RgbImage, String>>>,
    lang: crate::i18n::Lang,
) -> Option<String> {
    match photo.get() {
        None => Some(crate::i18n::kernels::PHOTO_LOADING.get(lang).to_string()),
        Some(Err(e)) => Some(e),
        Some(Ok(_)) => None,
    }
}

/// Draw a map: grey 0–255 for pixel data, otherwise its own range — signed (blue/white/orange) when
/// it has negative values, as edge detectors do. Returns the range used, for the caption.
pub fn paint_map(
    canvas: &HtmlCanvasElement,
    map: &[f32],
    w: usize,
    h: usize,
    pixels: bool,
) -> (f32, f32) {
    if pixels {
        paint_range(canvas, map, w, h, (0.0, 255.0));
        return (0.0, 255.0);
    }
    let (lo, hi) = range(map, false);
    let signed = lo < 0.0;
    super::heatmap::paint_tiles(canvas, &[map], w, h, 1, signed);
    (lo, hi)
}

/// Draw one colour channel tinted in its colour (0 = red, 1 = green, 2 = blue).
pub fn paint_channel(canvas: &HtmlCanvasElement, photo: &RgbImage, c: usize) {
    let mut rgba = vec![0u8; photo.width * photo.height * 4];
    for (i, p) in photo.pixels.chunks_exact(3).enumerate() {
        rgba[i * 4 + c] = p[c];
        rgba[i * 4 + 3] = 255;
    }
    super::heatmap::put_rgba(canvas, &rgba, photo.width, photo.height);
}

/// Draw the photo in colour.
pub fn paint_photo(canvas: &HtmlCanvasElement, photo: &RgbImage) {
    let rgba: Vec<u8> = photo
        .pixels
        .chunks_exact(3)
        .flat_map(|p| [p[0], p[1], p[2], 255])
        .collect();
    super::heatmap::put_rgba(canvas, &rgba, photo.width, photo.height);
}

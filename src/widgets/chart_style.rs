//! What every plotters chart in the page shares: follow the system's light/dark scheme, and draw
//! at the screen's own resolution so text stays sharp and readable on a phone.

use leptos::prelude::window;
use plotters::style::RGBColor;
use web_sys::HtmlCanvasElement;

/// The series colours every chart and its legend (`ChartLegend`) share.
pub const BLUE: RGBColor = RGBColor(33, 102, 172);
pub const ORANGE: RGBColor = RGBColor(214, 96, 77);
pub const GREY: RGBColor = RGBColor(150, 150, 150);

pub fn prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Background and foreground (axes, text) for the current scheme.
pub fn colours() -> (RGBColor, RGBColor) {
    if prefers_dark() {
        (RGBColor(30, 32, 36), RGBColor(230, 230, 230))
    } else {
        (RGBColor(255, 255, 255), RGBColor(30, 30, 30))
    }
}

/// Size `canvas`'s pixels to its box on the page × devicePixelRatio, keeping `aspect` (height ÷
/// width), and return that ratio: fonts, strokes and margins are multiplied by it, so a label is 13
/// CSS pixels tall on a 330-pixel-wide phone chart as on a desktop one (drawn at a fixed 480 pixels
/// and shrunk by CSS, it was 9), and sharp on a high-density screen. Before layout (no width yet)
/// the canvas keeps its size and the factor is 1.
pub fn fit_to_screen(canvas: &HtmlCanvasElement, aspect: f64) -> f64 {
    let css_width = canvas.client_width() as f64;
    if css_width <= 0.0 {
        return 1.0;
    }
    let ratio = window().device_pixel_ratio().max(1.0);
    let (w, h) = (
        (css_width * ratio).round() as u32,
        (css_width * aspect * ratio).round() as u32,
    );
    if canvas.width() != w || canvas.height() != h {
        canvas.set_width(w);
        canvas.set_height(h);
    }
    ratio
}

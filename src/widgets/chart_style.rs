//! What every plotters chart in the page shares: follow the system's light/dark scheme.

use leptos::prelude::window;
use plotters::style::RGBColor;

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

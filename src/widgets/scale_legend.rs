//! The colour scale beside a heat map, so every picture says what its colours mean. It mirrors
//! `heatmap::colour`: grey from dark to bright, or blue → white → orange with 0 in the middle.

use super::format::number;
use crate::i18n::scale::*;
use crate::lang::{tr, use_lang};
use leptos::prelude::*;

/// How a map's values became colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// Pixels, 0 black to 255 white (images, number grids).
    Pixels,
    /// One map drawn over `lo..hi`, dark to bright.
    Range(f32, f32),
    /// One signed map drawn over `−m..m`.
    Signed(f32),
    /// Many tiles, each over its own lowest..highest.
    OwnRange,
    /// Many signed tiles (kernels), each over its own ±largest.
    OwnSigned,
}

impl Scale {
    /// The scale `photo::paint_map` and `heatmap::range` choose for a map drawn over `(lo, hi)`.
    pub fn of_range((lo, hi): (f32, f32)) -> Self {
        if lo < 0.0 {
            Scale::Signed(lo.abs().max(hi.abs()))
        } else {
            Scale::Range(lo, hi)
        }
    }

    fn signed(self) -> bool {
        matches!(self, Scale::Signed(_) | Scale::OwnSigned)
    }
}

#[component]
pub fn ScaleLegend(
    #[prop(into)] scale: Signal<Scale>,
    /// What the scale is for, when a picture has more than one (default "Colour scale:").
    #[prop(optional)]
    label: Option<crate::i18n::Text>,
) -> impl IntoView {
    let lang = use_lang();
    let ends = move || {
        let l = lang.get();
        match scale.get() {
            Scale::Pixels => (
                format!("0 {}", BLACK.get(l)),
                format!("255 {}", WHITE.get(l)),
                None,
            ),
            Scale::Range(lo, hi) => (number(lo), number(hi), None),
            Scale::Signed(m) => (
                number(-m),
                format!("+{}", number(m)),
                Some(ZERO_WHITE.get(l).to_string()),
            ),
            Scale::OwnRange => (OWN_LOW.get(l).into(), OWN_HIGH.get(l).into(), None),
            Scale::OwnSigned => (
                OWN_NEG.get(l).into(),
                OWN_POS.get(l).into(),
                Some(OWN_SIGNED_NOTE.get(l).to_string()),
            ),
        }
    };
    let low = move || ends().0;
    let high = move || ends().1;
    let note = move || {
        ends()
            .2
            .map(|n| view! { <span class="scale-note">{format!("({n})")}</span> })
    };
    view! {
        <p class="scale-legend">
            <span class="scale-label">{tr(label.unwrap_or(SCALE))}</span>
            <span class="scale-low">{low}</span>
            <span class="scale-bar" class:signed=move || scale.get().signed() aria-hidden="true"></span>
            <span class="scale-high">{high}</span>
            {note}
        </p>
    }
}

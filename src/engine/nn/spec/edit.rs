//! Editing a design as the page's designer does: the layer types it offers with everyday
//! defaults, and the numbers each type has (read and written by name).

use super::plan::Limits;
use super::{Act, LayerSpec, Pad};

/// A layer type the designer offers (the `select`'s values).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerType {
    Conv2d,
    MaxPool,
    AvgPool,
    Subsample,
    ZeroPad,
    Flatten,
    Dense,
}

impl LayerType {
    pub const ALL: [(LayerType, &'static str, &'static str); 7] = [
        (LayerType::Conv2d, "conv2d", "Conv2D"),
        (LayerType::MaxPool, "max_pool", "MaxPooling2D"),
        (LayerType::AvgPool, "avg_pool", "AveragePooling2D"),
        (LayerType::Subsample, "subsample", "Subsampling (LeNet)"),
        (LayerType::ZeroPad, "zero_pad", "ZeroPadding2D"),
        (LayerType::Flatten, "flatten", "Flatten"),
        (LayerType::Dense, "dense", "Dense"),
    ];

    pub fn of(l: &LayerSpec) -> Self {
        match l {
            LayerSpec::Conv2d { .. } => Self::Conv2d,
            LayerSpec::MaxPool { .. } => Self::MaxPool,
            LayerSpec::AvgPool { .. } => Self::AvgPool,
            LayerSpec::Subsample { .. } => Self::Subsample,
            LayerSpec::ZeroPad { .. } => Self::ZeroPad,
            LayerSpec::Flatten => Self::Flatten,
            LayerSpec::Dense { .. } => Self::Dense,
        }
    }

    /// A new layer of this type with everyday settings.
    pub fn default_layer(self) -> LayerSpec {
        match self {
            Self::Conv2d => LayerSpec::Conv2d {
                filters: 8,
                kernel: 3,
                stride: 1,
                padding: Pad::Valid,
                activation: Act::Relu,
                table: None,
            },
            Self::MaxPool => LayerSpec::MaxPool {
                size: 2,
                stride: 2,
                padding: Pad::Valid,
            },
            Self::AvgPool => LayerSpec::AvgPool {
                size: 2,
                stride: 2,
                padding: Pad::Valid,
            },
            Self::Subsample => LayerSpec::Subsample {
                size: 2,
                activation: Act::Tanh,
            },
            Self::ZeroPad => LayerSpec::ZeroPad { pad: 2 },
            Self::Flatten => LayerSpec::Flatten,
            Self::Dense => LayerSpec::Dense {
                units: 64,
                activation: Act::Relu,
            },
        }
    }
}

/// The numbers a layer has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Num {
    Filters,
    Kernel,
    Stride,
    Pool,
    Pad,
    Units,
}

impl Num {
    fn slot(self, l: &mut LayerSpec) -> Option<&mut usize> {
        match (self, l) {
            (Num::Filters, LayerSpec::Conv2d { filters, .. }) => Some(filters),
            (Num::Kernel, LayerSpec::Conv2d { kernel, .. }) => Some(kernel),
            (Num::Stride, LayerSpec::Conv2d { stride, .. })
            | (Num::Stride, LayerSpec::MaxPool { stride, .. })
            | (Num::Stride, LayerSpec::AvgPool { stride, .. }) => Some(stride),
            (Num::Pool, LayerSpec::MaxPool { size, .. })
            | (Num::Pool, LayerSpec::AvgPool { size, .. })
            | (Num::Pool, LayerSpec::Subsample { size, .. }) => Some(size),
            (Num::Pad, LayerSpec::ZeroPad { pad }) => Some(pad),
            (Num::Units, LayerSpec::Dense { units, .. }) => Some(units),
            _ => None,
        }
    }

    pub fn get(self, l: &LayerSpec) -> Option<usize> {
        self.slot(&mut l.clone()).map(|v| *v)
    }

    pub fn set(self, l: &mut LayerSpec, v: usize) {
        if let Some(slot) = self.slot(l) {
            *slot = v;
        }
    }

    /// The values the planner accepts for this number (`plan::check`), so a field's message and
    /// the plan's say the same range.
    pub fn range(self, lim: &Limits) -> (usize, usize) {
        match self {
            Num::Filters => (1, lim.filters),
            Num::Units => (1, lim.units),
            Num::Kernel | Num::Stride | Num::Pool | Num::Pad => (1, lim.window),
        }
    }

    /// The numbers a layer type shows, in order.
    pub fn of(t: LayerType) -> &'static [Num] {
        match t {
            LayerType::Conv2d => &[Num::Filters, Num::Kernel, Num::Stride],
            LayerType::MaxPool | LayerType::AvgPool => &[Num::Pool, Num::Stride],
            LayerType::Subsample => &[Num::Pool],
            LayerType::ZeroPad => &[Num::Pad],
            LayerType::Flatten => &[],
            LayerType::Dense => &[Num::Units],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_has_its_numbers() {
        for (t, _, _) in LayerType::ALL {
            let mut l = t.default_layer();
            assert_eq!(LayerType::of(&l), t);
            for &n in Num::of(t) {
                n.set(&mut l, 7);
                assert_eq!(n.get(&l), Some(7), "{t:?} {n:?}");
            }
        }
    }
}

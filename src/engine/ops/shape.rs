//! Output sizes of sliding-window layers: `n_out = ⌊(n_in + p_before + p_after − f_eff)/s⌋ + 1`, with
//! `f_eff = d·(f − 1) + 1`. With symmetric padding p this is the lesson's `⌊(n_in + 2p − f)/s⌋ + 1`.
//! Impossible combinations return a `ShapeError` that says what is wrong, never a panic.

use std::fmt;

/// Which axis a shape error is about (the UI names it in the learner's language).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Axis {
    Height,
    Width,
    Length,
}

/// The sizes a convolution or pooling window is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    InputSize,
    KernelSize,
    Stride,
    Dilation,
}

impl Quantity {
    pub fn name(self) -> &'static str {
        match self {
            Self::InputSize => "input size",
            Self::KernelSize => "kernel size",
            Self::Stride => "stride",
            Self::Dilation => "dilation",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShapeError {
    /// Input, kernel, stride or dilation of zero.
    Zero { what: Quantity, axis: Axis },
    /// The (dilated) kernel does not fit in the padded input.
    KernelTooLarge {
        axis: Axis,
        padded_input: usize,
        kernel: usize,
    },
    /// Padding of at least the kernel size only adds outputs that see nothing but zeros.
    PaddingTooLarge {
        axis: Axis,
        padding: usize,
        kernel: usize,
    },
    /// A layer received an input of the wrong rank or channel count.
    Mismatch(String),
    /// Sizes so large that the arithmetic would overflow (refused, never wrapped).
    TooLarge { axis: Axis },
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShapeError::Zero { what, axis } => {
                write!(f, "{} must be at least 1 ({axis:?})", what.name())
            }
            ShapeError::KernelTooLarge { axis, padded_input, kernel } => write!(
                f,
                "the kernel ({kernel}) is larger than the padded input ({padded_input}) along {axis:?}: no output position fits"
            ),
            ShapeError::PaddingTooLarge { axis, padding, kernel } => write!(
                f,
                "padding {padding} is not smaller than the kernel ({kernel}) along {axis:?}: outputs would see only padding"
            ),
            ShapeError::Mismatch(msg) => write!(f, "{msg}"),
            ShapeError::TooLarge { axis } => {
                write!(f, "the sizes along {axis:?} are too large to compute")
            }
        }
    }
}

impl std::error::Error for ShapeError {}

/// How a sliding-window layer pads its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Padding {
    /// No padding.
    Valid,
    /// Keras/TensorFlow `same`: output = ⌈n/s⌉, the odd extra pad goes after (bottom/right).
    Same,
    /// Explicit zero padding per side.
    Explicit {
        top: usize,
        bottom: usize,
        left: usize,
        right: usize,
    },
}

impl Padding {
    /// Symmetric padding `p` on every side.
    pub fn uniform(p: usize) -> Self {
        Padding::Explicit {
            top: p,
            bottom: p,
            left: p,
            right: p,
        }
    }
}

/// The padding actually applied on each side, once the input size is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Pads {
    pub top: usize,
    pub bottom: usize,
    pub left: usize,
    pub right: usize,
}

/// Effective extent of a dilated kernel (saturating: `output_len` refuses the sizes it cannot hold).
pub fn dilated(kernel: usize, dilation: usize) -> usize {
    dilation
        .saturating_mul(kernel.saturating_sub(1))
        .saturating_add(1)
}

/// Output length along one axis given the padding before and after.
pub fn output_len(
    axis: Axis,
    n_in: usize,
    kernel: usize,
    stride: usize,
    pad_before: usize,
    pad_after: usize,
    dilation: usize,
) -> Result<usize, ShapeError> {
    for (what, v) in [
        (Quantity::InputSize, n_in),
        (Quantity::KernelSize, kernel),
        (Quantity::Stride, stride),
        (Quantity::Dilation, dilation),
    ] {
        if v == 0 {
            return Err(ShapeError::Zero { what, axis });
        }
    }
    let too_large = ShapeError::TooLarge { axis };
    let eff = dilation
        .checked_mul(kernel - 1)
        .and_then(|e| e.checked_add(1))
        .ok_or(too_large.clone())?;
    let padded = n_in
        .checked_add(pad_before)
        .and_then(|p| p.checked_add(pad_after))
        .ok_or(too_large)?;
    if eff > padded {
        return Err(ShapeError::KernelTooLarge {
            axis,
            padded_input: padded,
            kernel: eff,
        });
    }
    Ok((padded - eff) / stride + 1)
}

/// The lesson's formula with symmetric padding: `⌊(n_in + 2p − f)/s⌋ + 1` (dilation folded into f).
/// Padding of at least the kernel size is refused: the extra outputs would see only zeros.
pub fn conv_output_len(
    axis: Axis,
    n_in: usize,
    kernel: usize,
    stride: usize,
    padding: usize,
    dilation: usize,
) -> Result<usize, ShapeError> {
    let n = output_len(axis, n_in, kernel, stride, padding, padding, dilation)?;
    let eff = dilated(kernel, dilation);
    if padding >= eff {
        return Err(ShapeError::PaddingTooLarge {
            axis,
            padding,
            kernel: eff,
        });
    }
    Ok(n)
}

/// Keras `same` padding along one axis: (before, after).
pub fn same_pads(n_in: usize, kernel: usize, stride: usize, dilation: usize) -> (usize, usize) {
    let out = n_in.div_ceil(stride.max(1));
    let needed = (out.saturating_sub(1))
        .saturating_mul(stride)
        .saturating_add(dilated(kernel, dilation))
        .saturating_sub(n_in);
    (needed / 2, needed - needed / 2)
}

/// Resolve a padding mode for a 2D input of `h × w`.
pub fn resolve_pads(
    padding: Padding,
    h: usize,
    w: usize,
    k: (usize, usize),
    s: (usize, usize),
    d: (usize, usize),
) -> Pads {
    match padding {
        Padding::Valid => Pads::default(),
        Padding::Same => {
            let (top, bottom) = same_pads(h, k.0, s.0, d.0);
            let (left, right) = same_pads(w, k.1, s.1, d.1);
            Pads {
                top,
                bottom,
                left,
                right,
            }
        }
        Padding::Explicit {
            top,
            bottom,
            left,
            right,
        } => Pads {
            top,
            bottom,
            left,
            right,
        },
    }
}

/// Output (height, width) of a 2D sliding window.
pub fn output_hw(
    padding: Padding,
    h: usize,
    w: usize,
    k: (usize, usize),
    s: (usize, usize),
    d: (usize, usize),
) -> Result<(usize, usize, Pads), ShapeError> {
    let p = resolve_pads(padding, h, w, k, s, d);
    let oh = output_len(Axis::Height, h, k.0, s.0, p.top, p.bottom, d.0)?;
    let ow = output_len(Axis::Width, w, k.1, s.1, p.left, p.right, d.1)?;
    Ok((oh, ow, p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn extreme_sizes_are_refused_not_wrapped() {
        let m = usize::MAX;
        assert_eq!(
            output_len(Axis::Width, m, 3, 1, 1, 1, 1),
            Err(ShapeError::TooLarge { axis: Axis::Width })
        );
        assert_eq!(
            output_len(Axis::Height, 28, 3, 1, 0, 0, m),
            Err(ShapeError::TooLarge { axis: Axis::Height })
        );
        assert_eq!(
            output_len(Axis::Width, 28, m, 1, 0, 0, 2),
            Err(ShapeError::TooLarge { axis: Axis::Width })
        );
        assert!(output_hw(Padding::Same, m, m, (m, m), (1, 1), (m, m)).is_err());
        assert_eq!(dilated(m, m), m);
        assert!(same_pads(m, m, m, m).0 <= m);
    }

    #[test]
    fn source_examples() {
        // 7×7 input, 3×3 kernel: stride 1 → 5, stride 2 → 3.
        assert_eq!(conv_output_len(Axis::Width, 7, 3, 1, 0, 1), Ok(5));
        assert_eq!(conv_output_len(Axis::Width, 7, 3, 2, 0, 1), Ok(3));
        // Seed model: 28 → 26 with a 3×3 valid conv.
        assert_eq!(conv_output_len(Axis::Width, 28, 3, 1, 0, 1), Ok(26));
        // LeNet-5: 32 → 28 with 5×5.
        assert_eq!(conv_output_len(Axis::Width, 32, 5, 1, 0, 1), Ok(28));
    }

    #[test]
    fn keras_same_pooling_13_to_7() {
        let (oh, ow, p) = output_hw(Padding::Same, 13, 13, (2, 2), (2, 2), (1, 1)).unwrap();
        assert_eq!((oh, ow), (7, 7));
        assert_eq!(
            p,
            Pads {
                top: 0,
                bottom: 1,
                left: 0,
                right: 1
            }
        );
        let (oh, _, p) = output_hw(Padding::Same, 26, 26, (2, 2), (2, 2), (1, 1)).unwrap();
        assert_eq!(oh, 13);
        assert_eq!(p, Pads::default());
        let (oh, _, p) = output_hw(Padding::Same, 13, 13, (3, 3), (1, 1), (1, 1)).unwrap();
        assert_eq!(oh, 13);
        assert_eq!((p.top, p.bottom), (1, 1));
    }

    #[test]
    fn impossible_settings_are_errors_not_panics() {
        assert!(matches!(
            conv_output_len(Axis::Height, 3, 5, 1, 0, 1),
            Err(ShapeError::KernelTooLarge { .. })
        ));
        assert!(matches!(
            conv_output_len(Axis::Height, 7, 3, 0, 0, 1),
            Err(ShapeError::Zero {
                what: Quantity::Stride,
                ..
            })
        ));
        assert!(matches!(
            conv_output_len(Axis::Height, 0, 3, 1, 0, 1),
            Err(ShapeError::Zero { .. })
        ));
        assert!(matches!(
            conv_output_len(Axis::Height, 7, 3, 1, 3, 1),
            Err(ShapeError::PaddingTooLarge { .. })
        ));
        // Dilation 3 turns a 3×3 kernel into 7×7: still fits a 7-wide input exactly once.
        assert_eq!(conv_output_len(Axis::Height, 7, 3, 1, 0, 3), Ok(1));
        assert!(conv_output_len(Axis::Height, 6, 3, 1, 0, 3).is_err());
    }

    proptest! {
        /// The formula equals the number of window positions counted one by one.
        #[test]
        fn formula_counts_window_positions(n in 1usize..40, f in 1usize..8, s in 1usize..5, p in 0usize..4, d in 1usize..3) {
            let eff = dilated(f, d);
            let padded = n + 2 * p;
            let counted = (0..padded).step_by(s).filter(|start| start + eff <= padded).count();
            match output_len(Axis::Length, n, f, s, p, p, d) {
                Ok(out) => prop_assert_eq!(out, counted),
                Err(_) => prop_assert_eq!(counted, 0),
            }
        }

        #[test]
        fn same_gives_ceil(n in 1usize..60, f in 1usize..6, s in 1usize..4) {
            let (before, after) = same_pads(n, f, s, 1);
            let out = output_len(Axis::Length, n, f, s, before, after, 1).unwrap();
            prop_assert_eq!(out, n.div_ceil(s));
            prop_assert!(after == before || after == before + 1);
        }
    }
}

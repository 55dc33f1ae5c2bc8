//! Which way a convolution is computed: chosen once, when the layer is built (as Burn's
//! `Conv2dStrategy`), and every pass — forward, backward, the fused ReLU + pool — matches on it.
//! Each path owns the buffers it reuses across steps.

use super::direct::{self, DirectBuffers};
use super::winograd::Winograd;
use super::ConvConfig;

/// How a layer is computed. The rules, first match wins (why each: docs/benchmarks.md, "Behind
/// the comments"):
///
/// | path      | when                                                                  | forward, both gradients            | fused ReLU + 2×2 pool (training)          |
/// |-----------|-----------------------------------------------------------------------|------------------------------------|-------------------------------------------|
/// | `Winograd`| 3×3, stride 1, no dilation, no table, ≥ 8 input and ≥ 8 output channels | F(2×2, 3×3) transforms + products  | in its output stage, input gradient too   |
/// | `Direct`  | stride 1, no dilation, no table, 16–32 unfolded rows, in the page only  | register blocks over padded planes | image by image through im2col, first layer with parameters only |
/// | `Im2col`  | everything else                                                       | im2col + one matrix product        | image by image, first layer with parameters only |
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathKind {
    Winograd,
    Direct,
    Im2col,
}

/// Where the engine runs: the direct path is the faster one in V8 only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Page,
    Native,
}

impl Target {
    pub const HERE: Target = if cfg!(target_arch = "wasm32") {
        Target::Page
    } else {
        Target::Native
    };
}

impl PathKind {
    /// The path of a layer configured as `c`, on `target` (the table above).
    pub fn for_layer(c: &ConvConfig, target: Target) -> PathKind {
        let plain = c.stride == (1, 1) && c.dilation == (1, 1) && c.table.is_none();
        let rows = c.in_channels * c.kernel.0 * c.kernel.1;
        if plain && c.kernel == (3, 3) && c.in_channels >= 8 && c.out_channels >= 8 {
            PathKind::Winograd
        } else if plain && target == Target::Page && direct::ROWS.contains(&rows) {
            PathKind::Direct
        } else {
            PathKind::Im2col
        }
    }
}

/// The unfolded input and the product's buffers, reused across images and steps.
#[derive(Default)]
pub struct Unfolded {
    /// One group's unfolded input; after a training forward within `KEEP_COLUMNS`, every
    /// group's, one after the other (`cols_kept`).
    pub col: Vec<f32>,
    pub cols_kept: bool,
    /// The unfolded input's gradient (or, in the fused backward, the transposed patches).
    pub dcol: Vec<f32>,
    /// One group's product output (forward) or output gradient (backward), `[O, group·area]`.
    pub out: Vec<f32>,
}

/// A layer's path with its buffers.
pub enum ConvPath {
    Winograd(Winograd),
    /// The direct loops, and for the fused pass (which goes image by image through im2col) the
    /// unfolded input.
    Direct {
        buffers: DirectBuffers,
        unfolded: Unfolded,
    },
    Im2col(Unfolded),
}

impl ConvPath {
    pub fn new(kind: PathKind) -> Self {
        match kind {
            PathKind::Winograd => ConvPath::Winograd(Winograd::default()),
            PathKind::Direct => ConvPath::Direct {
                buffers: DirectBuffers::default(),
                unfolded: Unfolded::default(),
            },
            PathKind::Im2col => ConvPath::Im2col(Unfolded::default()),
        }
    }

    pub fn kind(&self) -> PathKind {
        match self {
            ConvPath::Winograd(_) => PathKind::Winograd,
            ConvPath::Direct { .. } => PathKind::Direct,
            ConvPath::Im2col(_) => PathKind::Im2col,
        }
    }
}

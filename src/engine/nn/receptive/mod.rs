//! Receptive fields: which input pixels a cell of a feature map depends on, found from every
//! layer's kernel, stride and padding (r ← r + (k − 1)·j, j ← j·s, as in Araujo et al., Distill
//! 2019). Element-wise layers keep the field; after `Flatten` every output reads every pixel, so a
//! dense layer has no field worth drawing.

use crate::engine::nn::layers::{
    AvgPool2d, Conv2d, LayerKind, MaxPool2d, PoolConfig, Subsample, ZeroPad2d,
};
use crate::engine::nn::model::{NamedLayer, Sequential};
use crate::engine::ops::shape::{dilated, resolve_pads, Padding};
use std::ops::Range;

#[cfg(test)]
mod tests;

/// One sliding-window layer on the way from the input to a feature map, per axis (height, width).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldStep {
    /// The layer's display name ("conv2d", "C1").
    pub layer: String,
    /// Kernel taps per axis.
    pub kernel: (usize, usize),
    /// Distance between taps (1: a plain kernel).
    pub dilation: (usize, usize),
    pub stride: (usize, usize),
    /// Zero cells before the first input cell (top, left).
    pub pad: (usize, usize),
    /// The layer's input height and width.
    pub input: (usize, usize),
}

/// The input pixels one cell depends on: rows and columns of the model's input image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub rows: Range<usize>,
    pub cols: Range<usize>,
    /// Some of the window reached past the edge of the image (or of a map on the way) into padding.
    pub clipped: bool,
}

impl Field {
    /// Height and width in pixels of the part inside the image.
    pub fn size(&self) -> (usize, usize) {
        (self.rows.len(), self.cols.len())
    }
}

/// The sliding-window layers from the model's input up to one layer's output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldPath {
    steps: Vec<FieldStep>,
}

impl FieldPath {
    /// The path to the output of layer `upto`, or `None` past a `Flatten` (or for no such layer).
    pub fn of(model: &Sequential, upto: usize) -> Option<Self> {
        let mut steps = Vec::new();
        for (i, named) in model.layers().iter().enumerate().take(upto.checked_add(1)?) {
            let input = match model.layer_input_shape(i) {
                [_, h, w] => (*h, *w),
                _ => return None,
            };
            if let Some(step) = step_of(named, input)? {
                steps.push(step);
            }
        }
        (upto < model.layers().len()).then_some(Self { steps })
    }

    /// The sliding-window layers, input first.
    pub fn steps(&self) -> &[FieldStep] {
        &self.steps
    }

    /// The field's size in pixels by the formula, padding included: (height, width).
    pub fn size(&self) -> (usize, usize) {
        let (mut r, mut j) = ((1, 1), (1, 1));
        for s in &self.steps {
            let k = s.extent();
            r.0 += (k.0 - 1) * j.0;
            r.1 += (k.1 - 1) * j.1;
            j = (j.0 * s.stride.0, j.1 * s.stride.1);
        }
        r
    }

    /// How far apart in input pixels neighbouring cells' fields are: (height, width).
    pub fn jump(&self) -> (usize, usize) {
        self.steps
            .iter()
            .fold((1, 1), |j, s| (j.0 * s.stride.0, j.1 * s.stride.1))
    }

    /// The input pixels cell (`row`, `col`) of the last map depends on. Mapped back one layer at a
    /// time as sets of rows and of columns (a window is rectangular, so the set is their product;
    /// a dilated kernel's holes stay out), each cut at its layer's input, so padding never counts
    /// as a pixel. The field is the box around what is left.
    pub fn cell(&self, row: usize, col: usize) -> Field {
        let (mut rows, mut cols, mut clipped) = (vec![row], vec![col], false);
        for s in self.steps.iter().rev() {
            let (r, rc) = back(
                &rows,
                s.kernel.0,
                s.dilation.0,
                s.stride.0,
                s.pad.0,
                s.input.0,
            );
            let (c, cc) = back(
                &cols,
                s.kernel.1,
                s.dilation.1,
                s.stride.1,
                s.pad.1,
                s.input.1,
            );
            (rows, cols, clipped) = (r, c, clipped || rc || cc);
        }
        if rows.is_empty() || cols.is_empty() {
            (rows, cols) = (Vec::new(), Vec::new());
        }
        Field {
            rows: span(&rows),
            cols: span(&cols),
            clipped,
        }
    }
}

impl FieldStep {
    /// The window's extent in cells, dilation holes included: (height, width).
    pub fn extent(&self) -> (usize, usize) {
        (
            dilated(self.kernel.0, self.dilation.0),
            dilated(self.kernel.1, self.dilation.1),
        )
    }
}

/// The input cells that output cells `out` read: `o·s + t·d − p` for every tap `t`, kept inside
/// the input `0..n`; the flag says whether a tap fell into padding.
fn back(out: &[usize], k: usize, d: usize, s: usize, p: usize, n: usize) -> (Vec<usize>, bool) {
    let mut hit = vec![false; n];
    let mut cut = false;
    for &o in out {
        for t in 0..k {
            match (o * s + t * d).checked_sub(p).filter(|&i| i < n) {
                Some(i) => hit[i] = true,
                None => cut = true,
            }
        }
    }
    ((0..n).filter(|&i| hit[i]).collect(), cut)
}

/// The range from the first to the last of sorted cells (empty for none).
fn span(cells: &[usize]) -> Range<usize> {
    match (cells.first(), cells.last()) {
        (Some(&a), Some(&b)) => a..b + 1,
        _ => 0..0,
    }
}

/// The step a layer adds (`Some(None)` for one that keeps the field, `None` for one past which
/// there is no field).
fn step_of(named: &NamedLayer, input: (usize, usize)) -> Option<Option<FieldStep>> {
    let layer = named.layer.as_any();
    let pool = |cfg: &PoolConfig| window(named, input, cfg.size, cfg.stride, (1, 1), cfg.padding);
    Some(match named.layer.kind() {
        LayerKind::Conv2D => {
            let c = layer.downcast_ref::<Conv2d>()?.config();
            window(named, input, c.kernel, c.stride, c.dilation, c.padding)
        }
        LayerKind::MaxPooling2D => pool(layer.downcast_ref::<MaxPool2d>()?.config()),
        LayerKind::AveragePooling2D => pool(layer.downcast_ref::<AvgPool2d>()?.config()),
        LayerKind::Subsampling => pool(layer.downcast_ref::<Subsample>()?.config()),
        LayerKind::ZeroPadding2D => {
            let p = layer.downcast_ref::<ZeroPad2d>()?.pad();
            Some(step(named, (1, 1), (1, 1), (1, 1), (p, p), input))
        }
        LayerKind::Activation(_) | LayerKind::Softmax => None,
        LayerKind::Flatten | LayerKind::Dense => return None,
    })
}

fn window(
    named: &NamedLayer,
    input: (usize, usize),
    kernel: (usize, usize),
    stride: (usize, usize),
    dilation: (usize, usize),
    padding: Padding,
) -> Option<FieldStep> {
    let pads = resolve_pads(padding, input.0, input.1, kernel, stride, dilation);
    Some(step(
        named,
        kernel,
        dilation,
        stride,
        (pads.top, pads.left),
        input,
    ))
}

fn step(
    named: &NamedLayer,
    kernel: (usize, usize),
    dilation: (usize, usize),
    stride: (usize, usize),
    pad: (usize, usize),
    input: (usize, usize),
) -> FieldStep {
    FieldStep {
        layer: named.name.clone(),
        kernel,
        dilation,
        stride,
        pad,
        input,
    }
}

//! One forward pass of the current drawing, kept layer by layer for the feature-map view.
//! Activations are folded into the layer before them ("conv2d · ReLU"), and reshaping layers
//! (zero padding, flatten) are left out: they add nothing to look at.

use crate::engine::nn::layers::{LayerKind, ParamRole};
use crate::engine::nn::model::Sequential;
use crate::engine::nn::nearest::views_in;
use crate::engine::nn::receptive::FieldPath;
use crate::engine::ops::tensor::Tensor;

#[derive(Clone, Debug, PartialEq)]
pub struct LayerOutput {
    pub label: String,
    /// `[C, H, W]` for feature maps, `[N]` for dense layers.
    pub shape: Vec<usize>,
    pub values: Vec<f32>,
    /// Which input pixels each cell reads (`None` past the flatten).
    pub field: Option<FieldPath>,
}

impl LayerOutput {
    pub fn is_spatial(&self) -> bool {
        self.shape.len() == 3
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    /// The 28×28 input, 0–1, that the maps were computed from.
    pub input: Vec<f32>,
    pub layers: Vec<LayerOutput>,
    pub probabilities: Vec<f32>,
    /// What the last dense layer reads, for comparing with MNIST's digits (`engine::nn::nearest`).
    pub view: Option<Vec<f32>>,
    pub millis: f64,
}

/// Run `model` on a 28×28 image (0–255) and keep what is worth drawing. `clock` gives milliseconds.
pub fn trace(model: &mut Sequential, image: &[u8], clock: impl Fn() -> f64) -> Trace {
    let x = Tensor::from_vec(
        &[1, 1, 28, 28],
        image.iter().map(|&v| v as f32 / 255.0).collect(),
    );
    let t0 = clock();
    let outs = model.trace(&x);
    let millis = clock() - t0;
    let layers = model.layers();
    let mut shown = Vec::new();
    for (i, l) in layers.iter().enumerate() {
        let kind = l.layer.kind();
        if kind.is_reshape() || kind.is_activation() && i > 0 {
            continue;
        }
        // Show the activation's output under this layer's name when one follows.
        let (out, label) = match layers.get(i + 1) {
            Some(next) if next.layer.kind().is_activation() => (
                &outs[i + 1],
                format!("{} · {}", l.name, next.layer.kind().name()),
            ),
            _ => (&outs[i], l.name.clone()),
        };
        shown.push(LayerOutput {
            label,
            shape: out.shape()[1..].to_vec(),
            values: out.data().to_vec(),
            field: FieldPath::of(model, i),
        });
    }
    let probabilities = outs.last().map(|t| t.data().to_vec()).unwrap_or_default();
    let view = views_in(model, &x, &outs).and_then(|v| v.into_iter().next());
    Trace {
        input: x.data().to_vec(),
        layers: shown,
        probabilities,
        view,
        millis,
    }
}

/// The first convolution's kernels, one `kh × kw` kernel per output map (its weights summed over input
/// channels, which for a 1-channel input is the kernel itself).
#[derive(Clone, Debug, PartialEq)]
pub struct Kernels {
    pub values: Vec<f32>,
    pub count: usize,
    pub kh: usize,
    pub kw: usize,
}

pub fn first_kernels(model: &Sequential) -> Option<Kernels> {
    let conv = model
        .layers()
        .iter()
        .find(|l| l.layer.kind() == LayerKind::Conv2D)?;
    let w = conv
        .layer
        .params()
        .iter()
        .find(|p| p.role == ParamRole::Weight)?;
    let [o, i, kh, kw] = w.shape[..] else {
        return None;
    };
    let mut out = vec![0.0; o * kh * kw];
    for oc in 0..o {
        for ic in 0..i {
            for k in 0..kh * kw {
                out[oc * kh * kw + k] += w.value[(oc * i + ic) * kh * kw + k];
            }
        }
    }
    Some(Kernels {
        values: out,
        count: o,
        kh,
        kw,
    })
}

//! A sequential model: layers applied one after another, with a Keras-style summary, a training step
//! and parameter names that match an equivalent PyTorch `nn.Sequential` (`"{index}.{weight|bias}"`).

use crate::engine::nn::init::glorot_uniform;
use crate::engine::nn::layers::{Layer, LayerKind, Param, ParamId, ParamRole};
use crate::engine::ops::shape::ShapeError;
use crate::engine::ops::tensor::Tensor;
use rand::SeedableRng;
use rand_pcg::Pcg64;
use std::fmt;

pub struct NamedLayer {
    /// Display name in summaries ("conv2d", "C1").
    pub name: String,
    pub layer: Box<dyn Layer>,
    /// Per-item output shape, fixed when the model is built.
    pub output_shape: Vec<usize>,
}

pub struct Sequential {
    pub name: String,
    input_shape: Vec<usize>,
    layers: Vec<NamedLayer>,
    /// The steps its passes run, planned again whenever a layer is added.
    plan: Plan,
}

mod plan;
mod training;
pub use plan::{Plan, Step};
pub use training::{GradientsReady, LayerClock};

impl Sequential {
    pub fn new(name: &str, input_shape: &[usize]) -> Self {
        Self {
            name: name.to_string(),
            input_shape: input_shape.to_vec(),
            layers: Vec::new(),
            plan: Plan::default(),
        }
    }

    /// Append a layer, checking it accepts the current output shape.
    pub fn push(mut self, name: &str, layer: impl Layer + 'static) -> Result<Self, ShapeError> {
        let input = self
            .layers
            .last()
            .map_or(self.input_shape.clone(), |l| l.output_shape.clone());
        let output_shape = layer.output_shape(&input)?;
        self.layers.push(NamedLayer {
            name: name.to_string(),
            layer: Box::new(layer),
            output_shape,
        });
        let scores = self.score_layers();
        self.plan = Plan::of(&self.layers, scores, self.first_with_params(scores));
        Ok(self)
    }

    /// The steps inference and a training pass run.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The first layer before `end` with parameters (or `end`): nothing reads the gradient of
    /// anything before it, so backward stops there.
    fn first_with_params(&self, end: usize) -> usize {
        self.layers[..end]
            .iter()
            .position(|l| !l.layer.params().is_empty())
            .unwrap_or(end)
    }

    pub fn input_shape(&self) -> &[usize] {
        &self.input_shape
    }
    pub fn output_shape(&self) -> &[usize] {
        self.layers
            .last()
            .map_or(&self.input_shape, |l| &l.output_shape)
    }
    pub fn layers(&self) -> &[NamedLayer] {
        &self.layers
    }
    pub fn layers_mut(&mut self) -> &mut [NamedLayer] {
        &mut self.layers
    }

    /// Input shape of layer `i`.
    pub fn layer_input_shape(&self, i: usize) -> &[usize] {
        if i == 0 {
            &self.input_shape
        } else {
            &self.layers[i - 1].output_shape
        }
    }

    /// Glorot-uniform kernels, zero biases, from a seed: the same seed gives the same model.
    pub fn init(&mut self, seed: u64) {
        let mut rng = Pcg64::seed_from_u64(seed);
        for l in &mut self.layers {
            for p in l.layer.params_mut() {
                match p.role {
                    ParamRole::Weight => glorot_uniform(p, &mut rng),
                    ParamRole::Bias => p.value.fill(0.0),
                }
            }
        }
    }

    /// Inference: probabilities for a batch `[N, …input_shape]`, by the plan's inference steps
    /// (a convolution with its ReLU and pool as one pass, as in training: docs/benchmarks.md,
    /// "Behind the comments").
    pub fn predict(&mut self, x: &Tensor) -> Tensor {
        let mut h = x.clone();
        for s in 0..self.plan.inference.len() {
            if let Step::ConvReluPool { conv, edge } = self.plan.inference[s] {
                let pooled = plan::conv_mut(&mut self.layers[conv])
                    .and_then(|c| c.forward_relu_pool(&h, false, edge));
                if let Some(pooled) = pooled {
                    h = pooled;
                    continue;
                }
            }
            let (first, count) = self.plan.inference[s].layers();
            for l in &mut self.layers[first..first + count] {
                h = l.layer.forward(&h, false);
            }
        }
        h
    }

    /// Inference keeping every layer's output (for drawing feature maps).
    pub fn trace(&mut self, x: &Tensor) -> Vec<Tensor> {
        let mut outs: Vec<Tensor> = Vec::with_capacity(self.layers.len());
        for l in &mut self.layers {
            let h = l.layer.forward(outs.last().unwrap_or(x), false);
            outs.push(h);
        }
        outs
    }

    /// Layers up to the scores: a final Softmax is fused into the loss during training.
    pub(crate) fn score_layers(&self) -> usize {
        match self.layers.last() {
            Some(l) if l.layer.kind() == LayerKind::Softmax => self.layers.len() - 1,
            _ => self.layers.len(),
        }
    }

    pub fn zero_grad(&mut self) {
        for p in self.params_mut() {
            p.zero_grad();
        }
    }

    pub fn params_mut(&mut self) -> impl Iterator<Item = &mut Param> {
        self.layers
            .iter_mut()
            .flat_map(|l| l.layer.params_mut().iter_mut())
    }

    /// Every parameter with its identity (for optimizer state), in order.
    pub fn params_with_ids_mut(&mut self) -> impl Iterator<Item = (ParamId, &mut Param)> {
        self.layers.iter_mut().enumerate().flat_map(|(layer, l)| {
            l.layer.params_mut().iter_mut().map(move |p| {
                (
                    ParamId {
                        layer,
                        role: p.role,
                    },
                    p,
                )
            })
        })
    }

    /// Every parameter with its PyTorch-style name, in order.
    pub fn named_params(&self) -> Vec<(String, &Param)> {
        self.layers
            .iter()
            .enumerate()
            .flat_map(|(i, l)| {
                l.layer
                    .params()
                    .iter()
                    .map(move |p| (format!("{i}.{}", p.role.name()), p))
            })
            .collect()
    }

    pub fn param_count(&self) -> usize {
        self.layers.iter().map(|l| l.layer.param_count()).sum()
    }

    /// Re-apply structural constraints (after loading weights).
    pub fn constrain(&mut self) {
        for l in &mut self.layers {
            l.layer.constrain();
        }
    }

    /// Keras-style summary. Element-wise activations are folded into the row before them, as Keras
    /// shows `Conv2D(…, activation='relu')` as one layer.
    pub fn summary(&self) -> Summary {
        let mut rows: Vec<SummaryRow> = Vec::new();
        for (i, l) in self.layers.iter().enumerate() {
            let elementwise = l.layer.kind().is_activation();
            if let (true, Some(prev)) = (elementwise, rows.last_mut()) {
                prev.activation = Some(l.layer.kind().name().to_ascii_lowercase());
                continue;
            }
            rows.push(SummaryRow {
                index: i,
                name: l.name.clone(),
                kind: l.layer.kind(),
                activation: None,
                output_shape: l.output_shape.clone(),
                params: l.layer.param_count(),
                connections: l.layer.connections(self.layer_input_shape(i)),
                formula: l.layer.count_formula(self.layer_input_shape(i)),
            });
        }
        Summary {
            name: self.name.clone(),
            rows,
            total_params: self.param_count(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SummaryRow {
    /// Index of the layer in the model.
    pub index: usize,
    pub name: String,
    pub kind: LayerKind,
    /// Activation folded into this row, if any ("relu", "softmax", …).
    pub activation: Option<String>,
    pub output_shape: Vec<usize>,
    pub params: usize,
    pub connections: Option<u64>,
    /// How `params` and `connections` are made up, for layers with parameters.
    pub formula: Option<crate::engine::nn::layers::CountFormula>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub name: String,
    pub rows: Vec<SummaryRow>,
    pub total_params: usize,
}

/// "26×26×30" (height × width × channels, the order Keras prints) or "2940".
pub fn format_shape(shape: &[usize]) -> String {
    match shape {
        [c, h, w] => format!("{h}×{w}×{c}"),
        other => other
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join("×"),
    }
}

pub use crate::engine::numfmt::group_thousands;

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Model: \"{}\"", self.name)?;
        writeln!(
            f,
            "{:<34}{:<16}{:>12}{:>16}",
            "Layer (type)", "Output shape", "Param #", "Connections"
        )?;
        writeln!(f, "{}", "─".repeat(78))?;
        for r in &self.rows {
            let kind = match &r.activation {
                Some(a) => format!("{}, {a}", r.kind),
                None => r.kind.to_string(),
            };
            let conn = r.connections.map_or("—".to_string(), group_thousands);
            writeln!(
                f,
                "{:<34}{:<16}{:>12}{:>16}",
                format!("{} ({kind})", r.name),
                format_shape(&r.output_shape),
                group_thousands(r.params as u64),
                conn
            )?;
        }
        writeln!(f, "{}", "─".repeat(78))?;
        write!(
            f,
            "Total params: {}",
            group_thousands(self.total_params as u64)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(1_492_070), "1,492,070");
        assert_eq!(group_thousands(300), "300");
        assert_eq!(group_thousands(5_010), "5,010");
    }
}

//! A network described as data: a list of layer specs for a 28×28×1 input, serialisable (JSON in
//! the page's URL, in a safetensors file's metadata, in a file for `convlab-cli train --spec`).
//! `plan` checks it layer by layer without allocating a weight (shapes and parameter counts by
//! arithmetic, limits on size), so an absurd design is refused in microseconds; `build` makes the
//! `Sequential` from a design that passed. Names follow Keras (`conv2d`, `conv2d_1`, `relu`, …)
//! unless a layer names itself (LeNet-5's C1, S2, …).

pub mod edit;
mod error;
pub mod plan;
pub mod presets;
#[cfg(test)]
mod tests;

use crate::engine::nn::layers::AvgPool2d;
use crate::engine::nn::layers::{
    Activation, Conv2d, ConvConfig, Dense, Flatten, MaxPool2d, PoolConfig, Softmax, Subsample,
    ZeroPad2d,
};
use crate::engine::nn::model::Sequential;
use crate::engine::ops::shape::Padding;
pub use plan::{Limits, Planned, SpecError, SpecProblem};
use serde::{Deserialize, Serialize};

/// The padding a designer offers: none, or Keras's `same`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pad {
    Valid,
    Same,
}

impl Pad {
    pub fn padding(self) -> Padding {
        match self {
            Pad::Valid => Padding::Valid,
            Pad::Same => Padding::Same,
        }
    }
}

/// The non-linearity after a layer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Act {
    #[default]
    None,
    Relu,
    Tanh,
    Sigmoid,
    Softmax,
}

impl Act {
    /// Keras's name for it, also the base of its layer's name.
    pub fn name(self) -> &'static str {
        match self {
            Act::None => "linear",
            Act::Relu => "relu",
            Act::Tanh => "tanh",
            Act::Sigmoid => "sigmoid",
            Act::Softmax => "softmax",
        }
    }
}

fn one() -> usize {
    1
}

/// One layer of a design.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LayerSpec {
    Conv2d {
        filters: usize,
        kernel: usize,
        #[serde(default = "one")]
        stride: usize,
        padding: Pad,
        #[serde(default)]
        activation: Act,
        /// LeCun's connection table: for each filter, the input maps it reads (all when absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        table: Option<Vec<Vec<usize>>>,
    },
    MaxPool {
        size: usize,
        stride: usize,
        padding: Pad,
    },
    AvgPool {
        size: usize,
        stride: usize,
        padding: Pad,
    },
    /// LeNet-5's trainable subsampling (a coefficient and a bias per map), non-overlapping windows.
    Subsample {
        size: usize,
        #[serde(default)]
        activation: Act,
    },
    ZeroPad {
        pad: usize,
    },
    Flatten,
    Dense {
        units: usize,
        #[serde(default)]
        activation: Act,
    },
}

impl LayerSpec {
    /// The Keras-style base name of the layer (numbered `_1`, `_2`… when repeated).
    pub fn base_name(&self) -> &'static str {
        match self {
            LayerSpec::Conv2d { .. } => "conv2d",
            LayerSpec::MaxPool { .. } => "max_pooling2d",
            LayerSpec::AvgPool { .. } => "average_pooling2d",
            LayerSpec::Subsample { .. } => "subsampling",
            LayerSpec::ZeroPad { .. } => "zero_padding2d",
            LayerSpec::Flatten => "flatten",
            LayerSpec::Dense { .. } => "dense",
        }
    }

    pub fn activation(&self) -> Act {
        match self {
            LayerSpec::Conv2d { activation, .. }
            | LayerSpec::Subsample { activation, .. }
            | LayerSpec::Dense { activation, .. } => *activation,
            _ => Act::None,
        }
    }
}

/// A layer of a design with an optional name of its own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedSpec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(flatten)]
    pub layer: LayerSpec,
}

/// A whole design: its name, the per-image input shape `[C, H, W]` and its layers in order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelSpec {
    pub name: String,
    pub input: Vec<usize>,
    pub layers: Vec<NamedSpec>,
}

impl ModelSpec {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serialises")
    }

    pub fn from_json(s: &str) -> Result<Self, String> {
        serde_json::from_str(s).map_err(|e| format!("not a network design: {e}"))
    }

    /// Every layer's name: its own, else Keras's numbered one. Activations get theirs too.
    pub fn names(&self) -> Vec<(String, Option<String>)> {
        let mut seen = std::collections::HashMap::<&str, usize>::new();
        let mut next = |base: &'static str| {
            let n = seen.entry(base).or_insert(0);
            let name = if *n == 0 {
                base.to_string()
            } else {
                format!("{base}_{n}")
            };
            *n += 1;
            name
        };
        self.layers
            .iter()
            .map(|l| {
                let own = l.name.clone().unwrap_or_else(|| next(l.layer.base_name()));
                let act = l.layer.activation();
                (own, (act != Act::None).then(|| next(act.name())))
            })
            .collect()
    }

    /// Check the design against the default limits (see `plan_with`).
    pub fn plan(&self) -> Result<Vec<Planned>, SpecError> {
        self.plan_with(&Limits::BROWSER)
    }

    /// The `Sequential` of a design that plans; weights are zero until `init`.
    pub fn build(&self) -> Result<Sequential, SpecError> {
        let planned = self.plan()?;
        let mut model = Sequential::new(&self.name, &self.input);
        for (i, ((spec, (name, act_name)), plan)) in self
            .layers
            .iter()
            .zip(self.names())
            .zip(&planned)
            .enumerate()
        {
            let at = |e| SpecError::at(i, SpecProblem::Shape(e));
            let channels = plan.input.first().copied().unwrap_or(0);
            model = match &spec.layer {
                LayerSpec::Conv2d {
                    filters,
                    kernel,
                    stride,
                    padding,
                    table,
                    ..
                } => {
                    let mut cfg = ConvConfig::new(channels, *filters, *kernel, padding.padding())
                        .stride((*stride, *stride));
                    if let Some(t) = table {
                        cfg = cfg.table(t.clone());
                    }
                    model.push(&name, Conv2d::new(cfg))
                }
                LayerSpec::MaxPool {
                    size,
                    stride,
                    padding,
                } => model.push(
                    &name,
                    MaxPool2d::new(PoolConfig::new(*size, *stride, padding.padding())),
                ),
                LayerSpec::AvgPool {
                    size,
                    stride,
                    padding,
                } => model.push(
                    &name,
                    AvgPool2d::new(PoolConfig::new(*size, *stride, padding.padding())),
                ),
                LayerSpec::Subsample { size, .. } => {
                    model.push(&name, Subsample::new(channels, *size))
                }
                LayerSpec::ZeroPad { pad } => model.push(&name, ZeroPad2d::new(*pad)),
                LayerSpec::Flatten => model.push(&name, Flatten::new()),
                LayerSpec::Dense { units, .. } => {
                    let inputs = plan.input.iter().product();
                    model.push(&name, Dense::new(inputs, *units))
                }
            }
            .map_err(at)?;
            if let Some(act_name) = act_name {
                model = match spec.layer.activation() {
                    Act::Relu => model.push(&act_name, Activation::relu()),
                    Act::Tanh => model.push(&act_name, Activation::tanh()),
                    Act::Sigmoid => model.push(&act_name, Activation::sigmoid()),
                    Act::Softmax => model.push(&act_name, Softmax::new()),
                    Act::None => Ok(model),
                }
                .map_err(at)?;
            }
        }
        Ok(model)
    }
}

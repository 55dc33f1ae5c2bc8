//! Every network trained to the end in this browser, side by side: what it was, how much it
//! cost and how well it did. The session adds a result when a run finishes; the page keeps the
//! list in IndexedDB and shows it as a table.

use super::network::Network;
use super::protocol::RunConfig;
use super::record::EpochPoint;
use serde::{Deserialize, Serialize};

/// Results kept, newest last (older ones drop off).
pub const KEPT: usize = 20;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunResult {
    pub network: Network,
    pub params: usize,
    pub train_images: usize,
    pub epochs: usize,
    /// Mean training time of one epoch, from the run's measured speed (if it was measured).
    pub seconds_per_epoch: Option<f32>,
    pub test_accuracy: f32,
}

impl RunResult {
    /// The result of a run that finished: its settings, its last epoch, its training speed.
    pub fn of(config: &RunConfig, epochs: &[EpochPoint], samples_per_second: f32) -> Option<Self> {
        let last = epochs.last()?;
        let params = config.model.build().ok()?.param_count();
        Some(Self {
            network: config.model.clone(),
            params,
            train_images: config.train_images,
            epochs: epochs.len(),
            seconds_per_epoch: (samples_per_second > 0.0)
                .then(|| config.train_images as f32 / samples_per_second),
            test_accuracy: last.test_accuracy,
        })
    }
}

/// A design in one line: "Conv2D 8@3×3 relu → MaxPool 2 → Flatten → Dense 10 softmax".
pub fn design_line(spec: &crate::engine::nn::spec::ModelSpec) -> String {
    use crate::engine::nn::spec::{Act, LayerSpec};
    let act = |a: Act| {
        if a == Act::None {
            String::new()
        } else {
            format!(" {}", a.name())
        }
    };
    spec.layers
        .iter()
        .map(|l| match &l.layer {
            LayerSpec::Conv2d {
                filters,
                kernel,
                stride,
                activation,
                ..
            } => {
                let s = if *stride > 1 {
                    format!("/{stride}")
                } else {
                    String::new()
                };
                format!("Conv2D {filters}@{kernel}×{kernel}{s}{}", act(*activation))
            }
            LayerSpec::MaxPool { size, .. } => format!("MaxPool {size}"),
            LayerSpec::AvgPool { size, .. } => format!("AvgPool {size}"),
            LayerSpec::Subsample { size, .. } => format!("Subsample {size}"),
            LayerSpec::ZeroPad { pad } => format!("ZeroPad {pad}"),
            LayerSpec::Flatten => "Flatten".to_string(),
            LayerSpec::Dense { units, activation } => format!("Dense {units}{}", act(*activation)),
        })
        .collect::<Vec<_>>()
        .join(" → ")
}

/// Add `r` to `list`, keeping the newest `KEPT`.
pub fn remember(list: &mut Vec<RunResult>, r: RunResult) {
    list.push(r);
    if list.len() > KEPT {
        list.drain(..list.len() - KEPT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::spec::presets::tiny_spec;

    #[test]
    fn a_design_reads_in_one_line_and_the_list_keeps_the_newest() {
        assert_eq!(
            design_line(&tiny_spec()),
            "Conv2D 8@3×3 relu → MaxPool 2 → Flatten → Dense 10 softmax"
        );
        let r = RunResult {
            network: Network::Design(tiny_spec()),
            params: 13_610,
            train_images: 1_000,
            epochs: 1,
            seconds_per_epoch: Some(1.0),
            test_accuracy: 0.9,
        };
        let mut list = Vec::new();
        for i in 0..KEPT + 3 {
            remember(
                &mut list,
                RunResult {
                    epochs: i,
                    ..r.clone()
                },
            );
        }
        assert_eq!(list.len(), KEPT);
        assert_eq!((list[0].epochs, list[KEPT - 1].epochs), (3, KEPT + 2));
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(serde_json::from_str::<Vec<RunResult>>(&json).unwrap(), list);
    }
}

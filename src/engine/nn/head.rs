//! The classifier half of a network, read off one forward pass: the last feature maps, the flat
//! vector they become, the hidden dense layer's activations, the class scores and their softmax.
//! The "from features to classes" lesson draws these for a digit on the pad.

use super::layers::LayerKind;
use super::model::Sequential;
use crate::engine::ops::tensor::Tensor;

/// One image's path from feature maps to probabilities.
#[derive(Clone, Debug, PartialEq)]
pub struct Head {
    /// The maps flattened, as `[channels, height, width]`.
    pub maps_shape: [usize; 3],
    /// The flatten layer's output: the maps' values channel by channel, row by row.
    pub flat: Vec<f32>,
    /// The name of the first dense layer and its activations (after its activation function).
    pub hidden_name: String,
    pub hidden: Vec<f32>,
    /// The last dense layer's outputs before softmax, and the probabilities softmax makes of them.
    pub scores: Vec<f32>,
    pub probabilities: Vec<f32>,
}

impl Head {
    /// Where `i` of the flat vector comes from: (map, row, column).
    pub fn origin(&self, i: usize) -> (usize, usize, usize) {
        let [_, h, w] = self.maps_shape;
        (i / (h * w), i / w % h, i % w)
    }
}

/// `image`: one 28×28 input in 0…1. `None` for a network without flatten → dense → … → dense →
/// softmax (a design may end differently).
pub fn read_head(model: &mut Sequential, image: &[f32]) -> Option<Head> {
    let mut shape = vec![1];
    shape.extend_from_slice(model.input_shape());
    let outs = model.trace(&Tensor::from_vec(&shape, image.to_vec()));
    let kinds: Vec<LayerKind> = model.layers().iter().map(|l| l.layer.kind()).collect();
    let flatten = kinds.iter().position(|k| *k == LayerKind::Flatten)?;
    let maps_shape = match model.layer_input_shape(flatten) {
        [c, h, w] => [*c, *h, *w],
        _ => return None,
    };
    let dense: Vec<usize> = (flatten..kinds.len())
        .filter(|&i| kinds[i] == LayerKind::Dense)
        .collect();
    let (&first, &last) = (dense.first()?, dense.last()?);
    if first == last || *kinds.last()? != LayerKind::Softmax {
        return None;
    }
    let after_first = if kinds[first + 1].is_activation() {
        first + 1
    } else {
        first
    };
    Some(Head {
        maps_shape,
        flat: outs[flatten].data().to_vec(),
        hidden_name: model.layers()[first].name.clone(),
        hidden: outs[after_first].data().to_vec(),
        scores: outs[last].data().to_vec(),
        probabilities: outs.last()?.data().to_vec(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::models::{lenet5, seed};

    fn digit() -> Vec<f32> {
        // A vertical bar: enough to give every layer non-zero values.
        (0..784)
            .map(|i| {
                if (13..15).contains(&(i % 28)) && (4..24).contains(&(i / 28)) {
                    1.0
                } else {
                    0.0
                }
            })
            .collect()
    }

    #[test]
    fn the_seed_models_head_is_2940_then_500_then_10() {
        let mut m = seed();
        m.init(7);
        let h = read_head(&mut m, &digit()).expect("seed has a head");
        assert_eq!(h.maps_shape, [60, 7, 7]);
        assert_eq!(
            (h.flat.len(), h.hidden.len(), h.scores.len()),
            (2940, 500, 10)
        );
        assert_eq!(h.hidden_name, "dense");
        assert!(h.hidden.iter().all(|&v| v >= 0.0), "after ReLU");
        assert_eq!(h.origin(0), (0, 0, 0));
        assert_eq!(h.origin(50), (1, 0, 1));
        assert_eq!(h.origin(2939), (59, 6, 6));
        let peak = h.scores.iter().cloned().fold(f32::MIN, f32::max);
        let sum: f32 = h.scores.iter().map(|s| (s - peak).exp()).sum();
        for (s, p) in h.scores.iter().zip(&h.probabilities) {
            assert!(((s - peak).exp() / sum - p).abs() < 1e-5);
        }
        // The flat vector is the maps' values in order: the trace's pool output, unchanged.
        let outs = m.trace(&Tensor::from_vec(&[1, 1, 28, 28], digit()));
        assert_eq!(h.flat, outs[5].data());
    }

    #[test]
    fn lenet5s_head_flattens_c5s_120_ones() {
        let mut m = lenet5();
        m.init(3);
        let h = read_head(&mut m, &digit()).expect("LeNet-5 has a head");
        assert_eq!(h.maps_shape, [120, 1, 1]);
        assert_eq!(
            (h.flat.len(), h.hidden.len(), h.scores.len()),
            (120, 84, 10)
        );
        assert_eq!(h.hidden_name, "F6");
        assert!(h.hidden.iter().all(|v| v.abs() <= 1.0), "after tanh");
    }
}

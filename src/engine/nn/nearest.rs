//! How near a drawing is to MNIST's digits as the network sees them: the activations its last
//! dense layer reads (its "view" of an image), compared by cosine with the views of a reference
//! set of MNIST training digits. A digit has MNIST digits of its kind nearby; a letter or a
//! character has none, even when the softmax still puts 100% on one digit (the softmax only
//! compares the ten scores with each other). Measured in docs/models.md, "Drawings that are not
//! digits".
//!
//! The threshold is calibrated on the reference set itself: each reference digit's distance to its
//! nearest others, and the 98th percentile of those. So "far" means: further from MNIST's digits
//! than 98 in 100 of MNIST's own digits are, for whichever weights are in use.

use super::layers::LayerKind;
use super::model::Sequential;
use crate::engine::ops::tensor::Tensor;

/// How many nearest reference digits a distance averages over.
pub const NEIGHBOURS: usize = 10;
/// The percentage of reference digits that count as near (the calibration's percentile).
pub const NEAR_PERCENT: u32 = 98;
const NEAR_SHARE: f64 = NEAR_PERCENT as f64 / 100.0;

/// The input of the last dense layer for a batch `[N, …input]`, one row per image; `None` when the
/// network has no dense layer.
pub fn views(model: &mut Sequential, x: &Tensor) -> Option<Vec<Vec<f32>>> {
    let outs = model.trace(x);
    views_in(model, x, &outs)
}

/// As `views`, from a trace already made (`outs`: every layer's output for `x`).
pub fn views_in(model: &Sequential, x: &Tensor, outs: &[Tensor]) -> Option<Vec<Vec<f32>>> {
    let last = model
        .layers()
        .iter()
        .rposition(|l| l.layer.kind() == LayerKind::Dense)?;
    let input = if last == 0 { x } else { outs.get(last - 1)? };
    let n = input.shape()[0].max(1);
    Some(
        input
            .data()
            .chunks(input.data().len() / n)
            .map(unit)
            .collect(),
    )
}

/// `v` scaled to length 1 (all zeros stays all zeros).
fn unit(v: &[f32]) -> Vec<f32> {
    let norm = v.iter().map(|a| a * a).sum::<f32>().sqrt();
    if norm > 0.0 {
        v.iter().map(|a| a / norm).collect()
    } else {
        v.to_vec()
    }
}

/// Mean of `1 − cosine` to the `NEIGHBOURS` nearest of `rows`, leaving out row `skip`.
fn mean_distance(rows: &[Vec<f32>], view: &[f32], skip: Option<usize>) -> f32 {
    let mut sims: Vec<f32> = rows
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != skip)
        .map(|(_, r)| r.iter().zip(view).map(|(a, b)| a * b).sum())
        .collect();
    let k = NEIGHBOURS.min(sims.len()).max(1);
    sims.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
    1.0 - sims[..k].iter().sum::<f32>() / k as f32
}

/// The reference digits' views and the distance beyond which a drawing is far from all of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Reference {
    rows: Vec<Vec<f32>>,
    /// Each reference digit's distance to its nearest others, sorted.
    own: Vec<f32>,
    pub threshold: f32,
}

impl Reference {
    /// `rows`: the views (from `views`) of the reference digits, at least `NEIGHBOURS + 1`.
    pub fn new(rows: Vec<Vec<f32>>) -> Option<Self> {
        if rows.len() <= NEIGHBOURS {
            return None;
        }
        let mut own: Vec<f32> = (0..rows.len())
            .map(|i| mean_distance(&rows, &rows[i], Some(i)))
            .collect();
        own.sort_by(f32::total_cmp);
        let at = ((own.len() as f64 * NEAR_SHARE).ceil() as usize).clamp(1, own.len()) - 1;
        let threshold = own[at];
        Some(Self {
            rows,
            own,
            threshold,
        })
    }

    /// The reference digits' own distance at `share` (0…1) of the way through their sorted list.
    pub fn own_distance(&self, share: f64) -> f32 {
        let at = (self.own.len() as f64 * share).floor() as usize;
        self.own[at.min(self.own.len() - 1)]
    }

    /// Mean cosine distance of a view (from `views`) to its nearest reference digits: 0 is the same
    /// direction, 1 nothing in common.
    pub fn distance(&self, view: &[f32]) -> f32 {
        mean_distance(&self.rows, view, None)
    }

    /// The distance, when it is beyond the threshold.
    pub fn far(&self, view: &[f32]) -> Option<f32> {
        let d = self.distance(view);
        (d > self.threshold).then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(n: usize) -> Vec<Vec<f32>> {
        // Points around the first axis, each a little off it.
        (0..n)
            .map(|i| unit(&[1.0, (i % 7) as f32 * 0.05, (i % 5) as f32 * 0.04]))
            .collect()
    }

    #[test]
    fn a_view_like_the_references_is_near_and_an_orthogonal_one_is_far() {
        let r = Reference::new(rows(200)).expect("enough rows");
        assert!(r.threshold > 0.0 && r.threshold < 0.05, "{}", r.threshold);
        assert_eq!(r.far(&unit(&[1.0, 0.1, 0.05])), None);
        let d = r.far(&[0.0, 0.0, 1.0]).expect("orthogonal is far");
        assert!(d > 0.8, "{d}");
    }

    #[test]
    fn too_few_references_give_no_reference() {
        assert_eq!(Reference::new(rows(NEIGHBOURS)), None);
        assert!(Reference::new(rows(NEIGHBOURS + 1)).is_some());
    }

    #[test]
    fn views_are_the_last_dense_layers_input_one_unit_row_per_image() {
        let mut m = crate::engine::nn::models::seed();
        m.init(1);
        let x = Tensor::from_vec(
            &[3, 1, 28, 28],
            (0..3 * 784).map(|i| (i % 13) as f32 / 13.0).collect(),
        );
        let v = views(&mut m, &x).expect("seed has dense layers");
        assert_eq!((v.len(), v[0].len()), (3, 500));
        let outs = m.trace(&x);
        let relu = &outs[8].data()[500..1000];
        let norm = relu.iter().map(|a| a * a).sum::<f32>().sqrt();
        for (a, b) in v[1].iter().zip(relu) {
            assert!((a - b / norm).abs() < 1e-6);
        }
    }
}

//! Evaluation on a test set: loss, accuracy, the confusion matrix, and the images the model gets
//! wrong (a few per confusion cell, so every kind of mistake can be looked at). Fed a chunk at a
//! time, because the page's worker evaluates in slices so it can still hear "Pause" and "Stop", and
//! mergeable, because a team of workers evaluates a shard each.

use crate::engine::data::mnist::Dataset;
use crate::engine::nn::loss::{argmax, cross_entropy};
use crate::engine::nn::model::Sequential;
use serde::{Deserialize, Serialize};

/// Mistakes kept per (true, predicted) cell, the first by test-set index. A well-trained model makes
/// under a hundred mistakes in all, so it keeps every one; an untrained one still gives a gallery
/// of every confusion without sending thousands of images to the page.
pub const MISTAKES_PER_CELL: usize = 12;

/// A cell of the confusion matrix: images of digit `truth` classified as `predicted`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cell {
    pub truth: u8,
    pub predicted: u8,
}

/// One test image the model got wrong.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mistake {
    /// Index in the test set.
    pub index: u32,
    pub truth: u8,
    pub predicted: u8,
    /// The predicted class's probability.
    #[serde(with = "finite")]
    pub confidence: f32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Mean cross-entropy; NaN when the weights produce NaN (sent as `null`: JSON has no NaN).
    #[serde(with = "finite")]
    pub loss: f32,
    pub accuracy: f32,
    /// `confusion[true][predicted]`.
    pub confusion: [[u32; 10]; 10],
    /// Up to `MISTAKES_PER_CELL` per off-diagonal cell (every one of `focus`'s), ordered by
    /// test-set index.
    pub mistakes: Vec<Mistake>,
    /// The cell whose mistakes were all kept, when the learner asked for all of one kind.
    #[serde(default)]
    pub focus: Option<Cell>,
}

impl Evaluation {
    /// Images evaluated (the confusion matrix's sum).
    pub fn count(&self) -> u32 {
        self.confusion.iter().flatten().sum()
    }

    /// Images classified right (the diagonal's sum).
    pub fn correct(&self) -> u32 {
        (0..10).map(|i| self.confusion[i][i]).sum()
    }

    /// Share of the images of digit `d` classified right; `None` if the set has none.
    pub fn digit_accuracy(&self, d: usize) -> Option<f32> {
        let row = self.confusion.get(d)?;
        let n: u32 = row.iter().sum();
        (n > 0).then(|| row[d] as f32 / n as f32)
    }

    /// The confusion matrix as text (rows: true digit, columns: predicted) with each digit's
    /// accuracy, for the command line.
    pub fn confusion_table(&self) -> String {
        let mut s = String::from("confusion (rows: true digit, columns: predicted)\n     ");
        s.extend((0..10).map(|p| format!("{p:>6}")));
        s.push_str("  accuracy\n");
        for (t, row) in self.confusion.iter().enumerate() {
            s.push_str(&format!("{t:>5}"));
            s.extend(row.iter().map(|c| format!("{c:>6}")));
            let acc = self.digit_accuracy(t);
            s.push_str(&acc.map_or("       —".into(), |a| format!("  {:.4}", a)));
            s.push('\n');
        }
        s
    }
}

/// Running totals of an evaluation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EvalAccumulator {
    #[serde(with = "finite64")]
    loss_sum: f64,
    seen: usize,
    confusion: [[u32; 10]; 10],
    mistakes: Vec<Mistake>,
    #[serde(default)]
    focus: Option<Cell>,
}

impl EvalAccumulator {
    /// Totals that keep every mistake of `focus`, beside the first `MISTAKES_PER_CELL` of the
    /// others: a cell's whole gallery costs one evaluation, not the images of every cell.
    pub fn keeping_all_of(focus: Option<Cell>) -> Self {
        Self {
            focus,
            ..Self::default()
        }
    }

    /// Whether the `n`th (1-based) mistake of cell `truth → predicted` is kept.
    fn keeps(&self, truth: usize, predicted: usize, n: usize) -> bool {
        let cell = Cell {
            truth: truth as u8,
            predicted: predicted as u8,
        };
        n <= MISTAKES_PER_CELL || self.focus == Some(cell)
    }

    /// Predict the items `idx` of `data` (in increasing order) and add them to the totals.
    pub fn add(&mut self, model: &mut Sequential, data: &Dataset, idx: &[usize]) {
        let (x, y) = data.batch(idx);
        let probs = model.predict(&x);
        self.loss_sum += cross_entropy(&probs, &y) as f64 * idx.len() as f64;
        let rows = probs.data().chunks_exact(probs.item_len());
        for ((row, &label), &i) in rows.zip(&y).zip(idx) {
            let (truth, predicted) = (label as usize, argmax(row));
            // Labels are digits (checked when the data are read); anything else has no cell.
            let Some(cell) = self
                .confusion
                .get_mut(truth)
                .and_then(|r| r.get_mut(predicted))
            else {
                continue;
            };
            *cell += 1;
            let n = *cell as usize;
            if truth != predicted && self.keeps(truth, predicted, n) {
                self.mistakes.push(Mistake {
                    index: i as u32,
                    truth: label,
                    predicted: predicted as u8,
                    confidence: row[predicted],
                });
            }
        }
        self.seen += idx.len();
    }

    pub fn seen(&self) -> usize {
        self.seen
    }

    /// Adds another accumulator's totals (a team member's shard of the test set). The mistakes kept
    /// are then the first per cell by index, exactly as if one accumulator had seen every shard
    /// (every member keeps the same `focus`).
    pub fn merge(&mut self, other: &EvalAccumulator) {
        self.focus = self.focus.or(other.focus);
        self.loss_sum += other.loss_sum;
        self.seen += other.seen;
        for (row, o) in self.confusion.iter_mut().zip(&other.confusion) {
            for (c, x) in row.iter_mut().zip(o) {
                *c += x;
            }
        }
        self.mistakes.extend_from_slice(&other.mistakes);
        self.mistakes.sort_by_key(|m| m.index);
        let mut kept = [[0usize; 10]; 10];
        let mut mistakes = std::mem::take(&mut self.mistakes);
        mistakes.retain(|m| {
            let (t, p) = (m.truth as usize, m.predicted as usize);
            kept[t][p] += 1;
            self.keeps(t, p, kept[t][p])
        });
        self.mistakes = mistakes;
    }

    pub fn finish(&self) -> Evaluation {
        let correct: u32 = (0..10).map(|i| self.confusion[i][i]).sum();
        let n = self.seen.max(1);
        Evaluation {
            loss: (self.loss_sum / n as f64) as f32,
            accuracy: correct as f32 / n as f32,
            confusion: self.confusion,
            mistakes: self.mistakes.clone(),
            focus: self.focus,
        }
    }
}

/// Loss, accuracy, confusion matrix and mistakes over a whole dataset.
pub fn evaluate(model: &mut Sequential, data: &Dataset, batch_size: usize) -> Evaluation {
    evaluate_keeping(model, data, batch_size, None)
}

/// `evaluate`, keeping every mistake of `focus`.
pub fn evaluate_keeping(
    model: &mut Sequential,
    data: &Dataset,
    batch_size: usize,
    focus: Option<Cell>,
) -> Evaluation {
    let mut acc = EvalAccumulator::keeping_all_of(focus);
    let idx: Vec<usize> = (0..data.len()).collect();
    for chunk in idx.chunks(batch_size.max(1)) {
        acc.add(model, data, chunk);
    }
    acc.finish()
}

/// JSON has no NaN or infinity: such a value travels as `null` and comes back as NaN.
mod finite {
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(v: &f32, s: S) -> Result<S::Ok, S::Error> {
        match v.is_finite() {
            true => s.serialize_some(v),
            false => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f32, D::Error> {
        Ok(Option::<f32>::deserialize(d)?.unwrap_or(f32::NAN))
    }
}

mod finite64 {
    use serde::{Deserialize, Deserializer, Serializer};
    pub fn serialize<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
        match v.is_finite() {
            true => s.serialize_some(v),
            false => s.serialize_none(),
        }
    }
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<f64, D::Error> {
        Ok(Option::<f64>::deserialize(d)?.unwrap_or(f64::NAN))
    }
}

#[cfg(test)]
mod tests;

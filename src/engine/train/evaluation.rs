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
    /// Up to `MISTAKES_PER_CELL` per off-diagonal cell, ordered by test-set index.
    pub mistakes: Vec<Mistake>,
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
}

impl EvalAccumulator {
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
            if truth != predicted && self.confusion[truth][predicted] as usize <= MISTAKES_PER_CELL
            {
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
    /// are then the first per cell by index, exactly as if one accumulator had seen every shard.
    pub fn merge(&mut self, other: &EvalAccumulator) {
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
        self.mistakes.retain(|m| {
            let k = &mut kept[m.truth as usize][m.predicted as usize];
            *k += 1;
            *k <= MISTAKES_PER_CELL
        });
    }

    pub fn finish(&self) -> Evaluation {
        let correct: u32 = (0..10).map(|i| self.confusion[i][i]).sum();
        let n = self.seen.max(1);
        Evaluation {
            loss: (self.loss_sum / n as f64) as f32,
            accuracy: correct as f32 / n as f32,
            confusion: self.confusion,
            mistakes: self.mistakes.clone(),
        }
    }
}

/// Loss, accuracy, confusion matrix and mistakes over a whole dataset.
pub fn evaluate(model: &mut Sequential, data: &Dataset, batch_size: usize) -> Evaluation {
    let mut acc = EvalAccumulator::default();
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
mod tests {
    use super::*;
    use crate::engine::nn::models::seed;
    use crate::engine::testutil::bars;

    #[test]
    fn confusion_counts_every_image_and_mistakes_match_it() {
        let data = bars(300);
        let mut m = seed();
        m.init(3); // untrained: many mistakes, in many cells
        let ev = evaluate(&mut m, &data, 64);
        assert_eq!(ev.count(), 300);
        let diagonal: u32 = (0..10).map(|i| ev.confusion[i][i]).sum();
        assert!((ev.accuracy - diagonal as f32 / 300.0).abs() < 1e-6);
        // Every mistake is one: its cell is off the diagonal and really predicted so.
        assert!(!ev.mistakes.is_empty());
        for w in ev.mistakes.windows(2) {
            assert!(w[0].index < w[1].index, "ordered by index");
        }
        let mut per_cell = [[0usize; 10]; 10];
        for mk in &ev.mistakes {
            assert_ne!(mk.truth, mk.predicted);
            assert_eq!(data.labels[mk.index as usize], mk.truth);
            let (x, _) = data.batch(&[mk.index as usize]);
            let probs = m.predict(&x);
            assert_eq!(argmax(probs.data()), mk.predicted as usize);
            assert!((probs.data()[mk.predicted as usize] - mk.confidence).abs() < 1e-6);
            per_cell[mk.truth as usize][mk.predicted as usize] += 1;
        }
        // As many per cell as the matrix counts, up to the cap.
        for (t, (kept, counts)) in per_cell.iter().zip(&ev.confusion).enumerate() {
            for p in (0..10).filter(|&p| p != t) {
                let want = (counts[p] as usize).min(MISTAKES_PER_CELL);
                assert_eq!(kept[p], want, "cell {t}→{p}");
            }
        }
        for d in 0..10 {
            let row: u32 = ev.confusion[d].iter().sum();
            match ev.digit_accuracy(d) {
                Some(a) => assert!((a - ev.confusion[d][d] as f32 / row as f32).abs() < 1e-6),
                None => assert_eq!(row, 0),
            }
        }
    }

    #[test]
    fn shards_merged_equal_one_pass_and_survive_json() {
        let data = bars(300);
        let mut m = seed();
        m.init(5);
        let whole = evaluate(&mut m, &data, 300);
        for cut in [0, 1, 97, 150, 299, 300] {
            let mut a = EvalAccumulator::default();
            let mut b = EvalAccumulator::default();
            a.add(&mut m, &data, &(0..cut).collect::<Vec<_>>());
            b.add(&mut m, &data, &(cut..300).collect::<Vec<_>>());
            // A team member's totals cross as JSON.
            let b: EvalAccumulator = serde_json::from_str(&serde_json::to_string(&b).unwrap())
                .expect("accumulator round-trips");
            a.merge(&b);
            let merged = a.finish();
            assert_eq!(merged.confusion, whole.confusion);
            assert_eq!(merged.mistakes, whole.mistakes, "cut at {cut}");
            assert!((merged.loss - whole.loss).abs() < 1e-5);
        }
    }

    #[test]
    fn nan_crosses_json_as_null() {
        let ev = Evaluation {
            loss: f32::NAN,
            accuracy: 0.1,
            confusion: [[0; 10]; 10],
            mistakes: vec![Mistake {
                index: 3,
                truth: 1,
                predicted: 0,
                confidence: f32::NAN,
            }],
        };
        let json = serde_json::to_string(&ev).unwrap();
        assert!(json.contains(r#""loss":null"#), "{json}");
        let back: Evaluation = serde_json::from_str(&json).unwrap();
        assert!(back.loss.is_nan() && back.mistakes[0].confidence.is_nan());
    }
}

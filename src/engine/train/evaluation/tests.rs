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
        focus: None,
    };
    let json = serde_json::to_string(&ev).unwrap();
    assert!(json.contains(r#""loss":null"#), "{json}");
    let back: Evaluation = serde_json::from_str(&json).unwrap();
    assert!(back.loss.is_nan() && back.mistakes[0].confidence.is_nan());
}

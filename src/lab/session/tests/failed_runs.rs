//! A run that diverges or learns nothing gives the weights from before it back, in use and in
//! storage, and offers its own; a run that learns ends as before.

use super::*;
use crate::lab::compare::RunResult;
use crate::lab::verdict::Shortfall;

/// A running session that started from `before` (the weights in use then, from `source`).
fn running_from(source: Source, earlier_run: Option<RunRecord>) -> TrainingSession {
    let mut s = TrainingSession::new();
    if let Some(record) = earlier_run {
        s.apply(Event::Loaded(Some(record)));
    }
    s.apply(Event::Train {
        config: config(false),
        weights: Vec::new(),
        before: Some(Before {
            weights: vec![1, 1],
            source,
        }),
    });
    data_ready(&mut s);
    s
}

fn finish(s: &mut TrainingSession, acc: f32) -> Vec<Effect> {
    worker(s, progress(0, 1));
    worker(s, epoch(0, acc));
    weights(s, FromWorker::Done { finished: true }, &[9, 9])
}

fn without_results(fx: Vec<Effect>) -> Vec<Effect> {
    fx.into_iter()
        .filter(|e| !matches!(e, Effect::SaveResult(_)))
        .collect()
}

#[test]
fn a_run_at_chance_puts_the_pretrained_weights_back_and_offers_its_own() {
    let mut s = running_from(Source::Pretrained, None);
    let fx = finish(&mut s, 0.1028);
    // Still one of the runs compared (its accuracy is a result too).
    assert!(fx
        .iter()
        .any(|e| matches!(e, Effect::SaveResult(RunResult { .. }))));
    assert_eq!(
        without_results(fx),
        vec![
            Effect::Adopt {
                kind: ModelKind::Lenet5.into(),
                weights: vec![1, 1],
                source: Source::Pretrained,
            },
            Effect::TrainingEnded,
            // Nothing was saved before: nothing is saved now.
            Effect::PutBack(None),
            Effect::Status(Some(Status::NotLearned {
                shortfall: Shortfall::NearChance {
                    accuracy: 0.1028,
                    classes: 10
                },
                optimizer: OptimizerChoice::Adam,
                learning_rate: 1e-3_f32 as f64,
                kept: Kept::Before,
            })),
        ]
    );
    assert!(s.offers_run_weights());
    // The last epoch's report is of the run's weights, not of those in use now.
    assert_eq!(s.report, None);
    assert_eq!(
        s.apply(Event::UseRunWeights),
        vec![
            Effect::Adopt {
                kind: ModelKind::Lenet5.into(),
                weights: vec![9, 9],
                source: Source::Trained,
            },
            Effect::Save,
            Effect::Status(Some(Status::RunKept)),
        ]
    );
    assert!(!s.offers_run_weights());
    assert_eq!(s.report.as_ref().map(|r| r.test.accuracy), Some(0.1028));
    assert_eq!(s.apply(Event::UseRunWeights), Vec::new());
}

#[test]
fn an_earlier_trained_run_is_saved_back_with_its_own_record() {
    let earlier = RunRecord {
        config: Some(config(false)),
        points: vec![],
        epochs: vec![EpochPoint {
            epoch: 0,
            test_loss: 0.1,
            test_accuracy: 0.97,
        }],
    };
    let mut s = running_from(Source::Trained, Some(earlier.clone()));
    let fx = weights(
        &mut s,
        FromWorker::Diverged {
            epoch: 0,
            batch: 3,
            loss: Some(1e9),
            tensor: None,
        },
        &[9, 9],
    );
    assert!(fx.contains(&Effect::PutBack(Some(earlier))), "{fx:?}");
    assert!(fx.iter().any(|e| matches!(
        e,
        Effect::Status(Some(Status::Diverged {
            kept: Kept::Before,
            ..
        }))
    )));
    assert!(!fx.contains(&Effect::Save));
    assert!(s.offers_run_weights());
    // Another model shown: the offer goes.
    s.apply(Event::Loaded(None));
    assert!(!s.offers_run_weights());
}

#[test]
fn a_run_that_learns_ends_as_always_and_offers_nothing() {
    let mut s = running_from(Source::Pretrained, None);
    let fx = without_results(finish(&mut s, 0.9));
    assert_eq!(
        fx,
        vec![
            Effect::Adopt {
                kind: ModelKind::Lenet5.into(),
                weights: vec![9, 9],
                source: Source::Trained,
            },
            Effect::TrainingEnded,
            Effect::Save,
            Effect::Status(Some(Status::Finished { accuracy: 0.9 })),
        ]
    );
    assert!(!s.offers_run_weights());
    // A stopped run is the learner's choice, not a failure, whatever its accuracy.
    let mut stopped = running_from(Source::Pretrained, None);
    worker(&mut stopped, epoch(0, 0.1));
    let fx = weights(&mut stopped, FromWorker::Done { finished: false }, &[9]);
    assert!(fx.contains(&Effect::Status(Some(Status::Stopped))));
}

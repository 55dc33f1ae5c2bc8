//! The session's test-set reports, natively: "Evaluate on test set" before and after the data is
//! there, its progress, stop and crash, the per-epoch report during training, and what clears it;
//! a finished run's result for the comparison of trained networks.

use super::{epoch, evaluation, progress, running, train, weights, worker};
use crate::engine::nn::models::ModelKind;
use crate::engine::train::evaluation::Cell;
use crate::lab::compare::RunResult;
use crate::lab::protocol::{FromWorker, ToWorker};
use crate::lab::report::{ReportOf, IMAGE_BYTES};
use crate::lab::session::*;
use crate::lab::status::Status;

fn evaluate(s: &mut TrainingSession) -> Vec<Effect> {
    evaluate_keeping(s, None)
}

fn evaluate_keeping(s: &mut TrainingSession, focus: Option<Cell>) -> Vec<Effect> {
    s.apply(Event::Evaluate {
        model: ModelKind::Seed.into(),
        weights: vec![4, 2],
        focus,
    })
}

fn tested(s: &mut TrainingSession, acc: f32) -> Vec<Effect> {
    let test = Box::new(evaluation(acc));
    let image = vec![9u8; IMAGE_BYTES];
    s.apply(Event::Worker(
        FromWorker::Tested {
            model: ModelKind::Seed.into(),
            test,
        },
        vec![image],
    ))
}

#[test]
fn evaluating_fetches_the_data_first_then_reports_with_the_mistakes_images() {
    let mut s = TrainingSession::new();
    // Every mistake of one cell asked for: the request carries it to the worker.
    let focus = Some(Cell {
        truth: 3,
        predicted: 8,
    });
    let fx = evaluate_keeping(&mut s, focus);
    assert_eq!(fx, vec![Effect::Status(None), Effect::FetchData]);
    assert_eq!(s.run, RunState::Evaluating);
    assert!(s.busy(), "no training while it evaluates");
    assert_eq!(train(&mut s), vec![]);
    assert_eq!(s.apply(Event::Pause), vec![], "an evaluation is not paused");
    s.apply(Event::DataFetched);
    let fx = worker(
        &mut s,
        FromWorker::DataReady {
            train: 60_000,
            test: 10_000,
        },
    );
    let send = Effect::Send(
        ToWorker::Evaluate {
            model: ModelKind::Seed.into(),
            focus,
        },
        vec![vec![4, 2]],
    );
    assert_eq!(fx, vec![Effect::Status(None), send.clone()]);
    worker(
        &mut s,
        FromWorker::Evaluating {
            epoch: 0,
            done: 2_500,
            total: 10_000,
        },
    );
    assert_eq!(s.progress.evaluating, Some((2_500, 10_000)));
    assert_eq!(
        tested(&mut s, 0.99),
        vec![],
        "no weights adopted, nothing saved"
    );
    assert_eq!(s.run, RunState::Idle);
    assert_eq!(s.progress.evaluating, None);
    let r = s.report.as_ref().expect("a report");
    assert_eq!(
        (&r.model, r.of),
        (&ModelKind::Seed.into(), ReportOf::Request)
    );
    let (m, image) = r.mistake(0).expect("the mistake and its image");
    assert_eq!((m.index, m.truth, m.predicted, image[0]), (5, 3, 8, 9));
    // Once the data is there, the next evaluation starts at once.
    assert_eq!(
        evaluate_keeping(&mut s, focus),
        vec![Effect::Status(None), send]
    );
}

#[test]
fn a_stopped_or_crashed_evaluation_keeps_the_last_report_and_the_weights() {
    let mut s = running();
    worker(&mut s, FromWorker::Done { finished: true });
    tested(&mut s, 0.5);
    let before = s.report.clone();
    evaluate(&mut s);
    assert_eq!(
        s.apply(Event::Stop),
        vec![Effect::Send(ToWorker::Stop, vec![])]
    );
    // The worker answers a stop with its weights: they are not the learner's, nothing is adopted.
    let fx = s.apply(Event::Worker(
        FromWorker::Done { finished: false },
        vec![vec![1]],
    ));
    assert_eq!(fx, vec![Effect::Status(Some(Status::TestStopped))]);
    assert_eq!(s.run, RunState::Idle);
    assert_eq!(s.report, before);
    evaluate(&mut s);
    let fx = s.apply(Event::WorkerCrashed("out of memory".into()));
    assert!(fx.contains(&Effect::DropWorker));
    assert_eq!((s.run, s.progress.evaluating), (RunState::Idle, None));
    assert_eq!(s.report, before);
    // Stopped while the data is still coming: nothing ran, and it says so.
    let mut s = TrainingSession::new();
    evaluate(&mut s);
    assert_eq!(
        s.apply(Event::Stop),
        vec![Effect::Status(Some(Status::TestStopped))]
    );
    assert!(!s.busy());
}

#[test]
fn each_epoch_brings_a_report_and_other_weights_clear_it() {
    let mut s = running();
    s.apply(Event::Worker(epoch(0, 0.8), vec![vec![7u8; IMAGE_BYTES]]));
    let r = s.report.as_ref().expect("a report after the epoch");
    assert_eq!(
        (&r.model, r.of),
        (&ModelKind::Lenet5.into(), ReportOf::Epoch(0))
    );
    assert_eq!(r.test.accuracy, 0.8);
    assert_eq!(s.epochs.last().map(|e| e.test_accuracy), Some(0.8));
    s.apply(Event::Imported {
        file: "x.safetensors".into(),
    });
    assert_eq!(s.report, None);
    let mut s = running();
    s.apply(Event::Worker(epoch(0, 0.8), vec![]));
    assert!(
        s.report.as_ref().unwrap().mistake(0).is_none(),
        "no images came"
    );
    s.apply(Event::Reset);
    assert_eq!(s.report, None);
    let mut s = running();
    s.apply(Event::Worker(epoch(0, 0.8), vec![]));
    s.apply(Event::Loaded(None));
    assert_eq!(s.report, None, "another model's weights");
}

#[test]
fn a_finished_run_reports_its_last_test_accuracy() {
    let mut s = running();
    worker(&mut s, epoch(0, 0.9));
    worker(&mut s, progress(1, 50));
    worker(&mut s, epoch(1, 0.95));
    let fx = weights(&mut s, FromWorker::Done { finished: true }, &[4]);
    assert_eq!(
        fx.last(),
        Some(&Effect::Status(Some(Status::Finished { accuracy: 0.95 })))
    );
    assert_eq!(s.record().epochs.len(), 2);
    assert!(!s.busy());
    // The finished run joins the comparison: LeNet-5, 1,000 images at 500 images/s, 95%.
    let r = &s.results[0];
    assert!(fx.contains(&Effect::SaveResult(r.clone())));
    assert_eq!((r.params, r.train_images, r.epochs), (60_850, 1_000, 2));
    assert_eq!((r.seconds_per_epoch, r.test_accuracy), (Some(2.0), 0.95));
    // A stopped run does not.
    let mut s2 = running();
    worker(&mut s2, epoch(0, 0.5));
    let fx = weights(&mut s2, FromWorker::Done { finished: false }, &[4]);
    assert!(!fx.iter().any(|e| matches!(e, Effect::SaveResult(_))) && s2.results.is_empty());
    // The stored list (read again after the save, or when another tab added one) is the truth.
    let (r, older) = (
        r.clone(),
        RunResult {
            test_accuracy: 0.5,
            ..r.clone()
        },
    );
    s.apply(Event::ResultsLoaded(vec![older.clone(), r.clone()]));
    assert_eq!(s.results, vec![older, r]);
    s.apply(Event::ResultsLoaded(Vec::new()));
    assert!(s.results.is_empty(), "deleted in this browser");
}

/// The worker keeps reporting its last batch while the epoch's test runs: the progress line stays
/// on "testing" (it flickered between the two every 100 ms), and the next batch ends it.
#[test]
fn an_epochs_test_stays_shown_until_training_moves_on() {
    let mut s = running();
    worker(&mut s, progress(0, 99));
    let testing = |done| FromWorker::Evaluating {
        epoch: 0,
        done,
        total: 10_000,
    };
    worker(&mut s, testing(1_000));
    worker(&mut s, progress(0, 99));
    assert_eq!(s.progress.evaluating, Some((1_000, 10_000)));
    worker(&mut s, testing(2_000));
    assert_eq!(s.progress.evaluating, Some((2_000, 10_000)));
    worker(&mut s, progress(1, 1));
    assert_eq!(s.progress.evaluating, None, "the next epoch's batches");
}

//! The training session when things go wrong: a download that fails (and its retry), a worker that
//! crashes mid-run (replaced at once, the run resumable), a replacement that crashes too.

use super::{config, epoch, progress, running, train, weights, worker};
use crate::i18n::fetch::FetchProblem;
use crate::lab::protocol::{FromWorker, RunConfig, ToWorker};
use crate::lab::session::RetryKind;
use crate::lab::session::*;
use crate::lab::status::Status;

fn offline() -> FetchProblem {
    FetchProblem::Unreachable {
        file: "mnist/train-images-idx3-ubyte.gz".into(),
    }
}

fn crashed(why: &str, replaced: bool, resumable: bool) -> Effect {
    Effect::Status(Some(Status::Crashed {
        why: why.into(),
        replaced,
        resumable,
    }))
}

#[test]
fn a_failed_download_is_reported_and_retry_downloads_again_for_the_same_run() {
    let mut s = TrainingSession::new();
    train(&mut s);
    let fx = s.apply(Event::DataFailed(offline()));
    assert_eq!(
        fx,
        vec![Effect::Status(Some(Status::DownloadFailed(offline())))]
    );
    assert_eq!((s.run, s.data), (RunState::Idle, DataState::Idle));
    assert!(s.can_retry());
    let fx = s.apply(Event::Retry { weights: None });
    assert_eq!(fx, vec![Effect::Status(None), Effect::FetchData]);
    assert_eq!(s.run, RunState::Running);
    s.apply(Event::DataFetched);
    let fx = worker(
        &mut s,
        FromWorker::DataReady {
            train: 1000,
            test: 10_000,
        },
    );
    assert_eq!(
        fx.last(),
        Some(&Effect::Send(ToWorker::Start(config(false)), Vec::new()))
    );
    assert!(!s.can_retry());
}

#[test]
fn a_missing_file_is_not_offered_again() {
    let mut s = TrainingSession::new();
    train(&mut s);
    let gone = FetchProblem::Status {
        file: "mnist/t10k-labels-idx1-ubyte.gz".into(),
        status: 404,
    };
    s.apply(Event::DataFailed(gone));
    assert!(!s.can_retry());
    assert_eq!(s.apply(Event::Retry { weights: None }), vec![]);
}

#[test]
fn a_crash_mid_run_replaces_the_worker_at_once_and_the_run_continues_from_the_weights_in_use() {
    let mut s = running();
    worker(&mut s, progress(0, 99));
    worker(&mut s, epoch(0, 0.9));
    worker(&mut s, progress(1, 40));
    let fx = s.apply(Event::WorkerCrashed("out of memory".into()));
    assert_eq!(
        fx,
        vec![
            Effect::TrainingEnded,
            Effect::DropWorker,
            Effect::Save,
            Effect::DeliverData,
            crashed("out of memory", true, true),
        ]
    );
    assert_eq!((s.run, s.data), (RunState::Idle, DataState::Unpacking));
    assert!(s.can_retry());
    // The new worker takes the data; nothing starts until the learner asks.
    let fx = worker(
        &mut s,
        FromWorker::DataReady {
            train: 1000,
            test: 10_000,
        },
    );
    assert_eq!(fx, vec![]);
    // Continue: one epoch was done, so the worker trains the one left from the weights in use…
    let fx = s.apply(Event::Retry {
        weights: Some(vec![7]),
    });
    let rest = RunConfig {
        epochs: 1,
        from_current: true,
        ..config(false)
    };
    assert_eq!(
        fx.last(),
        Some(&Effect::Send(ToWorker::Start(rest), vec![vec![7]]))
    );
    // …while the run keeps its own settings and its curves go on from epoch 2.
    assert_eq!(s.config, Some(config(false)));
    worker(&mut s, progress(0, 10));
    assert_eq!(s.progress.epoch, 1);
    assert!(s.points.last().unwrap().x >= 1.0);
    assert_eq!(s.points.len(), 3, "the curve so far is kept");
    worker(&mut s, epoch(0, 0.95));
    assert_eq!(
        s.epochs.iter().map(|e| e.epoch).collect::<Vec<_>>(),
        vec![0, 1]
    );
    let fx = weights(&mut s, FromWorker::Done { finished: true }, &[8]);
    assert!(fx.contains(&Effect::Status(Some(Status::Finished { accuracy: 0.95 }))));
}

#[test]
fn continuing_needs_the_runs_weights() {
    let mut s = running();
    s.apply(Event::WorkerCrashed("gone".into()));
    // The lab shows another model now: the page has no weights of this run to give.
    assert_eq!(s.apply(Event::Retry { weights: None }), vec![]);
    assert_eq!(s.run, RunState::Idle);
    // Back on the run's model, the offer is still there.
    assert_eq!(s.retry(), Some(RetryKind::ContinueRun));
}

#[test]
fn a_replacement_that_crashes_too_is_not_replaced_in_a_loop() {
    let mut s = running();
    s.apply(Event::WorkerCrashed("bad wasm".into()));
    let fx = s.apply(Event::WorkerCrashed("bad wasm".into()));
    assert_eq!(
        fx,
        vec![
            Effect::TrainingEnded,
            Effect::DropWorker,
            crashed("bad wasm", false, false),
        ]
    );
    assert_eq!(s.data, DataState::Idle);
    // Train later starts afresh: download (or the page's copy), a new worker.
    assert_eq!(train(&mut s), vec![Effect::Status(None), Effect::FetchData]);
}

#[test]
fn a_crash_during_the_download_lets_the_download_finish() {
    let mut s = TrainingSession::new();
    train(&mut s);
    let fx = s.apply(Event::WorkerCrashed("script error".into()));
    assert_eq!(fx.last(), Some(&crashed("script error", true, false)));
    assert!(matches!(s.data, DataState::Loading { .. }));
    assert_eq!(s.run, RunState::Idle);
    assert_eq!(s.apply(Event::DataFetched), vec![Effect::DeliverData]);
}

#[test]
fn a_crash_right_after_an_epochs_report_continues_with_the_next_epoch() {
    // The worker reported epoch 1 and died before any batch of epoch 2 was reported.
    let mut s = running();
    worker(&mut s, progress(0, 99));
    worker(&mut s, epoch(0, 0.9));
    s.apply(Event::WorkerCrashed("gone".into()));
    worker(
        &mut s,
        FromWorker::DataReady {
            train: 1000,
            test: 10_000,
        },
    );
    let fx = s.apply(Event::Retry {
        weights: Some(vec![7]),
    });
    let rest = RunConfig {
        epochs: 1,
        from_current: true,
        ..config(false)
    };
    assert_eq!(
        fx.last(),
        Some(&Effect::Send(ToWorker::Start(rest), vec![vec![7]]))
    );
}

//! The training session's sequences, natively: what the learner presses, what the worker says, and
//! what the page is told to do in return.

mod evaluation;
mod failed_runs;
mod faults;

use crate::engine::nn::models::ModelKind;
use crate::engine::train::evaluation::{Evaluation, Mistake};
use crate::engine::train::optim::OptimizerChoice;
use crate::lab::protocol::{CurvePoint, FromWorker, RunConfig, ToWorker};
use crate::lab::record::EpochPoint;
use crate::lab::session::*;
use crate::lab::status::{Kept, Source, Status};

pub(super) fn config(from_current: bool) -> RunConfig {
    RunConfig {
        model: ModelKind::Lenet5.into(),
        optimizer: OptimizerChoice::Adam,
        learning_rate: 1e-3,
        batch_size: 10,
        epochs: 2,
        train_images: 1_000,
        seed: 1,
        from_current,
    }
}

pub(super) fn worker(s: &mut TrainingSession, m: FromWorker) -> Vec<Effect> {
    s.apply(Event::Worker(m, Vec::new()))
}

pub(super) fn weights(s: &mut TrainingSession, m: FromWorker, w: &[u8]) -> Vec<Effect> {
    s.apply(Event::Worker(m, vec![w.to_vec()]))
}

pub(super) fn progress(epoch: usize, batch: usize) -> FromWorker {
    FromWorker::Progress {
        epoch,
        batch,
        batches: 100,
        samples: (epoch * 1000 + batch * 10) as u64,
        samples_per_second: 500.0,
        points: vec![CurvePoint {
            x: epoch as f32 + batch as f32 / 100.0,
            loss: 1.0,
            accuracy: 0.5,
        }],
        parts: vec![6, 4],
    }
}

pub(super) fn epoch(epoch: usize, acc: f32) -> FromWorker {
    FromWorker::Epoch {
        epoch,
        test: Box::new(evaluation(acc)),
    }
}

/// A test-set evaluation with accuracy `acc` and one mistake (test image 5: a 3 taken for an 8).
pub(super) fn evaluation(acc: f32) -> Evaluation {
    let mut confusion = [[0; 10]; 10];
    confusion[3][8] = 1;
    Evaluation {
        loss: 0.3,
        accuracy: acc,
        confusion,
        mistakes: vec![Mistake {
            index: 5,
            truth: 3,
            predicted: 8,
            confidence: 0.9,
        }],
        focus: None,
    }
}

/// Train from scratch with `config(false)`.
pub(super) fn train(s: &mut TrainingSession) -> Vec<Effect> {
    s.apply(Event::Train {
        config: config(false),
        weights: Vec::new(),
        before: None,
    })
}

/// The download arrives and the worker has the data (a waiting run starts).
pub(super) fn data_ready(s: &mut TrainingSession) {
    s.apply(Event::DataFetched);
    worker(
        s,
        FromWorker::DataReady {
            train: 1000,
            test: 10_000,
        },
    );
}

/// A session whose data is loaded and whose run has started.
pub(super) fn running() -> TrainingSession {
    let mut s = TrainingSession::new();
    train(&mut s);
    data_ready(&mut s);
    s
}

#[test]
fn first_train_fetches_the_data_then_starts_once_the_worker_has_it() {
    let mut s = TrainingSession::new();
    let fx = train(&mut s);
    assert_eq!(fx, vec![Effect::Status(None), Effect::FetchData]);
    assert_eq!(s.run, RunState::Running);
    assert!(matches!(s.data, DataState::Loading { .. }));
    s.apply(Event::DataProgress {
        loaded: 5e6,
        total: 11e6,
    });
    assert_eq!(
        s.data,
        DataState::Loading {
            loaded: 5e6,
            total: 11e6
        }
    );
    assert_eq!(s.apply(Event::DataFetched), vec![Effect::DeliverData]);
    assert_eq!(s.data, DataState::Unpacking);
    let fx = worker(
        &mut s,
        FromWorker::DataReady {
            train: 1000,
            test: 10_000,
        },
    );
    assert_eq!(
        fx,
        vec![
            Effect::Status(None),
            Effect::Send(ToWorker::Start(config(false)), Vec::new())
        ]
    );
    assert_eq!(s.progress.batches, 100);
    assert_eq!(s.config, Some(config(false)));
    // A second run needs no download.
    let mut s2 = s.clone();
    s2.run = RunState::Idle;
    let fx = s2.apply(Event::Train {
        config: config(true),
        weights: vec![vec![7]],
        before: None,
    });
    assert_eq!(
        fx[1],
        Effect::Send(ToWorker::Start(config(true)), vec![vec![7]])
    );
}

#[test]
fn progress_epochs_and_weights_are_kept_and_each_epoch_is_saved_once() {
    let mut s = running();
    worker(&mut s, progress(0, 50));
    assert_eq!(s.points.len(), 1);
    assert_eq!(
        s.progress.parts,
        [6, 4],
        "how the team divided the last batch"
    );
    assert!((s.fraction_done() - 0.25).abs() < 1e-9);
    // 2 epochs × 1,000 images, 500 done at 500/s: 3 s left.
    assert!((s.seconds_left().unwrap() - 3.0).abs() < 1e-9);
    worker(
        &mut s,
        FromWorker::Evaluating {
            epoch: 0,
            done: 250,
            total: 10_000,
        },
    );
    assert_eq!(s.progress.evaluating, Some((250, 10_000)));
    worker(&mut s, epoch(0, 0.9));
    assert_eq!(s.progress.evaluating, None);
    let adopt = Effect::Adopt {
        kind: ModelKind::Lenet5.into(),
        weights: vec![1, 2],
        source: Source::Training,
    };
    let fx = weights(&mut s, FromWorker::Weights { at: 1.0 }, &[1, 2]);
    assert_eq!(fx, vec![adopt.clone(), Effect::Save]);
    // Weights streamed mid-epoch are shown but not saved again.
    let fx = weights(&mut s, FromWorker::Weights { at: 1.2 }, &[1, 2]);
    assert_eq!(fx, vec![adopt]);
}

#[test]
fn pause_resume_and_stop_go_through_the_worker() {
    let mut s = running();
    assert_eq!(s.apply(Event::Resume), vec![], "resume only when paused");
    assert_eq!(
        s.apply(Event::Pause),
        vec![Effect::Send(ToWorker::Pause, vec![])]
    );
    assert_eq!(
        worker(&mut s, FromWorker::Paused),
        vec![Effect::Status(Some(Status::Paused))]
    );
    assert_eq!(s.run, RunState::Paused);
    assert_eq!(s.apply(Event::Pause), vec![], "pause only when running");
    assert_eq!(
        s.apply(Event::Resume),
        vec![Effect::Send(ToWorker::Resume, vec![])]
    );
    worker(&mut s, FromWorker::Resumed);
    assert_eq!(s.run, RunState::Running);
    assert_eq!(
        s.apply(Event::Stop),
        vec![Effect::Send(ToWorker::Stop, vec![])]
    );
    let fx = weights(&mut s, FromWorker::Done { finished: false }, &[3]);
    assert_eq!(s.run, RunState::Idle);
    assert_eq!(fx.last(), Some(&Effect::Status(Some(Status::Stopped))));
    assert!(fx.contains(&Effect::Save));
    assert!(fx.contains(&Effect::Adopt {
        kind: ModelKind::Lenet5.into(),
        weights: vec![3],
        source: Source::Trained
    }));
    assert_eq!(s.apply(Event::Stop), vec![], "nothing to stop");
}

#[test]
fn stopping_while_the_data_downloads_starts_nothing() {
    let mut s = TrainingSession::new();
    train(&mut s);
    assert_eq!(
        s.apply(Event::Stop),
        vec![Effect::Status(Some(Status::Stopped))]
    );
    assert_eq!(s.run, RunState::Idle);
    s.apply(Event::DataFetched);
    // The data still reaches the worker for next time, but no run starts.
    assert_eq!(
        worker(&mut s, FromWorker::DataReady { train: 1, test: 1 }),
        vec![]
    );
    assert_eq!(s.run, RunState::Idle);
}

#[test]
fn a_divergence_without_earlier_weights_keeps_the_last_good_ones_and_says_where() {
    let mut s = running();
    let fx = weights(
        &mut s,
        FromWorker::Diverged {
            epoch: 0,
            batch: 7,
            loss: None,
            tensor: None,
        },
        &[5],
    );
    assert_eq!(
        fx,
        vec![
            Effect::Adopt {
                kind: ModelKind::Lenet5.into(),
                weights: vec![5],
                source: Source::Trained
            },
            Effect::TrainingEnded,
            Effect::Save,
            Effect::Status(Some(Status::Diverged {
                epoch: 0,
                batch: 7,
                loss: None,
                tensor: None,
                kept: Kept::LastGood,
            })),
        ]
    );
    assert_eq!(s.run, RunState::Idle);
}

#[test]
fn refused_data_is_forgotten_and_reported() {
    let mut s = TrainingSession::new();
    train(&mut s);
    s.apply(Event::DataFetched);
    let fx = worker(
        &mut s,
        FromWorker::Failed {
            message: "bad gzip".into(),
        },
    );
    assert_eq!(
        fx,
        vec![
            Effect::ForgetData,
            Effect::Status(Some(Status::Failed("bad gzip".into())))
        ]
    );
    assert_eq!((s.run, s.data), (RunState::Idle, DataState::Idle));
}

#[test]
fn import_and_reset_clear_the_curves_and_a_reload_restores_them() {
    let mut s = running();
    worker(&mut s, progress(0, 10));
    worker(&mut s, epoch(0, 0.9));
    weights(&mut s, FromWorker::Done { finished: true }, &[1]);
    let record = s.record();
    assert_eq!((record.points.len(), record.epochs.len()), (1, 1));
    let fx = s.apply(Event::Imported {
        file: "w.safetensors".into(),
    });
    assert_eq!(
        fx,
        vec![
            Effect::Save,
            Effect::Status(Some(Status::Imported("w.safetensors".into())))
        ]
    );
    assert_eq!(s.record(), RunRecord::default());
    s.apply(Event::Loaded(Some(record.clone())));
    assert_eq!(s.record(), record);
    assert_eq!(
        s.apply(Event::Reset),
        vec![Effect::Status(Some(Status::Reset))]
    );
    assert_eq!(s.record(), RunRecord::default());
}

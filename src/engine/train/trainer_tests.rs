//! The incremental trainer against the simple loop: the same losses, weights and evaluations.

use crate::engine::nn::models::lenet5;
use crate::engine::testutil::bars;
use crate::engine::testutil::reference_fit;
use crate::engine::train::evaluation::{evaluate, Evaluation};
use crate::engine::train::guard::{Guard, GUARD_WINDOW, STUCK_LOSS};
use crate::engine::train::optim::{Optimizer, OptimizerKind};
use crate::engine::train::steps::{Schedule, TrainError};
use crate::engine::train::trainer::*;

pub(super) fn run_to_end(t: &mut Trainer) -> Vec<TrainEvent> {
    let mut events = Vec::new();
    while !t.is_done() {
        events.push(t.work());
    }
    events
}

#[test]
fn gives_exactly_what_the_reference_loop_and_evaluate_give() {
    let (train, test) = (bars(90), bars(600));
    let schedule = Schedule {
        epochs: 2,
        batch_size: 16,
        seed: 5,
    };
    let mut reference = lenet5();
    reference.init(3);
    let mut opt = Optimizer::new(OptimizerKind::rmsprop(), 1e-3);
    let mut ref_losses = Vec::new();
    let mut ref_tests = Vec::new();
    reference_fit(
        &mut reference,
        &mut opt,
        &train,
        schedule,
        |r| ref_losses.push(r.loss),
        |_, m, _| ref_tests.push(evaluate(m, &test, 100)),
    )
    .unwrap();

    let mut model = lenet5();
    model.init(3);
    let mut t = Trainer::new(
        model,
        Optimizer::new(OptimizerKind::rmsprop(), 1e-3),
        train,
        test,
        schedule,
    );
    assert_eq!(t.batches_per_epoch(), 6);
    let events = run_to_end(&mut t);
    let losses: Vec<f32> = events
        .iter()
        .filter_map(|e| {
            if let TrainEvent::Batch(b) = e {
                Some(b.loss)
            } else {
                None
            }
        })
        .collect();
    let tests: Vec<Evaluation> = events
        .iter()
        .filter_map(|e| {
            if let TrainEvent::Epoch { test, .. } = e {
                Some((**test).clone())
            } else {
                None
            }
        })
        .collect();
    assert_eq!(losses, ref_losses);
    assert_eq!(tests.len(), 2);
    for (a, b) in tests.iter().zip(&ref_tests) {
        assert_eq!(a.confusion, b.confusion);
        assert!((a.loss - b.loss).abs() < 1e-5);
    }
    // Evaluation comes in slices: 600 test images → 2 progress events then the epoch, per epoch.
    assert_eq!(
        events
            .iter()
            .filter(|e| matches!(e, TrainEvent::Evaluating { .. }))
            .count(),
        4
    );
    assert_eq!(t.samples(), 180);
    assert_eq!(t.work(), TrainEvent::Finished);
}

#[test]
fn diverges_at_the_same_step_as_the_reference_loop_with_the_same_losses_before() {
    let schedule = Schedule {
        epochs: 3,
        batch_size: 8,
        seed: 2,
    };
    let opt = || Optimizer::new(OptimizerKind::sgd(0.0), 1e6);
    let mut reference = crate::engine::nn::models::seed();
    reference.init(4);
    let mut ref_losses = Vec::new();
    let expected = reference_fit(
        &mut reference,
        &mut opt(),
        &bars(40),
        schedule,
        |r| ref_losses.push(r.loss),
        |_, _, _| {},
    )
    .expect_err("this rate blows up");
    let mut model = crate::engine::nn::models::seed();
    model.init(4);
    let mut t = Trainer::new(model, opt(), bars(40), bars(10), schedule);
    let events = run_to_end(&mut t);
    let losses: Vec<f32> = events
        .iter()
        .filter_map(|e| match e {
            TrainEvent::Batch(b) => Some(b.loss),
            _ => None,
        })
        .collect();
    assert!(!losses.is_empty(), "some steps ran before the blow-up");
    assert_eq!(losses, ref_losses);
    // Same step, same reason; a loss may be NaN, which never equals itself, so compare its class.
    let class = |e: &TrainError| match e {
        TrainError::Diverged { epoch, batch, loss } => {
            (*epoch, *batch, loss.is_finite(), String::new())
        }
        TrainError::BadWeights {
            epoch,
            batch,
            tensor,
        } => (*epoch, *batch, true, tensor.clone()),
    };
    match events.last() {
        Some(TrainEvent::Diverged(e)) => assert_eq!(class(e), class(&expected)),
        other => panic!("expected a divergence, got {other:?}"),
    }
}

#[test]
fn divergence_stops_the_run_with_finite_weights() {
    // (LeNet-5's tanh saturates instead of blowing up; the ReLU model overflows.)
    let mut model = crate::engine::nn::models::seed();
    model.init(1);
    let mut t = Trainer::new(
        model,
        Optimizer::new(OptimizerKind::sgd(0.0), 1e6),
        bars(40),
        bars(10),
        Schedule {
            epochs: 5,
            batch_size: 20,
            seed: 1,
        },
    );
    let events = run_to_end(&mut t);
    assert!(
        matches!(events.last(), Some(TrainEvent::Diverged(_))),
        "{:?}",
        events.last()
    );
    assert!(t
        .model
        .named_params()
        .iter()
        .all(|(_, p)| p.value.iter().all(|v| v.is_finite())));
}

/// LeNet-5 (seed 1) on 400 bars, SGD at `lr`, batches of 8: the guard's test bench.
fn lenet5_sgd_run(lr: f32) -> Trainer {
    let mut model = lenet5();
    model.init(1);
    Trainer::new(
        model,
        Optimizer::new(OptimizerKind::sgd(0.0), lr),
        bars(400),
        bars(10),
        Schedule {
            epochs: 5,
            batch_size: 8,
            seed: 1,
        },
    )
}

#[test]
fn a_stuck_loss_stops_the_run_and_brings_back_healthy_weights() {
    // LeNet-5 with SGD at 1000: tanh saturates, the loss stays finite but far above chance.
    let mut t = lenet5_sgd_run(1000.0);
    let start: Vec<Vec<f32>> = t.model.params_mut().map(|p| p.value.clone()).collect();
    let events = run_to_end(&mut t);
    let Some(TrainEvent::Diverged(TrainError::Diverged { loss, .. })) = events.last() else {
        panic!("{:?}", events.last())
    };
    assert!(*loss > STUCK_LOSS && loss.is_finite());
    let batches = events
        .iter()
        .filter(|e| matches!(e, TrainEvent::Batch(_)))
        .count();
    assert!(
        batches < 3 * GUARD_WINDOW,
        "caught within a few windows, not after {batches} batches"
    );
    // The first step already did the damage, so the weights from before it come back.
    let now: Vec<Vec<f32>> = t.model.params_mut().map(|p| p.value.clone()).collect();
    assert_eq!(now, start);
}

#[test]
fn a_healthy_run_is_never_stopped_by_the_guard() {
    let mut model = lenet5();
    model.init(2);
    // Adam at 1e-2 is aggressive but workable: the first losses jump around, then fall.
    let mut t = Trainer::new(
        model,
        Optimizer::new(OptimizerKind::adam(), 1e-2),
        bars(400),
        bars(10),
        Schedule {
            epochs: 2,
            batch_size: 8,
            seed: 1,
        },
    );
    let events = run_to_end(&mut t);
    assert!(events.iter().all(|e| !matches!(e, TrainEvent::Diverged(_))));
}

#[test]
fn nothing_to_do_is_done_at_once() {
    let t = Trainer::new(
        lenet5(),
        Optimizer::new(OptimizerKind::adam(), 1e-3),
        bars(0),
        bars(10),
        Schedule {
            epochs: 3,
            batch_size: 8,
            seed: 1,
        },
    );
    assert!(t.is_done());
}

#[test]
fn a_step_that_breaks_the_weights_stops_the_run_even_with_a_finite_loss() {
    // LeNet-5 with SGD at 1e4: within a few steps a weight passes MAX_WEIGHT while tanh keeps the
    // loss finite. The run stops there, names the tensor, and the weights come back in bounds.
    let mut t = lenet5_sgd_run(1e4);
    let events = run_to_end(&mut t);
    let Some(TrainEvent::Diverged(TrainError::BadWeights { tensor, .. })) = events.last() else {
        panic!("{:?}", events.last())
    };
    assert!(t.model.named_params().iter().any(|(n, _)| n == tensor));
    assert!(events.iter().all(|e| match e {
        TrainEvent::Batch(b) => b.loss.is_finite(),
        _ => true,
    }));
    assert_eq!(Guard::broken_weights(&t.model), None);
    let msg = TrainError::BadWeights {
        epoch: 0,
        batch: 2,
        tensor: tensor.clone(),
    }
    .to_string();
    assert!(
        msg.contains(tensor.as_str()) && msg.contains("batch 3"),
        "{msg}"
    );
}

//! Teams of trainers (as the page's workers run them) against one trainer, and evaluation-only
//! runs: the same weights, losses, confusion matrices and mistakes.

use super::trainer_tests::run_to_end;
use crate::engine::data::mnist::Dataset;
use crate::engine::nn::models::{lenet5, seed};
use crate::engine::testutil::bars;
use crate::engine::train::evaluation::{
    evaluate, evaluate_keeping, Cell, Evaluation, MISTAKES_PER_CELL,
};
use crate::engine::train::optim::{Optimizer, OptimizerKind};
use crate::engine::train::steps::Schedule;
use crate::engine::train::trainer::*;

/// Runs `size` trainers as a team, exchanging shares as the page's workers do; returns the leader's
/// events (shares left out), every member's final weights, and the largest difference in images
/// between two members' parts of one batch. Member `i` reports `(i + 1)` × 100 µs per image
/// computed, as if each were slower than the one before, so the team's split moves away from even.
fn run_team(size: usize, make: impl Fn() -> Trainer) -> (Vec<TrainEvent>, Vec<Vec<f32>>, usize) {
    use crate::engine::train::gradient_parts::GradientParts;
    use crate::engine::train::team::Team;
    let mut members: Vec<Trainer> = (0..size)
        .map(|i| make().in_team(Team::new(i, size).unwrap()))
        .collect();
    let mut leader_events = Vec::new();
    let mut spread = 0;
    loop {
        let (mut grads, mut evals, mut done) = (Vec::new(), Vec::new(), 0);
        for (i, t) in members.iter_mut().enumerate() {
            loop {
                // Each layer's gradients as the backward pass hands them over, top layer first.
                let mut parts: Vec<(usize, Vec<f32>)> = Vec::new();
                match t.work_sharing(&mut |r| parts.push((r.offset, r.grads.concat()))) {
                    TrainEvent::ShareGradient(mut own) => {
                        own.busy_us = own.count as u32 * 100 * (i as u32 + 1);
                        // The others complete the step with the parts put together, as in the page
                        // (an empty shard sends no parts: its whole share travels at the end); this
                        // member with its own share, whose gradients stay in its model.
                        let mut sent = own.clone();
                        if !parts.is_empty() {
                            assert!(own.grads.is_empty(), "sent ahead, so not copied out");
                            let mut got = GradientParts::default();
                            for (offset, values) in &parts {
                                got.slot(*offset, values.len()).copy_from_slice(values);
                            }
                            sent.grads = got.finish().expect("every part arrived");
                            let in_model: Vec<f32> =
                                t.model.params_mut().flat_map(|p| p.grad.clone()).collect();
                            assert_eq!(sent.grads, in_model, "member {i}'s parts");
                        }
                        break grads.push((own, sent));
                    }
                    TrainEvent::ShareEvaluation(e) => break evals.push(*e),
                    TrainEvent::Finished => break done += 1,
                    other => {
                        assert!(!matches!(other, TrainEvent::Diverged(_)));
                        if i == 0 {
                            leader_events.push(other);
                        }
                    }
                }
            }
        }
        if done == size {
            break;
        }
        assert!(
            grads.len() == size || evals.len() == size,
            "members out of step"
        );
        let counts = grads.iter().map(|(own, _)| own.count);
        if let (Some(most), Some(least)) = (counts.clone().max(), counts.min()) {
            spread = spread.max(most - least);
        }
        for (i, t) in members.iter_mut().enumerate() {
            let e = if grads.is_empty() {
                t.complete_evaluation(&evals)
            } else {
                // Its own share as it made it, the others' as they arrived.
                let shares: Vec<_> = grads
                    .iter()
                    .enumerate()
                    .map(|(j, (own, sent))| if j == i { own } else { sent }.clone())
                    .collect();
                let e = t.complete_step(&shares);
                let counts: Vec<usize> = grads.iter().map(|(own, _)| own.count).collect();
                assert_eq!(t.split().last_parts(), counts, "the parts the lab shows");
                e
            };
            if i == 0 {
                leader_events.push(e);
            }
        }
    }
    let weights = members
        .iter_mut()
        .map(|t| t.model.params_mut().flat_map(|p| p.value.clone()).collect())
        .collect();
    (leader_events, weights, spread)
}

#[test]
fn a_team_of_two_or_three_trains_like_one_trainer() {
    let make = || {
        let mut model = lenet5();
        model.init(3);
        Trainer::new(
            model,
            Optimizer::new(OptimizerKind::rmsprop(), 1e-3),
            bars(90),
            bars(600),
            Schedule {
                epochs: 2,
                batch_size: 16,
                seed: 5,
            },
        )
    };
    let mut solo = make();
    let solo_events = run_to_end(&mut solo);
    let solo_weights: Vec<f32> = solo
        .model
        .params_mut()
        .flat_map(|p| p.value.clone())
        .collect();
    let summary = |events: &[TrainEvent]| -> (Vec<f32>, Vec<Evaluation>) {
        let mut losses = Vec::new();
        let mut tests = Vec::new();
        for e in events {
            match e {
                TrainEvent::Batch(b) => losses.push(b.loss),
                TrainEvent::Epoch { test, .. } => tests.push((**test).clone()),
                _ => {}
            }
        }
        (losses, tests)
    };
    let (solo_losses, solo_tests) = summary(&solo_events);
    for size in [2, 3] {
        let (events, weights, spread) = run_team(size, make);
        // Batches of 16: an even split differs by at most one image; the slower members got less.
        assert!(
            spread >= 3,
            "a team of {size} kept an even split ({spread})"
        );
        for w in &weights[1..] {
            assert_eq!(w, &weights[0], "team members hold identical weights");
        }
        let diff = weights[0]
            .iter()
            .zip(&solo_weights)
            .map(|(a, b)| (a - b).abs())
            .fold(0.0f32, f32::max);
        assert!(
            diff < 1e-5,
            "team of {size} vs one trainer: weights differ by {diff}"
        );
        let (losses, tests) = summary(&events);
        assert_eq!(losses.len(), solo_losses.len());
        for (a, b) in losses.iter().zip(&solo_losses) {
            assert!((a - b).abs() < 1e-5, "loss {a} vs {b}");
        }
        assert_eq!(tests.len(), 2);
        for (t, s) in tests.iter().zip(&solo_tests) {
            assert_eq!(t.confusion, s.confusion);
            // The weights agree to 1e-5, not bit for bit: so do the confidences.
            let key = |e: &Evaluation| -> Vec<_> {
                e.mistakes
                    .iter()
                    .map(|m| (m.index, m.truth, m.predicted))
                    .collect()
            };
            assert_eq!(key(t), key(s));
            for (a, b) in t.mistakes.iter().zip(&s.mistakes) {
                assert!((a.confidence - b.confidence).abs() < 1e-5);
            }
            assert!((t.loss - s.loss).abs() < 1e-5);
        }
    }
}

#[test]
fn evaluation_only_runs_report_the_test_set_alone_and_in_a_team() {
    let test: Dataset = bars(700);
    let make = || {
        let mut model = seed();
        model.init(2);
        Trainer::evaluation_only(model, test.clone(), None)
    };
    let mut model = seed();
    model.init(2);
    let want = evaluate(&mut model, &test, 100);
    let tested = |events: &[TrainEvent]| -> Vec<Evaluation> {
        events
            .iter()
            .filter_map(|e| match e {
                TrainEvent::Epoch { epoch: 0, test } => Some((**test).clone()),
                TrainEvent::Batch(_) | TrainEvent::Epoch { .. } => panic!("it trained: {e:?}"),
                _ => None,
            })
            .collect()
    };
    let mut solo = make();
    let events = run_to_end(&mut solo);
    assert!(matches!(
        events.first(),
        Some(TrainEvent::Evaluating {
            done: 250,
            total: 700,
            ..
        })
    ));
    for got in [tested(&events), tested(&run_team(2, make).0)] {
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].confusion, want.confusion);
        assert_eq!(got[0].mistakes, want.mistakes);
        assert_eq!(got[0].count(), 700);
    }
}

#[test]
fn a_focused_evaluation_keeps_every_mistake_of_its_cell_alone_and_in_a_team() {
    let test: Dataset = bars(700);
    let mut model = seed();
    model.init(2);
    let plain = evaluate(&mut model, &test, 100);
    // The untrained model's biggest kind of mistake, more than the cap keeps.
    let (t, p) = (0..100)
        .map(|i| (i / 10, i % 10))
        .filter(|(t, p)| t != p)
        .max_by_key(|&(t, p)| plain.confusion[t][p])
        .unwrap();
    let n = plain.confusion[t][p] as usize;
    assert!(
        n > MISTAKES_PER_CELL,
        "the test needs a cell beyond the cap: {n}"
    );
    let focus = Cell {
        truth: t as u8,
        predicted: p as u8,
    };
    let want = evaluate_keeping(&mut model, &test, 100, Some(focus));
    let of_cell = |e: &Evaluation| {
        e.mistakes
            .iter()
            .filter(|m| (m.truth as usize, m.predicted as usize) == (t, p))
            .count()
    };
    assert_eq!(of_cell(&want), n);
    assert_eq!(of_cell(&plain), MISTAKES_PER_CELL);
    // The other cells keep what they kept.
    let others = |e: &Evaluation| -> Vec<u32> {
        e.mistakes
            .iter()
            .filter(|m| (m.truth as usize, m.predicted as usize) != (t, p))
            .map(|m| m.index)
            .collect()
    };
    assert_eq!(others(&want), others(&plain));
    assert_eq!(want.focus, Some(focus));
    let make = || {
        let mut model = seed();
        model.init(2);
        Trainer::evaluation_only(model, test.clone(), Some(focus))
    };
    let solo = run_to_end(&mut make());
    for members in [2, 3] {
        let events = run_team(members, make).0;
        for got in [&solo, &events] {
            let got: Vec<&Evaluation> = got
                .iter()
                .filter_map(|e| match e {
                    TrainEvent::Epoch { test, .. } => Some(&**test),
                    _ => None,
                })
                .collect();
            assert_eq!(got.len(), 1);
            assert_eq!(got[0].mistakes, want.mistakes, "{members} members");
            assert_eq!(got[0].focus, Some(focus));
        }
    }
}

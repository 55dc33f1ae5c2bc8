//! One worker: a run to its report, pause, resume and stop, an evaluation, a team's ports.

use super::*;

#[test]
fn a_run_goes_from_start_through_slices_to_its_report_and_weights() {
    let clock = FakeClock::new();
    let now = || clock.read();
    let (mut core, mut out) = loaded(&clock);
    assert!(matches!(
        out.posts()[..],
        [
            FromWorker::Ready,
            FromWorker::DataReady {
                train: 96,
                test: 40
            }
        ]
    ));
    core.on_message(ToWorker::Start(config(2)), buffers(vec![]), &now, &mut out);
    let ticks = run_ticks(&mut core, &clock, &mut out, 10_000);
    assert!(ticks > 1, "training went in slices, {ticks} of them");
    assert!(!out.wants_tick(), "a finished run asks for no more ticks");
    let posts = out.posts();
    let epochs: Vec<usize> = posts
        .iter()
        .filter_map(|m| match m {
            FromWorker::Epoch { epoch, test } => {
                assert_eq!(test.count(), 40);
                Some(*epoch)
            }
            _ => None,
        })
        .collect();
    assert_eq!(epochs, [0, 1]);
    let steps: usize = posts
        .iter()
        .map(|m| match m {
            FromWorker::Progress { points, .. } => points.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(
        steps,
        2 * 96 / 16,
        "every step's point reached the page once"
    );
    let (finished, weights) = out.done_weights().expect("the run's weights");
    assert!(finished);
    let mut model = tiny_spec().build().unwrap();
    load_safetensors(&mut model, &weights).expect("the weights load into the model");
}

#[test]
fn pause_holds_the_run_resume_goes_on_and_stop_ends_it_with_its_weights() {
    let clock = FakeClock::new();
    let now = || clock.read();
    let (mut core, mut out) = loaded(&clock);
    core.on_message(ToWorker::Start(config(50)), buffers(vec![]), &now, &mut out);
    run_ticks(&mut core, &clock, &mut out, 2);
    core.on_message(ToWorker::Pause, buffers(vec![]), &now, &mut out);
    assert!(matches!(out.posts().last(), Some(FromWorker::Paused)));
    out.0.clear();
    core.on_tick(&now, &mut out);
    assert!(
        out.0.is_empty(),
        "a paused run does nothing at a tick: {:?}",
        out.0
    );
    core.on_message(ToWorker::Resume, buffers(vec![]), &now, &mut out);
    assert!(matches!(out.posts()[..], [FromWorker::Resumed]));
    assert!(out.wants_tick());
    run_ticks(&mut core, &clock, &mut out, 2);
    core.on_message(ToWorker::Stop, buffers(vec![]), &now, &mut out);
    let (finished, _) = out.done_weights().expect("a stopped run's weights");
    assert!(!finished);
    out.0.clear();
    core.on_tick(&now, &mut out);
    assert!(out.0.is_empty(), "a stopped run does nothing at a tick");
}

#[test]
fn an_evaluation_reports_the_test_set_alone() {
    let clock = FakeClock::new();
    let now = || clock.read();
    let (mut core, mut out) = loaded(&clock);
    let mut model = tiny_spec().build().unwrap();
    model.init(1);
    let weights = crate::engine::data::weights::to_safetensors(&model);
    let model = Network::Design(tiny_spec());
    core.on_message(
        ToWorker::Evaluate { model, focus: None },
        buffers(vec![weights]),
        &now,
        &mut out,
    );
    out.0.retain(|s| {
        !matches!(
            s,
            Sent::Post(FromWorker::Ready | FromWorker::DataReady { .. }, _)
        )
    });
    run_ticks(&mut core, &clock, &mut out, 1000);
    let posts = out.posts();
    let tested = posts
        .iter()
        .filter(|m| matches!(m, FromWorker::Tested { .. }))
        .count();
    assert_eq!(tested, 1);
    assert!(
        posts
            .iter()
            .all(|m| matches!(m, FromWorker::Tested { .. } | FromWorker::Evaluating { .. })),
        "no progress, weights or Done for an evaluation: {posts:?}"
    );
    core.on_message(
        ToWorker::Evaluate {
            model: Network::Design(tiny_spec()),
            focus: None,
        },
        buffers(vec![]),
        &now,
        &mut out,
    );
    assert!(
        matches!(out.posts().last(), Some(FromWorker::Failed { message }) if message.contains("no weights"))
    );
}

#[test]
fn a_team_needs_a_port_to_every_other_member() {
    let (mut core, mut out) = (WorkerCore::default(), Recorder::default());
    join(&mut core, (1, 3, 1), &mut out);
    assert!(
        matches!(out.posts().last(), Some(FromWorker::Failed { message }) if message == "a team of 3 needs 2 ports to the others, got 1")
    );
    assert!(core.team().is_solo());
}

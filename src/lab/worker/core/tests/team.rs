//! A team of two: shares exchanged in either order, refused when they repeat or skip a step.

use super::*;

/// A team of two trained to the end, member `first` acting first at every turn: member 0's
/// final weights.
fn team_run(first: usize) -> Vec<u8> {
    let clocks = [FakeClock::new(), FakeClock::new()];
    let mut cores = [WorkerCore::default(), WorkerCore::default()];
    let mut outs = [Recorder::default(), Recorder::default()];
    let mut inbox: [VecDeque<(ToPeer, Vec<f32>)>; 2] = [VecDeque::new(), VecDeque::new()];
    for m in 0..2 {
        let now = || clocks[m].read();
        join(&mut cores[m], (m, 2, 1), &mut outs[m]);
        cores[m].on_message(
            ToWorker::Data,
            buffers(data_files(96, 40)),
            &now,
            &mut outs[m],
        );
        cores[m].on_message(
            ToWorker::Start(config(1)),
            buffers(vec![]),
            &now,
            &mut outs[m],
        );
    }
    let mut tick = [false; 2];
    for _ in 0..100_000 {
        // What each member asked for: ticks, and messages to the other.
        for m in 0..2 {
            for s in std::mem::take(&mut outs[m].0) {
                match s {
                    Sent::Tick => tick[m] = true,
                    Sent::Peers(msg, values) => inbox[1 - m].push_back((msg, values)),
                    Sent::Post(FromWorker::Failed { message }, _) => {
                        panic!("member {m}: {message}")
                    }
                    Sent::Post(FromWorker::Done { .. }, w) if m == 0 => return w[0].clone(),
                    _ => {}
                }
            }
        }
        let order = [first, 1 - first];
        let m = *order
            .iter()
            .find(|&&m| !inbox[m].is_empty() || tick[m])
            .expect("someone has something to do");
        let now = || clocks[m].read();
        if let Some((msg, values)) = inbox[m].pop_front() {
            let values = (!values.is_empty()).then_some(&values);
            cores[m].on_peer(
                msg,
                values.map(|v| v as &dyn crate::lab::worker::ledger::Values),
                &now,
                &mut outs[m],
            );
        } else {
            tick[m] = false;
            cores[m].on_tick(&now, &mut outs[m]);
        }
    }
    panic!("the team never finished");
}

#[test]
fn a_team_of_two_ends_with_the_same_weights_whichever_member_goes_first() {
    let weights = |bytes: Vec<u8>| {
        let mut model = tiny_spec().build().unwrap();
        load_safetensors(&mut model, &bytes).unwrap();
        model
            .named_params()
            .iter()
            .flat_map(|(_, p)| p.value.clone())
            .collect::<Vec<f32>>()
    };
    let (a, b) = (weights(team_run(0)), weights(team_run(1)));
    let differ = a.iter().zip(&b).filter(|(x, y)| x != y).count();
    let most = a
        .iter()
        .zip(&b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max);
    assert_eq!(
        differ,
        0,
        "{differ} of {} weights differ, by up to {most}",
        a.len()
    );
    // And they are what one worker alone learns, up to the order of the additions.
    let clock = FakeClock::new();
    let now = || clock.read();
    let (mut solo, mut out) = loaded(&clock);
    solo.on_message(ToWorker::Start(config(1)), buffers(vec![]), &now, &mut out);
    run_ticks(&mut solo, &clock, &mut out, 10_000);
    let alone = weights(out.done_weights().expect("the solo run's weights").1);
    let most = a
        .iter()
        .zip(&alone)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max);
    assert!(
        most < 1e-4,
        "the team's weights differ from one worker's by up to {most}"
    );
}

#[test]
fn a_share_that_comes_twice_or_after_a_gap_is_refused_with_its_sentence() {
    let clock = FakeClock::new();
    let now = || clock.read();
    let mut core = WorkerCore::default();
    let mut out = Recorder::default();
    join(&mut core, (0, 2, 1), &mut out);
    let share = |step| ToPeer::Gradient {
        from: 1,
        run: 0,
        step,
        loss_sum: 1.0,
        correct: 1,
        count: 2,
        busy_us: 5,
    };
    let values = vec![0.5f32; 4];
    let failed = |out: &Recorder| match out.posts().last() {
        Some(FromWorker::Failed { message }) => Some(message.clone()),
        _ => None,
    };
    core.on_peer(
        share(0),
        Some(&values as &dyn crate::lab::worker::ledger::Values),
        &now,
        &mut out,
    );
    assert_eq!(failed(&out), None);
    core.on_peer(
        share(0),
        Some(&values as &dyn crate::lab::worker::ledger::Values),
        &now,
        &mut out,
    );
    assert_eq!(
        failed(&out).as_deref(),
        Some("member 1's gradient share of step 0 came twice")
    );
    core.on_peer(
        share(2),
        Some(&values as &dyn crate::lab::worker::ledger::Values),
        &now,
        &mut out,
    );
    assert_eq!(
        failed(&out).as_deref(),
        Some("member 1's gradient share of step 1 never came (its share of step 2 did)")
    );
}

use super::*;
use crate::engine::train::team::Team;

fn ledger(index: usize, size: usize) -> Ledger {
    let mut l = Ledger {
        team: Team::new(index, size).unwrap(),
        ..Ledger::default()
    };
    l.next_run();
    l
}

fn header(from: usize, run: u32, step: u64) -> ShareHeader {
    ShareHeader {
        from,
        run,
        step,
        loss_sum: 0.5,
        correct: 1,
        count: 2,
        busy_us: 7,
    }
}

fn own(step: u64) -> ShardGradient {
    ShardGradient {
        step,
        loss_sum: 1.0,
        correct: 2,
        count: 2,
        busy_us: 3,
        grads: vec![1.0; 4],
    }
}

#[test]
fn a_step_completes_when_every_share_is_in_whichever_comes_first() {
    let mut l = ledger(0, 2);
    assert_eq!(l.own_gradient(own(0)), None);
    l.gradient(header(1, 1, 0), Some(&vec![2.0f32; 4] as &dyn Values))
        .unwrap();
    let all = l.gradients(0).expect("both shares");
    assert_eq!(all[1].grads, [2.0; 4]);
    assert_eq!(all[1].busy_us, 7);

    let mut l = ledger(0, 2);
    l.gradient(header(1, 1, 0), Some(&vec![2.0f32; 4] as &dyn Values))
        .unwrap();
    let all = l.own_gradient(own(0)).expect("the other's came first");
    assert_eq!(
        (all[0].grads.clone(), all[1].grads.clone()),
        (vec![1.0; 4], vec![2.0; 4])
    );
}

#[test]
fn parts_ahead_of_a_share_become_its_values() {
    let mut l = ledger(1, 2);
    l.part((0, 1, 0), 2, &vec![3.0f32, 4.0]).unwrap();
    l.part((0, 1, 0), 0, &vec![1.0f32, 2.0]).unwrap();
    l.gradient(header(0, 1, 0), None).unwrap();
    let all = l.own_gradient(own(0)).unwrap();
    assert_eq!(all[0].grads, [1.0, 2.0, 3.0, 4.0]);
    assert!(l.part((0, 1, 1), usize::MAX - 1, &vec![1.0f32]).is_err());
}

#[test]
fn refuses_strangers_repeats_and_gaps() {
    let mut l = ledger(0, 2);
    let twice = l.gradient(header(5, 1, 0), None).unwrap_err();
    assert_eq!(
        twice,
        "a share from member 5, in a team of 2 where this is member 0"
    );
    assert!(
        l.gradient(header(0, 1, 0), None).is_err(),
        "not from itself"
    );
    l.gradient(header(1, 1, 0), None).unwrap();
    l.gradient(header(1, 1, 1), None).unwrap();
    let e = l.gradient(header(1, 1, 1), None).unwrap_err();
    assert_eq!(e, "member 1's gradient share of step 1 came twice");
    let e = l.gradient(header(1, 1, 3), None).unwrap_err();
    assert_eq!(
        e,
        "member 1's gradient share of step 2 never came (its share of step 3 did)"
    );
    let totals = EvalAccumulator::default();
    l.evaluation((1, 1, 4), totals.clone()).unwrap();
    let e = l.evaluation((1, 1, 4), totals).unwrap_err();
    assert_eq!(e, "member 1's evaluation share of step 4 came twice");
}

#[test]
fn a_new_run_forgets_the_old_ones_shares_but_keeps_a_faster_members_next() {
    let mut l = ledger(0, 2);
    l.gradient(header(1, 1, 0), None).unwrap();
    // The other member already started run 2 and sent its first share.
    l.gradient(header(1, 2, 0), None).unwrap();
    l.next_run();
    assert_eq!(l.run, 2);
    assert!(l.own_gradient(own(0)).is_some(), "run 2's share was kept");
    // Run 2's numbering starts over: step 0 of a later run is no repeat.
    l.next_run();
    l.gradient(header(1, 3, 0), None).unwrap();
}

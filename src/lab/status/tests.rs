//! The status line's sentences, in both languages.

use super::*;
use crate::engine::train::optim::OptimizerChoice;
use crate::lab::verdict::Shortfall;

#[test]
fn a_run_stopped_by_broken_weights_names_the_tensor_not_a_loss() {
    let s = Status::Diverged {
        epoch: 0,
        batch: 2,
        loss: None,
        tensor: Some("12.weight".into()),
        kept: Kept::LastGood,
    };
    for lang in [Lang::En, Lang::Zh] {
        let text = status_text(&s, lang);
        assert!(
            text.contains("12.weight") && text.contains("±1,000,000"),
            "{text}"
        );
        assert!(!text.contains(NAN.get(lang)), "{text}");
    }
    let by_loss = Status::Diverged {
        epoch: 0,
        batch: 2,
        loss: Some(12.3),
        tensor: None,
        kept: Kept::Before,
    };
    let en = status_text(&by_loss, Lang::En);
    assert!(
        en.contains("12.30") && en.contains("from before the run"),
        "{en}"
    );
}

#[test]
fn a_failed_save_keeps_the_finished_run_but_not_its_claim_to_be_saved() {
    let finished = Status::Finished { accuracy: 0.98 };
    let once = Status::save_failed(SaveProblem::Full, Some(finished));
    let twice = Status::save_failed(SaveProblem::Refused, Some(once.clone()));
    for (s, why) in [(&once, SAVE_FULL), (&twice, SAVE_REFUSED)] {
        let en = status_text(s, Lang::En);
        assert!(
            en.starts_with("Training finished: test accuracy 98.00%. Could not save"),
            "{en}"
        );
        assert!(
            en.contains(why.get(Lang::En)) && !en.contains("are saved"),
            "{en}"
        );
        let zh = status_text(s, Lang::Zh);
        assert!(
            zh.starts_with("训练完成：测试准确率 98.00%。无法保存") && !zh.contains("已保存"),
            "{zh}"
        );
    }
    // Anything else is replaced by the failure alone.
    let alone = Status::save_failed(SaveProblem::Full, Some(Status::Reset));
    assert!(status_text(&alone, Lang::En).starts_with("Could not save"));
}

#[test]
fn a_run_that_did_not_learn_says_so_names_the_cause_and_what_is_kept() {
    let s = Status::NotLearned {
        shortfall: Shortfall::NearChance {
            accuracy: 0.1028,
            classes: 10,
        },
        optimizer: OptimizerChoice::Sgd,
        learning_rate: 12.0,
        kept: Kept::Before,
    };
    let en = status_text(&s, Lang::En);
    assert_eq!(
        en,
        "Training did not learn: test accuracy 10.28%, about what guessing among 10 classes \
         gives (10%). The learning rate 12 is likely too large for SGD: each step overshoots. \
         The weights from before the run are kept, in use and saved; “Use this run's weights” \
         takes the new ones instead."
    );
    let zh = status_text(&s, Lang::Zh);
    assert!(
        zh.starts_with("训练没有学会：测试准确率 10.28%") && zh.contains("太大"),
        "{zh}"
    );
    assert!(!zh.contains("训练完成") && !en.contains("finished"));
    let slow = Status::NotLearned {
        shortfall: Shortfall::LossRose {
            first: 2.3,
            last: 4.0,
        },
        optimizer: OptimizerChoice::RmsProp,
        learning_rate: 1e-6,
        kept: Kept::Reached,
    };
    let en = status_text(&slow, Lang::En);
    assert!(
        en.contains("4.00, above the 2.30") && en.contains("too small"),
        "{en}"
    );
}

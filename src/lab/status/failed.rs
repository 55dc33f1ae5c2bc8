//! What the status line says about a run that failed: how it fell short, the likely cause, and
//! which weights it left in use.

use super::Kept;
use crate::engine::train::optim::OptimizerChoice;
use crate::i18n::numbers::show;
use crate::i18n::recipes::*;
use crate::i18n::Lang;
use crate::lab::recipe::{judge_rate, optimizer_name, RateJudgement};
use crate::lab::verdict::Shortfall;

/// How a run fell short, in one sentence.
pub(super) fn shortfall_text(s: &Shortfall, lang: Lang) -> String {
    match *s {
        Shortfall::NearChance { accuracy, classes } => NOT_LEARNED_CHANCE.fill(
            lang,
            &[
                ("acc", &format!("{:.2}", accuracy * 100.0)),
                ("n", &classes),
                ("chance", &format!("{:.0}", 100.0 / classes as f32)),
            ],
        ),
        Shortfall::LossRose { first, last } => NOT_LEARNED_ROSE.fill(
            lang,
            &[
                ("first", &format!("{first:.2}")),
                ("last", &format!("{last:.2}")),
            ],
        ),
    }
}

/// The likely cause: the rate beside what works for the optimizer (`recipe::judge_rate`).
pub(super) fn cause_text(optimizer: OptimizerChoice, lr: f64, lang: Lang) -> String {
    let text = match judge_rate(optimizer, lr) {
        RateJudgement::TooLarge => CAUSE_TOO_LARGE,
        RateJudgement::TooSmall => CAUSE_TOO_SMALL,
        RateJudgement::AboutRight => CAUSE_OPTIMIZER,
    };
    text.fill(
        lang,
        &[("lr", &show(lr)), ("opt", &optimizer_name(optimizer))],
    )
}

pub(super) fn kept_text(kept: Kept, lang: Lang) -> String {
    match kept {
        Kept::Before => KEPT_BEFORE,
        Kept::LastGood => KEPT_LAST_GOOD,
        Kept::Reached => KEPT_REACHED,
    }
    .get(lang)
    .to_string()
}

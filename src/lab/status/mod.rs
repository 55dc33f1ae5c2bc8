//! What the lab tells the learner: where the weights in use came from, and the message of the moment
//! (paused, finished, diverged, refused…), rendered in the learner's language. Plain data, so the
//! training session (`session/`) and its native tests can produce and check it.

use crate::engine::train::optim::OptimizerChoice;
use crate::i18n::design::STATUS_BAD_DESIGN;
use crate::i18n::insights::STATUS_TEST_STOPPED;
use crate::i18n::lab::*;
use crate::i18n::recipes::STATUS_RUN_KEPT;
use crate::i18n::Lang;
use crate::lab::verdict::Shortfall;
use failed::{cause_text, kept_text, shortfall_text};

mod failed;

/// Where the weights in use came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Loading,
    Pretrained,
    Trained,
    Training,
    Imported,
    Random,
}

/// Why this browser did not keep the weights.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveProblem {
    /// The storage quota is used up (the disk is full, or the browser's share of it).
    Full,
    /// Storage is switched off or refused (private windows, site settings).
    Refused,
    /// Anything else, as the browser put it.
    Other(String),
}

impl SaveProblem {
    /// Why, in the learner's language (the browser's own words for anything else).
    pub fn text(&self, lang: Lang) -> String {
        match self {
            SaveProblem::Full => SAVE_FULL.get(lang).to_string(),
            SaveProblem::Refused => SAVE_REFUSED.get(lang).to_string(),
            SaveProblem::Other(e) => e.clone(),
        }
    }
}

/// Which weights a run that failed left in use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Those from before the run, put back in use and in storage (the run's are on offer).
    Before,
    /// The last good ones of a diverged run (nothing from before was at hand).
    LastGood,
    /// Those the run reached (nothing from before was at hand).
    Reached,
}

/// A message for the learner, rendered in the current language by the status line.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Paused,
    Finished {
        accuracy: f32,
    },
    Stopped,
    /// The run reached its end but learned next to nothing (`verdict`), with `optimizer` at
    /// `learning_rate`.
    NotLearned {
        shortfall: Shortfall,
        optimizer: OptimizerChoice,
        learning_rate: f64,
        kept: Kept,
    },
    /// The learner chose the failed run's weights after all.
    RunKept,
    /// The test-set evaluation was stopped before it finished.
    TestStopped,
    Diverged {
        epoch: usize,
        batch: usize,
        loss: Option<f32>,
        /// The weights a step broke while the loss stayed finite (see `FromWorker::Diverged`).
        tensor: Option<String>,
        kept: Kept,
    },
    /// The worker died (`why`); `replaced` when a new one is on its way, `resumable` when the
    /// run it trained can continue.
    Crashed {
        why: String,
        replaced: bool,
        resumable: bool,
    },
    Restored,
    Reset,
    Imported(String),
    ImportFailed {
        file: String,
        why: crate::lab::import::ImportProblem,
    },
    /// Saving failed; `after` is what the line said before (a finished or stopped run), kept in
    /// front of the failure without its claim that the weights were saved.
    SaveFailed {
        why: SaveProblem,
        after: Option<Box<Status>>,
    },
    /// MNIST did not arrive; `Retry` tries again when the network was the trouble.
    DownloadFailed(crate::i18n::fetch::FetchProblem),
    /// The pretrained weights did not arrive or were refused: the network starts untrained.
    PretrainedFailed(crate::i18n::fetch::FetchProblem),
    /// A design in the lab's address that cannot be used.
    BadDesign(String),
    /// Settings in the lab's address that cannot be used: their keys (`lab::link::KEYS`).
    BadLink(Vec<&'static str>),
    Failed(String),
    BadNumber {
        field: &'static crate::i18n::Text,
        min: String,
        max: String,
    },
}

impl Status {
    /// A failed save, keeping a finished or stopped run's news in front of it (a second failure
    /// replaces the first rather than piling up).
    pub fn save_failed(why: SaveProblem, before: Option<Status>) -> Self {
        let after = match before {
            Some(Status::SaveFailed { after, .. }) => after,
            Some(s @ (Status::Finished { .. } | Status::Stopped)) => Some(Box::new(s)),
            _ => None,
        };
        Status::SaveFailed { why, after }
    }
}

/// Two sentences in a row: a space between them in English, none after a Chinese full stop.
fn sentences(lang: Lang, a: &str, b: &str) -> String {
    match lang {
        Lang::Zh => format!("{a}{b}"),
        Lang::En => format!("{a} {b}"),
    }
}

/// The status line's text in `lang`.
pub fn status_text(s: &Status, lang: Lang) -> String {
    let t = |x: crate::i18n::Text| x.get(lang).to_string();
    match s {
        Status::Paused => t(STATUS_PAUSED),
        Status::Finished { accuracy } => {
            STATUS_FINISHED.fill(lang, &[("acc", &format!("{:.2}", accuracy * 100.0))])
        }
        Status::Stopped => t(STATUS_STOPPED),
        Status::NotLearned {
            shortfall,
            optimizer,
            learning_rate,
            kept,
        } => {
            let what = shortfall_text(shortfall, lang);
            let why = cause_text(*optimizer, *learning_rate, lang);
            sentences(lang, &sentences(lang, &what, &why), &kept_text(*kept, lang))
        }
        Status::RunKept => t(STATUS_RUN_KEPT),
        Status::TestStopped => t(STATUS_TEST_STOPPED),
        Status::Diverged {
            epoch,
            batch,
            tensor: Some(tensor),
            kept,
            ..
        } => sentences(
            lang,
            &STATUS_BAD_WEIGHTS.fill(
                lang,
                &[
                    ("e", &(epoch + 1).to_string()),
                    ("b", &(batch + 1).to_string()),
                    ("tensor", &tensor),
                    ("max", &"1,000,000"),
                ],
            ),
            &kept_text(*kept, lang),
        ),
        Status::Diverged {
            epoch,
            batch,
            loss,
            kept,
            ..
        } => sentences(
            lang,
            &STATUS_DIVERGED.fill(
                lang,
                &[
                    ("e", &(epoch + 1).to_string()),
                    ("b", &(batch + 1).to_string()),
                    (
                        "loss",
                        &loss.map_or(NAN.get(lang).into(), |l| {
                            if l < 1e4 {
                                format!("{l:.2}")
                            } else {
                                format!("{l:.2e}")
                            }
                        }),
                    ),
                ],
            ),
            &kept_text(*kept, lang),
        ),
        Status::Crashed {
            why,
            replaced,
            resumable,
        } => {
            let next = match (replaced, resumable) {
                (true, true) => CRASH_RESUMABLE,
                (true, false) => CRASH_REPLACED,
                (false, true) => CRASH_NOT_REPLACED_RESUMABLE,
                (false, false) => CRASH_NOT_REPLACED,
            };
            sentences(lang, &STATUS_CRASHED.fill(lang, &[("why", &why)]), &t(next))
        }
        Status::Restored => t(STATUS_RESTORED),
        Status::Reset => t(STATUS_RESET),
        Status::Imported(f) => STATUS_IMPORTED.fill(lang, &[("file", &f)]),
        Status::ImportFailed { file, why } => STATUS_IMPORT_FAILED.fill(
            lang,
            &[
                ("file", &file),
                ("why", &crate::lab::import::problem_text(why, lang)),
            ],
        ),
        Status::SaveFailed { why, after } => {
            let failed = STATUS_SAVE_FAILED.fill(lang, &[("why", &why.text(lang))]);
            let before = match after.as_deref() {
                Some(Status::Finished { accuracy }) => STATUS_FINISHED_UNSAVED
                    .fill(lang, &[("acc", &format!("{:.2}", accuracy * 100.0))]),
                Some(Status::Stopped) => t(STATUS_STOPPED_UNSAVED),
                _ => return failed,
            };
            sentences(lang, &before, &failed)
        }
        Status::DownloadFailed(why) => {
            STATUS_DOWNLOAD_FAILED.fill(lang, &[("why", &why.text(lang))])
        }
        Status::PretrainedFailed(why) => {
            STATUS_PRETRAINED_FAILED.fill(lang, &[("why", &why.text(lang))])
        }
        Status::BadDesign(why) => STATUS_BAD_DESIGN.fill(lang, &[("why", &why)]),
        Status::BadLink(keys) => {
            let keys = keys.join(match lang {
                Lang::En => ", ",
                Lang::Zh => "、",
            });
            STATUS_BAD_LINK.fill(lang, &[("keys", &keys)])
        }
        Status::Failed(why) => STATUS_FAILED.fill(lang, &[("why", &why)]),
        Status::BadNumber { field, min, max } => BAD_NUMBER.fill(
            lang,
            &[("field", &field.get(lang)), ("min", &min), ("max", &max)],
        ),
    }
}

#[cfg(test)]
mod tests;

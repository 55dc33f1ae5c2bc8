//! What the lab tells the learner: where the weights in use came from, and the message of the moment
//! (paused, finished, diverged, refused…), rendered in the learner's language. Plain data, so the
//! training session (`session.rs`) and its native tests can produce and check it.

use crate::i18n::design::STATUS_BAD_DESIGN;
use crate::i18n::insights::STATUS_TEST_STOPPED;
use crate::i18n::lab::*;
use crate::i18n::Lang;

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

/// A message for the learner, rendered in the current language by the status line.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Paused,
    Finished {
        accuracy: f32,
    },
    Stopped,
    /// The test-set evaluation was stopped before it finished.
    TestStopped,
    Diverged {
        epoch: usize,
        batch: usize,
        loss: Option<f32>,
        /// The weights a step broke while the loss stayed finite (see `FromWorker::Diverged`).
        tensor: Option<String>,
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
        Status::TestStopped => t(STATUS_TEST_STOPPED),
        Status::Diverged {
            epoch,
            batch,
            tensor: Some(tensor),
            ..
        } => STATUS_BAD_WEIGHTS.fill(
            lang,
            &[
                ("e", &(epoch + 1).to_string()),
                ("b", &(batch + 1).to_string()),
                ("tensor", &tensor),
                ("max", &"1,000,000"),
            ],
        ),
        Status::Diverged {
            epoch, batch, loss, ..
        } => STATUS_DIVERGED.fill(
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
        Status::Failed(why) => STATUS_FAILED.fill(lang, &[("why", &why)]),
        Status::BadNumber { field, min, max } => BAD_NUMBER.fill(
            lang,
            &[("field", &field.get(lang)), ("min", &min), ("max", &max)],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_stopped_by_broken_weights_names_the_tensor_not_a_loss() {
        let s = Status::Diverged {
            epoch: 0,
            batch: 2,
            loss: None,
            tensor: Some("12.weight".into()),
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
        };
        assert!(status_text(&by_loss, Lang::En).contains("12.30"));
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
}

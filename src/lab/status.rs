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
    },
    Crashed(String),
    Restored,
    Reset,
    Imported(String),
    ImportFailed {
        file: String,
        why: crate::lab::import::ImportProblem,
    },
    SaveFailed(String),
    /// A design in the lab's address that cannot be used.
    BadDesign(String),
    Failed(String),
    BadNumber {
        field: &'static crate::i18n::Text,
        min: String,
        max: String,
    },
}

/// The status line's text in `lang`.
pub fn status_text(s: &Status, lang: Lang) -> String {
    let t = |x: crate::i18n::Text| x.get(lang).to_string();
    match s {
        Status::Paused => t(STATUS_PAUSED),
        Status::Finished { accuracy } => {
            t(STATUS_FINISHED).replace("{acc}", &format!("{:.2}", accuracy * 100.0))
        }
        Status::Stopped => t(STATUS_STOPPED),
        Status::TestStopped => t(STATUS_TEST_STOPPED),
        Status::Diverged { epoch, batch, loss } => t(STATUS_DIVERGED)
            .replace("{e}", &(epoch + 1).to_string())
            .replace("{b}", &(batch + 1).to_string())
            .replace(
                "{loss}",
                &loss.map_or(NAN.get(lang).into(), |l| {
                    if l < 1e4 {
                        format!("{l:.2}")
                    } else {
                        format!("{l:.2e}")
                    }
                }),
            ),
        Status::Crashed(why) => t(STATUS_CRASHED).replace("{why}", why),
        Status::Restored => t(STATUS_RESTORED),
        Status::Reset => t(STATUS_RESET),
        Status::Imported(f) => t(STATUS_IMPORTED).replace("{file}", f),
        Status::ImportFailed { file, why } => t(STATUS_IMPORT_FAILED)
            .replace("{file}", file)
            .replace("{why}", &crate::lab::import::problem_text(why, lang)),
        Status::SaveFailed(why) => t(STATUS_SAVE_FAILED).replace("{why}", why),
        Status::BadDesign(why) => t(STATUS_BAD_DESIGN).replace("{why}", why),
        Status::Failed(why) => t(STATUS_FAILED).replace("{why}", why),
        Status::BadNumber { field, min, max } => t(BAD_NUMBER)
            .replace("{field}", field.get(lang))
            .replace("{min}", min)
            .replace("{max}", max),
    }
}

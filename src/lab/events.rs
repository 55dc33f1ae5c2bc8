//! The training session's vocabulary: the events it hears and the effects it asks the page for.

use super::compare::RunResult;
use super::network::Network;
use super::protocol::{FromWorker, RunConfig, ToWorker};
use super::session::RunRecord;
use super::status::{Source, Status};
use crate::engine::train::evaluation::Cell;

/// Something that happened: a button, a download step, or the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// Train with `config` (a worker is running); `weights` are sent when `config.from_current`;
    /// `before`: the weights in use now, put back if the run fails.
    Train {
        config: RunConfig,
        weights: Vec<Vec<u8>>,
        before: Option<Before>,
    },
    /// Put the failed run's weights in use (and save them) instead of the ones from before.
    UseRunWeights,
    /// Evaluate `weights` (the ones in use, of model `model`) on the test set, keeping every
    /// mistake of `focus`.
    Evaluate {
        model: Network,
        weights: Vec<u8>,
        focus: Option<Cell>,
    },
    Pause,
    Resume,
    Stop,
    DataProgress {
        loaded: f64,
        total: f64,
    },
    /// The page holds the four gzip'd MNIST files now.
    DataFetched,
    /// The download failed; the job waits for `Retry`.
    DataFailed(crate::i18n::fetch::FetchProblem),
    /// Try again what failed: the download (and the job waiting for it), or a run whose worker
    /// crashed, continued from `weights` (the ones in use, if they are still that run's model).
    Retry {
        weights: Option<Vec<u8>>,
    },
    Worker(FromWorker, Vec<Vec<u8>>),
    /// The worker died, or did not start: the reason.
    WorkerCrashed(String),
    /// New weights were imported into the model (the page checked and installed them).
    Imported {
        file: String,
    },
    /// The saved run was deleted and the pretrained weights are loading.
    Reset,
    /// The results of earlier runs, read from this browser's storage (again, when another tab
    /// added one).
    ResultsLoaded(Vec<RunResult>),
    /// The model was (re)loaded: its saved run, if any.
    Loaded(Option<RunRecord>),
}

/// The weights in use when a run starts, and where they came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Before {
    pub weights: Vec<u8>,
    pub source: Source,
}

/// What the page must do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    Send(ToWorker, Vec<Vec<u8>>),
    /// Download MNIST (or reuse the page's copy), reporting `DataProgress`, then `DataFetched`.
    FetchData,
    /// Send the page's copy of MNIST to the worker.
    DeliverData,
    /// Drop the page's copy of MNIST (the worker refused it).
    ForgetData,
    /// Predict with these weights if the lab still shows model `kind`.
    Adopt {
        kind: Network,
        weights: Vec<u8>,
        source: Source,
    },
    /// Save the weights in use with `record()` in this browser.
    Save,
    /// Put this browser's saved run back as it was before a failed run: the weights in use (the
    /// ones from before) with this record, or nothing saved when there was none.
    PutBack(Option<RunRecord>),
    /// Add this finished run to the trained networks kept in this browser.
    SaveResult(RunResult),
    /// End the worker (after the event that reported its death).
    DropWorker,
    /// Weights that were being trained now count as trained (their run ended).
    TrainingEnded,
    Status(Option<Status>),
}

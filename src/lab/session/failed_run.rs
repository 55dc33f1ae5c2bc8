//! A run that fails — diverged, or reached its end without learning (`verdict`) — does not replace
//! the weights from before it: the session keeps those from the start of the run, puts them back
//! in use and in storage when it fails, and holds the run's own weights on offer until the learner
//! takes them ("Use this run's weights") or moves on.

use super::{Effect, RunState, TrainingSession};
use crate::lab::events::Before;
use crate::lab::record::RunRecord;
use crate::lab::report::TestReport;
use crate::lab::status::{Kept, Source, Status};

/// The weights in use when the run started, where they came from, and the record saved with them
/// (`None`: nothing was saved, as for the pretrained weights).
#[derive(Clone, Debug, PartialEq)]
pub(in crate::lab) struct Earlier {
    weights: Vec<u8>,
    source: Source,
    record: Option<RunRecord>,
}

/// A failed run's weights and the report of its last epoch, on offer while the earlier weights are
/// in use (the report is of the run's weights, so it goes with them).
#[derive(Clone, Debug, PartialEq)]
pub(in crate::lab) struct Rejected {
    weights: Vec<u8>,
    report: Option<TestReport>,
}

impl TrainingSession {
    /// A run starts: remember what it may have to give back.
    pub(super) fn keep_before(&mut self, before: Option<Before>) {
        self.rejected = None;
        self.before = before.map(|b| Earlier {
            record: matches!(b.source, Source::Trained | Source::Imported).then(|| self.record()),
            weights: b.weights,
            source: b.source,
        });
    }

    /// The run failed: put the weights from before back (in use and saved) and offer its own, or,
    /// with nothing from before at hand, keep `otherwise` (the last good or the reached ones).
    pub(super) fn end_failed(
        &mut self,
        buffers: Vec<Vec<u8>>,
        status: impl FnOnce(Kept) -> Status,
        otherwise: Kept,
    ) -> Vec<Effect> {
        let Some(earlier) = self.before.take() else {
            return self.end(buffers, status(otherwise));
        };
        self.run = RunState::Idle;
        self.progress.evaluating = None;
        let report = self.report.take();
        self.rejected = buffers
            .into_iter()
            .next()
            .map(|weights| Rejected { weights, report });
        let mut effects: Vec<Effect> = self
            .adopt(vec![earlier.weights], earlier.source)
            .into_iter()
            .collect();
        effects.extend([
            Effect::TrainingEnded,
            Effect::PutBack(earlier.record),
            Effect::Status(Some(status(Kept::Before))),
        ]);
        effects
    }

    /// The failed run's weights are on offer.
    pub fn offers_run_weights(&self) -> bool {
        self.rejected.is_some() && !self.busy()
    }

    /// `Event::UseRunWeights`: the failed run's weights in use and saved, with its record.
    pub(super) fn use_run_weights(&mut self) -> Vec<Effect> {
        if self.busy() {
            return Vec::new();
        }
        let Some(Rejected { weights, report }) = self.rejected.take() else {
            return Vec::new();
        };
        self.report = report;
        let mut effects: Vec<Effect> = self
            .adopt(vec![weights], Source::Trained)
            .into_iter()
            .collect();
        effects.extend([Effect::Save, Effect::Status(Some(Status::RunKept))]);
        effects
    }
}

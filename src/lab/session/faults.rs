//! The training session when something fails: a download (tried again by `Retry`) or a worker
//! that crashes (replaced at once; a run it trained continues from the weights in use).

use super::{DataState, Effect, Job, RunState, TrainingSession};
use crate::lab::status::Status;

/// What can be tried again after a fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryKind {
    /// The download that failed, then the job waiting for it.
    Download,
    /// The run whose worker crashed, from the weights in use.
    ContinueRun,
}

impl TrainingSession {
    /// A failed download can be tried again (the network, not the file, was the trouble).
    pub fn can_retry(&self) -> bool {
        self.retry().is_some()
    }

    /// What `Retry` would do now, if anything: the button's words.
    pub fn retry(&self) -> Option<RetryKind> {
        match (&self.failed, self.busy()) {
            (Some(Job::Resume { .. }), false) => Some(RetryKind::ContinueRun),
            (Some(_), false) => Some(RetryKind::Download),
            _ => None,
        }
    }

    /// `Event::Retry`: the failed job again (a crashed run needs `weights` to continue from).
    pub(super) fn retry_job(&mut self, weights: Option<Vec<u8>>) -> Vec<Effect> {
        if self.busy() {
            return Vec::new();
        }
        let job = match (self.failed.take(), weights) {
            (Some(Job::Resume { config, done, .. }), Some(weights)) => Job::Resume {
                config,
                done,
                weights,
            },
            // Without the weights (the lab shows another model now) nothing continues yet; the
            // offer stays for when the learner comes back to that model.
            (Some(kept @ Job::Resume { .. }), None) => {
                self.failed = Some(kept);
                return Vec::new();
            }
            (None, _) => return Vec::new(),
            (Some(job), _) => job,
        };
        self.run = match job {
            Job::Evaluate(..) => RunState::Evaluating,
            _ => RunState::Running,
        };
        self.begin(job)
    }

    /// The worker (or a team mate) died: end what ran, replace the worker at once (unless its
    /// replacement is what died), and keep a training run resumable from the weights in use.
    pub(super) fn crashed(&mut self, why: String) -> Vec<Effect> {
        let was = std::mem::replace(&mut self.run, RunState::Idle);
        self.pending = None;
        self.progress.evaluating = None;
        self.failed = match (&self.config, was) {
            (Some(config), RunState::Running | RunState::Paused) => Some(Job::Resume {
                config: config.clone(),
                done: self.progress.epoch,
                weights: Vec::new(),
            }),
            _ => None,
        };
        let mut effects = vec![Effect::TrainingEnded, Effect::DropWorker];
        if self.failed.is_some() {
            // Keep what the run reached (the weights streamed so far) across a reload too.
            effects.push(Effect::Save);
        }
        // A download in flight goes on and brings a new worker when it is done; data the dead
        // worker held goes to a new one now, once.
        let replaced = match self.data {
            DataState::Loading { .. } => true,
            DataState::Ready { .. } | DataState::Unpacking if !self.replacing => {
                self.data = DataState::Unpacking;
                self.replacing = true;
                effects.push(Effect::DeliverData);
                true
            }
            _ => {
                self.data = DataState::Idle;
                self.replacing = false;
                false
            }
        };
        effects.push(Effect::Status(Some(Status::Crashed {
            why,
            replaced,
            resumable: self.failed.is_some(),
        })));
        effects
    }
}

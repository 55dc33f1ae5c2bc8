//! The session's storage effects: the weights in use saved with their run's record, a failed run's
//! slot put back as it was, and a finished run added to the list compared. Another tab training
//! into the same slot is left to write it.

use super::in_step::load_results;
use super::runtime::{Runner, RESULTS_KEY};
use super::store;
use super::tabs::with_lock;
use crate::lab::compare::{remember, RunResult};
use crate::lab::record::RunRecord;
use crate::lab::session::Event;
use crate::lab::status::{SaveProblem, Status};
use crate::lab::tabs::{TabNews, RESULTS_LOCK};
use leptos::prelude::*;
use leptos::task::spawn_local;

impl Runner {
    /// Save the weights in use with `record` in the shown model's slot.
    pub(super) fn save(self, record: RunRecord) {
        let lab = self.lab;
        let kind = lab.kind.get_untracked();
        if self.slot_taken(kind.key()) {
            return;
        }
        let Some(weights) = lab.weights() else { return };
        spawn_local(async move {
            let meta = serde_json::to_string(&record).unwrap_or_default();
            match store::save(kind.key(), &meta, &weights).await {
                Ok(()) => self.tabs.say(TabNews::Saved {
                    tab: self.tabs.id(),
                    slot: kind.key().into(),
                }),
                Err(e) => lab
                    .status
                    .update(|s| *s = Some(Status::save_failed(e, s.take()))),
            }
        });
    }

    /// The slot as before a failed run: the weights in use (put back) with their record, or
    /// nothing when nothing was saved before (the run's per-epoch saves are undone).
    pub(super) fn put_back(self, record: Option<RunRecord>) {
        let kind = self.lab.kind.get_untracked();
        if self.slot_taken(kind.key()) {
            return;
        }
        match record {
            Some(record) => self.save(record),
            None => spawn_local(async move {
                // A slot that cannot be cleared only shows the failed run again after a reload.
                let _ = store::delete(kind.key()).await;
                self.tabs.say(TabNews::Saved {
                    tab: self.tabs.id(),
                    slot: kind.key().into(),
                });
            }),
        }
    }

    /// Add a finished run to the list compared: read, add and write back under the list's lock,
    /// so two tabs finishing at once both keep their result.
    pub(super) fn save_result(self, result: RunResult) {
        let lab = self.lab;
        spawn_local(async move {
            let saved = with_lock(RESULTS_LOCK, async move {
                let mut list = load_results().await;
                remember(&mut list, result);
                let json =
                    serde_json::to_string(&list).map_err(|e| SaveProblem::Other(e.to_string()))?;
                store::save(RESULTS_KEY, &json, &[]).await.map(|()| list)
            })
            .await
            .unwrap_or_else(|| Err(SaveProblem::Other("no lock".into())));
            match saved {
                Ok(list) => {
                    self.dispatch(Event::ResultsLoaded(list));
                    self.tabs.say(TabNews::Results {
                        tab: self.tabs.id(),
                    });
                }
                Err(e) => lab
                    .status
                    .update(|s| *s = Some(Status::save_failed(e, s.take()))),
            }
        });
    }
}

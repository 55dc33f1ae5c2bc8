//! Several tabs of the lab in one browser. A run belongs to one tab: the tab that trains a model
//! holds that model's Web Lock (one per saved slot, `lock_name`) for as long as the run lasts, so
//! no other tab can train into the same slot and overwrite what it saves. The tabs tell each other
//! on a BroadcastChannel who is training what and how far it is, when a run ended (the others
//! then read the slot again) and when the list of trained networks changed.
//!
//! Here the messages and what a tab does on hearing one, in plain Rust; the page's side is
//! `ui/tabs.rs`.

use super::network::Network;
use serde::{Deserialize, Serialize};

/// The channel every tab of the lab listens on.
pub const CHANNEL: &str = "convlab.lab";
/// The Web Lock whose holder writes the list of trained networks (read, add, write back).
pub const RESULTS_LOCK: &str = "convlab.results";

/// The Web Lock of a saved slot (`Network::key`): held by the tab training into it.
pub fn lock_name(slot: &str) -> String {
    format!("convlab.train.{slot}")
}

/// Tab → every other tab.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum TabNews {
    /// A tab opened the lab: a tab that is training answers with `Training`.
    Hello { tab: String },
    /// `tab` is training `network`, `percent` done.
    Training {
        tab: String,
        network: Network,
        percent: u8,
    },
    /// `tab`'s run of `slot` ended (finished, stopped or failed; or the tab closed): what it
    /// saved there may be new.
    Ended { tab: String, slot: String },
    /// `tab` saved a run into `slot` (after an epoch, or at the end).
    Saved { tab: String, slot: String },
    /// The list of trained networks in this browser changed.
    Results { tab: String },
}

impl TabNews {
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serialises")
    }
    /// `None` for anything that is not a message of this version (another build's tab).
    pub fn from_json(s: &str) -> Option<Self> {
        serde_json::from_str(s).ok()
    }
}

/// A run in another tab, as this tab knows it.
#[derive(Clone, Debug, PartialEq)]
pub struct OtherRun {
    pub tab: String,
    pub network: Network,
    /// `None` until that tab has said how far it is.
    pub percent: Option<u8>,
}

/// What a tab does about a message it heard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reaction {
    Nothing,
    /// Say what this tab is training, if it is (a new tab asked).
    Introduce,
    /// Read this slot again from storage if it is the one shown and this tab is not training.
    Reload(String),
    /// Read the list of trained networks again.
    ReloadResults,
}

/// Files `news` into `others` (the runs of other tabs) and says what to do about it.
pub fn hear(others: &mut Vec<OtherRun>, news: TabNews) -> Reaction {
    match news {
        TabNews::Hello { .. } => Reaction::Introduce,
        TabNews::Training {
            tab,
            network,
            percent,
        } => {
            let run = OtherRun {
                tab,
                network,
                percent: Some(percent),
            };
            match others.iter_mut().find(|o| o.tab == run.tab) {
                Some(known) => *known = run,
                None => others.push(run),
            }
            Reaction::Nothing
        }
        TabNews::Ended { tab, slot } => {
            others.retain(|o| o.tab != tab);
            Reaction::Reload(slot)
        }
        TabNews::Saved { slot, .. } => Reaction::Reload(slot),
        TabNews::Results { .. } => Reaction::ReloadResults,
    }
}

/// The run of another tab that trains into `slot`, if one does.
pub fn training_in<'a>(others: &'a [OtherRun], slot: &str) -> Option<&'a OtherRun> {
    others.iter().find(|o| o.network.key() == slot)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::models::ModelKind;

    fn lenet() -> Network {
        ModelKind::Lenet5.into()
    }

    #[test]
    fn a_tab_learns_who_trains_what_and_forgets_it_when_the_run_ends() {
        let mut others = Vec::new();
        assert_eq!(
            hear(&mut others, TabNews::Hello { tab: "b".into() }),
            Reaction::Introduce
        );
        let training = |percent| TabNews::Training {
            tab: "a".into(),
            network: lenet(),
            percent,
        };
        assert_eq!(hear(&mut others, training(10)), Reaction::Nothing);
        assert_eq!(hear(&mut others, training(42)), Reaction::Nothing);
        assert_eq!(others.len(), 1, "one entry per tab, updated");
        assert_eq!(training_in(&others, "lenet5").unwrap().percent, Some(42));
        assert_eq!(training_in(&others, "seed"), None);
        let ended = TabNews::Ended {
            tab: "a".into(),
            slot: "lenet5".into(),
        };
        let saved = TabNews::Saved {
            tab: "a".into(),
            slot: "lenet5".into(),
        };
        assert_eq!(hear(&mut others, saved), Reaction::Reload("lenet5".into()));
        assert_eq!(others.len(), 1, "saving is not ending");
        assert_eq!(hear(&mut others, ended), Reaction::Reload("lenet5".into()));
        assert!(others.is_empty());
        assert_eq!(
            hear(&mut others, TabNews::Results { tab: "a".into() }),
            Reaction::ReloadResults
        );
    }

    #[test]
    fn messages_round_trip_and_foreign_ones_are_ignored() {
        let m = TabNews::Training {
            tab: "t1".into(),
            network: lenet(),
            percent: 42,
        };
        assert_eq!(TabNews::from_json(&m.to_json()), Some(m));
        assert_eq!(TabNews::from_json(r#"{"type":"gossip"}"#), None);
        assert_eq!(lock_name("lenet5"), "convlab.train.lenet5");
    }
}

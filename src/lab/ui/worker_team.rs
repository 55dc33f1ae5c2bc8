//! A training worker's side of a team (see `engine::train::team`): the ports to the other members,
//! the shares that arrived before this member needed them, and the moment every share is in.
//!
//! Shares are keyed by (run, step): members compute at different speeds, so a faster member's share
//! of the next step can arrive while this one still works on the current step.

use super::envelope::pack;
use crate::engine::train::evaluation::EvalAccumulator;
use crate::engine::train::team::{ShardGradient, Team};
use crate::lab::protocol::ToPeer;
use js_sys::{Array, ArrayBuffer, Float32Array, Reflect};
use std::collections::BTreeMap;
use wasm_bindgen::JsCast;
use web_sys::MessagePort;

/// Shares of one step, one slot per member.
type Slots<T> = BTreeMap<(u32, u64), Vec<Option<T>>>;

pub struct Peers {
    pub team: Team,
    /// To every other member, in member order (this member skipped).
    ports: Vec<MessagePort>,
    /// Counts this member's `Start`s; every member counts the same.
    pub run: u32,
    grads: Slots<ShardGradient>,
    evals: Slots<EvalAccumulator>,
}

impl Default for Peers {
    fn default() -> Self {
        Self {
            team: Team::SOLO,
            ports: Vec::new(),
            run: 0,
            grads: BTreeMap::new(),
            evals: BTreeMap::new(),
        }
    }
}

fn slot<T>(slots: &mut Slots<T>, key: (u32, u64), size: usize) -> &mut Vec<Option<T>> {
    slots
        .entry(key)
        .or_insert_with(|| (0..size).map(|_| None).collect())
}

/// All shares of `key` when every member's is in (taking them out), else `None`.
fn complete<T>(slots: &mut Slots<T>, key: (u32, u64)) -> Option<Vec<T>> {
    if slots.get(&key)?.iter().all(Option::is_some) {
        slots
            .remove(&key)
            .map(|v| v.into_iter().flatten().collect())
    } else {
        None
    }
}

impl Peers {
    pub fn join(&mut self, team: Team, ports: Vec<MessagePort>) -> Result<(), String> {
        if ports.len() + 1 != team.size {
            return Err(format!(
                "a team of {} needs {} ports to the others, got {}",
                team.size,
                team.size - 1,
                ports.len()
            ));
        }
        self.team = team;
        self.ports = ports;
        Ok(())
    }

    /// A new run starts: shares of older runs can never complete.
    pub fn next_run(&mut self) {
        self.run += 1;
        let run = self.run;
        self.grads.retain(|k, _| k.0 >= run);
        self.evals.retain(|k, _| k.0 >= run);
    }

    /// Sends this member's gradient share to the others and keeps it; the step's shares if all in.
    pub fn share_gradient(&mut self, share: ShardGradient) -> Option<Vec<ShardGradient>> {
        let msg = ToPeer::Gradient {
            from: self.team.index,
            run: self.run,
            step: share.step,
            loss_sum: share.loss_sum,
            correct: share.correct,
            count: share.count,
        }
        .to_json();
        for port in &self.ports {
            // One copy out of wasm memory per member, moved (not copied again) to its port.
            let values = Float32Array::new_with_length(share.grads.len() as u32);
            values.copy_from(&share.grads);
            let (obj, transfer) = pack(msg.clone(), &[]);
            transfer.push(&values.buffer());
            let _ = port.post_message_with_transferable(&obj, &transfer);
        }
        let key = (self.run, share.step);
        slot(&mut self.grads, key, self.team.size)[self.team.index] = Some(share);
        complete(&mut self.grads, key)
    }

    pub fn share_evaluation(
        &mut self,
        step: u64,
        totals: EvalAccumulator,
    ) -> Option<Vec<EvalAccumulator>> {
        let msg = ToPeer::Evaluation {
            from: self.team.index,
            run: self.run,
            step,
            totals: Box::new(totals.clone()),
        }
        .to_json();
        for port in &self.ports {
            let (obj, transfer) = pack(msg.clone(), &[]);
            let _ = port.post_message_with_transferable(&obj, &transfer);
        }
        let key = (self.run, step);
        slot(&mut self.evals, key, self.team.size)[self.team.index] = Some(totals);
        complete(&mut self.evals, key)
    }

    /// Files a share from another member.
    pub fn receive(&mut self, data: &wasm_bindgen::JsValue) -> Result<(), String> {
        let json = Reflect::get(data, &"json".into())
            .ok()
            .and_then(|j| j.as_string())
            .ok_or("a share without JSON")?;
        // A gradient share's values: one copy from the transferred buffer into wasm memory.
        let values = || -> Result<Vec<f32>, String> {
            let buffer: ArrayBuffer = Reflect::get(data, &"buffers".into())
                .ok()
                .and_then(|b| b.dyn_into::<Array>().ok())
                .map(|b| b.get(0))
                .and_then(|b| b.dyn_into().ok())
                .ok_or("a gradient share without its buffer")?;
            if !buffer.byte_length().is_multiple_of(4) {
                return Err("a gradient buffer of ragged length".into());
            }
            Ok(Float32Array::new(&buffer).to_vec())
        };
        let size = self.team.size;
        let check = |from: usize| {
            (from < size)
                .then_some(from)
                .ok_or(format!("a share from member {from} of a team of {size}"))
        };
        match ToPeer::from_json(&json)? {
            ToPeer::Gradient {
                from,
                run,
                step,
                loss_sum,
                correct,
                count,
            } => {
                let from = check(from)?;
                let grads = values()?;
                slot(&mut self.grads, (run, step), size)[from] = Some(ShardGradient {
                    step,
                    loss_sum,
                    correct,
                    count,
                    grads,
                });
            }
            ToPeer::Evaluation {
                from,
                run,
                step,
                totals,
            } => {
                let from = check(from)?;
                slot(&mut self.evals, (run, step), size)[from] = Some(*totals);
            }
        }
        Ok(())
    }

    /// Every member's gradient share of `step` of the current run, if all are in.
    pub fn gradients(&mut self, step: u64) -> Option<Vec<ShardGradient>> {
        complete(&mut self.grads, (self.run, step))
    }

    pub fn evaluations(&mut self, step: u64) -> Option<Vec<EvalAccumulator>> {
        complete(&mut self.evals, (self.run, step))
    }
}

//! A training worker's side of a team (see `engine::train::team`): the ports to the other members,
//! the shares that arrived before this member needed them, and the moment every share is in.
//!
//! Shares are keyed by (run, step): members compute at different speeds, so a faster member's share
//! of the next step can arrive while this one still works on the current step.
//!
//! A share's gradients travel ahead of it, layer by layer as the backward pass finishes them
//! (`GradientPart`): moving ~6 MB between two busy workers takes milliseconds of routing, which then
//! passes while the sender's lower layers still compute instead of while both members wait.

use crate::engine::nn::model::GradientsReady;
use crate::engine::train::evaluation::EvalAccumulator;
use crate::engine::train::gradient_parts::GradientParts;
use crate::engine::train::team::{ShardGradient, Team};
use crate::lab::envelope::pack;
use crate::lab::protocol::ToPeer;
use crate::lab::spares::Spares;
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
    /// Gradient parts received ahead of their share, by (run, step, member).
    parts: BTreeMap<(u32, u64, usize), GradientParts>,
    /// The other members' gradients of finished steps, to gather the next steps' parts into
    /// (no fresh ~6 MB buffer to clear per step and member).
    used: Vec<Vec<f32>>,
    /// Buffers this member sent values in, given back by their receivers to be used again.
    spares: Spares<ArrayBuffer>,
}

/// No model here has this many parameters (512 MB of gradients): a part beyond it is refused
/// instead of growing a buffer without end.
const MOST_GRADIENT_VALUES: usize = 1 << 27;

impl Default for Peers {
    fn default() -> Self {
        Self {
            team: Team::SOLO,
            ports: Vec::new(),
            run: 0,
            grads: BTreeMap::new(),
            evals: BTreeMap::new(),
            parts: BTreeMap::new(),
            used: Vec::new(),
            spares: Spares::default(),
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
        self.parts.retain(|k, _| k.0 >= run);
        self.used.clear();
        self.spares.clear();
    }

    /// A buffer for `len` gradient values: a returned one of that size, else a new one.
    fn values_buffer(&mut self, len: usize) -> Float32Array {
        match self.spares.take(len * 4) {
            Some(buffer) => Float32Array::new(&buffer),
            None => Float32Array::new_with_length(len as u32),
        }
    }

    /// The port to member `member` (not this one): the ports skip this member's own place.
    fn port_to(&self, member: usize) -> Option<&MessagePort> {
        let at = match member.cmp(&self.team.index) {
            std::cmp::Ordering::Less => member,
            std::cmp::Ordering::Equal => return None,
            std::cmp::Ordering::Greater => member - 1,
        };
        self.ports.get(at)
    }

    /// Sends a buffer whose values were copied out back to member `from`, which sent it.
    fn give_back(&self, from: usize, buffer: &ArrayBuffer) {
        if let Some(port) = self.port_to(from) {
            let (obj, transfer) = pack(ToPeer::Spare.to_json(), &[]);
            transfer.push(buffer);
            let _ = port.post_message_with_transferable(&obj, &transfer);
        }
    }

    /// Sends one layer's gradients of `step` ahead to the others.
    pub fn send_part(&mut self, step: u64, part: GradientsReady) {
        let msg = ToPeer::GradientPart {
            from: self.team.index,
            run: self.run,
            step,
            offset: part.offset,
        }
        .to_json();
        let len: usize = part.grads.iter().map(|g| g.len()).sum();
        for i in 0..self.ports.len() {
            let values = self.values_buffer(len);
            let mut at = 0;
            for g in &part.grads {
                values.subarray(at, at + g.len() as u32).copy_from(g);
                at += g.len() as u32;
            }
            let (obj, transfer) = pack(msg.clone(), &[]);
            transfer.push(&values.buffer());
            let _ = self.ports[i].post_message_with_transferable(&obj, &transfer);
        }
    }

    /// Sends this member's gradient share to the others and keeps it; the step's shares if all in.
    /// The share carries values only when they did not go ahead in parts (the trainer leaves a
    /// share's values empty exactly then: they are still in its model).
    pub fn share_gradient(&mut self, share: ShardGradient) -> Option<Vec<ShardGradient>> {
        let msg = ToPeer::Gradient {
            from: self.team.index,
            run: self.run,
            step: share.step,
            loss_sum: share.loss_sum,
            correct: share.correct,
            count: share.count,
            busy_us: share.busy_us,
        }
        .to_json();
        for i in 0..self.ports.len() {
            let (obj, transfer) = pack(msg.clone(), &[]);
            if !share.grads.is_empty() {
                // One copy out of wasm memory per member, moved (not copied again) to its port.
                let values = self.values_buffer(share.grads.len());
                values.copy_from(&share.grads);
                transfer.push(&values.buffer());
            }
            let _ = self.ports[i].post_message_with_transferable(&obj, &transfer);
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
        // The buffer a message carries, if any: a gradient part's or share's values, or a spare.
        let buffer = || -> Result<Option<ArrayBuffer>, String> {
            let Some(buffer) = Reflect::get(data, &"buffers".into())
                .ok()
                .and_then(|b| b.dyn_into::<Array>().ok())
                .map(|b| b.get(0))
                .filter(|b| !b.is_undefined())
            else {
                return Ok(None);
            };
            let buffer: ArrayBuffer = buffer
                .dyn_into()
                .map_err(|_| "a gradient buffer that is not one")?;
            if !buffer.byte_length().is_multiple_of(4) {
                return Err("a gradient buffer of ragged length".into());
            }
            Ok(Some(buffer))
        };
        let size = self.team.size;
        let check = |from: usize| {
            (from < size)
                .then_some(from)
                .ok_or(format!("a share from member {from} of a team of {size}"))
        };
        match ToPeer::from_json(&json)? {
            ToPeer::GradientPart {
                from,
                run,
                step,
                offset,
            } => {
                let from = check(from)?;
                let buffer = buffer()?.ok_or("a gradient part without its values")?;
                let values = Float32Array::new(&buffer);
                let len = values.length() as usize;
                if offset.saturating_add(len) > MOST_GRADIENT_VALUES {
                    return Err(format!(
                        "a gradient part at {offset} of {len} values: too large"
                    ));
                }
                // One copy from the transferred buffer into wasm memory, straight into place.
                let used = &mut self.used;
                let whole = self
                    .parts
                    .entry((run, step, from))
                    .or_insert_with(|| GradientParts::reusing(used.pop().unwrap_or_default()));
                values.copy_to(whole.slot(offset, len));
                self.give_back(from, &buffer);
            }
            ToPeer::Gradient {
                from,
                run,
                step,
                loss_sum,
                correct,
                count,
                busy_us,
            } => {
                let from = check(from)?;
                // The values came with the share, or ahead of it in parts.
                let grads = match buffer()? {
                    Some(buffer) => {
                        let values = Float32Array::new(&buffer).to_vec();
                        self.give_back(from, &buffer);
                        values
                    }
                    None => match self.parts.remove(&(run, step, from)) {
                        Some(parts) => parts.finish()?,
                        None => Vec::new(),
                    },
                };
                slot(&mut self.grads, (run, step), size)[from] = Some(ShardGradient {
                    step,
                    loss_sum,
                    correct,
                    count,
                    busy_us,
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
            ToPeer::Spare => {
                let buffer = buffer()?.ok_or("a returned buffer that is missing")?;
                self.spares.put(buffer.byte_length() as usize, buffer);
            }
        }
        Ok(())
    }

    /// Every member's gradient share of `step` of the current run, if all are in.
    pub fn gradients(&mut self, step: u64) -> Option<Vec<ShardGradient>> {
        complete(&mut self.grads, (self.run, step))
    }

    /// A finished step's shares: the others' gradients gather later steps' parts.
    pub fn recycle(&mut self, shares: Vec<ShardGradient>) {
        let others = self.team.size.saturating_sub(1);
        for s in shares.into_iter().filter(|s| !s.grads.is_empty()) {
            if self.used.len() < others {
                self.used.push(s.grads);
            }
        }
    }

    pub fn evaluations(&mut self, step: u64) -> Option<Vec<EvalAccumulator>> {
        complete(&mut self.evals, (self.run, step))
    }
}

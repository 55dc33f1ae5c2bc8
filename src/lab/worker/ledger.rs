//! A team member's ledger of shares (see `engine::train::team`): its own and the others' gradient
//! and evaluation shares of each step, the gradient parts that travel ahead of a share, and the
//! moment every member's share of a step is in.
//!
//! Shares are keyed by (run, step): members compute at different speeds, so a faster member's share
//! of the next step can arrive while this one still works on the current step. A share's gradients
//! travel ahead of it, layer by layer as the backward pass finishes them (`GradientParts`), so their
//! routing passes while the sender's lower layers still compute instead of while both members wait.
//! Messages between two members arrive in the order they were sent, so each member's gradient
//! shares of a run come step after step: one that comes twice, or after a gap, is refused.

use crate::engine::train::evaluation::EvalAccumulator;
use crate::engine::train::gradient_parts::GradientParts;
use crate::engine::train::team::{ShardGradient, Team};
use std::collections::BTreeMap;

/// Gradient values that came with a member's message: a transferred buffer in the page, a slice
/// in the tests. Copied once, straight into place.
pub trait Values {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn copy_to(&self, dst: &mut [f32]);
}

impl Values for Vec<f32> {
    fn len(&self) -> usize {
        Vec::len(self)
    }
    fn copy_to(&self, dst: &mut [f32]) {
        dst.copy_from_slice(self);
    }
}

/// A gradient share's numbers, as its message carries them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShareHeader {
    pub from: usize,
    pub run: u32,
    pub step: u64,
    pub loss_sum: f64,
    pub correct: usize,
    pub count: usize,
    pub busy_us: u32,
}

/// Shares of one step, one slot per member.
type Slots<T> = BTreeMap<(u32, u64), Vec<Option<T>>>;

/// No model here has this many parameters (512 MB of gradients): a part beyond it is refused
/// instead of growing a buffer without end.
const MOST_GRADIENT_VALUES: usize = 1 << 27;

pub struct Ledger {
    pub team: Team,
    /// Counts this member's runs; every member counts the same.
    pub run: u32,
    grads: Slots<ShardGradient>,
    evals: Slots<EvalAccumulator>,
    /// Gradient parts received ahead of their share, by (run, step, member).
    parts: BTreeMap<(u32, u64, usize), GradientParts>,
    /// The last gradient share of each (run, member) filed.
    last_step: BTreeMap<(u32, usize), u64>,
    /// The other members' gradients of finished steps, to gather the next steps' parts into
    /// (no fresh buffer to clear per step and member).
    used: Vec<Vec<f32>>,
}

impl Default for Ledger {
    fn default() -> Self {
        Self {
            team: Team::SOLO,
            run: 0,
            grads: BTreeMap::new(),
            evals: BTreeMap::new(),
            parts: BTreeMap::new(),
            last_step: BTreeMap::new(),
            used: Vec::new(),
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

impl Ledger {
    /// A new run starts: shares of older runs can never complete.
    pub fn next_run(&mut self) {
        self.run += 1;
        let run = self.run;
        self.grads.retain(|k, _| k.0 >= run);
        self.evals.retain(|k, _| k.0 >= run);
        self.parts.retain(|k, _| k.0 >= run);
        self.last_step.retain(|k, _| k.0 >= run);
        self.used.clear();
    }

    /// `from` as a member of this team, or why not.
    fn member(&self, from: usize) -> Result<usize, String> {
        let size = self.team.size;
        (from < size && from != self.team.index)
            .then_some(from)
            .ok_or(format!(
                "a share from member {from}, in a team of {size} where this is member {}",
                self.team.index
            ))
    }

    /// Files this member's own gradient share; the step's shares if all are in.
    pub fn own_gradient(&mut self, share: ShardGradient) -> Option<Vec<ShardGradient>> {
        let key = (self.run, share.step);
        slot(&mut self.grads, key, self.team.size)[self.team.index] = Some(share);
        complete(&mut self.grads, key)
    }

    /// Files this member's own evaluation totals; the step's if all are in.
    pub fn own_evaluation(
        &mut self,
        step: u64,
        totals: EvalAccumulator,
    ) -> Option<Vec<EvalAccumulator>> {
        let key = (self.run, step);
        slot(&mut self.evals, key, self.team.size)[self.team.index] = Some(totals);
        complete(&mut self.evals, key)
    }

    /// One layer's gradients of member `from`'s share, ahead of it, at `offset` in its values.
    pub fn part(
        &mut self,
        (from, run, step): (usize, u32, u64),
        offset: usize,
        values: &dyn Values,
    ) -> Result<(), String> {
        let from = self.member(from)?;
        let len = values.len();
        if offset.saturating_add(len) > MOST_GRADIENT_VALUES {
            return Err(format!(
                "a gradient part at {offset} of {len} values: too large"
            ));
        }
        let used = &mut self.used;
        let whole = self
            .parts
            .entry((run, step, from))
            .or_insert_with(|| GradientParts::reusing(used.pop().unwrap_or_default()));
        values.copy_to(whole.slot(offset, len));
        Ok(())
    }

    /// Member `from`'s gradient share: its values came with it, or ahead of it in parts (or, in a
    /// share of nothing to learn, not at all).
    pub fn gradient(&mut self, h: ShareHeader, values: Option<&dyn Values>) -> Result<(), String> {
        let from = self.member(h.from)?;
        if let Some(&last) = self.last_step.get(&(h.run, from)) {
            if h.step == last {
                return Err(format!(
                    "member {from}'s gradient share of step {} came twice",
                    h.step
                ));
            }
            if h.step != last + 1 {
                return Err(format!(
                    "member {from}'s gradient share of step {} never came (its share of step {} did)",
                    last + 1,
                    h.step
                ));
            }
        }
        let grads = match values {
            Some(v) => {
                let mut grads = vec![0.0; v.len()];
                v.copy_to(&mut grads);
                grads
            }
            None => match self.parts.remove(&(h.run, h.step, from)) {
                Some(parts) => parts.finish()?,
                None => Vec::new(),
            },
        };
        self.last_step.insert((h.run, from), h.step);
        slot(&mut self.grads, (h.run, h.step), self.team.size)[from] = Some(ShardGradient {
            step: h.step,
            loss_sum: h.loss_sum,
            correct: h.correct,
            count: h.count,
            busy_us: h.busy_us,
            grads,
        });
        Ok(())
    }

    /// Member `from`'s evaluation totals of `step`.
    pub fn evaluation(
        &mut self,
        (from, run, step): (usize, u32, u64),
        totals: EvalAccumulator,
    ) -> Result<(), String> {
        let from = self.member(from)?;
        let slots = slot(&mut self.evals, (run, step), self.team.size);
        if slots[from].is_some() {
            return Err(format!(
                "member {from}'s evaluation share of step {step} came twice"
            ));
        }
        slots[from] = Some(totals);
        Ok(())
    }

    /// Every member's gradient share of `step` of the current run, if all are in.
    pub fn gradients(&mut self, step: u64) -> Option<Vec<ShardGradient>> {
        complete(&mut self.grads, (self.run, step))
    }

    pub fn evaluations(&mut self, step: u64) -> Option<Vec<EvalAccumulator>> {
        complete(&mut self.evals, (self.run, step))
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
}

#[cfg(test)]
mod tests;

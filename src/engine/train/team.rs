//! Data-parallel training: several copies of one `Trainer` (one per Web Worker in the page), each
//! computing the gradient of its shard of every batch. They exchange their shard gradients, add them
//! in shard order and take the same optimizer step, so every copy keeps bit-identical weights and
//! no weights ever travel. The same goes for the end-of-epoch evaluation: each copy evaluates its
//! shard of the test set and the totals are merged.

use crate::engine::nn::model::Sequential;
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Which member of a team of `size` trainers this one is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Team {
    pub index: usize,
    pub size: usize,
}

impl Team {
    /// Training alone: the whole batch, nothing to exchange.
    pub const SOLO: Team = Team { index: 0, size: 1 };

    pub fn new(index: usize, size: usize) -> Result<Self, String> {
        if size == 0 || index >= size {
            return Err(format!(
                "a team member's index must be below the team's size, not {index} of {size}"
            ));
        }
        Ok(Self { index, size })
    }

    pub fn is_solo(&self) -> bool {
        self.size == 1
    }

    /// This member's part of `0..len`: contiguous, in member order, sizes differing by at most one.
    pub fn shard(&self, len: usize) -> Range<usize> {
        len * self.index / self.size..len * (self.index + 1) / self.size
    }
}

/// One member's share of a step: its shard's summed loss and hits, and (in a team) its gradients,
/// every parameter's in `Sequential::params_mut` order, flattened. A member's own share has none
/// when its gradients went ahead layer by layer (`Trainer::work_sharing`): they are still in its
/// model, and `sum_into` adds the others' to them.
#[derive(Clone, Debug, PartialEq)]
pub struct ShardGradient {
    /// Steps taken before this one in the run: the exchange pairs messages by it.
    pub step: u64,
    pub loss_sum: f64,
    pub correct: usize,
    pub count: usize,
    pub grads: Vec<f32>,
}

impl ShardGradient {
    /// The model's current gradients, flattened.
    pub fn take_grads(model: &mut Sequential) -> Vec<f32> {
        let mut out = Vec::with_capacity(model.param_count());
        for p in model.params_mut() {
            out.extend_from_slice(&p.grad);
        }
        out
    }
}

/// Where a part of `len` values at `offset` of a member's flattened gradient goes, when the parts
/// are sent ahead of the share (see `Sequential::train_shard_sharing`): `into` grows as needed, as
/// parts arrive top layer first, so the first part is the last in place.
pub fn part_slot(into: &mut Vec<f32>, offset: usize, len: usize) -> &mut [f32] {
    let end = offset + len;
    if into.len() < end {
        into.resize(end, 0.0);
    }
    &mut into[offset..end]
}

/// Writes the sum of the shards' gradients, added in shard order (the same order in every member,
/// so every member gets the same bits), into the model's parameter gradients. The share of member
/// `own` may come without values (`grads` empty): its gradients are the ones still in the model,
/// sent ahead in parts. Then the sum is built around them: the shares before it added up in order,
/// that sum plus its own (addition commutes exactly, so `a + own` has the bits of `own + a`), then
/// the shares after it, which is the same sequence of additions as with every share copied.
pub fn sum_into(
    model: &mut Sequential,
    shards: &[ShardGradient],
    own: usize,
) -> Result<(), String> {
    let total: usize = model.params_mut().map(|p| p.grad.len()).sum();
    let in_model = shards.get(own).is_some_and(|s| s.grads.is_empty()) && total > 0;
    if let Some(bad) = shards
        .iter()
        .enumerate()
        .find(|(i, s)| s.grads.len() != total && !(in_model && *i == own))
    {
        return Err(format!(
            "a shard sent {} gradient values; this model has {total}",
            bad.1.grads.len()
        ));
    }
    if shards.is_empty() {
        model.zero_grad();
        return Ok(());
    }
    // Shard by shard over whole slices (these loops vectorise; indexing every shard per value
    // did not).
    let add = |dst: &mut [f32], src: &[f32]| dst.iter_mut().zip(src).for_each(|(g, v)| *g += v);
    let mut offset = 0;
    for p in model.params_mut() {
        let n = p.grad.len();
        let range = offset..offset + n;
        if in_model {
            match own {
                0 => {}
                1 => add(&mut p.grad, &shards[0].grads[range.clone()]),
                _ => {
                    for (k, g) in p.grad.iter_mut().enumerate() {
                        let mut before = shards[0].grads[offset + k];
                        for s in &shards[1..own] {
                            before += s.grads[offset + k];
                        }
                        *g += before;
                    }
                }
            }
            for s in &shards[own + 1..] {
                add(&mut p.grad, &s.grads[range.clone()]);
            }
        } else {
            p.grad.copy_from_slice(&shards[0].grads[range.clone()]);
            for s in &shards[1..] {
                add(&mut p.grad, &s.grads[range.clone()]);
            }
        }
        offset += n;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_everything_once_in_order() {
        for size in 1..5 {
            for len in 0..20 {
                let parts: Vec<Range<usize>> = (0..size)
                    .map(|i| Team::new(i, size).unwrap().shard(len))
                    .collect();
                assert_eq!(parts[0].start, 0);
                assert_eq!(parts.last().unwrap().end, len);
                for w in parts.windows(2) {
                    assert_eq!(w[0].end, w[1].start);
                    assert!(w[0].len().abs_diff(w[1].len()) <= 1);
                }
            }
        }
        assert!(Team::new(2, 2).is_err() && Team::new(0, 0).is_err());
    }

    #[test]
    fn parts_sent_top_layer_first_make_the_whole_gradient() {
        let whole: Vec<f32> = (0..10).map(|i| i as f32).collect();
        let mut got = Vec::new();
        for (offset, len) in [(7, 3), (2, 5), (0, 2)] {
            part_slot(&mut got, offset, len).copy_from_slice(&whole[offset..offset + len]);
        }
        assert_eq!(got, whole);
    }
}

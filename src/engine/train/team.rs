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

/// How a team divides each training batch: a weight per member, each member's part of the batch
/// in proportion to its weight. It starts even; after every step each member moves it a quarter of
/// the way toward the members' speeds in that step (images per second of computing). A team waits
/// for its slowest member at every step, and two cores are not always equally fast (another program,
/// a virtual machine's neighbours): an even split would run at twice the slower one's speed, this
/// one at the sum of both. Every member adapts from the same shares in integer arithmetic, so every
/// member computes the same split, and the gradient of the whole batch is the same whatever the
/// split (up to the order its values are added in).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Split {
    weights: Vec<u64>,
    /// How many images each member computed in the last step (the lab shows it).
    last: Vec<usize>,
}

/// One even part's weight: fine enough that a part of 128 images moves by less than one image.
const EVEN: u64 = 1 << 16;

impl Split {
    pub fn even(size: usize) -> Self {
        Self {
            weights: vec![EVEN; size.max(1)],
            last: Vec::new(),
        }
    }

    /// The images each member computed in the last step, in member order (empty before one).
    pub fn last_parts(&self) -> &[usize] {
        &self.last
    }

    /// Member `index`'s part of `0..len`: contiguous, in member order.
    pub fn shard(&self, index: usize, len: usize) -> Range<usize> {
        let total: u64 = self.weights.iter().sum();
        let before: u64 = self.weights[..index.min(self.weights.len())].iter().sum();
        let mine = self.weights.get(index).copied().unwrap_or(0);
        let at = |w: u64| (len as u64 * w / total) as usize;
        at(before)..at(before + mine)
    }

    /// Records the parts the members computed (`last_parts`) and moves toward the split the
    /// members' speeds in `shares` (one per member, in member order) call for. A share without a measured time or without images says nothing about its
    /// member's speed: then the split stays. No member's part falls below a quarter of an even
    /// part, so a member that was slow once still gets images to show it is fast again.
    pub fn adapt(&mut self, shares: &[ShardGradient]) {
        self.last = shares.iter().map(|s| s.count).collect();
        if shares.len() != self.weights.len()
            || shares.iter().any(|s| s.busy_us == 0 || s.count == 0)
        {
            return;
        }
        // Images per 1,000 s: whole numbers with room to spare.
        let rates: Vec<u64> = shares
            .iter()
            .map(|s| (s.count as u64).saturating_mul(1_000_000_000) / u64::from(s.busy_us))
            .collect();
        let total = rates.iter().map(|&r| u128::from(r)).sum::<u128>().max(1);
        let all = EVEN * self.weights.len() as u64;
        let mut targets: Vec<u64> = rates
            .iter()
            .map(|&r| (u128::from(all) * u128::from(r) / total) as u64)
            .collect();
        // Members under the floor are lifted to it, at the fastest member's expense (it holds at
        // least an even part); it also takes what rounding down left over, so the total stays.
        let floor = EVEN / 4;
        targets.iter_mut().for_each(|t| *t = (*t).max(floor));
        let top = (0..targets.len()).max_by_key(|&i| targets[i]).unwrap_or(0);
        let others: u64 = targets.iter().sum::<u64>() - targets[top];
        targets[top] = all.saturating_sub(others).max(floor);
        // A quarter of the way, rounded away from where it is, so it arrives instead of stalling.
        for (w, t) in self.weights.iter_mut().zip(targets) {
            *w = if t > *w {
                *w + (t - *w).div_ceil(4)
            } else {
                *w - (*w - t).div_ceil(4)
            };
        }
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
    /// Microseconds the member spent computing this share, as its worker measured them (0: not
    /// measured); `Split::adapt` divides the next batches by them.
    pub busy_us: u32,
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

    fn share(count: usize, busy_us: u32) -> ShardGradient {
        ShardGradient {
            step: 0,
            loss_sum: 0.0,
            correct: 0,
            count,
            busy_us,
            grads: Vec::new(),
        }
    }

    #[test]
    fn an_even_split_is_the_teams_shards() {
        for size in 1..5 {
            for len in 0..40 {
                for i in 0..size {
                    let team = Team::new(i, size).unwrap();
                    assert_eq!(Split::even(size).shard(i, len), team.shard(len));
                }
            }
        }
    }

    #[test]
    fn the_split_follows_the_members_speeds() {
        let mut split = Split::even(2);
        // Member 1 takes three times as long per image: it should end with a quarter of a batch.
        for _ in 0..40 {
            let (a, b) = (split.shard(0, 128), split.shard(1, 128));
            assert_eq!(
                (a.start, a.end, b.end),
                (0, b.start, 128),
                "contiguous, in order"
            );
            split.adapt(&[
                share(a.len(), 100 * a.len() as u32),
                share(b.len(), 300 * b.len() as u32),
            ]);
        }
        assert_eq!(split.shard(0, 128), 0..96);
        // Unmeasured or empty shares leave it; a member that stalls keeps a floor of an eighth.
        split.adapt(&[share(96, 0), share(32, 5)]);
        split.adapt(&[share(0, 10), share(32, 5)]);
        assert_eq!(split.shard(0, 128), 0..96);
        assert_eq!(
            split.last_parts(),
            [0, 32],
            "recorded also when the split stays"
        );
        for _ in 0..40 {
            split.adapt(&[share(100, 1), share(28, u32::MAX)]);
        }
        assert_eq!(split.shard(1, 128).len(), 16);
    }
}

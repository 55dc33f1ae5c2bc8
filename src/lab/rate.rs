//! The training speed the lab shows ("… images/s · about … left"): over the last few seconds of
//! training, not since the run began. The first steps of a run are much slower than the rest, so
//! the average since the start overstated the time left about twofold (docs/benchmarks.md,
//! "Behind the comments").

use std::collections::VecDeque;

/// Training time (ms) the rate looks back over.
const WINDOW_MS: f64 = 3000.0;
/// Below this much training time the window says too little: the rate since the start is used.
const SHORTEST_MS: f64 = 500.0;

/// Snapshots of (training milliseconds, images trained) so far, the oldest a window ago.
#[derive(Default)]
pub struct RecentRate {
    seen: VecDeque<(f64, u64)>,
}

impl RecentRate {
    /// Notes that `samples` images were trained in `train_ms` ms of training so far.
    pub fn record(&mut self, train_ms: f64, samples: u64) {
        self.seen.push_back((train_ms, samples));
        // Keep one snapshot at least a window old, so the window is always full once it can be.
        while self.seen.len() > 2 && train_ms - self.seen[1].0 >= WINDOW_MS {
            self.seen.pop_front();
        }
    }

    /// Images per second over the last window of training (0 before any training time).
    pub fn per_second(&self) -> f32 {
        let (Some(&(t0, s0)), Some(&(t1, s1))) = (self.seen.front(), self.seen.back()) else {
            return 0.0;
        };
        let (ms, images) = if t1 - t0 >= SHORTEST_MS {
            (t1 - t0, s1.saturating_sub(s0))
        } else {
            (t1, s1)
        };
        if ms > 0.0 {
            (images as f64 * 1000.0 / ms) as f32
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slow_start_is_forgotten_after_a_window() {
        let mut r = RecentRate::default();
        assert_eq!(r.per_second(), 0.0);
        // One second at 500 images/s, then ten at 2,000.
        r.record(1000.0, 500);
        assert_eq!(
            r.per_second(),
            500.0,
            "too short a window: the rate since the start"
        );
        for s in 1..=100 {
            r.record(1000.0 + 100.0 * s as f64, 500 + 200 * s);
        }
        assert_eq!(r.per_second(), 2000.0);
        // A window, not everything since the start.
        assert!(r.seen.len() <= 32, "{} snapshots kept", r.seen.len());
    }

    #[test]
    fn no_time_no_rate() {
        let mut r = RecentRate::default();
        r.record(0.0, 0);
        r.record(0.0, 128);
        assert_eq!(r.per_second(), 0.0);
    }
}

//! A brake on the training worker, for tests and demonstrations: a run that must still be going
//! when a test acts on it (Pause, Stop, another lesson, a crash) is held to at most so many steps
//! a second, and a whole suite can be run as on a machine several times slower. A run never goes
//! faster than it would without it; by default there is no brake.
//!
//! The page reads it from its address (`?pace=20`, `?slowdown=4`) or, for a whole test suite, from
//! the tab's session storage (`convlab.test.pace`, `convlab.test.slowdown`), and sends it to every
//! worker of the team (`ToWorker::Pace`). The worker rests between steps until `next_step_at`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pace {
    /// At most this many training steps a second; `None`: as many as the machine manages.
    pub max_steps_per_second: Option<f64>,
    /// Every step lasts this many times its computation (≥ 1): the worker rests for the rest.
    pub slowdown: f64,
}

impl Default for Pace {
    fn default() -> Self {
        Self::FULL_SPEED
    }
}

impl Pace {
    pub const FULL_SPEED: Pace = Pace {
        max_steps_per_second: None,
        slowdown: 1.0,
    };

    /// From the address's (or session's) text; anything that is not a positive number is no brake.
    pub fn parse(pace: Option<&str>, slowdown: Option<&str>) -> Pace {
        let positive = |t: Option<&str>| {
            t.and_then(|t| t.trim().parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v > 0.0)
        };
        Pace {
            max_steps_per_second: positive(pace),
            slowdown: positive(slowdown).map_or(1.0, |s| s.max(1.0)),
        }
    }

    pub fn is_full_speed(&self) -> bool {
        *self == Self::FULL_SPEED
    }

    /// When the next step may start, for a step that ran from `started` to `ended` (milliseconds
    /// on one clock): `ended` at full speed.
    pub fn next_step_at(&self, started: f64, ended: f64) -> f64 {
        let took = (ended - started).max(0.0);
        let slowed = started + took * self.slowdown;
        let capped = self
            .max_steps_per_second
            .map_or(ended, |n| started + 1000.0 / n);
        ended.max(slowed).max(capped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_brake_unless_asked() {
        assert!(Pace::parse(None, None).is_full_speed());
        for bad in ["", "fast", "0", "-3", "NaN", "inf"] {
            assert!(Pace::parse(Some(bad), Some(bad)).is_full_speed(), "{bad}");
        }
        assert_eq!(Pace::FULL_SPEED.next_step_at(10.0, 12.5), 12.5);
        // A slowdown below 1 would be a speed-up: it is none.
        assert_eq!(Pace::parse(None, Some("0.5")).slowdown, 1.0);
    }

    #[test]
    fn a_cap_spaces_the_steps_and_a_slowdown_stretches_them() {
        let capped = Pace::parse(Some("20"), None);
        assert_eq!(capped.max_steps_per_second, Some(20.0));
        // A 5 ms step may be followed by the next only 50 ms after it started…
        assert_eq!(capped.next_step_at(100.0, 105.0), 150.0);
        // …and a step slower than the cap is followed at once.
        assert_eq!(capped.next_step_at(100.0, 180.0), 180.0);
        let slowed = Pace::parse(None, Some("4"));
        assert_eq!(slowed.next_step_at(100.0, 110.0), 140.0);
        let both = Pace::parse(Some("10"), Some("4"));
        assert_eq!(both.next_step_at(0.0, 10.0), 100.0);
        assert_eq!(both.next_step_at(0.0, 50.0), 200.0);
    }
}

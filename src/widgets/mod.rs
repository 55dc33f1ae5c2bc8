//! Reusable UI pieces shared by the lessons and the lab.

mod not_ready;
mod slider;

pub use not_ready::NotReady;
pub use slider::Slider;

//! Reusable UI pieces shared by the lessons and the lab.

mod not_ready;

pub use not_ready::NotReady;

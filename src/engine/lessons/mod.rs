//! The lessons' small operations, computed step by step so the page can show each step.

pub mod backprop;
pub mod conv1d;
pub mod conv2d_steps;
pub mod link;

//! The lab's components (wasm32 only): the page and its drawing pad, feature maps, the training
//! panel and its progress, the test report, saliency, the comparison of runs and what the site
//! keeps. They read and drive the state in `lab::client`.

mod badge;
mod charts;
mod compare_view;
mod confusion;
mod feature_maps;
mod kernel_change;
mod mistakes;
mod page;
mod recipe_choice;
mod saliency_view;
mod status_line;
mod storage_use;
mod test_report;
mod training;
mod training_progress;

pub use badge::{training_now, TrainingBadge};
pub use page::LabPage;

//! The lab's page side (wasm32 only): the page and its drawing pad, feature maps, training panel and
//! progress, the app-wide runtime that carries out the training session's effects, IndexedDB, the
//! MNIST download, and both ends of the worker (`worker` runs inside it, `worker_client` talks to it).

mod badge;
mod charts;
mod compare_view;
mod confusion;
mod envelope;
mod feature_maps;
mod fetch;
mod form;
mod in_step;
mod kernel_change;
mod load;
mod mistakes;
mod page;
mod runtime;
mod saliency_view;
mod state;
mod status_line;
mod storage_use;
mod store;
mod tabs;
mod team_client;
mod test_report;
mod training;
mod training_progress;
pub mod worker;
mod worker_client;
mod worker_loop;
mod worker_state;
mod worker_team;

pub use badge::{training_now, TrainingBadge};
pub use page::LabPage;
pub use runtime::provide_lab;

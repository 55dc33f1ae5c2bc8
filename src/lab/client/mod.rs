//! The page's side of the lab (wasm32 only): the app-wide runtime that carries out the training
//! session's effects, the lab's shared state and training form, its workers as the page talks to
//! them (one, or a team), IndexedDB, the browser's storage, the MNIST download, and the lab's other
//! tabs.

pub mod fetch;
pub mod form;
pub mod in_step;
pub mod link;
pub mod load;
pub mod nearest;
pub mod runtime;
mod saving;
pub mod state;
pub mod storage;
pub mod store;
pub mod tabs;
pub mod team;
pub mod worker;

//! The page's side of the training worker: start it, queue messages until it says "ready", hand its
//! messages to the lab, and report a crash (the lab then starts a fresh one).

use super::envelope::{pack, unpack};
use crate::lab::protocol::{FromWorker, ToWorker};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// Where Trunk puts the worker's loader (see the worker `<link>` in `index.html`); relative, so it
/// resolves against the page's `<base>` (the site may live under a sub-path).
const LOADER: &str = "worker_loader.js";
/// A worker that has not said "ready" by then (its wasm failed to load, say) counts as crashed.
const READY_WITHIN: std::time::Duration = std::time::Duration::from_secs(30);

/// What the worker said, or that it died.
pub enum WorkerNews {
    Message(FromWorker, Vec<Vec<u8>>),
    Crashed(String),
}

/// Messages (JSON, buffers) waiting for "ready"; `None` once it arrived.
type Outbox = Rc<RefCell<Option<Vec<(String, Vec<Vec<u8>>)>>>>;

pub struct WorkerClient {
    worker: Worker,
    queue: Outbox,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerClient {
    pub fn spawn(on_news: Rc<dyn Fn(WorkerNews)>) -> Result<Self, String> {
        let worker = Worker::new(LOADER).map_err(|e| format!("{e:?}"))?;
        let queue: Outbox = Rc::new(RefCell::new(Some(Vec::new())));
        let news = on_news.clone();
        let (q, w) = (queue.clone(), worker.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let decoded = unpack(&ev.data())
                .and_then(|(json, bufs)| FromWorker::from_json(&json).map(|m| (m, bufs)));
            match decoded {
                Ok((FromWorker::Ready, _)) => {
                    let waiting = q.borrow_mut().take().unwrap_or_default();
                    for (json, bufs) in waiting {
                        post(&w, json, &bufs);
                    }
                }
                Ok((msg, bufs)) => news(WorkerNews::Message(msg, bufs)),
                Err(e) => news(WorkerNews::Crashed(e)),
            }
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        let crash_news = on_news.clone();
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |ev: ErrorEvent| {
            ev.prevent_default();
            crash_news(WorkerNews::Crashed(ev.message()));
        });
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        let (q, news) = (Rc::downgrade(&queue), on_news.clone());
        leptos::prelude::set_timeout(
            move || {
                // Still queueing (and this client still alive): the worker never started.
                if q.upgrade().is_some_and(|q| q.borrow().is_some()) {
                    news(WorkerNews::Crashed(format!(
                        "it did not start within {} s",
                        READY_WITHIN.as_secs()
                    )));
                }
            },
            READY_WITHIN,
        );
        Ok(Self {
            worker,
            queue,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    pub fn send(&self, msg: &ToWorker, buffers: Vec<Vec<u8>>) {
        let json = msg.to_json();
        let mut queue = self.queue.borrow_mut();
        match queue.as_mut() {
            Some(waiting) => waiting.push((json, buffers)),
            None => post(&self.worker, json, &buffers),
        }
    }
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

fn post(worker: &Worker, json: String, buffers: &[Vec<u8>]) {
    let (obj, transfer) = pack(json, buffers);
    let _ = worker.post_message_with_transfer(&obj, &transfer);
}

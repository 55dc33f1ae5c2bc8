//! The page's side of the training worker: start it, queue messages until it says "ready", hand its
//! messages to the lab, and report a crash (the lab then starts a fresh one).

use crate::lab::envelope::{pack, unpack};
use crate::lab::protocol::{FromWorker, ToWorker};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, MessagePort, Worker};

/// A worker that has not said "ready" by then (its wasm failed to load, say) counts as crashed.
const READY_WITHIN: std::time::Duration = std::time::Duration::from_secs(30);

/// What the worker said, or that it died.
pub enum WorkerNews {
    Message(FromWorker, Vec<Vec<u8>>),
    Crashed(String),
}

/// A message on its way: JSON, buffers, and message ports (a team's `Join`).
type Outgoing = (String, Vec<Vec<u8>>, Vec<MessagePort>);
/// Messages waiting for "ready"; `None` once it arrived.
type Outbox = Rc<RefCell<Option<Vec<Outgoing>>>>;

pub struct WorkerClient {
    worker: Worker,
    queue: Outbox,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl WorkerClient {
    /// Starts the worker whose loader is `loader` (see `index.html`).
    pub fn spawn(loader: &str, on_news: Rc<dyn Fn(WorkerNews)>) -> Result<Self, String> {
        let worker = Worker::new(loader).map_err(|e| format!("{e:?}"))?;
        let queue: Outbox = Rc::new(RefCell::new(Some(Vec::new())));
        let news = on_news.clone();
        let (q, w) = (queue.clone(), worker.clone());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let decoded = unpack(&ev.data())
                .and_then(|(json, bufs)| FromWorker::from_json(&json).map(|m| (m, bufs)));
            match decoded {
                Ok((FromWorker::Ready, _)) => {
                    let waiting = q.borrow_mut().take().unwrap_or_default();
                    for (json, bufs, ports) in waiting {
                        post(&w, json, &bufs, &ports);
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
        self.send_with_ports(msg, buffers, Vec::new());
    }

    /// `send`, transferring message ports along (they then belong to the worker).
    pub fn send_with_ports(&self, msg: &ToWorker, buffers: Vec<Vec<u8>>, ports: Vec<MessagePort>) {
        let json = msg.to_json();
        let mut queue = self.queue.borrow_mut();
        match queue.as_mut() {
            Some(waiting) => waiting.push((json, buffers, ports)),
            None => post(&self.worker, json, &buffers, &ports),
        }
    }
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        // Unhook first: an event already queued (a team mate crashing too) must not reach the
        // closures dropped with this client.
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn post(worker: &Worker, json: String, buffers: &[Vec<u8>], ports: &[MessagePort]) {
    let (obj, buffers) = pack(json, buffers);
    // A copy: `buffers` is also the message's own list of buffers, which must not hold the ports.
    let transfer = buffers.slice(0, buffers.length());
    for p in ports {
        transfer.push(p);
    }
    let _ = worker.post_message_with_transfer(&obj, &transfer);
}

//! The worker core's shell in the Web Worker (wasm32 only): it listens to the page, to the other
//! members' ports and to its tick channel, hands each message to the core with its state borrowed
//! once, and carries the core's outputs out — `postMessage` to the page, transferred buffers to
//! the other members (reusing the ones they gave back), ticks through a `MessageChannel` (which,
//! unlike `setTimeout(0)`, is not clamped to 4 ms) or, for a braked run's rest, a timer.

use super::core::{Attached, Outbox, Output, Values, Wake, WorkerCore};
use super::ledger;
use crate::lab::envelope::{pack, unpack};
use crate::lab::protocol::{ToPeer, ToWorker};
use crate::lab::spares::Spares;
use js_sys::{Array, ArrayBuffer, Float32Array, Function, Reflect};
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageChannel, MessageEvent, MessagePort};

/// Everything of the worker that is the browser's.
#[derive(Default)]
struct Links {
    /// To every other member, in member order (this member skipped).
    ports: Vec<MessagePort>,
    /// Buffers this member sent values in, given back by their receivers to be used again.
    spares: Spares<ArrayBuffer>,
    /// Posting to its port1 runs a tick on port2 at the next turn of the event loop.
    channel: Option<MessageChannel>,
    /// Runs a tick when called: what the rest timer calls.
    wake: Option<Function>,
    /// A tick is on its way: never start a second one.
    tick_pending: bool,
}

#[derive(Default)]
struct Worker {
    core: WorkerCore,
    links: Links,
}

thread_local! {
    static WORKER: RefCell<Worker> = RefCell::new(Worker::default());
}

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

impl ledger::Values for Float32Array {
    fn len(&self) -> usize {
        self.length() as usize
    }
    fn copy_to(&self, dst: &mut [f32]) {
        Float32Array::copy_to(self, dst);
    }
}

/// The links, with the buffer of the member's message being handled (for `GiveBack`).
struct JsOutbox<'a> {
    links: &'a mut Links,
    buffer: Option<&'a ArrayBuffer>,
    team_index: usize,
}

impl JsOutbox<'_> {
    /// A buffer for `len` values: a returned one of that size, else a new one.
    fn values_buffer(&mut self, len: usize) -> Float32Array {
        match self.links.spares.take(len * 4) {
            Some(buffer) => Float32Array::new(&buffer),
            None => Float32Array::new_with_length(len as u32),
        }
    }

    /// The port to member `member` (not this one): the ports skip this member's own place.
    fn port_to(&self, member: usize) -> Option<&MessagePort> {
        let at = match member.cmp(&self.team_index) {
            std::cmp::Ordering::Less => member,
            std::cmp::Ordering::Equal => return None,
            std::cmp::Ordering::Greater => member - 1,
        };
        self.links.ports.get(at)
    }

    fn send_to_members(&mut self, msg: ToPeer, values: Values) {
        let json = msg.to_json();
        for i in 0..self.links.ports.len() {
            let (obj, transfer) = pack(json.clone(), &[]);
            // One copy out of wasm memory per member, moved (not copied again) to its port.
            match values {
                Values::None => {}
                Values::Whole(v) => {
                    let buffer = self.values_buffer(v.len());
                    buffer.copy_from(v);
                    transfer.push(&buffer.buffer());
                }
                Values::Parts(grads) => {
                    let len: usize = grads.iter().map(|g| g.len()).sum();
                    let buffer = self.values_buffer(len);
                    let mut at = 0;
                    for g in grads {
                        buffer.subarray(at, at + g.len() as u32).copy_from(g);
                        at += g.len() as u32;
                    }
                    transfer.push(&buffer.buffer());
                }
            }
            let _ = self.links.ports[i].post_message_with_transferable(&obj, &transfer);
        }
    }
}

impl Outbox for JsOutbox<'_> {
    fn send(&mut self, out: Output<'_>) {
        match out {
            Output::Post(msg, buffers) => {
                let (obj, transfer) = pack(msg.to_json(), &buffers);
                let _ = scope().post_message_with_transfer(&obj, &transfer);
            }
            Output::Peers(msg, values) => self.send_to_members(msg, values),
            Output::GiveBack { to } => {
                if let (Some(port), Some(buffer)) = (self.port_to(to), self.buffer) {
                    let (obj, transfer) = pack(ToPeer::Spare.to_json(), &[]);
                    transfer.push(buffer);
                    let _ = port.post_message_with_transferable(&obj, &transfer);
                }
            }
            Output::Tick(_) if self.links.tick_pending => {}
            Output::Tick(Wake::Now) => {
                if let Some(c) = &self.links.channel {
                    self.links.tick_pending = c.port1().post_message(&JsValue::NULL).is_ok();
                }
            }
            Output::Tick(Wake::After(ms)) => {
                if let Some(wake) = &self.links.wake {
                    let timer = scope().set_timeout_with_callback_and_timeout_and_arguments_0(
                        wake,
                        ms.ceil() as i32,
                    );
                    self.links.tick_pending = timer.is_ok();
                }
            }
        }
    }
}

/// Runs `f` on the core with its state borrowed once, its outputs carried out as they come.
fn with_core(buffer: Option<&ArrayBuffer>, f: impl FnOnce(&mut WorkerCore, &mut dyn Outbox)) {
    WORKER.with(|w| {
        let mut w = w.borrow_mut();
        let Worker { core, links } = &mut *w;
        let team_index = core.team().index;
        let mut out = JsOutbox {
            links,
            buffer,
            team_index,
        };
        f(core, &mut out);
    });
}

/// Entry point (called from `src/bin/worker.rs`): listen, then say "ready".
pub fn run() {
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| {
        let ports: Vec<MessagePort> = ev.ports().iter().map(|p| p.unchecked_into()).collect();
        on_page(ev.data(), ports)
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();

    let channel = MessageChannel::new().expect("MessageChannel");
    let on_tick = Closure::<dyn FnMut(MessageEvent)>::new(|_| tick());
    channel
        .port2()
        .set_onmessage(Some(on_tick.as_ref().unchecked_ref()));
    on_tick.forget();
    let wake = Closure::<dyn FnMut()>::new(tick);
    WORKER.with(|w| {
        let links = &mut w.borrow_mut().links;
        links.channel = Some(channel);
        links.wake = Some(wake.as_ref().unchecked_ref::<Function>().clone());
    });
    wake.forget();
    with_core(None, |core, out| core.on_start(out));
}

fn tick() {
    WORKER.with(|w| w.borrow_mut().links.tick_pending = false);
    with_core(None, |core, out| core.on_tick(&now, out));
}

fn on_page(data: JsValue, ports: Vec<MessagePort>) {
    let msg = unpack(&data).and_then(|(json, buffers)| Ok((ToWorker::from_json(&json)?, buffers)));
    let (msg, buffers) = match msg {
        Ok(m) => m,
        Err(e) => return with_core(None, |core, out| core.fail(out, e)),
    };
    let joining = matches!(msg, ToWorker::Join { .. });
    let attached = Attached {
        buffers,
        ports: ports.len(),
    };
    with_core(None, |core, out| core.on_message(msg, attached, &now, out));
    if joining && WORKER.with(|w| w.borrow().core.team().size == ports.len() + 1) {
        for port in &ports {
            let on_share =
                Closure::<dyn FnMut(MessageEvent)>::new(|ev: MessageEvent| on_member(ev.data()));
            port.set_onmessage(Some(on_share.as_ref().unchecked_ref()));
            on_share.forget();
        }
        WORKER.with(|w| w.borrow_mut().links.ports = ports);
    }
}

/// The buffer a member's message carries, if any: a gradient part's or share's values, or a spare.
fn carried(data: &JsValue) -> Result<Option<ArrayBuffer>, String> {
    let Some(buffer) = Reflect::get(data, &"buffers".into())
        .ok()
        .and_then(|b| b.dyn_into::<Array>().ok())
        .map(|b| b.get(0))
        .filter(|b| !b.is_undefined())
    else {
        return Ok(None);
    };
    let buffer: ArrayBuffer = buffer
        .dyn_into()
        .map_err(|_| "a gradient buffer that is not one")?;
    if !buffer.byte_length().is_multiple_of(4) {
        return Err("a gradient buffer of ragged length".into());
    }
    Ok(Some(buffer))
}

fn on_member(data: JsValue) {
    let decoded = Reflect::get(&data, &"json".into())
        .ok()
        .and_then(|j| j.as_string())
        .ok_or_else(|| "a share without JSON".to_string())
        .and_then(|json| ToPeer::from_json(&json))
        .and_then(|msg| Ok((msg, carried(&data)?)));
    let (msg, buffer) = match decoded {
        Ok(m) => m,
        Err(e) => return with_core(None, |core, out| core.fail(out, e)),
    };
    if let ToPeer::Spare = msg {
        match buffer {
            Some(b) => {
                WORKER.with(|w| w.borrow_mut().links.spares.put(b.byte_length() as usize, b))
            }
            None => with_core(None, |core, out| {
                core.fail(out, "a returned buffer that is missing".into())
            }),
        }
        return;
    }
    let values = buffer.as_ref().map(|b| Float32Array::new(b));
    with_core(buffer.as_ref(), |core, out| {
        let values = values.as_ref().map(|v| v as &dyn ledger::Values);
        core.on_peer(msg, values, &now, out)
    });
}

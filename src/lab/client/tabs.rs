//! The page's side of `lab::tabs`: this tab's BroadcastChannel to the lab's other tabs and the Web
//! Locks it takes (through `navigator.locks`, which web-sys offers only behind its unstable-API
//! flag, so called by name). A browser without either trains as a single tab did before.

use crate::lab::network::Network;
use crate::lab::tabs::{hear, lock_name, OtherRun, Reaction, TabNews, CHANNEL};
use js_sys::{Function, Object, Promise, Reflect};
use leptos::prelude::*;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{BroadcastChannel, MessageEvent};

#[derive(Clone, Copy)]
pub struct Tabs {
    /// This tab's name in the messages.
    id: StoredValue<String>,
    channel: StoredValue<Option<BroadcastChannel>, LocalStorage>,
    /// What the other tabs are training.
    pub others: RwSignal<Vec<OtherRun>>,
    /// The network whose slot's lock this tab holds, and the function that lets the lock go.
    held: StoredValue<Option<(Network, Function)>, LocalStorage>,
    /// The percentage last told to the others.
    told: StoredValue<Option<u8>>,
}

impl Tabs {
    /// Opens the channel to the lab's other tabs (`listen` then hears them).
    pub fn open() -> Self {
        let id = format!("{:x}", (js_sys::Math::random() * 1e15) as u64);
        Self {
            id: StoredValue::new(id),
            channel: StoredValue::new_local(BroadcastChannel::new(CHANNEL).ok()),
            others: RwSignal::new(Vec::new()),
            held: StoredValue::new_local(None),
            told: StoredValue::new(None),
        }
    }

    /// Hears the other tabs from now on (`react` gets what to do about each message) and asks
    /// them who is training.
    pub fn listen(self, react: impl Fn(Reaction) + 'static) {
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |ev: MessageEvent| {
            let Some(news) = ev.data().as_string().and_then(|j| TabNews::from_json(&j)) else {
                return;
            };
            if let Some(r) = self.others.try_update(|o| hear(o, news)) {
                react(r)
            }
        });
        self.channel.with_value(|c| {
            if let Some(c) = c {
                c.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
            }
        });
        on_message.forget();
        self.say(TabNews::Hello { tab: self.id() });
    }

    pub fn id(self) -> String {
        self.id.get_value()
    }

    pub fn say(self, news: TabNews) {
        self.channel.with_value(|c| {
            if let Some(c) = c {
                let _ = c.post_message(&news.to_json().into());
            }
        });
    }

    pub fn holds(self, slot: &str) -> bool {
        self.held
            .with_value(|h| h.as_ref().is_some_and(|(n, _)| n.key() == slot))
    }

    /// Takes the lock of `network`'s slot unless another tab holds it, then calls `granted` with
    /// whether it did.
    pub fn acquire(self, network: Network, granted: impl FnOnce(bool) + 'static) {
        let name = lock_name(network.key());
        self.release();
        let Some(locks) = locks() else {
            return granted(true);
        };
        let options = Object::new();
        let _ = Reflect::set(&options, &"ifAvailable".into(), &true.into());
        // Called once: from the lock's callback, or here if the browser refuses the request.
        let answer = Rc::new(RefCell::new(Some(granted)));
        let grant = move |yes: bool| {
            if let Some(g) = answer.borrow_mut().take() {
                g(yes);
            }
        };
        let grant_here = grant.clone();
        let on_lock = Closure::once_into_js(move |lock: JsValue| -> Promise {
            if lock.is_null() {
                grant(false);
                return Promise::resolve(&JsValue::UNDEFINED);
            }
            // The lock is held until this promise settles: `release` resolves it.
            Promise::new(&mut |resolve, _| {
                self.held.set_value(Some((network.clone(), resolve)));
                grant(true);
            })
        });
        let request = Reflect::get(&locks, &"request".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok());
        let asked = request.map(|r| r.call3(&locks, &name.into(), &options, &on_lock));
        if !matches!(asked, Some(Ok(_))) {
            // A browser that refuses the request: train as a lone tab would.
            grant_here(true);
        }
    }

    /// Lets go of the slot's lock (if held) and tells the others that the run ended.
    pub fn release(self) {
        if let Some((network, resolve)) = self.held.try_update_value(|h| h.take()).flatten() {
            let _ = resolve.call0(&JsValue::NULL);
            self.told.set_value(None);
            self.say(TabNews::Ended {
                tab: self.id(),
                slot: network.key().to_string(),
            });
        }
    }

    /// Tells the others how far this tab's run is, when the whole percentage changed.
    pub fn report(self, percent: u8) {
        let Some(network) = self.held.with_value(|h| h.as_ref().map(|(n, _)| n.clone())) else {
            return;
        };
        if self.told.get_value() == Some(percent) {
            return;
        }
        self.told.set_value(Some(percent));
        self.say(TabNews::Training {
            tab: self.id(),
            network,
            percent,
        });
    }

    /// Asks to be told again (`report` says the same percentage once more).
    pub fn forget_told(self) {
        self.told.set_value(None);
    }
}

fn locks() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    Reflect::get(&navigator, &"locks".into())
        .ok()
        .filter(|l| !l.is_undefined() && !l.is_null())
}

/// Runs `body` while holding the Web Lock `name`, waiting for it if another tab has it: for
/// reading, changing and writing back a record that several tabs share.
pub async fn with_lock<T: 'static>(
    name: &str,
    body: impl std::future::Future<Output = T> + 'static,
) -> Option<T> {
    let request = locks().and_then(|locks| {
        let f = Reflect::get(&locks, &"request".into()).ok()?;
        Some((locks, f.dyn_into::<Function>().ok()?))
    });
    let Some((locks, request)) = request else {
        return Some(body.await);
    };
    // `request` settles once the callback's promise has: the result waits in `out`.
    let out = Rc::new(RefCell::new(None));
    let body = Rc::new(RefCell::new(Some(body)));
    let (put, take) = (out.clone(), body.clone());
    let on_lock = Closure::once_into_js(move |_lock: JsValue| -> Promise {
        let body = take.borrow_mut().take();
        wasm_bindgen_futures::future_to_promise(async move {
            if let Some(body) = body {
                *put.borrow_mut() = Some(body.await);
            }
            Ok(JsValue::UNDEFINED)
        })
    });
    if let Ok(p) = request.call2(&locks, &name.into(), &on_lock) {
        let _ = JsFuture::from(Promise::from(p)).await;
    }
    let done = out.borrow_mut().take();
    if done.is_some() {
        return done;
    }
    // The browser refused the request: do the work without the lock. (`None` only if the work
    // started under the lock and never finished.)
    let body = body.borrow_mut().take()?;
    Some(body.await)
}

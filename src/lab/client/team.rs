//! The page's side of the training team: how many workers and which build of them, starting them
//! with a `MessageChannel` between every two, and speaking to them as one worker. Every member gets
//! every message (data, start, pause, stop); member 0 answers for the team; any member's failure or
//! crash is the team's.

use super::worker::{WorkerClient, WorkerNews};
use crate::lab::pace::Pace;
use crate::lab::protocol::{FromWorker, ToWorker};
use std::rc::Rc;
use web_sys::{MessageChannel, MessagePort};

/// The most workers a team gets: each holds the data (~55 MB) and exchanges a gradient per step.
pub const MAX_WORKERS: usize = 4;

/// Which build of the worker runs (see `index.html`): relaxed SIMD where the browser has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kernel {
    /// wasm SIMD with relaxed-SIMD fused multiply-add (Chrome 114 and later).
    RelaxedSimd,
    /// Plain wasm SIMD: a multiply and an add.
    Simd128,
}

impl Kernel {
    fn loader(self) -> &'static str {
        // Relative, so it resolves against the page's `<base>` (the site may live under a sub-path).
        match self {
            Kernel::RelaxedSimd => "worker_relaxed_loader.js",
            Kernel::Simd128 => "worker_loader.js",
        }
    }
}

/// How the team is made up, for the lab to show, and the brake a test asked for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TeamShape {
    pub workers: usize,
    pub kernel: Kernel,
    pub pace: Pace,
}

pub struct TeamClient {
    members: Vec<WorkerClient>,
    pub shape: TeamShape,
}

impl TeamClient {
    pub fn spawn(shape: TeamShape, on_news: Rc<dyn Fn(WorkerNews)>) -> Result<Self, String> {
        let size = shape.workers.clamp(1, MAX_WORKERS);
        let mut members = Vec::with_capacity(size);
        for index in 0..size {
            let news = on_news.clone();
            // Member 0 speaks for the team; the others only about their own trouble.
            let forward: Rc<dyn Fn(WorkerNews)> = Rc::new(move |n: WorkerNews| match &n {
                WorkerNews::Message(FromWorker::Failed { .. }, _) | WorkerNews::Crashed(_) => {
                    news(n)
                }
                WorkerNews::Message(..) if index == 0 => news(n),
                WorkerNews::Message(..) => {}
            });
            members.push(WorkerClient::spawn(shape.kernel.loader(), forward)?);
        }
        if size > 1 {
            // ports[i] lists member i's ends of its channels to every other member, in member order.
            let mut ports: Vec<Vec<MessagePort>> = (0..size).map(|_| Vec::new()).collect();
            for i in 0..size {
                for j in i + 1..size {
                    let channel = MessageChannel::new().map_err(|e| format!("{e:?}"))?;
                    ports[i].push(channel.port1());
                    ports[j].push(channel.port2());
                }
            }
            // Member j's list came out ordered 0..j (as port2s) then j+1.. (as port1s): member order.
            for (index, (member, ports)) in members.iter().zip(ports).enumerate() {
                member.send_with_ports(&ToWorker::Join { index, size }, Vec::new(), ports);
            }
        }
        let team = Self {
            members,
            shape: TeamShape {
                workers: size,
                ..shape
            },
        };
        if !shape.pace.is_full_speed() {
            team.send(&ToWorker::Pace(shape.pace), Vec::new());
        }
        Ok(team)
    }

    /// Sends every member the message, each with its own copy of the buffers.
    pub fn send(&self, msg: &ToWorker, buffers: Vec<Vec<u8>>) {
        let last = self.members.len() - 1;
        for member in &self.members[..last] {
            member.send(msg, buffers.clone());
        }
        self.members[last].send(msg, buffers);
    }
}

/// A setting for tests and comparisons: `?name=…` in the page's address, else `convlab.test.name`
/// in the tab's session storage (where a test suite puts it for every page it opens).
fn test_setting(name: &str) -> Option<String> {
    let window = web_sys::window()?;
    let query = window
        .location()
        .search()
        .ok()
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok());
    query.and_then(|q| q.get(name)).or_else(|| {
        let session = window.session_storage().ok().flatten()?;
        session
            .get_item(&format!("convlab.test.{name}"))
            .ok()
            .flatten()
    })
}

/// The team for this browser: `workers=N` and `simd=plain` (`test_setting`) override the choice;
/// otherwise one worker per core, leaving one core to the page from four cores up, at most
/// `MAX_WORKERS`; relaxed SIMD where the browser validates it. `pace` and `slowdown` brake it.
pub fn choose_shape() -> TeamShape {
    let window = web_sys::window();
    let param = test_setting;
    let cores = window
        .map(|w| w.navigator().hardware_concurrency() as usize)
        .unwrap_or(1)
        .max(1);
    let workers = param("workers")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(if cores >= 4 { cores - 1 } else { cores })
        .clamp(1, MAX_WORKERS);
    let kernel = if param("simd").as_deref() != Some("plain") && relaxed_simd_supported() {
        Kernel::RelaxedSimd
    } else {
        Kernel::Simd128
    };
    let pace = Pace::parse(param("pace").as_deref(), param("slowdown").as_deref());
    TeamShape {
        workers,
        kernel,
        pace,
    }
}

/// The smallest module using a relaxed-SIMD instruction: `(func (result v128) v128.const 0
/// v128.const 0 v128.const 0 f32x4.relaxed_madd)`. A browser without relaxed SIMD refuses it, and
/// would refuse the relaxed worker's module the same way.
fn relaxed_simd_supported() -> bool {
    const MODULE: [u8; 82] = [
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version
        0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type: () -> v128
        0x03, 0x02, 0x01, 0x00, // function 0 has type 0
        0x0a, 0x3d, 0x01, 0x3b, 0x00, // code: one body of 59 bytes, no locals
        0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // v128.const 0
        0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // v128.const 0
        0xfd, 0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // v128.const 0
        0xfd, 0x85, 0x02, // f32x4.relaxed_madd (0x105)
        0x0b, // end
    ];
    let bytes = js_sys::Uint8Array::from(&MODULE[..]);
    js_sys::WebAssembly::validate(&bytes.into()).unwrap_or(false)
}

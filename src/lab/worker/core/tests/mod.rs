//! The worker core as the page drives it, without a browser: a run from start to its report,
//! pause, resume and stop, an evaluation, and a team of two exchanging shares.

mod solo;
mod team;

use super::*;
use crate::engine::data::mnist::encode_idx;
use crate::engine::data::weights::load_safetensors;
use crate::engine::nn::spec::presets::tiny_spec;
use crate::engine::testutil::bars;
use crate::engine::train::optim::OptimizerChoice;
use crate::lab::protocol::RunConfig;
use std::cell::Cell;
use std::collections::VecDeque;
use std::io::Write;

/// What the core asked for, as owned values.
#[derive(Debug)]
enum Sent {
    Post(FromWorker, Vec<Vec<u8>>),
    Peers(ToPeer, Vec<f32>),
    GiveBack,
    Tick,
}

#[derive(Default)]
struct Recorder(Vec<Sent>);

impl Outbox for Recorder {
    fn send(&mut self, out: Output<'_>) {
        self.0.push(match out {
            Output::Post(m, b) => Sent::Post(m, b),
            Output::Peers(m, v) => Sent::Peers(
                m,
                match v {
                    Values::None => Vec::new(),
                    Values::Whole(v) => v.to_vec(),
                    Values::Parts(p) => p.concat(),
                },
            ),
            Output::GiveBack { .. } => Sent::GiveBack,
            Output::Tick(_) => Sent::Tick,
        });
    }
}

impl Recorder {
    fn posts(&self) -> Vec<&FromWorker> {
        self.0
            .iter()
            .filter_map(|s| match s {
                Sent::Post(m, _) => Some(m),
                _ => None,
            })
            .collect()
    }
    fn wants_tick(&self) -> bool {
        self.0.iter().any(|s| matches!(s, Sent::Tick))
    }
    /// The weights the last `Done` carried.
    fn done_weights(&self) -> Option<(bool, Vec<u8>)> {
        self.0.iter().rev().find_map(|s| match s {
            Sent::Post(FromWorker::Done { finished }, b) => Some((*finished, b[0].clone())),
            _ => None,
        })
    }
}

/// A clock that moves a millisecond each time it is read: slices end, nothing waits.
struct FakeClock(Cell<f64>);

impl FakeClock {
    fn new() -> Self {
        Self(Cell::new(0.0))
    }
    fn read(&self) -> f64 {
        self.0.set(self.0.get() + 1.0);
        self.0.get()
    }
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// The four MNIST files of a small synthetic set (`bars`).
fn data_files(train: usize, test: usize) -> Vec<Vec<u8>> {
    let file = |n| {
        let d = bars(n);
        [
            gz(&encode_idx(3, &[n, 28, 28], &d.images)),
            gz(&encode_idx(1, &[n], &d.labels)),
        ]
    };
    let (a, b) = (file(train), file(test));
    vec![a[0].clone(), a[1].clone(), b[0].clone(), b[1].clone()]
}

fn config(epochs: usize) -> RunConfig {
    RunConfig {
        model: Network::Design(tiny_spec()),
        optimizer: OptimizerChoice::Adam,
        learning_rate: 0.01,
        batch_size: 16,
        epochs,
        train_images: 96,
        seed: 3,
        from_current: false,
    }
}

fn buffers(buffers: Vec<Vec<u8>>) -> Attached {
    Attached { buffers, ports: 0 }
}

/// `core` joins a team as member `index` of `size`, with `ports` ports to the others.
fn join(core: &mut WorkerCore, (index, size, ports): (usize, usize, usize), out: &mut Recorder) {
    let now = || 0.0;
    let ports = Attached {
        buffers: vec![],
        ports,
    };
    core.on_message(ToWorker::Join { index, size }, ports, &now, out);
}

/// A solo worker with the data loaded.
fn loaded(clock: &FakeClock) -> (WorkerCore, Recorder) {
    let (mut core, mut out) = (WorkerCore::default(), Recorder::default());
    let now = || clock.read();
    core.on_start(&mut out);
    core.on_message(ToWorker::Data, buffers(data_files(96, 40)), &now, &mut out);
    (core, out)
}

/// Ticks while the core asks for them (at most `limit`), recording everything.
fn run_ticks(core: &mut WorkerCore, clock: &FakeClock, out: &mut Recorder, limit: usize) -> usize {
    let now = || clock.read();
    let mut ticks = 0;
    while out.wants_tick() && ticks < limit {
        out.0.retain(|s| !matches!(s, Sent::Tick));
        core.on_tick(&now, out);
        ticks += 1;
    }
    ticks
}

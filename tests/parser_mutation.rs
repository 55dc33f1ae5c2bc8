//! Deterministic byte mutation of every reader of untrusted input (`convlab::untrusted`): real files
//! (MNIST samples, LeNet-5's weights, the photo, gzip'd IDX, the design presets' JSON) damaged in
//! the ways files get damaged — flipped bits, extreme numbers written into headers, truncation,
//! repeated or inserted bytes. A fixed seed, so a failure names an input that can be rebuilt.
//!
//! Checked for every input: no panic, and no allocation beyond `PEAK_LIMIT` (the largest real file,
//! MNIST's training images, unpacks to 47 MB). Coverage-guided fuzzing of the same entry point
//! runs for longer in `make fuzz` (`fuzz/`).

use convlab::engine::data::mnist::encode_idx;
use convlab::engine::nn::spec::presets::presets;
use convlab::untrusted::{feed, Untrusted};
use flate2::{write::GzEncoder, Compression};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;
static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Relaxed) + layout.size();
        PEAK.fetch_max(now, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

const PEAK_LIMIT: usize = 200_000_000;
const PER_KIND: usize = 3_000;

fn asset(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/assets/{path}", env!("CARGO_MANIFEST_DIR"))).expect(path)
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::fast());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// Valid inputs of each kind, to start the damage from.
fn seeds(kind: Untrusted) -> Vec<Vec<u8>> {
    match kind {
        Untrusted::Idx => vec![
            asset("samples/t10k-images-100.idx"),
            asset("samples/t10k-labels-100.idx"),
        ],
        Untrusted::Safetensors => vec![asset("models/lenet5.safetensors")],
        Untrusted::Gzip => vec![
            gzip(&asset("samples/t10k-labels-100.idx")),
            // Three of the images, so each damaged copy unpacks quickly.
            gzip(&encode_idx(
                3,
                &[3, 28, 28],
                &asset("samples/t10k-images-100.idx")[16..16 + 784 * 3],
            )),
        ],
        Untrusted::Design => presets().iter().map(|p| p.to_json().into_bytes()).collect(),
        Untrusted::Ppm => vec![asset("photos/astronaut-128.ppm")],
        Untrusted::LabLink => vec![
            b"model=lenet5&opt=adam&lr=0.001&batch=128&epochs=2&images=10000&test=7".to_vec(),
            b"model=design&lr=1e-4&opt=RMSprop&test=100&lang=zh&layer=3&map=12".to_vec(),
        ],
        Untrusted::LessonLink => vec![
            b"f=1,2,3&g=0.5,%E3%80%810.5&step=4".to_vec(),
            b"cells=1,3,2,4,5,6,7,8,3,2,1,0,1,2,3,10&window=2&stride=2".to_vec(),
        ],
        // Numbers as `untrusted::spec_from_numbers` reads them: input 1×28×28, then a 3×3 conv of
        // 6 filters (kind 0, padding 0), Flatten (kind 5) and Dense 10 (kind 6).
        Untrusted::Shapes => [
            vec![1, 28, 28, 5, 0, 6, 0, 10],
            vec![1, 28, 28, 0, 0, 6, 3, 1, 5, 0, 6, 0, 10],
        ]
        .iter()
        .map(|n: &Vec<u32>| n.iter().flat_map(|v| v.to_le_bytes()).collect())
        .collect(),
    }
}

/// Numbers that break arithmetic written into a header.
const EXTREMES: [u64; 9] = [
    0,
    1,
    0x7f,
    0xffff,
    0x7fff_ffff,
    0x8000_0000,
    0xffff_ffff,
    0x7fff_ffff_ffff_ffff,
    u64::MAX,
];

fn mutate(rng: &mut Pcg64, input: &[u8], text: bool) -> Vec<u8> {
    let mut b = input.to_vec();
    for _ in 0..rng.gen_range(1..=4) {
        // Headers are where sizes live: aim there half the time.
        let len = b.len().max(1);
        let at = if rng.gen_bool(0.5) {
            rng.gen_range(0..len.min(64))
        } else {
            rng.gen_range(0..len)
        };
        let last = b.len().saturating_sub(1);
        match rng.gen_range(0..7) {
            0 if !b.is_empty() => b[at.min(last)] ^= 1 << rng.gen_range(0..8),
            1 if !b.is_empty() => b[at.min(last)] = [0, 1, 0x7f, 0x80, 0xff][rng.gen_range(0..5)],
            2 => {
                let v = EXTREMES[rng.gen_range(0..EXTREMES.len())];
                let bytes = if rng.gen_bool(0.5) {
                    v.to_be_bytes()
                } else {
                    v.to_le_bytes()
                };
                let width = [4, 8][rng.gen_range(0..2)];
                for (i, x) in bytes[8 - width..].iter().enumerate() {
                    if let Some(slot) = b.get_mut(at + i) {
                        *slot = *x;
                    }
                }
            }
            3 => b.truncate(rng.gen_range(0..=b.len())),
            4 if !b.is_empty() => {
                let from = rng.gen_range(0..b.len());
                let to = (from + rng.gen_range(1..64)).min(b.len());
                let piece = b[from..to].to_vec();
                let at = at.min(b.len());
                b.splice(at..at, piece);
            }
            5 if text => {
                // A number in the text made huge, negative or fractional.
                let word = [
                    "99999999999999999999",
                    "-1",
                    "1e308",
                    "0",
                    "4294967296",
                    "2.5",
                    "null",
                ][rng.gen_range(0..7)];
                if let Some(p) = b.iter().skip(at).position(|c| c.is_ascii_digit()) {
                    let p = at + p;
                    let end = p + b[p..].iter().take_while(|c| c.is_ascii_digit()).count();
                    b.splice(p..end, word.bytes());
                }
            }
            _ => {
                let at = at.min(b.len());
                let extra: Vec<u8> = (0..rng.gen_range(1..16)).map(|_| rng.gen()).collect();
                b.splice(at..at, extra);
            }
        }
    }
    b
}

#[test]
fn damaged_inputs_are_refused_without_panic_or_huge_allocation() {
    let replay = std::env::var("MUTATION_CASE").ok();
    let mut failures = Vec::new();
    let mut report = Vec::new();
    for (k, kind) in Untrusted::ALL.into_iter().enumerate() {
        let originals = seeds(kind);
        for o in &originals {
            assert!(
                feed(kind, o),
                "{}: an undamaged input is accepted",
                kind.name()
            );
        }
        // Silence the default hook for caught panics; they are collected and reported below.
        std::panic::set_hook(Box::new(|_| {}));
        let mut rng = Pcg64::seed_from_u64(0xC0_FFEE + k as u64);
        let (mut accepted, mut peak) = (0, 0);
        for i in 0..PER_KIND {
            let input = mutate(
                &mut rng,
                &originals[i % originals.len()],
                matches!(
                    kind,
                    Untrusted::Design | Untrusted::LabLink | Untrusted::LessonLink
                ),
            );
            if replay.as_deref() == Some(&format!("{}:{i}", kind.name())) {
                // MUTATION_CASE=shapes:179 feeds that one input uncaught, for its backtrace.
                let _ = std::panic::take_hook();
                feed(kind, &input);
            }
            let base = IN_USE.load(Relaxed);
            PEAK.store(base, Relaxed);
            match catch_unwind(AssertUnwindSafe(|| feed(kind, &input))) {
                Ok(ok) => accepted += ok as usize,
                Err(e) => {
                    let why = e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_default();
                    failures.push(format!("{} input {i}: panic: {why}", kind.name()));
                }
            }
            let used = PEAK.load(Relaxed).saturating_sub(base);
            peak = peak.max(used);
            if used > PEAK_LIMIT {
                failures.push(format!("{} input {i}: allocated {used} bytes", kind.name()));
            }
        }
        let _ = std::panic::take_hook();
        report.push(format!(
            "{:>11}: {PER_KIND} damaged inputs, {accepted} accepted, {} refused, peak {:.1} MB",
            kind.name(),
            PER_KIND - accepted,
            peak as f64 / 1e6
        ));
    }
    println!("{}", report.join("\n"));
    assert!(
        failures.is_empty(),
        "{}\n(rerun one with MUTATION_CASE=<kind>:<input> for its backtrace)",
        failures.join("\n")
    );
}

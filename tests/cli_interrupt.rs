//! Ctrl-C during `convlab-cli train`: the run stops at the next batch, says where it was and that
//! nothing was written, exits 130, and leaves `--out` as it found it (absent, or the earlier file
//! untouched); no half-written file anywhere.

#![cfg(unix)]

use convlab::engine::data::mnist::encode_idx;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;

fn temp(name: &str) -> PathBuf {
    common::temp("cli-interrupt", name)
}

/// 2,000 training images: with `--batch 1 --epochs 1000` two million steps, a run no machine
/// finishes before the test's signal arrives (it is sent once training has started).
fn data_dir(name: &str) -> PathBuf {
    let dir = temp(name);
    std::fs::create_dir_all(&dir).unwrap();
    for (prefix, n) in [("train", 2000), ("t10k", 10)] {
        let pixels: Vec<u8> = (0..n * 784).map(|i| (i * 7 % 256) as u8).collect();
        let labels: Vec<u8> = (0..n).map(|i| (i % 10) as u8).collect();
        let images = encode_idx(3, &[n, 28, 28], &pixels);
        std::fs::write(dir.join(format!("{prefix}-images-idx3-ubyte")), images).unwrap();
        let labels = encode_idx(1, &[n], &labels);
        std::fs::write(dir.join(format!("{prefix}-labels-idx1-ubyte")), labels).unwrap();
    }
    dir
}

/// Starts a long run, waits for its "training …" line, presses Ctrl-C: (exit code, stderr).
fn interrupt_a_run(data: &Path, out: &Path) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_convlab-cli"))
        .args([
            "train", "--model", "lenet5", "--batch", "1", "--epochs", "1000",
        ])
        .arg("--data")
        .arg(data)
        .arg("--out")
        .arg(out)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    stdout.read_line(&mut line).unwrap();
    assert!(line.starts_with("training "), "{line}");
    // SAFETY: kill only sends a signal to the child this test started.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGINT) }, 0);
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    (status.code(), err)
}

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect()
}

#[test]
fn ctrl_c_stops_the_run_and_writes_nothing() {
    let data = data_dir("data-interrupted");
    let out = temp("never.safetensors");
    let (code, err) = interrupt_a_run(&data, &out);
    assert_eq!(code, Some(130), "{err}");
    assert!(
        err.starts_with("interrupted at epoch 1 of 1000, batch ")
            && err.contains(" of 2000: nothing was written to ")
            && err.trim_end().ends_with("never.safetensors"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(!out.exists(), "no output file");
    assert_eq!(leftovers(out.parent().unwrap()), Vec::<String>::new());

    // An earlier file at --out is left exactly as it was, and the message says so.
    std::fs::write(&out, b"an earlier run's weights").unwrap();
    let (code, err) = interrupt_a_run(&data, &out);
    assert_eq!(code, Some(130), "{err}");
    assert!(
        err.contains("(the file already there is unchanged)"),
        "{err}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), b"an earlier run's weights");
    assert_eq!(leftovers(out.parent().unwrap()), Vec::<String>::new());
}

#[test]
fn a_run_that_ends_replaces_the_file_whole() {
    let data = data_dir("data-whole");
    let out = temp("whole.safetensors");
    std::fs::write(&out, b"an earlier run's weights").unwrap();
    let (code, text) = common::cli(&[
        "train",
        "--model",
        "lenet5",
        "--epochs",
        "1",
        "--limit",
        "64",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("wrote "), "{text}");
    let mut model = convlab::engine::nn::models::ModelKind::Lenet5.build();
    let bytes = std::fs::read(&out).unwrap();
    convlab::engine::data::weights::load_safetensors(&mut model, &bytes).unwrap();
    assert_eq!(leftovers(out.parent().unwrap()), Vec::<String>::new());
}

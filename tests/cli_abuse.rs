//! The command line as a careless user or an attacker drives it: every argument at 0, negative,
//! not a number, huge; a missing or wrong output path; damaged, mis-shaped, empty and absurd files;
//! a reader that goes away. Each case must end with the stated exit status and one sentence that
//! says what was wrong — never a panic, never a "success" that did nothing useful.

use convlab::engine::data::mnist::encode_idx;
use convlab::engine::data::weights::to_safetensors;
use convlab::engine::nn::models::seed;
use std::io::Read;
use std::path::PathBuf;
use std::process::{Command, Stdio};

mod common;
use common::cli;

fn temp(name: &str) -> PathBuf {
    common::temp("cli-abuse", name)
}

/// A data folder whose test set has `n` images of `side`×`side`.
fn data_dir(name: &str, n: usize, side: usize) -> PathBuf {
    let dir = temp(name);
    std::fs::create_dir_all(&dir).unwrap();
    let images = encode_idx(3, &[n, side, side], &vec![7u8; n * side * side]);
    let labels = encode_idx(1, &[n], &vec![3u8; n]);
    for prefix in ["train", "t10k"] {
        std::fs::write(dir.join(format!("{prefix}-images-idx3-ubyte")), &images).unwrap();
        std::fs::write(dir.join(format!("{prefix}-labels-idx1-ubyte")), &labels).unwrap();
    }
    dir
}

#[test]
fn bad_arguments_are_refused_with_what_is_allowed() {
    let out = temp("never.safetensors");
    let o = out.to_str().unwrap();
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["train", "--batch", "0", "--out", o],
            2,
            "the batch size must be a whole number from 1 to 65536",
        ),
        (
            &["train", "--batch", "-5", "--out", o],
            2,
            "the batch size must be a whole number from 1 to 65536, not “-5”",
        ),
        (
            &["train", "--batch", "1e9", "--out", o],
            2,
            "from 1 to 65536",
        ),
        (&["bench", "--batch", "0"], 2, "from 1 to 4096"),
        (&["bench", "--batch", "1000000"], 2, "from 1 to 4096"),
        (
            &["bench", "--steps", "0"],
            2,
            "the number of steps must be a whole number from 1",
        ),
        (
            &["train", "--epochs", "0", "--out", o],
            2,
            "the number of epochs must be a whole number from 1 to 1000",
        ),
        (
            &["train", "--limit", "0", "--out", o],
            2,
            "the number of training images must be a whole number from 1 to 60000",
        ),
        (
            &["train", "--lr", "-1", "--out", o],
            2,
            "must be a number above 0 and at most 10",
        ),
        (&["train", "--lr", "nan", "--out", o], 2, "not “nan”"),
        (&["train", "--lr", "inf", "--out", o], 2, "not “inf”"),
        (&["train", "--lr", "1e30", "--out", o], 2, "at most 10"),
        (&["train", "--lr", "0", "--out", o], 2, "above 0"),
        (&["train", "--lr-decay", "0", "--out", o], 2, "above 0"),
        (
            &["train", "--model", "vgg", "--out", o],
            2,
            "invalid value 'vgg'",
        ),
        (
            &["train", "--optimizer", "magic", "--out", o],
            2,
            "invalid value 'magic'",
        ),
        (&["train"], 2, "--out"),
        (
            &["train", "--out", "/nonexistent-convlab-dir/w.safetensors"],
            1,
            "the folder /nonexistent-convlab-dir does not exist",
        ),
        (
            &["eval", "--weights", "/nonexistent-convlab.safetensors"],
            1,
            "cannot read /nonexistent-convlab.safetensors",
        ),
        (
            &["summary", "--spec", "/nonexistent-convlab.json"],
            1,
            "cannot read",
        ),
        (
            &["summary", "--model", "seed", "--spec", "x.json"],
            2,
            "cannot be used with",
        ),
    ];
    for (args, code, says) in cases {
        let (got, text) = cli(args);
        assert_eq!(got, *code, "{args:?}: {text}");
        assert!(text.contains(says), "{args:?} should say “{says}”: {text}");
        assert!(!text.contains("panicked"), "{args:?}: {text}");
    }
    // A folder as --out is refused before any work (here: before reading data that is not there).
    let (code, text) = cli(&[
        "train",
        "--out",
        std::env::temp_dir().to_str().unwrap(),
        "--data",
        "/nonexistent",
    ]);
    assert_eq!(code, 1);
    assert!(text.contains("is a folder; give a file name"), "{text}");
    assert!(!out.exists(), "no weights written by a refused run");
}

#[test]
fn damaged_mis_shaped_empty_and_absurd_files_are_refused() {
    let weights = temp("seed.safetensors");
    std::fs::write(&weights, to_safetensors(&seed())).unwrap();
    let w = weights.to_str().unwrap();
    // Images of another size: named, never evaluated as if they fit.
    for side in [2, 27, 29] {
        let dir = data_dir(&format!("side{side}"), 5, side);
        let (code, text) = cli(&["eval", "--weights", w, "--data", dir.to_str().unwrap()]);
        assert_eq!(code, 1, "{text}");
        assert!(
            text.contains(&format!(
                "the test images are {side}×{side}, but the model takes 28×28"
            )),
            "{text}"
        );
        let out = temp("side.safetensors");
        let (code, text) = cli(&[
            "train",
            "--epochs",
            "1",
            "--data",
            dir.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "{text}");
        assert!(text.contains("the training images are"), "{text}");
        assert!(!out.exists());
    }
    // An empty test set: no "accuracy 0.0000" with success.
    let empty = data_dir("empty", 0, 28);
    let (code, text) = cli(&["eval", "--weights", w, "--data", empty.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(text.contains("the test set is empty"), "{text}");
    // A damaged weights file, and a finite but absurd one (every weight 3e38 would give NaN).
    let damaged = temp("damaged.safetensors");
    let mut bytes = to_safetensors(&seed());
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&damaged, &bytes).unwrap();
    let dir = data_dir("ok", 3, 28);
    let (code, text) = cli(&[
        "eval",
        "--weights",
        damaged.to_str().unwrap(),
        "--data",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(text.contains("not a readable safetensors file"), "{text}");
    let mut huge = seed();
    for p in huge.params_mut() {
        p.value.fill(3e38);
    }
    let absurd = temp("absurd.safetensors");
    std::fs::write(&absurd, to_safetensors(&huge)).unwrap();
    let (code, text) = cli(&[
        "eval",
        "--weights",
        absurd.to_str().unwrap(),
        "--data",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        text.contains("tensor \"0.weight\" holds values beyond ±1e6"),
        "{text}"
    );
    assert!(!text.contains("NaN"), "{text}");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_convlab-cli"))
        .args(["summary", "--model", "lenet5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing and close the pipe, as `| head -0` would.
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.success(), "{status:?}: {err}");
}

#[test]
fn every_numeric_argument_at_its_edges_is_answered_in_one_line_never_a_panic() {
    // Each numeric option at zero, negative, not-a-number, infinite, huge and empty. Valid values
    // (a seed of 0, say) get past the check and then stop at the missing data folder: no real work.
    let out = temp("sweep.safetensors");
    let o = out.to_str().unwrap();
    let options: &[(&str, &str)] = &[
        ("train", "--epochs"),
        ("train", "--batch"),
        ("train", "--lr"),
        ("train", "--lr-decay"),
        ("train", "--seed"),
        ("train", "--limit"),
        ("bench", "--steps"),
        ("bench", "--batch"),
    ];
    let values = [
        "0",
        "-1",
        "nan",
        "inf",
        "1e400",
        "99999999999999999999",
        "abc",
        "",
        "1.5",
    ];
    let mut tried = 0;
    for (command, option) in options {
        for value in values {
            let mut args = vec![*command, *option, value, "--data", "/nonexistent-convlab"];
            if *command == "train" {
                args.extend(["--out", o]);
            }
            let (code, text) = cli(&args);
            let said = text.trim();
            assert!(code == 1 || code == 2, "{args:?} exit {code}: {said}");
            assert!(!said.contains("panicked"), "{args:?}: {said}");
            // One sentence (clap adds a usage line and a help hint after it).
            assert!(said.lines().count() <= 5, "{args:?}: {said}");
            tried += 1;
        }
    }
    println!("CLI abuse sweep: {tried} command lines, each refused in a line, 0 panics");
    assert!(!out.exists(), "no weights written by a refused run");
}

//! The command line's arguments, typed and range-checked by clap before any work starts: each
//! refusal is one sentence saying what was wrong and what is allowed.

use clap::{Parser, Subcommand};
use convlab::engine::nn::models::ModelKind;
use convlab::engine::train::optim::OptimizerChoice;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "convlab-cli",
    about = "ConvLab's CNN engine from the command line"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Print a Keras-style summary with parameter and connection counts.
    Summary {
        #[arg(long, value_enum, default_value_t = ModelKind::Seed)]
        model: ModelKind,
        /// A designed network (JSON) instead.
        #[arg(long, conflicts_with = "model")]
        spec: Option<PathBuf>,
    },
    /// Train on the 60,000 MNIST training images, evaluating on the 10,000 test images each epoch.
    Train {
        #[arg(long, value_enum, default_value_t = ModelKind::Seed)]
        model: ModelKind,
        /// Train a designed network instead (JSON, as the page's "Build your own network"
        /// exports it); the design is saved in the weights file's metadata.
        #[arg(long, conflicts_with = "model")]
        spec: Option<PathBuf>,
        #[arg(long, default_value_t = 10, value_parser = epochs, allow_negative_numbers = true)]
        epochs: usize,
        #[arg(long, default_value_t = 128, value_parser = batch, allow_negative_numbers = true)]
        batch: usize,
        #[arg(long, default_value_t = 1e-4, value_parser = rate, allow_negative_numbers = true)]
        lr: f32,
        /// Multiply the learning rate by this after every epoch (1 = constant).
        #[arg(long, default_value_t = 1.0, value_parser = rate, allow_negative_numbers = true)]
        lr_decay: f32,
        #[arg(long, value_enum, default_value_t = OptimizerChoice::RmsProp)]
        optimizer: OptimizerChoice,
        /// Seeds the initial weights and the batch order: the same seed repeats a run exactly.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Use only the first N training images (quick runs).
        #[arg(long, value_parser = limit, allow_negative_numbers = true)]
        limit: Option<usize>,
        /// Folder with the four MNIST IDX files (`make data` fetches them).
        #[arg(long, default_value = "data/mnist")]
        data: PathBuf,
        #[arg(long)]
        out: PathBuf,
    },
    /// Print the test-set accuracy of a weights file.
    Eval {
        /// The built-in model (default: the design saved in the weights file, else seed).
        #[arg(long, value_enum)]
        model: Option<ModelKind>,
        /// A designed network (JSON).
        #[arg(long, conflicts_with = "model")]
        spec: Option<PathBuf>,
        #[arg(long)]
        weights: PathBuf,
        #[arg(long, default_value = "data/mnist")]
        data: PathBuf,
    },
    /// Training and inference throughput of both models on this machine (one thread).
    Bench {
        /// Training steps to time per model (after 2 warm-up steps).
        #[arg(long, default_value_t = 10, value_parser = steps, allow_negative_numbers = true)]
        steps: usize,
        #[arg(long, default_value_t = 128, value_parser = bench_batch, allow_negative_numbers = true)]
        batch: usize,
        /// Also print where a training step's time goes, layer by layer.
        #[arg(long)]
        layers: bool,
        /// Only this model (for profiling one of them); both when left out.
        #[arg(long, value_enum)]
        model: Option<ModelKind>,
    },
}

/// A whole number in `lo..=hi`, or one sentence saying what is allowed.
fn whole(s: &str, what: &str, lo: usize, hi: usize) -> Result<usize, String> {
    match s.trim().parse::<usize>() {
        Ok(v) if (lo..=hi).contains(&v) => Ok(v),
        _ => Err(format!(
            "{what} must be a whole number from {lo} to {hi}, not “{s}”"
        )),
    }
}

fn epochs(s: &str) -> Result<usize, String> {
    whole(s, "the number of epochs", 1, 1_000)
}

/// Up to 65,536 images per step: beyond that the seed model's activations alone pass 16 GB.
fn batch(s: &str) -> Result<usize, String> {
    whole(s, "the batch size", 1, 65_536)
}

/// The benchmark holds a whole batch of every layer's activations at once: 4,096 at most.
fn bench_batch(s: &str) -> Result<usize, String> {
    whole(s, "the benchmark's batch size", 1, 4_096)
}

fn steps(s: &str) -> Result<usize, String> {
    whole(s, "the number of steps", 1, 100_000)
}

fn limit(s: &str) -> Result<usize, String> {
    whole(s, "the number of training images", 1, 60_000)
}

/// A learning rate (or its decay factor): a finite number above 0, at most 10.
fn rate(s: &str) -> Result<f32, String> {
    match s.trim().parse::<f32>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 10.0 => Ok(v),
        _ => Err(format!(
            "must be a number above 0 and at most 10 (e.g. 0.0001), not “{s}”"
        )),
    }
}

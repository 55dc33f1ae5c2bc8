//! What each command does: summary, train, eval and bench.

use super::args::{Cli, Command};
use super::output::{check_out, write_whole, Interrupt};

/// Print a line; when the reader has gone (`convlab-cli summary | head`), stop quietly instead of
/// panicking on the broken pipe as `println!` does.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write;
        if writeln!(std::io::stdout(), $($t)*).is_err() {
            std::process::exit(0);
        }
    }};
}
use clap::Parser;
use convlab::engine::{
    data::mnist::Dataset,
    data::weights::{load_safetensors, metadata_entry, to_safetensors_with, SPEC_KEY},
    nn::model::Sequential,
    nn::models::ModelKind,
    nn::spec::ModelSpec,
    train::bench,
    train::evaluation::evaluate,
    train::optim::Optimizer,
    train::steps::Schedule,
    train::trainer::{TrainEvent, Trainer},
};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

pub fn main() -> ExitCode {
    match run(Cli::parse().command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A data set for `model`: not empty, and images of the size the model takes.
fn fits(data: Dataset, model: &Sequential, what: &str) -> Result<Dataset, String> {
    if data.is_empty() {
        return Err(format!(
            "the {what} set is empty: there is nothing to learn from or measure"
        ));
    }
    let input = model.input_shape();
    if input != [1, data.rows, data.cols] {
        return Err(format!(
            "the {what} images are {}×{}, but the model takes {}×{}",
            data.rows,
            data.cols,
            input.get(1).unwrap_or(&0),
            input.get(2).unwrap_or(&0)
        ));
    }
    Ok(data)
}

fn load_split(dir: &Path, prefix: &str) -> Result<Dataset, String> {
    let read = |name: &str| {
        let p = dir.join(name);
        std::fs::read(&p)
            .map_err(|e| format!("cannot read {}: {e} (run `make data` first)", p.display()))
    };
    let images = read(&format!("{prefix}-images-idx3-ubyte"))?;
    let labels = read(&format!("{prefix}-labels-idx1-ubyte"))?;
    Dataset::from_idx(&images, &labels)
        .map_err(|e| format!("{prefix} files in {}: {e}", dir.display()))
}

/// A design from a JSON file, checked.
fn read_spec(path: &Path) -> Result<ModelSpec, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let spec = ModelSpec::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    spec.plan()
        .map_err(|e| format!("{}: this network cannot work: {e}", path.display()))?;
    Ok(spec)
}

/// The network to use: a design (with its JSON for the weights' metadata) or a built-in model.
fn network(model: ModelKind, spec: Option<&ModelSpec>) -> Result<(Sequential, String), String> {
    match spec {
        Some(s) => Ok((s.build().map_err(|e| e.to_string())?, s.name.clone())),
        None => Ok((model.build(), model.name().to_string())),
    }
}

fn run(cmd: Command) -> Result<(), String> {
    match cmd {
        Command::Summary { model, spec } => {
            let spec = spec.as_deref().map(read_spec).transpose()?;
            say!("{}", network(model, spec.as_ref())?.0.summary());
            Ok(())
        }
        Command::Train {
            model,
            spec,
            epochs,
            batch,
            lr,
            lr_decay,
            optimizer,
            seed,
            limit,
            data,
            out,
        } => {
            let opt_kind = optimizer.kind();
            let spec = spec.as_deref().map(read_spec).transpose()?;
            let (mut net, name) = network(model, spec.as_ref())?;
            check_out(&out)?;
            // Caught before any work, so Ctrl-C from here on always ends with nothing written.
            let interrupt = Interrupt::catch();
            let mut train = load_split(&data, "train")?;
            if let Some(n) = limit {
                train = train.take(n);
            }
            let train = fits(train, &net, "training")?;
            let test = fits(load_split(&data, "t10k")?, &net, "test")?;
            net.init(seed);
            say!("training {name} ({} params) on {} images: {} lr {lr} ×{lr_decay}/epoch, batch {batch}, {epochs} epochs, seed {seed}", net.param_count(), train.len(), opt_kind.name());
            let bar = ProgressBar::new((train.len().div_ceil(batch) * epochs) as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {pos}/{len} batches {per_sec} eta {eta} {msg}",
                )
                .expect("valid template"),
            );
            // The same incremental run the page's worker uses, with the same divergence guards.
            let mut trainer = Trainer::new(
                net,
                Optimizer::new(opt_kind, lr),
                train,
                test,
                Schedule {
                    epochs,
                    batch_size: batch,
                    seed,
                },
            );
            // Running (loss, accuracy, batches) of the current epoch.
            let (mut loss_sum, mut acc_sum, mut seen) = (0.0f64, 0.0f64, 0usize);
            let mut last_accuracy = None;
            let start = Instant::now();
            let mut epoch_start = Instant::now();
            loop {
                match trainer.work() {
                    TrainEvent::Batch(r) if interrupt.as_ref().is_some_and(Interrupt::happened) => {
                        bar.finish_and_clear();
                        eprintln!(
                            "interrupted at epoch {} of {epochs}, batch {} of {}: nothing was written to {}{}",
                            r.epoch + 1,
                            r.batch + 1,
                            r.batches_per_epoch,
                            out.display(),
                            if out.exists() { " (the file already there is unchanged)" } else { "" }
                        );
                        // 128 + SIGINT, as a shell reports a program Ctrl-C ended.
                        std::process::exit(130);
                    }
                    TrainEvent::Batch(r) => {
                        loss_sum += r.loss as f64;
                        acc_sum += r.accuracy as f64;
                        seen += 1;
                        bar.inc(1);
                        if r.batch % 20 == 0 {
                            bar.set_message(format!(
                                "epoch {} loss {:.4}",
                                r.epoch + 1,
                                loss_sum / seen as f64
                            ));
                        }
                    }
                    TrainEvent::Evaluating { .. } => {}
                    // One thread trains alone: it completes its own steps.
                    TrainEvent::ShareGradient(_) | TrainEvent::ShareEvaluation(_) => {
                        unreachable!("a solo trainer shares nothing")
                    }
                    TrainEvent::Epoch { epoch, test: ev } => {
                        // Through `suspend`, not `bar.println`: a hidden bar (output not a terminal) drops its printlns.
                        let line = format!(
                            "epoch {:>2}: train loss {:.4} acc {:.4} | test loss {:.4} acc {:.4} | {:.0} s",
                            epoch + 1,
                            loss_sum / seen.max(1) as f64,
                            acc_sum / seen.max(1) as f64,
                            ev.loss,
                            ev.accuracy,
                            epoch_start.elapsed().as_secs_f64()
                        );
                        bar.suspend(|| say!("{line}"));
                        (loss_sum, acc_sum, seen) = (0.0, 0.0, 0);
                        last_accuracy = Some(ev.accuracy);
                        epoch_start = Instant::now();
                        trainer.opt.lr *= lr_decay;
                    }
                    TrainEvent::Finished => break,
                    TrainEvent::Diverged(e) => {
                        bar.finish_and_clear();
                        return Err(e.to_string());
                    }
                }
            }
            bar.finish_and_clear();
            let meta: Vec<(&str, String)> = spec.iter().map(|s| (SPEC_KEY, s.to_json())).collect();
            write_whole(&out, &to_safetensors_with(&trainer.model, &meta))?;
            let acc = last_accuracy.map_or("—".to_string(), |a| format!("{a:.4}"));
            say!(
                "wrote {} after {:.0} s; test accuracy: {acc}",
                out.display(),
                start.elapsed().as_secs_f64()
            );
            Ok(())
        }
        Command::Eval {
            model,
            spec,
            weights,
            data,
        } => {
            let bytes = std::fs::read(&weights)
                .map_err(|e| format!("cannot read {}: {e}", weights.display()))?;
            // A designed network's weights carry their design: use it unless told otherwise.
            let spec = match (&spec, model) {
                (Some(path), _) => Some(read_spec(path)?),
                (None, None) => metadata_entry(&bytes, SPEC_KEY)
                    .map(|json| ModelSpec::from_json(&json))
                    .transpose()
                    .map_err(|e| format!("{}: {e}", weights.display()))?,
                (None, Some(_)) => None,
            };
            let (mut net, name) = network(model.unwrap_or(ModelKind::Seed), spec.as_ref())?;
            say!("model: {name}");
            load_safetensors(&mut net, &bytes)
                .map_err(|e| format!("{}: {e}", weights.display()))?;
            let test = fits(load_split(&data, "t10k")?, &net, "test")?;
            let ev = evaluate(&mut net, &test, 500);
            say!("loss: {:.4}", ev.loss);
            say!("accuracy: {:.4}", ev.accuracy);
            say!("{}", ev.confusion_table().trim_end());
            Ok(())
        }
        Command::Bench {
            steps,
            batch,
            layers,
            model,
        } => {
            let origin = Instant::now();
            let clock = || origin.elapsed().as_secs_f64() * 1000.0;
            let kinds = match model {
                Some(kind) => vec![kind],
                None => vec![ModelKind::Seed, ModelKind::Lenet5],
            };
            for kind in kinds {
                say!("{}", bench::run(kind, steps, batch, &clock).to_json());
                if layers {
                    let times = bench::layer_times(kind, steps, batch, &clock);
                    say!("{}", bench::format_layer_times(&times, batch));
                }
            }
            Ok(())
        }
    }
}

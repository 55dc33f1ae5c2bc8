//! `convlab-cli`: the engine from the command line. summary, train, eval and bench.
//! Run `cargo run --release --bin convlab-cli -- --help`.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand};
    use convlab::engine::{
        data::mnist::Dataset,
        data::weights::{load_safetensors, metadata_entry, to_safetensors_with, SPEC_KEY},
        nn::model::Sequential,
        nn::models::ModelKind,
        nn::spec::ModelSpec,
        train::bench,
        train::evaluation::evaluate,
        train::optim::{Optimizer, OptimizerChoice},
        train::steps::Schedule,
        train::trainer::{TrainEvent, Trainer},
    };
    use indicatif::{ProgressBar, ProgressStyle};
    use std::path::{Path, PathBuf};
    use std::process::ExitCode;
    use std::time::Instant;

    #[derive(Parser)]
    #[command(
        name = "convlab-cli",
        about = "ConvLab's CNN engine from the command line"
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    enum Command {
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
            #[arg(long, default_value_t = 10)]
            epochs: usize,
            #[arg(long, default_value_t = 128)]
            batch: usize,
            #[arg(long, default_value_t = 1e-4)]
            lr: f32,
            /// Multiply the learning rate by this after every epoch (1 = constant).
            #[arg(long, default_value_t = 1.0)]
            lr_decay: f32,
            #[arg(long, value_enum, default_value_t = OptimizerChoice::RmsProp)]
            optimizer: OptimizerChoice,
            /// Seeds the initial weights and the batch order: the same seed repeats a run exactly.
            #[arg(long, default_value_t = 1)]
            seed: u64,
            /// Use only the first N training images (quick runs).
            #[arg(long)]
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
            #[arg(long, default_value_t = 10)]
            steps: usize,
            #[arg(long, default_value_t = 128)]
            batch: usize,
            /// Also print where a training step's time goes, layer by layer.
            #[arg(long)]
            layers: bool,
        },
    }

    pub fn main() -> ExitCode {
        match run(Cli::parse().command) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        }
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
                println!("{}", network(model, spec.as_ref())?.0.summary());
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
                let mut train = load_split(&data, "train")?;
                if let Some(n) = limit {
                    train = train.take(n);
                }
                let test = load_split(&data, "t10k")?;
                net.init(seed);
                println!("training {name} ({} params) on {} images: {} lr {lr} ×{lr_decay}/epoch, batch {batch}, {epochs} epochs, seed {seed}", net.param_count(), train.len(), opt_kind.name());
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
                            bar.suspend(|| println!("{line}"));
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
                let meta: Vec<(&str, String)> =
                    spec.iter().map(|s| (SPEC_KEY, s.to_json())).collect();
                std::fs::write(&out, to_safetensors_with(&trainer.model, &meta))
                    .map_err(|e| format!("cannot write {}: {e}", out.display()))?;
                let acc = last_accuracy.map_or("—".to_string(), |a| format!("{a:.4}"));
                println!(
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
                println!("model: {name}");
                load_safetensors(&mut net, &bytes)
                    .map_err(|e| format!("{}: {e}", weights.display()))?;
                let test = load_split(&data, "t10k")?;
                let ev = evaluate(&mut net, &test, 500);
                println!("loss: {:.4}", ev.loss);
                println!("accuracy: {:.4}", ev.accuracy);
                print!("{}", ev.confusion_table());
                Ok(())
            }
            Command::Bench {
                steps,
                batch,
                layers,
            } => {
                let origin = Instant::now();
                let clock = || origin.elapsed().as_secs_f64() * 1000.0;
                for kind in [ModelKind::Seed, ModelKind::Lenet5] {
                    println!("{}", bench::run(kind, steps, batch, &clock).to_json());
                    if layers {
                        let times = bench::layer_times(kind, steps, batch, &clock);
                        println!("{}", bench::format_layer_times(&times, batch));
                    }
                }
                Ok(())
            }
        }
    }
}

//! The training panel: settings, the buttons that drive the worker, data and training progress bars,
//! live curves, a per-epoch table, and keeping the result (IndexedDB, export, import).

use super::charts::{draw, smooth, ChartText, EpochPoint};
use super::fetch::fetch_mnist;
use super::page::load_model;
use super::protocol::{CurvePoint, FromWorker, RunConfig, ToWorker};
use super::state::{Lab, Source, Status};
use super::store;
use super::worker_client::{WorkerClient, WorkerNews};
use crate::app::{tr, use_lang};
use crate::engine::models::ModelKind;
use crate::i18n::lab::*;
use crate::i18n::Text;
use leptos::html::Canvas;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// What is saved with the weights, so a reload shows the run that produced them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub config: Option<RunConfig>,
    pub points: Vec<CurvePoint>,
    pub epochs: Vec<EpochPoint>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum DataState {
    Idle,
    Loading { loaded: f64, total: f64 },
    Unpacking,
    Ready { train: usize, test: usize },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RunState {
    Idle,
    Running,
    Paused,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Progress {
    epoch: usize,
    batch: usize,
    batches: usize,
    samples: u64,
    samples_per_second: f32,
    evaluating: Option<(usize, usize)>,
}

/// Choices offered for the training set size.
const TRAIN_SIZES: [usize; 4] = [1_000, 10_000, 30_000, 60_000];
const OPTIMIZERS: [(&str, &str); 4] = [("rmsprop", "RMSprop"), ("adam", "Adam"), ("momentum", "SGD + momentum 0.9"), ("sgd", "SGD")];

fn duration(secs: f64) -> String {
    let s = secs.max(0.0).round() as u64;
    if s >= 3600 {
        format!("{} h {} min", s / 3600, s % 3600 / 60)
    } else if s >= 60 {
        format!("{} min {} s", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}

fn download(bytes: &[u8], name: &str) -> Option<()> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let a: web_sys::HtmlAnchorElement = document().create_element("a").ok()?.dyn_into().ok()?;
    a.set_href(&url);
    a.set_download(name);
    a.click();
    // Revoking at once can cancel the download in some browsers; a minute later it is long done.
    set_timeout(move || drop(web_sys::Url::revoke_object_url(&url)), std::time::Duration::from_secs(60));
    Some(())
}

#[component]
pub fn TrainingPanel() -> impl IntoView {
    let lang = use_lang();
    let lab = expect_context::<Lab>();

    let optimizer = RwSignal::new("rmsprop".to_string());
    let lr_text = RwSignal::new("0.0001".to_string());
    let batch_text = RwSignal::new("128".to_string());
    let epochs_text = RwSignal::new("10".to_string());
    // The same seed gives the same initial weights and batch order: a run can be repeated exactly.
    let seed_text = RwSignal::new("1".to_string());
    let train_images = RwSignal::new(60_000usize);
    let from_current = RwSignal::new(false);

    let data = RwSignal::new(DataState::Idle);
    let run = RwSignal::new(RunState::Idle);
    let progress = RwSignal::new(Progress::default());
    let points = RwSignal::new(Vec::<CurvePoint>::new());
    let epoch_points = RwSignal::new(Vec::<EpochPoint>::new());
    let run_config = StoredValue::new(None::<RunConfig>);
    let pending = StoredValue::new_local(None::<(RunConfig, Vec<Vec<u8>>)>);
    let gz_files = StoredValue::new_local(None::<Vec<Vec<u8>>>);
    let worker = StoredValue::new_local(None::<WorkerClient>);
    let unsaved_epoch = StoredValue::new(false);

    // Saved run of the chosen model, or its pretrained weights; curves follow.
    let restore = move |record: Option<RunRecord>| {
        let r = record.unwrap_or_default();
        points.set(r.points);
        epoch_points.set(r.epochs);
    };
    Effect::new(move |_| {
        let kind = lab.kind.get();
        untrack(|| load_model(lab, kind, restore));
    });

    let save = move || {
        let Some(weights) = lab.weights() else { return };
        let record = RunRecord { config: run_config.get_value(), points: points.get_untracked(), epochs: epoch_points.get_untracked() };
        let kind = lab.kind.get_untracked();
        spawn_local(async move {
            let meta = serde_json::to_string(&record).unwrap_or_default();
            if let Err(e) = store::save(kind.name(), &meta, &weights).await {
                lab.status.set(Some(Status::SaveFailed(e)));
            }
        });
    };
    let adopt = move |bufs: &[Vec<u8>], source: Source| {
        if let (Some(w), Some(cfg)) = (bufs.first(), run_config.get_value()) {
            if let Some(kind) = ModelKind::parse(&cfg.model) {
                if kind == lab.kind.get_untracked() {
                    if let Err(e) = lab.use_weights(kind, w, source) {
                        lab.status.set(Some(Status::Failed(e)));
                    }
                }
            }
        }
    };

    let send_start = move |cfg: RunConfig, bufs: Vec<Vec<u8>>| {
        run_config.set_value(Some(cfg.clone()));
        if !cfg.from_current {
            points.set(Vec::new());
            epoch_points.set(Vec::new());
        }
        progress.set(Progress { batches: cfg.train_images.div_ceil(cfg.batch_size), ..Progress::default() });
        run.set(RunState::Running);
        lab.status.set(None);
        worker.with_value(|w| {
            if let Some(w) = w {
                w.send(&ToWorker::Start(cfg), bufs)
            }
        });
    };

    // The worker and what it tells us. `spawn_worker` is re-run after a crash.
    let on_news: Rc<dyn Fn(WorkerNews)> = Rc::new(move |news: WorkerNews| match news {
        WorkerNews::Message(msg, bufs) => match msg {
            FromWorker::Ready => {}
            FromWorker::DataReady { train, test } => {
                data.set(DataState::Ready { train, test });
                if let Some((cfg, b)) = pending.try_update_value(|p| p.take()).flatten() {
                    send_start(cfg, b);
                }
            }
            FromWorker::Failed { message } => {
                if data.get_untracked() == DataState::Unpacking {
                    data.set(DataState::Idle);
                    gz_files.set_value(None);
                }
                run.set(RunState::Idle);
                lab.status.set(Some(Status::Failed(message)));
            }
            FromWorker::Progress { epoch, batch, batches, samples, samples_per_second, points: new } => {
                progress.update(|p| *p = Progress { epoch, batch, batches, samples, samples_per_second, evaluating: None });
                points.update(|p| p.extend(new));
            }
            FromWorker::Evaluating { done, total, .. } => progress.update(|p| p.evaluating = Some((done, total))),
            FromWorker::Epoch { epoch, test_loss, test_accuracy } => {
                epoch_points.update(|e| e.push(EpochPoint { epoch, test_loss, test_accuracy }));
                progress.update(|p| p.evaluating = None);
                unsaved_epoch.set_value(true);
            }
            FromWorker::Weights { .. } => {
                adopt(&bufs, Source::Training);
                if unsaved_epoch.get_value() {
                    unsaved_epoch.set_value(false);
                    save();
                }
            }
            FromWorker::Paused => {
                run.set(RunState::Paused);
                lab.status.set(Some(Status::Paused));
            }
            FromWorker::Resumed => {
                run.set(RunState::Running);
                lab.status.set(None);
            }
            FromWorker::Done { finished } => {
                adopt(&bufs, Source::Trained);
                save();
                run.set(RunState::Idle);
                let accuracy = epoch_points.with_untracked(|e| e.last().map(|e| e.test_accuracy));
                lab.status.set(Some(match (finished, accuracy) {
                    (true, Some(accuracy)) => Status::Finished { accuracy },
                    _ => Status::Stopped,
                }));
            }
            FromWorker::Diverged { epoch, batch, loss } => {
                adopt(&bufs, Source::Trained);
                save();
                run.set(RunState::Idle);
                lab.status.set(Some(Status::Diverged { epoch, batch, loss }));
            }
        },
        WorkerNews::Crashed(why) => {
            run.set(RunState::Idle);
            lab.status.set(Some(Status::Crashed(why)));
            if lab.source.get_untracked() == Source::Training {
                lab.source.set(Source::Trained);
            }
            // Dropping the old client terminates it; the data (if loaded) goes to the next one. Drop it
            // after this event, not inside its own handler.
            let old = worker.try_update_value(|w| w.take()).flatten();
            set_timeout(move || drop(old), std::time::Duration::ZERO);
            // A download in flight keeps going; data the dead worker held must be sent again.
            if !matches!(data.get_untracked(), DataState::Loading { .. }) {
                data.set(DataState::Idle);
            }
            pending.set_value(None);
        }
    });
    let ensure_worker = move || -> Result<(), String> {
        if worker.with_value(|w| w.is_some()) {
            return Ok(());
        }
        let client = WorkerClient::spawn(on_news.clone())?;
        worker.set_value(Some(client));
        Ok(())
    };

    // Hand the downloaded files to the worker (the page keeps a copy for a replacement worker).
    let deliver_data = move || {
        let Some(files) = gz_files.get_value() else { return };
        let sent = worker.with_value(|w| w.as_ref().map(|w| w.send(&ToWorker::Data, files)).is_some());
        data.set(if sent { DataState::Unpacking } else { DataState::Idle });
    };
    let load_data = move || {
        if gz_files.with_value(|f| f.is_some()) {
            return deliver_data();
        }
        data.set(DataState::Loading { loaded: 0.0, total: 0.0 });
        spawn_local(async move {
            match fetch_mnist(move |loaded, total| data.set(DataState::Loading { loaded, total })).await {
                Ok(files) => {
                    gz_files.set_value(Some(files));
                    deliver_data();
                }
                Err(e) => {
                    data.set(DataState::Idle);
                    run.set(RunState::Idle);
                    lab.status.set(Some(Status::Failed(e)));
                }
            }
        });
    };

    let parse_field = move |text: RwSignal<String>, field: &'static Text, min: f64, max: f64| -> Option<f64> {
        match text.get_untracked().trim().parse::<f64>() {
            Ok(v) if v.is_finite() && v >= min && v <= max => Some(v),
            _ => {
                lab.status.set(Some(Status::BadNumber { field, min: min.to_string(), max: max.to_string() }));
                None
            }
        }
    };
    let on_train = move |_| {
        let (Some(lr), Some(batch), Some(epochs)) = (
            parse_field(lr_text, &LEARNING_RATE, 1e-7, 100.0),
            parse_field(batch_text, &BATCH_SIZE, 1.0, 1024.0),
            parse_field(epochs_text, &EPOCHS, 1.0, 100.0),
        ) else {
            return;
        };
        let Some(seed) = parse_field(seed_text, &SEED, 0.0, 1e9) else {
            return;
        };
        let kind = lab.kind.get_untracked();
        let cfg = RunConfig {
            model: kind.name().into(),
            optimizer: optimizer.get_untracked(),
            learning_rate: lr as f32,
            batch_size: batch as usize,
            epochs: epochs as usize,
            train_images: train_images.get_untracked(),
            seed: seed as u64,
            from_current: from_current.get_untracked(),
        };
        let bufs = if cfg.from_current { lab.weights().into_iter().collect() } else { Vec::new() };
        if let Err(e) = ensure_worker() {
            lab.status.set(Some(Status::Failed(e)));
            return;
        }
        if matches!(data.get_untracked(), DataState::Ready { .. }) {
            send_start(cfg, bufs);
        } else {
            pending.set_value(Some((cfg, bufs)));
            run.set(RunState::Running);
            lab.status.set(None);
            if data.get_untracked() == DataState::Idle {
                load_data();
            }
        }
    };
    let send = move |m: ToWorker| {
        worker.with_value(|w| {
            if let Some(w) = w {
                w.send(&m, Vec::new());
            }
        })
    };

    let on_pause = move |_| {
        if run.get_untracked() == RunState::Running {
            send(ToWorker::Pause);
        }
    };
    let on_resume = move |_| send(ToWorker::Resume);
    let on_stop = move |_| {
        if pending.try_update_value(|p| p.take()).flatten().is_some() {
            run.set(RunState::Idle);
        }
        send(ToWorker::Stop);
    };
    let on_reset = move |_| {
        let kind = lab.kind.get_untracked();
        spawn_local(async move {
            let _ = store::delete(kind.name()).await;
            run_config.set_value(None);
            load_model(lab, kind, move |_| {
                points.set(Vec::new());
                epoch_points.set(Vec::new());
            });
            lab.status.set(Some(Status::Reset));
        });
    };
    let on_export = move |_| {
        if let Some(bytes) = lab.weights() {
            download(&bytes, &format!("convlab-{}.safetensors", lab.kind.get_untracked().name()));
        }
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let name = file.name();
        spawn_local(async move {
            let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map(|b| js_sys::Uint8Array::new(&b).to_vec());
            let kind = lab.kind.get_untracked();
            let result = bytes.map_err(|_| "the file could not be read".to_string()).and_then(|b| lab.use_weights(kind, &b, Source::Imported));
            match result {
                Ok(()) => {
                    run_config.set_value(None);
                    points.set(Vec::new());
                    epoch_points.set(Vec::new());
                    save();
                    lab.status.set(Some(Status::Imported(name)));
                }
                Err(why) => lab.status.set(Some(Status::ImportFailed { file: name, why })),
            }
        });
    };

    let busy = move || run.get() != RunState::Idle;
    let show_progress = move || busy() || progress.get().samples > 0;
    let total_epochs = move || run_config.with_value(|c| c.as_ref().map_or(1, |c| c.epochs));
    let progress_text = move || {
        let l = lang.get();
        let p = progress.get();
        if let Some((done, total)) = p.evaluating {
            return EVALUATING.get(l).replace("{e}", &(p.epoch + 1).to_string()).replace("{done}", &done.to_string()).replace("{total}", &total.to_string());
        }
        let (epochs, images) = run_config.with_value(|c| c.as_ref().map_or((1, 1), |c| (c.epochs, c.train_images)));
        let left = (epochs as f64 * images as f64 - p.samples as f64) / (p.samples_per_second as f64).max(1e-3);
        PROGRESS_TEXT
            .get(l)
            .replace("{e}", &(p.epoch + 1).min(epochs).to_string())
            .replace("{E}", &epochs.to_string())
            .replace("{b}", &p.batch.to_string())
            .replace("{B}", &p.batches.to_string())
            .replace("{sps}", &format!("{:.0}", p.samples_per_second))
            .replace("{left}", &if p.samples_per_second > 0.0 { duration(left) } else { "…".into() })
    };
    let progress_value = move || {
        let p = progress.get();
        let total = (total_epochs() * p.batches.max(1)) as f64;
        ((p.epoch * p.batches + p.batch) as f64 / total).clamp(0.0, 1.0)
    };
    let data_value = move || match data.get() {
        DataState::Loading { loaded, total } if total > 0.0 => Some(loaded / total),
        DataState::Loading { .. } | DataState::Unpacking => None,
        _ => Some(1.0),
    };
    let data_text = move || {
        let l = lang.get();
        match data.get() {
            DataState::Loading { loaded, total } => DATA_TEXT.get(l).replace("{mb}", &format!("{:.1}", loaded / 1e6)).replace("{total}", &format!("{:.1}", total / 1e6)),
            DataState::Ready { train, test } => DATA_READY.get(l).replace("{train}", &crate::engine::model::group_thousands(train as u64)).replace("{test}", &crate::engine::model::group_thousands(test as u64)),
            _ => String::new(),
        }
    };

    // The curves in words: for screen readers, and the numbers behind the picture.
    let curve_summary = move || {
        let l = lang.get();
        points.with(|pts| {
            let (Some(first), Some(last)) = (pts.first(), pts.last()) else { return String::new() };
            let loss = smooth(pts, |p| p.loss);
            let acc = smooth(pts, |p| p.accuracy);
            CURVE_SUMMARY
                .get(l)
                .replace("{n}", &pts.len().to_string())
                .replace("{l0}", &format!("{:.3}", first.loss))
                .replace("{l1}", &format!("{:.3}", loss.last().map_or(last.loss, |p| p.1)))
                .replace("{a0}", &format!("{:.1}", first.accuracy * 100.0))
                .replace("{a1}", &format!("{:.1}", acc.last().map_or(last.accuracy, |p| p.1) * 100.0))
        })
    };
    let loss_canvas = NodeRef::<Canvas>::new();
    let acc_canvas = NodeRef::<Canvas>::new();
    Effect::new(move |_| {
        let l = lang.get();
        let epochs = run_config.with_value(|c| c.as_ref().map(|c| c.epochs)).unwrap_or(0).max(epoch_points.with(|e| e.len()));
        points.with(|pts| {
            epoch_points.with(|eps| {
                let text = |title: Text| ChartText { title: title.get(l), x: CHART_X.get(l), train: CHART_TRAIN.get(l), test: CHART_TEST.get(l) };
                if let Some(c) = loss_canvas.get() {
                    let test: Vec<(f32, f32)> = eps.iter().map(|e| ((e.epoch + 1) as f32, e.test_loss)).collect();
                    draw(&c, &text(LOSS_CHART), &smooth(pts, |p| p.loss), &test, epochs, false);
                }
                if let Some(c) = acc_canvas.get() {
                    let test: Vec<(f32, f32)> = eps.iter().map(|e| ((e.epoch + 1) as f32, e.test_accuracy)).collect();
                    draw(&c, &text(ACCURACY_CHART), &smooth(pts, |p| p.accuracy), &test, epochs, true);
                }
            })
        });
    });

    let select_field = move |id: &'static str, label: Text, options: Vec<(String, String)>, value: Signal<String>, set: Callback<String>, disabled: Signal<bool>| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <select id=id disabled=move || disabled.get() on:change=move |ev| set.run(event_target_value(&ev))>
                    {options.into_iter().map(|(v, text)| { let v2 = v.clone(); view! { <option value=v selected=move || value.get() == v2>{text}</option> } }).collect_view()}
                </select>
            </div>
        }
    };
    let text_field = move |id: &'static str, label: Text, value: RwSignal<String>, mode: &'static str| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <input type="text" id=id inputmode=mode disabled=busy prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </div>
        }
    };
    let model_options = move || vec![("seed".to_string(), MODEL_SEED.get(lang.get()).to_string()), ("lenet5".to_string(), MODEL_LENET.get(lang.get()).to_string())];

    view! {
        <section class="training" aria-labelledby="train-title">
            <h2 id="train-title">{tr(TRAIN_TITLE)}</h2>
            <p>{tr(TRAIN_INTRO)}</p>
            <div class="train-settings">
                {move || select_field("train-model", MODEL, model_options(), Signal::derive(move || lab.kind.get().name().to_string()),
                    Callback::new(move |v: String| if let Some(k) = ModelKind::parse(&v) { lab.kind.set(k) }), Signal::derive(busy))}
                {select_field("train-optimizer", OPTIMIZER, OPTIMIZERS.iter().map(|(v, t)| (v.to_string(), t.to_string())).collect(), optimizer.into(),
                    Callback::new(move |v| optimizer.set(v)), Signal::derive(busy))}
                {text_field("train-lr", LEARNING_RATE, lr_text, "decimal")}
                {text_field("train-batch", BATCH_SIZE, batch_text, "numeric")}
                {text_field("train-epochs", EPOCHS, epochs_text, "numeric")}
                {text_field("train-seed", SEED, seed_text, "numeric")}
                {select_field("train-images", TRAIN_IMAGES, TRAIN_SIZES.iter().map(|n| (n.to_string(), crate::engine::model::group_thousands(*n as u64))).collect(),
                    Signal::derive(move || train_images.get().to_string()), Callback::new(move |v: String| if let Ok(n) = v.parse() { train_images.set(n) }), Signal::derive(busy))}
                {move || select_field("train-start", START_FROM, vec![("scratch".into(), START_SCRATCH.get(lang.get()).into()), ("current".into(), START_CURRENT.get(lang.get()).into())],
                    Signal::derive(move || if from_current.get() { "current".into() } else { "scratch".into() }), Callback::new(move |v: String| from_current.set(v == "current")), Signal::derive(busy))}
            </div>
            <div class="train-buttons">
                <button type="button" id="train" on:click=on_train disabled=busy>{tr(TRAIN)}</button>
                <button type="button" id="pause" on:click=on_pause disabled=move || run.get() != RunState::Running>{tr(PAUSE)}</button>
                <button type="button" id="resume" on:click=on_resume disabled=move || run.get() != RunState::Paused>{tr(RESUME)}</button>
                <button type="button" id="stop" on:click=on_stop disabled=move || !busy()>{tr(STOP)}</button>
                <button type="button" id="reset" on:click=on_reset disabled=busy>{tr(RESET)}</button>
                <button type="button" id="export" on:click=on_export>{tr(EXPORT)}</button>
                <input type="file" id="import" class="visually-hidden" accept=".safetensors" on:change=on_import disabled=busy/>
                <label class="button" for="import">{tr(IMPORT)}</label>
            </div>
            <Show when=move || !matches!(data.get(), DataState::Idle)>
                <div class="progress-row">
                    <label for="data-progress">{tr(LOADING_DATA)}</label>
                    <progress id="data-progress" max="1" value=move || data_value().map(|v| v.to_string())></progress>
                    <span id="data-text">{data_text}</span>
                </div>
            </Show>
            <Show when=show_progress>
                <div class="progress-row">
                    <label for="train-progress">{tr(TRAINING_PROGRESS)}</label>
                    <progress id="train-progress" max="1" value=move || progress_value().to_string()></progress>
                    <span id="train-text">{progress_text}</span>
                </div>
            </Show>
            <div class="charts">
                <canvas id="loss-chart" node_ref=loss_canvas width="480" height="260" role="img" aria-label=move || LOSS_CHART.get(lang.get())></canvas>
                <canvas id="accuracy-chart" node_ref=acc_canvas width="480" height="260" role="img" aria-label=move || ACCURACY_CHART.get(lang.get())></canvas>
            </div>
            <p id="curve-summary" class="hint">{curve_summary}</p>
            <table class="epochs" id="epoch-table">
                <caption>{tr(EPOCH_TABLE)}</caption>
                <thead><tr><th scope="col">{tr(EPOCH_COL)}</th><th scope="col">{tr(TEST_LOSS_COL)}</th><th scope="col">{tr(TEST_ACC_COL)}</th></tr></thead>
                <tbody>
                    {move || epoch_points.get().into_iter().map(|e| view! {
                        <tr><td>{e.epoch + 1}</td><td>{format!("{:.4}", e.test_loss)}</td><td>{format!("{:.2}%", e.test_accuracy * 100.0)}</td></tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

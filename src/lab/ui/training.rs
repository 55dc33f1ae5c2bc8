//! The training panel: the settings form and the buttons. Clicks become events for the app-wide
//! training session (`runtime.rs` carries out what it decides), so a run goes on while the learner
//! reads other lessons and the form keeps its values.

use super::recipe_choice::RecipeChoice;
use super::status_line::StatusLine;
use super::training_progress::{RunCurves, RunProgress};
use crate::engine::nn::models::ModelKind;
use crate::engine::numfmt::parse_number;
use crate::engine::train::optim::OptimizerChoice;
use crate::i18n::guidance::TOO_SHORT;
use crate::i18n::lab::*;
use crate::i18n::numbers::show;
use crate::i18n::Text;
use crate::lab::client::form::TrainingForm;
use crate::lab::client::load::load_model;
use crate::lab::client::runtime::Runner;
use crate::lab::client::state::Lab;
use crate::lab::client::store;
use crate::lab::guidance::too_short;
use crate::lab::import::{import, ImportProblem};
use crate::lab::link::{BATCH, EPOCH_COUNT, LR, TRAIN_SIZES};
use crate::lab::network::{Network, DESIGN_KEY};
use crate::lab::protocol::RunConfig;
use crate::lab::recipe::optimizer_name;
use crate::lab::session::{Event, RunState};
use crate::lab::status::{Source, Status};
use crate::lab::tabs::training_in;
use crate::lang::{tr, use_lang};
use crate::widgets::download::download;
use crate::widgets::file_read::read_chosen_file;
use crate::widgets::NumberField;
use leptos::prelude::*;
use leptos::task::spawn_local;

const OPTIMIZERS: [OptimizerChoice; 4] = [
    OptimizerChoice::RmsProp,
    OptimizerChoice::Adam,
    OptimizerChoice::Momentum,
    OptimizerChoice::Sgd,
];

/// The model select's choice: a built-in model by name, or the learner's latest design.
fn choose_model(lab: Lab, value: &str) {
    let network = match ModelKind::parse(value) {
        Some(k) => Some(Network::Builtin(k)),
        None if value == DESIGN_KEY => lab.design.get_untracked().map(Network::Design),
        None => None,
    };
    if let Some(n) = network {
        lab.kind.set(n);
    }
}

const SEED_RANGE: (f64, f64) = (0.0, 1e9);

#[component]
pub fn TrainingPanel() -> impl IntoView {
    let lang = use_lang();
    let panel = expect_context::<Runner>();
    let lab = panel.lab;
    let session = panel.session;
    let TrainingForm {
        optimizer,
        lr_text,
        batch_text,
        epochs_text,
        seed_text,
        train_images,
        from_current,
        ..
    } = expect_context::<TrainingForm>();

    let parse_field =
        move |text: RwSignal<String>, field: &'static Text, min: f64, max: f64| -> Option<f64> {
            let whole = min >= 1.0 || field == &SEED;
            match parse_number(&text.get_untracked(), min, max, whole) {
                Ok(v) => Some(v),
                Err(_) => {
                    lab.status.set(Some(Status::BadNumber {
                        field,
                        min: min.to_string(),
                        max: max.to_string(),
                    }));
                    None
                }
            }
        };
    let on_train = move |_| {
        let (Some(lr), Some(batch), Some(epochs), Some(seed)) = (
            parse_field(lr_text, &LEARNING_RATE, LR.0, LR.1),
            parse_field(batch_text, &BATCH_SIZE, BATCH.0, BATCH.1),
            parse_field(epochs_text, &EPOCHS, EPOCH_COUNT.0, EPOCH_COUNT.1),
            parse_field(seed_text, &SEED, SEED_RANGE.0, SEED_RANGE.1),
        ) else {
            return;
        };
        let config = RunConfig {
            model: lab.kind.get_untracked(),
            optimizer: OptimizerChoice::parse(&optimizer.get_untracked())
                .unwrap_or(OptimizerChoice::RmsProp),
            learning_rate: lr as f32,
            batch_size: batch as usize,
            epochs: epochs as usize,
            train_images: train_images.get_untracked(),
            seed: seed as u64,
            from_current: from_current.get_untracked(),
        };
        panel.train(config);
    };
    let on_pause = move |_| panel.dispatch(Event::Pause);
    let on_resume = move |_| panel.dispatch(Event::Resume);
    let on_stop = move |_| panel.dispatch(Event::Stop);
    let on_reset = move |_| {
        let kind = lab.kind.get_untracked();
        spawn_local(async move {
            let _ = store::delete(kind.key()).await;
            load_model(lab, kind, |_| {});
            panel.dispatch(Event::Reset);
        });
    };
    let on_export = move |_| {
        if let Some(bytes) = lab.weights_file() {
            let name = format!("convlab-{}.safetensors", lab.kind.get_untracked().key());
            download(&bytes, &name);
        }
    };
    let on_import = move |ev: leptos::ev::Event| {
        read_chosen_file(&ev, move |name, bytes| {
            let kind = lab.kind.get_untracked();
            let result = bytes
                .ok_or(ImportProblem::NotRead)
                .and_then(|b| import(&kind, &b));
            match result {
                Ok(model) => {
                    lab.use_model(model, Source::Imported);
                    panel.dispatch(Event::Imported { file: name })
                }
                Err(why) => lab
                    .status
                    .set(Some(Status::ImportFailed { file: name, why })),
            }
        });
    };

    let busy = move || session.with(|s| s.busy());
    let run = move || session.with(|s| s.run);
    // Another tab trains the model chosen here: Train, Reset and Import wait (they would write
    // the slot that tab saves into).
    let taken = move || {
        let slot = lab.kind.with(|k| k.key());
        panel.tabs.others.with(|o| training_in(o, slot).is_some())
    };
    let other_tabs = move || {
        let l = lang.get();
        let chosen = lab.kind.with(|k| k.key());
        panel.tabs.others.with(|others| {
            let lines: Vec<String> = others
                .iter()
                .map(|o| {
                    let model = match &o.network {
                        Network::Builtin(ModelKind::Seed) => NAME_SEED.get(l),
                        Network::Builtin(ModelKind::Lenet5) => "LeNet-5",
                        Network::Design(_) => NAME_DESIGN.get(l),
                    };
                    let said = match o.percent {
                        Some(p) => OTHER_TAB.fill(l, &[("pct", &p), ("model", &model)]),
                        None => OTHER_TAB_STARTING.fill(l, &[("model", &model)]),
                    };
                    let wait = if o.network.key() == chosen {
                        OTHER_TAB_WAIT.get(l)
                    } else {
                        ""
                    };
                    format!("{said}{wait}")
                })
                .collect();
            lines.join(" ")
        })
    };

    let select_field = move |id: &'static str,
                             label: Text,
                             options: Vec<(String, String)>,
                             value: Signal<String>,
                             set: Callback<String>,
                             disabled: Signal<bool>| {
        view! {
            <div class="field">
                <label for=id>{tr(label)}</label>
                <select id=id disabled=move || disabled.get() on:change=move |ev| set.run(event_target_value(&ev))>
                    {options.into_iter().map(|(v, text)| { let v2 = v.clone(); view! { <option value=v selected=move || value.get() == v2>{text}</option> } }).collect_view()}
                </select>
            </div>
        }
    };
    // The form keeps each field's text as typed (it outlives the page); the box checks it as it
    // is typed, and Train reads it again.
    let text_field = move |id: &'static str,
                           label: Text,
                           text: RwSignal<String>,
                           (min, max): (f64, f64)| {
        let whole = min >= 1.0 || label == SEED;
        let good = parse_number(&text.get_untracked(), min, max, whole).unwrap_or(min);
        let last_good = RwSignal::new(good);
        view! {
            <div class="field">
                <NumberField id=id label=label text=text whole=whole min=min max=max value=last_good
                    set=Callback::new(move |v| last_good.set(v)) disabled=Signal::derive(busy)/>
            </div>
        }
    };
    let model_options = move || {
        let l = lang.get();
        let mut options = vec![
            ("seed".to_string(), MODEL_SEED.get(l).to_string()),
            ("lenet5".to_string(), MODEL_LENET.get(l).to_string()),
        ];
        if let Some(params) = lab.design.with(|d| {
            d.as_ref()
                .and_then(|d| d.build().ok())
                .map(|m| m.param_count())
        }) {
            let text = MODEL_DESIGN.fill(
                l,
                &[(
                    "n",
                    &crate::engine::nn::model::group_thousands(params as u64),
                )],
            );
            options.push((DESIGN_KEY.to_string(), text));
        }
        options
    };

    // A recipe with too few steps for its learning rate gets a hint before it runs.
    let recipe_hint = move || {
        let whole = |t: RwSignal<String>, (lo, hi): (f64, f64)| {
            parse_number(&t.get(), lo, hi, true)
                .ok()
                .map(|v| v as usize)
        };
        let lr = parse_number(&lr_text.get(), LR.0, LR.1, false).ok()?;
        let (batch, epochs) = (whole(batch_text, BATCH)?, whole(epochs_text, EPOCH_COUNT)?);
        let opt = OptimizerChoice::parse(&optimizer.get())?;
        let steps = too_short(opt, lr, batch, epochs, train_images.get())?;
        Some(TOO_SHORT.fill(
            lang.get(),
            &[
                (
                    "steps",
                    &crate::engine::nn::model::group_thousands(steps as u64),
                ),
                ("lr", &show(lr)),
            ],
        ))
    };
    view! {
        <section class="training" aria-labelledby="train-title">
            <h2 id="train-title">{tr(TRAIN_TITLE)}</h2>
            <p>{tr(TRAIN_INTRO)}</p>
            <div class="train-settings">
                {move || select_field("train-model", MODEL, model_options(), Signal::derive(move || lab.kind.with(|k| k.key().to_string())),
                    Callback::new(move |v: String| choose_model(lab, &v)), Signal::derive(busy))}
                {select_field("train-optimizer", OPTIMIZER, OPTIMIZERS.iter().map(|o| (o.name().to_string(), optimizer_name(*o).to_string())).collect(), optimizer.into(),
                    Callback::new(move |v| optimizer.set(v)), Signal::derive(busy))}
                {text_field("train-lr", LEARNING_RATE, lr_text, LR)}
                {text_field("train-batch", BATCH_SIZE, batch_text, BATCH)}
                {text_field("train-epochs", EPOCHS, epochs_text, EPOCH_COUNT)}
                {text_field("train-seed", SEED, seed_text, SEED_RANGE)}
                {select_field("train-images", TRAIN_IMAGES, TRAIN_SIZES.iter().map(|n| (n.to_string(), crate::engine::nn::model::group_thousands(*n as u64))).collect(),
                    Signal::derive(move || train_images.get().to_string()), Callback::new(move |v: String| if let Ok(n) = v.parse() { train_images.set(n) }), Signal::derive(busy))}
                {move || select_field("train-start", START_FROM, vec![("scratch".into(), START_SCRATCH.get(lang.get()).into()), ("current".into(), START_CURRENT.get(lang.get()).into())],
                    Signal::derive(move || if from_current.get() { "current".into() } else { "scratch".into() }), Callback::new(move |v: String| from_current.set(v == "current")), Signal::derive(busy))}
            </div>
            <RecipeChoice busy=Signal::derive(busy)/>
            <p id="recipe-hint" class="hint">{recipe_hint}</p>
            <div class="train-buttons">
                <button type="button" id="train" on:click=on_train disabled=move || busy() || taken()>{tr(TRAIN)}</button>
                <button type="button" id="pause" on:click=on_pause disabled=move || run() != RunState::Running>{tr(PAUSE)}</button>
                <button type="button" id="resume" on:click=on_resume disabled=move || run() != RunState::Paused>{tr(RESUME)}</button>
                <button type="button" id="stop" on:click=on_stop disabled=move || !busy()>{tr(STOP)}</button>
                <button type="button" id="reset" on:click=on_reset disabled=move || busy() || taken()>{tr(RESET)}</button>
                <button type="button" id="export" on:click=on_export>{tr(EXPORT)}</button>
                <input type="file" id="import" class="visually-hidden" accept=".safetensors" on:change=on_import disabled=move || busy() || taken()/>
                <label class="button" for="import">{tr(IMPORT)}</label>
            </div>
            <p id="other-tabs" class="hint" role="status">{other_tabs}</p>
            <StatusLine/>
            <RunProgress session=session team=panel.team/>
            <RunCurves session=session/>
        </section>
    }
}

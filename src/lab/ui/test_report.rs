//! "What the network gets wrong": evaluate the weights in use on the test set (in the worker, with
//! a progress bar), then the report — accuracy, the confusion matrix, each digit's accuracy and the
//! misclassified gallery. During training each epoch's evaluation refreshes it by itself.

use super::confusion::ConfusionTable;
use super::mistakes::MistakesGallery;
use crate::engine::nn::model::group_thousands;
use crate::engine::nn::models::ModelKind;
use crate::engine::train::evaluation::Cell;
use crate::i18n::fill;
use crate::i18n::insights::*;
use crate::i18n::lab::{MODEL_DESIGN, MODEL_LENET, MODEL_SEED};
use crate::lab::client::runtime::Runner;
use crate::lab::network::Network;
use crate::lab::report::ReportOf;
use crate::lab::session::{DataState, Event, RunState};
use crate::lab::status::Status;
use crate::lang::{tr, use_lang};
use leptos::prelude::*;

#[component]
pub fn TestReportView() -> impl IntoView {
    let lang = use_lang();
    let runner = expect_context::<Runner>();
    let (lab, session) = (runner.lab, runner.session);
    // Only a report of the model on show: another model's would describe other weights.
    let report = Memo::new(move |_| {
        let kind = lab.kind.get();
        session.with(|s| s.report.clone().filter(|r| r.model == kind))
    });
    let picked = RwSignal::new(None::<(u8, u8)>);
    let run = move || session.with(|s| s.run);
    let evaluating = move || run() == RunState::Evaluating;

    // The weights in use on the test set, keeping every mistake of `focus`.
    let evaluate = move |focus: Option<Cell>| {
        let Some(weights) = lab.weights() else { return };
        if let Err(e) = runner.ensure_worker() {
            lab.status.set(Some(Status::Failed(e)));
            return;
        }
        picked.set(focus.map(|c| (c.truth, c.predicted)));
        runner.dispatch(Event::Evaluate {
            model: lab.kind.get_untracked(),
            weights,
            focus,
        });
    };
    let on_evaluate = move |_| evaluate(None);
    let keep_all = Callback::new(move |cell| evaluate(Some(cell)));
    let busy = Signal::derive(move || run() != RunState::Idle);
    let progress = move || session.with(|s| s.progress.evaluating);
    let progress_text = move || {
        let l = lang.get();
        session.with(|s| match (s.data, s.progress.evaluating) {
            (DataState::Loading { .. } | DataState::Unpacking, _) => EVALUATE_DATA.get(l).into(),
            (_, Some((done, total))) if total > 0 => EVALUATING.fill(
                l,
                &[
                    ("done", &group_thousands(done as u64)),
                    ("total", &group_thousands(total as u64)),
                ],
            ),
            _ => String::new(),
        })
    };
    let summary = move || {
        let l = lang.get();
        report.with(|r| {
            let Some(r) = r else {
                return NO_REPORT.get(l).to_string();
            };
            let text = match r.of {
                ReportOf::Request => REPORT_OF_REQUEST.get(l).to_string(),
                ReportOf::Epoch(e) => REPORT_OF_EPOCH.fill(l, &[("e", &(e + 1).to_string())]),
            };
            let n = r.test.count();
            let model = match &r.model {
                Network::Builtin(ModelKind::Seed) => MODEL_SEED.get(l).to_string(),
                Network::Builtin(ModelKind::Lenet5) => MODEL_LENET.get(l).to_string(),
                Network::Design(s) => MODEL_DESIGN.fill(
                    l,
                    &[(
                        "n",
                        &s.build()
                            .map_or(String::new(), |m| group_thousands(m.param_count() as u64)),
                    )],
                ),
            };
            fill(
                &text,
                &[
                    ("model", &model),
                    ("acc", &format!("{:.2}", r.test.accuracy * 100.0)),
                    ("n", &group_thousands(n as u64)),
                    ("wrong", &group_thousands((n - r.test.correct()) as u64)),
                ],
            )
        })
    };

    view! {
        <section class="test-report" aria-labelledby="mistakes-title">
            <h2 id="mistakes-title">{tr(MISTAKES_TITLE)}</h2>
            <p>{tr(MISTAKES_INTRO)}</p>
            <div class="buttons">
                <button type="button" id="evaluate" on:click=on_evaluate disabled=move || run() != RunState::Idle>{tr(EVALUATE)}</button>
                <Show when=evaluating>
                    <button type="button" id="evaluate-stop" on:click=move |_| runner.dispatch(Event::Stop)>{tr(EVALUATE_STOP)}</button>
                </Show>
            </div>
            <Show when=move || matches!(run(), RunState::Running | RunState::Paused)>
                <p class="hint" id="evaluate-busy">{tr(EVALUATE_BUSY)}</p>
            </Show>
            <Show when=evaluating>
                <div class="progress-row">
                    <label for="evaluate-progress">{tr(EVALUATE)}</label>
                    <progress id="evaluate-progress" max="1"
                        value=move || progress().filter(|p| p.1 > 0).map(|(d, t)| (d as f64 / t as f64).to_string())></progress>
                    <span id="evaluate-text" role="status">{progress_text}</span>
                </div>
            </Show>
            <p id="report-summary" role="status">{summary}</p>
            {move || report.get().map(|r| view! {
                <ConfusionTable test=r.test picked=picked/>
                <p class="hint legend"><span class="swatch diag"></span>{tr(LEGEND_RIGHT)}" "<span class="swatch off"></span>{tr(LEGEND_WRONG)}</p>
            })}
            <Show when=move || report.with(|r| r.is_some())>
                <MistakesGallery report=report picked=picked keep_all=keep_all busy=busy/>
            </Show>
        </section>
    }
}

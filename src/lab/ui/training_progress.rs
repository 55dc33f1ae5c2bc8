//! What the training panel shows of a run: the data and training progress bars with their text, the
//! loss and accuracy curves (and the same in words), and the per-epoch table — all read from the
//! training session.

use super::charts::{draw, smooth, ChartText};
use crate::engine::nn::model::group_thousands;
use crate::i18n::lab::*;
use crate::i18n::numbers::duration_in;
use crate::i18n::Text;
use crate::lab::client::team::{Kernel, TeamShape};
use crate::lab::session::{DataState, RunState, TrainingSession};
use crate::lang::{tr, use_lang};
use crate::widgets::chart_style::{BLUE, ORANGE};
use crate::widgets::{ChartLegend, Mark};
use leptos::html::Canvas;
use leptos::prelude::*;
use std::time::Duration;

/// How often the loss and accuracy curves are redrawn at most while a run is busy.
const CURVES_REDRAW_MS: f64 = 1000.0;

#[component]
pub fn RunProgress(
    session: RwSignal<TrainingSession>,
    team: RwSignal<Option<TeamShape>>,
) -> impl IntoView {
    let lang = use_lang();
    // What runs the training: how many workers, how a team divided the last batch (it follows
    // the workers' speeds), and which SIMD build.
    let team_text = move || {
        let l = lang.get();
        let parts = session.with(|s| {
            let parts = &s.progress.parts;
            (s.busy() && parts.len() > 1).then(|| {
                let parts: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
                TEAM_PARTS.fill(l, &[("parts", &parts.join(" + "))])
            })
        });
        team.get().map(|t| {
            let workers = if t.workers == 1 { TEAM_ONE } else { TEAM_MANY };
            let kernel = match t.kernel {
                Kernel::RelaxedSimd => KERNEL_RELAXED,
                Kernel::Simd128 => KERNEL_SIMD128,
            };
            let mut brakes = Vec::new();
            if let Some(n) = t.pace.max_steps_per_second {
                brakes.push(BRAKE_CAP.fill(l, &[("n", &n.to_string())]));
            }
            if t.pace.slowdown > 1.0 {
                brakes.push(BRAKE_SLOWDOWN.fill(l, &[("k", &t.pace.slowdown.to_string())]));
            }
            let braked =
                (!brakes.is_empty()).then(|| TEAM_BRAKED.fill(l, &[("how", &brakes.join(", "))]));
            format!(
                "{}{} · {}{}",
                workers.fill(l, &[("n", &t.workers.to_string())]),
                parts.unwrap_or_default(),
                kernel.get(l),
                braked.unwrap_or_default()
            )
        })
    };
    let data = move || session.with(|s| s.data);
    let data_value = move || match data() {
        DataState::Loading { loaded, total } if total > 0.0 => Some(loaded / total),
        DataState::Loading { .. } | DataState::Unpacking => None,
        _ => Some(1.0),
    };
    let data_text = move || {
        let l = lang.get();
        match data() {
            DataState::Loading { loaded, total } => DATA_TEXT.fill(
                l,
                &[
                    ("mb", &format!("{:.1}", loaded / 1e6)),
                    ("total", &format!("{:.1}", total / 1e6)),
                ],
            ),
            DataState::Ready { train, test } => DATA_READY.fill(
                l,
                &[
                    ("train", &group_thousands(train as u64)),
                    ("test", &group_thousands(test as u64)),
                ],
            ),
            _ => String::new(),
        }
    };
    // A test-set evaluation has its own progress bar, beside its report.
    let show_progress = move || {
        session.with(|s| s.run != RunState::Evaluating && (s.busy() || s.progress.samples > 0))
    };
    let progress_text = move || {
        let l = lang.get();
        session.with(|s| {
            let p = &s.progress;
            if let Some((done, total)) = p.evaluating {
                return EVALUATING.fill(
                    l,
                    &[
                        ("e", &(p.epoch + 1).to_string()),
                        ("done", &done.to_string()),
                        ("total", &total.to_string()),
                    ],
                );
            }
            let epochs = s.config.as_ref().map_or(1, |c| c.epochs);
            // Stopped, finished or crashed: where the run got to, no time left to promise.
            let text = if s.busy() {
                PROGRESS_TEXT
            } else {
                PROGRESS_IDLE
            };
            text.fill(
                l,
                &[
                    ("e", &(p.epoch + 1).min(epochs).to_string()),
                    ("E", &epochs.to_string()),
                    ("b", &p.batch.to_string()),
                    ("B", &p.batches.to_string()),
                    ("sps", &format!("{:.0}", p.samples_per_second)),
                    (
                        "left",
                        &s.seconds_left().map_or("…".into(), |x| duration_in(x, l)),
                    ),
                ],
            )
        })
    };
    view! {
        <Show when=move || data() != DataState::Idle>
            <div class="progress-row">
                <label for="data-progress">{tr(LOADING_DATA)}</label>
                <progress id="data-progress" max="1" value=move || data_value().map(|v| v.to_string())></progress>
                <span id="data-text">{data_text}</span>
            </div>
        </Show>
        <Show when=show_progress>
            <div class="progress-row">
                <label for="train-progress">{tr(TRAINING_PROGRESS)}</label>
                <progress id="train-progress" max="1" value=move || session.with(|s| s.fraction_done()).to_string()></progress>
                <span id="train-text">{progress_text}</span>
            </div>
            <p id="team-text" class="hint">{team_text}</p>
        </Show>
    }
}

#[component]
pub fn RunCurves(session: RwSignal<TrainingSession>) -> impl IntoView {
    let lang = use_lang();
    // The curves in words: for screen readers, and the numbers behind the picture.
    let curve_summary = move || {
        let l = lang.get();
        session.with(|s| {
            let pts = &s.points;
            let (Some(first), Some(last)) = (pts.first(), pts.last()) else {
                return String::new();
            };
            let loss = smooth(pts, |p| p.loss);
            let acc = smooth(pts, |p| p.accuracy);
            CURVE_SUMMARY.fill(
                l,
                &[
                    ("n", &pts.len().to_string()),
                    ("l0", &format!("{:.3}", first.loss)),
                    (
                        "l1",
                        &format!("{:.3}", loss.last().map_or(last.loss, |p| p.1)),
                    ),
                    ("a0", &format!("{:.1}", first.accuracy * 100.0)),
                    (
                        "a1",
                        &format!("{:.1}", acc.last().map_or(last.accuracy, |p| p.1) * 100.0),
                    ),
                ],
            )
        })
    };
    let loss_canvas = NodeRef::<Canvas>::new();
    let acc_canvas = NodeRef::<Canvas>::new();
    // Plotters sizes every label by laying out a hidden span: a forced reflow of the whole page per
    // label. Redrawn on every progress report (~7 a second) that was most of the page's main-thread
    // time while the workers train, and it runs on their cores.
    // So while a run is busy the curves are redrawn at most once a second (the latest state, when
    // the second is up); otherwise at once.
    let tick = RwSignal::new(0u32);
    let last_draw = StoredValue::new(f64::NEG_INFINITY);
    let pending = StoredValue::new(false);
    Effect::new(move |_| {
        tick.track();
        let l = lang.get();
        let busy = session.with(|s| s.busy());
        let now = js_sys::Date::now();
        let wait = last_draw.get_value() + CURVES_REDRAW_MS - now;
        if busy && wait > 0.0 {
            if !pending.get_value() {
                pending.set_value(true);
                let later = move || {
                    pending.try_update_value(|p| *p = false);
                    tick.try_update(|t| *t += 1);
                };
                set_timeout(later, Duration::from_millis(wait.ceil() as u64));
            }
            return;
        }
        last_draw.set_value(now);
        session.with(|s| {
            let epochs = s
                .config
                .as_ref()
                .map_or(0, |c| c.epochs)
                .max(s.epochs.len());
            let text = |title: Text| ChartText {
                title: title.get(l),
                x: CHART_X.get(l),
            };
            let charts = [
                (loss_canvas, LOSS_CHART, false),
                (acc_canvas, ACCURACY_CHART, true),
            ];
            for (canvas, title, accuracy) in charts {
                let Some(c) = canvas.get() else { continue };
                let pick = |loss: f32, acc: f32| if accuracy { acc } else { loss };
                let test: Vec<(f32, f32)> = s
                    .epochs
                    .iter()
                    .map(|e| ((e.epoch + 1) as f32, pick(e.test_loss, e.test_accuracy)))
                    .collect();
                let train = smooth(&s.points, |p| pick(p.loss, p.accuracy));
                draw(&c, &text(title), &train, &test, epochs, accuracy);
                // How many steps the picture shows: what a test waits for, instead of a time.
                let _ = c.set_attribute("data-steps", &s.points.len().to_string());
            }
        });
    });
    view! {
        <div class="charts">
            <canvas id="loss-chart" node_ref=loss_canvas width="480" height="260" role="img" aria-label=move || LOSS_CHART.get(lang.get())></canvas>
            <canvas id="accuracy-chart" node_ref=acc_canvas width="480" height="260" role="img" aria-label=move || ACCURACY_CHART.get(lang.get())></canvas>
        </div>
        <ChartLegend id="chart-legend" items=vec![(CHART_TRAIN, Mark::Line(BLUE)), (CHART_TEST, Mark::Dot(ORANGE))]/>
        <p id="curve-summary" class="hint">{curve_summary}</p>
        <table class="epochs" id="epoch-table">
            <caption>{tr(EPOCH_TABLE)}</caption>
            <thead><tr><th scope="col">{tr(EPOCH_COL)}</th><th scope="col">{tr(TEST_LOSS_COL)}</th><th scope="col">{tr(TEST_ACC_COL)}</th></tr></thead>
            <tbody>
                {move || session.with(|s| s.epochs.clone()).into_iter().map(|e| view! {
                    <tr><td>{e.epoch + 1}</td><td>{format!("{:.4}", e.test_loss)}</td><td>{format!("{:.2}%", e.test_accuracy * 100.0)}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

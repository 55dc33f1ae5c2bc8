//! "Networks you trained": every run trained to the end in this browser, side by side — which
//! network, its parameters, the data and epochs, the time per epoch and the test accuracy.

use crate::engine::nn::model::group_thousands;
use crate::engine::nn::models::ModelKind;
use crate::i18n::lab::*;
use crate::i18n::numbers::duration_in;
use crate::lab::client::runtime::Runner;
use crate::lab::compare::design_line;
use crate::lab::network::Network;
use crate::lang::{tr, use_lang};
use leptos::prelude::*;

#[component]
pub fn CompareRuns() -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Runner>().session;
    let rows = move || {
        let l = lang.get();
        session.with(|s| {
            s.results
                .iter()
                .rev()
                .map(|r| {
                    let name = match &r.network {
                        Network::Builtin(ModelKind::Seed) => MODEL_SEED.get(l).to_string(),
                        Network::Builtin(ModelKind::Lenet5) => MODEL_LENET.get(l).to_string(),
                        Network::Design(spec) => format!("{}: {}", COMPARE_DESIGN.get(l), design_line(spec)),
                    };
                    view! {
                        <tr>
                            <th scope="row">{name}</th>
                            <td>{group_thousands(r.params as u64)}</td>
                            <td>{format!("{} × {}", group_thousands(r.train_images as u64), r.epochs)}</td>
                            <td>{r.seconds_per_epoch.map_or("—".to_string(), |s| duration_in(s as f64, l))}</td>
                            <td>{format!("{:.2}%", r.test_accuracy * 100.0)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <Show when=move || session.with(|s| !s.results.is_empty())>
            <section class="compare" aria-labelledby="compare-title">
                <h2 id="compare-title">{tr(COMPARE_TITLE)}</h2>
                <p class="hint">{tr(COMPARE_INTRO)}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="compare-title">
                    <table class="epochs compare-table" id="compare-table">
                        <thead><tr>
                            <th scope="col">{tr(COMPARE_NETWORK)}</th>
                            <th scope="col">{tr(COMPARE_PARAMS)}</th>
                            <th scope="col">{tr(COMPARE_DATA)}</th>
                            <th scope="col">{tr(COMPARE_EPOCH_TIME)}</th>
                            <th scope="col">{tr(TEST_ACC_COL)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        </Show>
    }
}

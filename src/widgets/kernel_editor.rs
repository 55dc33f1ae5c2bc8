//! An editable 3×3 kernel: nine labelled number boxes (`NumberField`). A value it cannot use is
//! marked, explained under the kernel, and the cell keeps its last good value.

use super::NumberField;
use crate::i18n::kernels::CELL;
use crate::i18n::Text;
use crate::lang::use_lang;
use leptos::prelude::*;

/// Kernel values a learner may type: wide enough for any filter, narrow enough to stay readable.
const LIMIT: f64 = 1000.0;

#[component]
pub fn KernelEditor(id: &'static str, label: Text, values: RwSignal<Vec<f32>>) -> impl IntoView {
    let lang = use_lang();
    let message = RwSignal::new(None::<String>);
    let rows = (0..3)
        .map(|r| {
            let cells = (0..3)
                .map(|c| {
                    let name = Signal::derive(move || {
                        CELL.fill(
                            lang.get(),
                            &[
                                ("k", &label.get(lang.get())),
                                ("r", &(r + 1).to_string()),
                                ("c", &(c + 1).to_string()),
                            ],
                        )
                    });
                    let value = Signal::derive(move || values.with(|v| v[r * 3 + c]) as f64);
                    let set = Callback::new(move |v: f64| {
                        values.update(|vals| vals[r * 3 + c] = v as f32)
                    });
                    view! {
                        <td>
                            <NumberField id=format!("{id}-{r}-{c}") name=name value=value set=set
                                min=-LIMIT max=LIMIT message_to=message/>
                        </td>
                    }
                })
                .collect_view();
            view! { <tr>{cells}</tr> }
        })
        .collect_view();
    view! {
        <table class="kernel-editor" id=id>
            <caption>{move || label.get(lang.get())}</caption>
            <tbody>{rows}</tbody>
        </table>
        <p class="error-text grid-error" role="alert">{move || message.get()}</p>
    }
}

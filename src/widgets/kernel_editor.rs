//! An editable 3×3 kernel: nine labelled number inputs. A value that is not a number is marked
//! invalid and the cell keeps its last good value.

use crate::i18n::kernels::{BAD_VALUE, CELL};
use crate::i18n::Text;
use crate::lang::use_lang;
use leptos::prelude::*;

#[component]
pub fn KernelEditor(id: &'static str, label: Text, values: RwSignal<Vec<f32>>) -> impl IntoView {
    let lang = use_lang();
    let rows = (0..3)
        .map(|r| {
            let cells = (0..3)
                .map(|c| {
                    let bad = RwSignal::new(false);
                    view! {
                        <td>
                            <input type="number" step="any" id=format!("{id}-{r}-{c}")
                                aria-label=move || CELL.get(lang.get()).replace("{k}", label.get(lang.get())).replace("{r}", &(r + 1).to_string()).replace("{c}", &(c + 1).to_string())
                                aria-invalid=move || bad.get().to_string()
                                title=move || if bad.get() { BAD_VALUE.get(lang.get()) } else { "" }
                                prop:value=move || values.with(|v| v[r * 3 + c]).to_string()
                                on:change=move |ev| {
                                    match event_target_value(&ev).trim().parse::<f32>() {
                                        Ok(v) if v.is_finite() => {
                                            bad.set(false);
                                            values.update(|vals| vals[r * 3 + c] = v);
                                        }
                                        _ => bad.set(true),
                                    }
                                }/>
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
    }
}

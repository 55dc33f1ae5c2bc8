//! A grid of numbers with a caption (its accessible name): shown, pickable (a cell chooses which
//! sum to spell out) or toggled (the input's pixels switch between 0 and 1). Marked cells are the
//! ones the current step of the backward pass talks about.

use crate::i18n::backprop::CELL;
use crate::i18n::Text;
use crate::lang::use_lang;
use crate::widgets::format::number;
use leptos::prelude::*;

/// What pressing a cell does.
#[derive(Clone, Copy)]
pub enum Cells {
    Show,
    /// Choose the cell (its index goes here).
    Pick(RwSignal<usize>),
    /// Switch the value between 0 and 1.
    Toggle(RwSignal<Vec<f32>>),
}

#[component]
pub fn Grid(
    id: &'static str,
    caption: Text,
    rows: usize,
    cols: usize,
    #[prop(into)] values: Signal<Vec<f32>>,
    #[prop(into)] marked: Signal<Vec<usize>>,
    cells: Cells,
) -> impl IntoView {
    let lang = use_lang();
    let body = (0..rows)
        .map(|r| {
            let row = (0..cols)
                .map(|c| {
                    let i = r * cols + c;
                    let text = move || values.with(|v| v.get(i).map_or(String::new(), |&x| number(x)));
                    let name = move || {
                        CELL.fill(
                            lang.get(),
                            &[("g", &caption.get(lang.get())), ("r", &(r + 1)), ("c", &(c + 1)), ("v", &text())],
                        )
                    };
                    let is_marked = move || marked.with(|m| m.contains(&i));
                    let content = match cells {
                        Cells::Show => view! { <span>{text}</span> }.into_any(),
                        Cells::Pick(picked) => view! {
                            <button type="button" aria-label=name aria-pressed=move || (picked.get() == i).to_string()
                                on:click=move |_| picked.set(i)>{text}</button>
                        }
                        .into_any(),
                        Cells::Toggle(grid) => view! {
                            <button type="button" aria-label=name
                                on:click=move |_| grid.update(|v| v[i] = if v[i] > 0.5 { 0.0 } else { 1.0 })>{text}</button>
                        }
                        .into_any(),
                    };
                    view! { <td class:marked=is_marked>{content}</td> }
                })
                .collect_view();
            view! { <tr>{row}</tr> }
        })
        .collect_view();
    view! {
        <table class="bp-grid" id=id>
            <caption>{move || caption.get(lang.get())}</caption>
            <tbody>{body}</tbody>
        </table>
    }
}

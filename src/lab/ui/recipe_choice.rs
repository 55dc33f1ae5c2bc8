//! The training form's recipes: the one suggested for the network shown (chosen for it when the
//! model changes) and the article's, each one click away, with a sentence on each.

use crate::i18n::numbers::show;
use crate::i18n::recipes::*;
use crate::lab::client::form::TrainingForm;
use crate::lab::client::state::Lab;
use crate::lab::recipe::{optimizer_name, suggested, Recipe, ARTICLE};
use crate::lang::{tr, use_lang};
use leptos::prelude::*;

#[component]
pub fn RecipeChoice(#[prop(into)] busy: Signal<bool>) -> impl IntoView {
    let lang = use_lang();
    let lab = expect_context::<Lab>();
    let form = expect_context::<TrainingForm>();
    let recipe = move || lab.kind.with(suggested);
    let note = move || {
        let r = recipe();
        RECIPE_SUGGESTED_NOTE.fill(
            lang.get(),
            &[
                ("opt", &optimizer_name(r.optimizer)),
                ("lr", &show(r.learning_rate)),
                ("batch", &r.batch),
            ],
        )
    };
    let use_suggested = move |_| {
        let r = recipe();
        // The learner's epochs and images stay: how long to train is theirs to choose.
        form.apply(&Recipe { length: None, ..r });
    };
    view! {
        <div class="recipes">
            <div class="recipe-buttons">
                <button type="button" id="recipe-suggested" on:click=use_suggested disabled=move || busy.get()>{tr(SUGGESTED_RECIPE)}</button>
                <button type="button" id="recipe-article" on:click=move |_| form.apply(&ARTICLE) disabled=move || busy.get()>{tr(ARTICLE_RECIPE)}</button>
            </div>
            <p id="recipe-note" class="hint">{note}</p>
            <p class="hint">{tr(RECIPE_ARTICLE_NOTE)}</p>
        </div>
    }
}

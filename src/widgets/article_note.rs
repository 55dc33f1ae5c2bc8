//! "In the article": a boxed note where the app goes beyond or differs from the article it follows,
//! with the article's version and why the app does otherwise (texts in `i18n::article`).

use crate::i18n::article::TITLE;
use crate::i18n::Text;
use crate::lang::tr;
use leptos::prelude::*;

#[component]
pub fn ArticleNote(
    id: &'static str,
    text: Text,
    /// Code the article shows, printed as written.
    #[prop(optional)]
    code: Option<&'static str>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    view! {
        <div class="article-note" id=id role="note" aria-labelledby=labelled_by>
            <p class="article-note-title" id=title_id>{tr(TITLE)}</p>
            <p>{tr(text)}</p>
            {code.map(|c| view! { <pre class="article-code" tabindex="0"><code>{c}</code></pre> })}
        </div>
    }
}

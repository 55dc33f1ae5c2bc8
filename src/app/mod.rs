//! The app shell: language state, header, navigation and the routes to every section.

mod bench;
mod lang;
mod pages;
mod shell;
mod site;

pub use lang::{provide_lang, tr, use_lang};

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_lang();
    let base = crate::widgets::site_path::base_path();
    site::drop_trailing_slash(&base);
    view! {
        <Router base=base>
            <a class="skip-link" href="#main">{tr(crate::i18n::shell::SKIP_TO_CONTENT)}</a>
            <shell::Header/>
            <site::UpdateNotice/>
            <div class="layout">
                <shell::Nav/>
                <main id="main" tabindex="-1">
                    <Routes fallback=pages::NotFound>
                        <Route path=path!("/") view=pages::Home/>
                        <Route path=path!("/bench") view=bench::BenchPage/>
                        <Route path=path!("/:section") view=pages::SectionPage/>
                    </Routes>
                </main>
            </div>
            <shell::Footer/>
        </Router>
    }
}

//! The app shell, the top layer: header, navigation, and one route per section (the lessons and
//! the lab below it never import from here).

mod bench;
mod pages;
mod shell;
mod site;

use crate::i18n::sections::SectionId;
use crate::lab::{provide_lab, LabPage};
use crate::lang::{provide_lang, tr};
use crate::lessons::{
    BackpropLesson, ChannelsLesson, ClassifyLesson, Conv1dLesson, Conv2dLesson, DesignLesson,
    EncodingLesson, Lenet5Lesson, PoolingLesson,
};

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// One section's route target: its page (title) around its lesson.
fn section<V: IntoView + 'static>(
    id: SectionId,
    lesson: impl Fn() -> V + Send + Sync + 'static,
) -> impl IntoView {
    view! { <pages::SectionPage id=id>{lesson()}</pages::SectionPage> }
}

/// The skip link moves focus into the page's main content and stays on the page: its `#main`
/// resolves against the document's `<base href>` (the site's root), so followed as a link it would
/// leave the lesson and its settings for the start page.
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    use wasm_bindgen::JsCast;
    ev.prevent_default();
    let main = document()
        .get_element_by_id("main")
        .and_then(|m| m.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(main) = main {
        let _ = main.focus();
        main.scroll_into_view();
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_lang();
    // The lab's state and training run live as long as the app: a run goes on between lessons.
    provide_lab();
    let base = crate::widgets::site_path::base_path();
    site::drop_trailing_slash(&base);
    view! {
        <Router base=base>
            <a class="skip-link" href="#main" on:click=skip_to_main>{tr(crate::i18n::shell::SKIP_TO_CONTENT)}</a>
            <shell::Header/>
            <site::UpdateNotice/>
            <div class="layout">
                <shell::Nav/>
                <main id="main" tabindex="-1">
                    <Routes fallback=pages::NotFound>
                        <Route path=path!("/") view=pages::Home/>
                        <Route path=path!("/bench") view=bench::BenchPage/>
                        <Route path=path!("/conv1d") view=|| section(SectionId::Conv1d, || view! { <Conv1dLesson/> })/>
                        <Route path=path!("/encoding") view=|| section(SectionId::Encoding, || view! { <EncodingLesson/> })/>
                        <Route path=path!("/conv2d") view=|| section(SectionId::Conv2d, || view! { <Conv2dLesson/> })/>
                        <Route path=path!("/channels") view=|| section(SectionId::Channels, || view! { <ChannelsLesson/> })/>
                        <Route path=path!("/pooling") view=|| section(SectionId::Pooling, || view! { <PoolingLesson/> })/>
                        <Route path=path!("/lenet5") view=|| section(SectionId::Lenet5, || view! { <Lenet5Lesson/> })/>
                        <Route path=path!("/classify") view=|| section(SectionId::Classify, || view! { <ClassifyLesson/> })/>
                        <Route path=path!("/backprop") view=|| section(SectionId::Backprop, || view! { <BackpropLesson/> })/>
                        <Route path=path!("/design") view=|| section(SectionId::Design, || view! { <DesignLesson/> })/>
                        <Route path=path!("/lab") view=|| section(SectionId::Lab, || view! { <LabPage/> })/>
                    </Routes>
                </main>
            </div>
            <shell::Footer/>
        </Router>
    }
}

//! The learner's language: starts from the link's (`?lang=`), the saved choice or the browser's
//! language, is saved on every change, and keeps `<html lang>` in step so screen readers pronounce
//! the text right.

use crate::i18n::{Lang, Text};
use leptos::prelude::*;

const STORAGE_KEY: &str = "convlab.lang";

/// This browser's local storage, if it allows any (private browsing may not): the language choice
/// here, the lab's last model in `lab/client/runtime.rs`.
pub(crate) fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The language a link asks for (`?lang=zh`, `?lang=en`): a teacher's link opens in the class's
/// language whatever the browser's or an earlier visit's.
fn linked_lang() -> Option<Lang> {
    let search = window().location().search().ok()?;
    let code = web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get("lang")?;
    let code = code.trim().to_ascii_lowercase();
    // Only a language the app speaks: anything else leaves the choice as it was.
    (code.starts_with("zh") || code.starts_with("en")).then(|| Lang::from_code(&code))
}

fn initial_lang() -> Lang {
    if let Some(linked) = linked_lang() {
        return linked;
    }
    if let Some(saved) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
        return Lang::from_code(&saved);
    }
    Lang::from_code(&window().navigator().language().unwrap_or_default())
}

/// Create the language signal for the whole app.
pub fn provide_lang() {
    let lang = RwSignal::new(initial_lang());
    Effect::new(move |_| {
        let l = lang.get();
        if let Some(s) = storage() {
            // Private browsing may refuse storage; the choice then lasts for this visit only.
            let _ = s.set_item(STORAGE_KEY, l.code());
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", l.code());
        }
    });
    provide_context(lang);
}

pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// A reactive translation: renders `t` in the current language and follows every switch.
pub fn tr(t: Text) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || t.get(lang.get())
}

//! The lab's address in step with its settings (`lab::link`): a link's model, training form, test
//! image and inspected map come in when the page opens at it, and every change goes back into the address
//! (replacing the history entry), with the language, so the address is always a link to what the
//! learner sees.

use super::form::TrainingForm;
use super::runtime::Runner;
use crate::lab::link::{LabLink, LinkedModel};
use crate::lab::network::Network;
use crate::lab::status::{Source, Status};
use crate::lang::use_lang;
use crate::widgets::samples::sample_digits;
use crate::widgets::url_state::{query_param, set_query_options};
use crate::widgets::TestImage;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Take the address's settings (unless a run is going on: its settings stay). Values that cannot
/// be used are named in the status line.
pub fn follow_link() {
    let runner = expect_context::<Runner>();
    let form = expect_context::<TrainingForm>();
    let lab = runner.lab;
    let link = LabLink::read(query_param);
    if !link.refused.is_empty() {
        lab.status.set(Some(Status::BadLink(link.refused.clone())));
    }
    if runner.session.with_untracked(|s| s.busy()) {
        return;
    }
    let chosen = match link.model {
        Some(LinkedModel::Builtin(k)) => Some(Network::Builtin(k)),
        // The design itself travels as `design=` (taken before this).
        Some(LinkedModel::Design) => lab.design.get_untracked().map(Network::Design),
        None => None,
    };
    let changes_model = chosen
        .as_ref()
        .is_some_and(|n| lab.kind.with_untracked(|k| k != n));
    if let Some(n) = chosen.filter(|_| changes_model) {
        lab.kind.set(n);
    }
    if let Some(number) = link.test_image {
        spawn_local(async move {
            if let Ok(data) = sample_digits().await {
                let i = number - 1;
                lab.show.set(Some(TestImage {
                    pixels: data.images[i * 784..(i + 1) * 784].to_vec(),
                    truth: data.labels[i],
                    number,
                }));
            }
        });
    }
    if link.layer.is_some() || link.map.is_some() {
        let at = |n: Option<usize>| n.map_or(0, |n| n - 1);
        lab.inspect.set((at(link.layer), at(link.map)));
    }
    if link.sets_the_form() {
        form.link(link);
        // Weights about to load fill the form with their run's settings first; else now.
        let load_coming = changes_model
            || !lab.loading_started.get_value()
            || lab.source.get_untracked() == Source::Loading;
        if !load_coming {
            form.apply_link();
        }
    }
}

/// Write the lab's settings into its address whenever they change.
pub fn keep_link() {
    let runner = expect_context::<Runner>();
    let form = expect_context::<TrainingForm>();
    let lab = runner.lab;
    let lang = use_lang();
    Effect::new(move |_| {
        // The language too: a Chinese teacher's link opens in Chinese for every learner.
        let code = lang.get().code();
        // The inspector's choice only once the learner has made one (the first map of the first
        // layer is where it starts).
        let inspect = Some(lab.inspect.get()).filter(|&i| i != (0, 0));
        let (model, design) = lab
            .kind
            .with(|k| (k.key().to_string(), k.design().map(|d| d.to_json())));
        set_query_options(&[
            ("model", Some(model)),
            ("design", design),
            ("opt", Some(form.optimizer.get())),
            ("lr", Some(form.lr_text.get())),
            ("batch", Some(form.batch_text.get())),
            ("epochs", Some(form.epochs_text.get())),
            ("images", Some(form.train_images.get().to_string())),
            ("test", lab.shown_test.get().map(|n| n.to_string())),
            ("lang", Some(code.to_string())),
            ("layer", inspect.map(|(l, _)| (l + 1).to_string())),
            ("map", inspect.map(|(_, m)| (m + 1).to_string())),
        ]);
    });
}

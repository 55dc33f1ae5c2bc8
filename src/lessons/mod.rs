//! One module per lesson. `view_for` picks a section's lesson; a section whose lesson has not been
//! built shows the honest placeholder instead.

mod channels;
mod classify;
mod conv1d;
mod conv1d_plot;
mod conv2d;
mod encoding;
mod lenet5;
mod photo_filter;
mod pooling;

use crate::i18n::sections::Section;
use crate::widgets::NotReady;
use leptos::prelude::*;

pub fn view_for(section: &'static Section) -> AnyView {
    match section.slug {
        "conv1d" => view! { <conv1d::Conv1dLesson/> }.into_any(),
        "conv2d" => view! { <conv2d::Conv2dLesson/> }.into_any(),
        "encoding" => view! { <encoding::EncodingLesson/> }.into_any(),
        "pooling" => view! { <pooling::PoolingLesson/> }.into_any(),
        "channels" => view! { <channels::ChannelsLesson/> }.into_any(),
        "lenet5" => view! { <lenet5::Lenet5Lesson/> }.into_any(),
        "classify" => view! { <classify::ClassifyLesson/> }.into_any(),
        "lab" => view! { <crate::lab::LabPage/> }.into_any(),
        _ => view! { <NotReady section=section/> }.into_any(),
    }
}

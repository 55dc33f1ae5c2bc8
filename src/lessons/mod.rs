//! One module per lesson; the app's routes (`app/mod.rs`) show each lesson's component.

mod backprop;
mod channels;
mod classify;
mod conv1d;
mod conv1d_plot;
mod conv2d;
mod design;
mod design_layer;
mod encoding;
mod lenet5;
mod lenet5_maps;
mod photo_filter;
mod pooling;

pub use backprop::BackpropLesson;
pub use channels::ChannelsLesson;
pub use classify::ClassifyLesson;
pub use conv1d::Conv1dLesson;
pub use conv2d::Conv2dLesson;
pub use design::DesignLesson;
pub use encoding::EncodingLesson;
pub use lenet5::Lenet5Lesson;
pub use pooling::PoolingLesson;

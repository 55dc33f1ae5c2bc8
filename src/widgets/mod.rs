//! Reusable UI pieces shared by the lessons and the lab.

mod article_note;
mod chart_legend;
pub mod chart_style;
pub mod download;
mod drawing_pad;
pub mod fetch;
pub mod file_read;
pub mod format;
pub mod heatmap;
mod kernel_editor;
mod number_field;
pub mod pause;
pub mod photo;
pub mod receptive_field;
pub mod samples;
mod scale_legend;
pub mod shipped_model;
pub mod site_path;
mod slider;
mod stepper;
pub mod url_state;

pub use article_note::ArticleNote;
pub use chart_legend::{ChartLegend, Mark};
pub use drawing_pad::{DrawingPad, TestImage};
pub use kernel_editor::KernelEditor;
pub use number_field::NumberField;
pub use receptive_field::ReceptiveField;
pub use scale_legend::{Scale, ScaleLegend};
pub use slider::Slider;
pub use stepper::Stepper;

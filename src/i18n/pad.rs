//! Strings of the drawing pad (`widgets::DrawingPad`), shared by the lab and the LeNet-5 lesson.

use super::Text;

pub const PAD: Text = Text::new("Drawing pad", "手写板");
pub const PAD_HINT: Text = Text::new(
    "Draw with a mouse, pen or finger.",
    "用鼠标、手写笔或手指书写。",
);
pub const CLEAR: Text = Text::new("Clear", "清除");
pub const SAMPLE: Text = Text::new("Test image number", "测试集图片编号");
pub const SHOW_SAMPLE: Text = Text::new("Show test image", "显示测试图片");
/// The line under the pad for a test image: its number, then `SAMPLE_LABEL`.
pub const TEST_IMAGE_NUMBER: Text =
    Text::new("Test image {i} · {label}", "测试集图片 {i} · {label}");
pub const SAMPLE_LABEL: Text = Text::new("True label: {d}", "真实标签：{d}");

//! Strings shared by the lessons that filter the photo with 3×3 kernels.

use super::Text;

pub const CELL: Text = Text::new("{k}, row {r}, column {c}", "{k}，第 {r} 行，第 {c} 列");
pub const PRESETS: Text = Text::new("Kernel presets", "预设卷积核");
pub const IDENTITY: Text = Text::new("Identity", "恒等");
/// The Sobel kernels (−1 0 1 / −2 0 2 / −1 0 1 and its transpose), named as such: the 2D lesson's
/// own kernel (−1 0 1 on every row) is another one.
pub const EDGE_X: Text = Text::new("Sobel, edges in x", "Sobel 算子（x 方向边缘）");
pub const EDGE_Y: Text = Text::new("Sobel, edges in y", "Sobel 算子（y 方向边缘）");
pub const BLUR: Text = Text::new("Blur", "模糊");
pub const SHARPEN: Text = Text::new("Sharpen", "锐化");
pub const PHOTO_LOADING: Text = Text::new("Loading the photo…", "正在加载照片…");
pub const PHOTO_CREDIT: Text = Text::new(
    "Photo: astronaut Eileen Collins, NASA (public domain), from scikit-image's sample data; 128×128 pixels.",
    "照片：宇航员艾琳·柯林斯，NASA（公有领域），来自 scikit-image 的示例数据；128×128 像素。",
);
pub const RANGE: Text = Text::new("values {lo} to {hi}", "数值 {lo} 到 {hi}");

/// The label of preset `name` (see `engine::data::image::PRESETS`).
pub fn preset_label(name: &str) -> Text {
    match name {
        "edge-x" => EDGE_X,
        "edge-y" => EDGE_Y,
        "blur" => BLUR,
        "sharpen" => SHARPEN,
        _ => IDENTITY,
    }
}

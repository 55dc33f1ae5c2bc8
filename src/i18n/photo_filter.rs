//! Strings of the photo-filtering part of the 2D convolution lesson.

use super::Text;

pub const TITLE: Text = Text::new(
    "A real photo through a 3×3 kernel",
    "真实照片经过 3×3 卷积核",
);
pub const INTRO: Text = Text::new(
    "The same sliding multiply-and-add, on a 128×128 greyscale photo with padding 1 and stride 1, so the feature map is 128×128 too. Pick a preset or type your own nine numbers: an edge kernel answers where brightness changes, a blur averages neighbours, sharpen adds back the difference.",
    "同样的滑动相乘再相加，作用在一张 128×128 的灰度照片上，填充 1、步幅 1，所以特征图也是 128×128。选择一个预设或自己输入九个数：边缘卷积核在亮度变化处响应，模糊对邻近像素求平均，锐化则把差异加回来。",
);
pub const KERNEL: Text = Text::new("Kernel", "卷积核");
pub const INPUT: Text = Text::new("Input (greyscale)", "输入（灰度）");
pub const OUTPUT: Text = Text::new("Feature map", "特征图");

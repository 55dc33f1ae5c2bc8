//! Strings of the 2D convolution lesson.

use super::Text;

pub const INTRO: Text = Text::new(
    "A kernel (a small grid of weights) slides over the image. At each position it multiplies the numbers under it by its weights and adds the products: that sum is one pixel of the output, the feature map. Change the sizes below and watch how many positions fit.",
    "卷积核（一个小的权重网格）在图像上滑动。在每个位置，它把下面的数字与自己的权重相乘并把乘积相加：这个和就是输出（特征图）中的一个像素。改变下面的尺寸，看看能放下多少个位置。",
);
pub const SIZES_TITLE: Text = Text::new("How big is the output?", "输出有多大？");
pub const INPUT_HEIGHT: Text = Text::new("Input height", "输入高度");
pub const INPUT_WIDTH: Text = Text::new("Input width", "输入宽度");
pub const KERNEL_SIZE: Text = Text::new("Kernel size", "卷积核大小");
pub const STRIDE: Text = Text::new("Stride", "步幅");
pub const PADDING: Text = Text::new("Padding", "填充");
pub const DILATION: Text = Text::new("Dilation", "膨胀率");
pub const OUTPUT_SIZE: Text = Text::new("Output size", "输出尺寸");
pub const FORMULA_NOTE: Text = Text::new(
    "n_in: input size, p: padding on each side, f: kernel size, s: stride. With dilation d the kernel covers f′ = d·(f − 1) + 1 cells, and f′ replaces f.",
    "n_in：输入尺寸，p：每边的填充，f：卷积核大小，s：步幅。膨胀率为 d 时，卷积核覆盖 f′ = d·(f − 1) + 1 个格子，用 f′ 代替 f。",
);
pub const PRESETS: Text = Text::new("Examples from the text", "原文中的例子");
pub const PRESET_STRIDE1: Text = Text::new("7×7, 3×3 kernel, stride 1", "7×7，3×3 卷积核，步幅 1");
pub const PRESET_STRIDE2: Text = Text::new("7×7, 3×3 kernel, stride 2", "7×7，3×3 卷积核，步幅 2");
pub const PRESET_SAME: Text = Text::new("Keep the size: padding 1", "保持尺寸：填充 1");
pub const AXIS_HEIGHT: Text = Text::new("height", "高度");
pub const AXIS_WIDTH: Text = Text::new("width", "宽度");
pub const ERR_KERNEL_TOO_LARGE: Text = Text::new(
    "Impossible: the kernel covers {kernel} cells, but the padded input is only {padded} cells along the {axis}. Make the kernel smaller, or add padding.",
    "无法计算：卷积核覆盖 {kernel} 个格子，但填充后的输入在{axis}方向只有 {padded} 个格子。请减小卷积核或增加填充。",
);
pub const ERR_PADDING_TOO_LARGE: Text = Text::new(
    "Impossible: padding {padding} is not smaller than the kernel ({kernel}) along the {axis}, so some outputs would see nothing but padding zeros. Use less padding.",
    "无法计算：{axis}方向的填充 {padding} 不小于卷积核（{kernel}），有些输出将只看到填充的 0。请减少填充。",
);
pub const ERR_TOO_LARGE: Text = Text::new(
    "The sizes along the {axis} are too large to compute.",
    "{axis}方向的尺寸太大，无法计算。",
);
pub const ERR_ZERO: Text = Text::new(
    "Impossible: {what} must be at least 1.",
    "无法计算：{what}至少为 1。",
);
pub const STEP_TITLE: Text = Text::new("Slide the kernel", "滑动卷积核");
pub const PADDED_INPUT: Text = Text::new("Input (grey: zero padding)", "输入（灰色：零填充）");
pub const OUTPUT_MAP: Text = Text::new("Output feature map", "输出特征图");
pub const PRODUCTS: Text = Text::new(
    "Products under the kernel, and their sum",
    "卷积核下的乘积及其和",
);
pub const KERNEL: Text = Text::new(
    "Kernel (vertical edges: −1 on the left, +1 on the right; not the photo lessons' Sobel)",
    "卷积核（竖直边缘：左边 −1，右边 +1；不是照片课里的 Sobel 算子）",
);

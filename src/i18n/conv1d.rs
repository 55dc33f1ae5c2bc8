//! Strings of the 1D convolution lesson.

use super::Text;

pub const INTRO: Text = Text::new(
    "Convolution combines two sequences f and g into a third: (f*g)(n) = Σₘ f(m)·g(n−m). For each output position n: flip g, shift it by n, multiply it with f where they overlap, and add the products. Step through it below.",
    "卷积把两个序列 f 和 g 合成第三个序列：(f*g)(n) = Σₘ f(m)·g(n−m)。对每个输出位置 n：把 g 翻转，平移 n 格，在与 f 重叠处相乘，再把乘积相加。在下面逐步查看。",
);
pub const SEQUENCE_F: Text = Text::new("Sequence f", "序列 f");
pub const SEQUENCE_G: Text = Text::new("Sequence g (the kernel)", "序列 g（卷积核）");
pub const SEQUENCE_HINT: Text = Text::new(
    "1 to 12 numbers between −1,000,000 and 1,000,000, separated by commas, spaces or 、.",
    "1 到 12 个 −1,000,000 到 1,000,000 之间的数，用逗号、空格或顿号（、）分隔。",
);
pub const BAD_SEQUENCE: Text = Text::new(
    "“{text}” is not a list of 1 to 12 numbers; the last valid sequence is still used.",
    "“{text}”不是 1 到 12 个数字组成的列表；仍使用上一个有效的序列。",
);
pub const PRESETS: Text = Text::new("Presets", "预设");
pub const PRESET_BOX: Text = Text::new("Box ⊛ box", "方波 ⊛ 方波");
pub const PRESET_AVERAGE: Text = Text::new("Signal ⊛ moving average", "信号 ⊛ 移动平均");
pub const PRESET_IMPULSE: Text = Text::new("Impulse ⊛ kernel", "冲激 ⊛ 卷积核");
pub const ROW_M: Text = Text::new("m", "m");
pub const ROW_F: Text = Text::new("f(m)", "f(m)");
pub const ROW_G: Text = Text::new(
    "g(n−m): g flipped, shifted by n",
    "g(n−m)：g 翻转后再平移 n 格",
);
pub const ROW_PRODUCT: Text = Text::new("f(m)·g(n−m)", "f(m)·g(n−m)");
pub const TABLE_CAPTION: Text = Text::new(
    "Flip, shift, multiply at output position n = {n}",
    "在输出位置 n = {n} 处：翻转、平移、相乘",
);
pub const SUM_LABEL: Text = Text::new("Sum", "求和");
pub const OUTPUT_TITLE: Text = Text::new("The output f*g so far", "目前为止的输出 f*g");
pub const FILTER_NOTE: Text = Text::new(
    "Why it matters: with a kernel whose values add up to 1 (like the moving average), each output is a weighted average of nearby inputs. Noise is smoothed away but the overall shape of the signal stays: convolution is a filter. A CNN learns its kernels instead of being given them.",
    "为什么重要：如果卷积核的值之和为 1（比如移动平均），每个输出都是附近输入的加权平均。噪声被平滑掉，而信号的整体形状保留下来：卷积就是一种滤波。CNN 的卷积核是学出来的，而不是人为给定的。",
);
pub const SMOOTH_TITLE: Text = Text::new(
    "The continuous picture: convolution as a filter",
    "连续的图景：卷积就是滤波",
);
pub const SMOOTH_INTRO: Text = Text::new(
    "Here f is a slow wave with noise on it, sampled at 200 points, and g is a Gaussian bell. Each point of f*g is a weighted average of f around it, weighted by g: the noise averages out, the wave's shape stays. A wider bell smooths more but also flattens the peaks.",
    "这里 f 是叠加了噪声的慢波，采样 200 个点；g 是高斯钟形曲线。f*g 的每个点都是 f 在其附近以 g 为权重的加权平均：噪声被平均掉，波形得以保留。钟形越宽，平滑越强，但峰值也被压平。",
);
pub const SIGMA: Text = Text::new(
    "Width of the Gaussian (σ, in samples)",
    "高斯宽度（σ，以采样点计）",
);
pub const NOISE: Text = Text::new("Noise level (%)", "噪声强度（%）");
pub const PLOT_F: Text = Text::new("f: noisy signal", "f：带噪声的信号");
pub const PLOT_G: Text = Text::new(
    "g: Gaussian (scaled to be visible)",
    "g：高斯（放大以便观察）",
);
pub const PLOT_FG: Text = Text::new("f*g: smoothed", "f*g：平滑后");
pub const PLOT_NAME: Text = Text::new("f, g and f*g plotted together", "f、g 与 f*g 的曲线");
pub const SMOOTH_ERROR: Text = Text::new(
    "Root-mean-square distance from the clean wave: f {before}, f*g {after}.",
    "与无噪声波形的均方根距离：f 为 {before}，f*g 为 {after}。",
);

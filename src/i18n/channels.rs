//! Strings of the multi-channel convolution lesson.

use super::Text;

pub const INTRO: Text = Text::new(
    "A colour photo is three images stacked: red, green and blue, each a grid of 0–255 values. A convolution kernel for it is three 3×3 kernels stacked, one per channel. Each channel is convolved with its own kernel, the three feature maps are added, and a bias is added once: the result is one output map.",
    "彩色照片是三张叠在一起的图：红、绿、蓝，每张都是 0–255 的数字网格。对应的卷积核也是三个叠在一起的 3×3 卷积核，每个通道一个。每个通道用自己的卷积核做卷积，三张特征图相加，再加一次偏置：结果是一张输出特征图。",
);
pub const PHOTO: Text = Text::new("The photo", "照片");
pub const RED: Text = Text::new("Red channel", "红色通道");
pub const GREEN: Text = Text::new("Green channel", "绿色通道");
pub const BLUE: Text = Text::new("Blue channel", "蓝色通道");
pub const KERNEL_R: Text = Text::new("Kernel for red", "红色通道的卷积核");
pub const KERNEL_G: Text = Text::new("Kernel for green", "绿色通道的卷积核");
pub const KERNEL_B: Text = Text::new("Kernel for blue", "蓝色通道的卷积核");
pub const MAP_R: Text = Text::new("Red * its kernel", "红色通道与它的卷积核做卷积");
pub const MAP_G: Text = Text::new("Green * its kernel", "绿色通道与它的卷积核做卷积");
pub const MAP_B: Text = Text::new("Blue * its kernel", "蓝色通道与它的卷积核做卷积");
pub const BIAS: Text = Text::new("Bias", "偏置");
pub const OUTPUT: Text = Text::new("Output = sum + bias", "输出 = 和 + 偏置");
pub const ALL_CHANNELS: Text = Text::new(
    "Same kernel on all three channels",
    "三个通道使用同一卷积核",
);
pub const AT_CENTRE: Text = Text::new(
    "At the centre pixel (row 64, column 64): {r} + {g} + {b} + {bias} = {out}",
    "在中心像素（第 64 行，第 64 列）：{r} + {g} + {b} + {bias} = {out}",
);
pub const MANY_TITLE: Text = Text::new(
    "Several kernels, several output channels",
    "多个卷积核，多个输出通道",
);
pub const MANY_INTRO: Text = Text::new(
    "One 3×3×3 kernel gives one output map. Use two — edges in x on all three channels, and edges in y — and the layer outputs two channels: a 2-channel image of where vertical and horizontal edges are. A layer with N kernels outputs N channels; the next layer's kernels then have N slices each.",
    "一个 3×3×3 的卷积核得到一张输出图。用两个——三个通道都用 x 方向边缘，以及 y 方向边缘——这一层就输出两个通道：一张标出竖直和水平边缘位置的 2 通道图像。有 N 个卷积核的层输出 N 个通道；下一层的每个卷积核也就有 N 片。",
);
pub const MAP_X: Text = Text::new("Output channel 1: edges in x", "输出通道 1：x 方向边缘");
pub const MAP_Y: Text = Text::new("Output channel 2: edges in y", "输出通道 2：y 方向边缘");
pub const PARAMS_TWO: Text = Text::new(
    "Parameters of this layer (3 channels in, 2 out, 3×3): {formula}.",
    "这一层的参数（输入 3 通道，输出 2 通道，3×3）：{formula}。",
);
pub const SIX_TO_SIXTEEN: Text = Text::new(
    "LeNet-5's C3 turns 6 channels into 16 with 5×5 kernels. If every kernel read all 6 channels it would need {full}; its connection table lets each map read only 3, 4 or 6, so it needs {table}.",
    "LeNet-5 的 C3 用 5×5 卷积核把 6 个通道变成 16 个。如果每个卷积核都读取全部 6 个通道，需要 {full}；它的连接表让每张图只读 3、4 或 6 个通道，所以只需要 {table}。",
);

//! Strings of the image-encoding lesson.

use super::Text;

pub const INTRO: Text = Text::new(
    "To a computer an image is a grid of numbers. A greyscale pixel is one number from 0 (black) to 255 (white) — MNIST stores ink as bright on dark. The same digit is shown below at four resolutions: point at a pixel, or focus an image and use the arrow keys, to read its value.",
    "对计算机来说，图像就是一格一格的数字。灰度像素是 0（黑）到 255（白）之间的一个数——MNIST 把笔迹存成暗底上的亮色。下面用四种分辨率显示同一个数字：把指针移到某个像素上，或让图片获得焦点后用方向键移动，即可读出它的值。",
);
pub const DIGIT: Text = Text::new("Test image number", "测试集图片编号");
pub const LABEL: Text = Text::new("This is a {d}.", "这是数字 {d}。");
pub const AT_SIZE: Text = Text::new("{s}×{s} pixels = {n} values", "{s}×{s} 像素 = {n} 个数");
pub const IMAGE_NAME: Text = Text::new("The digit at {s}×{s} pixels", "{s}×{s} 像素的数字");
pub const READING: Text = Text::new("Row {r}, column {c}: {v}", "第 {r} 行，第 {c} 列：{v}");
pub const READING_HINT: Text = Text::new(
    "Point at a pixel or use the arrow keys",
    "指向一个像素或使用方向键",
);
pub const NUMBERS_OF: Text = Text::new("Show the numbers of", "显示数字网格");
pub const NUMBERS_TITLE: Text = Text::new(
    "The {s}×{s} image as the network receives it",
    "网络收到的 {s}×{s} 图像",
);
pub const COST_TITLE: Text = Text::new("What resolution costs", "分辨率的代价");
pub const COL_SIZE: Text = Text::new("Resolution", "分辨率");
pub const COL_VALUES: Text = Text::new("Values per image", "每张图的数字个数");
pub const COL_DATASET: Text = Text::new("Bytes for 60,000 images", "60,000 张图的字节数");
pub const COL_CONV: Text = Text::new(
    "Connections of a first Conv2D(30, 3×3)",
    "第一层 Conv2D(30, 3×3) 的连接数",
);
pub const COST_TEXT: Text = Text::new(
    "Doubling the side quadruples everything: values, storage, and the work of every convolution layer. At 8×8 the digit is 12 times cheaper than at 28×28 but its strokes blur into blobs; at 32×32 nothing new appears, it only costs 31% more. MNIST's 28×28 keeps each stroke a couple of pixels wide: enough detail, little waste.",
    "边长翻倍，一切都变成四倍：数字个数、存储空间，以及每个卷积层的计算量。8×8 的数字比 28×28 便宜 12 倍，但笔画糊成一团；32×32 没有带来新的细节，只是多花 31%。MNIST 的 28×28 让每道笔画约有两三个像素宽：细节足够，浪费很少。",
);

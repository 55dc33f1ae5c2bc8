//! Strings of the pooling lesson.

use super::Text;

pub const INTRO: Text = Text::new(
    "Pooling shrinks a feature map: a window slides over it and each position keeps one number. Average pooling keeps the mean of the window, max pooling keeps its largest value. Fewer numbers mean less computation and a little tolerance to small shifts; what is lost is the exact position of each feature.",
    "池化把特征图变小：一个窗口在图上滑动，每个位置只保留一个数。平均池化保留窗口的平均值，最大池化保留窗口中的最大值。数字变少意味着计算更少，并对小的平移有一定容忍；代价是丢失了每个特征的精确位置。",
);
pub const INPUT_TITLE: Text = Text::new("Input (edit any value)", "输入（可编辑任意数值）");
pub const CELL_LABEL: Text = Text::new("Row {r}, column {c}", "第 {r} 行，第 {c} 列");
pub const WINDOW: Text = Text::new("Window size", "窗口大小");
pub const STRIDE: Text = Text::new("Stride", "步幅");
pub const AVERAGE: Text = Text::new("Average pooling", "平均池化");
pub const MAX: Text = Text::new("Max pooling", "最大池化");
pub const READING: Text = Text::new("The highlighted window", "高亮的窗口");
pub const RESET: Text = Text::new("Reset to the example", "恢复示例");
pub const PHOTO_TITLE: Text = Text::new("Pooling a real feature map", "对真实特征图做池化");
pub const PHOTO_INTRO: Text = Text::new(
    "Below, the photo's edges-in-x feature map (a 3×3 edge kernel, then ReLU) is pooled with the window and stride set above. Max pooling keeps each window's strongest edge, so thin edges survive at a quarter of the size; average pooling spreads them over the window and dims them. With window 2 and stride 2, 128×128 = 16,384 numbers become 64×64 = 4,096.",
    "下面是照片的 x 方向边缘特征图（3×3 边缘卷积核，再经 ReLU），用上面设置的窗口和步幅做池化。最大池化保留每个窗口里最强的边缘，所以细边缘在缩小到四分之一后依然清楚；平均池化把它们摊到整个窗口，变暗了。窗口 2、步幅 2 时，128×128 = 16,384 个数变成 64×64 = 4,096 个。",
);
pub const PHOTO_EDGES: Text = Text::new("Edges in x (after ReLU)", "x 方向边缘（ReLU 之后）");
pub const OUTPUT_SIZE: Text = Text::new(
    "Output size per side: ⌊({n} − {k}) / {s}⌋ + 1 = {o}. The same formula takes MNIST's 28×28 maps to ⌊(28 − 2) / 2⌋ + 1 = 14 with window 2 and stride 2.",
    "每边的输出大小：⌊({n} − {k}) / {s}⌋ + 1 = {o}。窗口 2、步幅 2 时，同一个公式把 MNIST 的 28×28 特征图变成 ⌊(28 − 2) / 2⌋ + 1 = 14。",
);
pub const DROPPED: Text = Text::new(
    "The windows never reach the last {d} row(s) and column(s): {n} − {k} = {r} is not a multiple of the stride {s}, so those values are dropped unread. (Keras's padding='same' would pad instead.)",
    "窗口永远够不到最后 {d} 行和 {d} 列：{n} − {k} = {r} 不是步幅 {s} 的倍数，所以这些数值没被读取就丢掉了。（Keras 的 padding='same' 会改为补零。）",
);

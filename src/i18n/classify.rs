//! Strings of the "from features to classes" lesson.

use super::Text;

pub const INTRO: Text = Text::new(
    "A CNN has two halves. Convolution and pooling layers turn the image into feature maps: edges first, then strokes and shapes. Then the maps are flattened into one long list of numbers, and dense (fully connected) layers turn that list into one score per class; softmax makes the scores probabilities.",
    "CNN 分为两半。卷积层和池化层把图像变成特征图：先是边缘，再是笔画和形状。然后把特征图展平成一长串数字，再由全连接层把它变成每个类别的一个分数；softmax 把分数变成概率。",
);
pub const MODEL: Text = Text::new("Model", "模型");
pub const SEED: Text = Text::new("The source's Keras model", "原文的 Keras 模型");
pub const LENET: Text = Text::new("LeNet-5", "LeNet-5");
pub const FLATTEN_TITLE: Text = Text::new("Flatten: maps become a list", "展平：特征图变成一串数");
pub const FLATTEN: Text = Text::new(
    "The last feature maps are {shape}: {c} maps of {h}×{w} values. Flattening lines them up: {h}×{w}×{c} = {n} numbers, the input of the first dense layer.",
    "最后的特征图是 {shape}：{c} 张 {h}×{w} 的图。展平把它们排成一行：{h}×{w}×{c} = {n} 个数，作为第一个全连接层的输入。",
);
pub const LENET_FLATTEN: Text = Text::new(
    "In LeNet-5, S4 gives 16 maps of 5×5 = 400 values; C5's 5×5 kernels cover each map completely, so C5 already acts as the first dense layer and its 120 outputs of 1×1 are flattened to 120.",
    "在 LeNet-5 中，S4 输出 16 张 5×5 的图，共 400 个数；C5 的 5×5 卷积核正好覆盖整张图，所以 C5 实际上就是第一个全连接层，它的 120 个 1×1 输出展平后就是 120 个数。",
);
pub const SUMMARY_TITLE: Text = Text::new(
    "Model summary (computed by the engine, as Keras prints it)",
    "模型摘要（由引擎计算，格式同 Keras）",
);
pub const COL_LAYER: Text = Text::new("Layer (type)", "层（类型）");
pub const COL_SHAPE: Text = Text::new("Output shape", "输出形状");
pub const COL_PARAMS: Text = Text::new("Param #", "参数数量");
pub const COL_CONNECTIONS: Text = Text::new("Connections", "连接数");
pub const COL_FORMULA: Text = Text::new("How the parameters add up", "参数的算法");
pub const TOTAL: Text = Text::new("Total params", "参数总数");
pub const WHERE_TITLE: Text = Text::new("Where the parameters are", "参数都在哪里");
pub const WHERE: Text = Text::new(
    "{pct}% of this model's parameters sit in one dense layer ({name}): convolution shares each small kernel across the whole image, a dense layer does not. That is why CNNs put convolutions first and keep the dense part small.",
    "这个模型 {pct}% 的参数都在一个全连接层（{name}）里：卷积在整张图上共享一个小卷积核，全连接层则不共享。这就是 CNN 先用卷积、只保留较小全连接部分的原因。",
);
pub const TRADEOFFS_TITLE: Text = Text::new(
    "Choosing kernel size and pooling",
    "如何选择卷积核大小和池化",
);
pub const TRADEOFFS: [Text; 3] = [
    Text::new(
        "Small kernels (3×3) are cheap and, stacked, see as far as one large kernel: two 3×3 layers cover 5×5 with 18 weights instead of 25, and add a non-linearity in between.",
        "小卷积核（3×3）计算量小，叠加起来的视野与大卷积核相同：两层 3×3 覆盖 5×5，只用 18 个权重而不是 25 个，中间还多了一次非线性。",
    ),
    Text::new(
        "Large kernels see more context at once but cost more parameters and computation per layer.",
        "大卷积核一次能看到更大的范围，但每层的参数和计算更多。",
    ),
    Text::new(
        "Pooling halves each side and keeps the strongest (max) or the average response: less computation and some tolerance to small shifts, at the price of exact positions. Max pooling usually works better for detecting whether a feature is present.",
        "池化让每边减半，保留最强（最大池化）或平均的响应：计算更少，对小的平移更宽容，代价是丢失精确位置。判断某个特征是否出现时，最大池化通常效果更好。",
    ),
];
pub const TO_LAB: Text = Text::new(
    "See it work: draw a digit in the MNIST lab",
    "看它工作：到 MNIST 实验室写一个数字",
);
pub const LIVE_TITLE: Text = Text::new(
    "One digit from maps to probabilities",
    "一个数字：从特征图到概率",
);
pub const LIVE_INTRO: Text = Text::new(
    "Draw a digit or show a test image. The chosen model, with the weights shipped with the page, reads it, and each step below shows its real numbers for your digit: the last feature maps, the flat list they become, the dense layer's activations, the 10 scores and the probabilities softmax makes of them.",
    "写一个数字或显示一张测试图片。所选模型（使用随页面提供的权重）会读取它，下面每一步都显示它对你这个数字的真实数值：最后的特征图、展平后的一串数、全连接层的激活值、10 个分数，以及 softmax 由分数得到的概率。",
);
pub const LIVE_LOADING: Text = Text::new(
    "Loading the model's trained weights…",
    "正在加载模型训练好的权重…",
);
pub const LIVE_FAILED: Text = Text::new(
    "The trained weights could not be loaded ({why}), so the live numbers cannot be shown; the summary below does not need them.",
    "无法加载训练好的权重（{why}），因此不能显示实时数值；下面的模型摘要不需要它们。",
);
pub const LIVE_UNREADABLE: Text = Text::new(
    "the file that arrived is not this model's weights",
    "收到的文件不是这个模型的权重",
);
pub const LIVE_EMPTY: Text = Text::new(
    "Nothing drawn yet: draw a digit and every step below fills with its numbers.",
    "还没有书写：写一个数字，下面每一步都会填上它的数值。",
);
pub const LIVE_READS: Text = Text::new(
    "The model reads this as {d} ({p}% sure).",
    "模型认为这是 {d}（把握 {p}%）。",
);
pub const STEP_MAPS: Text = Text::new(
    "1. The last feature maps: {c} maps of {h}×{w}",
    "1. 最后的特征图：{c} 张 {h}×{w} 的图",
);
pub const STEP_FLAT: Text = Text::new(
    "2. Flattened: {n} numbers in one list (drawn {w} to a row)",
    "2. 展平：一串 {n} 个数（每行画 {w} 个）",
);
pub const POSITION: Text = Text::new("Position in the flat list", "在展平列表中的位置");
pub const FLAT_AT: Text = Text::new(
    "Number {i} of {n} is {v}: map {c}, row {r}, column {col} of the last feature maps.",
    "第 {i} 个数（共 {n} 个）是 {v}：来自最后特征图的第 {c} 张图、第 {r} 行、第 {col} 列。",
);
pub const STEP_HIDDEN: Text = Text::new(
    "3. Dense layer {name}: {n} activations, from {params} parameters",
    "3. 全连接层 {name}：{n} 个激活值，来自 {params} 个参数",
);
pub const HIDDEN_RELU: Text = Text::new(
    "{k} of the {n} are above 0; ReLU cut the other {z} to 0. The strongest is unit {top} ({v}).",
    "{n} 个中有 {k} 个大于 0；其余 {z} 个被 ReLU 截为 0。最强的是第 {top} 个单元（{v}）。",
);
pub const HIDDEN_TANH: Text = Text::new(
    "tanh keeps each of the {n} between −1 and 1; {k} of them are beyond ±0.5. The strongest is unit {top} ({v}).",
    "tanh 把 {n} 个值都限制在 −1 到 1 之间；其中 {k} 个的绝对值超过 0.5。最强的是第 {top} 个单元（{v}）。",
);
pub const STEP_SCORES: Text = Text::new(
    "4. Scores and softmax: the last dense layer ({params} parameters) gives one score per digit; softmax turns the scores into probabilities that add up to 1.",
    "4. 分数和 softmax：最后一个全连接层（{params} 个参数）为每个数字给出一个分数；softmax 把分数变成总和为 1 的概率。",
);
pub const COL_DIGIT: Text = Text::new("Digit", "数字");
pub const COL_SCORE: Text = Text::new("Score", "分数");
pub const COL_PROB: Text = Text::new("Probability", "概率");
pub const SCORES_CAPTION: Text =
    Text::new("The 10 scores and their probabilities", "10 个分数及其概率");

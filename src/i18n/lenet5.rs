//! Strings of the LeNet-5 lesson.

use super::Text;

pub const INTRO: Text = Text::new(
    "LeNet-5 (LeCun et al., 1998) read handwritten cheque digits in American banks. It alternates convolution layers (C), which detect features, with subsampling layers (S), which shrink the maps. Select a layer to see its shape, its parameters and its connections, with the arithmetic written out. All numbers are computed by ConvLab's engine from the network itself.",
    "LeNet-5（LeCun 等，1998）曾在美国银行识别支票上的手写数字。它交替使用卷积层（C）提取特征、下采样层（S）缩小特征图。选择一层即可看到它的形状、参数数量和连接数，并列出完整算式。所有数字都由 ConvLab 的引擎根据网络本身计算得出。",
);
pub const LAYERS: Text = Text::new(
    "Layers (arrow keys move the selection)",
    "各层（方向键切换选择）",
);
pub const INPUT: Text = Text::new("Input", "输入");
pub const OUTPUT_LAYER: Text = Text::new("Output", "输出");
pub const INPUT_NOTE: Text = Text::new(
    "A 28×28 MNIST digit padded with 2 zeros on each side to 32×32, as in the paper, so strokes near the edge still reach the centre of C1's 5×5 windows.",
    "28×28 的 MNIST 数字四周各补 2 个 0，成为 32×32（与论文一致），这样靠近边缘的笔画也能落在 C1 的 5×5 窗口中心。",
);
pub const SHAPE: Text = Text::new("Output shape", "输出形状");
pub const PARAMS: Text = Text::new("Trainable parameters", "可训练参数");
pub const CONNECTIONS: Text = Text::new("Connections", "连接数");
pub const NO_PARAMS: Text = Text::new("none", "无");
pub const TOTAL: Text = Text::new("Total trainable parameters: {n}", "可训练参数总数：{n}");
pub const EXPLAIN_C1: Text = Text::new(
    "6 feature maps, each from its own 5×5 kernel over the input plus a bias. Every output position is linked to 25 pixels and the bias, so connections = parameters × positions.",
    "6 张特征图，每张有自己的 5×5 卷积核和一个偏置。每个输出位置连到 25 个像素和偏置，所以连接数 = 参数数 × 位置数。",
);
pub const EXPLAIN_S2: Text = Text::new(
    "Trainable subsampling: each output adds up a 2×2 window, multiplies the sum by one learned coefficient, adds one learned bias, and passes the result through a sigmoid-like squashing function (tanh here). So each map has just 2 parameters. The source gives 580 connections for S2; the correct count is 6×(4+1)×14×14 = 5,880 — a digit was dropped.",
    "可训练的下采样：每个输出把 2×2 窗口求和，乘以一个学到的系数，再加一个学到的偏置，然后经过 S 形压缩函数（这里用 tanh）。所以每张图只有 2 个参数。原文给出 S2 的连接数为 580；正确值是 6×(4+1)×14×14 = 5,880——少写了一位数字。",
);
pub const EXPLAIN_C3: Text = Text::new(
    "16 maps, but not every map reads every S2 map: the table below (from the 1998 paper) links maps 0–5 to 3 contiguous inputs, 6–11 to 4 contiguous, 12–14 to 4 non-contiguous, and 15 to all 6. This breaks symmetry (maps learn different features) and saves parameters.",
    "16 张特征图，但并非每张都读取全部 S2 特征图：下表（来自 1998 年的论文）让 0–5 号图连接 3 个相邻输入，6–11 号连接 4 个相邻输入，12–14 号连接 4 个不相邻输入，15 号连接全部 6 个。这样打破了对称性（各图学到不同特征），也节省了参数。",
);
pub const EXPLAIN_S4: Text = Text::new(
    "Like S2, on C3's 16 maps: 2 parameters per map. The source gives 20,000 connections for S4; the correct count is 16×(4+1)×5×5 = 2,000 — one zero too many.",
    "与 S2 相同，作用在 C3 的 16 张图上：每张图 2 个参数。原文给出 S4 的连接数为 20,000；正确值是 16×(4+1)×5×5 = 2,000——多写了一个 0。",
);
pub const EXPLAIN_C5: Text = Text::new(
    "120 maps with 5×5 kernels over all 16 S4 maps. S4's maps are 5×5, so each output is 1×1: C5 acts like a fully connected layer.",
    "120 张图，每张的 5×5 卷积核覆盖全部 16 张 S4 图。S4 的图是 5×5，所以每个输出是 1×1：C5 实际上相当于全连接层。",
);
pub const EXPLAIN_F6: Text = Text::new(
    "84 units, each connected to all 120 C5 outputs plus a bias.",
    "84 个单元，每个连接全部 120 个 C5 输出和一个偏置。",
);
pub const EXPLAIN_OUT: Text = Text::new(
    "10 outputs, one per digit. The paper used radial basis function units; like every modern re-implementation ConvLab uses a dense layer with softmax, which gives probabilities.",
    "10 个输出，每个数字一个。论文使用径向基函数单元；与现代的各种复现一样，ConvLab 使用带 softmax 的全连接层，输出概率。",
);
pub const TABLE_TITLE: Text = Text::new(
    "C3's connection table: which S2 maps feed each C3 map",
    "C3 的连接表：每张 C3 图读取哪些 S2 图",
);
pub const TABLE_HINT: Text = Text::new(
    "Select a C3 map (a column) to see its inputs and its share of the parameters.",
    "选择一张 C3 图（一列）即可查看它的输入和它所占的参数。",
);
pub const C3_MAP: Text = Text::new("C3 map {m}", "C3 第 {m} 张图");
pub const S2_MAP: Text = Text::new("S2 map {m}", "S2 第 {m} 张图");
pub const MAP_READS: Text = Text::new(
    "C3 map {m} reads S2 maps {inputs}: {n}×5×5 weights + 1 bias = {p} parameters, and {c} connections over its 10×10 outputs.",
    "C3 第 {m} 张图读取 S2 第 {inputs} 张图：{n}×5×5 个权重 + 1 个偏置 = {p} 个参数，在 10×10 个输出上共 {c} 个连接。",
);
pub const LOOK_TITLE: Text = Text::new("Your digit inside LeNet-5", "你的数字在 LeNet-5 里面");
pub const LOOK_INTRO: Text = Text::new(
    "Draw a digit or show a test image: LeNet-5, trained by ConvLab on MNIST (weights shipped with the page), reads it, and every layer in the strip below shows its real outputs for your digit — C1's 6 maps, S2's 6, C3's 16, S4's 16, C5's 120 units, F6's 84 and the 10 outputs.",
    "写一个数字或显示一张测试图片：由 ConvLab 在 MNIST 上训练好的 LeNet-5（权重随页面提供）会读取它，下方每一层都显示它对你这个数字的真实输出——C1 的 6 张图、S2 的 6 张、C3 的 16 张、S4 的 16 张、C5 的 120 个单元、F6 的 84 个以及 10 个输出。",
);
pub const LOOK_LOADING: Text = Text::new("Loading LeNet-5's weights…", "正在加载 LeNet-5 的权重…");
pub const LOOK_FAILED: Text = Text::new(
    "LeNet-5's trained weights could not be loaded ({why}), so its feature maps cannot be shown; the layer facts below do not need them.",
    "无法加载 LeNet-5 训练好的权重（{why}），因此不能显示特征图；下面各层的说明不需要它们。",
);
pub const LOOK_UNREADABLE: Text = Text::new(
    "the file that arrived is not LeNet-5's weights",
    "收到的文件不是 LeNet-5 的权重",
);
pub const LOOK_EMPTY: Text = Text::new(
    "Nothing drawn yet: the strip shows each layer's maps once there is a digit.",
    "还没有书写：有了数字之后，各层会显示它们的特征图。",
);
pub const LOOK_READS: Text = Text::new(
    "LeNet-5 reads this as {d} ({p}% sure).",
    "LeNet-5 认为这是 {d}（把握 {p}%）。",
);
pub const LOOK_SCALE_IO: Text = Text::new("Input and output:", "输入和输出：");
pub const LOOK_SCALE_INSIDE: Text = Text::new("Inside (after tanh):", "中间各层（tanh 之后）：");

//! Strings of the lab's insight views: the test-set report (confusion matrix, misclassified
//! gallery), what the network looked at (saliency), and how training changed the kernels.

use super::Text;

pub const MISTAKES_TITLE: Text = Text::new("What the network gets wrong", "网络在哪里出错");
pub const MISTAKES_INTRO: Text = Text::new(
    "Run the weights in use over the 10,000 test images, which the network never trained on. The confusion matrix counts, for each true digit (a row), what the network answered (a column): the diagonal holds the right answers, every other cell a kind of mistake. During training it is refreshed after every epoch.",
    "用当前权重识别 10,000 张测试图片（网络训练时从没见过它们）。混淆矩阵对每个真实数字（行）统计网络给出的答案（列）：对角线是答对的，其余每一格是一种错误。训练时每轮结束后自动更新。",
);
pub const EVALUATE: Text = Text::new("Evaluate on test set", "在测试集上评估");
pub const EVALUATE_STOP: Text = Text::new("Stop evaluating", "停止评估");
pub const EVALUATE_BUSY: Text = Text::new(
    "Training is running: the report below is refreshed after every epoch.",
    "正在训练：下面的结果会在每轮结束后自动更新。",
);
pub const EVALUATE_DATA: Text = Text::new(
    "Downloading the MNIST data first…",
    "正在先下载 MNIST 数据…",
);
pub const EVALUATING: Text = Text::new(
    "Evaluating: {done} of {total} test images",
    "评估中：已完成 {done} / {total} 张测试图片",
);
pub const NO_REPORT: Text = Text::new(
    "No evaluation yet: press “Evaluate on test set”, or train a model.",
    "还没有评估结果：点“在测试集上评估”，或训练一个模型。",
);
pub const REPORT_OF_REQUEST: Text = Text::new(
    "{model}, weights in use: accuracy {acc}% on {n} test images, {wrong} mistakes.",
    "{model}，当前权重：在 {n} 张测试图片上准确率 {acc}%，错 {wrong} 张。",
);
pub const REPORT_OF_EPOCH: Text = Text::new(
    "{model}, after epoch {e}: accuracy {acc}% on {n} test images, {wrong} mistakes.",
    "{model}，第 {e} 轮之后：在 {n} 张测试图片上准确率 {acc}%，错 {wrong} 张。",
);
pub const CONFUSION: Text = Text::new("Confusion matrix", "混淆矩阵");
pub const CONFUSION_CORNER: Text = Text::new("true ↓ · predicted →", "真实 ↓ · 预测 →");
pub const LEGEND_RIGHT: Text = Text::new("right answers", "答对");
pub const LEGEND_WRONG: Text = Text::new(
    "mistakes (darker: more images; log scale)",
    "答错（颜色越深图片越多；对数刻度）",
);
pub const DIGIT_ACCURACY: Text = Text::new("accuracy", "准确率");
pub const CELL_PLAIN_LABEL: Text = Text::new(
    "True {t}, predicted {p}: {n} images.",
    "真实 {t}，预测 {p}：{n} 张。",
);
pub const CONFUSION_KEYS: Text = Text::new(
    "Tab moves into the matrix, the arrow keys move between its cells, and Enter shows a cell's mistakes below.",
    "按 Tab 进入矩阵，用方向键在格子之间移动，按 Enter 在下方显示该格的错误。",
);
pub const CELL_LABEL: Text = Text::new(
    "True {t}, predicted {p}: {n} images. Show them below.",
    "真实 {t}，预测 {p}：{n} 张。在下方显示。",
);
pub const MISCLASSIFIED: Text = Text::new("Misclassified", "识别错误的图片");
pub const FILTER_ALL: Text = Text::new(
    "All {shown} mistakes are kept. Choose a cell of the matrix to see one kind.",
    "全部 {shown} 个错误都保留了。在矩阵中选一格，只看这一种。",
);
/// More mistakes than are kept: how many, and why not all.
pub const FILTER_SOME: Text = Text::new(
    "{shown} of the {total} mistakes are kept: the first {cap} of each kind in test-set order, so that a weak network's thousands of mistakes do not all travel from the worker. Choose a cell of the matrix to see one kind.",
    "保留了 {total} 个错误中的 {shown} 个：每种按测试集顺序保留前 {cap} 个，免得较弱网络的成千上万个错误全部从后台线程传过来。在矩阵中选一格，只看这一种。",
);
pub const FILTER_SOME_FOCUS: Text = Text::new(
    "{shown} of the {total} mistakes are kept: every one of true {t}, predicted {p}, as asked, and the first {cap} of each other kind in test-set order. Choose a cell of the matrix to see one kind.",
    "保留了 {total} 个错误中的 {shown} 个：按你的要求保留了真实 {t}、预测 {p} 的全部错误，其余每种按测试集顺序保留前 {cap} 个。在矩阵中选一格，只看这一种。",
);
pub const KEEP_CELL: Text = Text::new(
    "Show all {n} (evaluates the test set again)",
    "显示全部 {n} 张（重新评估测试集）",
);
pub const FILTER_CELL: Text = Text::new(
    "True {t}, predicted {p}: all {n} shown.",
    "真实 {t}，预测 {p}：{n} 张全部显示。",
);
pub const FILTER_CELL_SOME: Text = Text::new(
    "True {t}, predicted {p}: {n} images; the first {shown} in test-set order are kept and shown.",
    "真实 {t}，预测 {p}：共 {n} 张；按测试集顺序保留并显示前 {shown} 张。",
);
pub const MISTAKE_PERCENT: Text = Text::new(
    "Each tile reads true → predicted · how sure the network was of its wrong answer (the softmax probability of the digit it chose).",
    "每张图下写着：真实 → 预测 · 网络对这个错误答案有多确定（它所选数字的 softmax 概率）。",
);
pub const SHOW_ALL: Text = Text::new("Show every kind", "显示所有种类");
pub const SHOW_MORE: Text = Text::new("Show more", "显示更多");
pub const MISTAKE_LABEL: Text = Text::new(
    "{t} → {p} · {c}%: test image {i}, true {t}, predicted {p}. Put it on the drawing pad.",
    "{t} → {p} · {c}%：测试图片 {i}，真实 {t}，预测 {p}。放到手写板上。",
);
pub const NO_MISTAKES: Text = Text::new("No mistakes of this kind.", "没有这种错误。");

pub const SALIENCY_TITLE: Text = Text::new("What the network looked at", "网络看的是哪里");
pub const SALIENCY_METHOD: Text = Text::new("Method", "方法");
pub const SALIENCY_GRADIENT: Text = Text::new("Gradient (fast)", "梯度（快）");
pub const SALIENCY_OCCLUSION: Text = Text::new("Occlusion (6×6 patches)", "遮挡（6×6 小块）");
pub const SALIENCY_GRADIENT_NOTE: Text = Text::new(
    "How the score of “{d}” would change if a pixel got brighter: one backward pass from that score down to the image (the same backpropagation that trains the network). Orange pixels speak for {d}, blue ones against it; the image itself shows through in darker shades.",
    "如果某个像素变亮，“{d}”的得分会怎样变化：从这个得分一直反向传播到图片（与训练网络用的是同一种反向传播）。橙色像素支持 {d}，蓝色像素反对它；较暗的部分是输入的图片本身。",
);
pub const SALIENCY_OCCLUSION_NOTE: Text = Text::new(
    "Cover a 6×6 patch with background, and see how much the probability of “{d}” drops; every pixel shows the mean drop of the patches covering it (144 predictions). Orange: without this part the network is less sure of {d}; blue: more sure. The image itself shows through in darker shades.",
    "用背景色盖住一个 6×6 的小块，看“{d}”的概率下降多少；每个像素显示盖住它的各小块的平均下降（共 144 次预测）。橙色：没有这部分网络对 {d} 更没把握；蓝色：更有把握。较暗的部分是输入的图片本身。",
);
pub const SALIENCY_NOTHING: Text = Text::new(
    "Draw a digit to see which pixels decided the answer.",
    "写一个数字，看看是哪些像素决定了答案。",
);
pub const SALIENCY_AGAINST: Text = Text::new("against {d}", "反对 {d}");
pub const SALIENCY_FOR: Text = Text::new("for {d}", "支持 {d}");

pub const KERNELS_CHANGE: Text = Text::new(
    "First layer's kernels: before this run and now",
    "第一层卷积核：本次训练前与现在",
);
pub const KERNELS_BEFORE: Text = Text::new("before", "训练前");
pub const KERNELS_NOW: Text = Text::new("now", "现在");
pub const KERNELS_CHANGE_NOTE: Text = Text::new(
    "Each kernel changed by {pct}% of its size on average since the run started.",
    "自本次训练开始，各卷积核平均变化了自身大小的 {pct}%。",
);
pub const STATUS_TEST_STOPPED: Text = Text::new(
    "Evaluation stopped; the last complete report is still shown.",
    "评估已停止；仍显示上一次完整的结果。",
);

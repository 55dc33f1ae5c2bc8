//! Strings of "How the network learns": back-propagation through one tiny network.

use super::Text;

pub const INTRO: Text = Text::new(
    "Training changes every weight a little in the direction that lowers the loss. Which direction that is, back-propagation works out: it runs the network forward, then hands the error back layer by layer, each layer using one simple rule. Below is a network small enough to see whole — a 6×6 input, one 3×3 kernel, ReLU, 2×2 max pooling and a dense layer to two classes, “vertical stroke” and “horizontal stroke” — with every number of its forward and backward pass, computed by the same layers the lab trains with.",
    "训练就是把每个权重朝着让损失变小的方向改一点点。这个方向由反向传播算出：先让网络前向计算一遍，再把误差一层一层往回传，每一层只用一条简单的规则。下面是一个小到可以整个看清的网络——6×6 的输入、一个 3×3 卷积核、ReLU、2×2 最大池化，再用全连接层分成两类：“竖笔画”和“横笔画”——前向和反向传播的每个数字都在这里，用的是实验室训练网络时的同一批网络层。",
);
pub const PRESETS: Text = Text::new("Input patterns", "输入图案");
pub const VERTICAL: Text = Text::new("Vertical stroke", "竖笔画");
pub const HORIZONTAL: Text = Text::new("Horizontal stroke", "横笔画");
pub const TARGET: Text = Text::new("Target class", "目标类别");
pub const CLASS_0: Text = Text::new("0: vertical stroke", "0：竖笔画");
pub const CLASS_1: Text = Text::new("1: horizontal stroke", "1：横笔画");
pub const INPUT: Text = Text::new("Input", "输入");
pub const INPUT_HINT: Text = Text::new(
    "Press a pixel of the input to switch it between 0 and 1.",
    "按输入中的像素，可在 0 和 1 之间切换。",
);
pub const KERNEL_GRID: Text = Text::new("Kernel", "卷积核");
pub const CONV_OUT: Text = Text::new("Convolution output", "卷积输出");
pub const AFTER_RELU: Text = Text::new("After ReLU", "ReLU 之后");
pub const POOLED: Text = Text::new("After max pooling", "最大池化之后");
pub const SCORES: Text = Text::new("Scores and probabilities", "得分和概率");
pub const CLASS: Text = Text::new("Class", "类别");
pub const SCORE: Text = Text::new("Score", "得分");
pub const PROBABILITY: Text = Text::new("Probability", "概率");
pub const SCORE_GRAD: Text = Text::new("p − y", "p − y");
pub const RELU_GRAD: Text = Text::new("ReLU output's gradient", "ReLU 输出的梯度");
pub const OUT_GRAD: Text = Text::new("Output gradient", "输出梯度");
pub const POOLED_GRAD: Text = Text::new("Pooled gradient", "池化层梯度");
pub const KERNEL_GRAD: Text = Text::new("Kernel gradient", "卷积核梯度");
pub const INPUT_GRAD: Text = Text::new("Input gradient", "输入梯度");
pub const NEW_KERNEL: Text = Text::new("Kernel after the step", "这一步之后的卷积核");
pub const CELL: Text = Text::new(
    "{g}, row {r}, column {c}: {v}",
    "{g}，第 {r} 行，第 {c} 列：{v}",
);
pub const FORWARD_TITLE: Text = Text::new("Forward pass", "前向传播");
pub const BACKWARD_TITLE: Text = Text::new("Backward pass, step by step", "反向传播，一步一步来");
pub const LOSS: Text = Text::new(
    "Loss: −ln p(class {t}) = −ln {p} = {l}",
    "损失：−ln p(类别 {t}) = −ln {p} = {l}",
);
pub const STEP_FORWARD: Text = Text::new(
    "Forward: the kernel slides over the input (plus the bias {b}), ReLU keeps the positive values, max pooling keeps each 2×2 window's largest, the dense layer turns the four numbers into two scores and softmax into probabilities. Press “Next” to send the error back.",
    "前向：卷积核在输入上滑动（再加偏置 {b}），ReLU 保留正值，最大池化保留每个 2×2 窗口里最大的数，全连接层把这四个数变成两个得分，softmax 再把得分变成概率。按“下一步”把误差传回去。",
);
pub const STEP_SCORES: Text = Text::new(
    "Softmax with cross-entropy has the simplest gradient of all: ∂L/∂score = p − y, the probability minus 1 for the target class and minus 0 for the other: {g}.",
    "softmax 加交叉熵的梯度最简单：∂L/∂得分 = p − y，即目标类别的概率减 1，另一类减 0：{g}。",
);
pub const STEP_DENSE: Text = Text::new(
    "Dense layer: a weight's gradient is its input times its class's error, ∂L/∂W[c, i] = x[i]·(p − y)[c]; each input's gradient is the errors sent back through its weights, Σc W[c, i]·(p − y)[c] — the pooled gradient.",
    "全连接层：一个权重的梯度等于它的输入乘以它所属类别的误差，∂L/∂W[c, i] = x[i]·(p − y)[c]；每个输入的梯度是误差沿着它的权重传回来的总和 Σc W[c, i]·(p − y)[c]——也就是池化层梯度。",
);
pub const DENSE_GRAD: Text = Text::new("Dense weights' gradient", "全连接层权重的梯度");
pub const STEP_POOL: Text = Text::new(
    "Max pooling sends each gradient only to the cell that won its window (marked); the other three cells had no effect on the output, so their gradient is 0.",
    "最大池化只把梯度传给每个窗口中胜出的那个格子（已标出）；另外三个格子对输出没有影响，它们的梯度是 0。",
);
pub const STEP_RELU: Text = Text::new(
    "ReLU passes the gradient where the convolution output was positive (marked) and blocks it where it was 0 or below. What comes out is the output gradient, ∂L/∂out.",
    "ReLU 在卷积输出为正的地方（已标出）让梯度通过，在 0 或负数的地方把它挡住。得到的就是输出梯度 ∂L/∂out。",
);
pub const STEP_KERNEL: Text = Text::new(
    "The kernel's gradient is the 2D lesson's window sweep again, now multiplying the input by the output gradient: ∂L/∂K[i, j] = Σ input[y + i, x + j] · ∂L/∂out[y, x]. Press a cell of the kernel gradient to see its sum; the input pixels it reads are marked.",
    "卷积核的梯度又是二维卷积那一节的窗口滑动，只是这次把输入和输出梯度相乘：∂L/∂K[i, j] = Σ 输入[y + i, x + j] · ∂L/∂out[y, x]。按卷积核梯度中的一个格子，可看到它的求和；它读到的输入像素已标出。",
);
pub const STEP_INPUT: Text = Text::new(
    "The input's gradient is a full convolution of the output gradient with the kernel turned 180° — the flip of the 1D lesson: ∂L/∂input[r, c] = Σ ∂L/∂out[y, x] · K[r − y, c − x]. It says which pixels would change the loss most; in a deeper network it is what the layer below receives. Press a cell of the input gradient to see its sum.",
    "输入的梯度是输出梯度与旋转 180° 的卷积核做的完整卷积——正是一维那一节里的翻转：∂L/∂输入[r, c] = Σ ∂L/∂out[y, x] · K[r − y, c − x]。它说明哪些像素对损失影响最大；在更深的网络里，这就是下一层收到的梯度。按输入梯度中的一个格子，可看到它的求和。",
);
pub const STEP_UPDATE: Text = Text::new(
    "Update: every weight moves against its gradient, K ← K − η·∂L/∂K with η = {lr}. On this input the loss goes from {a} to {b}.",
    "更新：每个权重都朝梯度的反方向移动，K ← K − η·∂L/∂K，其中 η = {lr}。在这个输入上，损失从 {a} 变为 {b}。",
);
pub const INPUT_SYMBOL: Text = Text::new("input", "输入");
pub const SUM_OF: Text = Text::new("{name} = {terms} = {sum}", "{name} = {terms} = {sum}");
pub const LEARNING_RATE: Text = Text::new("Learning rate η", "学习率 η");
pub const TAKE_STEP: Text = Text::new("Take this step", "走这一步");
pub const TRAIN_TITLE: Text = Text::new("Train 20 steps", "训练 20 步");
pub const TRAIN_INTRO: Text = Text::new(
    "Training repeats forward, backward and update. Here it trains on two examples at once — the input above with its target, and the other class's stroke — so the one kernel has to serve both.",
    "训练就是不断重复前向、反向和更新。这里一次在两个样本上训练——上面的输入和它的目标类别，加上另一类的笔画——所以这一个卷积核要同时照顾两者。",
);
pub const TRAIN: Text = Text::new("Train 20 steps", "训练 20 步");
pub const RESET: Text = Text::new("Reset the weights", "重置权重");
pub const CURVE: Text = Text::new(
    "Loss over 20 steps, from {a} to {b}",
    "20 步中的损失，从 {a} 到 {b}",
);
pub const LOWERED: Text = Text::new(
    "The loss fell from {a} to {b} in 20 steps: the kernel and the dense weights shown above are the trained ones now.",
    "20 步里损失从 {a} 降到 {b}：上面显示的卷积核和全连接层权重现在是训练后的。",
);
pub const ROSE: Text = Text::new(
    "The loss rose from {a} to {b} (its highest: {m}): with η = {lr} each step overshoots the low point it aims at and lands where the slope is steeper, so the next step overshoots further. Reset the weights and try a smaller η, such as 0.5.",
    "损失从 {a} 升到 {b}（最高 {m}）：η = {lr} 时，每一步都越过了它要去的低点，落到更陡的地方，下一步又冲得更远。请重置权重，试一个更小的 η，例如 0.5。",
);
pub const DEAD: Text = Text::new(
    "Training stopped learning at a loss of {b} (its highest: {m}): a step of η = {lr} pushed the kernel so far that every convolution output is now 0 or below for both examples, so ReLU passes no gradient back and the kernel cannot move any more (a “dead” ReLU). Reset the weights and try a smaller η, such as 0.5.",
    "训练在损失 {b} 处停止了学习（最高 {m}）：η = {lr} 的一步把卷积核推得太远，现在两个样本的卷积输出全都小于等于 0，ReLU 传不回任何梯度，卷积核再也动不了（ReLU “死了”）。请重置权重，试一个更小的 η，例如 0.5。",
);
pub const ARTICLE: Text = Text::new(
    "The article closes its network part with one sentence: “对于卷积神经网络的优化仍然采用前向传递与反向传播的方法进行优化” — a CNN is still optimised by forward passes and back-propagation. This page works that sentence out on one tiny network; the lab's training does exactly this for 1.5 million weights, with batches of 128 images, many times a second.",
    "原文在讲完网络之后只用一句话收尾：“对于卷积神经网络的优化仍然采用前向传递与反向传播的方法进行优化”。这一页在一个很小的网络上把这句话完整演算出来；实验室的训练对 150 万个权重做的正是同样的事，每批 128 张图片，每秒很多次。",
);

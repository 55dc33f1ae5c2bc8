//! The lab's hints (`lab::guidance`): a recipe too short to learn much, a drawing unlike MNIST.

use super::Text;

pub const TOO_SHORT: Text = Text::new(
    "Only {steps} training steps at a learning rate of {lr}: the weights can move only a little, so expect a low accuracy. The source's recipe takes 4,690 steps (60,000 images, 10 epochs). Raise the learning rate (Adam at 0.001 suits every network here) or train more epochs.",
    "学习率 {lr} 下只有 {steps} 步训练：权重只能移动一点点，准确率会偏低。原文的配方有 4,690 步（60,000 张图片、10 轮）。请调大学习率（学习率 0.001 的 Adam 适合这里的每个网络）或多训练几轮。",
);
pub const LITTLE_INK: Text = Text::new(
    "The network always answers with one of the ten digits, even for a drawing that is not one. This one has very little ink, unlike any MNIST digit, so the answer means little.",
    "网络总是从十个数字里选一个作答，即使画的不是数字。这幅画的笔画很少，不像任何 MNIST 数字，所以这个回答没有什么意义。",
);
pub const BLOB: Text = Text::new(
    "The network always answers with one of the ten digits, even for a drawing that is not one. This drawing was scaled up to a solid blob, inkier than any pen-drawn digit, so the answer means little.",
    "网络总是从十个数字里选一个作答，即使画的不是数字。这幅画被放大成一团实心的墨迹，比任何手写数字都浓，所以这个回答没有什么意义。",
);
pub const UNSURE: Text = Text::new(
    "The network always answers with one of the ten digits, even for a drawing that is not one. Here no digit stands out (the best has only {p}%): it is guessing.",
    "网络总是从十个数字里选一个作答，即使画的不是数字。这里没有哪个数字明显胜出（最高的也只有 {p}%）：它在猜。",
);
pub const FAR: Text = Text::new(
    "The network always answers with one of the ten digits, even for a drawing that is not one: its softmax shares 100% among the ten classes it was trained on and has no way to say \"none of these\". As this network sees it, the drawing is further from MNIST's digits (distance {d}) than {share} in 100 of MNIST's own digits are (up to {t}), so the {p}% means little.",
    "网络总是从十个数字里选一个作答，即使画的不是数字：它的 softmax 把 100% 分给训练时的十个类别，没有办法回答“都不是”。在这个网络看来，这幅画离 MNIST 的数字（距离 {d}）比 {share}% 的 MNIST 数字本身都远（最多 {t}），所以这个 {p}% 没有什么意义。",
);

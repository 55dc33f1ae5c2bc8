//! The lab's recipes (suggested per network, the article's one click away) and what it says about a
//! run that did not learn.

use super::Text;

pub const SUGGESTED_RECIPE: Text = Text::new("Suggested recipe", "建议的配方");
pub const ARTICLE_RECIPE: Text = Text::new("The article's recipe", "原文的配方");
pub const RECIPE_SUGGESTED_NOTE: Text = Text::new(
    "Suggested for this network: {opt}, learning rate {lr}, batch {batch}.",
    "这个网络建议用：{opt}，学习率 {lr}，批大小 {batch}。",
);
pub const RECIPE_ARTICLE_NOTE: Text = Text::new(
    "The article trains with RMSprop at 0.0001, batch 128, 10 epochs of all 60,000 images: 4,690 small steps, enough for its own model (98.7–98.8% after the 10 epochs), but on less data or in fewer epochs those small steps leave a network far behind (LeNet-5 reaches 76% on 10,000 images × 2 epochs, 92% with Adam at 0.001).",
    "原文用 RMSprop、学习率 0.0001、批大小 128，在全部 60,000 张图片上训练 10 轮：4,690 个小步，对原文自己的模型足够（10 轮后 98.7%–98.8%）；但数据少或轮数少时，这些小步让网络远远落后（LeNet-5 在 10,000 张 × 2 轮上只到 76%，改用学习率 0.001 的 Adam 则到 92%）。",
);

pub const NOT_LEARNED_CHANCE: Text = Text::new(
    "Training did not learn: test accuracy {acc}%, about what guessing among {n} classes gives ({chance}%).",
    "训练没有学会：测试准确率 {acc}%，和在 {n} 个类别中随便猜差不多（{chance}%）。",
);
pub const NOT_LEARNED_ROSE: Text = Text::new(
    "Training did not learn: the loss ended at {last}, above the {first} it started at.",
    "训练没有学会：损失最后是 {last}，比开始时的 {first} 还高。",
);
pub const CAUSE_TOO_LARGE: Text = Text::new(
    "The learning rate {lr} is likely too large for {opt}: each step overshoots.",
    "对 {opt} 来说，学习率 {lr} 很可能太大：每一步都走过头。",
);
pub const CAUSE_TOO_SMALL: Text = Text::new(
    "The learning rate {lr} is likely too small for {opt}: its steps barely move the weights.",
    "对 {opt} 来说，学习率 {lr} 很可能太小：每一步几乎不改变权重。",
);
pub const CAUSE_OPTIMIZER: Text = Text::new(
    "{opt} at learning rate {lr} did not suit this network; Adam at 0.001 usually does.",
    "学习率为 {lr} 的 {opt} 不适合这个网络；学习率 0.001 的 Adam 通常可以。",
);
pub const KEPT_BEFORE: Text = Text::new(
    "The weights from before the run are kept, in use and saved; “Use this run's weights” takes the new ones instead.",
    "已保留训练前的权重（正在使用并已保存）；点“改用这次的权重”则换成这次训练得到的。",
);
pub const KEPT_LAST_GOOD: Text = Text::new(
    "The last good weights are kept; try a learning rate 10× smaller.",
    "已保留最后一组正常的权重；请把学习率调小 10 倍再试。",
);
pub const KEPT_REACHED: Text = Text::new(
    "The weights it reached are in use.",
    "这次训练得到的权重正在使用。",
);
pub const STATUS_RUN_KEPT: Text = Text::new(
    "This run's weights are in use and saved in this browser.",
    "这次训练的权重正在使用，并已保存在本浏览器中。",
);
pub const USE_RUN_WEIGHTS: Text = Text::new("Use this run's weights", "改用这次的权重");
pub const TRAIN_AGAIN_WITH: Text = Text::new(
    "Train again: {opt}, learning rate {lr}",
    "重新训练：{opt}，学习率 {lr}",
);

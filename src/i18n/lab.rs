//! Strings of the MNIST lab.

use super::Text;

pub const INTRO: Text = Text::new(
    "Draw a digit from 0 to 9. The network sees it the way MNIST images were made: cropped, scaled to fit 20×20, centred by its centre of mass in 28×28. Every layer's output is drawn below. Then train the network yourself: training runs in a background worker, so the page keeps answering while it learns.",
    "画一个 0 到 9 的数字。网络看到的图像按 MNIST 的做法处理：裁剪、缩放到 20×20 以内、按质心居中放入 28×28。下面画出每一层的输出。然后亲手训练这个网络：训练在后台线程（Web Worker）中运行，学习期间页面始终可以操作。",
);
pub const NETWORK_INPUT: Text =
    Text::new("What the network sees (28×28)", "网络看到的输入（28×28）");
pub const PREDICTION: Text = Text::new("Prediction", "预测");
pub const NOTHING_DRAWN: Text = Text::new(
    "Draw a digit or pick a test image.",
    "请书写一个数字或选择一张测试图片。",
);
pub const PREDICTED: Text = Text::new(
    "{d} ({p}% sure, {ms} ms)",
    "{d}（置信度 {p}%，用时 {ms} 毫秒）",
);
pub const PROBABILITIES: Text = Text::new("Probability of each digit", "各数字的概率");
pub const WEIGHTS_LOADING: Text = Text::new("Loading the network's weights…", "正在加载网络权重…");
pub const WEIGHTS_FROM: Text = Text::new("Weights in use", "当前权重");
pub const FROM_PRETRAINED: Text = Text::new(
    "pretrained (shipped with ConvLab)",
    "预训练（ConvLab 自带）",
);
pub const FROM_TRAINED: Text = Text::new("trained here", "在此训练");
pub const FROM_TRAINING: Text = Text::new("being trained now", "正在训练");
pub const FROM_IMPORTED: Text = Text::new("imported from a file", "从文件导入");
pub const FROM_RANDOM: Text = Text::new("random (untrained)", "随机（未训练）");

pub const MAPS_TITLE: Text = Text::new("Inside the network", "网络内部");
pub const MAPS_INTRO: Text = Text::new(
    "Each small square is one feature map (bright = large activation). Dense layers are shown as rows of bars. Select a map to enlarge it with its values.",
    "每个小方块是一张特征图（越亮激活越大）。全连接层显示为一排条形。选择一张特征图即可放大并查看数值。",
);
pub const KERNELS: Text = Text::new("First layer's learned kernels", "第一层学到的卷积核");
/// In place of the map inspector until there is something to inspect.
pub const MAPS_EMPTY: Text = Text::new(
    "Draw a digit or show a test image above: every layer's maps appear here, and you can enlarge any of them.",
    "在上方画一个数字或显示一张测试图片：这里会出现每一层的特征图，并可放大任意一张。",
);
pub const INSPECT_LAYER: Text = Text::new("Layer", "层");
pub const INSPECT_MAP: Text = Text::new("Map", "特征图");
pub const MAP_CAPTION: Text = Text::new(
    "{layer}, map {m} of {n}: {h}×{w}, values {lo} to {hi}",
    "{layer}，第 {m} / {n} 张：{h}×{w}，数值 {lo} 到 {hi}",
);

pub const TRAIN_TITLE: Text = Text::new("Train it yourself", "亲手训练");
pub const TRAIN_INTRO: Text = Text::new(
    "Each network starts with its suggested recipe: for the source's own model that is the source's (RMSprop, learning rate 0.0001, batch 128, 10 epochs on all 60,000 training images), for LeNet-5 and your designs Adam at 0.001. Fewer images or LeNet-5 finish much sooner. The weights are saved in this browser after every epoch; a run that learns nothing gives the earlier ones back.",
    "每个网络开始时用它的建议配方：原文自己的模型用原文的配方（RMSprop、学习率 0.0001、批大小 128、在全部 60,000 张训练图片上训练 10 轮），LeNet-5 和你设计的网络用学习率 0.001 的 Adam。减少图片数量或使用 LeNet-5 会快得多。每轮结束后权重都保存在本浏览器中；一次什么也没学会的训练会把之前的权重还回来。",
);
pub const MODEL: Text = Text::new("Model", "模型");
pub const MODEL_SEED: Text = Text::new(
    "The source's CNN (1,492,070 parameters)",
    "原文的 CNN（1,492,070 个参数）",
);
pub const MODEL_DESIGN: Text = Text::new("Your design ({n} parameters)", "你的设计（{n} 个参数）");
pub const COMPARE_TITLE: Text = Text::new("Networks you trained", "你训练过的网络");
pub const COMPARE_INTRO: Text = Text::new(
    "Every run trained to the end in this browser, newest first: what more parameters, more data or more epochs bought.",
    "在本浏览器中训练完成的每一次，最新的在前：看看更多参数、更多数据或更多轮数换来了什么。",
);
pub const COMPARE_DESIGN: Text = Text::new("Your design", "你的设计");
pub const COMPARE_NETWORK: Text = Text::new("Network", "网络");
pub const COMPARE_PARAMS: Text = Text::new("Parameters", "参数数量");
pub const COMPARE_DATA: Text = Text::new("Images × epochs", "图片数 × 轮数");
pub const COMPARE_EPOCH_TIME: Text = Text::new("Time per epoch", "每轮用时");
pub const MODEL_LENET: Text = Text::new("LeNet-5 (60,850 parameters)", "LeNet-5（60,850 个参数）");
pub const OPTIMIZER: Text = Text::new("Optimizer", "优化器");
pub const LEARNING_RATE: Text = Text::new("Learning rate", "学习率");
pub const BATCH_SIZE: Text = Text::new("Batch size", "批大小");
pub const EPOCHS: Text = Text::new("Epochs", "训练轮数");
pub const SEED: Text = Text::new("Random seed", "随机种子");
pub const TRAIN_IMAGES: Text = Text::new("Training images", "训练图片数");
pub const START_FROM: Text = Text::new("Start from", "起点");
pub const START_SCRATCH: Text = Text::new("random weights (from scratch)", "随机权重（从头训练）");
pub const START_CURRENT: Text = Text::new("the weights in use", "当前使用的权重");
pub const TRAIN: Text = Text::new("Train", "训练");
pub const PAUSE: Text = Text::new("Pause", "暂停");
pub const RESUME: Text = Text::new("Resume", "继续");
pub const STOP: Text = Text::new("Stop", "停止");
pub const RESET: Text = Text::new("Reset weights", "重置权重");
pub const EXPORT: Text = Text::new("Export", "导出");
pub const IMPORT: Text = Text::new("Import", "导入");
pub const LOADING_DATA: Text = Text::new("Loading data", "加载数据");
pub const TRAINING_PROGRESS: Text = Text::new("Training progress", "训练进度");
pub const PROGRESS_TEXT: Text = Text::new(
    "Epoch {e} of {E}, batch {b} of {B} · {sps} images/s · about {left} left",
    "第 {e}/{E} 轮，第 {b}/{B} 批 · 每秒 {sps} 张 · 约剩 {left}",
);
pub const PROGRESS_IDLE: Text = Text::new(
    "Reached epoch {e} of {E}, batch {b} of {B} · not training now",
    "到达第 {e}/{E} 轮，第 {b}/{B} 批 · 当前未在训练",
);
pub const TEAM_ONE: Text = Text::new("Trains in 1 Web Worker", "在 1 个 Web Worker 中训练");
pub const TEAM_MANY: Text = Text::new(
    "Trains in {n} Web Workers, each on a part of every batch sized to its speed",
    "在 {n} 个 Web Worker 中训练，每个按自己的速度处理每批的一部分",
);
/// After `TEAM_MANY` while a team trains: how the last batch was divided, e.g. "70 + 58".
pub const TEAM_PARTS: Text = Text::new(" (last batch: {parts} images)", "（上一批：{parts} 张）");
/// Beside Train while another tab of the lab trains a network (`lab::tabs`).
pub const OTHER_TAB: Text = Text::new(
    "Another tab is training {model} — its progress: {pct}%.",
    "另一个标签页正在训练 {model}，进度 {pct}%。",
);
pub const OTHER_TAB_STARTING: Text = Text::new(
    "Another tab is training {model}.",
    "另一个标签页正在训练 {model}。",
);
/// After `OTHER_TAB` when it is the model chosen here: why Train waits.
pub const OTHER_TAB_WAIT: Text = Text::new(
    " This tab can train it once that run ends (it keeps what that run saves), or another model now.",
    "那次训练结束后本标签页才能训练它（并保留那次训练保存的结果），现在可以训练其他模型。",
);
/// Short names of the networks, for sentences.
pub const NAME_SEED: Text = Text::new("the source's CNN", "原文的 CNN");
pub const NAME_DESIGN: Text = Text::new("your design", "你的设计");

/// After the team's text when a test holds the workers back (`lab::pace`): the speed shown is not the machine's.
pub const TEAM_BRAKED: Text = Text::new(
    " · held back for a test ({how})",
    " · 为测试而放慢（{how}）",
);
pub const BRAKE_CAP: Text = Text::new("at most {n} steps a second", "每秒最多 {n} 步");
pub const BRAKE_SLOWDOWN: Text = Text::new("{k}× slower", "慢 {k} 倍");
pub const KERNEL_RELAXED: Text = Text::new(
    "wasm SIMD with fused multiply-add (relaxed SIMD)",
    "wasm SIMD，融合乘加（relaxed SIMD）",
);
pub const KERNEL_SIMD128: Text =
    Text::new("wasm SIMD (multiply, then add)", "wasm SIMD（先乘后加）");
pub const EVALUATING: Text = Text::new(
    "Epoch {e}: testing on {done} of {total} test images",
    "第 {e} 轮：已在 {done}/{total} 张测试图片上测试",
);
pub const DATA_TEXT: Text = Text::new("{mb} of {total} MB", "{mb} / {total} MB");
pub const DATA_READY: Text = Text::new(
    "MNIST loaded: {train} training and {test} test images.",
    "MNIST 已加载：{train} 张训练图片、{test} 张测试图片。",
);
pub const LOSS_CHART: Text = Text::new("Loss", "损失");
pub const ACCURACY_CHART: Text = Text::new("Accuracy", "准确率");
pub const CHART_TRAIN: Text = Text::new("train (smoothed, per batch)", "训练（每批，平滑）");
pub const CHART_TEST: Text = Text::new("test (per epoch)", "测试（每轮）");
pub const CHART_X: Text = Text::new("epoch", "轮");
pub const CURVE_SUMMARY: Text = Text::new(
    "{n} training steps: loss {l0} at the first step, {l1} now (smoothed); accuracy {a0}% → {a1}%.",
    "共 {n} 个训练步：第一步损失 {l0}，现在 {l1}（平滑后）；准确率 {a0}% → {a1}%。",
);
pub const EPOCH_TABLE: Text = Text::new("Test results per epoch", "每轮的测试结果");
pub const EPOCH_COL: Text = Text::new("Epoch", "轮");
pub const TEST_LOSS_COL: Text = Text::new("Test loss", "测试损失");
pub const TEST_ACC_COL: Text = Text::new("Test accuracy", "测试准确率");

pub const STATUS_BAD_LINK: Text = Text::new(
    "This link's {keys} could not be used, so the lab keeps its own. A link may say model (seed, lenet5 or design), opt (sgd, momentum, rmsprop or adam), lr (0.0000001 to 100), batch (1 to 1,024), epochs (1 to 100), images (1000, 10000, 30000 or 60000), test (a test image, 1 to 100), layer (1 to 64) and map (1 to 1,024) for the inspected feature map.",
    "这个链接里的 {keys} 无法使用，实验室保留自己的设置。链接可以指定 model（seed、lenet5 或 design）、opt（sgd、momentum、rmsprop 或 adam）、lr（0.0000001 到 100）、batch（1 到 1,024）、epochs（1 到 100）、images（1000、10000、30000 或 60000）、test（测试图片，1 到 100），以及要查看的特征图 layer（1 到 64）和 map（1 到 1,024）。",
);
pub const STATUS_PAUSED: Text = Text::new(
    "Paused. Resume continues where it stopped.",
    "已暂停。点“继续”从暂停处接着训练。",
);
pub const STATUS_FINISHED: Text = Text::new(
    "Training finished: test accuracy {acc}%. The weights are saved in this browser.",
    "训练完成：测试准确率 {acc}%。权重已保存在本浏览器中。",
);
/// What finished, when saving it then failed (the failure follows in the same line).
pub const STATUS_FINISHED_UNSAVED: Text = Text::new(
    "Training finished: test accuracy {acc}%.",
    "训练完成：测试准确率 {acc}%。",
);
pub const STATUS_STOPPED_UNSAVED: Text = Text::new(
    "Stopped. The weights reached so far are in use.",
    "已停止。目前训练到的权重正在使用。",
);
pub const STATUS_STOPPED: Text = Text::new(
    "Stopped. The weights reached so far are in use and saved.",
    "已停止。目前训练到的权重正在使用并已保存。",
);
pub const STATUS_DIVERGED: Text = Text::new(
    "Training stopped at epoch {e}, batch {b}: the loss reached {loss}, far above the 2.30 of a blind guess. The learning rate is too large for this optimizer: each step overshoots, and the numbers blow up or every unit goes dead.",
    "训练在第 {e} 轮第 {b} 批停止：损失达到 {loss}，远高于随便猜的 2.30。对这个优化器来说学习率太大：每一步都走过头，数值爆炸或所有神经元失效。",
);
pub const STATUS_BAD_WEIGHTS: Text = Text::new(
    "Training stopped at epoch {e}, batch {b}: that step pushed weights of tensor {tensor} to NaN, infinity or beyond ±{max}, although the loss still looked finite. Such weights give meaningless answers and could not be imported again. The learning rate is too large for this optimizer.",
    "训练在第 {e} 轮第 {b} 批停止：这一步把张量 {tensor} 的权重推到了 NaN、无穷大或超出 ±{max}，尽管损失看起来还是有限值。这样的权重给不出有意义的答案，导出后也无法再导入。对这个优化器来说学习率太大。",
);
pub const NAN: Text = Text::new("NaN (not a number)", "NaN（非数值）");
pub const STATUS_CRASHED: Text = Text::new(
    "The training worker crashed ({why}).",
    "负责训练的后台线程崩溃了（{why}）。",
);
pub const CRASH_RESUMABLE: Text = Text::new(
    "A new one is taking over; the weights reached so far are in use and saved. Press “Continue the run” to train the epochs left from them.",
    "新的后台线程正在接手；目前训练到的权重正在使用并已保存。点“继续这次训练”，从这些权重出发训练剩下的轮数。",
);
pub const CRASH_REPLACED: Text = Text::new(
    "A new one is taking over; the weights in use are unchanged.",
    "新的后台线程正在接手；当前权重保持不变。",
);
pub const CRASH_NOT_REPLACED_RESUMABLE: Text = Text::new(
    "Its replacement crashed too, so none is started now; the weights reached so far are in use and saved. “Continue the run” tries once more.",
    "接替它的后台线程也崩溃了，所以现在不再启动新的；目前训练到的权重正在使用并已保存。点“继续这次训练”再试一次。",
);
pub const CRASH_NOT_REPLACED: Text = Text::new(
    "Its replacement crashed too, so none is started now; the weights in use are unchanged. Train starts a new one.",
    "接替它的后台线程也崩溃了，所以现在不再启动新的；当前权重保持不变。点“训练”会再启动一个。",
);
pub const CONTINUE_RUN: Text = Text::new("Continue the run", "继续这次训练");
pub const STATUS_RESTORED: Text = Text::new(
    "Restored the run saved in this browser.",
    "已恢复保存在本浏览器中的训练结果。",
);
pub const STATUS_RESET: Text = Text::new(
    "Back to the pretrained weights; the saved run was removed.",
    "已恢复预训练权重，并删除了保存的训练结果。",
);
pub const STATUS_IMPORTED: Text = Text::new("Imported {file}.", "已导入 {file}。");
pub const STATUS_IMPORT_FAILED: Text = Text::new(
    "Could not import {file}: {why}. The weights in use are unchanged.",
    "无法导入 {file}：{why}。当前权重保持不变。",
);
pub const STATUS_SAVE_FAILED: Text = Text::new(
    "Could not save in this browser ({why}); use Export to keep the weights.",
    "无法保存在本浏览器中（{why}）；请用“导出”保存权重。",
);
pub const SAVE_FULL: Text = Text::new(
    "its storage for this site is full",
    "它给本网站的存储空间已满",
);
pub const SAVE_REFUSED: Text = Text::new(
    "it does not allow this site to store data, as in a private window",
    "它不允许本网站存储数据，比如在无痕窗口中",
);
pub const STATUS_DOWNLOAD_FAILED: Text = Text::new(
    "Could not download MNIST: {why}. Nothing was trained; the weights in use are unchanged.",
    "无法下载 MNIST：{why}。没有进行任何训练，当前权重保持不变。",
);
pub const RETRY: Text = Text::new("Try the download again", "重新下载");
pub const STATUS_PRETRAINED_FAILED: Text = Text::new(
    "The pretrained weights could not be loaded ({why}), so the network starts from random weights and its answers are guesses until you train it. Reload the page to try again.",
    "无法加载预训练权重（{why}），所以网络从随机权重开始，在你训练它之前它的回答都是瞎猜。刷新页面可以再试一次。",
);
pub const STATUS_FAILED: Text = Text::new("Training could not start: {why}", "无法开始训练：{why}");
pub const BAD_NUMBER: Text = Text::new(
    "{field} must be a number from {min} to {max}.",
    "{field}必须是 {min} 到 {max} 之间的数。",
);
pub const LINK_TO_LAB: Text = Text::new("Try it in the MNIST lab", "到 MNIST 实验室试一试");
pub const TRAINING_BADGE: Text = Text::new("Training in the lab: {pct}%", "实验室训练中：{pct}%");
pub const TRAINING_BADGE_PAUSED: Text = Text::new(
    "Training paused in the lab: {pct}%",
    "实验室训练已暂停：{pct}%",
);

//! Strings of "Build your own network", and the wording of every reason a design cannot work.

use super::{Lang, Text};
use crate::engine::nn::spec::plan::Field;
use crate::engine::nn::spec::{SpecError, SpecProblem};
use crate::engine::ops::shape::{Axis, ShapeError};

pub const INTRO: Text = Text::new(
    "Design a CNN for 28×28 MNIST digits and see at once what each choice costs: every layer's output shape, parameters and connections, computed by the same engine that trains it. The source says small kernels, strides and pooling trade detail for speed, and that almost all of its model's parameters sit in one dense layer: change the layers and check. Then train your design in the MNIST lab.",
    "为 28×28 的 MNIST 数字设计一个 CNN，立刻看到每个选择的代价：每层的输出形状、参数数和连接数，都由训练它的同一个引擎算出。原文说小卷积核、步长和池化用细节换速度，还说模型几乎所有参数都在一个全连接层里：改一改层，自己验证。然后到 MNIST 实验室训练你的设计。",
);
pub const PRESETS_LABEL: Text = Text::new("Start from", "从这里开始");
pub const PRESET_SEED: Text = Text::new("Seed model", "原文模型");
pub const PRESET_LENET: Text = Text::new("LeNet-5", "LeNet-5");
pub const PRESET_TINY: Text = Text::new("Tiny CNN", "小型 CNN");
pub const PRESET_STRIDED: Text = Text::new("Strided, no pooling", "步长代替池化");
pub const PRESET_DENSE: Text = Text::new("No convolution", "没有卷积");
pub const LAYER_N: Text = Text::new("Layer {n}", "第 {n} 层");
pub const LAYER_TYPE: Text = Text::new("Layer type", "层类型");
pub const FILTERS: Text = Text::new("Filters", "卷积核个数");
pub const KERNEL_SIZE: Text = Text::new("Kernel size", "卷积核大小");
pub const STRIDE: Text = Text::new("Stride", "步长");
pub const PADDING: Text = Text::new("Padding", "填充");
pub const PAD_PIXELS: Text = Text::new("Padding (pixels)", "填充（像素）");
pub const POOL_SIZE: Text = Text::new("Pool size", "池化窗口");
pub const UNITS: Text = Text::new("Units", "神经元个数");
pub const ACTIVATION: Text = Text::new("Activation", "激活函数");
pub const NONE: Text = Text::new("none", "无");
pub const VALID: Text = Text::new("valid (none)", "valid（不填充）");
pub const SAME: Text = Text::new("same (keep the size)", "same（保持大小）");
pub const ADD_LAYER: Text = Text::new("Add layer", "添加层");
pub const REMOVE_LAYER: Text = Text::new("Remove layer", "删除层");
pub const MOVE_UP: Text = Text::new("Move up", "上移");
pub const MOVE_DOWN: Text = Text::new("Move down", "下移");
pub const OUTPUT_LAYER: Text = Text::new(
    "Output: Dense, 10 units, softmax (one probability per digit)",
    "输出层：全连接，10 个神经元，softmax（每个数字一个概率）",
);
pub const OUT_SHAPE: Text = Text::new("Output {shape}", "输出 {shape}");
pub const PARAMS_OF: Text = Text::new("{n} parameters", "{n} 个参数");
pub const CONNECTIONS_OF: Text = Text::new("{n} connections", "{n} 个连接");
pub const TOTAL_PARAMS: Text = Text::new("Total params: {n}", "参数总数：{n}");
pub const TOTALS: Text = Text::new(
    "{madds} multiply-adds per image · {mb} MB of weights (4 bytes each)",
    "每张图片 {madds} 次乘加 · 权重 {mb} MB（每个 4 字节）",
);
pub const SPEED: Text = Text::new(
    "Measured in this browser on one core: one training step of 16 images took {ms} ms, about {sps} images/s, so one epoch of 60,000 images ≈ {epoch} (the lab trains on more cores).",
    "在本浏览器单核实测：16 张图片的一步训练用了 {ms} 毫秒，约每秒 {sps} 张，所以 60,000 张图片的一轮 ≈ {epoch}（实验室用多个核训练）。",
);
pub const CANNOT_WORK: Text = Text::new("This design cannot work: {why}", "这个设计行不通：{why}");
pub const STATUS_BAD_DESIGN: Text = Text::new(
    "The design in this address cannot be used ({why}); the lab keeps its model.",
    "这个地址里的设计无法使用（{why}）；实验室保持原来的模型。",
);
pub const TRAIN_DESIGN: Text = Text::new("Train this network in the lab", "在实验室训练这个网络");
pub const TRAIN_NATIVELY: Text = Text::new(
    "Or download the design and train it with the command line, at your computer's full speed:",
    "也可以下载设计，用命令行训练，发挥电脑的全部速度：",
);
pub const OPEN_DESIGN: Text = Text::new(
    "Open a design (JSON or exported weights)",
    "打开设计（JSON 或导出的权重文件）",
);
pub const OPEN_DESIGN_FAILED: Text = Text::new(
    "That file holds no network design: open a design's JSON or weights exported from the lab for a design. The design shown is unchanged.",
    "这个文件里没有网络设计：请打开设计的 JSON，或从实验室为某个设计导出的权重文件。当前设计保持不变。",
);
pub const DOWNLOAD_SPEC: Text = Text::new("Download the design (JSON)", "下载设计（JSON）");

fn axis(a: Axis, l: Lang) -> &'static str {
    match (a, l) {
        (Axis::Height, Lang::En) => "height",
        (Axis::Width, Lang::En) => "width",
        (Axis::Length, Lang::En) => "length",
        (Axis::Height, Lang::Zh) => "高度",
        (Axis::Width, Lang::Zh) => "宽度",
        (Axis::Length, Lang::Zh) => "长度",
    }
}

fn field(f: Field) -> Text {
    match f {
        Field::Filters => FILTERS,
        Field::KernelSize => KERNEL_SIZE,
        Field::Stride => STRIDE,
        Field::PoolSize => POOL_SIZE,
        Field::Padding => PAD_PIXELS,
        Field::Units => UNITS,
    }
}

fn shape(s: &[usize]) -> String {
    crate::engine::nn::model::format_shape(s)
}

/// Why a design cannot work, in one sentence in `l`, naming the layer.
pub fn spec_error(e: &SpecError, l: Lang) -> String {
    let en = l == Lang::En;
    let pick = |en_text: String, zh_text: String| if en { en_text } else { zh_text };
    let why = match &e.problem {
        SpecProblem::BadInput(s) => pick(format!("the input {s:?} is not an image"), format!("输入 {s:?} 不是图像")),
        SpecProblem::NoLayers => pick("it has no layers".into(), "它一层也没有".into()),
        SpecProblem::TooManyLayers { max } => pick(format!("at most {max} layers fit"), format!("最多只能有 {max} 层")),
        SpecProblem::OutOfRange { field: f, value, min, max } => pick(
            format!("{} is {value}, but must be from {min} to {max}", field(*f).en),
            format!("{}是 {value}，必须在 {min} 到 {max} 之间", field(*f).zh),
        ),
        SpecProblem::NeedsImage { got } => pick(
            format!("it needs feature maps (H×W×C) but gets a flat list of {}: move it before the Flatten", shape(got)),
            format!("它需要特征图（高×宽×通道），得到的却是展平后的 {} 个数：把它移到 Flatten 之前", shape(got)),
        ),
        SpecProblem::NeedsFlatten { got } => pick(
            format!("a Dense layer needs a flat list but gets feature maps {}: add a Flatten before it", shape(got)),
            format!("全连接层需要一串数，得到的却是特征图 {}：在它前面加一个 Flatten", shape(got)),
        ),
        SpecProblem::Shape(ShapeError::KernelTooLarge { axis: a, padded_input, kernel }) => pick(
            format!("the window ({kernel}) is larger than its input ({padded_input}) along the {}: no position fits", axis(*a, l)),
            format!("窗口（{kernel}）比输入（{padded_input}）的{}还大：一个位置也放不下", axis(*a, l)),
        ),
        SpecProblem::Shape(ShapeError::Zero { axis: a, .. }) => pick(
            format!("a size along the {} is 0", axis(*a, l)),
            format!("{}方向有一个大小为 0", axis(*a, l)),
        ),
        SpecProblem::Shape(other) => other.to_string(),
        SpecProblem::TableRows { filters, rows } => pick(
            format!("its connection table has {rows} rows for {filters} filters"),
            format!("连接表有 {rows} 行，却有 {filters} 个卷积核"),
        ),
        SpecProblem::TableRow { filter, inputs } => pick(
            format!("filter {} of its connection table must read some of the {inputs} input maps, each once", filter + 1),
            format!("连接表中第 {} 个卷积核必须读取 {inputs} 张输入图中的若干张，每张一次", filter + 1),
        ),
        SpecProblem::SoftmaxOnImage => pick(
            "softmax turns scores into probabilities: use it on a Dense layer only".into(),
            "softmax 把分数变成概率：只能用在全连接层上".into(),
        ),
        SpecProblem::WrongOutput { shape: s, .. } => pick(
            format!("the network must end in 10 softmax outputs, one per digit, not {}", shape(s)),
            format!("网络必须以 10 个 softmax 输出结束（每个数字一个），而不是 {}", shape(s)),
        ),
        SpecProblem::Overflow => pick("its sizes are too large to count".into(), "尺寸大到无法计算".into()),
        SpecProblem::TooManyParams { params, max } => pick(
            format!("{params} parameters so far, more than the {max} that train in a browser tab"),
            format!("到这里已有 {params} 个参数，超过了浏览器能训练的 {max} 个"),
        ),
        SpecProblem::TooManyValues { values, max } => pick(
            format!("the layers so far make {values} values per image, more than the {max} that training can keep in memory"),
            format!("到这里每张图片产生 {values} 个数，超过训练能放进内存的 {max} 个"),
        ),
    };
    match e.layer {
        Some(i) => pick(
            format!("layer {}: {why}.", i + 1),
            format!("第 {} 层：{why}。", i + 1),
        ),
        None => pick(format!("{why}."), format!("{why}。")),
    }
}

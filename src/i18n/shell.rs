//! Strings of the app shell: header, navigation, footer, placeholders.

use super::Text;

pub const APP_NAME: &str = "ConvLab";
pub const TAGLINE: Text = Text::new(
    "Learn convolutional neural networks by touching them",
    "动手学卷积神经网络",
);
pub const LANG_SWITCH_LABEL: Text = Text::new("Language", "语言");
/// The switch shows the language it switches to, in that language.
pub const SWITCH_TO: Text = Text::new("中文", "English");
pub const SWITCH_TO_HINT: Text = Text::new("Switch to Chinese", "切换到英文");
pub const NAV_LABEL: Text = Text::new("Sections", "章节");
pub const MENU: Text = Text::new("Menu", "菜单");
pub const SKIP_TO_CONTENT: Text = Text::new("Skip to content", "跳到正文");
pub const NOT_FOUND: Text = Text::new("There is no page at this address.", "这个地址没有页面。");
pub const BACK_HOME: Text = Text::new("Back to the start", "返回首页");
pub const HOME_INTRO: Text = Text::new(
    "A convolutional neural network (CNN) recognises pictures by sliding small filters over them, keeping the strongest responses and combining them into a decision. Each section below lets you change something and watch the mathematics respond.",
    "卷积神经网络（CNN）通过在图像上滑动小的滤波器、保留最强的响应并把它们组合成判断来识别图片。下面每一节都让你动手改变一些东西，看数学如何随之变化。",
);
pub const UPDATE_READY: Text = Text::new(
    "A new version of ConvLab is ready. Reload to use it (a training run keeps its saved epochs).",
    "ConvLab 有新版本可用。重新加载即可使用（正在进行的训练会保留已保存的轮次）。",
);
/// Instead of `UPDATE_READY` while this tab trains: the new version can wait for the run.
pub const UPDATE_READY_TRAINING: Text = Text::new(
    "A new version of ConvLab is ready. Reloading now would stop the training run in this tab (its finished epochs are saved): reload once it has ended.",
    "ConvLab 有新版本可用。现在重新加载会停止本标签页中的训练（已完成的轮次会保存）：请在训练结束后再重新加载。",
);
pub const UPDATE_RELOAD: Text = Text::new("Reload", "重新加载");
pub const START_HERE: Text = Text::new("Start here", "从这里开始");
pub const FOOTER: Text = Text::new(
    "ConvLab runs entirely in your browser: the network is Rust compiled to WebAssembly.",
    "ConvLab 完全在你的浏览器中运行：网络由 Rust 编译成 WebAssembly。",
);

//! The words of `/bench`, the developers' page that times the engine inside the page.

use super::{Lang, Text};

pub const TITLE: Text = Text::new("Engine benchmark", "引擎基准测试");
pub const RUN: Text = Text::new("Run benchmark", "开始测试");
pub const RUNNING: Text = Text::new("Running…", "正在测试…");
const INTRO_ONE: Text = Text::new(
    "Times 1 training step (batch 128, RMSprop) and inference of both models in this page, on the main thread.",
    "在本页的主线程上计时：两个模型各训练 1 步（批大小 128，RMSprop）并做推理。",
);
const INTRO_MANY: Text = Text::new(
    "Times {steps} training steps (batch 128, RMSprop) and inference of both models in this page, on the main thread.",
    "在本页的主线程上计时：两个模型各训练 {steps} 步（批大小 128，RMSprop）并做推理。",
);

/// What the page will time, for `steps` training steps.
pub fn intro(lang: Lang, steps: usize) -> String {
    if steps == 1 {
        INTRO_ONE.get(lang).to_string()
    } else {
        INTRO_MANY.fill(lang, &[("steps", &steps.to_string())])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_step_is_singular_and_every_count_is_said() {
        assert!(intro(Lang::En, 1).contains("1 training step "));
        assert!(intro(Lang::En, 5).contains("5 training steps "));
        assert!(intro(Lang::Zh, 5).contains("训练 5 步"));
        assert!(!intro(Lang::Zh, 7).contains('{'));
    }
}

//! Strings of the step-through controls shared by the lessons.

use super::Text;

pub const STEP: Text = Text::new("Step", "步骤");
pub const PREVIOUS: Text = Text::new("Previous", "上一步");
pub const NEXT: Text = Text::new("Next", "下一步");
pub const PLAY: Text = Text::new("Play", "播放");
pub const PAUSE: Text = Text::new("Pause", "暂停");
pub const KEYS_HINT: Text = Text::new(
    "Keyboard: arrow keys move the step slider; Space plays or pauses.",
    "键盘：方向键移动步骤滑块；空格键播放或暂停。",
);

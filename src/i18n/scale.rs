//! Words of the colour scales drawn beside heat maps (`widgets::ScaleLegend`).

use super::Text;

pub const SCALE: Text = Text::new("Colour scale:", "颜色标尺：");
pub const BLACK: Text = Text::new("black", "黑");
pub const WHITE: Text = Text::new("white", "白");
pub const ZERO_WHITE: Text = Text::new("0 is white", "0 为白色");
pub const OWN_LOW: Text = Text::new("each map's lowest value", "每张图自己的最小值");
pub const OWN_HIGH: Text = Text::new("its highest", "它的最大值");
pub const OWN_NEG: Text = Text::new("most negative", "最负");
pub const OWN_POS: Text = Text::new("most positive", "最正");
pub const OWN_SIGNED_NOTE: Text = Text::new(
    "0 is white; each is scaled to its own largest weight",
    "0 为白色；每个按自身绝对值最大的权重缩放",
);
pub const EDGE_X_FINDS: Text = Text::new(
    "Edges in x compares the columns left and right of each pixel: it answers where brightness changes from left to right, so it outlines vertical edges (orange where it gets brighter to the right, blue where darker).",
    "x 方向边缘比较每个像素左右两侧的列：亮度从左到右变化的地方有响应，所以勾勒出竖直的边缘（向右变亮处为橙色，变暗处为蓝色）。",
);
pub const EDGE_Y_FINDS: Text = Text::new(
    "Edges in y compares the rows above and below each pixel: it answers where brightness changes from top to bottom, so it outlines horizontal edges (orange where it gets brighter downwards, blue where darker).",
    "y 方向边缘比较每个像素上下两侧的行：亮度从上到下变化的地方有响应，所以勾勒出水平的边缘（向下变亮处为橙色，变暗处为蓝色）。",
);

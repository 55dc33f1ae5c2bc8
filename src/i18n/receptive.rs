//! Receptive fields: which input pixels one cell of a feature map depends on.

use super::Text;

pub const FIELD_SIZE: Text = Text::new(
    "Receptive field: {h} × {w} pixels",
    "感受野：{h} × {w} 像素",
);
pub const FIELD_CELL: Text = Text::new(
    "{layer}, row {row}, column {col}",
    "{layer}，第 {row} 行，第 {col} 列",
);
pub const FIELD_RULE: Text = Text::new(
    "Layer by layer, r ← r + (k − 1)·j and j ← j·s (k: kernel, s: stride, j: how far apart neighbouring cells' fields are):",
    "逐层计算 r ← r + (k − 1)·j，j ← j·s（k：卷积核或池化窗口，s：步长，j：相邻单元的感受野相隔多少像素）：",
);
pub const FIELD_ROWS: Text = Text::new("height", "高");
pub const FIELD_COLS: Text = Text::new("width", "宽");
pub const FIELD_CLIPPED: Text = Text::new(
    "This cell's window reaches past the image's edge into the padding: only {h} × {w} of its pixels are in the image, and the outline shows those.",
    "这个单元的窗口越过了图像边缘，落在填充上：图像里只有 {h} × {w} 个像素，框出的就是这些。",
);
pub const FIELD_PICTURE: Text = Text::new(
    "The input with the pixels this cell depends on outlined",
    "输入图像，框出的是这个单元所依赖的像素",
);
pub const FIELD_PICK: Text = Text::new(
    "Cells of this map: point at one, or focus here and move with the arrow keys, to see its receptive field",
    "这张特征图的单元：指向一个单元，或聚焦这里用方向键移动，查看它的感受野",
);
pub const FIELD_AT: Text = Text::new("{place}: {span}", "{place}：{span}");
pub const FIELD_SPAN: Text = Text::new(
    "input rows {r0}–{r1}, columns {c0}–{c1}",
    "输入的第 {r0}–{r1} 行、第 {c0}–{c1} 列",
);
pub const FIELD_TITLE: Text = Text::new("Receptive fields", "感受野");
pub const FIELD_LENET: Text = Text::new(
    "The first map of {layer}: each of its cells reads only part of the digit. Pick a cell to see which part.",
    "{layer} 的第一张特征图：每个单元只读取数字的一部分。选一个单元，看看是哪一部分。",
);

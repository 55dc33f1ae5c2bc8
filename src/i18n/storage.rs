//! What the lab says about what this site keeps in the browser (`lab/ui/storage_use.rs`).

use super::Text;

pub const STORAGE_TITLE: Text = Text::new("Saved in this browser", "保存在本浏览器中");
pub const STORAGE_USE: Text = Text::new(
    "This site keeps {used} in this browser; {free} more is free.",
    "本网站在此浏览器中占用 {used}，还有 {free} 可用。",
);
pub const STORAGE_UNKNOWN: Text = Text::new(
    "This browser does not say how much this site keeps.",
    "此浏览器没有说明本网站占用了多少空间。",
);
pub const STORAGE_KEPT: Text = Text::new(
    "The browser keeps it until you delete it.",
    "浏览器会一直保留它，直到你删除。",
);
pub const STORAGE_MAY_CLEAR: Text = Text::new(
    "The browser may clear it when space runs short; Export keeps a run safe.",
    "空间不足时浏览器可能会清除它；用“导出”可以妥善保存一次训练。",
);
pub const DELETE_SAVED: Text = Text::new("Delete saved data", "删除保存的数据");
pub const DELETE_QUESTION: Text = Text::new(
    "Delete every trained run, the list of networks you trained, your design and the downloaded copy of MNIST from this browser? This cannot be undone.",
    "要从本浏览器中删除所有训练结果、已训练网络列表、你的设计以及下载的 MNIST 副本吗？此操作无法撤销。",
);
pub const DELETE_YES: Text = Text::new("Delete", "删除");
pub const DELETE_NO: Text = Text::new("Cancel", "取消");
pub const DELETED: Text = Text::new(
    "Deleted. The lab uses the pretrained weights again.",
    "已删除。实验室重新使用预训练权重。",
);
pub const DELETE_FAILED: Text =
    Text::new("Could not delete everything: {why}", "未能全部删除：{why}");
pub const DELETE_WHILE_TRAINING: Text = Text::new(
    "Stop the run first: it saves into what would be deleted.",
    "请先停止训练：它正在保存到要删除的数据中。",
);

/// A size in bytes for people: "850 KB", "12.3 MB", "1.2 GB" (powers of 1,000, as browsers and
/// disks count).
pub fn size(bytes: f64) -> String {
    let bytes = bytes.max(0.0);
    let (value, unit) = match bytes {
        b if b >= 1e9 => (b / 1e9, "GB"),
        b if b >= 1e6 => (b / 1e6, "MB"),
        b => (b / 1e3, "KB"),
    };
    if value >= 100.0 || unit == "KB" {
        format!("{value:.0} {unit}")
    } else {
        format!("{value:.1} {unit}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_people_count_them() {
        assert_eq!(super::size(0.0), "0 KB");
        assert_eq!(super::size(850_000.0), "850 KB");
        assert_eq!(super::size(12_345_678.0), "12.3 MB");
        assert_eq!(super::size(299_000_000.0), "299 MB");
        assert_eq!(super::size(1.2e9), "1.2 GB");
        assert_eq!(super::size(-5.0), "0 KB");
    }
}

//! The sections of ConvLab, in reading order: route, title and a one-line promise in both languages.

use super::Text;

/// Which section: what the app's routes and the lessons' headings are keyed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionId {
    Conv1d,
    Encoding,
    Conv2d,
    Channels,
    Pooling,
    Lenet5,
    Classify,
    Backprop,
    Design,
    Lab,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub id: SectionId,
    /// URL path segment: `/conv1d` (scripts/site-post-build.mjs reads these lines to write one entry
    /// page per route).
    pub slug: &'static str,
    pub title: Text,
    pub summary: Text,
}

pub const SECTIONS: [Section; 10] = [
    Section {
        id: SectionId::Conv1d,
        slug: "conv1d",
        title: Text::new("1D convolution", "一维卷积"),
        summary: Text::new(
            "Flip, shift, multiply, sum: step through (f*g)(n) = Σ f(m)·g(n−m) and see why convolution is a filter.",
            "翻转、平移、相乘、求和：逐步计算 (f*g)(n) = Σ f(m)·g(n−m)，看卷积为何是一种滤波。",
        ),
    },
    Section {
        id: SectionId::Encoding,
        slug: "encoding",
        title: Text::new("Image encoding", "图像编码"),
        summary: Text::new(
            "How a picture becomes a grid of numbers from 0 to 255, and what resolution costs.",
            "图片如何变成 0 到 255 的数字网格，以及分辨率的代价。",
        ),
    },
    Section {
        id: SectionId::Conv2d,
        slug: "conv2d",
        title: Text::new("2D convolution", "二维卷积"),
        summary: Text::new(
            "Slide a kernel over an image with padding, stride and kernel size, and watch n_out = ⌊(n_in + 2p − f)/s⌋ + 1 update.",
            "用填充、步幅和卷积核大小在图像上滑动卷积核，观察 n_out = ⌊(n_in + 2p − f)/s⌋ + 1 的变化。",
        ),
    },
    Section {
        id: SectionId::Channels,
        slug: "channels",
        title: Text::new("Multi-channel convolution", "多通道卷积"),
        summary: Text::new(
            "Convolve the red, green and blue channels with their own kernels and add the three maps.",
            "用各自的卷积核分别卷积红、绿、蓝三个通道，再把三张特征图相加。",
        ),
    },
    Section {
        id: SectionId::Pooling,
        slug: "pooling",
        title: Text::new("Pooling", "池化"),
        summary: Text::new("Compare average and max pooling on the same input.", "在同一输入上比较平均池化和最大池化。"),
    },
    Section {
        id: SectionId::Lenet5,
        slug: "lenet5",
        title: Text::new("LeNet-5", "LeNet-5"),
        summary: Text::new(
            "Explore LeCun's 1998 network layer by layer, with parameter and connection counts and C3's connection table.",
            "逐层探索 LeCun 1998 年的网络，包括参数数、连接数和 C3 层的连接表。",
        ),
    },
    Section {
        id: SectionId::Classify,
        slug: "classify",
        title: Text::new("From features to classes", "从特征到类别"),
        summary: Text::new(
            "Flatten the feature maps and let dense layers decide: the whole network on one page.",
            "把特征图展平，由全连接层作出判断：一页看懂整个网络。",
        ),
    },
    Section {
        id: SectionId::Backprop,
        slug: "backprop",
        title: Text::new("How the network learns", "网络如何学习"),
        summary: Text::new(
            "Back-propagation through a convolution, step by step with real numbers, then 20 steps of training.",
            "一步一步、用真实的数字走一遍卷积的反向传播，再训练 20 步。",
        ),
    },
    Section {
        id: SectionId::Design,
        slug: "design",
        title: Text::new("Build your own network", "搭建自己的网络"),
        summary: Text::new(
            "Design a CNN layer by layer and see every shape, parameter and connection count at once.",
            "逐层设计一个 CNN，立刻看到每个形状、参数数量和连接数。",
        ),
    },
    Section {
        id: SectionId::Lab,
        slug: "lab",
        title: Text::new("MNIST lab", "MNIST 实验室"),
        summary: Text::new(
            "Draw a digit and watch a CNN classify it, then train the network yourself in the browser.",
            "手写一个数字，看 CNN 如何识别它，然后在浏览器里亲手训练网络。",
        ),
    },
];

/// The section `id` (every id has exactly one entry; a test checks it).
pub fn get(id: SectionId) -> &'static Section {
    SECTIONS
        .iter()
        .find(|s| s.id == id)
        .expect("every SectionId is in SECTIONS")
}

/// The title of section `id` (a lesson's heading).
pub fn title(id: SectionId) -> Text {
    get(id).title
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_section_speaks_both_languages_and_has_a_unique_slug() {
        for (i, s) in SECTIONS.iter().enumerate() {
            assert!(
                !s.title.en.is_empty()
                    && !s.title.zh.is_empty()
                    && !s.summary.en.is_empty()
                    && !s.summary.zh.is_empty()
            );
            assert!(s
                .slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()));
            assert!(SECTIONS[i + 1..].iter().all(|o| o.slug != s.slug));
            assert_eq!(get(s.id), s);
            assert!(SECTIONS[i + 1..].iter().all(|o| o.id != s.id));
        }
        use SectionId::*;
        for id in [
            Conv1d, Encoding, Conv2d, Channels, Pooling, Lenet5, Classify, Backprop, Design, Lab,
        ] {
            assert_eq!(get(id).id, id);
        }
    }
}

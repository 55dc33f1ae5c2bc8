//! The two built-in networks: the source article's Keras model ("seed") and LeNet-5 (LeCun et al. 1998).

use crate::engine::nn::layers::{
    Activation, Conv2d, ConvConfig, Dense, Flatten, MaxPool2d, PoolConfig, Softmax, Subsample,
    ZeroPad2d,
};
use crate::engine::nn::model::Sequential;
use crate::engine::ops::shape::Padding;

/// The two shipped architectures. Serialised as "seed" / "lenet5" (the lab's messages and saved
/// runs), and a typed `--model` choice on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(not(target_arch = "wasm32"), derive(clap::ValueEnum))]
pub enum ModelKind {
    Seed,
    Lenet5,
}

impl ModelKind {
    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "seed" => Some(Self::Seed),
            "lenet5" | "lenet-5" | "lenet" => Some(Self::Lenet5),
            _ => None,
        }
    }
    pub fn name(&self) -> &'static str {
        match self {
            Self::Seed => "seed",
            Self::Lenet5 => "lenet5",
        }
    }
    pub fn build(&self) -> Sequential {
        match self {
            Self::Seed => seed(),
            Self::Lenet5 => lenet5(),
        }
    }
}

/// The source's Keras model for 28×28 MNIST digits:
/// Conv2D(30, 3×3, relu) → MaxPool(2, 2, same) → Conv2D(60, 3×3, relu, same) → MaxPool(2, 2, same)
/// → Flatten → Dense(500, relu) → Dense(10, softmax).
pub fn seed() -> Sequential {
    let pool = || MaxPool2d::new(PoolConfig::new(2, 2, Padding::Same));
    Sequential::new("seed", &[1, 28, 28])
        .push(
            "conv2d",
            Conv2d::new(ConvConfig::new(1, 30, 3, Padding::Valid)),
        )
        .and_then(|m| m.push("relu", Activation::relu()))
        .and_then(|m| m.push("max_pooling2d", pool()))
        .and_then(|m| {
            m.push(
                "conv2d_1",
                Conv2d::new(ConvConfig::new(30, 60, 3, Padding::Same)),
            )
        })
        .and_then(|m| m.push("relu_1", Activation::relu()))
        .and_then(|m| m.push("max_pooling2d_1", pool()))
        .and_then(|m| m.push("flatten", Flatten::new()))
        .and_then(|m| m.push("dense", Dense::new(2940, 500)))
        .and_then(|m| m.push("relu_2", Activation::relu()))
        .and_then(|m| m.push("dense_1", Dense::new(500, 10)))
        .and_then(|m| m.push("softmax", Softmax::new()))
        .expect("the seed model's shapes are consistent")
}

/// C3's connection table from LeCun et al. (1998), Table I: for each of the 16 C3 maps, the S2 maps it
/// reads. Maps 0–5 read 3 contiguous maps, 6–11 read 4 contiguous, 12–14 read 4 non-contiguous, 15 all 6.
pub const C3_TABLE: [&[usize]; 16] = [
    &[0, 1, 2],
    &[1, 2, 3],
    &[2, 3, 4],
    &[3, 4, 5],
    &[0, 4, 5],
    &[0, 1, 5],
    &[0, 1, 2, 3],
    &[1, 2, 3, 4],
    &[2, 3, 4, 5],
    &[0, 3, 4, 5],
    &[0, 1, 4, 5],
    &[0, 1, 2, 5],
    &[0, 1, 3, 4],
    &[1, 2, 4, 5],
    &[0, 2, 3, 5],
    &[0, 1, 2, 3, 4, 5],
];

/// LeNet-5 on MNIST: 28×28 padded to 32×32, C1 6@5×5 → S2 → C3 16@5×5 (partial table) → S4 → C5 120
/// → F6 84 → 10 with softmax. Squashing is tanh after every layer (LeCun used a scaled tanh);
/// the output is softmax instead of the paper's RBF units, as in every modern re-implementation.
pub fn lenet5() -> Sequential {
    let table = C3_TABLE.iter().map(|t| t.to_vec()).collect();
    Sequential::new("lenet5", &[1, 28, 28])
        .push("pad", ZeroPad2d::new(2))
        .and_then(|m| m.push("C1", Conv2d::new(ConvConfig::new(1, 6, 5, Padding::Valid))))
        .and_then(|m| m.push("tanh", Activation::tanh()))
        .and_then(|m| m.push("S2", Subsample::new(6, 2)))
        .and_then(|m| m.push("tanh_1", Activation::tanh()))
        .and_then(|m| {
            m.push(
                "C3",
                Conv2d::new(ConvConfig::new(6, 16, 5, Padding::Valid).table(table)),
            )
        })
        .and_then(|m| m.push("tanh_2", Activation::tanh()))
        .and_then(|m| m.push("S4", Subsample::new(16, 2)))
        .and_then(|m| m.push("tanh_3", Activation::tanh()))
        .and_then(|m| {
            m.push(
                "C5",
                Conv2d::new(ConvConfig::new(16, 120, 5, Padding::Valid)),
            )
        })
        .and_then(|m| m.push("tanh_4", Activation::tanh()))
        .and_then(|m| m.push("flatten", Flatten::new()))
        .and_then(|m| m.push("F6", Dense::new(120, 84)))
        .and_then(|m| m.push("tanh_5", Activation::tanh()))
        .and_then(|m| m.push("output", Dense::new(84, 10)))
        .and_then(|m| m.push("softmax", Softmax::new()))
        .expect("LeNet-5's shapes are consistent")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row<'a>(
        s: &'a crate::engine::nn::model::Summary,
        name: &str,
    ) -> &'a crate::engine::nn::model::SummaryRow {
        s.rows
            .iter()
            .find(|r| r.name == name)
            .unwrap_or_else(|| panic!("no row {name}"))
    }

    #[test]
    fn lenet_count_formulas_show_the_arithmetic() {
        let s = lenet5().summary();
        let f = |name: &str| {
            row(&s, name)
                .formula
                .clone()
                .unwrap_or_else(|| panic!("no formula for {name}"))
        };
        assert_eq!(f("C1").params, "6×(1×5×5+1) = 156");
        assert_eq!(f("C1").connections, "156 × 28×28 = 122,304");
        assert_eq!(f("S2").params, "6×(1+1) = 12");
        assert_eq!(f("S2").connections, "6×(2×2+1) × 14×14 = 5,880");
        assert_eq!(
            f("C3").params,
            "6×(3×5×5+1) + 9×(4×5×5+1) + 1×(6×5×5+1) = 1,516"
        );
        assert_eq!(f("C3").connections, "1,516 × 10×10 = 151,600");
        assert_eq!(f("S4").connections, "16×(2×2+1) × 5×5 = 2,000");
        assert_eq!(f("C5").params, "120×(16×5×5+1) = 48,120");
        assert_eq!(f("F6").params, "84×(120+1) = 10,164");
        assert_eq!(f("output").connections, "10×(84+1) = 850");
        let seed = seed().summary();
        assert_eq!(
            row(&seed, "dense").formula.clone().unwrap().params,
            "500×(2940+1) = 1,470,500"
        );
        assert_eq!(row(&seed, "max_pooling2d").formula, None);
    }

    #[test]
    fn seed_summary_matches_keras() {
        let s = seed().summary();
        let got: Vec<(String, usize)> = s
            .rows
            .iter()
            .map(|r| {
                (
                    crate::engine::nn::model::format_shape(&r.output_shape),
                    r.params,
                )
            })
            .collect();
        let want = [
            ("26×26×30", 300),
            ("13×13×30", 0),
            ("13×13×60", 16_260),
            ("7×7×60", 0),
            ("2940", 0),
            ("500", 1_470_500),
            ("10", 5_010),
        ];
        assert_eq!(
            got,
            want.iter()
                .map(|(a, b)| (a.to_string(), *b))
                .collect::<Vec<_>>()
        );
        assert_eq!(s.total_params, 1_492_070);
        assert_eq!(row(&s, "conv2d").activation.as_deref(), Some("relu"));
        assert_eq!(row(&s, "dense_1").activation.as_deref(), Some("softmax"));
    }

    #[test]
    fn lenet5_counts_match_the_paper() {
        let s = lenet5().summary();
        let counts = |n: &str| (row(&s, n).params, row(&s, n).connections);
        assert_eq!(counts("C1"), (156, Some(122_304)));
        assert_eq!(counts("S2"), (12, Some(5_880)));
        assert_eq!(counts("C3"), (1_516, Some(151_600)));
        assert_eq!(counts("S4"), (32, Some(2_000)));
        assert_eq!(counts("C5"), (48_120, Some(48_120)));
        assert_eq!(counts("F6"), (10_164, Some(10_164)));
        assert_eq!(counts("output"), (850, Some(850)));
        let shapes: Vec<Vec<usize>> = ["pad", "C1", "S2", "C3", "S4", "C5", "F6", "output"]
            .iter()
            .map(|n| row(&s, n).output_shape.clone())
            .collect();
        assert_eq!(
            shapes,
            vec![
                vec![1, 32, 32],
                vec![6, 28, 28],
                vec![6, 14, 14],
                vec![16, 10, 10],
                vec![16, 5, 5],
                vec![120, 1, 1],
                vec![84],
                vec![10]
            ]
        );
    }

    #[test]
    fn c3_table_has_the_papers_structure() {
        let sizes: Vec<usize> = C3_TABLE.iter().map(|t| t.len()).collect();
        assert_eq!(sizes.iter().filter(|&&n| n == 3).count(), 6);
        assert_eq!(sizes.iter().filter(|&&n| n == 4).count(), 9);
        assert_eq!(sizes.iter().filter(|&&n| n == 6).count(), 1);
        // 6×(3·25+1) + 9×(4·25+1) + 1×(6·25+1) = 1516
        assert_eq!(6 * (3 * 25 + 1) + 9 * (4 * 25 + 1) + (6 * 25 + 1), 1516);
    }
}

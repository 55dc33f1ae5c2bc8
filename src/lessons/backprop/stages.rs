//! The backward pass's steps: what each one says (with the pass's numbers), which cells it marks,
//! and the sum of products behind a picked gradient cell.

use crate::engine::lessons::backprop::{
    input_gradient_terms, kernel_gradient_terms, Pass, Term, CONV_SIDE, KERNEL, SIDE,
};
use crate::i18n::backprop::*;
use crate::i18n::Lang;
use crate::widgets::format::number;

/// One step of the walk through the pass, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stage {
    Forward,
    Scores,
    Dense,
    Pool,
    Relu,
    Kernel,
    Input,
    Update,
}

impl Stage {
    pub const ALL: [Stage; 8] = [
        Stage::Forward,
        Stage::Scores,
        Stage::Dense,
        Stage::Pool,
        Stage::Relu,
        Stage::Kernel,
        Stage::Input,
        Stage::Update,
    ];

    pub fn at(step: usize) -> Stage {
        Self::ALL[step.min(Self::ALL.len() - 1)]
    }

    /// The step's sentence. `after` is the loss on this input after the update.
    pub fn text(self, p: &Pass, lang: Lang, learning_rate: f64, after: f32) -> String {
        match self {
            Stage::Forward => STEP_FORWARD.fill(lang, &[("b", &number(p.weights.conv_bias))]),
            Stage::Scores => {
                let g: Vec<String> = p.score_grad.iter().map(|&v| number(v)).collect();
                STEP_SCORES.fill(lang, &[("g", &format!("({})", g.join(", ")))])
            }
            Stage::Dense => STEP_DENSE.get(lang).to_string(),
            Stage::Pool => STEP_POOL.get(lang).to_string(),
            Stage::Relu => STEP_RELU.get(lang).to_string(),
            Stage::Kernel => STEP_KERNEL.get(lang).to_string(),
            Stage::Input => STEP_INPUT.get(lang).to_string(),
            Stage::Update => STEP_UPDATE.fill(
                lang,
                &[
                    ("lr", &learning_rate),
                    ("a", &number(p.loss)),
                    ("b", &number(after)),
                ],
            ),
        }
    }
}

/// A factor in a written-out product: negative ones in brackets, so "1×(−0.2)" reads as one.
fn factor(v: f32) -> String {
    let s = number(v);
    if s.starts_with('−') {
        format!("({s})")
    } else {
        s
    }
}

fn written(name: String, terms: &[Term], total: f32, lang: Lang) -> String {
    let products: Vec<String> = terms
        .iter()
        .map(|t| format!("{}×{}", factor(t.a), factor(t.b)))
        .collect();
    SUM_OF.fill(
        lang,
        &[
            ("name", &name),
            ("terms", &products.join(" + ")),
            ("sum", &number(total)),
        ],
    )
}

/// ∂L/∂K[i, j] written out as its sum of input × output gradient.
pub fn kernel_sum(p: &Pass, k: usize, lang: Lang) -> String {
    let name = format!("∂L/∂K[{}, {}]", k / KERNEL, k % KERNEL);
    written(name, &kernel_gradient_terms(p, k), p.kernel_grad[k], lang)
}

/// ∂L/∂input[r, c] written out as its sum of output gradient × kernel.
pub fn input_sum(p: &Pass, n: usize, lang: Lang) -> String {
    let name = format!("∂L/∂{}[{}, {}]", INPUT_SYMBOL.get(lang), n / SIDE, n % SIDE);
    written(name, &input_gradient_terms(p, n), p.input_grad[n], lang)
}

/// The cells a step marks: in the input, in the forward maps of the convolution (and the ReLU
/// output's gradient), in the output gradient, and in the two pickable gradients.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Marks {
    pub input: Vec<usize>,
    pub conv: Vec<usize>,
    pub out_grad: Vec<usize>,
    pub kernel_grad: Vec<usize>,
    pub input_grad: Vec<usize>,
}

pub fn marks(stage: Stage, p: &Pass, kernel_cell: usize, input_cell: usize) -> Marks {
    match stage {
        Stage::Pool => Marks {
            conv: p.winners.clone(),
            ..Marks::default()
        },
        Stage::Relu => {
            let positive: Vec<usize> = (0..CONV_SIDE * CONV_SIDE)
                .filter(|&i| p.conv[i] > 0.0)
                .collect();
            Marks {
                conv: positive.clone(),
                out_grad: positive,
                ..Marks::default()
            }
        }
        Stage::Kernel => Marks {
            input: kernel_gradient_terms(p, kernel_cell)
                .iter()
                .map(|t| t.input)
                .collect(),
            kernel_grad: vec![kernel_cell],
            ..Marks::default()
        },
        Stage::Input => Marks {
            out_grad: input_gradient_terms(p, input_cell)
                .iter()
                .map(|t| t.out)
                .collect(),
            input_grad: vec![input_cell],
            ..Marks::default()
        },
        _ => Marks::default(),
    }
}

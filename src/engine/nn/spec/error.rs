//! Why a design cannot work: the layer and a typed reason (the page words it in the learner's
//! language; `Display` is the command line's English).

use crate::engine::ops::shape::ShapeError;
use std::fmt;

/// The numbers a designer field must stay within.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Filters,
    KernelSize,
    Stride,
    PoolSize,
    Padding,
    Units,
}

#[derive(Clone, Debug, PartialEq)]
pub enum SpecProblem {
    /// The input is not a C×H×W image shape with every size ≥ 1.
    BadInput(Vec<usize>),
    NoLayers,
    TooManyLayers {
        max: usize,
    },
    OutOfRange {
        field: Field,
        value: usize,
        min: usize,
        max: usize,
    },
    /// A convolution or pooling layer after the image was flattened.
    NeedsImage {
        got: Vec<usize>,
    },
    /// A dense layer on an image: it needs a Flatten before it.
    NeedsFlatten {
        got: Vec<usize>,
    },
    Shape(ShapeError),
    /// A connection table with a row per filter: this many rows were given.
    TableRows {
        filters: usize,
        rows: usize,
    },
    /// A filter of the table reads nothing, or a map that does not exist, or one map twice.
    TableRow {
        filter: usize,
        inputs: usize,
    },
    /// Softmax makes class probabilities: only on a vector of scores.
    SoftmaxOnImage,
    /// The network must end in as many softmax outputs as there are classes.
    WrongOutput {
        shape: Vec<usize>,
        softmax: bool,
        classes: usize,
    },
    /// Sizes so large that counting them overflows.
    Overflow,
    TooManyParams {
        params: usize,
        max: usize,
    },
    TooManyValues {
        values: usize,
        max: usize,
    },
}

/// A design that cannot work: which layer (0-based; `None` for the whole design) and why.
#[derive(Clone, Debug, PartialEq)]
pub struct SpecError {
    pub layer: Option<usize>,
    pub problem: SpecProblem,
}

impl SpecError {
    pub fn at(layer: usize, problem: SpecProblem) -> Self {
        Self {
            layer: Some(layer),
            problem,
        }
    }
    pub(super) fn whole(problem: SpecProblem) -> Self {
        Self {
            layer: None,
            problem,
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(i) = self.layer {
            write!(f, "layer {}: ", i + 1)?;
        }
        match &self.problem {
            SpecProblem::BadInput(s) => write!(f, "the input must be C×H×W with every size at least 1, not {s:?}"),
            SpecProblem::NoLayers => write!(f, "the design has no layers"),
            SpecProblem::TooManyLayers { max } => write!(f, "at most {max} layers are allowed"),
            SpecProblem::OutOfRange { field, value, min, max } => {
                write!(f, "{field:?} must be from {min} to {max}, not {value}")
            }
            SpecProblem::NeedsImage { got } => write!(f, "needs an image (C×H×W) input but gets {got:?}: put it before the Flatten"),
            SpecProblem::NeedsFlatten { got } => write!(f, "gets an image {got:?}: add a Flatten before this Dense layer"),
            SpecProblem::Shape(e) => write!(f, "{e}"),
            SpecProblem::TableRows { filters, rows } => write!(f, "the connection table has {rows} rows for {filters} filters"),
            SpecProblem::TableRow { filter, inputs } => write!(f, "filter {} of the connection table must read at least one of the {inputs} input maps, each once", filter + 1),
            SpecProblem::SoftmaxOnImage => write!(f, "softmax needs a vector of scores: use it on a Dense layer"),
            SpecProblem::WrongOutput { shape, softmax, classes } => write!(f, "the network must end in {classes} outputs with softmax, not {shape:?}{}", if *softmax { "" } else { " without softmax" }),
            SpecProblem::Overflow => write!(f, "the sizes are too large to count"),
            SpecProblem::TooManyParams { params, max } => write!(f, "{params} parameters are more than the {max} that train in a browser"),
            SpecProblem::TooManyValues { values, max } => write!(f, "the layers make {values} values per image, more than the {max} that training can keep"),
        }
    }
}

impl std::error::Error for SpecError {}

//! Checking a design before anything is allocated: every layer's input and output shape, parameters
//! and multiply-adds by arithmetic (checked: no overflow, no panic), against limits that keep
//! training possible in a browser tab. The first layer that cannot work is named with a typed reason,
//! which the page words in the learner's language and the command line in English.

pub use super::error::{Field, SpecError, SpecProblem};
use super::{Act, LayerSpec, ModelSpec};
use crate::engine::nn::layers::PoolConfig;
use crate::engine::ops::shape::output_hw;

/// How large a design may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub layers: usize,
    pub filters: usize,
    pub units: usize,
    /// Kernel, pool size, stride and zero padding.
    pub window: usize,
    pub params: usize,
    /// Values produced per image by all layers together (what training keeps for the backward
    /// pass, times the batch size).
    pub values: usize,
}

impl Limits {
    /// What trains in a browser tab at batch 128 (a few hundred MB at most).
    pub const BROWSER: Limits = Limits {
        layers: 32,
        filters: 512,
        units: 4096,
        window: 32,
        params: 10_000_000,
        values: 500_000,
    };
}

/// What one layer of a design does, by arithmetic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub input: Vec<usize>,
    pub output: Vec<usize>,
    pub params: usize,
    /// Multiply-adds (or comparisons, for max pooling) per image.
    pub mult_adds: u64,
}

fn check(field: Field, value: usize, max: usize) -> Result<(), SpecProblem> {
    if (1..=max).contains(&value) {
        Ok(())
    } else {
        Err(SpecProblem::OutOfRange {
            field,
            value,
            min: 1,
            max,
        })
    }
}

fn image(input: &[usize]) -> Result<(usize, usize, usize), SpecProblem> {
    match input {
        [c, h, w] => Ok((*c, *h, *w)),
        _ => Err(SpecProblem::NeedsImage {
            got: input.to_vec(),
        }),
    }
}

/// Product of sizes, or `None` on overflow.
fn volume(shape: &[usize]) -> Option<usize> {
    shape.iter().try_fold(1usize, |a, &b| a.checked_mul(b))
}

fn plan_layer(layer: &LayerSpec, input: &[usize], lim: &Limits) -> Result<Planned, SpecProblem> {
    let big = |v: Option<usize>| v.ok_or(SpecProblem::Overflow);
    let (output, params, mult_adds) = match layer {
        LayerSpec::Conv2d {
            filters,
            kernel,
            stride,
            padding,
            table,
            ..
        } => {
            let (c, h, w) = image(input)?;
            check(Field::Filters, *filters, lim.filters)?;
            check(Field::KernelSize, *kernel, lim.window)?;
            check(Field::Stride, *stride, lim.window)?;
            let (oh, ow, _) = output_hw(
                padding.padding(),
                h,
                w,
                (*kernel, *kernel),
                (*stride, *stride),
                (1, 1),
            )
            .map_err(SpecProblem::Shape)?;
            let reads: Vec<usize> = match table {
                None => vec![c; *filters],
                Some(t) if t.len() != *filters => {
                    return Err(SpecProblem::TableRows {
                        filters: *filters,
                        rows: t.len(),
                    })
                }
                Some(t) => {
                    for (filter, row) in t.iter().enumerate() {
                        let mut seen = row.clone();
                        seen.sort_unstable();
                        seen.dedup();
                        if row.is_empty() || seen.len() != row.len() || row.iter().any(|&i| i >= c)
                        {
                            return Err(SpecProblem::TableRow { filter, inputs: c });
                        }
                    }
                    t.iter().map(Vec::len).collect()
                }
            };
            let kk = big(kernel.checked_mul(*kernel))?;
            let weights = big(reads
                .iter()
                .try_fold(0usize, |a, &r| a.checked_add(r.checked_mul(kk)?)))?;
            let params = big(weights.checked_add(*filters))?;
            let positions = big(oh.checked_mul(ow))?;
            let mult_adds = (weights as u64).checked_mul(positions as u64);
            (
                vec![*filters, oh, ow],
                params,
                big(mult_adds.and_then(|m| usize::try_from(m).ok()))? as u64,
            )
        }
        LayerSpec::MaxPool {
            size,
            stride,
            padding,
        }
        | LayerSpec::AvgPool {
            size,
            stride,
            padding,
        } => {
            image(input)?;
            check(Field::PoolSize, *size, lim.window)?;
            check(Field::Stride, *stride, lim.window)?;
            let cfg = PoolConfig::new(*size, *stride, padding.padding());
            let out = cfg
                .output_shape("pool", input)
                .map_err(SpecProblem::Shape)?;
            let ops = big(volume(&out).and_then(|v| v.checked_mul(size * size)))?;
            (out, 0, ops as u64)
        }
        LayerSpec::Subsample { size, .. } => {
            let (c, _, _) = image(input)?;
            check(Field::PoolSize, *size, lim.window)?;
            let cfg = PoolConfig::new(*size, *size, crate::engine::ops::shape::Padding::Valid);
            let out = cfg
                .output_shape("Subsampling", input)
                .map_err(SpecProblem::Shape)?;
            let ops = big(volume(&out).and_then(|v| v.checked_mul(size * size + 1)))?;
            (out, 2 * c, ops as u64)
        }
        LayerSpec::ZeroPad { pad } => {
            let (c, h, w) = image(input)?;
            check(Field::Padding, *pad, lim.window)?;
            let grow = |n: usize| big(pad.checked_mul(2).and_then(|p| n.checked_add(p)));
            (vec![c, grow(h)?, grow(w)?], 0, 0)
        }
        LayerSpec::Flatten => (vec![big(volume(input))?], 0, 0),
        LayerSpec::Dense { units, .. } => {
            let [inputs] = input[..] else {
                return Err(SpecProblem::NeedsFlatten {
                    got: input.to_vec(),
                });
            };
            check(Field::Units, *units, lim.units)?;
            let weights = big(inputs.checked_mul(*units))?;
            (
                vec![*units],
                big(weights.checked_add(*units))?,
                weights as u64,
            )
        }
    };
    if layer.activation() == Act::Softmax && output.len() != 1 {
        return Err(SpecProblem::SoftmaxOnImage);
    }
    Ok(Planned {
        input: input.to_vec(),
        output,
        params,
        mult_adds,
    })
}

impl ModelSpec {
    /// Every layer's shapes, parameters and multiply-adds, or the first problem; the design must
    /// end in 10 softmax outputs (MNIST's digits) and stay within `lim`.
    pub fn plan_with(&self, lim: &Limits) -> Result<Vec<Planned>, SpecError> {
        match self.plan_partial(lim) {
            (planned, None) => Ok(planned),
            (_, Some(e)) => Err(e),
        }
    }

    /// The layers that plan, up to the first problem, and the problem: a designer shows the shapes
    /// up to the layer that cannot work.
    pub fn plan_partial(&self, lim: &Limits) -> (Vec<Planned>, Option<SpecError>) {
        let mut planned = Vec::with_capacity(self.layers.len());
        if self.input.len() != 3 || self.input.contains(&0) {
            return (
                planned,
                Some(SpecError::whole(SpecProblem::BadInput(self.input.clone()))),
            );
        }
        if self.layers.is_empty() {
            return (planned, Some(SpecError::whole(SpecProblem::NoLayers)));
        }
        if self.layers.len() > lim.layers {
            let e = SpecProblem::TooManyLayers { max: lim.layers };
            return (planned, Some(SpecError::whole(e)));
        }
        // An input already beyond the per-image limit would overflow the first layer's arithmetic.
        let Some(input_values) = volume(&self.input) else {
            return (planned, Some(SpecError::whole(SpecProblem::Overflow)));
        };
        if input_values > lim.values {
            let e = SpecProblem::TooManyValues {
                values: input_values,
                max: lim.values,
            };
            return (planned, Some(SpecError::whole(e)));
        }
        let mut shape = self.input.clone();
        let (mut params, mut values) = (0usize, 0usize);
        for (i, l) in self.layers.iter().enumerate() {
            let p = match plan_layer(&l.layer, &shape, lim) {
                Ok(p) => p,
                Err(e) => return (planned, Some(SpecError::at(i, e))),
            };
            params = params.saturating_add(p.params);
            values = values.saturating_add(volume(&p.output).unwrap_or(usize::MAX));
            let problem = if params > lim.params {
                Some(SpecProblem::TooManyParams {
                    params,
                    max: lim.params,
                })
            } else if values > lim.values {
                Some(SpecProblem::TooManyValues {
                    values,
                    max: lim.values,
                })
            } else {
                None
            };
            if let Some(e) = problem {
                return (planned, Some(SpecError::at(i, e)));
            }
            shape = p.output.clone();
            planned.push(p);
        }
        let softmax = self.layers.last().map(|l| l.layer.activation()) == Some(Act::Softmax);
        if shape != [10] || !softmax {
            let e = SpecProblem::WrongOutput {
                shape,
                softmax,
                classes: 10,
            };
            return (planned, Some(SpecError::whole(e)));
        }
        (planned, None)
    }
}

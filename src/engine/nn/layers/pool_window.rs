//! Window geometry shared by the pooling layers and LeNet's subsampling: which input cells each
//! output position covers, with padding cells left out (Keras/TensorFlow semantics: a `same` max pool
//! never picks a padding zero, a `same` average divides by the real cells only).

use super::expect_chw;
use crate::engine::ops::shape::{output_hw, Padding, ShapeError};
use std::ops::Range;

/// Output height, width and, per output position, the input rows and columns it covers.
pub type Windows = (usize, usize, Vec<(Range<usize>, Range<usize>)>);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolConfig {
    pub size: (usize, usize),
    pub stride: (usize, usize),
    pub padding: Padding,
}

impl PoolConfig {
    pub fn new(size: usize, stride: usize, padding: Padding) -> Self {
        Self {
            size: (size, size),
            stride: (stride, stride),
            padding,
        }
    }

    pub fn output_shape(&self, kind: &str, input: &[usize]) -> Result<Vec<usize>, ShapeError> {
        let (c, h, w) = expect_chw(kind, input)?;
        let (oh, ow, _) = output_hw(self.padding, h, w, self.size, self.stride, (1, 1))?;
        Ok(vec![c, oh, ow])
    }

    /// Output size and, per output position in row-major order, the input rows and columns it covers.
    pub fn windows(&self, h: usize, w: usize) -> Result<Windows, ShapeError> {
        let (oh, ow, p) = output_hw(self.padding, h, w, self.size, self.stride, (1, 1))?;
        let clip = |o: usize, s: usize, k: usize, pad: usize, n: usize| {
            let start = (o * s).saturating_sub(pad);
            let end = (o * s + k).saturating_sub(pad).min(n);
            start..end
        };
        let mut out = Vec::with_capacity(oh * ow);
        for oy in 0..oh {
            for ox in 0..ow {
                out.push((
                    clip(oy, self.stride.0, self.size.0, p.top, h),
                    clip(ox, self.stride.1, self.size.1, p.left, w),
                ));
            }
        }
        Ok((oh, ow, out))
    }

    /// Connections: one per input cell each output reads (plus `extra` per output, e.g. a bias).
    pub fn connections(&self, input: &[usize], extra: usize) -> Option<u64> {
        let (c, h, w) = expect_chw("pool", input).ok()?;
        let (_, _, wins) = self.windows(h, w).ok()?;
        let per_map: usize = wins.iter().map(|(r, q)| r.len() * q.len() + extra).sum();
        Some((per_map * c) as u64)
    }
}

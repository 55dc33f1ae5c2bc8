//! A dense f32 tensor in row-major order. Images are NCHW: batch, channels, height, width.
//!
//! The values sit behind an `Arc`: cloning a tensor is free and writing copies only when the values
//! are shared (copy-on-write). Layers keep their inputs or outputs for the backward pass by cloning,
//! so a training step copies each activation once, not three times.

use std::fmt;
use std::sync::Arc;

#[derive(Clone, PartialEq)]
pub struct Tensor {
    shape: Vec<usize>,
    data: Arc<Vec<f32>>,
}

impl Tensor {
    /// A tensor of zeros.
    pub fn zeros(shape: &[usize]) -> Self {
        Self {
            shape: shape.to_vec(),
            data: Arc::new(vec![0.0; shape.iter().product()]),
        }
    }

    /// A tensor over existing data; panics only on a programming error (length mismatch).
    pub fn from_vec(shape: &[usize], data: Vec<f32>) -> Self {
        assert_eq!(
            shape.iter().product::<usize>(),
            data.len(),
            "shape {shape:?} does not match {} values",
            data.len()
        );
        Self {
            shape: shape.to_vec(),
            data: Arc::new(data),
        }
    }

    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    pub fn data(&self) -> &[f32] {
        &self.data
    }
    /// The values, for writing: copied first if another clone still shares them.
    pub fn data_mut(&mut self) -> &mut [f32] {
        Arc::make_mut(&mut self.data).as_mut_slice()
    }
    pub fn into_data(self) -> Vec<f32> {
        Arc::try_unwrap(self.data).unwrap_or_else(|shared| (*shared).clone())
    }
    pub fn len(&self) -> usize {
        self.data.len()
    }
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The first axis: the batch size for NCHW and [N, features] tensors.
    pub fn batch(&self) -> usize {
        self.shape.first().copied().unwrap_or(1)
    }

    /// Values per batch item.
    pub fn item_len(&self) -> usize {
        self.shape.iter().skip(1).product()
    }

    /// The same values seen with another shape of equal size.
    pub fn reshape(mut self, shape: &[usize]) -> Self {
        assert_eq!(
            shape.iter().product::<usize>(),
            self.data.len(),
            "cannot reshape {:?} to {shape:?}",
            self.shape
        );
        self.shape = shape.to_vec();
        self
    }

    /// The values of batch item `n`.
    pub fn item(&self, n: usize) -> &[f32] {
        let k = self.item_len();
        &self.data[n * k..(n + 1) * k]
    }

    /// Largest absolute difference to another tensor of the same shape (used by tests and parity checks).
    pub fn max_abs_diff(&self, other: &Tensor) -> f32 {
        assert_eq!(self.shape, other.shape);
        self.data
            .iter()
            .zip(other.data.iter())
            .map(|(a, b)| (a - b).abs())
            .fold(0.0, f32::max)
    }
}

impl fmt::Debug for Tensor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Tensor{:?}", self.shape)?;
        if self.data.len() <= 16 {
            write!(f, " {:?}", self.data)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reshape_keeps_values_and_item_slices() {
        let t = Tensor::from_vec(&[2, 1, 2, 2], (0..8).map(|v| v as f32).collect());
        assert_eq!(t.batch(), 2);
        assert_eq!(t.item_len(), 4);
        assert_eq!(t.item(1), &[4.0, 5.0, 6.0, 7.0]);
        let r = t.reshape(&[2, 4]);
        assert_eq!(r.shape(), &[2, 4]);
        assert_eq!(r.data()[7], 7.0);
    }

    #[test]
    #[should_panic]
    fn from_vec_rejects_wrong_length() {
        let _ = Tensor::from_vec(&[2, 2], vec![1.0; 3]);
    }
}

//! Tensors and the arithmetic under every layer: the matrix product and window sizes.

pub mod f32x4;
pub mod matmul;
pub mod packed_gemm;
pub mod shape;
pub mod sum;
pub mod tensor;

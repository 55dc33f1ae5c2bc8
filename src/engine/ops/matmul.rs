//! The one place the engine multiplies matrices. Convolutions (via im2col) and dense layers all land
//! here, so speed work happens in one spot. Natively it wraps the `gemm` crate, which picks
//! AVX2/AVX-512/NEON kernels at run time; in the page it runs `packed_gemm`'s wasm SIMD kernel.

#[cfg(target_arch = "wasm32")]
use super::packed_gemm::{gemm, Operand, PackBuffers};

/// `c (m×n) = op(a) (m×k) · op(b) (k×n)`, or `c += …` when `accumulate`. Matrices are row-major and
/// contiguous; `a_t` means `a` is stored as its transpose (k×m), likewise `b_t` (n×k).
#[allow(clippy::too_many_arguments)]
pub fn matmul(
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    a_t: bool,
    b: &[f32],
    b_t: bool,
    c: &mut [f32],
    accumulate: bool,
) {
    assert!(
        a.len() >= m * k && b.len() >= k * n && c.len() >= m * n,
        "matmul: buffers too small for {m}×{k}·{k}×{n}"
    );
    if m == 0 || n == 0 {
        return;
    }
    if k == 0 {
        if !accumulate {
            c[..m * n].fill(0.0);
        }
        return;
    }
    #[cfg(target_arch = "wasm32")]
    {
        thread_local! {
            static BUFS: std::cell::RefCell<PackBuffers> = Default::default();
        }
        let (a, b) = (Operand::new(a, k, m, a_t), Operand::new(b, n, k, b_t));
        BUFS.with_borrow_mut(|bufs| gemm(m, n, k, a, b, c, accumulate, bufs));
    }
    #[cfg(not(target_arch = "wasm32"))]
    gemm_crate(m, n, k, a, a_t, b, b_t, c, accumulate);
}

#[cfg(not(target_arch = "wasm32"))]
#[allow(clippy::too_many_arguments)]
fn gemm_crate(
    m: usize,
    n: usize,
    k: usize,
    a: &[f32],
    a_t: bool,
    b: &[f32],
    b_t: bool,
    c: &mut [f32],
    accumulate: bool,
) {
    // Strides in elements: (row stride, column stride).
    let (a_rs, a_cs) = if a_t {
        (1, m as isize)
    } else {
        (k as isize, 1)
    };
    let (b_rs, b_cs) = if b_t {
        (1, k as isize)
    } else {
        (n as isize, 1)
    };
    // SAFETY: the assert above guarantees every index the strides reach lies inside the slices,
    // and `c` does not alias `a` or `b` (it is a distinct &mut borrow).
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c.as_mut_ptr(),
            1,
            n as isize,
            accumulate,
            a.as_ptr(),
            a_cs,
            a_rs,
            b.as_ptr(),
            b_cs,
            b_rs,
            1.0,
            1.0,
            false,
            false,
            false,
            gemm::Parallelism::None,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(m: usize, n: usize, k: usize, a: &[f32], a_t: bool, b: &[f32], b_t: bool) -> Vec<f32> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                let mut s = 0.0;
                for p in 0..k {
                    let av = if a_t { a[p * m + i] } else { a[i * k + p] };
                    let bv = if b_t { b[j * k + p] } else { b[p * n + j] };
                    s += av * bv;
                }
                c[i * n + j] = s;
            }
        }
        c
    }

    proptest! {
        #[test]
        fn matches_naive(m in 1usize..20, n in 1usize..20, k in 0usize..20, a_t: bool, b_t: bool, acc: bool, seed in 0u32..1000) {
            let gen = |len: usize, off: u32| (0..len).map(|i| (((i as u32 * 7919 + seed + off) % 97) as f32 - 48.0) / 16.0).collect::<Vec<_>>();
            let a = gen(m * k, 1);
            let b = gen(k * n, 2);
            let mut c = gen(m * n, 3);
            let before = c.clone();
            matmul(m, n, k, &a, a_t, &b, b_t, &mut c, acc);
            let want = naive(m, n, k, &a, a_t, &b, b_t);
            for i in 0..m * n {
                let expect = want[i] + if acc { before[i] } else { 0.0 };
                prop_assert!((c[i] - expect).abs() < 1e-3, "at {i}: {} vs {expect}", c[i]);
            }
        }
    }
}

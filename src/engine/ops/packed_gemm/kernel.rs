//! The matrix product's 4×8 microkernel: wasm SIMD in the page (relaxed-SIMD fused multiply-add
//! in the `relaxed-simd` build), and the same arithmetic in plain Rust natively, where it only
//! serves the tests of `packed_gemm`'s blocking and packing (native products use `gemm`).

use super::{MR, NR};
#[cfg(not(target_arch = "wasm32"))]
pub use plain::tile_add;
#[cfg(target_arch = "wasm32")]
pub use simd::tile_add;

/// The tile `Σ_p a[p] ⊗ b[p]` on its own, for edge tiles that only partly fit in C.
pub fn tile(ap: &[f32], bp: &[f32], kc: usize) -> [[f32; NR]; MR] {
    let mut out = [0.0f32; MR * NR];
    tile_add(ap, bp, kc, &mut out, NR);
    std::array::from_fn(|r| std::array::from_fn(|j| out[r * NR + j]))
}

/// The 4×8 microkernel: `Σ_p a[p][0..4] ⊗ b[p][0..8]` over packed panels, held in 8 vectors.
#[cfg(target_arch = "wasm32")]
mod simd {
    use super::super::{LANES, MR, NR};
    use core::arch::wasm32::*;

    /// `a·b + c`: one fused (or, where the hardware has no FMA, unfused) relaxed multiply-add in the
    /// `relaxed-simd` build, a multiply and an add otherwise.
    #[cfg(feature = "relaxed-simd")]
    #[inline]
    #[target_feature(enable = "relaxed-simd")]
    fn madd(a: v128, b: v128, c: v128) -> v128 {
        f32x4_relaxed_madd(a, b, c)
    }

    #[cfg(not(feature = "relaxed-simd"))]
    #[inline(always)]
    fn madd(a: v128, b: v128, c: v128) -> v128 {
        f32x4_add(c, f32x4_mul(a, b))
    }

    /// `c[r·ldc + j] += Σ_p a[p][r]·b[p][j]` for a whole MR×NR tile of C, summed in registers
    /// starting from C's values.
    #[cfg_attr(feature = "relaxed-simd", target_feature(enable = "relaxed-simd"))]
    #[cfg_attr(not(feature = "relaxed-simd"), inline(always))]
    pub fn tile_add(ap: &[f32], bp: &[f32], kc: usize, c: &mut [f32], ldc: usize) {
        assert!(ap.len() >= kc * MR * LANES && bp.len() >= kc * NR);
        assert!(c.len() >= (MR - 1) * ldc + NR);
        let cp = c.as_mut_ptr();
        let mut acc = [f32x4_splat(0.0); 2 * MR];
        for r in 0..MR {
            // SAFETY: the assert above bounds rows r < MR of NR values each.
            unsafe {
                acc[2 * r] = v128_load(cp.add(r * ldc) as *const v128);
                acc[2 * r + 1] = v128_load(cp.add(r * ldc + 4) as *const v128);
            }
        }
        for p in 0..kc {
            // SAFETY: as in `tile`.
            unsafe {
                let b0 = v128_load(bp.as_ptr().add(p * NR) as *const v128);
                let b1 = v128_load(bp.as_ptr().add(p * NR + 4) as *const v128);
                let a = ap.as_ptr().add(p * MR * LANES);
                for r in 0..MR {
                    let ar = v128_load(a.add(r * LANES) as *const v128);
                    acc[2 * r] = madd(ar, b0, acc[2 * r]);
                    acc[2 * r + 1] = madd(ar, b1, acc[2 * r + 1]);
                }
            }
        }
        for r in 0..MR {
            // SAFETY: as for the loads above.
            unsafe {
                v128_store(cp.add(r * ldc) as *mut v128, acc[2 * r]);
                v128_store(cp.add(r * ldc + 4) as *mut v128, acc[2 * r + 1]);
            }
        }
    }
}

/// The same microkernel in plain Rust, for native tests of the blocking and packing.
#[cfg(not(target_arch = "wasm32"))]
mod plain {
    use super::super::{LANES, MR, NR};

    /// `c[r·ldc + j] += Σ_p a[p][r]·b[p][j]` for a whole MR×NR tile, summed from C's values.
    pub fn tile_add(ap: &[f32], bp: &[f32], kc: usize, c: &mut [f32], ldc: usize) {
        let mut acc: [[f32; NR]; MR] =
            std::array::from_fn(|r| std::array::from_fn(|j| c[r * ldc + j]));
        for p in 0..kc {
            let a = ap[p * MR * LANES..(p + 1) * MR * LANES]
                .iter()
                .step_by(LANES);
            let b = &bp[p * NR..p * NR + NR];
            for (row, av) in acc.iter_mut().zip(a) {
                for (c, bv) in row.iter_mut().zip(b) {
                    *c += av * bv;
                }
            }
        }
        for (r, row) in acc.iter().enumerate() {
            c[r * ldc..r * ldc + NR].copy_from_slice(row);
        }
    }
}

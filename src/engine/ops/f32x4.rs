//! A 4-lane `f32` vector for element-wise kernels (the Winograd transforms): wasm SIMD in the page,
//! a plain array natively. The same source then runs with SIMD instructions in the page and is
//! tested natively, where LLVM vectorises the array code on its own. Only what the kernels use.
//!
//! Why not `std::simd`: it is not stable. Why not `wide` or `pulp`: they cover wasm but bring a
//! larger API than these few operations, and the matrix kernel already uses `core::arch::wasm32`.

use std::ops::{Add, Mul, Neg, Sub};

#[cfg(target_arch = "wasm32")]
use core::arch::wasm32::*;

#[cfg(target_arch = "wasm32")]
#[derive(Clone, Copy)]
pub struct F4(v128);

#[cfg(not(target_arch = "wasm32"))]
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct F4([f32; 4]);

#[cfg(target_arch = "wasm32")]
impl F4 {
    /// The first four values of `s` (which must hold at least four).
    #[inline(always)]
    pub fn load(s: &[f32]) -> Self {
        let s = &s[..4];
        // SAFETY: `s` holds exactly four values; wasm loads need no alignment.
        Self(unsafe { v128_load(s.as_ptr() as *const v128) })
    }
    /// Writes the four lanes to the first four places of `d`.
    #[inline(always)]
    pub fn store(self, d: &mut [f32]) {
        let d = &mut d[..4];
        // SAFETY: as for `load`.
        unsafe { v128_store(d.as_mut_ptr() as *mut v128, self.0) }
    }
    #[inline(always)]
    pub fn splat(v: f32) -> Self {
        Self(f32x4_splat(v))
    }
    #[inline(always)]
    pub fn from_array(a: [f32; 4]) -> Self {
        Self(f32x4(a[0], a[1], a[2], a[3]))
    }
    /// `[a0, a2, b0, b2]`: the even lanes of `a` then `b`.
    #[inline(always)]
    pub fn even(a: Self, b: Self) -> Self {
        Self(i32x4_shuffle::<0, 2, 4, 6>(a.0, b.0))
    }
    /// `[a1, a3, b1, b3]`.
    #[inline(always)]
    pub fn odd(a: Self, b: Self) -> Self {
        Self(i32x4_shuffle::<1, 3, 5, 7>(a.0, b.0))
    }
    /// `[a0, b0, a1, b1]`.
    #[inline(always)]
    pub fn zip_lo(a: Self, b: Self) -> Self {
        Self(i32x4_shuffle::<0, 4, 1, 5>(a.0, b.0))
    }
    /// `[a2, b2, a3, b3]`.
    #[inline(always)]
    pub fn zip_hi(a: Self, b: Self) -> Self {
        Self(i32x4_shuffle::<2, 6, 3, 7>(a.0, b.0))
    }
    /// `[a0, a1, b0, b1]`.
    #[inline(always)]
    pub fn low_halves(a: Self, b: Self) -> Self {
        Self(i32x4_shuffle::<0, 1, 4, 5>(a.0, b.0))
    }
    /// `self < o ? o : self` per lane (one instruction, unlike IEEE max): a NaN in `o` is
    /// dropped, one in `self` kept.
    #[inline(always)]
    pub fn pmax(self, o: Self) -> Self {
        Self(f32x4_pmax(self.0, o.0))
    }
    /// Lanes set (all bits) where `self == o`.
    #[inline(always)]
    pub fn eq(self, o: Self) -> Self {
        Self(f32x4_eq(self.0, o.0))
    }
    /// Lanes set where `self > o`.
    #[inline(always)]
    pub fn gt(self, o: Self) -> Self {
        Self(f32x4_gt(self.0, o.0))
    }
    /// Lanes set where `self` is NaN.
    #[inline(always)]
    pub fn is_nan(self) -> Self {
        Self(f32x4_ne(self.0, self.0))
    }
    /// Bitwise or (of masks).
    #[inline(always)]
    pub fn or(self, o: Self) -> Self {
        Self(v128_or(self.0, o.0))
    }
    /// `a`'s lanes where `mask` is set, else `b`'s.
    #[inline(always)]
    pub fn select(mask: Self, a: Self, b: Self) -> Self {
        Self(v128_bitselect(a.0, b.0, mask.0))
    }
    /// Every lane holding the bits `v` (integer codes carried through `select`).
    #[inline(always)]
    pub fn splat_bits(v: u32) -> Self {
        Self(u32x4_splat(v))
    }
    /// Lane `i`'s bits.
    #[inline(always)]
    pub fn lane_bits(self, i: usize) -> u32 {
        match i {
            0 => u32x4_extract_lane::<0>(self.0),
            1 => u32x4_extract_lane::<1>(self.0),
            2 => u32x4_extract_lane::<2>(self.0),
            _ => u32x4_extract_lane::<3>(self.0),
        }
    }
    /// `[a2, a3, b2, b3]`.
    #[inline(always)]
    pub fn high_halves(a: Self, b: Self) -> Self {
        Self(i32x4_shuffle::<2, 3, 6, 7>(a.0, b.0))
    }
    /// Each lane spread over a whole vector: `[splat(l0), splat(l1), splat(l2), splat(l3)]`, one
    /// shuffle each.
    #[inline(always)]
    pub fn broadcast(self) -> [Self; 4] {
        let v = self.0;
        [
            Self(i32x4_shuffle::<0, 0, 0, 0>(v, v)),
            Self(i32x4_shuffle::<1, 1, 1, 1>(v, v)),
            Self(i32x4_shuffle::<2, 2, 2, 2>(v, v)),
            Self(i32x4_shuffle::<3, 3, 3, 3>(v, v)),
        ]
    }
    /// Lane `i` (0..4).
    #[inline(always)]
    pub fn lane(self, i: usize) -> f32 {
        match i {
            0 => f32x4_extract_lane::<0>(self.0),
            1 => f32x4_extract_lane::<1>(self.0),
            2 => f32x4_extract_lane::<2>(self.0),
            _ => f32x4_extract_lane::<3>(self.0),
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl F4 {
    #[inline(always)]
    pub fn load(s: &[f32]) -> Self {
        Self(s[..4].try_into().expect("four values"))
    }
    #[inline(always)]
    pub fn store(self, d: &mut [f32]) {
        d[..4].copy_from_slice(&self.0);
    }
    #[inline(always)]
    pub fn splat(v: f32) -> Self {
        Self([v; 4])
    }
    #[inline(always)]
    pub fn from_array(a: [f32; 4]) -> Self {
        Self(a)
    }
    #[inline(always)]
    pub fn even(a: Self, b: Self) -> Self {
        Self([a.0[0], a.0[2], b.0[0], b.0[2]])
    }
    #[inline(always)]
    pub fn odd(a: Self, b: Self) -> Self {
        Self([a.0[1], a.0[3], b.0[1], b.0[3]])
    }
    #[inline(always)]
    pub fn zip_lo(a: Self, b: Self) -> Self {
        Self([a.0[0], b.0[0], a.0[1], b.0[1]])
    }
    #[inline(always)]
    pub fn zip_hi(a: Self, b: Self) -> Self {
        Self([a.0[2], b.0[2], a.0[3], b.0[3]])
    }
    #[inline(always)]
    pub fn low_halves(a: Self, b: Self) -> Self {
        Self([a.0[0], a.0[1], b.0[0], b.0[1]])
    }
    #[inline(always)]
    pub fn pmax(self, o: Self) -> Self {
        Self(std::array::from_fn(|i| {
            if self.0[i] < o.0[i] {
                o.0[i]
            } else {
                self.0[i]
            }
        }))
    }
    #[inline(always)]
    pub fn eq(self, o: Self) -> Self {
        Self::mask(|i| self.0[i] == o.0[i])
    }
    #[inline(always)]
    pub fn gt(self, o: Self) -> Self {
        Self::mask(|i| self.0[i] > o.0[i])
    }
    #[inline(always)]
    pub fn is_nan(self) -> Self {
        Self::mask(|i| self.0[i].is_nan())
    }
    #[inline(always)]
    pub fn or(self, o: Self) -> Self {
        Self(std::array::from_fn(|i| {
            f32::from_bits(self.0[i].to_bits() | o.0[i].to_bits())
        }))
    }
    #[inline(always)]
    pub fn select(mask: Self, a: Self, b: Self) -> Self {
        Self(std::array::from_fn(|i| {
            let m = mask.0[i].to_bits();
            f32::from_bits(a.0[i].to_bits() & m | b.0[i].to_bits() & !m)
        }))
    }
    #[inline(always)]
    pub fn splat_bits(v: u32) -> Self {
        Self([f32::from_bits(v); 4])
    }
    #[inline(always)]
    pub fn lane_bits(self, i: usize) -> u32 {
        self.0[i].to_bits()
    }
    #[inline(always)]
    fn mask(f: impl Fn(usize) -> bool) -> Self {
        Self(std::array::from_fn(|i| {
            f32::from_bits(if f(i) { u32::MAX } else { 0 })
        }))
    }
    #[inline(always)]
    pub fn high_halves(a: Self, b: Self) -> Self {
        Self([a.0[2], a.0[3], b.0[2], b.0[3]])
    }
    #[inline(always)]
    pub fn lane(self, i: usize) -> f32 {
        self.0[i]
    }
    #[inline(always)]
    pub fn broadcast(self) -> [Self; 4] {
        self.0.map(Self::splat)
    }
}

impl Default for F4 {
    fn default() -> Self {
        Self::splat(0.0)
    }
}

impl F4 {
    /// The 4×4 transpose of rows `r`: lane `j` of result `i` is lane `i` of `r[j]`.
    #[inline(always)]
    pub fn transpose(r: [F4; 4]) -> [F4; 4] {
        let (t0, t1) = (F4::zip_lo(r[0], r[1]), F4::zip_lo(r[2], r[3]));
        let (t2, t3) = (F4::zip_hi(r[0], r[1]), F4::zip_hi(r[2], r[3]));
        [
            F4::low_halves(t0, t1),
            F4::high_halves(t0, t1),
            F4::low_halves(t2, t3),
            F4::high_halves(t2, t3),
        ]
    }
}

macro_rules! lanewise {
    ($tr:ident, $f:ident, $op:tt, $wasm:ident) => {
        impl $tr for F4 {
            type Output = F4;
            #[inline(always)]
            fn $f(self, o: F4) -> F4 {
                #[cfg(target_arch = "wasm32")]
                return F4($wasm(self.0, o.0));
                #[cfg(not(target_arch = "wasm32"))]
                return F4(std::array::from_fn(|i| self.0[i] $op o.0[i]));
            }
        }
    };
}
lanewise!(Add, add, +, f32x4_add);
lanewise!(Sub, sub, -, f32x4_sub);
lanewise!(Mul, mul, *, f32x4_mul);

impl Neg for F4 {
    type Output = F4;
    #[inline(always)]
    fn neg(self) -> F4 {
        #[cfg(target_arch = "wasm32")]
        return F4(f32x4_neg(self.0));
        #[cfg(not(target_arch = "wasm32"))]
        return F4(self.0.map(|v| -v));
    }
}

#[cfg(test)]
mod tests {
    use super::F4;

    fn lanes(v: F4) -> [f32; 4] {
        std::array::from_fn(|i| v.lane(i))
    }

    #[test]
    fn shuffles_and_arithmetic_are_lane_by_lane() {
        let (a, b) = (
            F4::load(&[1.0, 2.0, 3.0, 4.0, 9.0]),
            F4::load(&[5.0, 6.0, 7.0, 8.0]),
        );
        assert_eq!(lanes(F4::even(a, b)), [1.0, 3.0, 5.0, 7.0]);
        assert_eq!(lanes(F4::odd(a, b)), [2.0, 4.0, 6.0, 8.0]);
        assert_eq!(lanes(F4::zip_lo(a, b)), [1.0, 5.0, 2.0, 6.0]);
        assert_eq!(lanes(F4::zip_hi(a, b)), [3.0, 7.0, 4.0, 8.0]);
        assert_eq!(lanes(a + b * F4::splat(0.5) - a), [2.5, 3.0, 3.5, 4.0]);
        assert_eq!(lanes(-a), [-1.0, -2.0, -3.0, -4.0]);
        assert_eq!(
            lanes(F4::from_array([4.0, 3.0, 2.0, 1.0])),
            [4.0, 3.0, 2.0, 1.0]
        );
        let (z, one) = (F4::from_array([-1.0, 0.0, f32::NAN, 2.0]), F4::splat(1.0));
        assert_eq!(lanes(z.pmax(one))[..2], [1.0, 1.0]);
        assert!(lanes(z.pmax(one))[2].is_nan() && lanes(one.pmax(z))[2] == 1.0);
        assert_eq!(lanes(F4::select(z.gt(one), a, b)), [5.0, 6.0, 7.0, 4.0]);
        assert_eq!(
            lanes(F4::select(one.eq(z).or(z.is_nan()), a, b)),
            [5.0, 6.0, 3.0, 8.0]
        );
        let codes = F4::select(z.is_nan(), F4::splat_bits(4), F4::splat_bits(1));
        assert_eq!(std::array::from_fn(|i| codes.lane_bits(i)), [1, 1, 4, 1]);
        let rows = [a, b, -a, -b];
        let cols = F4::transpose(rows);
        for (i, c) in cols.iter().enumerate() {
            for (j, r) in rows.iter().enumerate() {
                assert_eq!(c.lane(j), r.lane(i));
            }
        }
        let spread = b.broadcast();
        for (i, v) in spread.iter().enumerate() {
            assert_eq!(lanes(*v), [b.lane(i); 4]);
        }
        let mut out = [0.0; 5];
        b.store(&mut out[1..]);
        assert_eq!(out, [0.0, 5.0, 6.0, 7.0, 8.0]);
    }
}

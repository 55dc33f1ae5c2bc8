//! The page's matrix product: a packed, cache-blocked GEMM (GotoBLAS's loop order) around a 4×8
//! register-tiled microkernel written with wasm SIMD, using relaxed-SIMD fused multiply-add in the
//! `relaxed-simd` build (`f32x4_relaxed_madd`: one FMA instead of a multiply and an add).
//!
//! Why our own: the `gemm` crate's wasm kernels multiply and add separately and pack for shapes we
//! do not have; in Chromium this kernel runs the engine's products faster (docs/benchmarks.md).
//! Natively the engine keeps `gemm`, which picks AVX2/AVX-512 at run time. The blocking and packing
//! here are plain Rust, and the microkernel (`packed_gemm/kernel.rs`) has a plain-Rust twin, so the same
//! blocking is tested natively and runs with the SIMD kernel in the page.

use super::f32x4::F4;

/// Rows of A per microkernel tile.
pub(crate) const MR: usize = 4;
/// Each packed value of A is stored this many times (once per SIMD lane): the kernel then reads a
/// ready broadcast with a plain vector load at a constant offset. A load-and-splat would do, but in
/// wasm it cannot fold its offset, and V8 spends an address add per load on it (see
/// docs/benchmarks.md: that bookkeeping competes with the multiply-adds for the same ports).
pub(crate) const LANES: usize = 4;
// `pack_a` loads a panel's rows (transposed A) or four depths (row-major A) as one 4-lane vector.
const _: () = assert!(MR == 4 && LANES == 4);
/// Columns of B per microkernel tile (two 4-lane vectors).
pub(crate) const NR: usize = 8;
/// Depth of one packed block: a KC×NR panel of B (8 KB) stays in L1 while A's rows stream past it.
const KC: usize = 256;
/// Rows of A packed at once (MC×KC = 64 KB, L2-resident).
const MC: usize = 64;
/// Columns of B packed at once (KC×NC = 1 MB).
const NC: usize = 1024;

/// A matrix operand: row-major `rows×cols` data, or its transpose stored row-major.
#[derive(Clone, Copy)]
pub struct Operand<'a> {
    pub data: &'a [f32],
    /// Element (i, j) is at `i·rs + j·cs`.
    pub rs: usize,
    pub cs: usize,
}

impl<'a> Operand<'a> {
    /// `rows×cols` stored row-major, or (with `transposed`) stored as its `cols×rows` transpose.
    pub fn new(data: &'a [f32], cols: usize, rows: usize, transposed: bool) -> Self {
        if transposed {
            Self {
                data,
                rs: 1,
                cs: rows,
            }
        } else {
            Self {
                data,
                rs: cols,
                cs: 1,
            }
        }
    }
    #[inline(always)]
    fn at(&self, i: usize, j: usize) -> f32 {
        self.data[i * self.rs + j * self.cs]
    }
}

/// Reusable packing buffers (kept by the caller so a training step allocates nothing).
#[derive(Default)]
pub struct PackBuffers {
    a: Vec<f32>,
    b: Vec<f32>,
}

/// `c (m×n, row-major) = a (m×k) · b (k×n)`, or `c += …` when `accumulate`.
#[allow(clippy::too_many_arguments)]
pub fn gemm(
    m: usize,
    n: usize,
    k: usize,
    a: Operand,
    b: Operand,
    c: &mut [f32],
    accumulate: bool,
    bufs: &mut PackBuffers,
) {
    if !accumulate {
        c[..m * n].fill(0.0);
    }
    if m < MR {
        return thin(m, n, k, a, b, c);
    }
    for jc in (0..n).step_by(NC) {
        let nc = NC.min(n - jc);
        let panels_b = nc.div_ceil(NR);
        for pc in (0..k).step_by(KC) {
            let kc = KC.min(k - pc);
            pack_b(&b, pc, kc, jc, nc, &mut bufs.b);
            for ic in (0..m).step_by(MC) {
                let mc = MC.min(m - ic);
                pack_a(&a, ic, mc, pc, kc, &mut bufs.a);
                for pi in 0..mc.div_ceil(MR) {
                    let ap = &bufs.a[pi * MR * LANES * kc..(pi + 1) * MR * LANES * kc];
                    let rows = MR.min(mc - pi * MR);
                    for pj in 0..panels_b {
                        let bp = &bufs.b[pj * NR * kc..(pj + 1) * NR * kc];
                        let cols = NR.min(nc - pj * NR);
                        let (i0, j0) = (ic + pi * MR, jc + pj * NR);
                        if rows == MR && cols == NR {
                            // A whole tile: the kernel starts its sums from C and stores them
                            // back itself (with few depth steps, a returned tile added
                            // element by element cost as much as the products).
                            kernel::tile_add(ap, bp, kc, &mut c[i0 * n + j0..], n);
                            continue;
                        }
                        let tile = kernel::tile(ap, bp, kc);
                        for (r, row) in tile.iter().enumerate().take(rows) {
                            let dst = &mut c[(i0 + r) * n + j0..(i0 + r) * n + j0 + cols];
                            for (d, v) in dst.iter_mut().zip(row) {
                                *d += v;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `c += a·b` for fewer rows than a tile (one image through a dense layer): packing B would copy
/// the whole weight matrix to use each value once, so this reads it in place, row by row.
fn thin(m: usize, n: usize, k: usize, a: Operand, b: Operand, c: &mut [f32]) {
    let mut row = vec![0.0f32; k];
    for i in 0..m {
        for (p, v) in row.iter_mut().enumerate() {
            *v = a.at(i, p);
        }
        let out = &mut c[i * n..(i + 1) * n];
        if b.cs == 1 {
            // B's rows are contiguous: add a[i][p] × row p of B.
            for (p, &av) in row.iter().enumerate() {
                let src = &b.data[p * b.rs..p * b.rs + n];
                for (o, s) in out.iter_mut().zip(src) {
                    *o += av * s;
                }
            }
        } else {
            // B's columns are contiguous (a transposed weight matrix): one dot product per output.
            for (j, o) in out.iter_mut().enumerate() {
                *o += dot(&row, &b.data[j * b.cs..j * b.cs + k]);
            }
        }
    }
}

/// A dot product in eight independent lanes, so it vectorises without reassociating one sum.
fn dot(x: &[f32], y: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (xc, yc) = (x.chunks_exact(8), y.chunks_exact(8));
    let tail: f32 = xc
        .remainder()
        .iter()
        .zip(yc.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (xs, ys) in xc.zip(yc) {
        for l in 0..8 {
            lanes[l] += xs[l] * ys[l];
        }
    }
    lanes.iter().sum::<f32>() + tail
}

/// Packs rows `i0..i0+mc`, depth `p0..p0+kc` of A as MR-row panels, depth-major inside a panel,
/// every value repeated `LANES` times (`[p][r][lane]`), zero-padded to a whole panel. Whole panels
/// go four values per vector load, each spread by a shuffle (why packing matters:
/// docs/benchmarks.md, "Behind the comments").
fn pack_a(a: &Operand, i0: usize, mc: usize, p0: usize, kc: usize, out: &mut Vec<f32>) {
    let panels = mc.div_ceil(MR);
    let size = MR * LANES * kc;
    // Every packed value is written below, so the buffer only grows and is never cleared. (A last
    // panel's padding never reaches C, edge tiles copy out only their valid part; it is zeroed
    // anyway so that stale values, possibly denormal, do not slow those tiles.)
    if out.len() < panels * size {
        out.resize(panels * size, 0.0);
    }
    for (pi, panel) in out[..panels * size].chunks_exact_mut(size).enumerate() {
        let (i, rows) = (i0 + pi * MR, MR.min(mc - pi * MR));
        let mut done = 0;
        if rows == MR && a.cs == 1 {
            // Row-major: four depths of each row in one load.
            while done + 4 <= kc {
                for r in 0..MR {
                    let v = F4::load(&a.data[(i + r) * a.rs + p0 + done..]);
                    for (q, spread) in v.broadcast().into_iter().enumerate() {
                        spread.store(&mut panel[(done + q) * MR * LANES + r * LANES..]);
                    }
                }
                done += 4;
            }
        } else if rows == MR && a.rs == 1 {
            // Stored transposed: a depth's four rows are contiguous, one load.
            for p in 0..kc {
                let v = F4::load(&a.data[(p0 + p) * a.cs + i..]);
                for (r, spread) in v.broadcast().into_iter().enumerate() {
                    spread.store(&mut panel[p * MR * LANES + r * LANES..]);
                }
            }
            done = kc;
        }
        // The depths left over, and a last panel of fewer rows: value by value, zeros past A.
        for r in 0..MR {
            for p in done..kc {
                let at = p * MR * LANES + r * LANES;
                let v = if r < rows { a.at(i + r, p0 + p) } else { 0.0 };
                panel[at..at + LANES].fill(v);
            }
        }
    }
}

/// Packs depth `p0..p0+kc`, columns `j0..j0+nc` of B as NR-column panels (`[p][col]`), zero-padded.
fn pack_b(b: &Operand, p0: usize, kc: usize, j0: usize, nc: usize, out: &mut Vec<f32>) {
    let panels = nc.div_ceil(NR);
    // As in `pack_a`: grown, never zeroed; a last panel's columns past B are zeroed below.
    if out.len() < panels * NR * kc {
        out.resize(panels * NR * kc, 0.0);
    }
    if b.cs == 1 {
        // Row-major B: row by row, so B is read in order (a panel at a time read one short piece
        // of each of kc rows far apart); a last panel of fewer columns is zero-padded.
        let whole = nc / NR;
        for p in 0..kc {
            let row = &b.data[(p0 + p) * b.rs + j0..][..nc];
            for (pj, src) in row.chunks_exact(NR).enumerate() {
                let at = (pj * kc + p) * NR;
                F4::load(src).store(&mut out[at..]);
                F4::load(&src[4..]).store(&mut out[at + 4..]);
            }
            if whole < panels {
                let at = (whole * kc + p) * NR;
                let rest = &row[whole * NR..];
                out[at..at + rest.len()].copy_from_slice(rest);
                out[at + rest.len()..at + NR].fill(0.0);
            }
        }
        return;
    }
    for pj in 0..panels {
        let panel = &mut out[pj * NR * kc..(pj + 1) * NR * kc];
        let cols = NR.min(nc - pj * NR);
        let j = j0 + pj * NR;
        if cols < NR {
            for p in 0..kc {
                panel[p * NR + cols..(p + 1) * NR].fill(0.0);
            }
        }
        // B stored transposed (a dense layer's weights in its forward pass): its columns are
        // contiguous, so four depth steps of four columns are one 4×4 transpose.
        let mut done = 0;
        if cols == NR {
            while done + 4 <= kc {
                for c0 in [0, 4] {
                    let rows: [F4; 4] = std::array::from_fn(|c| {
                        F4::load(&b.data[(j + c0 + c) * b.cs + p0 + done..])
                    });
                    for (q, v) in F4::transpose(rows).into_iter().enumerate() {
                        v.store(&mut panel[(done + q) * NR + c0..]);
                    }
                }
                done += 4;
            }
        }
        for p in done..kc {
            for (c, d) in panel[p * NR..p * NR + cols].iter_mut().enumerate() {
                *d = b.at(p0 + p, j + c);
            }
        }
    }
}

mod kernel;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn naive(m: usize, n: usize, k: usize, a: &Operand, b: &Operand) -> Vec<f32> {
        let mut c = vec![0.0f32; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| a.at(i, p) * b.at(p, j)).sum();
            }
        }
        c
    }

    fn values(len: usize, seed: u32) -> Vec<f32> {
        (0..len)
            .map(|i| (((i as u32).wrapping_mul(7919).wrapping_add(seed) % 97) as f32 - 48.0) / 32.0)
            .collect()
    }

    fn check(m: usize, n: usize, k: usize, a_t: bool, b_t: bool, acc: bool, seed: u32) {
        let (ad, bd) = (values(m * k, seed), values(k * n, seed + 1));
        let (a, b) = (Operand::new(&ad, k, m, a_t), Operand::new(&bd, n, k, b_t));
        let mut c = values(m * n, seed + 2);
        let before = c.clone();
        gemm(m, n, k, a, b, &mut c, acc, &mut PackBuffers::default());
        let want = naive(m, n, k, &a, &b);
        for i in 0..m * n {
            let expect = want[i] + if acc { before[i] } else { 0.0 };
            let tol = 1e-4 * (1.0 + expect.abs()) * ((k + 1) as f32).sqrt();
            assert!(
                (c[i] - expect).abs() < tol,
                "{m}×{k}·{k}×{n} at {i}: {} vs {expect}",
                c[i]
            );
        }
    }

    proptest! {
        #[test]
        fn matches_naive_on_small_shapes(m in 1usize..13, n in 1usize..20, k in 0usize..20, a_t: bool, b_t: bool, acc: bool, seed in 0u32..1000) {
            check(m, n, k, a_t, b_t, acc, seed);
        }
    }

    #[test]
    fn matches_naive_across_every_block_edge() {
        // Past MC, KC and NC, with ragged MR/NR edges; and the seed model's products' shapes.
        for (m, n, k) in [
            (MC + 3, NC + 5, KC + 7),
            (60, 169, 270),
            (270, 169, 60),
            (129, 500, 300),
        ] {
            for (a_t, b_t) in [(false, false), (true, false), (false, true)] {
                check(m, n, k, a_t, b_t, true, 5);
            }
        }
    }
}

use super::*;
use crate::engine::testutil::uniform as values;
use proptest::prelude::*;

/// Every term of the convolution's definition: (output index, input index, kernel index), for
/// each output cell, input channel and kernel tap whose input cell is inside the plane.
fn terms(s: Shape) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for b in 0..s.n {
        for o in 0..s.o {
            for oy in 0..s.oh {
                for ox in 0..s.ow {
                    for c in 0..s.c {
                        for ky in 0..3 {
                            for kx in 0..3 {
                                let (iy, ix) = (
                                    oy as isize + ky as isize - s.top,
                                    ox as isize + kx as isize - s.left,
                                );
                                if iy < 0 || ix < 0 || iy >= s.h as isize || ix >= s.w as isize {
                                    continue;
                                }
                                out.push((
                                    ((b * s.o + o) * s.oh + oy) * s.ow + ox,
                                    ((b * s.c + c) * s.h + iy as usize) * s.w + ix as usize,
                                    ((o * s.c + c) * 3 + ky) * 3 + kx,
                                ));
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

/// The definition, summed directly in f64; also returns Σ|terms| per output for the tolerance.
fn direct(x: &[f32], s: Shape, k: &[f32], bias: &[f32]) -> (Vec<f32>, Vec<f32>) {
    let len = s.n * s.o * s.oh * s.ow;
    let mut sum: Vec<f64> = (0..len)
        .map(|i| bias[(i / (s.oh * s.ow)) % s.o] as f64)
        .collect();
    let mut mag: Vec<f64> = sum.iter().map(|v| v.abs()).collect();
    for (yi, xi, ki) in terms(s) {
        let t = x[xi] as f64 * k[ki] as f64;
        sum[yi] += t;
        mag[yi] += t.abs();
    }
    let f = |v: Vec<f64>| v.into_iter().map(|v| v as f32).collect();
    (f(sum), f(mag))
}

fn check(s: Shape, seed: u64) -> Result<(), TestCaseError> {
    let x = values(s.n * s.c * s.h * s.w, seed);
    let k = values(s.o * s.c * 9, seed + 1);
    let bias = values(s.o, seed + 2);
    let (want, mag) = direct(&x, s, &k, &bias);
    let mut y = vec![f32::NAN; want.len()];
    let kernel =
        |o: usize, c: usize| -> [f32; 9] { k[(o * s.c + c) * 9..][..9].try_into().unwrap() };
    Winograd::default().conv(&x, s, kernel, Some(&bias), Output::Planes(&mut y));
    for i in 0..want.len() {
        prop_assert!(
            (y[i] - want[i]).abs() <= 1e-5 * (1.0 + mag[i]),
            "{s:?} at {i}: {} vs {}",
            y[i],
            want[i]
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Any sizes (odd outputs cut the last tile; rows of four tiles or more take the
    /// four-tiles-per-vector path, fewer the one-tile path), any offset (padding, or skipped rows), many
    /// images per product and one: the same numbers as the definition, forward and kernel gradient.
    #[test]
    fn matches_the_definition(n in 1usize..4, c in 1usize..6, o in 1usize..6, h in 1usize..12, w in 1usize..20,
                              oh in 1usize..12, ow in 1usize..20, top in -2isize..4, left in -2isize..4, seed in 0u64..1000) {
        let s = Shape { n, c, h, w, o, oh, ow, top, left };
        check(s, seed)?;
        check_kernel_grad(s, seed)?;
    }
}

#[test]
fn seed_model_shapes_many_groups() {
    // conv2d_1 forward (same padding) and kernel gradient, then its input gradient, with more
    // images than one product holds.
    let forward = Shape {
        n: 9,
        c: 30,
        h: 13,
        w: 13,
        o: 60,
        oh: 13,
        ow: 13,
        top: 1,
        left: 1,
    };
    check(forward, 7).unwrap();
    check_kernel_grad(forward, 9).unwrap();
    // The seed's real 14×14 planes: whole tiles, so outputs go straight into the planes.
    let even = Shape {
        h: 14,
        w: 14,
        oh: 14,
        ow: 14,
        ..forward
    };
    check(even, 3).unwrap();
    check_kernel_grad(even, 4).unwrap();
    check(
        Shape {
            n: 9,
            c: 60,
            h: 13,
            w: 13,
            o: 30,
            oh: 13,
            ow: 13,
            top: 1,
            left: 1,
        },
        8,
    )
    .unwrap();
}

#[test]
fn no_input_channels_gives_the_bias() {
    let s = Shape {
        n: 2,
        c: 0,
        h: 3,
        w: 3,
        o: 2,
        oh: 3,
        ow: 3,
        top: 1,
        left: 1,
    };
    let mut y = vec![f32::NAN; 2 * 2 * 9];
    Winograd::default().conv(
        &[],
        s,
        |_, _| [0.0; 9],
        Some(&[1.5, -2.0]),
        Output::Planes(&mut y),
    );
    assert!(y
        .chunks(9)
        .enumerate()
        .all(|(i, p)| p.iter().all(|&v| v == [1.5, -2.0][i % 2])));
}

/// The kernel gradient by its definition, in f64; also Σ|terms| per weight for the tolerance.
fn direct_kernel_grad(x: &[f32], s: Shape, dy: &[f32]) -> (Vec<f32>, Vec<f32>) {
    let mut g = vec![0.0f64; s.o * s.c * 9];
    let mut mag = g.clone();
    for (yi, xi, ki) in terms(s) {
        let t = dy[yi] as f64 * x[xi] as f64;
        g[ki] += t;
        mag[ki] += t.abs();
    }
    let f = |v: Vec<f64>| v.into_iter().map(|v| v as f32).collect();
    (f(g), f(mag))
}

fn check_kernel_grad(s: Shape, seed: u64) -> Result<(), TestCaseError> {
    let x = values(s.n * s.c * s.h * s.w, seed);
    let dy = values(s.n * s.o * s.oh * s.ow, seed + 1);
    let (want, mag) = direct_kernel_grad(&x, s, &dy);
    // It adds to what is there.
    let before = values(want.len(), seed + 2);
    let mut got = before.clone();
    Winograd::default().add_kernel_grad(&x, s, &dy, &mut got);
    for i in 0..want.len() {
        let expect = before[i] + want[i];
        prop_assert!(
            (got[i] - expect).abs() <= 1e-5 * (1.0 + mag[i]),
            "{s:?} at {i}: {} vs {}",
            got[i],
            expect
        );
    }
    Ok(())
}

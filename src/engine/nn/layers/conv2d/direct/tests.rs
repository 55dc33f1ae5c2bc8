use super::*;
use crate::engine::ops::shape::Pads;
use crate::engine::testutil::uniform as values;
use proptest::prelude::*;

/// Every (image, output channel, output cell, input channel, tap) with its input index, if inside.
fn terms(n: usize, g: &Geometry, o: usize) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    for b in 0..n {
        for oc in 0..o {
            for oy in 0..g.oh {
                for ox in 0..g.ow {
                    for ic in 0..g.c {
                        for ky in 0..g.kh {
                            for kx in 0..g.kw {
                                let iy = (oy + ky).checked_sub(g.pads.top).filter(|&v| v < g.h);
                                let ix = (ox + kx).checked_sub(g.pads.left).filter(|&v| v < g.w);
                                if let (Some(iy), Some(ix)) = (iy, ix) {
                                    let yi = ((b * o + oc) * g.oh + oy) * g.ow + ox;
                                    let xi = ((b * g.c + ic) * g.h + iy) * g.w + ix;
                                    let wi = ((oc * g.c + ic) * g.kh + ky) * g.kw + kx;
                                    out.push((yi, xi, wi, oc));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn close(got: &[f32], want: &[f64], mag: &[f64]) -> Result<(), TestCaseError> {
    for i in 0..want.len() {
        prop_assert!(
            (got[i] as f64 - want[i]).abs() <= 1e-5 * (1.0 + mag[i]),
            "at {i}: {} vs {}",
            got[i],
            want[i]
        );
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn check(
    n: usize,
    c: usize,
    o: usize,
    h: usize,
    w: usize,
    k: (usize, usize),
    pads: Pads,
    seed: u64,
) -> Result<(), TestCaseError> {
    let (oh, ow) = (
        h + pads.top + pads.bottom + 1 - k.0,
        w + pads.left + pads.right + 1 - k.1,
    );
    let g = Geometry {
        c,
        h,
        w,
        kh: k.0,
        kw: k.1,
        sh: 1,
        sw: 1,
        dh: 1,
        dw: 1,
        pads,
        oh,
        ow,
    };
    let (x, wt, bias) = (
        values(n * c * h * w, seed),
        values(o * c * k.0 * k.1, seed + 1),
        values(o, seed + 2),
    );
    let dy = values(n * o * oh * ow, seed + 3);
    let t = terms(n, &g, o);
    // Forward against the definition.
    let mut y = vec![f32::NAN; dy.len()];
    forward(
        &x,
        n,
        &g,
        o,
        &wt,
        &bias,
        &mut y,
        &mut DirectBuffers::default(),
    );
    let (mut want, mut mag) = (vec![0.0f64; y.len()], vec![0.0f64; y.len()]);
    for (i, v) in want.iter_mut().enumerate() {
        *v = bias[(i / (oh * ow)) % o] as f64;
    }
    for &(yi, xi, wi, _) in &t {
        let p = x[xi] as f64 * wt[wi] as f64;
        want[yi] += p;
        mag[yi] += p.abs();
    }
    close(&y, &want, &mag)?;
    // Backward: weight, bias and input gradients, added to what is there.
    let (dw0, db0, dx0) = (
        values(wt.len(), seed + 4),
        values(o, seed + 5),
        values(x.len(), seed + 6),
    );
    let (mut dw, mut db, mut dx) = (dw0.clone(), db0.clone(), dx0.clone());
    let mut bufs = DirectBuffers::default();
    backward(
        &x,
        n,
        &g,
        o,
        &wt,
        &dy,
        &mut dw,
        &mut db,
        Some(&mut dx),
        &mut bufs,
    );
    // Without the input gradient: the same parameter gradients.
    let (mut dw2, mut db2) = (dw0.clone(), db0.clone());
    backward(&x, n, &g, o, &wt, &dy, &mut dw2, &mut db2, None, &mut bufs);
    prop_assert_eq!(&dw2, &dw);
    prop_assert_eq!(&db2, &db);
    let widen = |v: &[f32]| v.iter().map(|&a| a as f64).collect::<Vec<f64>>();
    let (mut want_dw, mut want_dx, mut want_db) = (widen(&dw0), widen(&dx0), widen(&db0));
    let (mut mag_dw, mut mag_dx) = (vec![1.0; dw.len()], vec![1.0; dx.len()]);
    for &(yi, xi, wi, _) in &t {
        want_dw[wi] += dy[yi] as f64 * x[xi] as f64;
        mag_dw[wi] += (dy[yi] * x[xi]).abs() as f64;
        want_dx[xi] += dy[yi] as f64 * wt[wi] as f64;
        mag_dx[xi] += (dy[yi] * wt[wi]).abs() as f64;
    }
    for (i, d) in dy.iter().enumerate() {
        want_db[(i / (oh * ow)) % o] += *d as f64;
    }
    close(&dw, &want_dw, &mag_dw)?;
    close(&dx, &want_dx, &mag_dx)?;
    close(&db, &want_db, &vec![dy.len() as f64; o])?;
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// Any sizes, kernels and paddings (also wider than the image): the definition's numbers.
    #[test]
    fn matches_the_definition(n in 1usize..3, c in 1usize..4, o in 1usize..4, h in 1usize..9, w in 1usize..9,
                              kh in 1usize..6, kw in 1usize..6, top in 0usize..3, bottom in 0usize..3,
                              left in 0usize..3, right in 0usize..3, seed in 0u64..1000) {
        let pads = Pads { top, bottom, left, right };
        prop_assume!(h + top + bottom >= kh && w + left + right >= kw);
        check(n, c, o, h, w, (kh, kw), pads, seed)?;
    }
}

#[test]
fn the_seed_models_first_layer_and_lenets_c1() {
    check(3, 1, 30, 28, 28, (3, 3), Pads::default(), 1).unwrap();
    check(2, 1, 6, 32, 32, (5, 5), Pads::default(), 2).unwrap();
}

//! Test helpers shared by the layer tests: seeded random data, naive references, and a finite-difference
//! gradient check that any layer must pass.

use crate::engine::nn::layers::{ConvConfig, Layer, Param};
use crate::engine::ops::shape::resolve_pads;
use crate::engine::ops::tensor::Tensor;
use proptest::test_runner::TestCaseError;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64;

/// `len` values in [−1, 1) from a 64-bit LCG: the same for a seed on every machine.
pub fn uniform(len: usize, seed: u64) -> Vec<f32> {
    let step = |s: u64| {
        s.wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
    };
    let mut s = step(seed);
    (0..len)
        .map(|_| {
            s = step(s);
            ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        })
        .collect()
}

pub fn random_tensor(shape: &[usize], seed: u64) -> Tensor {
    let mut rng = Pcg64::seed_from_u64(seed);
    let n = shape.iter().product();
    Tensor::from_vec(shape, (0..n).map(|_| rng.gen_range(-1.0f32..1.0)).collect())
}

pub fn randomize_params(layer: &mut dyn Layer, seed: u64) {
    let mut rng = Pcg64::seed_from_u64(seed);
    for p in layer.params_mut() {
        for v in &mut p.value {
            *v = rng.gen_range(-0.5f32..0.5);
        }
    }
    layer.constrain();
}

/// Direct 7-loop convolution: the reference the fast path must equal.
pub fn naive_conv2d(x: &Tensor, weight: &Param, bias: &Param, cfg: &ConvConfig) -> Tensor {
    let [n, c, h, w] = [x.shape()[0], x.shape()[1], x.shape()[2], x.shape()[3]];
    let (kh, kw) = cfg.kernel;
    let (sh, sw) = cfg.stride;
    let (dh, dw) = cfg.dilation;
    let p = resolve_pads(cfg.padding, h, w, cfg.kernel, cfg.stride, cfg.dilation);
    let oh = (h + p.top + p.bottom - (dh * (kh - 1) + 1)) / sh + 1;
    let ow = (w + p.left + p.right - (dw * (kw - 1) + 1)) / sw + 1;
    let o = cfg.out_channels;
    let mut y = Tensor::zeros(&[n, o, oh, ow]);
    for b in 0..n {
        for oc in 0..o {
            for oy in 0..oh {
                for ox in 0..ow {
                    let mut s = bias.value[oc] as f64;
                    for ic in 0..c {
                        for i in 0..kh {
                            for j in 0..kw {
                                let iy = (oy * sh + i * dh) as isize - p.top as isize;
                                let ix = (ox * sw + j * dw) as isize - p.left as isize;
                                if iy < 0 || ix < 0 || iy >= h as isize || ix >= w as isize {
                                    continue;
                                }
                                let xv =
                                    x.data()[((b * c + ic) * h + iy as usize) * w + ix as usize];
                                s += (xv * weight.value[((oc * c + ic) * kh + i) * kw + j]) as f64;
                            }
                        }
                    }
                    y.data_mut()[((b * o + oc) * oh + oy) * ow + ox] = s as f32;
                }
            }
        }
    }
    y
}

/// loss = Σ y·r for a fixed random r; compares the layer's backward pass with central differences
/// on up to 24 input values and 24 values of each parameter. Points where the function is not smooth
/// (a ReLU kink or a max-pool tie inside the step) are recognised by two step sizes disagreeing and
/// skipped; at least half the input points must be compared.
pub fn check_gradients(layer: &mut dyn Layer, x: &Tensor, seed: u64) -> Result<(), TestCaseError> {
    let y = layer.forward(x, true);
    let r = random_tensor(y.shape(), seed);
    let loss = |layer: &mut dyn Layer, x: &Tensor| -> f64 {
        let y = layer.forward(x, false);
        y.data()
            .iter()
            .zip(r.data())
            .map(|(a, b)| (*a as f64) * (*b as f64))
            .sum()
    };
    for p in layer.params_mut() {
        p.zero_grad();
    }
    layer.forward(x, true);
    let dx = layer.backward(&r);
    if dx.shape() != x.shape() {
        return Err(TestCaseError::fail(format!(
            "input gradient shape {:?} != input shape {:?}",
            dx.shape(),
            x.shape()
        )));
    }
    let mut rng = Pcg64::seed_from_u64(seed ^ 0x9e37);
    let numeric = |f: &mut dyn FnMut(f32) -> f64, v: f32| -> Option<f64> {
        let mut d = |eps: f32| (f(v + eps) - f(v - eps)) / (2.0 * eps as f64);
        let (a, b) = (d(1e-2), d(5e-3));
        ((a - b).abs() <= 1e-3 * (1.0 + a.abs())).then_some(b)
    };
    let close = |analytic: f64, num: f64| (analytic - num).abs() <= 2e-2 * (1.0 + num.abs());
    // Skipped (non-smooth) points are rare with random inputs: at least half must be compared, or a
    // layer whose every point looks non-smooth would pass without a single check.
    let attempted = 24.min(x.len());
    let mut compared = 0;
    for _ in 0..attempted {
        let i = rng.gen_range(0..x.len());
        let mut xp = x.clone();
        let v = x.data()[i];
        let mut f = |val: f32| {
            xp.data_mut()[i] = val;
            loss(layer, &xp)
        };
        if let Some(num) = numeric(&mut f, v) {
            compared += 1;
            let a = dx.data()[i] as f64;
            if !close(a, num) {
                return Err(TestCaseError::fail(format!(
                    "{}: d/dx[{i}] analytic {a} vs numeric {num}",
                    layer.kind()
                )));
            }
        }
    }
    if compared * 2 < attempted {
        return Err(TestCaseError::fail(format!(
            "{}: only {compared} of {attempted} input points were smooth enough to compare",
            layer.kind()
        )));
    }
    let grads: Vec<Vec<f32>> = layer.params().iter().map(|p| p.grad.clone()).collect();
    for (pi, g) in grads.iter().enumerate() {
        let len = g.len();
        for _ in 0..24.min(len) {
            let i = rng.gen_range(0..len);
            if layer.params()[pi]
                .mask
                .as_ref()
                .is_some_and(|m| m[i] == 0.0)
            {
                if g[i] != 0.0 {
                    return Err(TestCaseError::fail("masked weight has a gradient"));
                }
                continue;
            }
            let v = layer.params()[pi].value[i];
            let mut f = |val: f32| {
                layer.params_mut()[pi].value[i] = val;
                loss(layer, x)
            };
            let num = numeric(&mut f, v);
            layer.params_mut()[pi].value[i] = v;
            if let Some(num) = num {
                let a = g[i] as f64;
                if !close(a, num) {
                    return Err(TestCaseError::fail(format!(
                        "{}: d/d{}[{i}] analytic {a} vs numeric {num}",
                        layer.kind(),
                        layer.params()[pi].role.name()
                    )));
                }
            }
        }
    }
    Ok(())
}

/// A tiny synthetic digit set: class k is a bright bar at row 2k+4. Any working CNN learns it.
pub fn bars(n: usize) -> crate::engine::data::mnist::Dataset {
    let mut images = vec![0u8; n * 784];
    let labels: Vec<u8> = (0..n).map(|i| (i % 10) as u8).collect();
    for (i, &l) in labels.iter().enumerate() {
        let row = 4 + 2 * l as usize;
        images[i * 784 + row * 28 + 6..i * 784 + row * 28 + 22].fill(255);
    }
    crate::engine::data::mnist::Dataset {
        rows: 28,
        cols: 28,
        images,
        labels,
    }
}

/// The oracle for `Trainer`: the plainest loop over the same pieces. Train for `schedule.epochs`, calling `on_batch` after every step (progress bars, curves) and `on_epoch` after
/// every epoch (evaluation, learning-rate schedules).
pub fn reference_fit(
    model: &mut crate::engine::nn::model::Sequential,
    opt: &mut crate::engine::train::optim::Optimizer,
    data: &crate::engine::data::mnist::Dataset,
    schedule: crate::engine::train::steps::Schedule,
    mut on_batch: impl FnMut(&crate::engine::train::steps::BatchReport),
    mut on_epoch: impl FnMut(
        usize,
        &mut crate::engine::nn::model::Sequential,
        &mut crate::engine::train::optim::Optimizer,
    ),
) -> Result<(), crate::engine::train::steps::TrainError> {
    let crate::engine::train::steps::Schedule {
        epochs,
        batch_size,
        seed,
    } = schedule;
    let batch_size = batch_size.max(1);
    let batches = data.len().div_ceil(batch_size);
    for epoch in 0..epochs {
        let order = crate::engine::train::steps::epoch_order(data.len(), seed, epoch);
        for (batch, idx) in order.chunks(batch_size).enumerate() {
            let step = crate::engine::train::steps::train_step(model, opt, data, idx);
            // The trainer's weight check, mirrored: a step may not leave a weight NaN, infinite or
            // beyond MAX_WEIGHT.
            if let (Ok(_), Some(tensor)) = (
                &step,
                crate::engine::train::guard::Guard::broken_weights(model),
            ) {
                return Err(crate::engine::train::steps::TrainError::BadWeights {
                    epoch,
                    batch,
                    tensor,
                });
            }
            match step {
                Ok((loss, accuracy)) => on_batch(&crate::engine::train::steps::BatchReport {
                    epoch,
                    batch,
                    batches_per_epoch: batches,
                    loss,
                    accuracy,
                }),
                Err(loss) => {
                    return Err(crate::engine::train::steps::TrainError::Diverged {
                        epoch,
                        batch,
                        loss,
                    })
                }
            }
        }
        on_epoch(epoch, model, opt);
    }
    Ok(())
}

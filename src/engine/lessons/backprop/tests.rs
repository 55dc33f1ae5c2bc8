use super::*;
use crate::engine::testutil::uniform;

/// A random case: input in 0–1, kernel and dense weights in −1–1.
fn case(seed: u64) -> (Weights, Vec<f32>, usize) {
    let r = |n, s| uniform(n, seed * 7 + s);
    let mut w = Weights::START;
    w.kernel.copy_from_slice(&r(9, 1));
    w.conv_bias = r(1, 2)[0] / 2.0;
    w.dense.copy_from_slice(&r(8, 3));
    w.dense_bias.copy_from_slice(&r(2, 4));
    let input = r(SIDE * SIDE, 5).iter().map(|v| (v + 1.0) / 2.0).collect();
    (w, input, (seed % 2) as usize)
}

/// Far enough from ReLU's kink and from a tie in a pooling window for a central difference of
/// step `h` to see one smooth piece.
fn smooth(p: &Pass, margin: f32) -> bool {
    let kink = p.conv.iter().all(|c| c.abs() > margin);
    let ties = (0..FLAT).all(|k| {
        let (py, px) = (k / POOLED_SIDE, k % POOLED_SIDE);
        let mut window: Vec<f32> = (0..4)
            .map(|i| p.relu[(2 * py + i / 2) * CONV_SIDE + 2 * px + i % 2])
            .collect();
        window.sort_by(|a, b| b.total_cmp(a));
        window[0] - window[1] > margin
    });
    kink && ties
}

fn central(f: impl Fn(f32) -> f32, h: f32) -> f32 {
    (f(h) - f(-h)) / (2.0 * h)
}

#[test]
fn every_gradient_matches_central_differences() {
    let h = 5e-3;
    let mut checked = 0;
    for seed in 0..300 {
        let (w, input, target) = case(seed);
        let p = pass(&w, &input, target);
        if !smooth(&p, 0.03) {
            continue;
        }
        checked += 1;
        let close = |what: &str, i: usize, got: f32, want: f32| {
            assert!(
                (got - want).abs() < 2e-3 + 2e-2 * want.abs(),
                "seed {seed}: {what}[{i}] {got} vs {want}"
            );
        };
        let loss_with = |change: &dyn Fn(&mut Weights, &mut Vec<f32>)| {
            let (mut w, mut x) = (w, input.clone());
            change(&mut w, &mut x);
            pass(&w, &x, target).loss
        };
        for i in 0..9 {
            let fd = central(|d| loss_with(&|w, _| w.kernel[i] += d), h);
            close("kernel", i, p.kernel_grad[i], fd);
        }
        close(
            "conv bias",
            0,
            p.conv_bias_grad,
            central(|d| loss_with(&|w, _| w.conv_bias += d), h),
        );
        for i in 0..CLASSES * FLAT {
            close(
                "dense",
                i,
                p.dense_grad[i],
                central(|d| loss_with(&|w, _| w.dense[i] += d), h),
            );
        }
        for i in 0..CLASSES {
            let fd = central(|d| loss_with(&|w, _| w.dense_bias[i] += d), h);
            close("dense bias", i, p.dense_bias_grad[i], fd);
        }
        for i in 0..SIDE * SIDE {
            close(
                "input",
                i,
                p.input_grad[i],
                central(|d| loss_with(&|_, x| x[i] += d), h),
            );
        }
    }
    assert!(checked >= 10, "only {checked} smooth cases");
}

#[test]
fn each_rule_the_lesson_states_holds_for_its_numbers() {
    for seed in 0..20 {
        let (w, input, target) = case(seed);
        let p = pass(&w, &input, target);
        // Softmax and cross-entropy: p − y.
        for c in 0..CLASSES {
            let y = if c == target { 1.0 } else { 0.0 };
            assert!((p.score_grad[c] - (p.probabilities[c] - y)).abs() < 1e-6);
            for i in 0..FLAT {
                let want = p.pooled[i] * p.score_grad[c];
                assert!((p.dense_grad[c * FLAT + i] - want).abs() < 1e-6);
            }
        }
        // Max pooling routes each gradient to its window's winner only.
        for (i, g) in p.relu_grad.iter().enumerate() {
            let want = p
                .winners
                .iter()
                .position(|&j| j == i)
                .map_or(0.0, |k| p.pooled_grad[k]);
            assert_eq!(*g, want, "seed {seed}, cell {i}");
        }
        // ReLU passes it where the convolution was positive.
        for i in 0..CONV_SIDE * CONV_SIDE {
            let want = if p.conv[i] > 0.0 { p.relu_grad[i] } else { 0.0 };
            assert_eq!(p.conv_grad[i], want);
        }
        // ∂L/∂K[i,j] = Σ input[y+i, x+j] · ∂L/∂out[y,x].
        for k in 0..KERNEL * KERNEL {
            let want = kernel_gradient_terms(&p, k)
                .iter()
                .map(|t| t.a * t.b)
                .sum::<f32>();
            assert!(
                (p.kernel_grad[k] - want).abs() < 1e-5,
                "{} vs {want}",
                p.kernel_grad[k]
            );
        }
        // ∂L/∂input: the full convolution of ∂L/∂out with the flipped kernel.
        for i in 0..SIDE * SIDE {
            let want = input_gradient_terms(&p, i)
                .iter()
                .map(|t| t.a * t.b)
                .sum::<f32>();
            assert!((p.input_grad[i] - want).abs() < 1e-5);
        }
    }
}

#[test]
fn steps_lower_the_loss_and_a_step_is_the_rule_k_minus_eta_grad() {
    let input = Pattern::Vertical.input();
    let p = pass(&Weights::START, &input, 0);
    let next = step(&Weights::START, &input, 0, 0.5);
    for k in 0..9 {
        let want = Weights::START.kernel[k] - 0.5 * p.kernel_grad[k];
        assert!((next.kernel[k] - want).abs() < 1e-6);
    }
    assert!(pass(&next, &input, 0).loss < p.loss);
    // Twenty steps on the pair of patterns: lower at a modest rate, worse at a large one.
    let set = training_set(&input, 0);
    assert_eq!(set[1].input, Pattern::Horizontal.input());
    let run = train(&Weights::START, &set, 0.5, 20);
    assert_eq!(run.losses.len(), 21);
    assert_eq!(run.outcome, Outcome::Lowered);
    assert!(run.losses[20] < run.losses[0] / 4.0, "{:?}", run.losses);
    let mean = |w: &Weights| {
        set.iter()
            .map(|e| pass(w, &e.input, e.class).loss)
            .sum::<f32>()
            / 2.0
    };
    assert!((run.losses[0] - mean(&Weights::START)).abs() < 1e-6);
    assert!((run.losses[20] - mean(&run.weights)).abs() < 1e-6);
    for lr in [5.0, 10.0, 20.0] {
        let run = train(&Weights::START, &set, lr, 20);
        assert_ne!(run.outcome, Outcome::Lowered, "η {lr}: {:?}", run.losses);
        assert!(run.losses.iter().cloned().fold(0.0, f32::max) > 2.0 * run.losses[0]);
    }
}

//! 1D discrete convolution `(f*g)(n) = Σ_m f(m)·g(n−m)` with every step's products kept, so the
//! lesson can show the flip, the shift, the products and their sum one output at a time.
//! Modes follow NumPy's `convolve`: full, same (centred, length max(M, N)), valid.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode1d {
    Full,
    Same,
    Valid,
}

/// One product in a step: f(m)·g(n−m).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Term {
    pub m: usize,
    pub f: f32,
    pub g: f32,
    pub product: f32,
}

/// One output value and how it was made.
#[derive(Clone, Debug, PartialEq)]
pub struct Step1d {
    /// n in full-convolution coordinates (0 ≤ n < M + N − 1).
    pub n: usize,
    pub terms: Vec<Term>,
    pub sum: f32,
}

/// The full-coordinate range of outputs a mode keeps.
fn kept(m: usize, k: usize, mode: Mode1d) -> std::ops::Range<usize> {
    if m == 0 || k == 0 {
        return 0..0;
    }
    let full = m + k - 1;
    let (long, short) = (m.max(k), m.min(k));
    match mode {
        Mode1d::Full => 0..full,
        Mode1d::Same => {
            let start = (short - 1) / 2;
            start..start + long
        }
        Mode1d::Valid => short - 1..long,
    }
}

/// Every step of `f * g` in the chosen mode.
pub fn conv1d_steps(f: &[f32], g: &[f32], mode: Mode1d) -> Vec<Step1d> {
    kept(f.len(), g.len(), mode)
        .map(|n| {
            let terms: Vec<Term> = (0..f.len())
                .filter(|&m| n >= m && n - m < g.len())
                .map(|m| Term {
                    m,
                    f: f[m],
                    g: g[n - m],
                    product: f[m] * g[n - m],
                })
                .collect();
            let sum = terms.iter().map(|t| t.product).sum();
            Step1d { n, terms, sum }
        })
        .collect()
}

/// Just the values of `f * g`.
pub fn conv1d(f: &[f32], g: &[f32], mode: Mode1d) -> Vec<f32> {
    conv1d_steps(f, g, mode)
        .into_iter()
        .map(|s| s.sum)
        .collect()
}

/// A normalised Gaussian kernel of odd length `2·radius + 1` (the lesson's smoothing filter).
pub fn gaussian_kernel(radius: usize, sigma: f32) -> Vec<f32> {
    // σ → 0 is the limit of a narrower and narrower bell: all weight in the middle (not 0/0 = NaN).
    if !(sigma.is_finite() && sigma > 0.0) {
        let mut delta = vec![0.0; 2 * radius + 1];
        delta[radius] = 1.0;
        return delta;
    }
    let raw: Vec<f32> = (0..=2 * radius)
        .map(|i| (-((i as f32 - radius as f32).powi(2)) / (2.0 * sigma * sigma)).exp())
        .collect();
    let total: f32 = raw.iter().sum();
    raw.into_iter().map(|v| v / total).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn box_with_box_is_a_triangle() {
        assert_eq!(
            conv1d(&[1., 1., 1.], &[1., 1., 1.], Mode1d::Full),
            vec![1., 2., 3., 2., 1.]
        );
        assert_eq!(
            conv1d(&[1., 1., 1.], &[1., 1., 1.], Mode1d::Same),
            vec![2., 3., 2.]
        );
        assert_eq!(
            conv1d(&[1., 1., 1.], &[1., 1., 1.], Mode1d::Valid),
            vec![3.]
        );
    }

    #[test]
    fn impulse_reproduces_the_kernel() {
        assert_eq!(
            conv1d(&[0., 1., 0., 0.], &[3., 2., 1.], Mode1d::Full),
            vec![0., 3., 2., 1., 0., 0.]
        );
    }

    #[test]
    fn steps_show_flip_and_shift() {
        let steps = conv1d_steps(&[1., 2., 3.], &[4., 5.], Mode1d::Full);
        // n = 1: f(0)·g(1) + f(1)·g(0) = 1·5 + 2·4
        assert_eq!(
            steps[1]
                .terms
                .iter()
                .map(|t| (t.m, t.g))
                .collect::<Vec<_>>(),
            vec![(0, 5.), (1, 4.)]
        );
        assert_eq!(steps[1].sum, 13.);
    }

    #[test]
    fn gaussian_sums_to_one_and_smooths() {
        let k = gaussian_kernel(3, 1.5);
        assert!((k.iter().sum::<f32>() - 1.0).abs() < 1e-6);
        let noisy: Vec<f32> = (0..50)
            .map(|i| if i % 2 == 0 { 1.0 } else { -1.0 })
            .collect();
        let smooth = conv1d(&noisy, &k, Mode1d::Valid);
        assert!(smooth.iter().all(|v| v.abs() < 0.2));
    }

    proptest! {
        #[test]
        fn commutative_and_lengths(f in proptest::collection::vec(-5i32..5, 1..8), g in proptest::collection::vec(-5i32..5, 1..8)) {
            let f: Vec<f32> = f.into_iter().map(|v| v as f32).collect();
            let g: Vec<f32> = g.into_iter().map(|v| v as f32).collect();
            prop_assert_eq!(conv1d(&f, &g, Mode1d::Full), conv1d(&g, &f, Mode1d::Full));
            prop_assert_eq!(conv1d(&f, &g, Mode1d::Full).len(), f.len() + g.len() - 1);
            prop_assert_eq!(conv1d(&f, &g, Mode1d::Same).len(), f.len().max(g.len()));
            prop_assert_eq!(conv1d(&f, &g, Mode1d::Valid).len(), f.len().max(g.len()) - f.len().min(g.len()) + 1);
            // Sum of the output = product of the sums.
            let total: f32 = conv1d(&f, &g, Mode1d::Full).iter().sum();
            prop_assert_eq!(total, f.iter().sum::<f32>() * g.iter().sum::<f32>());
        }
    }
}

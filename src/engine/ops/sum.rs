//! Sums of long runs of `f32` (a layer's bias gradient is the sum of an output plane's gradient
//! over the whole batch). `iter().sum()` adds one value after the other, each addition waiting for
//! the one before; sixteen independent running sums let the compiler use whole vectors instead
//! (what that saved: docs/benchmarks.md, "Behind the comments").
//! The order of additions differs from a left-to-right sum, so the last bits may too.

const LANES: usize = 16;

/// The sum of `values`, in `LANES` running sums added together at the end.
pub fn sum(values: &[f32]) -> f32 {
    let mut lanes = [0.0f32; LANES];
    let chunks = values.chunks_exact(LANES);
    let tail: f32 = chunks.remainder().iter().sum();
    for chunk in chunks {
        for (l, v) in lanes.iter_mut().zip(chunk) {
            *l += v;
        }
    }
    lanes.iter().sum::<f32>() + tail
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_and_empty() {
        assert_eq!(sum(&[]), 0.0);
        assert_eq!(sum(&[1.5]), 1.5);
        let v: Vec<f32> = (1..=40).map(|i| i as f32).collect();
        assert_eq!(sum(&v), 820.0);
    }

    proptest! {
        #[test]
        fn close_to_a_sum_in_f64(v in proptest::collection::vec(-1e3f32..1e3, 0..300)) {
            let want: f64 = v.iter().map(|&x| x as f64).sum();
            let scale: f64 = v.iter().map(|&x| x.abs() as f64).sum::<f64>().max(1.0);
            prop_assert!((sum(&v) as f64 - want).abs() <= 1e-5 * scale);
        }
    }
}

//! Weight initialisation as Keras does it by default: Glorot (Xavier) uniform for kernels,
//! U(−l, l) with l = √(6/(fan_in + fan_out)), and zeros for biases.

use crate::engine::nn::layers::Param;
use rand::Rng;

/// Fill a conv (`[O, C, KH, KW]`) or dense (`[out, in]`) weight; other shapes are left as built.
pub fn glorot_uniform(p: &mut Param, rng: &mut impl Rng) {
    let (fan_in, fan_out) = match p.shape.as_slice() {
        [o, c, kh, kw] => (c * kh * kw, o * kh * kw),
        [out, inp] => (*inp, *out),
        _ => return,
    };
    let limit = (6.0 / (fan_in + fan_out) as f64).sqrt() as f32;
    for v in &mut p.value {
        *v = rng.gen_range(-limit..limit);
    }
    p.apply_mask();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::nn::layers::ParamRole;
    use rand::SeedableRng;

    #[test]
    fn within_limit_and_spread() {
        let mut p = Param::zeros(ParamRole::Weight, &[500, 2940]);
        glorot_uniform(&mut p, &mut rand_pcg::Pcg64::seed_from_u64(1));
        let limit = (6.0f32 / 3440.0).sqrt();
        assert!(p.value.iter().all(|v| v.abs() <= limit));
        let mean_sq: f32 = p.value.iter().map(|v| v * v).sum::<f32>() / p.value.len() as f32;
        // Variance of U(−l, l) is l²/3.
        assert!((mean_sq - limit * limit / 3.0).abs() < 0.01 * limit * limit);
    }
}

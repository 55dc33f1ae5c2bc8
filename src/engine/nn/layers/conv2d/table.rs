//! LeCun's connection tables (LeNet-5's C3): which input maps each output map reads, as a weight
//! mask, and the check that a table can work.

use super::ConvConfig;
use crate::engine::ops::shape::ShapeError;

/// 1 where output `o` reads input `i`, 0 elsewhere, in the weight's `[O, C, KH, KW]` layout.
/// Entries out of range are left out here and refused by `check_table`, so a model with a bad
/// table is never built.
pub(super) fn table_mask(table: &[Vec<usize>], cfg: &ConvConfig) -> Vec<f32> {
    let (kh, kw) = cfg.kernel;
    let mut mask = vec![0.0; cfg.out_channels * cfg.in_channels * kh * kw];
    for (o, inputs) in table.iter().enumerate().take(cfg.out_channels) {
        for &i in inputs.iter().filter(|&&i| i < cfg.in_channels) {
            let start = (o * cfg.in_channels + i) * kh * kw;
            mask[start..start + kh * kw].fill(1.0);
        }
    }
    mask
}

/// One row per output map, each a non-empty set of input maps below `inputs`, each read once.
pub(super) fn check_table(
    table: &[Vec<usize>],
    outputs: usize,
    inputs: usize,
) -> Result<(), ShapeError> {
    let bad = |row: &Vec<usize>| {
        let mut seen = row.clone();
        seen.sort_unstable();
        seen.dedup();
        row.is_empty() || seen.len() != row.len() || row.iter().any(|&i| i >= inputs)
    };
    if table.len() != outputs || table.iter().any(bad) {
        return Err(ShapeError::Mismatch(format!(
            "Conv2D's connection table needs one row per output map ({outputs}), each a set of \
             input maps below {inputs} read once: an output reading nothing is never trained"
        )));
    }
    Ok(())
}

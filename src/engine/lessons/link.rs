//! The lessons' settings as a shared link carries them (`?f=1,2,3&step=4`, `?cells=…`): each text
//! read into values the lesson's own controls allow, or refused. Plain Rust; every reader here is
//! fed untrusted bytes in `untrusted.rs` (`Untrusted::LessonLink`).

use crate::engine::numfmt::parse_number;

/// The 1D lesson's longest sequence.
pub const MAX_SEQUENCE: usize = 12;
/// The largest magnitude a typed number may have in a lesson's grid or sequence.
pub const LIMIT: f64 = 1e6;

/// "1, 2 3" → [1, 2, 3]; None unless 1 to `MAX_SEQUENCE` numbers within ±`LIMIT`.
pub fn parse_sequence(text: &str) -> Option<Vec<f32>> {
    let values = numbers(text)?;
    (!values.is_empty() && values.len() <= MAX_SEQUENCE).then_some(values)
}

/// Exactly `count` numbers within ±`LIMIT` (a grid's cells, row by row), or None.
pub fn parse_cells(text: &str, count: usize) -> Option<Vec<f32>> {
    numbers(text).filter(|v| v.len() == count)
}

// Separators as English and Chinese keyboards type them: "1, 2, 3", "1，2，3", "1、2、3".
fn numbers(text: &str) -> Option<Vec<f32>> {
    text.split(|c: char| matches!(c, ',' | '，' | '、' | ';' | '；') || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(|t| parse_number(t, -LIMIT, LIMIT, false).ok().map(|v| v as f32))
        .collect()
}

/// Values for a text field or a link: at most 4 decimals, so 1/3 reads 0.3333, not 0.33333334.
pub fn join(v: &[f32], separator: &str) -> String {
    v.iter()
        .map(|x| ((x * 1e4).round() / 1e4).to_string())
        .collect::<Vec<_>>()
        .join(separator)
}

/// A step-through's position as a link counts it (from 1), as an index no later than `last`; None
/// unless a whole number from 1.
pub fn parse_step(text: &str, last: usize) -> Option<usize> {
    let n = parse_number(text, 1.0, 1e9, true).ok()? as usize;
    Some((n - 1).min(last))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sequences_take_both_keyboards_separators_and_refuse_what_the_field_refuses() {
        assert_eq!(parse_sequence("1, 2 3"), Some(vec![1.0, 2.0, 3.0]));
        assert_eq!(parse_sequence("1，0.5、−2"), Some(vec![1.0, 0.5, -2.0]));
        assert_eq!(parse_sequence(""), None);
        assert_eq!(parse_sequence("1,x"), None);
        assert_eq!(parse_sequence(&["1"; 13].join(",")), None);
        assert_eq!(parse_sequence("2e6"), None);
    }

    #[test]
    fn cells_must_fill_the_grid_exactly() {
        let sixteen = (1..=16)
            .map(|i| i.to_string())
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(parse_cells(&sixteen, 16).map(|v| v[15]), Some(16.0));
        assert_eq!(parse_cells(&sixteen, 9), None);
        assert_eq!(parse_cells("1,2,nan", 3), None);
        assert_eq!(join(&[10.0, 1.0 / 3.0, -2.5], ","), "10,0.3333,-2.5");
        assert_eq!(
            parse_cells(&join(&[10.0, 1.0 / 3.0, -2.5], ","), 3),
            Some(vec![10.0, 0.3333, -2.5])
        );
    }

    #[test]
    fn steps_count_from_one_and_stop_at_the_last() {
        assert_eq!(parse_step("1", 5), Some(0));
        assert_eq!(parse_step("4", 5), Some(3));
        assert_eq!(parse_step("99", 5), Some(5));
        assert_eq!(parse_step("0", 5), None);
        assert_eq!(parse_step("2.5", 5), None);
        assert_eq!(parse_step("-1", 5), None);
    }
}

//! Numbers as summaries and count formulas print them, durations as progress lines do, and
//! whole numbers as learners type them.

/// 1492070 → "1,492,070".
pub fn group_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A duration as the progress line shows it: "42 s", "3 min 5 s", "1 h 2 min".
pub fn duration(secs: f64) -> String {
    let s = secs.max(0.0).round() as u64;
    if s >= 3600 {
        format!("{} h {} min", s / 3600, s % 3600 / 60)
    } else if s >= 60 {
        format!("{} min {} s", s / 60, s % 60)
    } else {
        format!("{s} s")
    }
}

/// A whole number typed by the learner: ASCII or full-width digits; anything else is refused next
/// to the field, and the design keeps its last good value.
/// At most 1,000,000: larger sizes are refused here rather than counted.
pub fn parse_whole(text: &str) -> Option<usize> {
    let ascii: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            c => c,
        })
        .collect();
    ascii.parse::<usize>().ok().filter(|&v| v <= 1_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration(0.4), "0 s");
        assert_eq!(duration(185.0), "3 min 5 s");
        assert_eq!(duration(3720.0), "1 h 2 min");
        assert_eq!(duration(-5.0), "0 s");
    }

    #[test]
    fn whole_numbers_in_ascii_or_full_width_and_nothing_else() {
        assert_eq!(parse_whole(" 12 "), Some(12));
        assert_eq!(parse_whole("１２８"), Some(128));
        for bad in ["", "abc", "1.5", "-3", "1e3", "99999999999"] {
            assert_eq!(parse_whole(bad), None, "{bad}");
        }
    }
}

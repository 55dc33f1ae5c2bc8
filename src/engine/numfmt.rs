//! Numbers as summaries and count formulas print them, and durations as progress lines do.

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
}

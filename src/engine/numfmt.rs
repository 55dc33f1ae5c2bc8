//! Numbers as summaries and count formulas print them, durations as progress lines do, and
//! numbers as learners type them (ASCII or full-width).

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

/// Why typed text is not a usable number (the page words each one in both languages).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum NumberProblem {
    Empty,
    /// Not a number at all (letters, two points, a lone minus…).
    NotANumber,
    /// A number, but a whole one is needed.
    NotWhole,
    /// A number outside the field's range (infinity and 1e308 included).
    OutOfRange,
}

/// Typed text in ASCII form: full-width digits, point, plus and minus signs (what a Chinese
/// keyboard types), the typographic minus "−", and thousands separators "," or "，" between groups
/// of exactly three digits ("1,000", "１，０００"; "1,2" is ambiguous and refused).
fn ascii_number(text: &str) -> Option<String> {
    let mapped: String = text
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '−' | '﹣' => '-',
            '＋' => '+',
            '，' => ',',
            'Ｅ' | 'ｅ' => 'e',
            c => c,
        })
        .collect();
    if !mapped.contains(',') {
        return Some(mapped);
    }
    let (int, frac) = mapped.split_at(mapped.find('.').unwrap_or(mapped.len()));
    let digits = int.trim_start_matches(['-', '+']);
    let mut groups = digits.split(',');
    let first = groups.next()?;
    let grouped = (1..=3).contains(&first.len())
        && groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    grouped.then(|| format!("{}{frac}", int.replace(',', "")))
}

/// A number typed by the learner, within `min..=max` (and whole when `whole`).
pub fn parse_number(text: &str, min: f64, max: f64, whole: bool) -> Result<f64, NumberProblem> {
    if text.trim().is_empty() {
        return Err(NumberProblem::Empty);
    }
    let ascii = ascii_number(text).ok_or(NumberProblem::NotANumber)?;
    // Rust's parser takes "inf" and "NaN": those are not numbers a learner means.
    if ascii
        .chars()
        .any(|c| c.is_ascii_alphabetic() && c != 'e' && c != 'E')
    {
        return Err(NumberProblem::NotANumber);
    }
    let v: f64 = ascii.parse().map_err(|_| NumberProblem::NotANumber)?;
    if !v.is_finite() || v < min || v > max {
        return Err(NumberProblem::OutOfRange);
    }
    if whole && v.fract() != 0.0 {
        return Err(NumberProblem::NotWhole);
    }
    Ok(v)
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
    fn numbers_as_chinese_and_english_keyboards_type_them() {
        let p = |t| parse_number(t, -1e6, 1e6, false);
        assert_eq!(p("1.23456"), Ok(1.23456));
        assert_eq!(p("－２．５"), Ok(-2.5));
        assert_eq!(p("−7"), Ok(-7.0));
        assert_eq!(p("1,000"), Ok(1000.0));
        assert_eq!(p("１，０００．５"), Ok(1000.5));
        assert_eq!(p("1e-4"), Ok(1e-4));
        assert_eq!(p(""), Err(NumberProblem::Empty));
        for bad in ["abc", "1,2", "1..2", "-", "inf", "NaN", "1,0000", "0x10"] {
            assert_eq!(p(bad), Err(NumberProblem::NotANumber), "{bad}");
        }
        for far in ["1e308", "99,999,999,999", "-2000000", "1e999"] {
            assert_eq!(p(far), Err(NumberProblem::OutOfRange), "{far}");
        }
        assert_eq!(
            parse_number("2.5", 0.0, 9.0, true),
            Err(NumberProblem::NotWhole)
        );
        assert_eq!(parse_number("２", 0.0, 9.0, true), Ok(2.0));
    }
}

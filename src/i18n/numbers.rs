//! What a number box says when it cannot use what was typed: one sentence naming the field, what is
//! wrong, the value still in use and what is allowed (`widgets::NumberField`).

use super::{Lang, Text};
use crate::engine::numfmt::{group_thousands, NumberProblem};

const EMPTY: Text = Text::new(
    "{field} is empty; still using {value}. Type a number from {min} to {max}.",
    "{field}为空；仍在使用 {value}。请输入 {min} 到 {max} 之间的数。",
);
const NOT_A_NUMBER: Text = Text::new(
    "{field}: “{text}” is not a number; still using {value}. Type a number from {min} to {max}.",
    "{field}：“{text}”不是数；仍在使用 {value}。请输入 {min} 到 {max} 之间的数。",
);
const NOT_WHOLE: Text = Text::new(
    "{field}: {text} is not a whole number; still using {value}. Type a whole number from {min} to {max}.",
    "{field}：{text} 不是整数；仍在使用 {value}。请输入 {min} 到 {max} 之间的整数。",
);
const OUT_OF_RANGE: Text = Text::new(
    "{field}: {text} is outside {min} to {max}; still using {value}.",
    "{field}：{text} 超出了 {min} 到 {max} 的范围；仍在使用 {value}。",
);

/// A number for messages and boxes: whole numbers as they are (grouped by thousands from 10,000,
/// which the box reads back), others with up to 6 significant digits.
pub fn show(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() >= 1e4 && v.abs() < 1e15 {
        let grouped = group_thousands(v.abs() as u64);
        if v < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{v:.0}")
    } else {
        (v as f32).to_string()
    }
}

/// A duration (`engine::numfmt::duration`) with its units in `lang`: "3 min 5 s", "3 分 5 秒".
pub fn duration_in(secs: f64, lang: Lang) -> String {
    let d = crate::engine::numfmt::duration(secs);
    match lang {
        Lang::En => d,
        Lang::Zh => d
            .replace(" h", " 小时")
            .replace(" min", " 分")
            .replace(" s", " 秒"),
    }
}

pub fn number_message(
    problem: NumberProblem,
    field: &str,
    text: &str,
    value: f64,
    (min, max): (f64, f64),
    lang: Lang,
) -> String {
    let t = match problem {
        NumberProblem::Empty => EMPTY,
        NumberProblem::NotANumber => NOT_A_NUMBER,
        NumberProblem::NotWhole => NOT_WHOLE,
        NumberProblem::OutOfRange => OUT_OF_RANGE,
    };
    t.fill(
        lang,
        &[
            ("field", &field),
            ("text", &text.trim()),
            ("value", &show(value)),
            ("min", &show(min)),
            ("max", &show(max)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_names_field_value_and_range_in_both_languages() {
        use NumberProblem::*;
        for p in [Empty, NotANumber, NotWhole, OutOfRange] {
            for lang in [Lang::En, Lang::Zh] {
                let m = number_message(p, "Bias", "abc", 0.5, (-100.0, 100.0), lang);
                assert!(m.contains("Bias") && m.contains("0.5"), "{m}");
                assert!(m.contains("-100") && m.contains("100"), "{m}");
                assert!(!m.contains('{'), "{m}");
            }
        }
        assert_eq!(duration_in(185.0, Lang::Zh), "3 分 5 秒");
        assert_eq!(duration_in(3720.0, Lang::Zh), "1 小时 2 分");
        assert_eq!(show(60.0), "60");
        assert_eq!(show(-1e6), "-1,000,000");
        assert_eq!(show(0.1f32 as f64), "0.1");
    }
}

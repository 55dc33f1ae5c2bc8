//! Numbers as the lessons print them: at most 3 decimals and a real minus sign (−), so "3×(−1)" and
//! "0.333" read cleanly.

pub fn number(v: f32) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    if r < 0.0 {
        format!("−{}", -r)
    } else {
        // Avoid printing "-0".
        (r + 0.0).to_string()
    }
}

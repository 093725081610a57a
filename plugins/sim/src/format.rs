//! Numbers for people: thousands grouped (`76,883`), memory in MB or GB.

/// `n` rounded to a whole number with thousands separated by commas: `4000000000` →
/// `4,000,000,000`.
pub fn thousands(n: f64) -> String {
    let digits = format!("{:.0}", n.abs());
    let mut out = String::new();
    if n.round() < 0.0 {
        out.push('-');
    }
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// A size in bytes, decimal units: `32000000000` → `32.0 GB`, `1500000` → `1.5 MB`.
pub fn bytes(n: f64) -> String {
    if n >= 1e9 {
        format!("{:.1} GB", n / 1e9)
    } else {
        format!("{:.1} MB", n / 1e6)
    }
}

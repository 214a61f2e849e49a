//! Figures as people read them: durations in the largest sensible units, shares as
//! percentages, amounts with their currency, counts with sensible precision.

/// `9000` seconds → `2 h 30 min`; `90` → `1 min 30 s`; `4.2 d` → `4 d 4 h`.
pub fn duration(seconds: f64) -> String {
    if !seconds.is_finite() {
        return "∞".into();
    }
    let s = seconds.round() as i64;
    const UNITS: [(i64, &str); 5] = [(604_800, "w"), (86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")];
    if s == 0 {
        return "0 s".into();
    }
    let mut parts = Vec::new();
    let mut rest = s.abs();
    for (size, name) in UNITS {
        if rest >= size {
            parts.push(format!("{} {name}", rest / size));
            rest %= size;
        }
        if parts.len() == 2 {
            break;
        }
    }
    let sign = if s < 0 { "-" } else { "" };
    format!("{sign}{}", parts.join(" "))
}

/// `0.305` → `30.5%`.
pub fn percent(fraction: f64) -> String {
    let p = fraction * 100.0;
    if (p - p.round()).abs() < 0.05 { format!("{:.0}%", p) } else { format!("{p:.1}%") }
}

/// A count or score with two decimals at most: `1.4166` → `1.42`, `2.0` → `2`.
pub fn number(value: f64) -> String {
    if !value.is_finite() {
        return "∞".into();
    }
    let text = format!("{value:.2}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".into() } else { text.to_string() }
}

/// A whole count with thousands separated: `12000.4` → `12,000`.
pub fn count(value: f64) -> String {
    if !value.is_finite() {
        return "∞".into();
    }
    let digits = format!("{:.0}", value.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if value < -0.5 { format!("-{out}") } else { out }
}

/// `4.5`, `EUR` → `4.50 EUR`.
pub fn money(amount: f64, currency: Option<&str>) -> String {
    match currency {
        Some(c) => format!("{amount:.2} {c}"),
        None => format!("{amount:.2}"),
    }
}

/// An emotion score with its sign: `+1.25`, `-0.5`, `0`.
pub fn score(value: f64) -> String {
    let n = number(value);
    if value > 0.0 && n != "0" { format!("+{n}") } else { n }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_well() {
        assert_eq!(duration(9000.0), "2 h 30 min");
        assert_eq!(duration(90.0), "1 min 30 s");
        assert_eq!(duration(2.0 * 86_400.0 + 60.0), "2 d 1 min");
        assert_eq!(duration(0.0), "0 s");
        assert_eq!(percent(0.305), "30.5%");
        assert_eq!(percent(0.3), "30%");
        assert_eq!(number(1.41666), "1.42");
        assert_eq!(number(2.0), "2");
        assert_eq!(money(4.5, Some("EUR")), "4.50 EUR");
        assert_eq!(count(12000.4), "12,000");
        assert_eq!(count(999.0), "999");
        assert_eq!(count(1234567.0), "1,234,567");
        assert_eq!(score(0.5), "+0.5");
        assert_eq!(score(-1.0), "-1");
    }
}

//! Figures as people read them: durations in the largest sensible units, shares as
//! percentages, amounts with their currency, counts with sensible precision.

use crate::schema::Metric;

/// `9000` seconds → `2 h 30 min`; `90` → `1 min 30 s`; `4.2 d` → `4 d 4 h`: the two largest
/// units, rounded down.
pub fn duration(seconds: f64) -> String {
    duration_in(seconds, 2)
}

/// A duration in up to `parts` units, largest first (`1 w 2 d 3 h` is three).
fn duration_in(seconds: f64, parts: usize) -> String {
    if !seconds.is_finite() {
        return "∞".into();
    }
    let s = seconds.round() as i64;
    const UNITS: [(i64, &str); 5] = [(604_800, "w"), (86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")];
    if s == 0 {
        return "0 s".into();
    }
    let mut out = Vec::new();
    let mut rest = s.abs();
    for (size, name) in UNITS {
        if rest >= size {
            out.push(format!("{} {name}", rest / size));
            rest %= size;
        }
        if out.len() == parts {
            break;
        }
    }
    let sign = if s < 0 { "-" } else { "" };
    format!("{sign}{}", out.join(" "))
}

/// `0.305` → `30.5%`.
pub fn percent(fraction: f64) -> String {
    percent_to(fraction, 1)
}

fn percent_to(fraction: f64, decimals: usize) -> String {
    let p = fraction * 100.0;
    let text = format!("{p:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    format!("{}%", if text == "-0" { "0" } else { text })
}

/// A count or score with two decimals at most: `1.4166` → `1.42`, `2.0` → `2`.
pub fn number(value: f64) -> String {
    number_to(value, 2)
}

fn number_to(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "∞".into();
    }
    let text = format!("{value:.decimals$}");
    let text = if text.contains('.') { text.trim_end_matches('0').trim_end_matches('.') } else { &text };
    if text == "-0" { "0".into() } else { text.to_string() }
}

/// A figure in the unit people read it in: durations in units, chances as percentages,
/// emotions with their sign, amounts with their currency.
pub fn figure(metric: Metric, value: f64, currency: Option<&str>) -> String {
    figure_at(metric, value, currency, 0)
}

/// A figure shown at `more` steps of precision beyond the usual.
fn figure_at(metric: Metric, value: f64, currency: Option<&str>, more: usize) -> String {
    match metric {
        Metric::Duration | Metric::Waiting => duration_in(value, 2 + more),
        Metric::Risk => percent_to(value, 1 + more),
        Metric::Emotion => {
            let n = number_to(value, 2 + more);
            if value > 0.0 && n != "0" { format!("+{n}") } else { n }
        }
        Metric::Cost => {
            let places = 2 + more;
            match currency {
                Some(c) => format!("{value:.places$} {c}"),
                None => format!("{value:.places$}"),
            }
        }
        _ => number_to(value, 2 + more),
    }
}

/// A figure and the bound it is compared with, at the precision that tells them apart: a
/// figure just over `1 w 2 d` is not shown as `1 w 2 d`.
pub fn figure_against(metric: Metric, value: f64, bound: f64, currency: Option<&str>) -> (String, String) {
    let shown_bound = figure(metric, bound, currency);
    for more in 0..=4 {
        let shown = figure_at(metric, value, currency, more);
        if shown != shown_bound || value == bound {
            return (shown, shown_bound);
        }
    }
    (figure_at(metric, value, currency, 4), shown_bound)
}

/// `1 step`, `3 steps`, `0.35 steps`: the word that goes with a number, in English.
pub fn plural<'a>(n: f64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1.0 { one } else { many }
}

/// A whole count and its noun: `1 journey`, `12,000 customers`.
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n as f64), plural(n as f64, one, many))
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
        assert_eq!(counted(1, "journey", "journeys"), "1 journey");
        assert_eq!(counted(1200, "step", "steps"), "1,200 steps");
    }

    #[test]
    fn a_figure_is_shown_apart_from_its_bound() {
        let week = 604_800.0;
        let bound = week + 2.0 * 86_400.0;
        assert_eq!(figure(Metric::Duration, bound + 3_700.0, None), "1 w 2 d");
        assert_eq!(
            figure_against(Metric::Duration, bound + 3_700.0, bound, None),
            ("1 w 2 d 1 h".to_string(), "1 w 2 d".to_string())
        );
        assert_eq!(figure_against(Metric::Contacts, 2.001, 2.0, None), ("2.001".to_string(), "2".to_string()));
        assert_eq!(figure_against(Metric::Risk, 0.1004, 0.1, None), ("10.04%".to_string(), "10%".to_string()));
        assert_eq!(figure_against(Metric::Contacts, 2.5, 2.0, None), ("2.5".to_string(), "2".to_string()));
        assert_eq!(figure_against(Metric::Contacts, 2.0, 2.0, None), ("2".to_string(), "2".to_string()));
    }
}

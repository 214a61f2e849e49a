//! The sufficient statistics of a log: everything `journey` needs from a log to judge a model,
//! small enough to keep, defined so that a SQL engine computes exactly the same numbers (the
//! definition, with every formula, is `crates/journey-log/STATS.md`). Integers throughout:
//! durations in milliseconds, scores in thousandths, quantiles read from exact histograms.

mod build;
mod table;

use std::collections::BTreeMap;

pub use build::{Finish, StatsBuilder, compute};
pub use table::StatsError;

use crate::time::{DAY_MS, civil_from_days, days_from_civil};

/// The time windows a log's cases can be grouped by: a case belongs to the window of its first
/// event (UTC; weeks are ISO weeks, Monday to Sunday).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Window {
    #[default]
    None,
    Day,
    Week,
    Month,
    Quarter,
}

impl Window {
    pub const ALL: [Window; 5] = [Window::None, Window::Day, Window::Week, Window::Month, Window::Quarter];

    pub fn name(self) -> &'static str {
        match self {
            Window::None => "none",
            Window::Day => "day",
            Window::Week => "week",
            Window::Month => "month",
            Window::Quarter => "quarter",
        }
    }

    pub fn from_name(name: &str) -> Option<Window> {
        Window::ALL.into_iter().find(|w| w.name() == name)
    }

    /// The window of a moment, as a number that orders windows in time.
    pub(crate) fn code(self, ms: i64) -> i64 {
        let days = ms.div_euclid(DAY_MS);
        match self {
            Window::None => i64::MIN,
            Window::Day => days,
            Window::Week => days - (days + 3).rem_euclid(7),
            Window::Month | Window::Quarter => {
                let (year, month, _) = civil_from_days(days);
                if self == Window::Month { year * 12 + month - 1 } else { year * 4 + (month - 1) / 3 }
            }
        }
    }

    /// The label of a window code: `2024-03-31`, `2024-W13`, `2024-03`, `2024-Q1`.
    pub(crate) fn label(self, code: i64) -> Option<String> {
        match self {
            Window::None => None,
            Window::Day => {
                let (y, m, d) = civil_from_days(code);
                Some(format!("{y:04}-{m:02}-{d:02}"))
            }
            Window::Week => {
                // The ISO year is the year of the week's Thursday.
                let thursday = code + 3;
                let (year, _, _) = civil_from_days(thursday);
                let week = (thursday - days_from_civil(year, 1, 1)) / 7 + 1;
                Some(format!("{year:04}-W{week:02}"))
            }
            Window::Month => Some(format!("{:04}-{:02}", code.div_euclid(12), code.rem_euclid(12) + 1)),
            Window::Quarter => Some(format!("{:04}-Q{}", code.div_euclid(4), code.rem_euclid(4) + 1)),
        }
    }
}

/// How to compute the statistics.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StatsOptions {
    pub window: Window,
}

/// The statistics of a log: one [`Group`] per segment and time window that has cases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    pub window: Window,
    /// Whether the log has timestamps; without, every duration is unknown (sums are 0 and
    /// histograms empty).
    pub timed: bool,
    pub groups: BTreeMap<GroupKey, Group>,
}

/// A segment (`None`: cases without one) and a time window (`None` when not grouped by time).
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey {
    pub segment: Option<String>,
    pub window: Option<String>,
}

/// The statistics of the cases of one segment and window.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Group {
    /// `count`: the cases; `sum_ms` and `histogram`: their durations (last event − first).
    pub cases: Durations,
    /// Every event of these cases, whatever its lifecycle.
    pub events: u64,
    /// By activity name (bytewise order).
    pub activities: BTreeMap<String, Activity>,
    /// Directly-follows pairs of flow events: `count` and the gaps between them.
    pub follows: BTreeMap<(String, String), Durations>,
}

/// The statistics of one activity in one group.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Activity {
    /// Flow events (lifecycle `complete` or none).
    pub events: u64,
    /// Cases whose first flow event it is.
    pub starts: u64,
    /// Cases whose last flow event it is.
    pub ends: u64,
    /// Flow events with a score, and the sum of their scores in thousandths.
    pub scored: u64,
    pub score_sum_milli: i64,
    /// `start`–`complete` pairs and the time between them.
    pub lifecycle: Durations,
}

/// A count of things with a duration each: the sum of the durations and their histogram.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Durations {
    pub count: u64,
    pub sum_ms: i64,
    /// [`bucket`] → how many durations fell in it.
    pub histogram: BTreeMap<i64, u64>,
}

/// The histogram bucket of a duration in milliseconds: the duration rounded down to three
/// significant decimal digits (0–999 are their own buckets; 12,345 → 12,300; 987,654 → 987,000).
pub fn bucket(ms: i64) -> i64 {
    if ms < 1000 {
        return ms;
    }
    let mut scale = 1;
    while ms / scale >= 1000 {
        scale *= 10;
    }
    ms / scale * scale
}

/// A bucket as a small number (the exponent and the three digits: `1000·k + m` for `m·10^k`), to
/// pack with an id into one hash key.
pub(crate) fn bucket_code(ms: i64) -> u64 {
    let mut scale = 1;
    let mut k = 0;
    while ms / scale >= 1000 {
        scale *= 10;
        k += 1;
    }
    k * 1000 + (ms / scale).max(0) as u64
}

/// The bucket of a [`bucket_code`].
pub(crate) fn bucket_of_code(code: u64) -> i64 {
    let (k, m) = (code / 1000, code % 1000);
    m as i64 * 10i64.pow(k as u32)
}

impl Durations {
    /// Counts one more thing, with its duration when the log is timed.
    pub fn add(&mut self, ms: Option<i64>) {
        self.count += 1;
        if let Some(ms) = ms {
            self.sum_ms = self.sum_ms.saturating_add(ms);
            *self.histogram.entry(bucket(ms)).or_default() += 1;
        }
    }

    /// Adds another's counts, sums and histogram to these (to sum activities into steps).
    pub fn merge(&mut self, other: &Durations) {
        self.count = self.count.saturating_add(other.count);
        self.sum_ms = self.sum_ms.saturating_add(other.sum_ms);
        for (bucket, n) in &other.histogram {
            let count = self.histogram.entry(*bucket).or_default();
            *count = count.saturating_add(*n);
        }
    }

    /// The quantile `num / den` (0 < num ≤ den) by the nearest-rank rule: with n durations in
    /// the histogram, the bucket holding the r-th smallest, r = ⌈n·num/den⌉ (at least 1).
    /// `None` without durations.
    pub fn quantile(&self, num: u64, den: u64) -> Option<i64> {
        let n: u64 = self.histogram.values().sum();
        if n == 0 || den == 0 {
            return None;
        }
        let rank = (u128::from(n) * u128::from(num)).div_ceil(u128::from(den)).max(1);
        let mut seen = 0u128;
        for (bucket, count) in &self.histogram {
            seen += u128::from(*count);
            if seen >= rank {
                return Some(*bucket);
            }
        }
        self.histogram.keys().next_back().copied()
    }
}

impl Activity {
    /// Adds another's figures to these.
    pub fn merge(&mut self, other: &Activity) {
        self.events = self.events.saturating_add(other.events);
        self.starts = self.starts.saturating_add(other.starts);
        self.ends = self.ends.saturating_add(other.ends);
        self.scored = self.scored.saturating_add(other.scored);
        self.score_sum_milli = self.score_sum_milli.saturating_add(other.score_sum_milli);
        self.lifecycle.merge(&other.lifecycle);
    }
}

/// A score in thousandths: ⌊score × 1000 + 0.5⌋ in IEEE-754 double arithmetic (what `FLOOR(score
/// * 1000 + 0.5)` gives on a DOUBLE column in SQL).
pub fn score_milli(score: f64) -> i64 {
    (score * 1000.0 + 0.5).floor() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_keep_three_significant_digits() {
        for (ms, b) in [(0, 0), (999, 999), (1000, 1000), (1009, 1000), (12_345, 12_300), (987_654, 987_000)] {
            assert_eq!(bucket(ms), b);
        }
        assert_eq!(bucket(i64::MAX), 9_220_000_000_000_000_000);
        for ms in [0, 7, 999, 1000, 1009, 12_345, 987_654, 3_600_000, i64::MAX] {
            assert_eq!(bucket_of_code(bucket_code(ms)), bucket(ms), "{ms}");
        }
    }

    #[test]
    fn nearest_rank_quantiles_by_hand() {
        // Ten durations: 1 s ×4, 2 s ×5, 60 s ×1. Median: rank ⌈10·1/2⌉ = 5 → 2 s;
        // p90: rank 9 → 2 s; p100 (and p91): rank 10 → 60 s; p10: rank 1 → 1 s.
        let mut d = Durations::default();
        for ms in [1000, 1000, 1000, 1000, 2000, 2000, 2000, 2000, 2000, 60_000] {
            d.add(Some(ms));
        }
        assert_eq!(d.quantile(1, 2), Some(2000));
        assert_eq!(d.quantile(9, 10), Some(2000));
        assert_eq!(d.quantile(91, 100), Some(60_000));
        assert_eq!(d.quantile(1, 10), Some(1000));
        assert_eq!(d.quantile(4, 10), Some(1000));
        assert_eq!(Durations::default().quantile(1, 2), None);
    }

    #[test]
    fn windows_by_hand() {
        // 2024-12-30 is a Monday in ISO week 1 of 2025; 2021-01-03 a Sunday in week 53 of 2020.
        let at = |y, m, d| days_from_civil(y, m, d) * DAY_MS + 3_600_000;
        let label = |w: Window, ms| w.label(w.code(ms));
        assert_eq!(label(Window::Week, at(2024, 12, 30)).as_deref(), Some("2025-W01"));
        assert_eq!(label(Window::Week, at(2021, 1, 3)).as_deref(), Some("2020-W53"));
        assert_eq!(label(Window::Week, at(2024, 3, 31)).as_deref(), Some("2024-W13"));
        assert_eq!(label(Window::Day, at(2024, 2, 29)).as_deref(), Some("2024-02-29"));
        assert_eq!(label(Window::Month, at(2024, 2, 29)).as_deref(), Some("2024-02"));
        assert_eq!(label(Window::Quarter, at(2024, 12, 31)).as_deref(), Some("2024-Q4"));
        assert_eq!(label(Window::Month, -1).as_deref(), Some("1969-12"));
        assert_eq!(label(Window::None, 0), None);
    }

    #[test]
    fn scores_in_thousandths() {
        assert_eq!(score_milli(4.5), 4500);
        assert_eq!(score_milli(-0.0005), 0);
        assert_eq!(score_milli(-1.25), -1250);
        assert_eq!(score_milli(0.1), 100);
    }
}

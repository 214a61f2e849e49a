//! The stable CSV form of [`Stats`]: what `journey` writes, and what a SQL engine's result is
//! read back through. One row per figure, columns `record,segment,window,activity,next,bucket,
//! count,sum`; the record kinds and their meaning are in `STATS.md`. Rows come out in one
//! order (groups, then activities and pairs bytewise, buckets ascending); they may come back
//! in any order, but no figure twice.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;

use super::{Durations, Group, GroupKey, Stats, Window};

/// The header of the CSV form, and the version its `stats` row carries.
pub const HEADER: [&str; 8] = ["record", "segment", "window", "activity", "next", "bucket", "count", "sum"];
pub const VERSION: u64 = 1;

/// Why a statistics table could not be read: where (a 1-based line) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatsError {
    pub line: u64,
    pub message: String,
}

impl fmt::Display for StatsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for StatsError {}

struct Writer {
    out: ::csv::Writer<Vec<u8>>,
}

impl Writer {
    fn row(
        &mut self,
        record: &str,
        key: &GroupKey,
        names: (&str, &str),
        bucket: Option<i64>,
        count: u64,
        sum: Option<i64>,
    ) {
        let bucket = bucket.map(|b| b.to_string()).unwrap_or_default();
        let sum = sum.map(|s| s.to_string()).unwrap_or_default();
        let fields = [
            record,
            key.segment.as_deref().unwrap_or(""),
            key.window.as_deref().unwrap_or(""),
            names.0,
            names.1,
            &bucket,
            &count.to_string(),
            &sum,
        ];
        // Writing to a Vec cannot fail.
        let _ = self.out.write_record(fields);
    }

    fn histogram(&mut self, record: &str, key: &GroupKey, names: (&str, &str), d: &Durations) {
        for (bucket, n) in &d.histogram {
            self.row(record, key, names, Some(*bucket), *n, None);
        }
    }
}

impl Stats {
    /// The statistics as CSV (see the module documentation); byte-identical for equal statistics.
    pub fn to_csv(&self) -> String {
        let mut w = Writer {
            out: ::csv::WriterBuilder::new().terminator(::csv::Terminator::Any(b'\n')).from_writer(Vec::new()),
        };
        let _ = w.out.write_record(HEADER);
        let none = GroupKey::default();
        let timing = if self.timed { "timed" } else { "untimed" };
        w.row("stats", &none, (self.window.name(), timing), None, VERSION, None);
        let sum = |s: i64| self.timed.then_some(s);
        for (key, g) in &self.groups {
            w.row("cases", key, ("", ""), None, g.cases.count, sum(g.cases.sum_ms));
            w.row("events", key, ("", ""), None, g.events, None);
            w.histogram("case-duration", key, ("", ""), &g.cases);
            for (name, a) in &g.activities {
                let names = (name.as_str(), "");
                if a.events > 0 {
                    w.row("activity", key, names, None, a.events, None);
                }
                if a.starts > 0 {
                    w.row("start", key, names, None, a.starts, None);
                }
                if a.ends > 0 {
                    w.row("end", key, names, None, a.ends, None);
                }
                if a.scored > 0 {
                    w.row("score", key, names, None, a.scored, Some(a.score_sum_milli));
                }
                if a.lifecycle.count > 0 {
                    w.row("lifecycle", key, names, None, a.lifecycle.count, sum(a.lifecycle.sum_ms));
                    w.histogram("lifecycle-duration", key, names, &a.lifecycle);
                }
            }
            for ((a, b), d) in &g.follows {
                w.row("follows", key, (a, b), None, d.count, sum(d.sum_ms));
                w.histogram("follows-gap", key, (a, b), d);
            }
        }
        let bytes = w.out.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// Reads statistics written by [`Stats::to_csv`] or computed by SQL into the same columns.
    /// Rows may come in any order; a figure given twice, an unknown record or a number that is
    /// not an integer is an error.
    pub fn from_csv(input: impl Read) -> Result<Stats, StatsError> {
        let mut reader = ::csv::ReaderBuilder::new().has_headers(true).from_reader(input);
        let err = |line: u64, message: String| StatsError { line, message };
        let headers = reader.headers().map_err(|e| err(1, e.to_string()))?.clone();
        if headers.iter().collect::<Vec<_>>() != HEADER {
            return Err(err(1, format!("the header must be {}", HEADER.join(","))));
        }
        let mut stats = Stats::default();
        let mut seen_stats = false;
        let mut seen = std::collections::HashSet::new();
        let mut histograms: BTreeMap<(String, GroupKey, String, String), BTreeMap<i64, u64>> = BTreeMap::new();
        for result in reader.records() {
            let row = result.map_err(|e| err(e.position().map_or(0, |p| p.line()), e.to_string()))?;
            let line = row.position().map_or(0, |p| p.line());
            let field = |i: usize| row.get(i).unwrap_or("");
            let record = field(0);
            let key = GroupKey {
                segment: Some(field(1)).filter(|s| !s.is_empty()).map(str::to_string),
                window: Some(field(2)).filter(|s| !s.is_empty()).map(str::to_string),
            };
            let (a, b) = (field(3).to_string(), field(4).to_string());
            let int = |i: usize, what: &str| -> Result<Option<i64>, StatsError> {
                let text = field(i);
                if text.is_empty() {
                    return Ok(None);
                }
                text.parse::<i64>().map(Some).map_err(|_| err(line, format!("the {what} {text:?} is not an integer")))
            };
            let count = int(6, "count")?.ok_or_else(|| err(line, "no count".into()))?;
            let count = u64::try_from(count).map_err(|_| err(line, format!("negative count {count}")))?;
            let sum = int(7, "sum")?;
            let bucket = int(5, "bucket")?;
            if !seen.insert((record.to_string(), key.clone(), a.clone(), b.clone(), bucket)) {
                return Err(err(line, format!("a second {record} row for the same key")));
            }
            if record == "stats" {
                stats.window = Window::from_name(&a).ok_or_else(|| err(line, format!("unknown window {a:?}")))?;
                stats.timed = match b.as_str() {
                    "timed" => true,
                    "untimed" => false,
                    _ => return Err(err(line, format!("{b:?} is neither timed nor untimed"))),
                };
                if count != VERSION {
                    return Err(err(line, format!("version {count} of the statistics; this reads version {VERSION}")));
                }
                seen_stats = true;
                continue;
            }
            let group = stats.groups.entry(key.clone()).or_insert_with(Group::default);
            let total = sum.unwrap_or(0);
            match record {
                "cases" => {
                    group.cases.count = count;
                    group.cases.sum_ms = total;
                }
                "events" => group.events = count,
                "activity" => group.activities.entry(a).or_default().events = count,
                "start" => group.activities.entry(a).or_default().starts = count,
                "end" => group.activities.entry(a).or_default().ends = count,
                "score" => {
                    let activity = group.activities.entry(a).or_default();
                    activity.scored = count;
                    activity.score_sum_milli = total;
                }
                "lifecycle" => {
                    let activity = group.activities.entry(a).or_default();
                    activity.lifecycle.count = count;
                    activity.lifecycle.sum_ms = total;
                }
                "follows" => {
                    let d = group.follows.entry((a, b)).or_default();
                    d.count = count;
                    d.sum_ms = total;
                }
                "case-duration" | "lifecycle-duration" | "follows-gap" => {
                    let bucket = bucket.ok_or_else(|| err(line, format!("a {record} row without a bucket")))?;
                    if bucket < 0 || super::bucket(bucket) != bucket {
                        return Err(err(line, format!("{bucket} is not a bucket")));
                    }
                    histograms.entry((record.to_string(), key, a, b)).or_default().insert(bucket, count);
                }
                other => return Err(err(line, format!("unknown record {other:?}"))),
            }
        }
        if !seen_stats {
            return Err(err(1, "no stats row (window, timed, version)".into()));
        }
        for ((record, key, a, b), histogram) in histograms {
            let group = stats.groups.entry(key).or_default();
            let target = match record.as_str() {
                "case-duration" => &mut group.cases,
                "lifecycle-duration" => &mut group.activities.entry(a).or_default().lifecycle,
                _ => group.follows.entry((a, b)).or_default(),
            };
            target.histogram = histogram;
        }
        Ok(stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_tables_say_where() {
        let head = "record,segment,window,activity,next,bucket,count,sum\nstats,,,none,timed,,1,\n";
        let bad = |body: &str| Stats::from_csv(format!("{head}{body}").as_bytes()).expect_err(body).to_string();
        assert_eq!(bad("cases,,,,,,x,"), "line 3: the count \"x\" is not an integer");
        assert_eq!(bad("cases,,,,,,1,\ncases,,,,,,2,"), "line 4: a second cases row for the same key");
        assert_eq!(bad("case-duration,,,,,1234,1,"), "line 3: 1234 is not a bucket");
        assert_eq!(bad("visits,,,,,,1,"), "line 3: unknown record \"visits\"");
        assert!(Stats::from_csv("a,b\n".as_bytes()).is_err());
    }
}

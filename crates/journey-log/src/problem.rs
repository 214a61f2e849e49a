//! Bad input, counted and located: readers and the statistics report each [`Problem`] as they
//! meet it, and [`Problems`] adds them up by kind, keeping a count and the first few places,
//! so that a log with a systematic fault gives one line, not one message per row.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

use crate::event::Position;

/// What is wrong. Each kind says what happened to the input it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    /// A row or event without a case id: left out.
    MissingCase,
    /// A row or event without an activity: left out.
    MissingActivity,
    /// An event without a timestamp in a log that has them: left out.
    MissingTimestamp,
    /// A timestamp that does not parse: the event is left out.
    BadTimestamp,
    /// Some timestamps carry a zone offset and some do not (those without are read as UTC);
    /// counts the events whose kind differs from the log's first timestamp.
    MixedTimeZones,
    /// An event earlier than an event before it in the same case: kept, and put in its place.
    OutOfOrder,
    /// An event equal (activity, timestamp, lifecycle) to the one before it in its case: kept.
    Duplicate,
    /// An event whose segment differs from its case's (the segment of the case's first event): kept.
    SegmentChanges,
    /// A feedback score that is not a finite number: the event is kept without it.
    BadScore,
    /// Text that is not UTF-8: the row is left out (or, where the format cannot resync, reading stops).
    InvalidUtf8,
    /// An XES trace whose case id an earlier trace already had: its events join that case.
    DuplicateCase,
    /// A column or attribute the mapping names is not in the log: nothing is read.
    MissingColumn,
    /// Something this reader does not support (a Parquet codec or type): reading stops.
    Unsupported,
    /// Malformed CSV, XML, JSON, gzip or Parquet: reading stops there.
    Malformed,
    /// The input could not be read: reading stops there.
    Io,
    /// The log gave no event at all (nothing in it, or nothing that matched).
    NoEvents,
}

impl ProblemKind {
    /// Every kind, in order.
    pub const ALL: [ProblemKind; 16] = [
        ProblemKind::MissingCase,
        ProblemKind::MissingActivity,
        ProblemKind::MissingTimestamp,
        ProblemKind::BadTimestamp,
        ProblemKind::MixedTimeZones,
        ProblemKind::OutOfOrder,
        ProblemKind::Duplicate,
        ProblemKind::SegmentChanges,
        ProblemKind::BadScore,
        ProblemKind::InvalidUtf8,
        ProblemKind::DuplicateCase,
        ProblemKind::MissingColumn,
        ProblemKind::Unsupported,
        ProblemKind::Malformed,
        ProblemKind::Io,
        ProblemKind::NoEvents,
    ];

    /// A stable kebab-case name, for machines.
    pub fn name(self) -> &'static str {
        match self {
            ProblemKind::MissingCase => "missing-case",
            ProblemKind::MissingActivity => "missing-activity",
            ProblemKind::MissingTimestamp => "missing-timestamp",
            ProblemKind::BadTimestamp => "bad-timestamp",
            ProblemKind::MixedTimeZones => "mixed-time-zones",
            ProblemKind::OutOfOrder => "out-of-order",
            ProblemKind::Duplicate => "duplicate",
            ProblemKind::SegmentChanges => "segment-changes",
            ProblemKind::BadScore => "bad-score",
            ProblemKind::InvalidUtf8 => "invalid-utf8",
            ProblemKind::DuplicateCase => "duplicate-case",
            ProblemKind::MissingColumn => "missing-column",
            ProblemKind::Unsupported => "unsupported",
            ProblemKind::Malformed => "malformed",
            ProblemKind::Io => "io",
            ProblemKind::NoEvents => "no-events",
        }
    }

    /// What it means, for people, as a plural noun phrase ("events without a case id").
    pub fn describe(self) -> &'static str {
        match self {
            ProblemKind::MissingCase => "events without a case id (left out)",
            ProblemKind::MissingActivity => "events without an activity (left out)",
            ProblemKind::MissingTimestamp => "events without a timestamp (left out)",
            ProblemKind::BadTimestamp => "timestamps that do not parse (events left out)",
            ProblemKind::MixedTimeZones => "timestamps with a zone offset mixed with timestamps without (read as UTC)",
            ProblemKind::OutOfOrder => "events earlier than an event before them in their case (put in order)",
            ProblemKind::Duplicate => "events repeating the one before them in their case (kept)",
            ProblemKind::SegmentChanges => "events whose segment differs from their case's (the case keeps its first)",
            ProblemKind::BadScore => "scores that are not numbers (events kept without)",
            ProblemKind::InvalidUtf8 => "texts that are not UTF-8",
            ProblemKind::DuplicateCase => "traces repeating an earlier trace's case id (merged into it)",
            ProblemKind::MissingColumn => "columns or attributes named by the mapping but not in the log",
            ProblemKind::Unsupported => "unsupported encodings (reading stopped)",
            ProblemKind::Malformed => "malformed input (reading stopped)",
            ProblemKind::Io => "read errors (reading stopped)",
            ProblemKind::NoEvents => "logs without any event",
        }
    }

    /// Whether reading stops at a problem of this kind.
    pub fn stops_reading(self) -> bool {
        matches!(self, ProblemKind::MissingColumn | ProblemKind::Unsupported | ProblemKind::Malformed | ProblemKind::Io)
    }
}

/// One problem, where it was found, and the offending text or an explanation.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem<'a> {
    pub kind: ProblemKind,
    pub at: Position,
    pub detail: Cow<'a, str>,
}

impl<'a> Problem<'a> {
    pub fn new(kind: ProblemKind, at: Position, detail: impl Into<Cow<'a, str>>) -> Self {
        Problem { kind, at, detail: detail.into() }
    }
}

/// How many places [`Problems`] keeps per kind.
pub const KEPT_PER_KIND: usize = 5;

/// Problems added up by kind: a count and the first [`KEPT_PER_KIND`] places with their detail.
/// Memory does not grow with the number of problems.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Problems {
    tallies: BTreeMap<ProblemKind, Tally>,
}

/// The problems of one kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tally {
    pub count: u64,
    /// The first places, in the order they were met, with their detail (cut to 200 characters).
    pub first: Vec<(Position, String)>,
}

impl Problems {
    pub fn add(&mut self, problem: &Problem<'_>) {
        let tally = self.tallies.entry(problem.kind).or_default();
        tally.count += 1;
        if tally.first.len() < KEPT_PER_KIND {
            let detail: String = problem.detail.chars().take(200).collect();
            tally.first.push((problem.at, detail));
        }
    }

    /// The problems of each kind that occurred, in the order of [`ProblemKind`].
    pub fn iter(&self) -> impl Iterator<Item = (ProblemKind, &Tally)> {
        self.tallies.iter().map(|(kind, tally)| (*kind, tally))
    }

    pub fn get(&self, kind: ProblemKind) -> Option<&Tally> {
        self.tallies.get(&kind)
    }

    /// How many problems of `kind` there were.
    pub fn count(&self, kind: ProblemKind) -> u64 {
        self.tallies.get(&kind).map_or(0, |t| t.count)
    }

    pub fn is_empty(&self) -> bool {
        self.tallies.is_empty()
    }

    /// Whether reading stopped early.
    pub fn stopped(&self) -> bool {
        self.tallies.keys().any(|k| k.stops_reading())
    }
}

/// One line per kind: `12,400 events without a case id (left out); first at line 2 (byte 41) "…", …`.
impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (kind, tally) in self.iter() {
            write!(f, "{}: {} {}", kind.name(), group_thousands(tally.count), kind.describe())?;
            for (i, (at, detail)) in tally.first.iter().enumerate() {
                f.write_str(if i == 0 { "; at " } else { ", " })?;
                write!(f, "{at}")?;
                if !detail.is_empty() {
                    write!(f, " {detail:?}")?;
                }
            }
            if tally.count > tally.first.len() as u64 {
                f.write_str(", …")?;
            }
            writeln!(f)?;
        }
        Ok(())
    }
}

fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A sink that only adds up problems and counts events: for a reader run just to check a log.
#[derive(Debug, Default)]
pub struct Check {
    pub events: u64,
    pub problems: Problems,
}

impl crate::Sink for Check {
    fn event(&mut self, _: &crate::Event<'_>) {
        self.events += 1;
    }
    fn problem(&mut self, problem: Problem<'_>) {
        self.problems.add(&problem);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_million_problems_keep_five_places_and_one_line() {
        let mut problems = Problems::default();
        for row in 0..1_000_000u64 {
            problems.add(&Problem::new(ProblemKind::MissingCase, Position::Row(row), ""));
        }
        problems.add(&Problem::new(ProblemKind::BadTimestamp, Position::Line { line: 3, byte: 40 }, "31/02/2024"));
        assert_eq!(problems.count(ProblemKind::MissingCase), 1_000_000);
        assert_eq!(
            problems.to_string(),
            "missing-case: 1,000,000 events without a case id (left out); at row 0, row 1, row 2, row 3, row 4, …\n\
             bad-timestamp: 1 timestamps that do not parse (events left out); at line 3 (byte 40) \"31/02/2024\"\n"
        );
    }
}

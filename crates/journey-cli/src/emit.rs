//! `journey simulate --emit-log FILE`: the event log the model would produce. One case per
//! walk (`c000001`, …), one event per visited step with the activity the step is recorded as
//! (its first `logged_as:`, else its label), times advancing by each step's `duration:` from the
//! log's start, and the walk's segment when the walks are drawn by segment. Written as the
//! walks are taken, through a temporary file renamed over FILE: memory does not grow with the
//! walks.

use std::io::{self, Write};
use std::path::Path;

use journey_analysis::simulate::Walk;
use journey_log::{CsvWriter, Event, Timestamp, WriteOptions, XesWriter};
use journey_model::ir::{Journey, Model, SmolStr};

/// The log's start when none is given: a Monday morning.
pub const DEFAULT_START: &str = "2026-01-05T09:00:00Z";

/// The last moment a log may reach: the readers take four-digit years.
const LAST_MS: i64 = 253_402_300_799_999;

/// The formats a log can be written in, chosen by the file's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Csv,
    Xes,
}

impl Kind {
    pub fn of(path: &Path) -> Result<Kind, String> {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("csv") => Ok(Kind::Csv),
            Some("xes") => Ok(Kind::Xes),
            _ => Err(format!(
                "{}: --emit-log writes a CSV (.csv) or XES (.xes) log, chosen by the file's extension",
                path.display()
            )),
        }
    }
}

/// The `--log-start` time: RFC 3339 (`2026-01-05T09:00:00Z`), UTC when it says no offset.
pub fn start(text: &str) -> Result<Timestamp, String> {
    journey_log::time::parse(text, journey_log::TimeFormat::Iso)
        .map(|(t, _)| t)
        .filter(|t| (0..=LAST_MS).contains(&t.0))
        .ok_or_else(|| {
            format!("--log-start `{text}` is no time between 1970 and 9999 in the form `2026-01-05T09:00:00Z`")
        })
}

/// What each step writes: its activity and how long it takes (milliseconds; 0 when it does not
/// say, listed in `silent`).
pub struct Steps {
    activity: Vec<SmolStr>,
    duration_ms: Vec<i64>,
    pub silent: Vec<SmolStr>,
}

impl Steps {
    pub fn of(journey: &Journey) -> Steps {
        let activity = journey
            .steps
            .iter()
            .map(|s| match s.logged_as.first() {
                Some(text) if !text.text.is_empty() => SmolStr::new(&text.text),
                _ if !s.decl.label.is_empty() => s.decl.label.clone(),
                _ => s.decl.id.clone(),
            })
            .collect();
        let duration_ms = journey
            .steps
            .iter()
            .map(|s| s.duration.map_or(0, |d| (d * 1000.0).round().clamp(0.0, LAST_MS as f64) as i64))
            .collect();
        let silent = journey.steps.iter().filter(|s| s.duration.is_none()).map(|s| s.decl.id.clone()).collect();
        Steps { activity, duration_ms, silent }
    }
}

enum Writer<'o> {
    Csv(Box<CsvWriter<&'o mut dyn Write>>),
    Xes(XesWriter<&'o mut dyn Write>),
}

/// A log being written, one walk at a time.
pub struct Log<'a, 'o> {
    writer: Writer<'o>,
    steps: &'a Steps,
    /// The segments' ids, by segment.
    segments: Vec<SmolStr>,
    start: i64,
    cases: u64,
    case: String,
}

impl<'a, 'o> Log<'a, 'o> {
    /// Starts the log (its header) in `out`; `segmented` adds the segment column.
    pub fn new(
        out: &'o mut dyn Write,
        kind: Kind,
        model: &Model,
        steps: &'a Steps,
        segmented: bool,
        start: Timestamp,
    ) -> io::Result<Self> {
        let options = WriteOptions { segment: segmented, ..WriteOptions::default() };
        let writer = match kind {
            Kind::Csv => Writer::Csv(Box::new(CsvWriter::new(out, options)?)),
            Kind::Xes => Writer::Xes(XesWriter::new(out, options)?),
        };
        let segments = model.segments.iter().map(|s| s.decl.id.clone()).collect();
        Ok(Log { writer, steps, segments, start: start.0, cases: 0, case: String::new() })
    }

    /// Writes one walk as the next case.
    pub fn walk(&mut self, walk: &Walk<'_>) -> io::Result<()> {
        self.cases += 1;
        self.case.clear();
        use std::fmt::Write as _;
        let _ = write!(self.case, "c{:06}", self.cases);
        let segment = walk.segment.and_then(|s| self.segments.get(s.index())).map(SmolStr::as_str);
        let mut time = self.start;
        for &s in walk.steps {
            let (Some(activity), Some(&took)) = (self.steps.activity.get(s), self.steps.duration_ms.get(s)) else {
                continue;
            };
            let mut event = Event::new(&self.case, activity, Some(Timestamp(time)));
            event.segment = segment;
            match &mut self.writer {
                Writer::Csv(w) => w.write(&event)?,
                Writer::Xes(w) => w.write(&event)?,
            }
            time = time.saturating_add(took);
            if time > LAST_MS {
                return Err(io::Error::other(format!(
                    "case {} goes on past the year 9999: give an earlier --log-start",
                    self.case
                )));
            }
        }
        Ok(())
    }

    /// Ends the log.
    pub fn finish(self) -> io::Result<()> {
        match self.writer {
            Writer::Csv(w) => w.finish()?.flush(),
            Writer::Xes(w) => w.finish()?.flush(),
        }
    }
}

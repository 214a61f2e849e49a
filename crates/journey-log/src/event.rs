//! What every reader hands over: one [`Event`] at a time, with borrowed strings, to a [`Sink`];
//! and where in the input it was found ([`Position`]).

use std::fmt;

use crate::problem::Problem;

/// A moment, in whole milliseconds since 1970-01-01T00:00:00 UTC (leap seconds not counted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

/// Where something was found in a log, for people to go and look.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Position {
    /// A CSV record: the line it starts on (1-based) and its byte offset in the decompressed text.
    Line { line: u64, byte: u64 },
    /// A byte offset in the decompressed text (XML and JSON).
    Byte(u64),
    /// A line and column (1-based) of a JSON text, as the JSON parser counts them.
    Text { line: u64, column: u64 },
    /// A row of a Parquet file (0-based, over the whole file).
    Row(u64),
    /// Nowhere in particular: the log as a whole.
    Log,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Line { line, byte } => write!(f, "line {line} (byte {byte})"),
            Position::Byte(byte) => write!(f, "byte {byte}"),
            Position::Text { line, column } => write!(f, "line {line}, column {column}"),
            Position::Row(row) => write!(f, "row {row}"),
            Position::Log => f.write_str("the log"),
        }
    }
}

/// One event of a log, as the reader found it. Strings borrow the reader's buffer: a sink that
/// keeps one copies it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Event<'a> {
    /// The case (customer, ticket, order…) the event belongs to; never empty.
    pub case: &'a str,
    /// What happened; never empty.
    pub activity: &'a str,
    /// When, if the log says (the statistics leave out an event without a time from a log
    /// whose events have one, and the readers of logs with a time column do so themselves).
    pub time: Option<Timestamp>,
    pub segment: Option<&'a str>,
    pub channel: Option<&'a str>,
    pub resource: Option<&'a str>,
    /// The lifecycle transition as written (`start`, `complete`, …).
    pub lifecycle: Option<&'a str>,
    /// A numeric feedback score carried by the event.
    pub score: Option<f64>,
    pub at: Position,
}

impl<'a> Event<'a> {
    /// An event with only a case, an activity and a time.
    pub fn new(case: &'a str, activity: &'a str, time: Option<Timestamp>) -> Self {
        Event {
            case,
            activity,
            time,
            segment: None,
            channel: None,
            resource: None,
            lifecycle: None,
            score: None,
            at: Position::Log,
        }
    }
}

/// Where a reader pushes what it reads: each event, and each problem with the input. A reader
/// never stops for a problem it can step over, and never drops an event without a problem
/// saying so.
pub trait Sink {
    fn event(&mut self, event: &Event<'_>);
    fn problem(&mut self, problem: Problem<'_>);
}

impl<S: Sink + ?Sized> Sink for &mut S {
    fn event(&mut self, event: &Event<'_>) {
        (**self).event(event);
    }
    fn problem(&mut self, problem: Problem<'_>) {
        (**self).problem(problem);
    }
}

/// What a reader did: how many events it passed on, and how many bytes of input it read
/// (decompressed).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Outcome {
    pub events: u64,
    pub bytes: u64,
    /// False when reading stopped early at malformed input or an IO error (a problem says which).
    pub complete: bool,
}

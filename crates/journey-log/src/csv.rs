//! CSV logs: one event a row, with a column mapping (by header name or by position), the
//! delimiter and the header found from the first line when not given, gzip undone, timestamps
//! in the form the options name. Rows are read into one reused record (the `csv` crate), so
//! reading allocates nothing per event.

use std::borrow::Cow;
use std::io::{self, Read};

use crate::event::{Event, Outcome, Position, Sink};
use crate::input::{Encoding, decompress, sniff};
use crate::problem::{Problem, ProblemKind};
use crate::time::{self, TimeFormat, ZoneCheck};

/// A column of a CSV log: by its header name (exact) or by its position (0-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    Name(String),
    Index(usize),
}

/// Which column holds what. A field left `None` is looked for among the usual header names
/// (`case:concept:name`, `case_id`, `ticket_id`…; see [`Field::usual_names`]) when
/// [`CsvOptions::guess`] is on, and is absent otherwise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Columns {
    pub case: Option<Column>,
    pub activity: Option<Column>,
    pub time: Option<Column>,
    pub segment: Option<Column>,
    pub channel: Option<Column>,
    pub resource: Option<Column>,
    pub lifecycle: Option<Column>,
    pub score: Option<Column>,
}

/// How to read a CSV log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvOptions {
    pub columns: Columns,
    /// Look for unmapped columns among the usual header names.
    pub guess: bool,
    /// The delimiter; `None`: the most frequent of `,` `;` tab `|` outside quotes on the first line.
    pub delimiter: Option<u8>,
    /// Whether the first row is a header; `None`: yes when any column is named or guessed,
    /// else yes when its timestamp does not parse (and no when there is no time column).
    pub header: Option<bool>,
    pub time_format: TimeFormat,
}

impl Default for CsvOptions {
    fn default() -> Self {
        CsvOptions {
            columns: Columns::default(),
            guess: true,
            delimiter: None,
            header: None,
            time_format: TimeFormat::Iso,
        }
    }
}

/// The fields of an event a column can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Case,
    Activity,
    Time,
    Segment,
    Channel,
    Resource,
    Lifecycle,
    Score,
}

impl Field {
    pub(crate) const ALL: [Field; 8] = [
        Field::Case,
        Field::Activity,
        Field::Time,
        Field::Segment,
        Field::Channel,
        Field::Resource,
        Field::Lifecycle,
        Field::Score,
    ];

    /// Header names that usually mean this field, best first, compared in lower case with
    /// spaces, `_`, `-`, `.` and `:` left out (so `Case ID`, `case_id` and `case:id` match `caseid`).
    pub fn usual_names(self) -> &'static [&'static str] {
        match self {
            Field::Case => &[
                "caseconceptname",
                "caseid",
                "case",
                "casenumber",
                "ticketid",
                "ticketnumber",
                "ticket",
                "incidentid",
                "incidentnumber",
                "customerid",
                "clientid",
                "accountid",
                "orderid",
                "journeyid",
            ],
            Field::Activity => &[
                "conceptname",
                "activity",
                "activityname",
                "eventname",
                "event",
                "eventtype",
                "action",
                "task",
                "step",
            ],
            Field::Time => &[
                "timetimestamp",
                "timestamp",
                "eventtimestamp",
                "eventtime",
                "datetime",
                "time",
                "date",
                "createdat",
                "createddate",
                "created",
            ],
            Field::Segment => &["segment", "casesegment", "customersegment"],
            Field::Channel => &["channel", "casechannel", "contactchannel", "medium"],
            Field::Resource => {
                &["orgresource", "resource", "agent", "agentid", "agentname", "employee", "user", "owner"]
            }
            Field::Lifecycle => &["lifecycletransition", "lifecycle", "transition"],
            Field::Score => &["score", "feedbackscore", "csat", "nps", "rating", "satisfaction"],
        }
    }

    pub(crate) fn mapped(self, columns: &Columns) -> Option<&Column> {
        match self {
            Field::Case => columns.case.as_ref(),
            Field::Activity => columns.activity.as_ref(),
            Field::Time => columns.time.as_ref(),
            Field::Segment => columns.segment.as_ref(),
            Field::Channel => columns.channel.as_ref(),
            Field::Resource => columns.resource.as_ref(),
            Field::Lifecycle => columns.lifecycle.as_ref(),
            Field::Score => columns.score.as_ref(),
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Field::Case => "case id",
            Field::Activity => "activity",
            Field::Time => "timestamp",
            Field::Segment => "segment",
            Field::Channel => "channel",
            Field::Resource => "resource",
            Field::Lifecycle => "lifecycle",
            Field::Score => "score",
        }
    }
}

pub(crate) fn normalise(name: &str) -> String {
    name.chars().filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | ':')).flat_map(char::to_lowercase).collect()
}

/// The column index of each field, once the header (if any) is known.
#[derive(Clone, Copy, Debug, Default)]
struct Layout {
    index: [Option<usize>; 8],
}

impl Layout {
    fn get(&self, field: Field) -> Option<usize> {
        self.index[field as usize]
    }
}

/// Reads a CSV log (gzip or not) and pushes its events and problems into `sink`.
pub fn read_csv(input: impl Read, options: &CsvOptions, sink: &mut impl Sink) -> Outcome {
    let mut outcome = Outcome::default();
    let mut input = match decompress(input) {
        Ok(input) => input,
        Err(error) => return io_problem(&error, Position::Log, sink, outcome),
    };
    // The first 64 KiB decide the encoding, the delimiter and the header.
    let mut head = Vec::with_capacity(1 << 16);
    if let Err(error) = (&mut input).take(1 << 16).read_to_end(&mut head) {
        return io_problem(&error, Position::Log, sink, outcome);
    }
    if sniff(&head) == Encoding::Utf16 {
        sink.problem(Problem::new(ProblemKind::InvalidUtf8, Position::Byte(0), "the log is UTF-16; save it as UTF-8"));
        return outcome;
    }
    let delimiter = options.delimiter.unwrap_or_else(|| detect_delimiter(&head));
    let body = io::Cursor::new(head).chain(input);
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 16)
        .from_reader(body);
    let mut record = ::csv::ByteRecord::new();
    let mut zones = ZoneCheck::default();
    let mut layout = None;
    let mut first = true;
    loop {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                let at = error.position().map_or(Position::Log, |p| Position::Line { line: p.line(), byte: p.byte() });
                let kind = if matches!(error.kind(), ::csv::ErrorKind::Io(_)) {
                    ProblemKind::Io
                } else {
                    ProblemKind::Malformed
                };
                sink.problem(Problem::new(kind, at, error.to_string()));
                return outcome;
            }
        }
        let at = record.position().map_or(Position::Log, |p| Position::Line { line: p.line(), byte: p.byte() });
        if let Position::Line { byte, .. } = at {
            outcome.bytes = byte;
        }
        if first {
            // (The csv reader leaves a UTF-8 byte-order mark out of the first field itself.)
            first = false;
            match resolve(&record, options) {
                Ok((resolved, header)) => {
                    layout = Some(resolved);
                    if header {
                        continue;
                    }
                }
                Err(missing) => {
                    sink.problem(Problem::new(ProblemKind::MissingColumn, at, missing));
                    return outcome;
                }
            }
        }
        let Some(layout) = &layout else { break };
        if row(&record, layout, options.time_format, &mut zones, at, sink) {
            outcome.events += 1;
        }
    }
    outcome.complete = true;
    outcome.bytes = reader.position().byte();
    outcome
}

fn io_problem(error: &io::Error, at: Position, sink: &mut impl Sink, outcome: Outcome) -> Outcome {
    let kind = if error.kind() == io::ErrorKind::InvalidInput || error.kind() == io::ErrorKind::InvalidData {
        ProblemKind::Malformed
    } else {
        ProblemKind::Io
    };
    sink.problem(Problem::new(kind, at, error.to_string()));
    outcome
}

/// The candidate with most occurrences outside double quotes on the first line; `,` on a tie
/// or when none occurs.
fn detect_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; 4];
    let candidates = [b',', b';', b'\t', b'|'];
    let mut quoted = false;
    for &c in head {
        match c {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = candidates.iter().position(|&d| d == c) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let mut best = 0;
    for i in 1..4 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
}

/// Works out each field's column from the first record; says whether that record is a header.
fn resolve(first: &::csv::ByteRecord, options: &CsvOptions) -> Result<(Layout, bool), String> {
    let names: Vec<Cow<'_, str>> = first.iter().map(String::from_utf8_lossy).collect();
    let any_named = Field::ALL.iter().any(|f| matches!(f.mapped(&options.columns), Some(Column::Name(_))));
    let header = options.header.unwrap_or_else(|| {
        if any_named || options.guess {
            return true;
        }
        match &options.columns.time {
            Some(Column::Index(i)) => {
                let cell = first.get(*i).and_then(|c| std::str::from_utf8(c).ok()).unwrap_or("");
                time::parse(cell, options.time_format).is_none()
            }
            _ => false,
        }
    });
    let normalised: Vec<String> = names.iter().map(|n| normalise(n)).collect();
    let mut layout = Layout::default();
    let mut missing = Vec::new();
    for field in Field::ALL {
        let index = match field.mapped(&options.columns) {
            Some(Column::Index(i)) => Some(*i),
            Some(Column::Name(name)) if header => {
                let found = names.iter().position(|n| n == name);
                if found.is_none() {
                    missing.push(format!("no column named {name:?} (for the {})", field.name()));
                }
                found
            }
            Some(Column::Name(name)) => {
                missing.push(format!("column {name:?} is named but the log has no header"));
                None
            }
            None if options.guess && header => {
                field.usual_names().iter().find_map(|usual| normalised.iter().position(|n| n == usual))
            }
            None => None,
        };
        layout.index[field as usize] = index;
    }
    for field in [Field::Case, Field::Activity] {
        if layout.get(field).is_none() && field.mapped(&options.columns).is_none() {
            missing.push(format!("no column for the {} among {:?}", field.name(), names));
        }
    }
    if missing.is_empty() { Ok((layout, header)) } else { Err(missing.join("; ")) }
}

/// One row: an event, or the problems that keep it out. Returns whether an event went out.
fn row(
    record: &::csv::ByteRecord,
    layout: &Layout,
    format: TimeFormat,
    zones: &mut ZoneCheck,
    at: Position,
    sink: &mut impl Sink,
) -> bool {
    let mut texts: [Option<&str>; 8] = [None; 8];
    for field in Field::ALL {
        let Some(index) = layout.get(field) else { continue };
        let bytes = record.get(index).unwrap_or_default();
        match std::str::from_utf8(bytes) {
            Ok(text) => texts[field as usize] = (!text.is_empty()).then_some(text),
            Err(error) => {
                let detail = format!(
                    "the {} is not UTF-8 at its byte {}: {:?}",
                    field.name(),
                    error.valid_up_to(),
                    String::from_utf8_lossy(bytes)
                );
                sink.problem(Problem::new(ProblemKind::InvalidUtf8, at, detail));
                return false;
            }
        }
    }
    let Some(case) = texts[Field::Case as usize] else {
        sink.problem(Problem::new(ProblemKind::MissingCase, at, ""));
        return false;
    };
    let Some(activity) = texts[Field::Activity as usize] else {
        sink.problem(Problem::new(ProblemKind::MissingActivity, at, case));
        return false;
    };
    let time = match (layout.get(Field::Time), texts[Field::Time as usize]) {
        (None, _) => None,
        (Some(_), None) => {
            sink.problem(Problem::new(ProblemKind::MissingTimestamp, at, case));
            return false;
        }
        (Some(_), Some(text)) => match time::parse(text, format) {
            Some((time, zone)) => {
                if zones.differs(zone) {
                    sink.problem(Problem::new(ProblemKind::MixedTimeZones, at, text));
                }
                Some(time)
            }
            None => {
                sink.problem(Problem::new(ProblemKind::BadTimestamp, at, text));
                return false;
            }
        },
    };
    let score = texts[Field::Score as usize].and_then(|text| match text.trim().parse::<f64>() {
        Ok(value) if value.is_finite() => Some(value),
        _ => {
            sink.problem(Problem::new(ProblemKind::BadScore, at, text));
            None
        }
    });
    sink.event(&Event {
        case,
        activity,
        time,
        segment: texts[Field::Segment as usize],
        channel: texts[Field::Channel as usize],
        resource: texts[Field::Resource as usize],
        lifecycle: texts[Field::Lifecycle as usize],
        score,
        at,
    });
    true
}

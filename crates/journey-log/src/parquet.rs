//! Parquet logs, read with the `parquet` crate's column readers (no Arrow): one row an event,
//! columns mapped by name or position as for CSV. Row groups are read in batches of a few
//! thousand rows, each column into a reused buffer, so memory follows the batch, not the file.
//! Text may be strings or numbers (a numeric case id); times may be Parquet timestamps
//! (milli-, micro- or nanoseconds, INT96 as Spark writes them), dates, or strings in the
//! options' format; scores any number.

use parquet::basic::{LogicalType, TimeUnit};
use parquet::column::reader::{ColumnReader, ColumnReaderImpl};
use parquet::data_type::DataType;
use parquet::errors::ParquetError;
use parquet::file::reader::{ChunkReader, FileReader, SerializedFileReader};

use crate::csv::{Column, Columns, Field, normalise};
use crate::event::{Event, Outcome, Position, Sink};
use crate::problem::{Problem, ProblemKind};
use crate::time::{self, DAY_MS, TimeFormat, Zone, ZoneCheck};

/// How to read a Parquet log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParquetOptions {
    pub columns: Columns,
    /// Look for unmapped columns among the usual names, as for CSV.
    pub guess: bool,
    /// How times stored as strings are written; integers without a timestamp type are
    /// milliseconds since 1970, or seconds with [`TimeFormat::UnixSeconds`].
    pub time_format: TimeFormat,
}

impl Default for ParquetOptions {
    fn default() -> Self {
        ParquetOptions { columns: Columns::default(), guess: true, time_format: TimeFormat::Iso }
    }
}

const BATCH: usize = 4096;

/// One value of a batch.
#[derive(Clone, Copy, Debug)]
enum Cell {
    Null,
    /// A range of the column's text buffer.
    Text(usize, usize),
    Int(i64),
    Float(f64),
    /// Text that is not UTF-8.
    NotUtf8,
}

/// How a time column's integers become milliseconds.
#[derive(Clone, Copy, Debug)]
enum Unit {
    Millis,
    Micros,
    Nanos,
    Days,
    Seconds,
}

/// One mapped column: where it is, and its current batch.
struct Mapped {
    field: Field,
    index: usize,
    unit: Unit,
    zone: Zone,
    max_def: i16,
    text: String,
    cells: Vec<Cell>,
}

/// Reads a Parquet log and pushes its events and problems into `sink`.
pub fn read_parquet(input: impl ChunkReader + 'static, options: &ParquetOptions, sink: &mut impl Sink) -> Outcome {
    let mut outcome = Outcome::default();
    // The parquet crate checks what it reads, but a decoder deep inside it may still assert on
    // a corrupt page; that is malformed input too, never a crash of journey.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read(input, options, sink, &mut outcome)));
    match result {
        Ok(Ok(())) => outcome.complete = true,
        Ok(Err((at, error))) => {
            let message = error.to_string();
            let kind = match error {
                ParquetError::NYI(_) => ProblemKind::Unsupported,
                _ if message.contains("feature") || message.contains("not supported") => ProblemKind::Unsupported,
                _ => ProblemKind::Malformed,
            };
            sink.problem(Problem::new(kind, at, message));
        }
        Err(_) => {
            sink.problem(Problem::new(ProblemKind::Malformed, Position::Log, "the Parquet decoder failed on this file"))
        }
    }
    outcome
}

fn read(
    input: impl ChunkReader + 'static,
    options: &ParquetOptions,
    sink: &mut impl Sink,
    outcome: &mut Outcome,
) -> Result<(), (Position, ParquetError)> {
    let file = SerializedFileReader::new(input).map_err(|e| (Position::Log, e))?;
    let schema = file.metadata().file_metadata().schema_descr_ptr();
    let names: Vec<String> = schema.columns().iter().map(|c| c.name().to_string()).collect();
    let mut mapped = Vec::new();
    let mut missing = Vec::new();
    for field in Field::ALL {
        let index = match field.mapped(&options.columns) {
            Some(Column::Index(i)) => Some(*i).filter(|i| *i < names.len()),
            Some(Column::Name(name)) => names.iter().position(|n| n == name),
            None if options.guess => {
                let normalised: Vec<String> = names.iter().map(|n| normalise(n)).collect();
                field.usual_names().iter().find_map(|usual| normalised.iter().position(|n| n == usual))
            }
            None => None,
        };
        match index {
            Some(index) => {
                let column = schema.column(index);
                if column.max_rep_level() > 0 {
                    missing.push(format!("the {} column {:?} is a list", field.name(), column.name()));
                    continue;
                }
                let (unit, zone) = match column.logical_type_ref() {
                    Some(LogicalType::Timestamp(timestamp)) => (
                        match timestamp.unit {
                            TimeUnit::MILLIS => Unit::Millis,
                            TimeUnit::MICROS => Unit::Micros,
                            TimeUnit::NANOS => Unit::Nanos,
                        },
                        if timestamp.is_adjusted_to_u_t_c { Zone::Offset } else { Zone::Naive },
                    ),
                    Some(LogicalType::Date) => (Unit::Days, Zone::Naive),
                    _ if options.time_format == TimeFormat::UnixSeconds => (Unit::Seconds, Zone::Offset),
                    _ => (Unit::Millis, Zone::Offset),
                };
                let max_def = column.max_def_level();
                mapped.push(Mapped {
                    field,
                    index,
                    unit,
                    zone,
                    max_def,
                    text: String::new(),
                    cells: Vec::with_capacity(BATCH),
                });
            }
            None if field.mapped(&options.columns).is_some() => {
                missing.push(format!("no column {:?} (for the {})", field.mapped(&options.columns), field.name()));
            }
            None if matches!(field, Field::Case | Field::Activity) => {
                missing.push(format!("no column for the {} among {names:?}", field.name()));
            }
            None => {}
        }
    }
    if !missing.is_empty() {
        sink.problem(Problem::new(ProblemKind::MissingColumn, Position::Log, missing.join("; ")));
        return Ok(());
    }
    let mut zones = ZoneCheck::default();
    let mut row = 0u64;
    for g in 0..file.num_row_groups() {
        let group = file.get_row_group(g).map_err(|e| (Position::Row(row), e))?;
        let rows = group.metadata().num_rows().max(0) as u64;
        let mut readers = Vec::with_capacity(mapped.len());
        for m in &mapped {
            readers.push(group.get_column_reader(m.index).map_err(|e| (Position::Row(row), e))?);
        }
        let mut done = 0u64;
        while done < rows {
            let want = BATCH.min((rows - done) as usize);
            for (m, reader) in mapped.iter_mut().zip(&mut readers) {
                m.text.clear();
                m.cells.clear();
                batch(reader, want, m).map_err(|e| (Position::Row(row), e))?;
                m.cells.resize(want, Cell::Null);
            }
            for i in 0..want {
                if emit(&mapped, i, options.time_format, &mut zones, Position::Row(row), sink) {
                    outcome.events += 1;
                }
                row += 1;
            }
            done += want as u64;
        }
    }
    Ok(())
}

/// Reads up to `want` rows of one column into its cells.
fn batch(reader: &mut ColumnReader, want: usize, m: &mut Mapped) -> Result<(), ParquetError> {
    let (text, cells, unit, max_def) = (&mut m.text, &mut m.cells, m.unit, m.max_def);
    let time = m.field == Field::Time;
    let int = |v: i64| -> Cell {
        if !time {
            return Cell::Int(v);
        }
        Cell::Int(match unit {
            Unit::Millis => v,
            Unit::Micros => v.div_euclid(1000),
            Unit::Nanos => v.div_euclid(1_000_000),
            Unit::Days => v.saturating_mul(DAY_MS),
            Unit::Seconds => v.saturating_mul(1000),
        })
    };
    match reader {
        ColumnReader::BoolColumnReader(r) => typed(r, want, max_def, |v| {
            cells.push(v.map_or(Cell::Null, |b| push_text(text, if *b { "true" } else { "false" })))
        }),
        ColumnReader::Int32ColumnReader(r) => {
            typed(r, want, max_def, |v| cells.push(v.map_or(Cell::Null, |x| int(i64::from(*x)))))
        }
        ColumnReader::Int64ColumnReader(r) => {
            typed(r, want, max_def, |v| cells.push(v.map_or(Cell::Null, |x| int(*x))))
        }
        ColumnReader::Int96ColumnReader(r) => typed(r, want, max_def, |v| {
            cells.push(v.map_or(Cell::Null, |x| Cell::Int(x.to_nanos().div_euclid(1_000_000))))
        }),
        ColumnReader::FloatColumnReader(r) => {
            typed(r, want, max_def, |v| cells.push(v.map_or(Cell::Null, |x| Cell::Float(f64::from(*x)))))
        }
        ColumnReader::DoubleColumnReader(r) => {
            typed(r, want, max_def, |v| cells.push(v.map_or(Cell::Null, |x| Cell::Float(*x))))
        }
        ColumnReader::ByteArrayColumnReader(r) => typed(r, want, max_def, |v| {
            cells.push(v.map_or(Cell::Null, |b| match std::str::from_utf8(b.data()) {
                Ok(s) => push_text(text, s),
                Err(_) => Cell::NotUtf8,
            }))
        }),
        ColumnReader::FixedLenByteArrayColumnReader(r) => typed(r, want, max_def, |v| {
            cells.push(v.map_or(Cell::Null, |b| match std::str::from_utf8(b.data()) {
                Ok(s) => push_text(text, s),
                Err(_) => Cell::NotUtf8,
            }))
        }),
    }
}

fn push_text(text: &mut String, s: &str) -> Cell {
    let start = text.len();
    text.push_str(s);
    Cell::Text(start, text.len())
}

/// Reads up to `want` records of a flat column, calling `each` with every value or null.
fn typed<T: DataType>(
    reader: &mut ColumnReaderImpl<T>,
    want: usize,
    max_def: i16,
    mut each: impl FnMut(Option<&T::T>),
) -> Result<(), ParquetError> {
    let mut defs: Vec<i16> = Vec::with_capacity(want);
    let mut values: Vec<T::T> = Vec::with_capacity(want);
    let (_, _, levels) = reader.read_records(want, (max_def > 0).then_some(&mut defs), None, &mut values)?;
    if max_def > 0 {
        let mut next = values.iter();
        for level in defs.iter().take(levels) {
            each(if *level == max_def { next.next() } else { None });
        }
    } else {
        values.iter().for_each(|v| each(Some(v)));
    }
    Ok(())
}

/// One row: an event, or the problems that keep it out.
fn emit(
    mapped: &[Mapped],
    i: usize,
    format: TimeFormat,
    zones: &mut ZoneCheck,
    at: Position,
    sink: &mut impl Sink,
) -> bool {
    let mut texts: [Option<&str>; 8] = [None; 8];
    let mut time = None;
    let mut number: Option<f64> = None;
    let mut itoa = [const { String::new() }; 8];
    for m in mapped {
        let cell = m.cells.get(i).copied().unwrap_or(Cell::Null);
        let slot = m.field as usize;
        match (m.field, cell) {
            (_, Cell::Null) => {}
            (field, Cell::NotUtf8) => {
                sink.problem(Problem::new(ProblemKind::InvalidUtf8, at, format!("the {} is not UTF-8", field.name())));
                return false;
            }
            (Field::Time, Cell::Int(ms)) => match time::within_years(ms) {
                Some(t) => time = Some((t, m.zone)),
                None => {
                    sink.problem(Problem::new(ProblemKind::BadTimestamp, at, "a time outside the years 0000 to 9999"));
                    return false;
                }
            },
            (Field::Time, Cell::Float(_)) => {
                sink.problem(Problem::new(ProblemKind::BadTimestamp, at, "a floating-point time"));
                return false;
            }
            (Field::Score, Cell::Int(v)) => number = Some(v as f64),
            (Field::Score, Cell::Float(v)) => number = Some(v),
            (_, Cell::Int(v)) => itoa[slot] = v.to_string(),
            (_, Cell::Float(v)) => itoa[slot] = v.to_string(),
            (_, Cell::Text(a, b)) => texts[slot] = m.text.get(a..b).filter(|s| !s.is_empty()),
        }
    }
    for (slot, text) in itoa.iter().enumerate() {
        if !text.is_empty() {
            texts[slot] = Some(text);
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
    let has_time = mapped.iter().any(|m| m.field == Field::Time);
    if let Some(text) = texts[Field::Time as usize] {
        match time::parse(text, format) {
            Some(parsed) => time = Some(parsed),
            None => {
                sink.problem(Problem::new(ProblemKind::BadTimestamp, at, text));
                return false;
            }
        }
    }
    if has_time && time.is_none() {
        sink.problem(Problem::new(ProblemKind::MissingTimestamp, at, case));
        return false;
    }
    if let Some((_, zone)) = time {
        if zones.differs(zone) {
            sink.problem(Problem::new(ProblemKind::MixedTimeZones, at, ""));
        }
    }
    if let Some(text) = texts[Field::Score as usize] {
        match text.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => number = Some(v),
            _ => sink.problem(Problem::new(ProblemKind::BadScore, at, text)),
        }
    }
    sink.event(&Event {
        case,
        activity,
        time: time.map(|(t, _)| t),
        segment: texts[Field::Segment as usize],
        channel: texts[Field::Channel as usize],
        resource: texts[Field::Resource as usize],
        lifecycle: texts[Field::Lifecycle as usize],
        score: number.filter(|v| v.is_finite()),
        at,
    });
    true
}

//! `journey log-stats` (hidden, for now): reads an event log and prints its sufficient
//! statistics as CSV (crates/journey-log/STATS.md), with the log's problems on standard error
//! and a progress bar there while reading when it is a terminal. It exercises the readers end
//! to end until `journey fit` is built over them.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use journey_log::{
    Column, CsvOptions, OcelOptions, ParquetOptions, Progress, StatsBuilder, StatsOptions, TimeFormat, Window,
    XesOptions, compute, read_csv, read_ocel_json, read_ocel_xml, read_parquet, read_xes,
};

use journey_fs::Purpose;

#[derive(clap::Args, Debug)]
pub struct LogStatsArgs {
    /// The log: CSV, XES, OCEL 2.0 (JSON or XML) or Parquet, gzip-compressed or not.
    log: PathBuf,
    /// Its format; by default from its name (.csv, .xes, .jsonocel, .xmlocel, .parquet, each
    /// optionally .gz).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Group cases by the window of their first event.
    #[arg(long, value_enum, default_value = "none")]
    window: WindowArg,
    /// CSV and Parquet: the columns (by header name); unnamed ones are guessed.
    #[arg(long)]
    case: Option<String>,
    #[arg(long)]
    activity: Option<String>,
    #[arg(long)]
    time: Option<String>,
    /// The segment: a column (CSV, Parquet), a trace or event attribute (XES), an object
    /// attribute (OCEL).
    #[arg(long)]
    segment: Option<String>,
    /// CSV: how timestamps are written.
    #[arg(long, value_enum, default_value = "iso")]
    time_format: TimeFormatArg,
    /// OCEL: the object type whose objects are the cases.
    #[arg(long)]
    object_type: Option<String>,
    /// Write the statistics to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Csv,
    Xes,
    OcelJson,
    OcelXml,
    Parquet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum WindowArg {
    None,
    Day,
    Week,
    Month,
    Quarter,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum TimeFormatArg {
    Iso,
    DayFirst,
    MonthFirst,
    UnixSeconds,
    UnixMillis,
}

fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit('.').next()?;
    Some(match ext {
        "csv" | "tsv" | "txt" => Format::Csv,
        "xes" => Format::Xes,
        "jsonocel" | "json" => Format::OcelJson,
        "xmlocel" | "xml" => Format::OcelXml,
        "parquet" => Format::Parquet,
        _ => return None,
    })
}

pub fn run(args: LogStatsArgs) -> Result<ExitCode, String> {
    let path = &args.log;
    let metadata = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !metadata.is_file() {
        return Err(format!("{}: not a regular file", path.display()));
    }
    let format = args
        .format
        .or_else(|| format_of(path))
        .ok_or_else(|| format!("{}: cannot tell the log's format from its name; give --format", path.display()))?;
    let window = match args.window {
        WindowArg::None => Window::None,
        WindowArg::Day => Window::Day,
        WindowArg::Week => Window::Week,
        WindowArg::Month => Window::Month,
        WindowArg::Quarter => Window::Quarter,
    };
    let time_format = match args.time_format {
        TimeFormatArg::Iso => TimeFormat::Iso,
        TimeFormatArg::DayFirst => TimeFormat::DayFirst,
        TimeFormatArg::MonthFirst => TimeFormat::MonthFirst,
        TimeFormatArg::UnixSeconds => TimeFormat::UnixSeconds,
        TimeFormatArg::UnixMillis => TimeFormat::UnixMillis,
    };
    let name = |n: &Option<String>| n.clone().map(Column::Name);
    let mut csv = CsvOptions { time_format, ..CsvOptions::default() };
    csv.columns.case = name(&args.case);
    csv.columns.activity = name(&args.activity);
    csv.columns.time = name(&args.time);
    csv.columns.segment = name(&args.segment);
    let parquet = ParquetOptions { columns: csv.columns.clone(), guess: true, time_format };
    let xes = XesOptions { segment: args.segment.clone(), ..XesOptions::default() };
    let object_type = args.object_type.clone().unwrap_or_default();
    if matches!(format, Format::OcelJson | Format::OcelXml) && object_type.is_empty() {
        return Err("an OCEL log is read flattened on one object type: give --object-type".into());
    }
    let ocel = OcelOptions { object_type, segment: args.segment.clone(), ..OcelOptions::default() };

    let bar = ProgressBar::with_draw_target(Some(metadata.len()), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({bytes_per_sec}, {eta})")
            .map_err(|e| e.to_string())?
            .progress_chars("=> "),
    );
    let mut pass = 0;
    let mut failure = None;
    let (stats, problems) = compute(StatsOptions { window }, |sink: &mut StatsBuilder| {
        pass += 1;
        bar.reset();
        bar.set_message(if pass == 1 { "reading" } else { "reading again (cases out of order)" });
        let file = match open_log(path) {
            Ok(file) => file,
            Err(why) => {
                failure = Some(why);
                return;
            }
        };
        let input = Progress::new(file, 1 << 20, |n| bar.set_position(n));
        match format {
            Format::Csv => drop(read_csv(input, &csv, sink)),
            Format::Xes => drop(read_xes(input, &xes, sink)),
            Format::OcelJson => drop(read_ocel_json(input, &ocel, sink)),
            Format::OcelXml => drop(read_ocel_xml(input, &ocel, sink)),
            // Parquet is read by seeking, in row groups: the bar follows whole files.
            Format::Parquet => match open_log(path) {
                Ok(file) => drop(read_parquet(file, &parquet, sink)),
                Err(why) => failure = Some(why),
            },
        }
        bar.set_position(metadata.len());
    });
    bar.finish_and_clear();
    if let Some(message) = failure {
        return Err(message);
    }
    eprint!("{problems}");
    let text = stats.to_csv();
    match &args.output {
        Some(out) => {
            journey_fs::write(out, text.as_bytes(), Purpose::Output).map_err(|e| format!("{}: {e}", out.display()))?
        }
        None => crate::say(&text),
    }
    Ok(if problems.stopped() || stats.groups.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// The log at `path`, if it is a regular file (a FIFO or a device is refused, never waited on).
fn open_log(path: &Path) -> Result<File, String> {
    journey_fs::open(path).map(journey_fs::Opened::into_file).map_err(|e| {
        let why = match e {
            journey_model::LoadError::NotFound => "no such file".to_string(),
            journey_model::LoadError::TooLarge(size) => format!("too large ({size} bytes)"),
            journey_model::LoadError::NotAFile(what) => format!("it is {what}, not a regular file"),
            journey_model::LoadError::Other(why) => why,
        };
        format!("{}: {why}", path.display())
    })
}

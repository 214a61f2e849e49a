//! Reading an event log into its sufficient statistics, for `log-stats`, `fit` and `check
//! --evidence` alike: the column options, the format from the file's name, and a progress bar
//! on standard error while reading when it is a terminal.

use std::fs::File;
use std::path::Path;

use clap::ValueEnum;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use journey_log::{
    Column, CsvOptions, OcelOptions, ParquetOptions, Problems, Progress, Stats, StatsBuilder, StatsOptions, TimeFormat,
    Window, XesOptions, compute, read_csv, read_ocel_json, read_ocel_xml, read_parquet, read_xes, side_by_side,
};

/// How to read the log's events: its columns and attributes.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct LogArgs {
    /// CSV and Parquet: the log's case column (by header name); unnamed ones are guessed.
    #[arg(long, help_heading = "Reading the log")]
    pub case: Option<String>,
    /// CSV and Parquet: the log's activity column.
    #[arg(long, help_heading = "Reading the log")]
    pub activity: Option<String>,
    /// CSV and Parquet: the log's time column.
    #[arg(long, help_heading = "Reading the log")]
    pub time: Option<String>,
    /// The log's segment: a column (CSV, Parquet), a trace or event attribute (XES), an object
    /// attribute (OCEL).
    #[arg(long, help_heading = "Reading the log")]
    pub segment: Option<String>,
    /// CSV: how the log's timestamps are written [default: iso].
    #[arg(long, value_enum, help_heading = "Reading the log")]
    pub time_format: Option<TimeFormatArg>,
    /// OCEL: the object type whose objects are the cases.
    #[arg(long, help_heading = "Reading the log")]
    pub object_type: Option<String>,
}

impl LogArgs {
    /// These, with what `[log]` in journey.toml says where the command line says nothing.
    pub fn or_config(&self, config: &journey_model::Config) -> LogArgs {
        let setting = |given: &Option<String>, name: &str| given.clone().or(config.log.get(name).map(str::to_string));
        let named = |name: &str| {
            let text = config.log.get(name)?;
            TimeFormatArg::from_str(text, false).ok()
        };
        LogArgs {
            case: setting(&self.case, "case"),
            activity: setting(&self.activity, "activity"),
            time: setting(&self.time, "time"),
            segment: setting(&self.segment, "segment"),
            time_format: self.time_format.or_else(|| named("time-format")),
            object_type: setting(&self.object_type, "object-type"),
        }
    }
}

/// The log's format: the one given, else `[log] format`, else none (its name says).
pub fn format_or_config(given: Option<LogFormat>, config: &journey_model::Config) -> Option<LogFormat> {
    given.or_else(|| LogFormat::from_str(config.log.get("format")?, false).ok())
}

/// The windows asked for, else `[evidence] window`, else none.
pub fn window_or_config(given: Option<WindowArg>, config: &journey_model::Config) -> Window {
    given.or_else(|| WindowArg::from_str(config.evidence.window?, false).ok()).map_or(Window::None, WindowArg::window)
}

/// The formats of a log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Csv,
    Xes,
    OcelJson,
    OcelXml,
    Parquet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum WindowArg {
    None,
    Day,
    Week,
    Month,
    Quarter,
}

impl WindowArg {
    pub fn window(self) -> Window {
        match self {
            WindowArg::None => Window::None,
            WindowArg::Day => Window::Day,
            WindowArg::Week => Window::Week,
            WindowArg::Month => Window::Month,
            WindowArg::Quarter => Window::Quarter,
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum TimeFormatArg {
    #[default]
    Iso,
    DayFirst,
    MonthFirst,
    UnixSeconds,
    UnixMillis,
}

fn format_of(path: &Path) -> Option<LogFormat> {
    let name = path.file_name()?.to_string_lossy().to_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit('.').next()?;
    Some(match ext {
        "csv" | "tsv" | "txt" => LogFormat::Csv,
        "xes" => LogFormat::Xes,
        "jsonocel" | "json" => LogFormat::OcelJson,
        "xmlocel" | "xml" => LogFormat::OcelXml,
        "parquet" => LogFormat::Parquet,
        _ => return None,
    })
}

/// Which log to read, and how.
pub struct LogSource<'a> {
    pub path: &'a Path,
    /// Its format, if given; else the one its name says.
    pub format: Option<LogFormat>,
    /// The option that gives the format, for the message when neither says it.
    pub format_flag: &'a str,
    pub args: &'a LogArgs,
}

/// Reads a log into its statistics, with the problems met on the way. `Err` when the log cannot
/// be read at all.
pub fn read(source: &LogSource<'_>, window: Window) -> Result<(Stats, Problems), String> {
    let LogSource { path, format, format_flag, args } = *source;
    let metadata = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if !metadata.is_file() {
        return Err(format!("{}: not a regular file", path.display()));
    }
    let format = format
        .or_else(|| format_of(path))
        .ok_or_else(|| format!("{}: cannot tell the log's format from its name; give {format_flag}", path.display()))?;
    let time_format = match args.time_format.unwrap_or_default() {
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
    if matches!(format, LogFormat::OcelJson | LogFormat::OcelXml) && object_type.is_empty() {
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
        let file = match open(path) {
            Ok(file) => file,
            Err(why) => {
                failure = Some(why);
                return;
            }
        };
        let input = Progress::new(file, 1 << 20, |n| bar.set_position(n));
        // The log is parsed on this thread and counted on another.
        side_by_side(sink, |mut sink| match format {
            LogFormat::Csv => drop(read_csv(input, &csv, &mut sink)),
            LogFormat::Xes => drop(read_xes(input, &xes, &mut sink)),
            LogFormat::OcelJson => drop(read_ocel_json(input, &ocel, &mut sink)),
            LogFormat::OcelXml => drop(read_ocel_xml(input, &ocel, &mut sink)),
            // Parquet is read by seeking, in row groups: the bar follows whole files.
            LogFormat::Parquet => match open(path) {
                Ok(file) => drop(read_parquet(file, &parquet, &mut sink)),
                Err(why) => failure = Some(why),
            },
        });
        bar.set_position(metadata.len());
    });
    bar.finish_and_clear();
    match failure {
        Some(message) => Err(message),
        None => Ok((stats, problems)),
    }
}

/// Reads statistics written by `journey log-stats` (crates/journey-log/STATS.md, section 5).
pub fn read_stats(path: &Path) -> Result<Stats, String> {
    let file = open(path)?;
    Stats::from_csv(file).map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))
}

/// The file at `path`, if it is a regular file (a FIFO or a device is refused, never waited on).
pub fn open(path: &Path) -> Result<File, String> {
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

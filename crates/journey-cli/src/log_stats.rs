//! `journey log-stats` (hidden): reads an event log and prints its sufficient statistics as CSV
//! (crates/journey-log/STATS.md), with the log's problems on standard error and a progress bar
//! there while reading when it is a terminal. `journey fit --stats` reads what it writes.

use std::path::PathBuf;
use std::process::ExitCode;

use journey_fs::Purpose;

use crate::emit_sql::{self, SqlArgs};
use crate::logs::{self, LogArgs, LogFormat, LogSource, WindowArg};

#[derive(clap::Args, Debug)]
pub struct LogStatsArgs {
    /// The log: CSV, XES, OCEL 2.0 (JSON or XML) or Parquet, gzip-compressed or not.
    #[arg(required_unless_present = "emit_sql")]
    log: Option<PathBuf>,
    /// Its format; by default from its name (.csv, .xes, .jsonocel, .xmlocel, .parquet, each
    /// optionally .gz).
    #[arg(long, value_enum)]
    format: Option<LogFormat>,
    /// Group cases by the window of their first event.
    #[arg(long, value_enum, default_value = "none")]
    window: WindowArg,
    #[command(flatten)]
    read: LogArgs,
    #[command(flatten)]
    sql: SqlArgs,
    /// Write the statistics to this file instead of standard output.
    #[arg(short, long)]
    output: Option<PathBuf>,
}

pub fn run(args: LogStatsArgs) -> Result<ExitCode, String> {
    if let Some(query) = emit_sql::query(&args.sql, &args.read, args.window.window(), args.log.is_some())? {
        crate::say(&query);
        return Ok(ExitCode::SUCCESS);
    }
    let log = args.log.as_deref().ok_or("give the event log")?;
    let source = LogSource { path: log, format: args.format, format_flag: "--format", args: &args.read };
    let (stats, problems) = logs::read(&source, args.window.window())?;
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

//! `journey fit`: holds a journey against an event log (or the statistics `log-stats` wrote of
//! one) and prints, per window and audience, each flow's modelled and observed share, the
//! steps' durations, the transitions the model lacks, the steps never taken, fitness and
//! precision. The figures are journey-evidence's, from the statistics alone: fitting a log and
//! fitting its statistics print the same bytes. With `--write` or `--diff` it calibrates the
//! model from the log instead (see calibrate.rs).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use journey_evidence::Options;
use journey_log::Stats;
use journey_model::Config;
use journey_model::ir::{JourneyId, Model};

use crate::calibrate;
use crate::check::load_sound;
use crate::emit_sql::{self, SqlArgs};
use crate::logs::{self, LogArgs, LogFormat, LogSource, WindowArg};

#[derive(clap::Args, Debug)]
pub struct FitArgs {
    /// The event log (CSV, XES, OCEL 2.0 or Parquet, gzip-compressed or not), then the model's
    /// files or folders (default: the current folder). With --stats, every one is the model's.
    #[arg(value_name = "LOG [PATHS]")]
    inputs: Vec<String>,
    /// Read statistics written by `journey log-stats` instead of a log.
    #[arg(long, value_name = "FILE")]
    stats: Option<PathBuf>,
    /// The journey (or scenario) to hold against the log; by default the one whose steps
    /// record the most of its events.
    #[arg(long)]
    journey: Option<String>,
    /// How to print the fit.
    #[arg(long, value_enum, default_value = "text")]
    format: FitFormat,
    /// Fit each window of the log (by the time of each case's first event) on its own, and show
    /// the shares that changed from one window to the next [default: `[evidence] window` in
    /// journey.toml, else none].
    #[arg(long, value_enum)]
    window: Option<WindowArg>,
    /// The log's format; by default from its name (.csv, .xes, .jsonocel, .xmlocel, .parquet,
    /// each optionally .gz).
    #[arg(long, value_enum, help_heading = "Reading the log")]
    log_format: Option<LogFormat>,
    /// Rewrite the journey's flow shares, entry shares and step durations from all cases of the
    /// log, where each has at least `min-cases` cases (journey.toml's `[evidence]`, default
    /// 30); comments and layout are kept, and what is left as written is listed with the reason.
    #[arg(long, conflicts_with_all = ["diff", "emit_sql"], help_heading = "Calibrating the model")]
    write: bool,
    /// Print what --write would change as a unified diff of each file, and change nothing.
    #[arg(long, conflicts_with = "emit_sql", help_heading = "Calibrating the model")]
    diff: bool,
    #[command(flatten)]
    read: LogArgs,
    #[command(flatten)]
    sql: SqlArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum FitFormat {
    Text,
    Json,
}

/// The evidence options of `journey.toml`, as fractions.
pub fn options(config: &Config) -> Options {
    let e = config.evidence;
    Options { tolerance: e.tolerance / 100.0, min_cases: e.min_cases, unmodelled: e.unmodelled / 100.0 }
}

/// The journey to hold against the log: the one asked for, else the one whose steps record the
/// most of its events, else the first.
pub fn journey(model: &Model, stats: &Stats, asked: Option<&str>) -> Result<JourneyId, String> {
    if let Some(id) = asked {
        return crate::analyses::journey_arg(model, id);
    }
    journey_evidence::choose(model, stats)
        .or_else(|| model.base_journeys().next().map(|(id, _)| id))
        .ok_or_else(|| "the model has no journey to hold the log against".to_string())
}

pub fn run(args: FitArgs) -> Result<ExitCode, String> {
    let asked = args.window.map_or(journey_log::Window::None, WindowArg::window);
    if let Some(query) = emit_sql::query(&args.sql, &args.read, asked, !args.inputs.is_empty())? {
        crate::say(&query);
        return Ok(ExitCode::SUCCESS);
    }
    let calibrating = args.write || args.diff;
    if calibrating && args.window.is_some() {
        return Err("calibrating needs the log as one window: leave out --window".into());
    }
    let mut inputs = args.inputs.iter();
    let log = match &args.stats {
        Some(_) => None,
        None => Some(inputs.next().ok_or("give the event log to fit (or --stats FILE)")?),
    };
    // The model first: its journey.toml may say how the log is written.
    let paths: Vec<String> = inputs.cloned().collect();
    let checked = load_sound(&paths)?;
    let config = &checked.config;
    let (stats, stopped) = match (&args.stats, log) {
        (Some(path), _) => {
            let stats = logs::read_stats(path)?;
            if let Some(w) = args.window {
                if w.window() != stats.window {
                    return Err(format!(
                        "{}: the statistics are by {} windows, not by {}: write them again with `journey log-stats --window`",
                        path.display(),
                        stats.window.name(),
                        w.window().name()
                    ));
                }
            }
            (stats, false)
        }
        (None, log) => {
            let read = args.read.or_config(config);
            let source = LogSource {
                path: Path::new(log.map_or("", String::as_str)),
                format: logs::format_or_config(args.log_format, config),
                format_flag: "--log-format",
                args: &read,
            };
            // A calibration reads the log whole, whatever window journey.toml judges by.
            let window =
                if calibrating { journey_log::Window::None } else { logs::window_or_config(args.window, config) };
            let (stats, problems) = logs::read(&source, window)?;
            eprint!("{problems}");
            (stats, problems.stopped())
        }
    };
    let model = &checked.model;
    let id = journey(model, &stats, args.journey.as_deref())?;
    let options = options(config);
    let fit = journey_evidence::fit(model, id, &stats, &options).ok_or("the journey cannot be found")?;
    if calibrating {
        if stopped {
            return Err("the log was not read to its end (see above): nothing is calibrated from part of it".into());
        }
        let calibration = journey_evidence::calibrate(model, &fit, &options, checked.files(), &checked.workspace.asts)?;
        return calibrate::rewrite(&checked.workspace, &calibration, args.write);
    }
    crate::say(&match args.format {
        FitFormat::Text => journey_evidence::text(&fit),
        FitFormat::Json => journey_evidence::json(std::slice::from_ref(&fit)),
    });
    Ok(if stopped || stats.groups.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// What an event log shows of each of the journeys, as the report lays it out
/// (`journey build --evidence LOG`): the all-cases figures of the whole log, and with
/// `[evidence] window` the shares that drifted between windows.
pub fn for_report(
    log: &Path,
    format: Option<LogFormat>,
    read: &LogArgs,
    checked: &journey_model::Checked,
    ids: &[JourneyId],
) -> Result<Vec<journey_diagram::report::evidence::Evidence>, String> {
    use journey_diagram::report::evidence::{Drift, Evidence, Flow};
    let config = &checked.config;
    let read = read.or_config(config);
    let source = LogSource {
        path: log,
        format: logs::format_or_config(format, config),
        format_flag: "--log-format",
        args: &read,
    };
    let (stats, problems) = logs::read(&source, journey_log::Window::None)?;
    eprint!("{problems}");
    let window = logs::window_or_config(None, config);
    let windowed = match window {
        journey_log::Window::None => None,
        window => Some(logs::read(&source, window)?.0),
    };
    let options = options(config);
    let model = &checked.model;
    let label = |journey: &journey_model::ir::Journey, id: &str| {
        journey.steps.iter().find(|s| s.decl.id == id).map_or(id.to_string(), |s| s.decl.label.to_string())
    };
    let name = log.file_name().map_or(log.display().to_string(), |n| n.to_string_lossy().into_owned());
    let mut out = Vec::new();
    for &id in ids {
        let (Some(journey), Some(fit)) = (model.journey(id), journey_evidence::fit(model, id, &stats, &options)) else {
            continue;
        };
        let Some(all) = fit.parts.iter().find(|p| p.segment.is_none()) else { continue };
        if all.cases == 0 {
            continue;
        }
        let flows = all
            .flows
            .iter()
            .map(|f| Flow {
                from: label(journey, &f.from),
                to: f.to.as_ref().map(|t| label(journey, t)),
                modelled: f.modelled,
                assumed: f.assumed,
                observed: f.observed,
                interval: f.interval,
                taken: f.taken,
                out_of: f.out_of,
                off: !all.too_thin
                    && f.interval.is_some_and(|(lo, hi)| {
                        f.modelled < lo - options.tolerance || f.modelled > hi + options.tolerance
                    }),
            })
            .collect();
        let drift = windowed
            .as_ref()
            .and_then(|w| journey_evidence::fit(model, id, w, &options))
            .map(|w| w.drift)
            .unwrap_or_default()
            .into_iter()
            .filter(|d| d.segment.is_none())
            .map(|d| Drift {
                flow: format!(
                    "{} → {}",
                    label(journey, &d.from),
                    d.to.as_ref().map_or("(end)".to_string(), |t| label(journey, t))
                ),
                before_window: d.before.window,
                before: d.before.share,
                after_window: d.after.window,
                after: d.after.share,
            })
            .collect();
        let mut volumes = journey_diagram::Volumes::default();
        for f in &all.flows {
            if let Some(to) = f.to_step {
                let key = (journey_model::ir::StepId(f.from_step as u32), journey_model::ir::StepId(to as u32));
                volumes.flows.insert(key, (f.taken, f.out_of));
            }
        }
        out.push(Evidence {
            volumes,
            journey: id,
            log: name.clone(),
            cases: all.cases,
            fitness: all.fitness,
            precision: all.precision,
            flows,
            drift,
        });
    }
    Ok(out)
}

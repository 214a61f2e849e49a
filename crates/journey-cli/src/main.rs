//! `journey`: the command-line shell over the core. It parses arguments, reads files, calls
//! the core and prints; everything it knows of journeys it asks the core.

mod allocator;
mod analyses;
mod build;
mod calibrate;
mod check;
mod emit;
mod emit_sql;
mod files;
mod fit;
mod fmt;
mod import;
mod init;
mod log_stats;
mod logs;
mod open;
mod serve;
mod shell;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  journey check                          check every .journey file below this folder
  journey check examples/web-shop.journey
  journey check models/ --format github  annotations for a pull request
  journey check --format sarif . > journey.sarif
  journey build examples/web-shop.journey   service blueprint, flow diagram and HTML report in out/
  journey build --emit bpmn,mermaid -o exports
  journey build --emit png,pdf --lang vi     pictures for slides and paper, in Vietnamese
  journey fmt --check                    list files not in the canonical layout (for CI)
  journey analyze --journey order --explain   figures of a journey, and how they are made up
  journey compare reorder managers       a what-if scenario against its baseline
  journey impact erp                     what customers feel if the ERP is down
  journey serve examples --open          a live page of the drawings, updated on every save
  journey explain J0403                  what a diagnostic means and how to fix it
  journey import mermaid day.mmd -o day.journey   a Mermaid user journey as a model
  journey import csv map.csv -o map.journey       a journey-map spreadsheet as a model
  journey init shop                      a starter model, journey.toml and a CI workflow";

/// Customer journeys as code: check journey models like code.
#[derive(Parser, Debug)]
#[command(name = "journey", version, about, after_help = EXAMPLES, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check journey files: syntax, names, values, flows and the team's rules.
    #[command(after_help = "Exit status: 0 clean, 1 errors (or warnings with --deny warnings), 2 usage or IO failure.")]
    Check(CheckArgs),
    /// Draw and export journeys: service blueprints and flow diagrams (SVG), an HTML report,
    /// and Mermaid, Graphviz DOT, PlantUML, BPMN 2.0, draw.io and JSON for other tools.
    #[command(after_help = "Exit status: 0 built, 1 the model has errors (nothing is written), 2 usage or IO failure.")]
    Build(BuildArgs),
    /// Rewrite journey files in the canonical layout.
    #[command(
        after_help = "Exit status: 0 done (or, with --check, nothing to change), 1 a file would change or does not parse, 2 usage or IO failure."
    )]
    Fmt(FmtArgs),
    /// Each journey's exact figures (contacts, duration, cost, emotion, hand-offs, risk,
    /// effort), per segment, with the findings: where to streamline, what fails customers.
    Analyze(AnalyzeArgs),
    /// Compare a journey with a scenario on it, or with a competitor's journey.
    Compare(CompareArgs),
    /// Hold a journey against an event log: observed flow shares with their intervals, step
    /// durations, transitions the model lacks, steps never taken, fitness and precision; or,
    /// with --write (--diff to preview), calibrate the model's shares and durations from it.
    #[command(
        after_help = "Exit status: 0 fitted (or calibrated), 1 reading the log stopped early or it has no cases, 2 the model has errors, nothing to calibrate from, usage or IO failure."
    )]
    Fit(fit::FitArgs),
    /// Monte Carlo walks through journeys: the spread of duration, contacts, cost, emotion.
    Simulate(SimulateArgs),
    /// Everything that depends on a system, procedure, touchpoint or lane, and the customers
    /// a month who meet it.
    Impact(ImpactArgs),
    /// A local web page with the blueprints, flow diagrams, figures and diagnostics, updated
    /// whenever a file is saved.
    #[command(
        after_help = "Exit status: 0 stopped by Ctrl-C, 2 usage or IO failure (nothing to serve, the port is taken)."
    )]
    Serve(ServeArgs),
    /// Run the language server on standard input and output (editors start this).
    Lsp {
        /// Accepted and ignored: the server always speaks over standard input and output.
        #[arg(long, hide = true)]
        stdio: bool,
    },
    /// Turn a Mermaid user-journey diagram or a journey-map spreadsheet (CSV) into a
    /// formatted .journey file.
    #[command(
        after_help = "Exit status: 0 imported (warnings say what to fill in), 1 nothing could be imported, 2 usage or IO failure."
    )]
    Import(import::ImportArgs),
    /// Start a workspace: a starter model that checks clean, a journey.toml and a CI workflow.
    /// Existing files are never overwritten.
    Init(init::InitArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(shell::CompletionsArgs),
    /// Print the manual page (roff), e.g. `journey man > journey.1`, or a command's.
    Man(shell::ManArgs),
    /// Explain a diagnostic code (`J0201`) or rule name (`unknown-reference`); list them all
    /// when none is given.
    Explain {
        /// The code or rule name.
        code: Option<String>,
    },
    /// An event log's sufficient statistics as CSV (the groundwork of `journey fit`).
    #[command(hide = true)]
    LogStats(log_stats::LogStatsArgs),
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Files or folders to check (folders are searched for *.journey); `-` reads standard
    /// input. Defaults to the current folder.
    paths: Vec<String>,
    /// How to print the diagnostics.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors (`--deny warnings`).
    #[arg(long, value_name = "warnings", value_parser = ["warnings"])]
    deny: Option<String>,
    /// When to colour human output; `auto` honours NO_COLOR and whether output is a terminal.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Also hold the model against this event log (diagnostics J1101 to J1108), the journey whose
    /// steps record the most of its events.
    #[arg(long, value_name = "LOG")]
    evidence: Option<std::path::PathBuf>,
    /// The log's format; by default from its name.
    #[arg(long, value_enum, help_heading = "Reading the log")]
    log_format: Option<logs::LogFormat>,
    #[command(flatten)]
    read: logs::LogArgs,
}

#[derive(clap::Args, Debug)]
struct BuildArgs {
    /// Files or folders (default: the current folder); `-` reads standard input.
    paths: Vec<String>,
    /// What to make, comma-separated: svg, png, pdf, html, mermaid, dot, plantuml, bpmn, drawio, json.
    #[arg(long, default_value = "svg,html")]
    emit: Vec<String>,
    /// Pixels in a PNG per pixel of the drawing (2 for sharp slides).
    #[arg(long, default_value_t = 1.0)]
    scale: f64,
    /// The paper of a PDF: a4, a3 or letter, landscape unless `-portrait` follows (`a4-portrait`).
    #[arg(long, default_value = "a4")]
    page: String,
    /// The language of the drawings and the report: en, vi, el or sv (default: `lang` in
    /// journey.toml, else en).
    #[arg(long)]
    lang: Option<String>,
    /// The colours of the drawings and the report: light, dark or high-contrast.
    #[arg(long, default_value = "light")]
    theme: String,
    /// Draw only this stage (its id) of each journey that has it.
    #[arg(long)]
    stage: Option<String>,
    /// The output folder (default `out`), or `-` for standard output (one output only).
    #[arg(short, long)]
    output: Option<String>,
    /// Only this journey (a journey id, or a scenario id for its version of the baseline).
    #[arg(long)]
    journey: Option<String>,
    /// Also build a scenario's version of its baseline (`all` for every scenario).
    #[arg(long)]
    scenario: Vec<String>,
    /// Open the report (or the first drawing) in the system's browser when it is built.
    #[arg(long)]
    open: bool,
    /// Hold each journey against this event log, and show in the report each flow's observed
    /// share next to its modelled one (and, with `[evidence] window`, the shares that drifted).
    #[arg(long, value_name = "LOG")]
    evidence: Option<std::path::PathBuf>,
    /// The log's format; by default from its name.
    #[arg(long, value_enum, help_heading = "Reading the log")]
    log_format: Option<logs::LogFormat>,
    #[command(flatten)]
    read: logs::LogArgs,
}

#[derive(clap::Args, Debug)]
struct ServeArgs {
    /// Files or folders (default: the current folder); folders are watched with everything
    /// below them.
    paths: Vec<String>,
    /// The port to listen on; 0 picks a free one.
    #[arg(long, default_value_t = 7333)]
    port: u16,
    /// The address to listen on. Only this machine can reach the default; another address lets
    /// anyone who can reach it read the model.
    #[arg(long, default_value = "127.0.0.1")]
    host: String,
    /// Open the page in the default browser.
    #[arg(long)]
    open: bool,
}

#[derive(clap::Args, Debug)]
struct FmtArgs {
    /// Files or folders to format; `-` formats standard input to standard output. Defaults to
    /// the current folder.
    paths: Vec<String>,
    /// Change nothing; list the files that would change and exit 1 if there are any.
    #[arg(long)]
    check: bool,
    /// Change nothing; print the changes as a unified diff.
    #[arg(long)]
    diff: bool,
}

#[derive(clap::Args, Debug)]
struct AnalyzeArgs {
    /// Files or folders (default: the current folder).
    paths: Vec<String>,
    /// Only this journey (or this scenario's version of its baseline).
    #[arg(long)]
    journey: Option<String>,
    /// Only this segment's customers.
    #[arg(long)]
    segment: Option<String>,
    /// Show how every figure is made up, step by step.
    #[arg(long)]
    explain: bool,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
}

#[derive(clap::Args, Debug)]
struct CompareArgs {
    /// The baseline: a journey id.
    base: String,
    /// A scenario on it, or a competitor's (or any other) journey.
    other: String,
    /// Files or folders (default: the current folder).
    paths: Vec<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
}

#[derive(clap::Args, Debug)]
struct SimulateArgs {
    /// Files or folders (default: the current folder).
    paths: Vec<String>,
    /// Only this journey (or scenario).
    #[arg(long)]
    journey: Option<String>,
    /// Only this segment's customers.
    #[arg(long)]
    segment: Option<String>,
    /// How many customers to walk through each journey (at most a million million; Ctrl-C
    /// stops early and shows the walks taken).
    #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..=journey_analysis::simulate::MAX_RUNS))]
    runs: u64,
    /// The random seed: the same seed gives the same numbers.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
    /// Also write the event log the walks make, CSV (.csv) or XES (.xes) by the file's
    /// extension: one case per walk, one event per step visited, recorded as the step's first
    /// `logged_as:` (else its label), times advancing by the steps' durations. One journey.
    #[arg(long, value_name = "FILE")]
    emit_log: Option<std::path::PathBuf>,
    /// When the log's first events happen (RFC 3339; UTC when no offset is given).
    #[arg(long, value_name = "TIME", default_value = emit::DEFAULT_START, requires = "emit_log")]
    log_start: String,
}

#[derive(clap::Args, Debug)]
struct ImpactArgs {
    /// The id of a system, procedure, touchpoint or lane.
    item: String,
    /// Files or folders (default: the current folder).
    paths: Vec<String>,
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    format: ReportFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// Aligned text tables.
    Table,
    /// Markdown, for pull-request comments.
    Markdown,
    /// JSON, for scripts.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Source excerpts with labels, notes and help, for people.
    Human,
    /// One line per diagnostic, `path:line:col: severity[code]: message`, then a summary line.
    Short,
    /// A JSON document for scripts.
    Json,
    /// SARIF 2.1.0, for code-scanning services.
    Sarif,
    /// GitHub Actions workflow commands, shown as annotations on a pull request.
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A check allocates many small values that live as long as the check: mimalloc serves them
/// in about half the time of the system allocator (see the benchmarks in the README).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if !matches!(cli.command, Command::Lsp { .. } | Command::Serve(_)) {
        allocator::keep_freed_memory();
    }
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Build(args) => build::run(args),
        Command::Analyze(args) => analyses::analyze(args),
        Command::Compare(args) => analyses::compare(args),
        Command::Fit(args) => fit::run(args),
        Command::Simulate(args) => analyses::simulate(args),
        Command::Impact(args) => analyses::impact(args),
        Command::Serve(args) => serve::run(args),
        Command::Lsp { .. } => {
            journey_lsp::serve_stdio().map(|()| ExitCode::SUCCESS).map_err(|e| format!("language server: {e}"))
        }
        Command::Explain { code } => explain(code.as_deref()),
        Command::LogStats(args) => log_stats::run(args),
        Command::Import(args) => import::run(args),
        Command::Init(args) => init::run(args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
    }
}

fn explain(code: Option<&str>) -> Result<ExitCode, String> {
    use journey_diagnostics::{Code, Level};
    let Some(key) = code else {
        println!("{:<6} {:<28} {:<8} summary", "code", "name", "default");
        for info in Code::all() {
            let level = if info.configurable || info.default == Level::Warn { info.default.as_str() } else { "error" };
            println!("{:<6} {:<28} {:<8} {}", info.id, info.name, level, info.summary);
        }
        return Ok(ExitCode::SUCCESS);
    };
    match Code::find(key) {
        Some(code) => {
            say(code.info().explanation);
            Ok(ExitCode::SUCCESS)
        }
        None => {
            let names = Code::all().iter().flat_map(|i| [i.id, i.name]);
            let hint = journey_model::closest(key, names).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
            Err(format!("no diagnostic code or rule named `{key}`{hint} (`journey explain` lists them all)"))
        }
    }
}

/// Prints to standard output; a closed pipe (`journey check | head`) is not a failure.
pub(crate) fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

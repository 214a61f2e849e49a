//! `journey check`: gather the files, check them, print the diagnostics, choose the exit code.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use journey_diagnostics::{Diagnostic, Severity, Span, render};
use journey_model::{CheckOptions, Checked, check};

use crate::files::{DiskLoader, gather};
use crate::logs::{self, LogSource};
use crate::{CheckArgs, ColorChoice, Format};

/// A checked workspace, and whether a folder could not be searched.
pub struct Loaded {
    pub checked: Checked,
    /// Files may be missing: a folder could not be read (said on standard error).
    pub incomplete: bool,
}

/// Finds the journey files under `paths` (`-` is standard input), the workspace root and its
/// `journey.toml`, and checks them all.
pub fn load(paths: &[String]) -> Result<Loaded, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let mut loader = DiskLoader::new(cwd.clone());
    let paths = if paths.is_empty() { vec![".".to_string()] } else { paths.to_vec() };
    let gathered = gather(&paths, &cwd)?;
    let mut roots: Vec<PathBuf> = Vec::new();
    // Standard input takes its place among the paths, and is read once.
    let mut files = gathered.files.into_iter();
    for path in &paths {
        if path == "-" {
            if !loader.overlay.contains_key(&crate::files::stdin_path(&cwd)) {
                roots.push(loader.read_stdin()?);
            }
            continue;
        }
        roots.extend(files.next().unwrap_or_default());
    }
    let config = gathered.config.map(|(path, text)| (journey_model::Loader::display(&loader, &path), text));
    let checked = check(&loader, &roots, &CheckOptions { root_dir: gathered.root_dir, config });
    Ok(Loaded { checked, incomplete: gathered.incomplete })
}

/// Loads and checks, and stops with the errors when the model cannot be trusted (a syntax
/// error, an unknown name, a bad value): for the commands that analyse or draw the model.
pub fn load_sound(paths: &[String]) -> Result<Checked, String> {
    let Loaded { checked, incomplete } = load(paths)?;
    if incomplete {
        return Err("some files could not be searched (see above); nothing was done".into());
    }
    let blocking: Vec<_> =
        checked.diagnostics.iter().filter(|d| d.is_error() && !d.code.info().configurable).cloned().collect();
    if blocking.is_empty() {
        return Ok(checked);
    }
    let report = render::short(checked.files(), &blocking);
    Err(format!("the model has errors; fix them first (`journey check` shows them in full):\n{}", report.trim_end()))
}

/// The diagnostics of holding the model against an event log (`--evidence`): the log's
/// problems at the log, then the fit's, at their places in the model, at the configured levels.
fn evidence(checked: &mut Checked, log: &Path, args: &CheckArgs) -> Result<Vec<Diagnostic>, String> {
    let config = &checked.config;
    let read = args.read.or_config(config);
    let format = logs::format_or_config(args.log_format, config);
    let source = LogSource { path: log, format, format_flag: "--log-format", args: &read };
    let (stats, problems) = logs::read(&source, logs::window_or_config(None, config))?;
    // The log is a file of the run, so that its problems point at it (it is not read again).
    let at = checked.workspace.files.add(log.display().to_string(), "");
    let mut found = journey_evidence::problems(&problems, Span::new(at, 0..0));
    // A model the check cannot trust is not held against anything.
    if !checked.diagnostics.iter().any(|d| d.is_error() && !d.code.info().configurable) {
        let model = &checked.model;
        let id = crate::fit::journey(model, &stats, None)?;
        let options = crate::fit::options(&checked.config);
        if let Some(fit) = journey_evidence::fit(model, id, &stats, &options) {
            found.extend(journey_evidence::diagnose(model, &fit, &options));
        }
    }
    Ok(checked.config.apply(found))
}

pub fn run(args: CheckArgs) -> Result<ExitCode, String> {
    let Loaded { mut checked, incomplete } = load(&args.paths)?;
    let found = match &args.evidence {
        Some(log) => evidence(&mut checked, log, &args)?,
        None => Vec::new(),
    };
    let mut diagnostics = std::mem::take(&mut checked.diagnostics);
    if !found.is_empty() {
        diagnostics.extend(found);
        journey_diagnostics::sort_and_dedup(&mut diagnostics);
    }
    let deny_warnings = args.deny.is_some();
    if deny_warnings {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    let files = &checked.workspace.files;
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
        }
    };
    let mut text = match args.format {
        Format::Human => render::human(files, &diagnostics, render::HumanOptions { color }),
        Format::Short => render::short(files, &diagnostics),
        Format::Json => render::json(files, &diagnostics),
        Format::Sarif => render::sarif(files, &diagnostics, env!("CARGO_PKG_VERSION")),
        Format::Github => render::github(files, &diagnostics),
    };
    // The formats for people end with what was checked, so a clean run says so; the machine
    // formats are one document each.
    if matches!(args.format, Format::Human | Format::Short) {
        let count = checked.workspace.paths.len();
        let plural = if count == 1 { "" } else { "s" };
        let found =
            if diagnostics.is_empty() { "no problems found".to_string() } else { render::summary(&diagnostics) };
        text.push_str(&format!("checked {count} file{plural}: {found}\n"));
    }
    crate::say(&text);
    if incomplete {
        eprintln!("error: some files could not be searched (see above); the check is incomplete");
        return Ok(ExitCode::from(2));
    }
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

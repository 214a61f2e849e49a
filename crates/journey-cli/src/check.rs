//! `journey check`: gather the files, check them, print the diagnostics, choose the exit code.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use journey_diagnostics::{Severity, render};
use journey_model::{CheckOptions, Checked, check};

use crate::files::{DiskLoader, journey_files, workspace_root};
use crate::{CheckArgs, ColorChoice, Format};

/// Finds the journey files under `paths` (`-` is standard input), the workspace root and its
/// `journey.toml`, and checks them all.
pub fn load(paths: &[String]) -> Result<Checked, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let mut loader = DiskLoader::new(cwd.clone());
    let paths = if paths.is_empty() { vec![".".to_string()] } else { paths.to_vec() };
    let mut roots: Vec<PathBuf> = Vec::new();
    for path in &paths {
        if path == "-" {
            roots.push(loader.read_stdin()?);
            continue;
        }
        let absolute = journey_model::workspace::normalize(&cwd.join(path));
        if !absolute.exists() {
            return Err(format!("cannot find `{path}`"));
        }
        let found = journey_files(&absolute)?;
        if found.is_empty() {
            return Err(format!("no .journey files in `{path}`"));
        }
        roots.extend(found);
    }
    let first = roots.first().cloned().unwrap_or_else(|| cwd.clone());
    let root_dir = workspace_root(&first, &cwd);
    let config_path = root_dir.join(journey_model::config::FILE_NAME);
    let config = match std::fs::read_to_string(&config_path) {
        Ok(text) => Some((journey_model::Loader::display(&loader, &config_path), text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(format!("cannot read `{}`: {e}", config_path.display())),
    };
    Ok(check(&loader, &roots, &CheckOptions { root_dir, config }))
}

/// Loads and checks, and stops with the errors when the model cannot be trusted (a syntax
/// error, an unknown name, a bad value): for the commands that analyse or draw the model.
pub fn load_sound(paths: &[String]) -> Result<Checked, String> {
    let checked = load(paths)?;
    let blocking: Vec<_> =
        checked.diagnostics.iter().filter(|d| d.is_error() && !d.code.info().configurable).cloned().collect();
    if blocking.is_empty() {
        return Ok(checked);
    }
    let report = render::short(checked.files(), &blocking);
    Err(format!("the model has errors; fix them first (`journey check` shows them in full):\n{}", report.trim_end()))
}

pub fn run(args: CheckArgs) -> Result<ExitCode, String> {
    let checked = load(&args.paths)?;
    let mut diagnostics = checked.diagnostics;
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
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

//! `journey fmt`: rewrite files in the canonical layout, or (`--check`) list the files that
//! would change, or (`--diff`) show how. A file that does not parse is never written.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use journey_diagnostics::{FileId, SourceFiles, render};
use journey_syntax::{ParseOptions, format::format, parse};

use crate::files::{Durability, atomic_write, journey_files};
use crate::{FmtArgs, say};

/// Formats `text`, or returns the diagnostics that stop it from being formatted.
fn formatted(path: &str, text: &str) -> Result<String, String> {
    let (ast, diagnostics) = parse(text, ParseOptions { file: FileId(0) });
    if diagnostics.is_empty() {
        return Ok(format(text, &ast));
    }
    let mut files = SourceFiles::default();
    files.add(path, text);
    Err(render::human(&files, &diagnostics, render::HumanOptions { color: false }))
}

pub fn run(args: FmtArgs) -> Result<ExitCode, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    if args.paths.iter().any(|p| p == "-") {
        if args.paths.len() > 1 {
            return Err("`-` formats standard input alone".into());
        }
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(|e| format!("cannot read standard input: {e}"))?;
        return match formatted("<stdin>", &text) {
            Ok(out) => {
                if args.check {
                    return Ok(if out == text { ExitCode::SUCCESS } else { ExitCode::from(1) });
                }
                if args.diff {
                    say(&diff("<stdin>", &text, &out));
                } else {
                    say(&out);
                }
                Ok(ExitCode::SUCCESS)
            }
            Err(report) => {
                eprint!("{report}");
                eprintln!("error: cannot format <stdin>: it does not parse; fix the errors above first");
                Ok(ExitCode::from(1))
            }
        };
    }
    let paths = if args.paths.is_empty() { vec![".".to_string()] } else { args.paths.clone() };
    let mut files: Vec<PathBuf> = Vec::new();
    for path in &paths {
        let absolute = cwd.join(path);
        if !absolute.exists() {
            return Err(format!("cannot find `{path}`"));
        }
        let found = journey_files(&absolute)?;
        if found.is_empty() {
            return Err(format!("no .journey files in `{path}`"));
        }
        files.extend(found);
    }
    let mut failed = false;
    let mut changed = 0;
    for file in &files {
        let shown = file.strip_prefix(&cwd).unwrap_or(file).display().to_string();
        let text = match std::fs::read(file) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(_) => {
                    eprintln!("error: cannot format {shown}: it is not UTF-8 text");
                    failed = true;
                    continue;
                }
            },
            Err(e) => return Err(format!("cannot read `{shown}`: {e}")),
        };
        let out = match formatted(&shown, &text) {
            Ok(out) => out,
            Err(report) => {
                eprint!("{report}");
                eprintln!("error: cannot format {shown}: it does not parse; fix the errors above first");
                failed = true;
                continue;
            }
        };
        if out == text {
            continue;
        }
        changed += 1;
        if args.check || args.diff {
            if args.diff {
                say(&diff(&shown, &text, &out));
            } else {
                say(&format!("{shown}\n"));
            }
            continue;
        }
        atomic_write(Path::new(file), out.as_bytes(), Durability::Synced)
            .map_err(|e| format!("cannot write `{shown}`: {e}"))?;
        say(&format!("formatted {shown}\n"));
    }
    if args.check && changed > 0 {
        eprintln!(
            "{changed} file{} would be reformatted; run `journey fmt` to fix",
            if changed == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(1));
    }
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

//! `journey fmt`: rewrite files in the canonical layout, or (`--check`) list the files that
//! would change, or (`--diff`) show how. A file that does not parse is never written; a file
//! that cannot be read or written is reported and the others are still formatted.
//!
//! A file keeps its line endings, its permissions, its owner and its hard links; a link to a
//! file formats the file it points to; a read-only file is refused (see `journey_fs::write`).

use std::path::Path;
use std::process::ExitCode;

use journey_diagnostics::{FileId, SourceFiles, render};
use journey_fs::Purpose;
use journey_model::workspace::MAX_FILE_SIZE;
use journey_syntax::{ParseOptions, format::format, parse};

use crate::files::{describe, gather, read_stdin, shown};
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

/// How a run went.
#[derive(Default)]
struct Outcome {
    /// Files that would change (`--check`, `--diff`).
    changed: usize,
    /// A file does not parse or is not UTF-8.
    unformattable: bool,
    /// A file or folder could not be read or written.
    io_failed: bool,
}

pub fn run(args: FmtArgs) -> Result<ExitCode, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    if args.paths.iter().any(|p| p == "-") {
        if args.paths.len() > 1 {
            return Err("`-` formats standard input alone".into());
        }
        return stdin(&args);
    }
    let paths = if args.paths.is_empty() { vec![".".to_string()] } else { args.paths.clone() };
    let gathered = gather(&paths, &cwd)?;
    let mut outcome = Outcome { io_failed: gathered.incomplete, ..Outcome::default() };
    for file in gathered.files.iter().flatten() {
        one(file, &shown(file, &cwd), &args, &mut outcome);
    }
    if args.check && outcome.changed > 0 {
        let changed = outcome.changed;
        eprintln!(
            "{changed} file{} would be reformatted; run `journey fmt` to fix",
            if changed == 1 { "" } else { "s" }
        );
    }
    Ok(if outcome.io_failed {
        ExitCode::from(2)
    } else if outcome.unformattable || (args.check && outcome.changed > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Formats one file, saying what went wrong and going on.
fn one(file: &Path, shown: &str, args: &FmtArgs, outcome: &mut Outcome) {
    let bytes = match journey_fs::read(file, MAX_FILE_SIZE) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("error: cannot read `{shown}`: {}", describe(&error));
            outcome.io_failed = true;
            return;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        eprintln!("error: cannot format {shown}: it is not UTF-8 text");
        outcome.unformattable = true;
        return;
    };
    let out = match formatted(shown, &text) {
        Ok(out) => out,
        Err(report) => {
            eprint!("{report}");
            eprintln!("error: cannot format {shown}: it does not parse; fix the errors above first");
            outcome.unformattable = true;
            return;
        }
    };
    if out == text {
        return;
    }
    outcome.changed += 1;
    if args.diff {
        say(&diff(shown, &text, &out));
        return;
    }
    if args.check {
        say(&format!("{shown}\n"));
        return;
    }
    match journey_fs::write(file, out.as_bytes(), Purpose::Source) {
        Ok(()) => say(&format!("formatted {shown}\n")),
        Err(error) => {
            eprintln!("error: cannot write `{shown}`: {error}; it is left as it was");
            outcome.io_failed = true;
        }
    }
}

/// `journey fmt -`: standard input to standard output.
fn stdin(args: &FmtArgs) -> Result<ExitCode, String> {
    let bytes = read_stdin()?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(format!("standard input is larger than {} MiB, the most journey reads", MAX_FILE_SIZE >> 20));
    }
    let text = String::from_utf8(bytes).map_err(|_| "standard input is not UTF-8 text".to_string())?;
    match formatted("<stdin>", &text) {
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
    }
}

fn diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

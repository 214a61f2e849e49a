//! `journey fit --write` and `--diff`: the edits journey-evidence works out for a calibration,
//! made in each file they belong to. A file the formatter leaves as it is stays so (it is
//! formatted again after the edits, which only realigns the flows' percentages); any other
//! file gets its value tokens changed and nothing else. Every new text is worked out before
//! the first file is written.

use std::collections::BTreeMap;
use std::process::ExitCode;

use journey_diagnostics::{Edit, FileId};
use journey_evidence::Calibration;
use journey_evidence::calibrate::{apply, summary};
use journey_fs::Purpose;
use journey_model::Workspace;
use journey_model::workspace::MAX_FILE_SIZE;
use journey_syntax::{ParseOptions, format::format, parse};

use crate::files::{describe, shown};
use crate::say;

/// The new text of one file, or why it cannot be had.
fn rewritten(workspace: &Workspace, file: FileId, edits: &[&Edit], name: &str) -> Result<(String, String), String> {
    let path = workspace.paths.get(file.0 as usize).ok_or("a file of the model cannot be found")?;
    let old = workspace.files.text(file);
    // The file as it stands on disk must be the one the edits were worked out on.
    let on_disk =
        journey_fs::read(path, MAX_FILE_SIZE).map_err(|e| format!("cannot read `{name}`: {}", describe(&e)))?;
    if on_disk != old.as_bytes() {
        return Err(format!("`{name}` changed since it was read (or is not UTF-8 text): nothing was written"));
    }
    let was_formatted =
        workspace.asts.get(file.0 as usize).and_then(Option::as_ref).is_some_and(|ast| format(old, ast) == old);
    let mut new = apply(old, edits);
    if was_formatted {
        let (ast, diagnostics) = parse(&new, ParseOptions { file });
        if diagnostics.is_empty() {
            new = format(&new, &ast);
        }
    }
    Ok((old.to_string(), new))
}

fn diff(name: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// Shows (`write` false) or makes the calibration's edits.
pub fn rewrite(workspace: &Workspace, calibration: &Calibration, write: bool) -> Result<ExitCode, String> {
    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let mut by_file: BTreeMap<FileId, Vec<&Edit>> = BTreeMap::new();
    for edit in &calibration.edits {
        by_file.entry(edit.span.file).or_default().push(edit);
    }
    let mut texts = Vec::new();
    for (&file, edits) in &by_file {
        let path = workspace.paths.get(file.0 as usize).ok_or("a file of the model cannot be found")?;
        let name = shown(path, &cwd);
        let (old, new) = rewritten(workspace, file, edits, &name)?;
        if old != new {
            texts.push((path, name, old, new));
        }
    }
    if !write {
        for (_, name, old, new) in &texts {
            say(&diff(name, old, new));
        }
        eprint!("{}", summary(calibration));
        return Ok(ExitCode::SUCCESS);
    }
    let mut failed = false;
    for (path, name, _, new) in &texts {
        match journey_fs::write(path, new.as_bytes(), Purpose::Source) {
            Ok(()) => say(&format!("wrote {name}\n")),
            Err(error) => {
                eprintln!("error: cannot write `{name}`: {error}; it is left as it was");
                failed = true;
            }
        }
    }
    say(&summary(calibration));
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

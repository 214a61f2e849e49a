//! Finding the journey files of a folder, and the workspace root a path belongs to.
//!
//! A folder scan skips what the user keeps out of version control (`.gitignore`, also outside
//! a git repository, and `.git/info/exclude`), what `journey.toml` lists under `exclude`
//! (gitignore patterns, relative to the workspace root), hidden files and folders, and
//! `node_modules` and `target`. It does not follow links to folders (so a link loop cannot trap
//! it), and it leaves out a link to a file outside the folder. A folder it cannot read is
//! reported and the scan goes on. What is named explicitly is never left out: a file, nor a
//! folder (as with ripgrep, the patterns apply to what the scan finds below it).

use std::path::{Path, PathBuf};

use ignore::gitignore::GitignoreBuilder;

/// Folders never searched: build output and installed packages hold no models of the user's.
const SKIPPED: [&str; 2] = ["node_modules", "target"];

/// How to scan.
#[derive(Clone, Copy, Debug)]
pub struct ScanOptions<'a> {
    /// The workspace root: `exclude` patterns are relative to it.
    pub root_dir: &'a Path,
    /// `journey.toml`'s `exclude` list.
    pub exclude: &'a [String],
    /// Stop after this many files (with a problem saying so).
    pub max_files: Option<usize>,
}

/// Something the scan could not do, or chose not to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub message: String,
    /// Whether files may be missing because of it (a folder that cannot be read), rather than
    /// left out on purpose (a link out of the folder).
    pub failure: bool,
}

/// The files found, sorted, and what went wrong on the way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub files: Vec<PathBuf>,
    pub problems: Vec<Problem>,
}

/// The `*.journey` files at or below `path`, or `path` itself when it is not a folder. `Err`
/// only for an `exclude` pattern that is not a valid pattern.
pub fn scan(path: &Path, options: &ScanOptions) -> Result<Scan, String> {
    if !std::fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Ok(Scan { files: vec![path.to_path_buf()], problems: Vec::new() });
    }
    let mut excluded = GitignoreBuilder::new(options.root_dir);
    for pattern in options.exclude {
        excluded
            .add_line(None, pattern)
            .map_err(|e| format!("the `exclude` pattern `{pattern}` in journey.toml is not valid: {e}"))?;
    }
    let excluded = excluded.build().map_err(|e| format!("the `exclude` patterns in journey.toml: {e}"))?;
    let walk = ignore::WalkBuilder::new(path)
        .standard_filters(false)
        .hidden(true)
        .parents(true)
        .git_ignore(true)
        .git_exclude(true)
        .require_git(false)
        .follow_links(false)
        .filter_entry(move |entry| {
            let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
            let skipped = is_dir && SKIPPED.iter().any(|s| entry.file_name() == *s);
            entry.depth() == 0 || !(skipped || excluded.matched(entry.path(), is_dir).is_ignore())
        })
        .build();
    let real_folder = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut found = Scan::default();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                found.problems.push(problem(path, error));
                continue;
            }
        };
        let Some(kind) = entry.file_type() else { continue };
        if kind.is_dir() || entry.path().extension().is_none_or(|e| e != "journey") {
            continue;
        }
        if kind.is_symlink() {
            // A link that leads nowhere is kept: reading it says what is wrong with it.
            if let Ok(real) = std::fs::canonicalize(entry.path()) {
                if !real.starts_with(&real_folder) {
                    found.problems.push(Problem {
                        path: entry.path().to_path_buf(),
                        message: format!("it links to `{}`, outside the folder searched", real.display()),
                        failure: false,
                    });
                    continue;
                }
            }
        }
        found.files.push(entry.into_path());
        if options.max_files.is_some_and(|max| found.files.len() >= max) {
            found.problems.push(Problem {
                path: path.to_path_buf(),
                message: format!(
                    "the folder holds more than {} journey files; the rest are left out",
                    found.files.len()
                ),
                failure: true,
            });
            break;
        }
    }
    found.files.sort();
    Ok(found)
}

/// A walk error as a problem with the path it happened at.
fn problem(folder: &Path, error: ignore::Error) -> Problem {
    let mut path = folder.to_path_buf();
    let mut error = &error;
    // Unwrap the context the walk adds, keeping the innermost path and the bare cause.
    loop {
        match error {
            ignore::Error::WithPath { path: at, err } => {
                path.clone_from(at);
                error = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => error = err,
            ignore::Error::Loop { child, .. } => {
                return Problem {
                    path: child.clone(),
                    message: "it links back into a folder above it".into(),
                    failure: true,
                };
            }
            other => return Problem { path, message: other.to_string(), failure: true },
        }
    }
}

/// The nearest folder at or above `dir` with a `journey.toml`, else with a `.git`.
pub fn marked_root(dir: &Path) -> Option<PathBuf> {
    [journey_model::config::FILE_NAME, ".git"]
        .iter()
        .find_map(|marker| dir.ancestors().find(|folder| folder.join(marker).exists()).map(Path::to_path_buf))
}

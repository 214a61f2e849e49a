//! The CLI's side of file access: the journey files under the paths given (folder scans as
//! `journey-fs` does them, with `journey.toml`'s `exclude`), the workspace root and its
//! configuration, and a [`Loader`] over the disk (and standard input).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use journey_diagnostics::FileId;
use journey_model::workspace::{MAX_FILE_SIZE, normalize};
use journey_model::{Config, LoadError, Loader};

/// Reads files from disk; standard input is served from memory under its own path.
pub struct DiskLoader {
    pub cwd: PathBuf,
    pub overlay: HashMap<PathBuf, Vec<u8>>,
}

/// The path standard input stands at.
pub fn stdin_path(cwd: &Path) -> PathBuf {
    cwd.join("<stdin>")
}

/// Standard input, at most [`MAX_FILE_SIZE`] bytes of it.
pub fn read_stdin() -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    Ok(bytes)
}

impl DiskLoader {
    pub fn new(cwd: PathBuf) -> Self {
        DiskLoader { cwd, overlay: HashMap::new() }
    }

    pub fn read_stdin(&mut self) -> Result<PathBuf, String> {
        let bytes = read_stdin()?;
        let path = stdin_path(&self.cwd);
        self.overlay.insert(path.clone(), bytes);
        Ok(path)
    }
}

impl Loader for DiskLoader {
    fn read(&self, path: &Path) -> Result<Vec<u8>, LoadError> {
        if let Some(bytes) = self.overlay.get(path) {
            if bytes.len() as u64 > MAX_FILE_SIZE {
                return Err(LoadError::TooLarge(bytes.len() as u64));
            }
            return Ok(bytes.clone());
        }
        journey_fs::read(path, MAX_FILE_SIZE)
    }

    fn display(&self, path: &Path) -> String {
        if path == stdin_path(&self.cwd) {
            return "<stdin>".into();
        }
        shown(path, &self.cwd)
    }

    fn real_path(&self, path: &Path) -> Option<PathBuf> {
        std::fs::canonicalize(path).ok().or_else(|| Some(path.to_path_buf()))
    }
}

/// A path as the user is shown it: relative to the current folder when inside it.
pub fn shown(path: &Path, cwd: &Path) -> String {
    match path.strip_prefix(cwd) {
        Ok(relative) if relative.as_os_str().is_empty() => ".".into(),
        Ok(relative) => relative.display().to_string(),
        Err(_) => path.display().to_string(),
    }
}

/// The workspace root for `start`: the nearest folder above it with a `journey.toml`, else
/// with a `.git`, else the current folder when `start` is inside it, else `start`'s folder.
pub fn workspace_root(start: &Path, cwd: &Path) -> PathBuf {
    let start = normalize(start);
    let dir = if start.is_dir() { start.clone() } else { start.parent().map(Path::to_path_buf).unwrap_or_default() };
    journey_fs::marked_root(&dir).unwrap_or_else(|| if dir.starts_with(cwd) { cwd.to_path_buf() } else { dir })
}

/// What the paths of a command name: the journey files, the workspace root and its
/// configuration.
#[derive(Debug, Default)]
pub struct Gathered {
    /// Per path given (other than `-`), in order: its files, absolute (a folder's sorted).
    pub files: Vec<Vec<PathBuf>>,
    pub root_dir: PathBuf,
    /// `journey.toml`: its path and text.
    pub config: Option<(PathBuf, String)>,
    /// A folder could not be read (said on standard error): files may be missing.
    pub incomplete: bool,
}

/// Finds the journey files at `paths` (not `-`; files as given, folders scanned), the
/// workspace root (from the first path, or the current folder) and its `journey.toml`. What a
/// scan cannot read or leaves out is said on standard error, and the scan goes on.
pub fn gather(paths: &[String], cwd: &Path) -> Result<Gathered, String> {
    let absolute: Vec<(&String, PathBuf)> =
        paths.iter().filter(|p| *p != "-").map(|p| (p, normalize(&cwd.join(p)))).collect();
    let first = absolute.first().map_or_else(|| stdin_path(cwd), |(_, path)| path.clone());
    let root_dir = workspace_root(&first, cwd);
    let config_path = root_dir.join(journey_model::config::FILE_NAME);
    let config = match journey_fs::read_text(&config_path, MAX_FILE_SIZE) {
        Ok(text) => Some((config_path, text)),
        Err(LoadError::NotFound) => None,
        Err(error) => return Err(format!("cannot read `{}`: {}", shown(&config_path, cwd), describe(&error))),
    };
    let exclude = config.as_ref().map(|(_, text)| Config::parse(text, FileId(0)).0.exclude).unwrap_or_default();
    let options = journey_fs::ScanOptions { root_dir: &root_dir, exclude: &exclude, max_files: None };
    let mut gathered = Gathered { root_dir: root_dir.clone(), config, ..Gathered::default() };
    for (given, path) in absolute {
        if std::fs::symlink_metadata(&path).is_err() {
            return Err(format!("cannot find `{given}`"));
        }
        let scan = journey_fs::scan(&path, &options)?;
        for problem in &scan.problems {
            let at = shown(&problem.path, cwd);
            if problem.failure {
                eprintln!("error: cannot search `{at}`: {}; going on without it", problem.message);
                gathered.incomplete = true;
            } else {
                eprintln!("note: left out `{at}`: {}", problem.message);
            }
        }
        if scan.files.is_empty() && !scan.problems.iter().any(|p| p.failure) {
            return Err(format!("no .journey files in `{given}`"));
        }
        gathered.files.push(scan.files);
    }
    Ok(gathered)
}

/// A load error in words, after "cannot read `PATH`: ".
pub fn describe(error: &LoadError) -> String {
    match error {
        LoadError::NotFound => "no such file".into(),
        LoadError::TooLarge(size) => {
            format!("it is {} MiB, and journey reads files up to {} MiB", size >> 20, MAX_FILE_SIZE >> 20)
        }
        LoadError::NotAFile(what) => format!("it is {what}, not a regular file"),
        LoadError::Other(message) => message.clone(),
    }
}

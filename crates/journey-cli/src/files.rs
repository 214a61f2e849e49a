//! The CLI's side of file access: finding the journey files under the paths given, finding the
//! workspace root and its configuration, and a [`Loader`] over the disk (and standard input).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use journey_model::workspace::{MAX_FILE_SIZE, normalize};
use journey_model::{LoadError, Loader};

/// Reads files from disk; standard input is served from memory under its own path.
pub struct DiskLoader {
    pub cwd: PathBuf,
    pub overlay: HashMap<PathBuf, Vec<u8>>,
}

/// The path standard input stands at.
pub fn stdin_path(cwd: &Path) -> PathBuf {
    cwd.join("<stdin>")
}

impl DiskLoader {
    pub fn new(cwd: PathBuf) -> Self {
        DiskLoader { cwd, overlay: HashMap::new() }
    }

    pub fn read_stdin(&mut self) -> Result<PathBuf, String> {
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(MAX_FILE_SIZE + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
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
        let metadata = std::fs::metadata(path).map_err(io_error)?;
        if metadata.is_dir() {
            return Err(LoadError::Other("it is a folder".into()));
        }
        if metadata.len() > MAX_FILE_SIZE {
            return Err(LoadError::TooLarge(metadata.len()));
        }
        // Read no more than the limit, even if the file grows while it is read.
        let mut bytes = Vec::new();
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes)).map_err(io_error)?;
        if bytes.len() as u64 > MAX_FILE_SIZE {
            return Err(LoadError::TooLarge(bytes.len() as u64));
        }
        Ok(bytes)
    }

    fn display(&self, path: &Path) -> String {
        if path == stdin_path(&self.cwd) {
            return "<stdin>".into();
        }
        match path.strip_prefix(&self.cwd) {
            Ok(relative) if relative.as_os_str().is_empty() => ".".into(),
            Ok(relative) => relative.display().to_string(),
            Err(_) => path.display().to_string(),
        }
    }

    fn real_path(&self, path: &Path) -> Option<PathBuf> {
        std::fs::canonicalize(path).ok().or_else(|| Some(path.to_path_buf()))
    }
}

fn io_error(error: std::io::Error) -> LoadError {
    match error.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound,
        _ => LoadError::Other(error.to_string()),
    }
}

/// The `*.journey` files at or below `path`, sorted, not following links to folders (so a
/// link loop cannot trap the search) and skipping hidden folders, `node_modules` and `target`.
pub fn journey_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    let metadata = std::fs::metadata(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    if !metadata.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut found = Vec::new();
    let mut folders = vec![path.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(&folder).map_err(|e| format!("cannot read `{}`: {e}", folder.display()))?;
        for entry in entries.flatten() {
            let entry_path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            // Hidden folders, build output and installed packages hold no models of the user's.
            let hidden = name.starts_with('.') || name == "node_modules" || name == "target";
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_dir() && !hidden {
                folders.push(entry_path);
            } else if !kind.is_dir() && entry_path.extension().is_some_and(|e| e == "journey") {
                found.push(entry_path);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// The workspace root for `start`: the nearest folder above it with a `journey.toml`, else
/// with a `.git`, else the current folder when `start` is inside it, else `start`'s folder.
pub fn workspace_root(start: &Path, cwd: &Path) -> PathBuf {
    let start = normalize(start);
    let dir = if start.is_dir() { start.clone() } else { start.parent().map(Path::to_path_buf).unwrap_or_default() };
    for marker in [journey_model::config::FILE_NAME, ".git"] {
        let mut current = Some(dir.as_path());
        while let Some(folder) = current {
            if folder.join(marker).exists() {
                return folder.to_path_buf();
            }
            current = folder.parent();
        }
    }
    if dir.starts_with(cwd) { cwd.to_path_buf() } else { dir }
}

/// How hard a write tries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// The bytes reach the disk before the rename: for the user's own files (`fmt`), which
    /// must survive a power cut.
    Synced,
    /// Old-or-new against a crashed or killed process, without waiting for the disk: for
    /// outputs that a build makes again (diagrams, exports).
    Replaceable,
}

/// Replaces `path` with `bytes` so that a crash leaves the old file or the new one, never a
/// part: the bytes go to a temporary file in the same folder, keep the old file's permissions,
/// (when `Synced`) reach the disk, and are renamed over the old file.
pub fn atomic_write(path: &Path, bytes: &[u8], durability: Durability) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        if let Ok(metadata) = std::fs::metadata(path) {
            file.set_permissions(metadata.permissions())?;
        }
        if durability == Durability::Synced {
            file.sync_all()?;
        }
        std::fs::rename(&temp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

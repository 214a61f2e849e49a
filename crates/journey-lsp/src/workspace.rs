//! The server's side of file access: the journey files of the workspace folder, the workspace
//! root and its `journey.toml`, and a [`Loader`] that serves open documents from memory and
//! every other file from disk (cached while it does not change).

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use journey_model::workspace::{MAX_FILE_SIZE, normalize};
use journey_model::{LoadError, Loader};

/// The most journey files a workspace folder is searched for; a folder with more is probably
/// not a journey workspace, and the search should not keep the editor waiting.
const MAX_FILES: usize = 20_000;

/// Folders never searched for journey files.
const SKIPPED: [&str; 2] = ["node_modules", "target"];

/// The `*.journey` files at or below `folder`, sorted; hidden folders, `node_modules` and
/// `target` are skipped and links to folders are not followed.
pub fn journey_files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut folders = vec![folder.to_path_buf()];
    while let Some(current) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&current) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let Ok(kind) = entry.file_type() else { continue };
            if kind.is_dir() {
                if !name.starts_with('.') && !SKIPPED.contains(&name.as_ref()) {
                    folders.push(entry.path());
                }
            } else if name.ends_with(".journey") {
                found.push(entry.path());
                if found.len() >= MAX_FILES {
                    found.sort();
                    return found;
                }
            }
        }
    }
    found.sort();
    found
}

/// The workspace root for a folder: the nearest folder at or above it with a `journey.toml`,
/// else with a `.git`, else the folder itself — as `journey check` finds it.
pub fn workspace_root(folder: &Path) -> PathBuf {
    let folder = normalize(folder);
    for marker in [journey_model::config::FILE_NAME, ".git"] {
        let mut current = Some(folder.as_path());
        while let Some(dir) = current {
            if dir.join(marker).exists() {
                return dir.to_path_buf();
            }
            current = dir.parent();
        }
    }
    folder
}

/// File contents read from disk, kept while the file's size and modification time stay the
/// same, so that a check after each keystroke does not read every unopened file again.
#[derive(Debug, Default)]
pub struct DiskCache {
    files: Mutex<HashMap<PathBuf, Cached>>,
}

/// A file's bytes, and what they were read at.
#[derive(Debug)]
struct Cached {
    modified: SystemTime,
    len: u64,
    bytes: Vec<u8>,
}

impl DiskCache {
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, LoadError> {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) => {
                self.forget(path);
                return Err(io_error(error));
            }
        };
        if metadata.is_dir() {
            return Err(LoadError::Other("it is a folder".into()));
        }
        if metadata.len() > MAX_FILE_SIZE {
            return Err(LoadError::TooLarge(metadata.len()));
        }
        let modified = metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH);
        if let Ok(files) = self.files.lock() {
            if let Some(cached) = files.get(path) {
                if cached.modified == modified && cached.len == metadata.len() {
                    return Ok(cached.bytes.clone());
                }
            }
        }
        let mut bytes = Vec::new();
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_SIZE + 1).read_to_end(&mut bytes)).map_err(io_error)?;
        if bytes.len() as u64 > MAX_FILE_SIZE {
            return Err(LoadError::TooLarge(bytes.len() as u64));
        }
        if let Ok(mut files) = self.files.lock() {
            files.insert(path.to_path_buf(), Cached { modified, len: metadata.len(), bytes: bytes.clone() });
        }
        Ok(bytes)
    }

    fn forget(&self, path: &Path) {
        if let Ok(mut files) = self.files.lock() {
            files.remove(path);
        }
    }
}

fn io_error(error: std::io::Error) -> LoadError {
    match error.kind() {
        std::io::ErrorKind::NotFound => LoadError::NotFound,
        _ => LoadError::Other(error.to_string()),
    }
}

/// Open documents first, then the disk.
pub struct DocumentLoader<'a> {
    pub documents: &'a HashMap<PathBuf, String>,
    pub disk: &'a DiskCache,
    /// Paths are shown relative to this folder.
    pub base: &'a Path,
}

impl Loader for DocumentLoader<'_> {
    fn read(&self, path: &Path) -> Result<Vec<u8>, LoadError> {
        match self.documents.get(path) {
            Some(text) if text.len() as u64 > MAX_FILE_SIZE => Err(LoadError::TooLarge(text.len() as u64)),
            Some(text) => Ok(text.clone().into_bytes()),
            None => self.disk.read(path),
        }
    }

    fn display(&self, path: &Path) -> String {
        path.strip_prefix(self.base).unwrap_or(path).display().to_string()
    }

    /// The path with links resolved; for a document not saved yet, its folder's.
    fn real_path(&self, path: &Path) -> Option<PathBuf> {
        if let Ok(real) = std::fs::canonicalize(path) {
            return Some(real);
        }
        let (Some(parent), Some(name)) = (path.parent(), path.file_name()) else {
            return Some(path.to_path_buf());
        };
        Some(std::fs::canonicalize(parent).map_or_else(|_| path.to_path_buf(), |p| p.join(name)))
    }
}

//! The server's side of file access: the journey files of the workspace folder, the workspace
//! root and its `journey.toml`, and a [`Loader`] that serves open documents from memory and
//! every other file from disk (cached while it does not change).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use journey_diagnostics::FileId;
use journey_model::workspace::{MAX_FILE_SIZE, normalize};
use journey_model::{Config, LoadError, Loader};

/// The most journey files a workspace folder is searched for; a folder with more is probably
/// not a journey workspace, and the search should not keep the editor waiting.
const MAX_FILES: usize = 20_000;

/// The journey files at or below `folder`, found as `journey check` finds them (see
/// `journey_fs::scan`), with what the search could not read or left out, in words.
pub fn journey_files(folder: &Path) -> (Vec<PathBuf>, Vec<String>) {
    let root = workspace_root(folder);
    let mut said = Vec::new();
    let exclude = match read_config(&root.join(journey_model::config::FILE_NAME)) {
        Ok(text) => text.map(|text| Config::parse(&text, FileId(0)).0.exclude).unwrap_or_default(),
        Err(message) => {
            said.push(message);
            Vec::new()
        }
    };
    let options = journey_fs::ScanOptions { root_dir: &root, exclude: &exclude, max_files: Some(MAX_FILES) };
    match journey_fs::scan(folder, &options) {
        Ok(scan) => {
            said.extend(scan.problems.iter().map(|p| format!("`{}` is left out: {}", p.path.display(), p.message)));
            (scan.files, said)
        }
        Err(message) => {
            said.push(message);
            (Vec::new(), said)
        }
    }
}

/// The text of `journey.toml`: `None` when there is none, an error in words when it cannot be
/// read (not a regular file, too large, not UTF-8).
pub fn read_config(path: &Path) -> Result<Option<String>, String> {
    match journey_fs::read_text(path, MAX_FILE_SIZE) {
        Ok(text) => Ok(Some(text)),
        Err(LoadError::NotFound) => Ok(None),
        Err(error) => Err(format!(
            "{} is not read, so the default rules apply: {}",
            path.display(),
            match error {
                LoadError::TooLarge(size) => {
                    format!("it is {} MiB, and journey reads files up to {} MiB", size >> 20, MAX_FILE_SIZE >> 20)
                }
                LoadError::NotAFile(what) => format!("it is {what}, not a regular file"),
                LoadError::NotFound => "it is gone".into(),
                LoadError::Other(message) => message,
            }
        )),
    }
}

/// The workspace root for a folder: the nearest folder at or above it with a `journey.toml`,
/// else with a `.git`, else the folder itself — as `journey check` finds it.
pub fn workspace_root(folder: &Path) -> PathBuf {
    let folder = normalize(folder);
    journey_fs::marked_root(&folder).unwrap_or(folder)
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
        let opened = match journey_fs::open(path) {
            Ok(opened) => opened,
            Err(error) => {
                self.forget(path);
                return Err(error);
            }
        };
        let (len, modified) = (opened.metadata.len(), opened.metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH));
        if let Ok(files) = self.files.lock() {
            if let Some(cached) = files.get(path) {
                if cached.modified == modified && cached.len == len {
                    return Ok(cached.bytes.clone());
                }
            }
        }
        let bytes = opened.read(MAX_FILE_SIZE)?;
        if let Ok(mut files) = self.files.lock() {
            files.insert(path.to_path_buf(), Cached { modified, len, bytes: bytes.clone() });
        }
        Ok(bytes)
    }

    fn forget(&self, path: &Path) {
        if let Ok(mut files) = self.files.lock() {
            files.remove(path);
        }
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

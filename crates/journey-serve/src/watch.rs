//! Which folders `journey serve` watches, and which of their changes matter. The folders given
//! are watched with everything below them (a new file or folder is seen); the folders of files
//! reached from outside them (an import from elsewhere, the workspace's `journey.toml`) are
//! watched alone. Only changes to `*.journey` files, `journey.toml` and folders wake the
//! checker; reading a file (the check itself does) does not.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use journey_model::workspace::normalize;
use notify::event::{CreateKind, RemoveKind};
use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use tokio::sync::Notify;

pub struct Watches {
    watcher: RecommendedWatcher,
    dirty: Arc<Notify>,
    /// The folders watched with everything below them.
    trees: Vec<PathBuf>,
    /// Every folder watched, either way.
    watched: HashSet<PathBuf>,
}

/// Whether a change can change the model.
pub fn matters(event: &notify::Event) -> bool {
    match event.kind {
        EventKind::Access(_) => false,
        EventKind::Create(CreateKind::Folder) | EventKind::Remove(RemoveKind::Folder) => true,
        _ => event.paths.iter().any(|path| {
            path.extension().is_some_and(|e| e == "journey")
                || path.file_name().is_some_and(|n| n == journey_model::config::FILE_NAME)
        }),
    }
}

impl Watches {
    /// Watches the folders at `paths` (a file's folder for a file), relative to `cwd`.
    pub fn new(cwd: &Path, paths: &[String]) -> Result<Watches, String> {
        let dirty = Arc::new(Notify::new());
        let wake = dirty.clone();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            // A failed event (e.g. the system's queue overflowed) may hide a change: check.
            if event.as_ref().map_or(true, matters) {
                wake.notify_one();
            }
        })
        .map_err(|e| format!("cannot watch for changes: {e}"))?;
        let mut watches = Watches { watcher, dirty, trees: Vec::new(), watched: HashSet::new() };
        for path in paths {
            let absolute = normalize(&cwd.join(path));
            if absolute.is_dir() {
                watches.watch(&absolute, RecursiveMode::Recursive)?;
                watches.trees.push(absolute);
            } else if let Some(folder) = absolute.parent() {
                watches.watch(folder, RecursiveMode::NonRecursive)?;
            }
        }
        Ok(watches)
    }

    /// What the watcher wakes when something that matters changes.
    pub fn dirty(&self) -> Arc<Notify> {
        self.dirty.clone()
    }

    /// Also watches the folders of `files` and the workspace `root` (for `journey.toml`) that
    /// no watched tree holds. A folder that cannot be watched is left out, with a warning:
    /// the page then does not follow its changes.
    pub fn follow(&mut self, files: &[PathBuf], root: &Path) {
        let folders = files.iter().filter_map(|f| f.parent()).chain(std::iter::once(root));
        let new: Vec<PathBuf> = folders
            .filter(|folder| !self.trees.iter().any(|tree| folder.starts_with(tree)))
            .filter(|folder| !self.watched.contains(*folder))
            .map(Path::to_path_buf)
            .collect();
        for folder in new {
            if let Err(message) = self.watch(&folder, RecursiveMode::NonRecursive) {
                eprintln!("journey serve: {message}");
            }
        }
    }

    fn watch(&mut self, folder: &Path, mode: RecursiveMode) -> Result<(), String> {
        if !self.watched.insert(folder.to_path_buf()) {
            return Ok(());
        }
        self.watcher.watch(folder, mode).map_err(|e| format!("cannot watch `{}` for changes: {e}", folder.display()))
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{AccessKind, DataChange, ModifyKind, RenameMode};

    use super::*;

    fn event(kind: EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn only_model_changes_matter() {
        let write = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(matters(&event(write, "/w/order.journey")));
        assert!(matters(&event(write, "/w/journey.toml")));
        assert!(matters(&event(EventKind::Modify(ModifyKind::Name(RenameMode::To)), "/w/a.journey")));
        assert!(matters(&event(EventKind::Create(CreateKind::Folder), "/w/models")));
        assert!(!matters(&event(write, "/w/notes.md")));
        assert!(!matters(&event(write, "/w/.order.journey.swp")));
        assert!(!matters(&event(EventKind::Access(AccessKind::Any), "/w/order.journey")), "the check reads files");
    }
}

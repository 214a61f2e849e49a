//! Editor features of the journey language — hover, go to definition, references, rename,
//! completion, outline, semantic tokens, folding, formatting, code actions and inlay hints —
//! computed from the core in byte offsets and plain strings. Nothing here knows LSP: the
//! language server converts positions and sends what this crate computes.
//!
//! An [`Analysis`] is one checked snapshot of a workspace. Every feature is a method on it that
//! takes a file and a byte offset; the name index behind the navigation features is built on
//! first use, so a snapshot that only publishes diagnostics never pays for it.

mod actions;
mod completion;
mod folding;
mod format;
mod hints;
mod hover;
mod index;
mod navigation;
mod rename;
mod symbols;
mod syntax;
mod tokens;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use journey_diagnostics::{Diagnostic, FileId, SourceFile, Span};
use journey_model::{CheckOptions, Checked, Loader};

pub use actions::{ActionKind, CodeAction};
pub use completion::{CompletionItem, CompletionKind};
pub use folding::{Fold, FoldKind};
pub use hints::{HintKind, InlayHint};
pub use hover::Hover;
pub use journey_diagnostics::Edit;
pub use navigation::{NavigationTarget, Occurrence};
pub use symbols::{Symbol, WorkspaceSymbol};
pub use tokens::{SemanticToken, TokenKind};

use index::Index;

/// One checked snapshot of a workspace, and the features computed from it.
#[derive(Debug)]
pub struct Analysis {
    checked: Checked,
    /// The `journey.toml` the snapshot was checked with: its id among the files, and its path.
    config: Option<(FileId, PathBuf)>,
    index: OnceLock<Index>,
}

/// What to check: the files, the workspace root and the configuration, as for
/// [`journey_model::check`], and where `journey.toml` is on disk (so that its diagnostics can be
/// shown in it).
#[derive(Clone, Debug, Default)]
pub struct AnalysisInput {
    pub roots: Vec<PathBuf>,
    pub options: CheckOptions,
    pub config_path: Option<PathBuf>,
}

impl Analysis {
    /// Checks the workspace through `loader` and keeps the result.
    pub fn check(loader: &dyn Loader, input: &AnalysisInput) -> Analysis {
        let checked = journey_model::check(loader, &input.roots, &input.options);
        Analysis::new(checked, input.config_path.clone())
    }

    /// Wraps an already checked workspace. `config_path` is where its `journey.toml` is, if it
    /// was checked with one.
    pub fn new(checked: Checked, config_path: Option<PathBuf>) -> Analysis {
        // `check` adds the configuration as the last file, after every journey file.
        let config = config_path.and_then(|path| {
            let count = checked.workspace.files.len();
            (count > checked.workspace.paths.len()).then(|| (FileId(count as u32 - 1), path))
        });
        Analysis { checked, config, index: OnceLock::new() }
    }

    pub fn checked(&self) -> &Checked {
        &self.checked
    }

    /// Every diagnostic of the workspace, sorted by file and position.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.checked.diagnostics
    }

    /// The file at an absolute path, if the snapshot has it.
    pub fn file(&self, path: &Path) -> Option<FileId> {
        let path = journey_model::workspace::normalize(path);
        if let Some(index) = self.checked.workspace.paths.iter().position(|p| *p == path) {
            return Some(FileId(index as u32));
        }
        self.config.as_ref().filter(|(_, config)| *config == path).map(|(id, _)| *id)
    }

    /// The absolute path of a file (a journey file or `journey.toml`).
    pub fn path(&self, file: FileId) -> Option<&Path> {
        match self.checked.workspace.paths.get(file.0 as usize) {
            Some(path) => Some(path),
            None => self.config.as_ref().filter(|(id, _)| *id == file).map(|(_, path)| path.as_path()),
        }
    }

    /// The text and line index of a file.
    pub fn source(&self, file: FileId) -> Option<&SourceFile> {
        self.checked.workspace.files.get(file)
    }

    /// Every file of the snapshot, journey files and `journey.toml`.
    pub fn files(&self) -> impl Iterator<Item = FileId> + '_ {
        (0..self.checked.workspace.files.len() as u32).map(FileId)
    }

    fn text(&self, file: FileId) -> &str {
        self.checked.workspace.files.text(file)
    }

    fn ast(&self, file: FileId) -> Option<&journey_syntax::ast::File> {
        self.checked.workspace.asts.get(file.0 as usize)?.as_ref()
    }

    fn model(&self) -> &journey_model::Model {
        &self.checked.model
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index::build(&self.checked))
    }

    /// The span of `text` in `file` clamped to the file, so that a position from a stale or
    /// careless client never indexes past the end.
    fn clamp(&self, file: FileId, offset: u32) -> u32 {
        offset.min(self.text(file).len() as u32)
    }
}

/// `span` as a byte range of its file's text, if it lies inside it.
fn slice(text: &str, span: Span) -> Option<&str> {
    text.get(span.range())
}

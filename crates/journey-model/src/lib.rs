//! The typed model of a journey workspace and everything that checks it. Pure: files come in
//! through a [`Loader`], diagnostics and the model go out; no IO, no terminal, no LSP.
//!
//! The phases: [`Workspace::load`] reads and parses the files and links their imports;
//! [`lower`](lower::lower) builds the [`Model`] with every name resolved; [`rules`] check it;
//! [`Config`] decides at which level each finding is reported. [`check`] runs them all.

pub mod chain;
pub mod channels;
pub mod config;
pub mod figures;
pub mod graph;
pub mod imports;
pub mod ir;
mod lower;
pub mod rules;
pub mod schema;
mod solve;
mod suggest;
pub mod units;
pub mod workspace;

use std::path::{Path, PathBuf};

use journey_diagnostics::{Diagnostic, SourceFiles, sort_and_dedup};

pub use config::Config;
pub use ir::Model;
pub use lower::{DURATION_UNITS, MAX_ITEMS, SCORE_RANGE, lower};
pub use suggest::{SUGGESTION_BUDGET, closest};
pub use workspace::{LoadError, Loader, MemoryLoader, Workspace};

/// The result of checking a workspace.
#[derive(Debug)]
pub struct Checked {
    pub workspace: Workspace,
    pub model: Model,
    pub diagnostics: Vec<Diagnostic>,
    /// `journey.toml`, as read (the defaults without one).
    pub config: Config,
}

impl Checked {
    pub fn files(&self) -> &SourceFiles {
        &self.workspace.files
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// What to check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// The workspace root: no import may leave it.
    pub root_dir: PathBuf,
    /// `journey.toml`: how to show its path, and its text.
    pub config: Option<(String, String)>,
}

/// Loads, lowers and checks the files at `roots` (absolute paths), applying the configuration.
/// Diagnostics come sorted, errors first and then by file and position, each once.
pub fn check(loader: &dyn Loader, roots: &[PathBuf], options: &CheckOptions) -> Checked {
    let (mut workspace, mut diagnostics) = Workspace::load(loader, roots, &options.root_dir);
    let config = match &options.config {
        Some((path, text)) => {
            let id = workspace.files.add(path.clone(), text.clone());
            let (config, found) = Config::parse(text, id);
            diagnostics.extend(found);
            config
        }
        None => Config::default(),
    };
    let (mut model, lowered) = lower(&workspace);
    diagnostics.extend(lowered);
    diagnostics.extend(channels::resolve(&mut model, &config));
    diagnostics.extend(rules::run(&model, &config));
    let mut diagnostics = config.apply(diagnostics);
    sort_and_dedup(&mut diagnostics);
    Checked { workspace, model, diagnostics, config }
}

/// Checks one text as a file at `path`, with the default configuration: for tests, fuzzing
/// and benchmarks.
pub fn check_text(path: &Path, text: &str) -> Checked {
    let loader = MemoryLoader::default().with(path, text);
    let root_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    check(&loader, &[path.to_path_buf()], &CheckOptions { root_dir, config: None })
}

//! What the server keeps between messages: the open documents, the workspace folder and its
//! files, and the latest checked snapshot. Every change to the documents bumps a generation
//! number; a snapshot is rebuilt (one at a time, off the async threads) when a request or the
//! diagnostics need one newer than the last.

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use journey_diagnostics::{FileId, LineIndex};
use journey_ide::{Analysis, AnalysisInput};
use journey_model::CheckOptions;
use journey_model::workspace::normalize;
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::{MessageType, Position, Uri};

use crate::ServerOptions;
use crate::convert::{Encoding, Text};
use crate::workspace::{DiskCache, DocumentLoader, read_config, workspace_root};

/// An open document.
#[derive(Debug)]
pub struct Document {
    pub path: PathBuf,
    pub text: String,
    pub version: i32,
    pub lines: LineIndex,
}

/// The mutable part of the server.
#[derive(Debug, Default)]
pub struct State {
    pub encoding: Encoding,
    pub snippets: bool,
    /// The workspace folder the client opened, if any.
    pub folder: Option<PathBuf>,
    /// The journey files found in the folder.
    pub files: Vec<PathBuf>,
    pub documents: HashMap<Uri, Document>,
    /// Bumped by every change to what a check reads.
    pub generation: u64,
    pub snapshot: Option<Arc<Snapshot>>,
    /// A generation whose check panicked: not tried again.
    pub failed: Option<u64>,
    pub debounce: Duration,
    /// The client can be asked to report changed files.
    pub watch: bool,
    /// What the last snapshot had to say to the user (shown once, not after every change).
    pub said: Vec<String>,
}

/// One checked state of the workspace, and what it was checked from.
#[derive(Debug)]
pub struct Snapshot {
    pub generation: u64,
    pub analysis: Analysis,
    /// The open documents' URIs and versions, by path.
    pub open: HashMap<PathBuf, (Uri, i32)>,
    pub encoding: Encoding,
    /// What the user should know about this check (a `journey.toml` that could not be read).
    pub said: Vec<String>,
}

impl Snapshot {
    pub fn file(&self, uri: &Uri) -> Option<FileId> {
        self.analysis.file(&path_of(uri))
    }

    pub fn uri(&self, file: FileId) -> Option<Uri> {
        let path = self.analysis.path(file)?;
        match self.open.get(path) {
            Some((uri, _)) => Some(uri.clone()),
            None => Uri::from_file_path(path),
        }
    }

    pub fn text(&self, file: FileId) -> Option<Text<'_>> {
        self.analysis.source(file).map(Text::from)
    }

    pub fn range(&self, span: journey_diagnostics::Span) -> Option<tower_lsp_server::ls_types::Range> {
        Some(self.text(span.file)?.range(span.start, span.end, self.encoding))
    }

    pub fn location(&self, span: journey_diagnostics::Span) -> Option<tower_lsp_server::ls_types::Location> {
        Some(tower_lsp_server::ls_types::Location { uri: self.uri(span.file)?, range: self.range(span)? })
    }
}

/// Where a URI's document lives: its file path, or for a document with no file (an unsaved
/// buffer) a path made from the URI, outside any workspace.
pub fn path_of(uri: &Uri) -> PathBuf {
    let file = uri.scheme().as_str().eq_ignore_ascii_case("file");
    match uri.to_file_path().filter(|p| file && p.is_absolute()) {
        Some(path) => normalize(&path),
        None => {
            let flat: String =
                uri.as_str().chars().map(|c| if c.is_alphanumeric() || c == '.' { c } else { '_' }).collect();
            PathBuf::from("/.journey-unsaved").join(flat)
        }
    }
}

/// What the documents and the workspace folder hold, to be checked off the async threads.
struct Input {
    generation: u64,
    documents: HashMap<PathBuf, String>,
    open: HashMap<PathBuf, (Uri, i32)>,
    roots: Vec<PathBuf>,
    root_dir: PathBuf,
    base: PathBuf,
    encoding: Encoding,
}

/// The server, shared by the message handlers and the tasks they start.
pub struct Inner {
    pub client: Client,
    pub state: Mutex<State>,
    /// Held while a snapshot is built, so that two requests do not check twice.
    building: tokio::sync::Mutex<()>,
    /// What the last diagnostics publication sent; held while publishing, so that
    /// publications go out one at a time and in order.
    pub published: tokio::sync::Mutex<crate::handlers::diagnostics::Published>,
    disk: Arc<DiskCache>,
}

impl Inner {
    pub fn new(client: Client, options: ServerOptions) -> Inner {
        let state = State { debounce: options.debounce, ..State::default() };
        Inner {
            client,
            state: Mutex::new(state),
            building: tokio::sync::Mutex::new(()),
            published: tokio::sync::Mutex::new(Default::default()),
            disk: Arc::new(DiskCache::default()),
        }
    }

    /// The state, even if a panicking thread poisoned the lock (the state is only ever
    /// changed whole, so it is still consistent).
    pub fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A snapshot of the documents as they are now, checking them if the last one is older.
    pub async fn snapshot(&self) -> Option<Arc<Snapshot>> {
        if let Some(fresh) = self.fresh() {
            return Some(fresh);
        }
        let _building = self.building.lock().await;
        if let Some(fresh) = self.fresh() {
            return Some(fresh);
        }
        let input = {
            let state = self.state();
            if state.failed == Some(state.generation) {
                return state.snapshot.clone();
            }
            input(&state)
        };
        let generation = input.generation;
        let disk = self.disk.clone();
        let built = tokio::task::spawn_blocking(move || catch(|| build(input, &disk))).await;
        let failure = match built {
            Ok(Ok(snapshot)) => {
                let snapshot = Arc::new(snapshot);
                let news = {
                    let mut state = self.state();
                    let news = snapshot.said != state.said;
                    state.said.clone_from(&snapshot.said);
                    news
                };
                if news {
                    for message in &snapshot.said {
                        self.client.show_message(MessageType::WARNING, format!("journey: {message}")).await;
                    }
                }
                let replaced = {
                    let mut state = self.state();
                    match state.snapshot.as_ref().is_none_or(|s| s.generation < generation) {
                        true => state.snapshot.replace(snapshot.clone()),
                        false => None,
                    }
                };
                if let Some(old) = replaced {
                    retire(old);
                }
                return Some(snapshot);
            }
            Ok(Err(message)) => {
                self.state().failed = Some(generation);
                format!("internal error while checking the workspace: {message}")
            }
            Err(error) => format!("checking the workspace failed: {error}"),
        };
        self.log(MessageType::ERROR, failure).await;
        self.state().snapshot.clone()
    }

    fn fresh(&self) -> Option<Arc<Snapshot>> {
        let state = self.state();
        state.snapshot.clone().filter(|s| s.generation == state.generation)
    }

    /// The snapshot, file and offset of a position in a document.
    pub async fn locate(&self, uri: &Uri, position: Position) -> Option<(Arc<Snapshot>, FileId, u32)> {
        let snapshot = self.snapshot().await?;
        let file = snapshot.file(uri)?;
        let offset = snapshot.text(file)?.offset(position, snapshot.encoding);
        Some((snapshot, file, offset))
    }

    /// Runs a feature; a panic in it is logged and answered with an error instead of taking
    /// the server down.
    pub async fn run<T>(&self, feature: &str, f: impl FnOnce() -> T) -> jsonrpc::Result<T> {
        match catch(f) {
            Ok(value) => Ok(value),
            Err(message) => {
                self.log_panic(feature, &message).await;
                let mut error = jsonrpc::Error::internal_error();
                error.message = format!("journey: {feature} failed ({message}); the server goes on").into();
                Err(error)
            }
        }
    }

    pub async fn log(&self, kind: MessageType, message: String) {
        eprintln!("journey lsp: {message}");
        self.client.log_message(kind, message).await;
    }

    async fn log_panic(&self, what: &str, message: &str) {
        self.log(MessageType::ERROR, format!("internal error while {what}: {message}")).await;
    }

    /// Lets go of a snapshot older than `generation`: a change made it stale, and freeing a
    /// whole checked workspace takes milliseconds, best spent while the debounce waits.
    pub fn release_stale(&self, generation: u64) {
        let stale = {
            let mut state = self.state();
            match state.snapshot.as_ref().is_some_and(|s| s.generation < generation) {
                true => state.snapshot.take(),
                false => None,
            }
        };
        if let Some(stale) = stale {
            retire(stale);
        }
    }

    /// Notes a change to what a check reads; returns the new generation.
    pub fn bump(state: &mut State) -> u64 {
        state.generation += 1;
        state.generation
    }
}

/// Frees a snapshot off the async threads (requests still using it keep it alive until they
/// finish).
fn retire(snapshot: Arc<Snapshot>) {
    tokio::task::spawn_blocking(move || drop(snapshot));
}

/// Runs `f`, turning a panic into its message.
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(AssertUnwindSafe(f)).map_err(|payload| panic_message(&*payload))
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

/// The workspace root: from the folder, or (with no folder) from the first open document.
pub fn root_of(state: &State) -> Option<PathBuf> {
    match &state.folder {
        Some(folder) => Some(workspace_root(folder)),
        None => {
            let first = state.documents.values().map(|d| &d.path).min()?;
            first.parent().map(workspace_root)
        }
    }
}

fn is_journey(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "journey")
}

fn input(state: &State) -> Input {
    let root_dir = root_of(state).unwrap_or_default();
    let base = state.folder.clone().unwrap_or_else(|| root_dir.clone());
    let mut roots = state.files.clone();
    let mut documents = HashMap::new();
    let mut open = HashMap::new();
    for (uri, doc) in &state.documents {
        documents.insert(doc.path.clone(), doc.text.clone());
        open.insert(doc.path.clone(), (uri.clone(), doc.version));
        if is_journey(&doc.path) {
            roots.push(doc.path.clone());
        }
    }
    roots.sort();
    roots.dedup();
    Input { generation: state.generation, documents, open, roots, root_dir, base, encoding: state.encoding }
}

fn build(input: Input, disk: &DiskCache) -> Snapshot {
    let loader = DocumentLoader { documents: &input.documents, disk, base: &input.base };
    let config_path = input.root_dir.join(journey_model::config::FILE_NAME);
    let mut said = Vec::new();
    let config_text = match input.documents.get(&config_path) {
        Some(text) if text.len() as u64 > journey_model::workspace::MAX_FILE_SIZE => {
            said.push(format!("{} is not read, so the default rules apply: it is too large", config_path.display()));
            None
        }
        Some(text) => Some(text.clone()),
        None => read_config(&config_path).unwrap_or_else(|message| {
            said.push(message);
            None
        }),
    };
    let config = config_text.map(|text| (journey_model::Loader::display(&loader, &config_path), text));
    let analysis_input = AnalysisInput {
        config_path: config.is_some().then(|| config_path.clone()),
        roots: input.roots,
        options: CheckOptions { root_dir: input.root_dir, config },
    };
    let analysis = Analysis::check(&loader, &analysis_input);
    Snapshot { generation: input.generation, analysis, open: input.open, encoding: input.encoding, said }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(catch(|| 2 + 2), Ok(4));
        let message = catch(|| -> u32 { panic!("boom at {}", 42) });
        assert_eq!(message, Err("boom at 42".to_string()));
        let message = catch(|| -> u32 { std::panic::panic_any(7u8) });
        assert_eq!(message, Err("a panic".to_string()));
    }

    #[test]
    fn paths_of_uris() {
        let file: Uri = "file:///ws/a/../b.journey".parse().expect("uri");
        assert_eq!(path_of(&file), PathBuf::from("/ws/b.journey"));
        let unsaved: Uri = "untitled:Untitled-1".parse().expect("uri");
        assert!(path_of(&unsaved).starts_with("/.journey-unsaved"));
    }
}

//! Loading a workspace: the root files, and every file they import, each read once through a
//! [`Loader`] (the core does no IO itself), decoded, parsed, and linked by its imports.
//! Imports are relative to the importing file; a missing file, an import cycle and a path that
//! leaves the workspace root are errors at the import.

use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

use journey_diagnostics::{Code, Diagnostic, FileId, SourceFiles, Span};
use journey_syntax::{ParseOptions, ast, parse};

/// Files larger than this are refused: no real model comes near it, and reading one would only
/// cost memory.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// Imports nest this deep at most.
pub const MAX_IMPORT_DEPTH: usize = 256;

/// The files of one run add up to this much at most: past it, files are not read.
pub const MAX_WORKSPACE_SIZE: u64 = 256 * 1024 * 1024;

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    NotFound,
    TooLarge(u64),
    /// Not a regular file: what it is instead, in words ("a folder", "a FIFO (named pipe)").
    NotAFile(&'static str),
    /// Any other failure, in the operating system's words.
    Other(String),
}

/// Where the core gets file contents from: the disk for the CLI, open documents and the disk
/// for the language server, a map in tests.
pub trait Loader {
    /// The bytes of the file at an absolute, normalized path.
    fn read(&self, path: &Path) -> Result<Vec<u8>, LoadError>;

    /// How to show the path to the user.
    fn display(&self, path: &Path) -> String {
        path.display().to_string()
    }

    /// The path with symbolic links resolved, when the loader knows it: an import that leaves
    /// the workspace through a link is caught by comparing these.
    fn real_path(&self, path: &Path) -> Option<PathBuf> {
        Some(path.to_path_buf())
    }
}

/// A loaded workspace: every file, parsed, with its imports resolved.
#[derive(Debug, Default)]
pub struct Workspace {
    pub files: SourceFiles,
    /// Per file: its absolute path.
    pub paths: Vec<PathBuf>,
    /// Per file: its syntax tree (`None` when it could not be read or decoded).
    pub asts: Vec<Option<ast::File>>,
    /// Per file: the files it imports directly, in order.
    pub imports: Vec<Vec<FileId>>,
    /// The files asked for, rather than imported.
    pub roots: Vec<FileId>,
    pub root_dir: PathBuf,
    /// The bytes read so far ([`MAX_WORKSPACE_SIZE`] at most).
    pub bytes: u64,
    /// How many items the trees declare, nested ones included: counted on the parsing
    /// threads while each tree is fresh, so that the lowering's limit does not walk them all.
    pub items: usize,
    /// Files read whose text is whole, not parsed yet.
    pending: Vec<FileId>,
}

/// The stack of each parsing thread: as much as the main thread's, for the deepest nesting.
const PARSE_STACK: usize = 8 << 20;

/// `f` over `items`, in order, shared out over the machine's cores (one thread where there is
/// one core, or where threads cannot be made, as in WebAssembly). The calling thread works
/// too, so that the items are all done even when no thread could be started.
fn parallel_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(items.len());
    if threads <= 1 {
        return items.iter().map(f).collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else { return done };
            done.push((i, f(item)));
        }
    };
    let mut results: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..threads)
            .filter_map(|_| std::thread::Builder::new().stack_size(PARSE_STACK).spawn_scoped(scope, work).ok())
            .collect();
        for (i, r) in work() {
            results[i] = Some(r);
        }
        for helper in helpers {
            match helper.join() {
                Ok(done) => done.into_iter().for_each(|(i, r)| results[i] = Some(r)),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    results.into_iter().flatten().collect()
}

impl Workspace {
    /// Loads the files at `roots` (absolute paths) and everything they import. `root_dir` is the
    /// workspace root no import may leave.
    pub fn load(loader: &dyn Loader, roots: &[PathBuf], root_dir: &Path) -> (Workspace, Vec<Diagnostic>) {
        let mut ws = Workspace { root_dir: normalize(root_dir), ..Workspace::default() };
        let mut diagnostics = Vec::new();
        let mut by_path: HashMap<PathBuf, FileId> = HashMap::new();
        let real_root = loader.real_path(&ws.root_dir).unwrap_or_else(|| ws.root_dir.clone());
        let mut queue: Vec<(FileId, usize)> = Vec::new();
        let mut real_inside: HashMap<PathBuf, bool> = HashMap::new();
        for root in roots {
            let path = normalize(root);
            if let Some(&id) = by_path.get(&path) {
                if !ws.roots.contains(&id) {
                    ws.roots.push(id);
                }
                continue;
            }
            let id = ws.register(loader, path.clone(), None, &mut diagnostics);
            by_path.insert(path, id);
            ws.roots.push(id);
            queue.push((id, 0));
        }
        // The files asked for are parsed side by side; what they import, as it is found.
        let pending: Vec<FileId> = ws.pending.drain(..).collect();
        ws.parse_files(&pending, &mut diagnostics);
        while let Some((file, depth)) = queue.pop() {
            let Some(Some(tree)) = ws.asts.get(file.0 as usize) else {
                continue;
            };
            let imports: Vec<ast::Import> = tree.imports.clone();
            let dir = ws.paths.get(file.0 as usize).and_then(|p| p.parent()).map(Path::to_path_buf).unwrap_or_default();
            let mut resolved = Vec::new();
            for import in imports {
                let written = import.path.value(ws.files.text(file)).into_owned();
                let target = normalize(&dir.join(&written));
                // Asked once per file imported (a mesh of files imports each many times).
                let real_inside = *real_inside.entry(target.clone()).or_insert_with(|| {
                    loader.real_path(&target).unwrap_or_else(|| target.clone()).starts_with(&real_root)
                });
                if written.trim().is_empty() {
                    diagnostics.push(
                        Diagnostic::new(Code::ImportNotFound, import.path.span, "an import needs a path")
                            .with_label("no path")
                            .with_help("name the file to import, relative to this one: `import \"catalog.journey\"`"),
                    );
                    continue;
                }
                if !target.starts_with(&ws.root_dir) || !real_inside {
                    diagnostics.push(
                        Diagnostic::new(Code::ImportOutsideWorkspace, import.path.span, format!("`{written}` is outside the workspace"))
                            .with_label("this path leaves the workspace root")
                            .with_note(format!("the workspace root is `{}`", loader.display(&ws.root_dir)))
                            .with_help("keep shared files inside the workspace (the folder with journey.toml, or the repository) and import them by a relative path"),
                    );
                    continue;
                }
                if depth + 1 > MAX_IMPORT_DEPTH {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::ImportsTooDeep,
                            import.path.span,
                            format!("imports nest more than {MAX_IMPORT_DEPTH} deep"),
                        )
                        .with_label("this import is not followed")
                        .with_help("import the shared files directly instead of through a long chain"),
                    );
                    continue;
                }
                let id = match by_path.get(&target) {
                    Some(&id) => id,
                    None => {
                        let id = ws.read(loader, target.clone(), Some(import.path.span), &mut diagnostics);
                        by_path.insert(target, id);
                        queue.push((id, depth + 1));
                        id
                    }
                };
                if ws.asts.get(id.0 as usize).is_some_and(Option::is_some) {
                    resolved.push(id);
                }
            }
            if let Some(slot) = ws.imports.get_mut(file.0 as usize) {
                *slot = resolved;
            }
        }
        ws.report_cycles(&mut diagnostics);
        (ws, diagnostics)
    }

    /// Reads, decodes and parses one file; on failure the file is still registered (so that
    /// it is read once) with no tree.
    fn read(
        &mut self,
        loader: &dyn Loader,
        path: PathBuf,
        from: Option<Span>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> FileId {
        let id = self.register(loader, path, from, diagnostics);
        let pending: Vec<FileId> = self.pending.drain(..).collect();
        self.parse_files(&pending, diagnostics);
        id
    }

    /// Parses the files `ids`, on as many threads as the machine has cores; the trees and
    /// diagnostics are the same, in the same order, as one after the other.
    fn parse_files(&mut self, ids: &[FileId], diagnostics: &mut Vec<Diagnostic>) {
        let files = &self.files;
        let parsed = parallel_map(ids, |&id| {
            let (tree, found) = parse(files.text(id), ParseOptions { file: id });
            let items = tree.items.iter().map(ast::Item::count).sum::<usize>();
            (tree, found, items)
        });
        for (&id, (mut tree, found, items)) in ids.iter().zip(parsed) {
            diagnostics.extend(found);
            self.items += items;
            self.files.set_composed(id, std::mem::take(&mut tree.composed));
            if let Some(slot) = self.asts.get_mut(id.0 as usize) {
                *slot = Some(tree);
            }
        }
    }

    /// Reads and decodes one file and registers it, with no tree yet; a file whose text is
    /// whole joins [`Workspace::pending`], to be parsed. On failure the file is still
    /// registered (so that it is read once) and never parsed.
    fn register(
        &mut self,
        loader: &dyn Loader,
        path: PathBuf,
        from: Option<Span>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> FileId {
        let display = loader.display(&path);
        let result = loader.read(&path);
        let (text, tree) = match result {
            Ok(bytes) if self.bytes + bytes.len() as u64 > MAX_WORKSPACE_SIZE => {
                let id = FileId(self.files.len() as u32);
                diagnostics.push(
                    Diagnostic::new(
                        Code::WorkspaceTooLarge,
                        from.unwrap_or(Span::new(id, 0..0)),
                        format!(
                            "`{display}` is not read: with it the workspace would hold more than {} MiB",
                            MAX_WORKSPACE_SIZE >> 20
                        ),
                    )
                    .with_label("the files read so far add up to the limit")
                    .with_help("check the folders that hold models (`journey check models/`), or split the workspace"),
                );
                (String::new(), false)
            }
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => (text, true),
                Err(error) => {
                    let at = error.utf8_error().valid_up_to() as u32;
                    let bytes = error.into_bytes();
                    let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
                    let text = String::from_utf8_lossy(&bytes).into_owned();
                    let id = FileId(self.files.len() as u32);
                    // The valid prefix is kept as it was, so `at` is a boundary in the lossy
                    // text too; the span covers the replacement character that stands there.
                    let end = text
                        .get(at as usize..)
                        .and_then(|rest| rest.chars().next())
                        .map_or(at, |c| at + c.len_utf8() as u32);
                    let span = Span::new(id, at..end);
                    diagnostics.push(
                        Diagnostic::new(Code::InvalidUtf8, span, format!("`{display}` is not UTF-8 text"))
                            .with_label(format!("byte {at} is not valid UTF-8"))
                            .with_help(if utf16 {
                                "the file is UTF-16; save it as UTF-8".to_string()
                            } else {
                                "save the file as UTF-8".to_string()
                            }),
                    );
                    (text, false)
                }
            },
            Err(error) => {
                let id = FileId(self.files.len() as u32);
                let span = from.unwrap_or(Span::new(id, 0..0));
                diagnostics.push(match error {
                    LoadError::NotFound => {
                        Diagnostic::new(Code::ImportNotFound, span, format!("cannot find `{display}`"))
                            .with_label("no file at this path")
                            .with_help("check the path: imports are relative to the importing file")
                    }
                    LoadError::TooLarge(size) => Diagnostic::new(
                        Code::FileTooLarge,
                        span,
                        format!(
                            "`{display}` is {} MiB; journey reads files up to {} MiB",
                            size >> 20,
                            MAX_FILE_SIZE >> 20
                        ),
                    )
                    .with_label("this file is too large")
                    .with_help("split the model into several files that import a shared catalog"),
                    LoadError::NotAFile(what) => Diagnostic::new(
                        Code::NotAFile,
                        span,
                        format!("`{display}` is not read: it is {what}, not a regular file"),
                    )
                    .with_label("this path does not name a regular file")
                    .with_help("journey reads regular files only; point the path at the file that holds the model"),
                    LoadError::Other(message) => {
                        Diagnostic::new(Code::ImportNotFound, span, format!("cannot read `{display}`: {message}"))
                            .with_label("this file cannot be read")
                            .with_help("check that the file exists and is readable")
                    }
                });
                (String::new(), false)
            }
        };
        self.bytes += text.len() as u64;
        let id = self.files.add(display, text);
        if tree {
            self.pending.push(id);
        }
        self.paths.push(path);
        self.asts.push(None);
        self.imports.push(Vec::new());
        id
    }

    /// Reports each group of files that import one another once, at the import that closes
    /// the shortest cycle through the file where following the imports (from the first file
    /// on) enters the group.
    fn report_cycles(&self, diagnostics: &mut Vec<Diagnostic>) {
        let imports_of = |f: FileId| self.imports.get(f.0 as usize).map_or(&[][..], Vec::as_slice);
        // The order in which a depth-first walk from each file in turn reaches the files.
        let mut reached = vec![usize::MAX; self.imports.len()];
        let mut count = 0;
        for first in 0..self.imports.len() {
            let mut stack = vec![FileId(first as u32)];
            while let Some(file) = stack.pop() {
                let Some(slot) = reached.get_mut(file.0 as usize).filter(|r| **r == usize::MAX) else { continue };
                *slot = count;
                count += 1;
                stack.extend(imports_of(file).iter().rev());
            }
        }
        for group in crate::imports::groups(&self.imports) {
            let Some(&start) = group.iter().min_by_key(|f| reached.get(f.0 as usize).copied().unwrap_or(usize::MAX))
            else {
                continue;
            };
            if group.len() == 1 && !imports_of(start).contains(&start) {
                continue;
            }
            // Breadth first from the first file, within the group, back to it.
            let mut before: HashMap<FileId, FileId> = HashMap::new();
            let mut queue = std::collections::VecDeque::from([start]);
            let mut closing = None;
            'search: while let Some(file) = queue.pop_front() {
                for (index, &target) in imports_of(file).iter().enumerate() {
                    if target == start {
                        closing = Some((file, index));
                        break 'search;
                    }
                    if group.binary_search(&target).is_ok() && !before.contains_key(&target) {
                        before.insert(target, file);
                        queue.push_back(target);
                    }
                }
            }
            let Some((last, index)) = closing else { continue };
            let mut cycle = vec![last];
            while let Some(&previous) = cycle.last().and_then(|f| before.get(f)) {
                cycle.push(previous);
            }
            if cycle.last() != Some(&start) {
                cycle.push(start);
            }
            cycle.reverse();
            cycle.push(start);
            let names: Vec<&str> = cycle.iter().map(|&f| self.files.path(f)).collect();
            let Some(span) = self.import_span(last, index) else { continue };
            let mut d = Diagnostic::new(Code::ImportCycle, span, "import cycle")
                .with_label("this import closes a cycle")
                .with_note(format!("the cycle: {}", names.join(" → ")))
                .with_help("move what the files share into a file that imports neither of them");
            if group.len() > cycle.len() - 1 {
                const SHOWN: usize = 10;
                let mut all: Vec<&str> = group.iter().take(SHOWN).map(|&f| self.files.path(f)).collect();
                if group.len() > SHOWN {
                    all.push("…");
                }
                d = d.with_note(format!(
                    "{} files import one another, in more cycles than this one: {}",
                    group.len(),
                    all.join(", ")
                ));
            }
            diagnostics.push(d);
        }
    }

    /// The span of the `index`th resolved import of `file`.
    fn import_span(&self, file: FileId, index: usize) -> Option<Span> {
        let target = *self.imports.get(file.0 as usize)?.get(index)?;
        let tree = self.asts.get(file.0 as usize)?.as_ref()?;
        let dir = self.paths.get(file.0 as usize)?.parent()?;
        let target_path = self.paths.get(target.0 as usize)?;
        let src = self.files.text(file);
        tree.imports
            .iter()
            .find(|import| &normalize(&dir.join(&*import.path.value(src))) == target_path)
            .map(|import| import.path.span)
    }

    /// The files whose items `file` sees: itself and everything it imports, transitively,
    /// sorted. (To ask for many files, [`Visibility`](crate::imports::Visibility) works them
    /// out once per group of files that import one another.)
    pub fn visible_files(&self, file: FileId) -> Vec<FileId> {
        let mut marked = vec![false; self.files.len().max(file.0 as usize + 1)];
        marked[file.0 as usize] = true;
        let mut seen = vec![file];
        let mut next = 0;
        while let Some(&current) = seen.get(next) {
            next += 1;
            for &import in self.imports.get(current.0 as usize).map_or(&[][..], Vec::as_slice) {
                if let Some(mark) = marked.get_mut(import.0 as usize).filter(|m| !**m) {
                    *mark = true;
                    seen.push(import);
                }
            }
        }
        seen.sort();
        seen
    }
}

/// Resolves `.` and `..` without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// A loader over a map of paths to texts, for tests and for documents that are not on disk.
#[derive(Clone, Debug, Default)]
pub struct MemoryLoader {
    pub files: HashMap<PathBuf, Vec<u8>>,
}

impl MemoryLoader {
    pub fn with(mut self, path: impl Into<PathBuf>, text: impl Into<Vec<u8>>) -> Self {
        self.files.insert(path.into(), text.into());
        self
    }
}

impl Loader for MemoryLoader {
    fn read(&self, path: &Path) -> Result<Vec<u8>, LoadError> {
        match self.files.get(path) {
            Some(bytes) if bytes.len() as u64 > MAX_FILE_SIZE => Err(LoadError::TooLarge(bytes.len() as u64)),
            Some(bytes) => Ok(bytes.clone()),
            None => Err(LoadError::NotFound),
        }
    }
}

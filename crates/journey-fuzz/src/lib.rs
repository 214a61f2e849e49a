//! What the fuzz targets assert, and how a fuzz input becomes a workspace. The cargo-fuzz
//! targets under `fuzz/` are one line each over the four properties here ([`check`],
//! [`fmt::round_trip`], [`emit::emit`], [`lsp::run`]); `tests/regressions.rs` runs the same
//! four over the inputs kept in `tests/fuzz-regressions/`, so a plain `cargo test` holds on to
//! every crash fuzzing found. The event-log readers have properties of their own in [`log`],
//! one per family of formats (CSV, XES, OCEL, Parquet), as have the importers ([`import`]) and
//! the preview server's answers ([`serve`]).
//!
//! An input is the text of `/fuzz/main.journey`, optionally followed by more files, each
//! introduced by a line `//@file NAME` (a comment in the language, so a multi-file input is
//! still one readable file). `NAME` may be `journey.toml`, the workspace's configuration.

pub mod emit;
pub mod fmt;
pub mod import;
pub mod log;
pub mod lsp;
pub mod serve;

use std::path::{Component, Path, PathBuf};

use journey_diagnostics::{Diagnostic, SourceFiles, render};
use journey_model::{CheckOptions, Checked, MemoryLoader};

/// The folder every fuzz workspace lives in.
pub const ROOT: &str = "/fuzz";
/// The line that starts another file in a fuzz input.
pub const FILE_MARKER: &[u8] = b"\n//@file ";
const CONFIG: &str = "journey.toml";

/// The files of a fuzz input: the main file first, then every file a marker introduces, in
/// order (a later file of the same name replaces an earlier one). An input that starts with a
/// marker names its first file itself.
pub fn split_files(data: &[u8]) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let (mut name, mut rest) = match data.strip_prefix(&FILE_MARKER[1..]) {
        Some(named) => name_line(named),
        None => (PathBuf::from("main.journey"), data),
    };
    loop {
        let (text, next) = match find(rest, FILE_MARKER) {
            Some(at) => (&rest[..at], Some(&rest[at + FILE_MARKER.len()..])),
            None => (rest, None),
        };
        let path = Path::new(ROOT).join(&name);
        files.retain(|(p, _)| *p != path);
        files.push((path, text.to_vec()));
        let Some(next) = next else { break };
        (name, rest) = name_line(next);
    }
    files
}

/// The name at the start of a marker's line, and what follows the line.
fn name_line(bytes: &[u8]) -> (PathBuf, &[u8]) {
    let end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    (clean_name(&bytes[..end]), bytes.get(end + 1..).unwrap_or(&[]))
}

/// A relative path made of plain components, so that every file stays under [`ROOT`] (imports
/// may still try to leave it: that is the checker's business).
fn clean_name(raw: &[u8]) -> PathBuf {
    let raw = String::from_utf8_lossy(raw);
    let kept: String =
        raw.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')).take(64).collect();
    let path: PathBuf = Path::new(&kept).components().filter(|c| matches!(c, Component::Normal(_))).collect();
    if path.as_os_str().is_empty() { PathBuf::from("file.journey") } else { path }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Checks the files as the CLI checks a folder: every journey file is a root, and
/// `journey.toml` at the root is the configuration.
pub fn check_files(files: &[(PathBuf, Vec<u8>)]) -> Checked {
    let mut loader = MemoryLoader::default();
    let mut roots = Vec::new();
    let mut config = None;
    let config_path = Path::new(ROOT).join(CONFIG);
    for (path, bytes) in files {
        if *path == config_path {
            config = Some((CONFIG.to_string(), String::from_utf8_lossy(bytes).into_owned()));
            continue;
        }
        loader.files.insert(path.clone(), bytes.clone());
        if path.extension().is_some_and(|e| e == "journey") {
            roots.push(path.clone());
        }
    }
    roots.sort();
    journey_model::check(&loader, &roots, &CheckOptions { root_dir: ROOT.into(), config })
}

/// Target `check`: any bytes go through load, lex, parse, lower and the rules, and every
/// renderer prints the diagnostics, without a panic; every label lies inside its file.
pub fn check(data: &[u8]) {
    let checked = check_files(&split_files(data));
    assert_spans_inside(checked.files(), &checked.diagnostics);
    render_all(checked.files(), &checked.diagnostics);
}

/// Every renderer of `journey-diagnostics`. The human one (ariadne, the dearest by far) runs
/// once, in colour or not as the diagnostics' count says, so that both paths are taken.
pub fn render_all(files: &SourceFiles, diagnostics: &[Diagnostic]) {
    let color = diagnostics.len() % 2 == 1;
    let human = render::human(files, diagnostics, render::HumanOptions { color });
    let short = render::short(files, diagnostics);
    let json = render::json(files, diagnostics);
    let sarif = render::sarif(files, diagnostics, "0.0.0");
    let github = render::github(files, diagnostics);
    let _ = render::summary(diagnostics);
    // Each renderer says something about each diagnostic; the machine formats are made by
    // serde_json, whose only failure is an empty string here.
    if !diagnostics.is_empty() {
        for (name, text) in [("human", &human), ("short", &short), ("github", &github)] {
            assert!(!text.is_empty(), "the {name} renderer printed nothing for {} diagnostics", diagnostics.len());
        }
    }
    assert!(!json.is_empty() && !sarif.is_empty(), "a machine format failed to serialize");
}

/// Every label of every diagnostic points into its file, on character boundaries.
pub fn assert_spans_inside(files: &SourceFiles, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let text = files.text(label.span.file);
            let (start, end) = (label.span.start as usize, label.span.end as usize);
            assert!(start <= end && end <= text.len(), "label out of its file: {d:?}");
            assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "label splits a character: {d:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_split_into_files() {
        let files =
            split_files(b"lane a \"A\"\n//@file ../sub/x.journey\nsystem s \"S\"\n//@file journey.toml\n[rules]\n");
        let names: Vec<_> = files.iter().map(|(p, _)| p.to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["/fuzz/main.journey", "/fuzz/sub/x.journey", "/fuzz/journey.toml"]);
        assert_eq!(files[0].1, b"lane a \"A\"");
        assert_eq!(files[1].1, b"system s \"S\"");
        assert_eq!(files[2].1, b"[rules]\n");
        assert_eq!(split_files(b"").len(), 1);
        let named = split_files(b"//@file a.journey\nimport \"b.journey\"\n//@file b.journey\n");
        let names: Vec<_> = named.iter().map(|(p, _)| p.to_string_lossy().into_owned()).collect();
        assert_eq!(names, ["/fuzz/a.journey", "/fuzz/b.journey"]);
    }
}

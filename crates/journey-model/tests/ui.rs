//! The UI test harness: every folder under `tests/ui/` is a workspace whose `.journey` files
//! are checked together (with the folder's `journey.toml`, if any), and the diagnostics must be
//! exactly the ones written in the files as annotations:
//!
//! ```text
//! step ask "Ask" at phnoe
//! //                ^^^^^ error[J0201]: no touchpoint named `phnoe`
//! ```
//!
//! An annotation points at the nearest line above it that is not an annotation. The carets
//! stand under the diagnostic's span (start column and length, in characters). Where carets
//! cannot reach (a span in the first two columns, or an empty one) write `// @COL` with the
//! one-based start column instead: `// @1 error[J0001]: expected …`. The message after the
//! colon must match exactly. In `journey.toml` annotations are TOML comments (`# ^^^ …`).
//! Files in subfolders of a case belong to it and are read only through imports. Adding a case
//! is adding a file.
//!
//! A line `// @mistake` among the annotations marks the line above as the one the user must
//! edit. The cases under `tests/ui/realistic/` each hold one classic mistake in a realistic
//! model, marked so; [`realistic_mistakes`] measures on them how often the first error stands
//! on that line and how many diagnostics one mistake gives, and fails below the targets.

use std::path::{Path, PathBuf};

use journey_diagnostics::{Diagnostic, Severity};
use journey_model::{CheckOptions, MemoryLoader, check};

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Expected {
    file: String,
    line: u32,
    col: u32,
    /// In characters; `None` when written with `@`.
    len: Option<u32>,
    severity: String,
    code: String,
    message: String,
}

fn parse_annotation(line: &str, marker: &str) -> Option<(u32, Option<u32>, String, String, String)> {
    let start = line.find(marker)?;
    let rest = line.get(start + marker.len()..)?;
    let trimmed = rest.trim_start();
    let (col, len, tail) = if let Some(after) = trimmed.strip_prefix('@') {
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        let col: u32 = digits.parse().ok()?;
        (col, None, after.get(digits.len()..)?.trim_start())
    } else if trimmed.starts_with('^') {
        let caret_at = line.find('^')?;
        let carets = line.get(caret_at..)?.chars().take_while(|&c| c == '^').count();
        let col = line.get(..caret_at)?.chars().count() as u32 + 1;
        (col, Some(carets as u32), line.get(caret_at + carets..)?.trim_start())
    } else {
        return None;
    };
    let (severity, after) = tail.split_once('[')?;
    if severity != "error" && severity != "warning" {
        return None;
    }
    let (code, after) = after.split_once("]: ")?;
    Some((col, len, severity.to_string(), code.to_string(), after.trim_end().to_string()))
}

/// Where a case says the user must edit: a file and a one-based line.
type Mark = (String, u32);

const MISTAKE: &str = "// @mistake";

fn expectations(file: &str, text: &str) -> Vec<Expected> {
    annotations(file, text).0
}

/// The expected diagnostics of a file, and the lines marked as the mistake.
fn annotations(file: &str, text: &str) -> (Vec<Expected>, Vec<Mark>) {
    let marker = if file.ends_with(".toml") { "#" } else { "//" };
    let mut out = Vec::new();
    let mut marks = Vec::new();
    let mut target_line = 0u32;
    for (index, line) in text.lines().enumerate() {
        if line.trim() == MISTAKE {
            marks.push((file.to_string(), target_line));
            continue;
        }
        match parse_annotation(line, marker) {
            Some((col, len, severity, code, message)) => {
                out.push(Expected { file: file.to_string(), line: target_line, col, len, severity, code, message })
            }
            None => target_line = index as u32 + 1,
        }
    }
    (out, marks)
}

fn actual(checked: &journey_model::Checked, d: &Diagnostic, with_len: bool) -> Expected {
    let files = checked.files();
    let span = d.primary.span;
    let start = files.position(span.file, span.start);
    let text = files.text(span.file);
    let len = text.get(span.start as usize..span.end as usize).map_or(0, |s| s.chars().count() as u32);
    Expected {
        file: Path::new(files.path(span.file)).file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned()),
        line: start.line,
        col: start.col,
        len: with_len.then_some(len),
        severity: match d.severity {
            Severity::Error => "error".into(),
            Severity::Warning => "warning".into(),
        },
        code: d.code.id().to_string(),
        message: d.message.clone(),
    }
}

fn folders(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    if entries.iter().any(|p| p.extension().is_some_and(|e| e == "journey")) {
        // A case: its subfolders are part of it.
        out.push(dir.to_path_buf());
        return;
    }
    for path in entries.into_iter().filter(|p| p.is_dir()) {
        folders(&path, out);
    }
}

/// A case checked: what it reported, what it expects, and the lines marked as the mistake.
struct Case {
    checked: journey_model::Checked,
    expected: Vec<Expected>,
    marks: Vec<Mark>,
}

fn check_folder(dir: &Path) -> Result<Case, String> {
    let mut loader = MemoryLoader::default();
    let mut roots = Vec::new();
    let mut expected = Vec::new();
    let mut marks = Vec::new();
    let mut names: Vec<PathBuf> =
        std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten().map(|e| e.path()).collect();
    names.sort();
    let virtual_root = PathBuf::from("/ui");
    for path in names.iter().filter(|p| p.extension().is_some_and(|e| e == "journey")) {
        let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
        let name = path.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let (found, marked) = annotations(&name, &String::from_utf8_lossy(&bytes));
        expected.extend(found);
        marks.extend(marked);
        let at = virtual_root.join(&name);
        loader.files.insert(at.clone(), bytes);
        roots.push(at);
    }
    // Files a case imports from its subfolders are loaded too (but checked only through imports).
    let mut stack: Vec<PathBuf> = names.iter().filter(|p| p.is_dir()).cloned().collect();
    while let Some(sub) = stack.pop() {
        for entry in std::fs::read_dir(&sub).map_err(|e| e.to_string())?.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(dir).map_err(|e| e.to_string())?;
            loader.files.insert(virtual_root.join(rel), std::fs::read(&path).map_err(|e| e.to_string())?);
        }
    }
    let config = std::fs::read_to_string(dir.join("journey.toml")).ok().map(|text| ("journey.toml".to_string(), text));
    if let Some((name, text)) = &config {
        expected.extend(expectations(name, text));
    }
    let checked = check(&loader, &roots, &CheckOptions { root_dir: virtual_root, config });
    Ok(Case { checked, expected, marks })
}

fn run_folder(dir: &Path) -> Result<usize, String> {
    let Case { checked, expected, .. } = check_folder(dir)?;
    let mut found: Vec<Expected> = Vec::new();
    let mut unmatched: Vec<Expected> = Vec::new();
    let mut remaining = expected.clone();
    for d in &checked.diagnostics {
        let with_len = actual(&checked, d, true);
        let without = actual(&checked, d, false);
        if let Some(i) = remaining.iter().position(|e| *e == with_len || *e == without) {
            remaining.remove(i);
            found.push(with_len);
        } else {
            unmatched.push(with_len);
        }
    }
    if remaining.is_empty() && unmatched.is_empty() {
        return Ok(found.len());
    }
    let show = |e: &Expected| {
        let carets = e.len.map_or(String::new(), |l| format!(" len {l}"));
        format!("  {}:{}:{}{carets} {}[{}]: {}", e.file, e.line, e.col, e.severity, e.code, e.message)
    };
    let mut report = format!("{}:\n", dir.display());
    if !remaining.is_empty() {
        report.push_str(" expected but not reported:\n");
        report.extend(remaining.iter().map(|e| show(e) + "\n"));
    }
    if !unmatched.is_empty() {
        report.push_str(" reported but not expected:\n");
        report.extend(unmatched.iter().map(|e| show(e) + "\n"));
    }
    Err(report)
}

#[test]
fn ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/ui");
    let mut dirs = Vec::new();
    folders(&root, &mut dirs);
    assert!(!dirs.is_empty(), "no UI cases under {}", root.display());
    let mut failures = Vec::new();
    let mut total = 0;
    for dir in &dirs {
        match run_folder(dir) {
            Ok(n) => total += n,
            Err(report) => failures.push(report),
        }
    }
    assert!(failures.is_empty(), "{} of {} UI folders failed:\n{}", failures.len(), dirs.len(), failures.join("\n"));
    assert!(total > 0, "the UI cases expect no diagnostics at all");
}

/// The ten classic mistakes every realistic model has a broken variant of, as the suffixes of
/// the variants' folders.
const MISTAKES: [&str; 10] = [
    "misspelt-reference",
    "missing-brace",
    "unknown-flow-target",
    "shares-not-100",
    "emotion-out-of-range",
    "duplicate-id",
    "unterminated-string",
    "no-touchpoint",
    "missing-import",
    "scenario-missing-step",
];

/// On at least this share of the broken variants the first error stands on a marked line.
const FIRST_ERROR_ON_THE_LINE: f64 = 0.95;
/// At most this many diagnostics per mistake, on average over the variants.
const DIAGNOSTICS_PER_MISTAKE: f64 = 1.5;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Each realistic model is clean, and has a broken variant for each classic mistake.
#[test]
fn realistic_models() {
    let mut models: Vec<PathBuf> = std::fs::read_dir(repo().join("tests/realistic"))
        .expect("tests/realistic/")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "journey"))
        .collect();
    models.extend(["hotel", "clinic"].map(|name| repo().join(format!("examples/{name}.journey"))));
    models.sort();
    assert!(models.len() >= 6, "six realistic models: {models:?}");
    for path in &models {
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let at = Path::new("/realistic").join(format!("{stem}.journey"));
        let checked = journey_model::check_text(&at, &std::fs::read_to_string(path).expect("model"));
        assert!(checked.diagnostics.is_empty(), "{} is not clean: {:#?}", path.display(), checked.diagnostics);
        for mistake in MISTAKES {
            let case = repo().join(format!("tests/ui/realistic/{stem}-{mistake}"));
            assert!(case.is_dir(), "{} has no broken variant `{}`", path.display(), case.display());
        }
    }
}

/// Measures the diagnostics on the realistic broken models: the share of files whose first
/// error stands on a line marked `// @mistake`, and the diagnostics per mistake (each variant
/// holds one). Fails below the targets.
#[test]
fn realistic_mistakes() {
    let mut dirs = Vec::new();
    folders(&repo().join("tests/ui/realistic"), &mut dirs);
    assert!(dirs.len() >= 120, "two broken variants of each of ten mistakes in six models, found {}", dirs.len());
    let (mut on_the_line, mut diagnostics) = (0usize, 0usize);
    let mut report = String::new();
    for dir in &dirs {
        let case = check_folder(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        assert!(!case.marks.is_empty(), "{} marks no line `{MISTAKE}`", dir.display());
        let first = case.checked.diagnostics.iter().find(|d| d.is_error());
        let at = first.map(|d| {
            let found = actual(&case.checked, d, false);
            (found.file.clone(), found.line, found)
        });
        let hit = at.as_ref().is_some_and(|(file, line, _)| case.marks.contains(&(file.clone(), *line)));
        on_the_line += usize::from(hit);
        diagnostics += case.checked.diagnostics.len();
        let name = dir.file_name().map_or(String::new(), |n| n.to_string_lossy().into_owned());
        let first = at.map_or("no error".to_string(), |(file, line, e)| format!("{file}:{line} {}", e.code));
        report.push_str(&format!(
            "  {name:<40} {:>2} diagnostics, first error {first}{}\n",
            case.checked.diagnostics.len(),
            if hit { "" } else { "  <- not on the marked line" }
        ));
    }
    let share = on_the_line as f64 / dirs.len() as f64;
    let per_mistake = diagnostics as f64 / dirs.len() as f64;
    let summary = format!(
        "{report}first error on the line to edit: {on_the_line} of {} files ({:.1}%, target {:.0}%); diagnostics per mistake: {per_mistake:.2} (target at most {DIAGNOSTICS_PER_MISTAKE})",
        dirs.len(),
        share * 100.0,
        FIRST_ERROR_ON_THE_LINE * 100.0,
    );
    println!("{summary}");
    assert!(share >= FIRST_ERROR_ON_THE_LINE && per_mistake <= DIAGNOSTICS_PER_MISTAKE, "{summary}");
}

#[test]
fn annotations_parse() {
    let text = "step a \"A\" at phnoe\n//             ^^^^^ error[J0201]: no touchpoint named `phnoe`\n// @1 warning[J0403]: x\n";
    let found = expectations("f.journey", text);
    let toml = expectations("journey.toml", "[rules]\nbogus = 1\n# @1 error[J0801]: unknown rule `bogus`\n");
    assert_eq!((toml[0].line, toml[0].col, toml[0].len), (2, 1, None));
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].line, found[0].col, found[0].len), (1, 16, Some(5)));
    assert_eq!((found[1].line, found[1].col, found[1].len), (1, 1, None));
}

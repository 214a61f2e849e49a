//! The formatter: idempotent, never changes the model, keeps every comment, refuses files that
//! do not parse, and writes atomically.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use journey_diagnostics::FileId;
use journey_model::{CheckOptions, MemoryLoader, check};
use journey_syntax::{ParseOptions, format::format, parse};
use proptest::prelude::*;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fmt(text: &str) -> Option<String> {
    let (ast, diagnostics) = parse(text, ParseOptions { file: FileId(0) });
    diagnostics.is_empty().then(|| format(text, &ast))
}

/// What the files mean, not where (positions left out).
fn meaning(files: &[(PathBuf, String)]) -> serde_json::Value {
    let mut loader = MemoryLoader::default();
    for (path, text) in files {
        loader.files.insert(path.clone(), text.clone().into_bytes());
    }
    let roots: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    journey_fuzz::fmt::meaning(&check(&loader, &roots, &CheckOptions { root_dir: "/m".into(), config: None }))
}

fn example_files() -> Vec<(PathBuf, String)> {
    let root = std::fs::canonicalize(repo().join("examples")).expect("examples");
    let mut out = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "journey") {
                let rel = path.strip_prefix(&root).expect("inside").to_path_buf();
                out.push((Path::new("/m").join(rel), std::fs::read_to_string(&path).expect("text")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn examples_are_formatted_idempotent_and_keep_their_meaning() {
    let files = example_files();
    let formatted: Vec<(PathBuf, String)> =
        files.iter().map(|(p, t)| (p.clone(), fmt(t).unwrap_or_else(|| panic!("{} parses", p.display())))).collect();
    for ((path, text), (_, once)) in files.iter().zip(&formatted) {
        assert_eq!(text, once, "{} is not in the canonical layout: run `journey fmt examples`", path.display());
        assert_eq!(fmt(once).as_deref(), Some(once.as_str()), "{} formats idempotently", path.display());
    }
    assert_eq!(meaning(&files), meaning(&formatted));
}

/// Line width is counted in the columns an editor shows, not in bytes: a label in Japanese
/// (three bytes a character, two columns) or with accents (two bytes, one column) fits where
/// its characters fit, and the percentages of flows line up on screen.
#[test]
fn lines_are_measured_as_editors_show_them() {
    // 20 characters of two columns each (60 bytes) and 60 accented letters of one (120 bytes):
    // each line is under 100 columns and over 100 bytes.
    let japanese = "窓口".repeat(10);
    let accented = "é".repeat(60);
    let text = format!(
        "lane counter \"{japanese}\" {{ owner: \"Head of the counters\" }}\n\
         lane desk \"{accented}\" {{ owner: \"Desk\" }}\n\
         journey j \"J\" {{\n  step café \"C\" {{ alone: true }}\n  step b \"B\" {{ alone: true }}\n  step c \"C\" {{ alone: true }}\n  \
         café -> b 40%\n  b -> c 60%\n  café -> c 60%\n}}\n"
    );
    let once = fmt(&text).expect("parses");
    assert!(once.contains(&format!("lane counter \"{japanese}\" {{ owner: \"Head of the counters\" }}\n")), "{once}");
    assert!(once.contains(&format!("lane desk \"{accented}\" {{ owner: \"Desk\" }}\n")), "{once}");
    // `café -> b` is nine columns (ten bytes): the percentages stand in one column.
    assert!(once.contains("  café -> b  40%\n  b -> c     60%\n  café -> c  60%\n"), "{once}");
    assert_eq!(fmt(&once).as_deref(), Some(once.as_str()));
}

#[test]
fn every_comment_is_kept_once() {
    let text = "// head\n\n/// doc\nlane a \"A\" // after lane\nsystem s \"S\" { // after brace\n  kind: erp // after field\n  // before close\n}\njourney j \"J\" {\n  step x \"X\" at t\n  step y \"Y\" at t\n  x -> y 100% // after flow\n  // last\n}\ntouchpoint t \"T\" { uses: s  lane: a }\n// end\n";
    let once = fmt(text).expect("parses");
    for comment in [
        "// head",
        "/// doc",
        "// after lane",
        "// after brace",
        "// after field",
        "// before close",
        "// after flow",
        "// last",
        "// end",
    ] {
        assert_eq!(once.matches(comment).count(), 1, "{comment} in:\n{once}");
    }
    assert_eq!(fmt(&once).as_deref(), Some(once.as_str()));
    let path = PathBuf::from("/m/a.journey");
    assert_eq!(meaning(&[(path.clone(), text.to_string())]), meaning(&[(path, once)]));
}

#[test]
fn the_canonical_layout() {
    let text = "lane   a   \"A\"{owner:\"x\"}\njourney j \"J\" { step a \"A\" at t { emotion: +1 duration: 2min }\n step b \"B\" at t\n a->b 100% \"go\"\n b -> a\n}\n";
    let expected = "lane a \"A\" { owner: \"x\" }\n\njourney j \"J\" {\n  step a \"A\" at t { emotion: +1  duration: 2min }\n  step b \"B\" at t\n  a -> b  100%  \"go\"\n  b -> a\n}\n";
    assert_eq!(fmt(text).as_deref(), Some(expected));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Mutated examples that still parse format idempotently and keep their meaning.
    #[test]
    fn generated_inputs_round_trip(which in any::<usize>(), cuts in proptest::collection::vec((any::<usize>(), 0usize..40), 1..4)) {
        let files = example_files();
        let (path, text) = &files[which % files.len()];
        let mut lines: Vec<&str> = text.lines().collect();
        for (at, len) in cuts {
            if lines.is_empty() { break; }
            let at = at % lines.len();
            let end = (at + len % 5).min(lines.len());
            lines.drain(at..end);
        }
        let mutated = lines.join("\n");
        if let Some(once) = fmt(&mutated) {
            let twice = fmt(&once);
            prop_assert_eq!(twice.as_deref(), Some(once.as_str()));
            prop_assert_eq!(meaning(&[(path.clone(), mutated.clone())]), meaning(&[(path.clone(), once)]));
        }
    }
}

fn journey(dir: &Path, args: &[&str], stdin: &[u8]) -> std::process::Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    child.stdin.take().expect("stdin").write_all(stdin).expect("written");
    child.wait_with_output().expect("finishes")
}

#[test]
fn the_command_checks_writes_and_refuses() {
    let dir = support::temp_dir("fmt", "command");
    let messy = "lane a \"A\"   {owner: \"x\"}\n";
    let broken = "lane a \"A\" { owner: }\n";
    std::fs::write(dir.join("messy.journey"), messy).expect("write");
    std::fs::write(dir.join("broken.journey"), broken).expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.join("messy.journey"), std::fs::Permissions::from_mode(0o640)).expect("chmod");
    }

    let check = journey(&dir, &["fmt", "--check", "messy.journey"], b"");
    assert_eq!(check.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&check.stdout), "messy.journey\n");
    assert_eq!(std::fs::read_to_string(dir.join("messy.journey")).expect("read"), messy, "--check changes nothing");

    let diff = journey(&dir, &["fmt", "--diff", "messy.journey"], b"");
    assert!(String::from_utf8_lossy(&diff.stdout).contains("+lane a \"A\" { owner: \"x\" }"));

    let refused = journey(&dir, &["fmt", "."], b"");
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("cannot format broken.journey: it does not parse"));
    assert_eq!(
        std::fs::read_to_string(dir.join("broken.journey")).expect("read"),
        broken,
        "a broken file is never written"
    );
    assert_eq!(std::fs::read_to_string(dir.join("messy.journey")).expect("read"), "lane a \"A\" { owner: \"x\" }\n");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("messy.journey")).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o640, "permissions are kept");
    }
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .expect("read")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());

    let piped = journey(&dir, &["fmt", "-"], messy.as_bytes());
    assert_eq!(String::from_utf8_lossy(&piped.stdout), "lane a \"A\" { owner: \"x\" }\n");
    let clean = journey(&repo(), &["fmt", "--check", "examples"], b"");
    assert_eq!(clean.status.code(), Some(0), "{}", String::from_utf8_lossy(&clean.stdout));
}

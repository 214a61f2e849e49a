//! Property tests: any bytes, and any mutation of a real model, go through lex → parse → lower
//! → check and every renderer without a panic, and the diagnostics stay inside their files.

use std::path::Path;

use journey_diagnostics::{Diagnostic, SourceFiles, render};
use journey_model::{CheckOptions, MemoryLoader, check};
use proptest::prelude::*;

fn examples() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(dir).expect("examples").flatten() {
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            texts.push(text);
        }
    }
    texts.sort();
    texts
}

fn check_bytes(bytes: &[u8]) {
    let path = Path::new("/fuzz/input.journey");
    let loader = MemoryLoader::default()
        .with(path, bytes.to_vec())
        .with("/fuzz/catalog.journey", "lane sales \"Sales\"\nsystem crm \"CRM\"\n");
    let checked = check(&loader, &[path.to_path_buf()], &CheckOptions { root_dir: "/fuzz".into(), config: None });
    assert_spans_inside(checked.files(), &checked.diagnostics);
    let files = checked.files();
    let _ = render::human(files, &checked.diagnostics, render::HumanOptions { color: true });
    let _ = render::short(files, &checked.diagnostics);
    let _ = render::json(files, &checked.diagnostics);
    let _ = render::sarif(files, &checked.diagnostics, "0");
    let _ = render::github(files, &checked.diagnostics);
}

fn assert_spans_inside(files: &SourceFiles, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        for label in std::iter::once(&d.primary).chain(&d.secondary) {
            let text = files.text(label.span.file);
            assert!(label.span.start <= label.span.end, "{d:?}");
            assert!(label.span.end as usize <= text.len(), "{d:?}");
            assert!(
                text.is_char_boundary(label.span.start as usize) && text.is_char_boundary(label.span.end as usize),
                "{d:?}"
            );
        }
    }
}

/// Pieces of the language, so that random text gets past the lexer often.
const PIECES: &[&str] = &[
    "lane ",
    "system ",
    "touchpoint ",
    "journey ",
    "stage ",
    "step ",
    "risk ",
    "scenario ",
    "experience ",
    "segment ",
    "procedure ",
    "import ",
    "remove ",
    " at ",
    " on ",
    "{",
    "}",
    "{ ",
    " }",
    "\"x\"",
    "\"",
    "a",
    "b",
    "web",
    "->",
    "30%",
    "+1",
    "-3",
    "15min",
    "4.50 EUR",
    "12000 / month",
    ",",
    "lane:",
    "at:",
    "emotion:",
    "uses:",
    "recovery:",
    "chance:",
    "entry:",
    "end:",
    "true",
    "<=",
    ">=",
    "contacts",
    "\n",
    " ",
    "//",
    "///",
    "\\",
    "é",
    "😀",
    "\u{202e}",
    "\0",
];

fn assemble(indices: &[usize]) -> String {
    indices.iter().map(|&i| PIECES[i % PIECES.len()]).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        check_bytes(&bytes);
    }

    #[test]
    fn random_token_soup(indices in proptest::collection::vec(any::<usize>(), 0..200)) {
        check_bytes(assemble(&indices).as_bytes());
    }

    #[test]
    fn mutated_examples(which in any::<usize>(), edits in proptest::collection::vec((any::<usize>(), any::<usize>(), 0usize..3), 1..8)) {
        let examples = examples();
        let mut text = examples[which % examples.len()].clone().into_bytes();
        for (at, piece, op) in edits {
            let at = if text.is_empty() { 0 } else { at % text.len() };
            match op {
                // Delete a run of bytes.
                0 => { let end = (at + piece % 16).min(text.len()); text.drain(at..end); }
                // Insert a piece of the language.
                1 => { let p = PIECES[piece % PIECES.len()].as_bytes(); text.splice(at..at, p.iter().copied()); }
                // Duplicate a run (repeats ids, items and braces).
                _ => { let end = (at + piece % 64).min(text.len()); let run: Vec<u8> = text[at..end].to_vec(); text.splice(at..at, run); }
            }
        }
        check_bytes(&text);
    }
}

#[test]
fn every_example_checks_clean_through_the_api() {
    let dir = std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")).expect("examples");
    let checked = {
        let mut loader = MemoryLoader::default();
        let mut roots = Vec::new();
        let mut stack = vec![dir.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("read").flatten() {
                let p = entry.path();
                if p.is_dir() {
                    stack.push(p);
                } else if p.extension().is_some_and(|e| e == "journey") {
                    loader.files.insert(p.clone(), std::fs::read(&p).expect("read"));
                    roots.push(p);
                }
            }
        }
        roots.sort();
        check(&loader, &roots, &CheckOptions { root_dir: dir, config: None })
    };
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    assert!(checked.model.journeys.len() >= 8);
    assert!(!checked.model.scenarios.is_empty());
}

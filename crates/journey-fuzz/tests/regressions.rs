//! The inputs kept in `tests/fuzz-regressions/` (crashes fuzzing found, and hostile inputs
//! worth keeping) through every property the fuzz targets assert. An input's name starts with
//! the target that found it, but every input goes through every property: a crash of one
//! phase is a good input for the others.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// Every kept input, by name.
fn inputs() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz-regressions");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter(|e| e.path().is_file() && e.path().extension().is_none_or(|x| x != "md"))
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).expect("readable")))
        .collect();
    out.sort();
    assert!(out.len() >= 7, "the kept inputs are missing from {}", dir.display());
    out
}

/// Runs `property` on every input and names every input that fails, not only the first.
fn each_input(property: fn(&[u8])) {
    let failures: Vec<String> = inputs()
        .into_iter()
        .filter_map(|(name, data)| catch_unwind(AssertUnwindSafe(|| property(&data))).err().map(|_| name))
        .collect();
    assert!(failures.is_empty(), "fuzz regressions failing (see the panics above): {failures:?}");
}

#[test]
fn the_check_and_every_renderer() {
    each_input(journey_fuzz::check);
}

#[test]
fn the_formatter_round_trip() {
    each_input(journey_fuzz::fmt::round_trip);
}

#[test]
fn every_drawing_and_export() {
    each_input(journey_fuzz::emit::emit);
}

#[test]
fn edits_and_editor_features() {
    each_input(journey_fuzz::lsp::run);
}

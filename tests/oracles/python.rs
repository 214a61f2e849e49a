//! The Python of the oracles (`tests/oracles/install` makes it), for the tests that hand our
//! output to a Python tool: included by path (`#[path = …] mod python;`) where needed.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The oracles' Python, if it can import `module`; else `None` with a line saying the test is
/// skipped, or, under `JOURNEY_REQUIRE_ORACLES=1`, a failure naming the missing `tool`.
pub fn with(module: &str, tool: &str) -> Option<PathBuf> {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/oracles/venv/bin/python");
    let works =
        Command::new(&python).args(["-c", &format!("import {module}")]).output().is_ok_and(|o| o.status.success());
    let found = works.then_some(python);
    if found.is_none() {
        assert!(
            std::env::var("JOURNEY_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "the {tool} oracle is missing: run tests/oracles/install"
        );
        eprintln!("skipped: {tool} is not installed (tests/oracles/install)");
    }
    found
}

//! Mermaid as a judge: `tests/oracles/read-mermaid-journey.mjs` prints what Mermaid's own
//! parser reads from user-journey diagrams. A missing oracle skips its test, unless
//! `JOURNEY_REQUIRE_ORACLES=1` makes it fail.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn oracles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/oracles")
}

pub fn mermaid_installed() -> bool {
    let installed = |name: &str| oracles().join("node_modules").join(name).join("package.json").exists();
    installed("mermaid")
        && installed("jsdom")
        && Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success())
}

pub fn require(installed: bool, what: &str) -> bool {
    if !installed {
        assert!(
            std::env::var("JOURNEY_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "the {what} oracle is missing: run tests/oracles/install"
        );
        eprintln!("skipped: the {what} oracle is not installed (tests/oracles/install)");
    }
    installed
}

/// What Mermaid reads from each file, by path; `Err` with Mermaid's words when any file does
/// not parse.
pub fn read_mermaid_journeys(files: &[PathBuf]) -> Result<BTreeMap<String, Value>, String> {
    let out =
        Command::new("node").arg(oracles().join("read-mermaid-journey.mjs")).args(files).output().expect("node runs");
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.status.success() {
        return Err(format!("{said}{}", String::from_utf8_lossy(&out.stderr)));
    }
    serde_json::from_str(&said).map_err(|e| format!("{e}: {said}"))
}

/// Mermaid's tasks as (section, task, score, actors), names trimmed and empty actors left out.
pub fn tasks(read: &Value) -> Vec<(String, String, f64, Vec<String>)> {
    let text = |v: &Value| v.as_str().unwrap_or("").trim().to_string();
    read["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|t| {
            let people =
                t["people"].as_array().map_or(Vec::new(), |p| p.iter().map(text).filter(|p| !p.is_empty()).collect());
            (text(&t["section"]), text(&t["task"]), t["score"].as_f64().unwrap_or(f64::NAN), people)
        })
        .collect()
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("journey-import-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

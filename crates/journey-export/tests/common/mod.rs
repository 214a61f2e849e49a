//! What the export tests share: the examples, checked as the CLI checks them, every journey
//! in them, every export of a journey, and the oracles' whereabouts.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use journey_model::ir::{JourneyId, Model, Variant};
use journey_model::{CheckOptions, MemoryLoader, check};

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Each example workspace, by name: the single files, and the multi-file one checked whole.
pub fn examples() -> Vec<(String, Model)> {
    let dir = repo().join("examples");
    let mut sets: Vec<(String, Vec<PathBuf>)> = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "journey"))
        .collect();
    files.sort();
    for file in files {
        let name = file.file_stem().expect("stem").to_string_lossy().into_owned();
        sets.push((name, vec![file]));
    }
    let mut multi: Vec<PathBuf> = std::fs::read_dir(dir.join("multi-file"))
        .expect("examples/multi-file/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "journey"))
        .collect();
    multi.sort();
    sets.push(("multi-file".into(), multi));
    sets.into_iter()
        .map(|(name, paths)| {
            // The files are read from disk but named under a fixed root, so that nothing in the
            // outputs depends on where the repository is.
            let root = PathBuf::from("/examples");
            let mut loader = MemoryLoader::default();
            let mut roots = Vec::new();
            for path in &paths {
                let rel = path.strip_prefix(&dir).expect("under examples/");
                let text = std::fs::read(path).expect("example");
                loader = loader.with(root.join(rel), text);
                roots.push(root.join(rel));
            }
            let checked = check(&loader, &roots, &CheckOptions { root_dir: root, config: None });
            assert!(!checked.has_errors(), "{name} has errors: {:#?}", checked.diagnostics);
            (name, checked.model)
        })
        .collect()
}

/// Every journey of a model (baselines, competitors' and scenarios' versions), with a name for
/// files and snapshots: `index-id`, and the scenario's id for a scenario's version.
pub fn journeys(model: &Model) -> Vec<(JourneyId, String)> {
    model
        .journeys
        .iter()
        .enumerate()
        .map(|(i, j)| {
            let name = match j.variant {
                Variant::Base => format!("{i}-{}", j.decl.id),
                Variant::Scenario { scenario, .. } => {
                    let s = model.scenarios.get(scenario.index()).map_or("scenario", |s| s.decl.id.as_str());
                    format!("{i}-{}-scenario-{s}", j.decl.id)
                }
            };
            (JourneyId(i as u32), name)
        })
        .collect()
}

/// A diagram export of one journey.
pub type Export = fn(&Model, JourneyId) -> String;

/// The diagram exports, by file extension.
pub const DIAGRAMS: [(&str, Export); 6] = [
    ("journey.mmd", journey_export::mermaid_journey),
    ("flowchart.mmd", journey_export::mermaid_flowchart),
    ("dot", journey_export::dot),
    ("puml", journey_export::plantuml),
    ("bpmn", journey_export::bpmn),
    ("drawio", journey_export::drawio),
];

pub fn oracles() -> PathBuf {
    repo().join("tests/oracles")
}

/// Whether a command runs at all.
pub fn runs(program: &str, args: &[&str]) -> bool {
    Command::new(program).args(args).output().is_ok_and(|o| o.status.success())
}

/// Whether the npm package `name` is installed in `tests/oracles`, with Node.
pub fn node_package(name: &str) -> bool {
    oracles().join("node_modules").join(name).join("package.json").exists() && runs("node", &["--version"])
}

/// A missing oracle skips its test, unless `JOURNEY_REQUIRE_ORACLES=1` makes it fail.
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

/// A fresh directory for one test's files.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("journey-export-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

// The real tools as functions: each takes files and returns Err with the tool's words when
// the tool rejects any of them (or warns about them). Included by the oracle and property tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn oracles_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/oracles")
}

fn said(out: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr))
}

fn node(script: &str, args: &[PathBuf]) -> Result<(), String> {
    let out = Command::new("node").arg(oracles_dir().join(script)).args(args).output().expect("node runs");
    if out.status.success() { Ok(()) } else { Err(said(&out)) }
}

pub fn mermaid(files: &[PathBuf]) -> Result<(), String> {
    node("check-mermaid.mjs", files)
}

pub fn bpmn(files: &[PathBuf]) -> Result<(), String> {
    node("check-bpmn.mjs", files)
}

pub fn json(files: &[PathBuf]) -> Result<(), String> {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/journey-model.schema.json");
    let mut args = vec![schema];
    args.extend(files.iter().cloned());
    node("check-json-schema.mjs", &args)
}

/// `dot -Tsvg` on every file: it must exit 0 and say nothing on stderr (no warnings).
pub fn dot(files: &[PathBuf]) -> Result<(), String> {
    let out = Command::new("dot").arg("-Tsvg").args(files).output().expect("dot runs");
    if out.status.success() && out.stderr.is_empty() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// `xmllint --schema BPMN20.xsd` (as bpmn-moddle ships it) on every file.
pub fn xsd(files: &[PathBuf]) -> Result<(), String> {
    let xsd = oracles_dir().join("node_modules/bpmn-moddle/resources/bpmn/xsd/BPMN20.xsd");
    let out = Command::new("xmllint").arg("--noout").arg("--schema").arg(xsd).args(files).output().expect("xmllint runs");
    if out.status.success() { Ok(()) } else { Err(said(&out)) }
}

/// PlantUML on every file: `-checkonly` reads the syntax, and drawing each to SVG catches what
/// reads well but cannot be drawn (PlantUML then still exits 0, with an error image).
pub fn plantuml(files: &[PathBuf]) -> Result<(), String> {
    let check = Command::new("plantuml").arg("-checkonly").args(files).output().expect("plantuml runs");
    if !check.status.success() {
        return Err(said(&check));
    }
    let dir = files.first().and_then(|f| f.parent()).map(|d| d.join("svg")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let draw = Command::new("plantuml").arg("-tsvg").arg("-o").arg(&dir).args(files).output().expect("plantuml runs");
    let text = said(&draw);
    if !draw.status.success() || text.contains("rror") || text.contains("Exception") {
        return Err(text);
    }
    for file in files {
        let stem = file.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let svg = std::fs::read_to_string(dir.join(format!("{stem}.svg"))).map_err(|e| format!("{stem}.svg: {e}"))?;
        if svg.contains("An error has occured") || svg.contains("Syntax Error") {
            return Err(format!("{}: PlantUML drew an error", file.display()));
        }
    }
    Ok(())
}

/// diagrams.net's own viewer in headless Chromium (`check-drawio.mjs`): reads every file, draws
/// every shape, connector and label, swimlanes hold their shapes without overlaps. Screenshots
/// land beside the files when `SCREENSHOTS` is set.
pub fn drawio(files: &[PathBuf]) -> Result<(), String> {
    node("check-drawio.mjs", files)
}

/// `xmllint --noout`: every file is well-formed XML.
pub fn xml(files: &[PathBuf]) -> Result<(), String> {
    let out = Command::new("xmllint").arg("--noout").args(files).output().expect("xmllint runs");
    if out.status.success() && out.stderr.is_empty() { Ok(()) } else { Err(said(&out)) }
}

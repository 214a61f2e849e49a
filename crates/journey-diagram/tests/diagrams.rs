//! The diagrams of every example: snapshots of the SVG, checks that they are well formed and
//! accessible, and that output is byte-identical across runs.

use std::path::{Path, PathBuf};

use journey_model::ir::Model;
use journey_model::{CheckOptions, MemoryLoader, check};

fn examples() -> Vec<(String, Model)> {
    let dir = std::fs::canonicalize(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples")).expect("examples");
    let mut out = Vec::new();
    for name in ["web-shop", "bank", "garage", "account-managers", "competitor"] {
        let path = dir.join(format!("{name}.journey"));
        let loader = MemoryLoader::default().with(&path, std::fs::read(&path).expect("read"));
        let checked =
            check(&loader, std::slice::from_ref(&path), &CheckOptions { root_dir: dir.clone(), config: None });
        out.push((name.to_string(), checked.model));
    }
    out
}

fn preview(name: &str, svg: &str) {
    // Set JOURNEY_PREVIEW=DIR to look at the pictures.
    if let Some(dir) = std::env::var_os("JOURNEY_PREVIEW") {
        let _ = std::fs::write(PathBuf::from(dir).join(name), svg);
    }
}

fn well_formed(svg: &str) {
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("<title id=\"title\">") && svg.contains("<desc id=\"desc\">"));
    assert!(!svg.contains("foreignObject"));
    assert!(!svg.contains("NaN") && !svg.contains("inf"), "no broken coordinates");
    // Every opened element is closed (a cheap structural check; the oracle tests parse it).
    let opened = svg.matches("<g").count() + svg.matches("<text").count();
    let closed = svg.matches("</g>").count() + svg.matches("</text>").count();
    assert_eq!(opened, closed);
}

#[test]
fn blueprints_and_flows_of_every_example() {
    for (name, model) in examples() {
        for (_, journey) in model.base_journeys() {
            let blueprint = journey_diagram::blueprint(&model, journey, "");
            let flow = journey_diagram::flow(&model, journey, "");
            well_formed(&blueprint);
            well_formed(&flow);
            for step in &journey.steps {
                assert!(blueprint.contains(
                    &journey_diagram::svg::escape(&step.decl.label).split_whitespace().next().unwrap_or("").to_string()
                ));
            }
            preview(&format!("{name}.{}.blueprint.svg", journey.decl.id), &blueprint);
            preview(&format!("{name}.{}.flow.svg", journey.decl.id), &flow);
            assert_eq!(blueprint, journey_diagram::blueprint(&model, journey, ""), "deterministic");
        }
    }
}

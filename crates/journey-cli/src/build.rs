//! `journey build`: check the model, then draw and export it. Errors stop the build before
//! anything is written; every file is written whole (temporary file, then rename) and only
//! inside the output folder; `-o -` sends a single output to standard output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use journey_analysis::{find_journey, journey_name};
use journey_diagnostics::render;
use journey_model::ir::{JourneyId, Model, Variant};

use crate::BuildArgs;
use crate::check::load;
use crate::files::{Durability, atomic_write};

/// The formats `--emit` knows.
pub const FORMATS: [&str; 8] = ["svg", "html", "mermaid", "dot", "plantuml", "bpmn", "drawio", "json"];

/// A file name made only of letters, digits, `-`, `_` and `.`, so that no name can reach
/// outside the output folder.
fn file_name(name: &str) -> String {
    let cleaned: String =
        name.chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if cleaned.is_empty() || cleaned.starts_with('.') { format!("journey{cleaned}") } else { cleaned }
}

/// The journeys to build: the one asked for, or every baseline and competitor journey, plus
/// the scenarios asked for.
fn selection(model: &Model, args: &BuildArgs) -> Result<Vec<JourneyId>, String> {
    let mut ids = Vec::new();
    match &args.journey {
        Some(id) => ids.push(find_journey(model, id).ok_or_else(|| format!("no journey or scenario named `{id}`"))?),
        None => ids.extend(model.base_journeys().map(|(j, _)| j)),
    }
    for name in &args.scenario {
        if name == "all" {
            ids.extend(model.scenarios.iter().filter_map(|s| s.journey));
            continue;
        }
        let scenario = model.scenarios.iter().find(|s| s.decl.id == *name).ok_or_else(|| {
            let names: Vec<&str> = model.scenarios.iter().map(|s| s.decl.id.as_str()).collect();
            let hint = journey_model::closest(name, names.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            format!("no scenario named `{name}`{hint}")
        })?;
        ids.push(scenario.journey.ok_or_else(|| format!("scenario `{name}` has no baseline journey to lay over"))?);
    }
    ids.dedup();
    if ids.is_empty() {
        return Err("the model has no journeys to build".into());
    }
    Ok(ids)
}

/// The name a journey's files are called by: its id, or its scenario's id.
fn output_name(model: &Model, id: JourneyId) -> String {
    match model.journey(id).map(|j| j.variant) {
        Some(Variant::Scenario { scenario, .. }) => {
            model.scenarios.get(scenario.index()).map_or(String::new(), |s| s.decl.id.to_string())
        }
        _ => model.journey(id).map_or(String::new(), |j| j.decl.id.to_string()),
    }
}

pub fn run(args: BuildArgs) -> Result<ExitCode, String> {
    let emit: Vec<String> =
        args.emit.iter().flat_map(|e| e.split(',')).map(|e| e.trim().to_string()).filter(|e| !e.is_empty()).collect();
    for format in &emit {
        if !FORMATS.contains(&format.as_str()) {
            let hint =
                journey_model::closest(format, FORMATS).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
            return Err(format!("unknown format `{format}`{hint} (the formats are {})", FORMATS.join(", ")));
        }
    }
    let emit = if emit.is_empty() { vec!["svg".to_string(), "html".to_string()] } else { emit };
    let checked = load(&args.paths)?;
    let files = checked.files();
    if checked.has_errors() {
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        eprint!("{}", render::human(files, &checked.diagnostics, render::HumanOptions { color }));
        eprintln!("error: the model has errors ({}); nothing was built", render::summary(&checked.diagnostics));
        return Ok(ExitCode::from(1));
    }
    if !checked.diagnostics.is_empty() {
        eprint!("{}", render::short(files, &checked.diagnostics));
    }
    let model = &checked.model;
    let ids = selection(model, &args)?;

    let progress = std::io::stderr().is_terminal() && ids.len() > 1;
    let mut outputs: Vec<(String, String)> = Vec::new();
    for (n, &id) in ids.iter().enumerate() {
        let Some(journey) = model.journey(id) else { continue };
        if progress {
            eprint!("\rbuilding {} ({}/{})\x1b[K", journey_name(model, id), n + 1, ids.len());
        }
        let name = file_name(&output_name(model, id));
        for format in &emit {
            match format.as_str() {
                "svg" => {
                    outputs.push((format!("{name}.blueprint.svg"), journey_diagram::blueprint(model, journey, "")));
                    outputs.push((format!("{name}.flow.svg"), journey_diagram::flow(model, journey, "")));
                }
                "mermaid" => {
                    outputs.push((format!("{name}.journey.mmd"), journey_export::mermaid_journey(model, id)));
                    outputs.push((format!("{name}.flowchart.mmd"), journey_export::mermaid_flowchart(model, id)));
                }
                "dot" => outputs.push((format!("{name}.dot"), journey_export::dot(model, id))),
                "plantuml" => outputs.push((format!("{name}.puml"), journey_export::plantuml(model, id))),
                "bpmn" => outputs.push((format!("{name}.bpmn"), journey_export::bpmn(model, id))),
                "drawio" => outputs.push((format!("{name}.drawio"), journey_export::drawio(model, id))),
                _ => {}
            }
        }
    }
    if progress {
        eprint!("\r\x1b[K");
    }
    if emit.iter().any(|e| e == "html") {
        let title = match ids.as_slice() {
            [one] => format!("Journey report: {}", model.journey(*one).map_or("", |j| j.decl.label.as_str())),
            _ => "Journey report".to_string(),
        };
        let input = journey_diagram::report::ReportInput {
            model,
            files,
            diagnostics: &checked.diagnostics,
            journeys: &ids,
            title: &title,
        };
        outputs.push(("report.html".to_string(), journey_diagram::report::report(&input)));
    }
    if emit.iter().any(|e| e == "json") {
        outputs.push(("model.json".to_string(), journey_export::json(model)));
    }

    if args.output.as_deref() == Some("-") {
        if args.open {
            return Err("`--open` opens a file that was built; it cannot be used with `-o -`".into());
        }
        let [(_, text)] = outputs.as_slice() else {
            let names: Vec<&str> = outputs.iter().map(|(n, _)| n.as_str()).collect();
            return Err(format!(
                "`-o -` writes one output to standard output, and this build makes {} ({}); choose one journey with --journey and one --emit format (svg makes two files: use `svg` with --journey and pick one by name, or emit dot, plantuml, bpmn or json)",
                outputs.len(),
                names.join(", ")
            ));
        };
        crate::say(text);
        return Ok(ExitCode::SUCCESS);
    }
    let dir = PathBuf::from(args.output.as_deref().unwrap_or("out"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    for (name, text) in &outputs {
        let path = dir.join(name);
        // Names are cleaned above; this only guards the rule that nothing lands outside.
        if path.parent() != Some(Path::new(&dir)) {
            return Err(format!("refusing to write `{}` outside `{}`", path.display(), dir.display()));
        }
        atomic_write(&path, text.as_bytes(), Durability::Replaceable)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        crate::say(&format!("wrote {}\n", path.display()));
    }
    let _ = std::io::stdout().flush();
    if args.open {
        // The report when there is one, else the first file written.
        let first = outputs.iter().find(|(n, _)| n == "report.html").or(outputs.first());
        if let Some((name, _)) = first {
            let path = std::path::absolute(dir.join(name)).unwrap_or_else(|_| dir.join(name));
            if let Err(why) = crate::open::open(&path) {
                eprintln!("warning: could not open `{}`: {why}; open it yourself", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

//! `journey build`: check the model, then draw and export it. Errors stop the build before
//! anything is written; every file is written whole (temporary file, then rename) and only
//! inside the output folder; `-o -` sends a single output to standard output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use journey_analysis::{find_journey, journey_name};
use journey_diagnostics::{FileId, render};
use journey_fs::Purpose;
use journey_model::Checked;
use journey_model::ir::{JourneyId, Model, Variant};

use crate::BuildArgs;
use crate::check::{Loaded, load};

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

/// One file a build makes.
#[derive(Clone, Copy)]
enum Output {
    Blueprint(JourneyId),
    Flow(JourneyId),
    MermaidJourney(JourneyId),
    MermaidFlowchart(JourneyId),
    Dot(JourneyId),
    PlantUml(JourneyId),
    Bpmn(JourneyId),
    Drawio(JourneyId),
    Report,
    Json,
}

/// The files to make, in order: per journey its drawings and exports, then the report and
/// the model's JSON.
fn plan(ids: &[JourneyId], emit: &[String]) -> Vec<Output> {
    let mut plan = Vec::new();
    for &id in ids {
        for format in emit {
            match format.as_str() {
                "svg" => plan.extend([Output::Blueprint(id), Output::Flow(id)]),
                "mermaid" => plan.extend([Output::MermaidJourney(id), Output::MermaidFlowchart(id)]),
                "dot" => plan.push(Output::Dot(id)),
                "plantuml" => plan.push(Output::PlantUml(id)),
                "bpmn" => plan.push(Output::Bpmn(id)),
                "drawio" => plan.push(Output::Drawio(id)),
                _ => {}
            }
        }
    }
    if emit.iter().any(|e| e == "html") {
        plan.push(Output::Report);
    }
    if emit.iter().any(|e| e == "json") {
        plan.push(Output::Json);
    }
    plan
}

impl Output {
    fn journey(self) -> Option<JourneyId> {
        match self {
            Output::Blueprint(id)
            | Output::Flow(id)
            | Output::MermaidJourney(id)
            | Output::MermaidFlowchart(id)
            | Output::Dot(id)
            | Output::PlantUml(id)
            | Output::Bpmn(id)
            | Output::Drawio(id) => Some(id),
            Output::Report | Output::Json => None,
        }
    }

    fn file_name(self, model: &Model) -> String {
        let name = self.journey().map(|id| file_name(&output_name(model, id))).unwrap_or_default();
        match self {
            Output::Blueprint(_) => format!("{name}.blueprint.svg"),
            Output::Flow(_) => format!("{name}.flow.svg"),
            Output::MermaidJourney(_) => format!("{name}.journey.mmd"),
            Output::MermaidFlowchart(_) => format!("{name}.flowchart.mmd"),
            Output::Dot(_) => format!("{name}.dot"),
            Output::PlantUml(_) => format!("{name}.puml"),
            Output::Bpmn(_) => format!("{name}.bpmn"),
            Output::Drawio(_) => format!("{name}.drawio"),
            Output::Report => "report.html".into(),
            Output::Json => "model.json".into(),
        }
    }

    fn make(self, checked: &Checked, ids: &[JourneyId]) -> String {
        let model = &checked.model;
        let journey = |id: JourneyId| model.journey(id);
        match self {
            Output::Blueprint(id) => journey(id).map(|j| journey_diagram::blueprint(model, j, "")).unwrap_or_default(),
            Output::Flow(id) => journey(id).map(|j| journey_diagram::flow(model, j, "")).unwrap_or_default(),
            Output::MermaidJourney(id) => journey_export::mermaid_journey(model, id),
            Output::MermaidFlowchart(id) => journey_export::mermaid_flowchart(model, id),
            Output::Dot(id) => journey_export::dot(model, id),
            Output::PlantUml(id) => journey_export::plantuml(model, id),
            Output::Bpmn(id) => journey_export::bpmn(model, id),
            Output::Drawio(id) => journey_export::drawio(model, id),
            Output::Report => {
                let title = match ids {
                    [one] => format!("Journey report: {}", model.journey(*one).map_or("", |j| j.decl.label.as_str())),
                    _ => "Journey report".to_string(),
                };
                let input = journey_diagram::report::ReportInput {
                    model,
                    files: checked.files(),
                    diagnostics: &checked.diagnostics,
                    journeys: ids,
                    title: &title,
                };
                journey_diagram::report::report(&input)
            }
            Output::Json => journey_export::json(model),
        }
    }
}

/// Shows every file by its path from the workspace root, so that what a build writes is the
/// same wherever it is run from.
fn show_from_root(checked: &mut Checked) {
    let ws = &mut checked.workspace;
    for (i, path) in ws.paths.iter().enumerate() {
        if let Ok(relative) = path.strip_prefix(&ws.root_dir) {
            if !relative.as_os_str().is_empty() && !path.ends_with("<stdin>") {
                ws.files.set_path(FileId(i as u32), relative.display().to_string());
            }
        }
    }
    // `journey.toml` comes after the files the workspace read (see `journey_model::check`).
    if ws.files.len() > ws.paths.len() {
        ws.files.set_path(FileId(ws.paths.len() as u32), journey_model::config::FILE_NAME);
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
    let Loaded { mut checked, incomplete } = load(&args.paths)?;
    if incomplete {
        return Err("some files could not be searched (see above); nothing was built".into());
    }
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
    let ids = selection(&checked.model, &args)?;
    let plan = plan(&ids, &emit);
    show_from_root(&mut checked);
    let model = &checked.model;

    if args.output.as_deref() == Some("-") {
        if args.open {
            return Err("`--open` opens a file that was built; it cannot be used with `-o -`".into());
        }
        let [one] = plan.as_slice() else {
            let names: Vec<String> = plan.iter().map(|o| o.file_name(model)).collect();
            return Err(format!(
                "`-o -` writes one output to standard output, and this build makes {} ({}); choose one journey with --journey and one --emit format (svg makes two files: use `svg` with --journey and pick one by name, or emit dot, plantuml, bpmn or json)",
                plan.len(),
                names.join(", ")
            ));
        };
        crate::say(&one.make(&checked, &ids));
        return Ok(ExitCode::SUCCESS);
    }
    let dir = PathBuf::from(args.output.as_deref().unwrap_or("out"));
    if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
        let to = std::fs::read_link(&dir).map(|t| format!(" (to `{}`)", t.display())).unwrap_or_default();
        return Err(format!(
            "the output folder `{}` is a symbolic link{to}; journey writes only into a real folder: remove the link, or name the folder it points to with -o",
            dir.display()
        ));
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    // Each file is written as soon as it is made, so that only one is held in memory at a time.
    let progress = std::io::stderr().is_terminal() && ids.len() > 1;
    let mut shown = None;
    // The report when there is one, else the first file written.
    let to_open = plan.iter().find(|o| matches!(o, Output::Report)).or(plan.first()).map(|o| dir.join(o.file_name(model)));
    for output in plan {
        if let Some(id) = output.journey().filter(|_| progress && shown != output.journey()) {
            let n = ids.iter().position(|&i| i == id).unwrap_or(0) + 1;
            eprint!("\rbuilding {} ({n}/{})\x1b[K", journey_name(model, id), ids.len());
            shown = Some(id);
        }
        let path = dir.join(output.file_name(model));
        // Names are cleaned above; this only guards the rule that nothing lands outside.
        if path.parent() != Some(Path::new(&dir)) {
            return Err(format!("refusing to write `{}` outside `{}`", path.display(), dir.display()));
        }
        let text = output.make(&checked, &ids);
        journey_fs::write(&path, text.as_bytes(), Purpose::Output)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        if progress && shown.is_some() {
            eprint!("\r\x1b[K");
            shown = None;
        }
        crate::say(&format!("wrote {}\n", path.display()));
    }
    let _ = std::io::stdout().flush();
    if let Some(path) = to_open.filter(|_| args.open) {
        let path = std::path::absolute(&path).unwrap_or(path);
        if let Err(why) = crate::open::open(&path) {
            eprintln!("warning: could not open `{}`: {why}; open it yourself", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

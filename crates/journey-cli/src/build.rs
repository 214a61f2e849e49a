//! `journey build`: check the model, then draw and export it. Errors stop the build before
//! anything is written; every file is written whole (temporary file, then rename) and only
//! inside the output folder; `-o -` sends a single output to standard output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use journey_analysis::{find_journey, journey_name};
use journey_diagnostics::render;
use journey_diagram::{Lang, Theme};
use journey_model::ir::{Journey, JourneyId, Model, StageId, Variant};

use crate::BuildArgs;
use crate::check::load;
use crate::files::{Durability, atomic_write};

/// The formats `--emit` knows.
pub const FORMATS: [&str; 9] = ["svg", "png", "pdf", "html", "mermaid", "dot", "plantuml", "bpmn", "json"];

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

/// How the drawings are made: language, theme, paper and scale, from the flags and
/// `journey.toml`.
struct Look {
    options: journey_diagram::Options,
    page: journey_diagram::page::PageSize,
    scale: f64,
}

fn look(args: &BuildArgs, config: &journey_model::Config) -> Result<Look, String> {
    let lang = match (&args.lang, config.lang) {
        (Some(tag), _) => Lang::parse(tag).ok_or_else(|| {
            let tags: Vec<&str> = Lang::ALL.iter().map(|l| l.tag()).collect();
            format!("journey does not speak `{tag}` (--lang is one of {})", tags.join(", "))
        })?,
        (None, Some(tag)) => Lang::parse(tag).unwrap_or_default(),
        (None, None) => Lang::default(),
    };
    let theme = Theme::parse(&args.theme).ok_or_else(|| {
        let names: Vec<&str> = Theme::ALL.iter().map(|t| t.1).collect();
        format!("no theme named `{}` (--theme is one of {})", args.theme, names.join(", "))
    })?;
    let page = journey_diagram::page::PageSize::parse(&args.page).ok_or_else(|| {
        format!("no paper named `{}` (--page is a4, a3 or letter, with -portrait or -landscape)", args.page)
    })?;
    if !(args.scale.is_finite() && args.scale > 0.0 && args.scale <= 16.0) {
        return Err(format!("--scale must be above 0 and at most 16, not {}", args.scale));
    }
    Ok(Look { options: journey_diagram::Options { lang, theme, stage: None }, page, scale: args.scale })
}

/// The stage `--stage` names in a journey, if the journey has it.
fn stage_of(journey: &Journey, stage: Option<&str>) -> Option<Option<StageId>> {
    match stage {
        None => Some(None),
        Some(id) => journey.stages.iter().position(|s| s.decl.id == id).map(|i| Some(StageId(i as u32))),
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
    let look = look(&args, &checked.config)?;
    let model = &checked.model;
    let ids = selection(model, &args)?;
    let stage = args.stage.as_deref();
    let drawn: Vec<(JourneyId, Option<StageId>)> =
        ids.iter().filter_map(|&id| model.journey(id).and_then(|j| stage_of(j, stage)).map(|s| (id, s))).collect();
    if drawn.is_empty() {
        return Err(format!("no journey built here has a stage `{}`", stage.unwrap_or("")));
    }

    let wants = |f: &str| emit.iter().any(|e| e == f);
    let progress = std::io::stderr().is_terminal() && drawn.len() > 1;
    let mut outputs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut notes = Vec::new();
    for (n, &(id, stage)) in drawn.iter().enumerate() {
        let Some(journey) = model.journey(id) else { continue };
        if progress {
            eprint!("\rbuilding {} ({}/{})\x1b[K", journey_name(model, id), n + 1, drawn.len());
        }
        let mut name = file_name(&output_name(model, id));
        if let Some(s) = stage.and_then(|s| journey.stages.get(s.index())) {
            name = format!("{name}.{}", file_name(&s.decl.id));
        }
        if wants("svg") || wants("png") || wants("pdf") {
            let options = journey_diagram::Options { stage, ..look.options };
            for (kind, drawing) in [
                ("blueprint", journey_diagram::blueprint_scene(model, journey, &options)),
                ("flow", journey_diagram::flow_scene(model, journey, &options)),
            ] {
                notes.extend(drawing.diagnostics);
                let scene = &drawing.scene;
                if wants("svg") {
                    outputs.push((format!("{name}.{kind}.svg"), journey_diagram::svg::write(scene, "").into_bytes()));
                }
                if wants("png") {
                    let png = journey_render::png(scene, look.scale)?;
                    if png.scale < look.scale * 0.999 {
                        eprintln!(
                            "note: {name}.{kind}.png is drawn at scale {:.2} to stay within {} pixels; --stage or a PDF keeps it sharp",
                            png.scale,
                            journey_render::MAX_PIXELS
                        );
                    }
                    outputs.push((format!("{name}.{kind}.png"), png.bytes));
                }
                if wants("pdf") {
                    outputs.push((format!("{name}.{kind}.pdf"), journey_render::pdf(scene, look.page)?.bytes));
                }
            }
        }
        for format in &emit {
            let text = match format.as_str() {
                "mermaid" => {
                    outputs
                        .push((format!("{name}.journey.mmd"), journey_export::mermaid_journey(model, id).into_bytes()));
                    outputs.push((
                        format!("{name}.flowchart.mmd"),
                        journey_export::mermaid_flowchart(model, id).into_bytes(),
                    ));
                    continue;
                }
                "dot" => (format!("{name}.dot"), journey_export::dot(model, id)),
                "plantuml" => (format!("{name}.puml"), journey_export::plantuml(model, id)),
                "bpmn" => (format!("{name}.bpmn"), journey_export::bpmn(model, id)),
                _ => continue,
            };
            outputs.push((text.0, text.1.into_bytes()));
        }
    }
    if progress {
        eprint!("\r\x1b[K");
    }
    if wants("html") {
        let m = journey_diagram::i18n::Messages::new(look.options.lang);
        let title = match ids.as_slice() {
            [one] => m.fmt(
                "report-title",
                &[(
                    "journey",
                    journey_diagram::i18n::Arg::Str(model.journey(*one).map_or("", |j| j.decl.label.as_str())),
                )],
            ),
            _ => m.get("report-title-many"),
        };
        let input = journey_diagram::report::ReportInput {
            model,
            files,
            diagnostics: &checked.diagnostics,
            journeys: &ids,
            title: &title,
            options: look.options,
            config: Some(&checked.config),
        };
        let report = journey_diagram::report::render(&input);
        notes.extend(report.diagnostics);
        outputs.push(("report.html".to_string(), report.html.into_bytes()));
    }
    if wants("json") {
        outputs.push(("model.json".to_string(), journey_export::json(model).into_bytes()));
    }
    // What the drawings had to say, each once, at the levels journey.toml sets.
    let mut notes = checked.config.apply(notes);
    journey_diagnostics::sort_and_dedup(&mut notes);
    if !notes.is_empty() {
        eprint!("{}", render::short(files, &notes));
    }

    if args.output.as_deref() == Some("-") {
        let [(_, bytes)] = outputs.as_slice() else {
            let names: Vec<&str> = outputs.iter().map(|(n, _)| n.as_str()).collect();
            return Err(format!(
                "`-o -` writes one output to standard output, and this build makes {} ({}); choose one journey with --journey and one --emit format (svg, png and pdf make two files each: emit dot, plantuml, bpmn or json)",
                outputs.len(),
                names.join(", ")
            ));
        };
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(bytes).and_then(|()| out.flush());
        return Ok(ExitCode::SUCCESS);
    }
    let dir = PathBuf::from(args.output.as_deref().unwrap_or("out"));
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
    for (name, bytes) in &outputs {
        let path = dir.join(name);
        // Names are cleaned above; this only guards the rule that nothing lands outside.
        if path.parent() != Some(Path::new(&dir)) {
            return Err(format!("refusing to write `{}` outside `{}`", path.display(), dir.display()));
        }
        atomic_write(&path, bytes, Durability::Replaceable)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        crate::say(&format!("wrote {}\n", path.display()));
    }
    let _ = std::io::stdout().flush();
    Ok(ExitCode::SUCCESS)
}

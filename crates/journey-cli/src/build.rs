//! `journey build`: check the model, then draw and export it. Errors stop the build before
//! anything is written; every file is written whole (temporary file, then rename) and only
//! inside the output folder; `-o -` sends a single output to standard output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use journey_analysis::{find_journey, journey_name};
use journey_diagnostics::{Diagnostic, FileId, render};
use journey_diagram::{Lang, Theme};
use journey_fs::Purpose;
use journey_model::Checked;
use journey_model::ir::{Journey, JourneyId, Model, StageId, Variant};

use crate::BuildArgs;
use crate::check::{Loaded, load};

/// The formats `--emit` knows.
pub const FORMATS: [&str; 10] = ["svg", "png", "pdf", "html", "mermaid", "dot", "plantuml", "bpmn", "drawio", "json"];

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
#[derive(Clone, Copy)]
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

/// The picture formats a drawing is written in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Picture {
    Svg,
    Png,
    Pdf,
}

impl Picture {
    fn extension(self) -> &'static str {
        match self {
            Picture::Svg => "svg",
            Picture::Png => "png",
            Picture::Pdf => "pdf",
        }
    }
}

/// The two drawings of a journey.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Drawing {
    Blueprint,
    Flow,
}

/// One file a build makes: a journey's (or one of its stages') drawing or export, or the
/// report or the model's JSON.
#[derive(Clone, Copy)]
enum Output {
    Drawing(Part, Drawing, Picture),
    MermaidJourney(Part),
    MermaidFlowchart(Part),
    Dot(Part),
    PlantUml(Part),
    Bpmn(Part),
    Drawio(Part),
    Report,
    Json,
}

/// A journey, or the stage of it that `--stage` names.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Part {
    id: JourneyId,
    stage: Option<StageId>,
}

/// The files to make, in order: per journey its drawings and exports, then the report and
/// the model's JSON.
fn plan(parts: &[Part], emit: &[String]) -> Vec<Output> {
    let mut plan = Vec::new();
    let pictures: Vec<Picture> = [("svg", Picture::Svg), ("png", Picture::Png), ("pdf", Picture::Pdf)]
        .into_iter()
        .filter(|(name, _)| emit.iter().any(|e| e == name))
        .map(|(_, p)| p)
        .collect();
    for &part in parts {
        for drawing in [Drawing::Blueprint, Drawing::Flow] {
            plan.extend(pictures.iter().map(|&p| Output::Drawing(part, drawing, p)));
        }
        for format in emit {
            match format.as_str() {
                "mermaid" => plan.extend([Output::MermaidJourney(part), Output::MermaidFlowchart(part)]),
                "dot" => plan.push(Output::Dot(part)),
                "plantuml" => plan.push(Output::PlantUml(part)),
                "bpmn" => plan.push(Output::Bpmn(part)),
                "drawio" => plan.push(Output::Drawio(part)),
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
    fn part(self) -> Option<Part> {
        match self {
            Output::Drawing(part, ..)
            | Output::MermaidJourney(part)
            | Output::MermaidFlowchart(part)
            | Output::Dot(part)
            | Output::PlantUml(part)
            | Output::Bpmn(part)
            | Output::Drawio(part) => Some(part),
            Output::Report | Output::Json => None,
        }
    }

    fn file_name(self, model: &Model) -> String {
        let name = self.part().map(|part| part_name(model, part)).unwrap_or_default();
        match self {
            Output::Drawing(_, Drawing::Blueprint, p) => format!("{name}.blueprint.{}", p.extension()),
            Output::Drawing(_, Drawing::Flow, p) => format!("{name}.flow.{}", p.extension()),
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
}

/// A journey's files are named after it, and after the stage drawn when `--stage` names one.
fn part_name(model: &Model, part: Part) -> String {
    let name = file_name(&output_name(model, part.id));
    let stage = part.stage.and_then(|s| model.journey(part.id)?.stages.get(s.index()));
    match stage {
        Some(stage) => format!("{name}.{}", file_name(&stage.decl.id)),
        None => name,
    }
}

/// What a build makes its files from.
struct Maker<'a> {
    checked: &'a Checked,
    ids: &'a [JourneyId],
    /// What an event log shows of the journeys, for the report.
    evidence: &'a [journey_diagram::report::evidence::Evidence],
    look: Look,
    /// The drawing last laid out, kept so that its SVG, PNG and PDF share one layout.
    scene: Option<(Part, Drawing, journey_diagram::Drawing)>,
    /// What the drawings had to say (J1001).
    notes: Vec<Diagnostic>,
}

impl Maker<'_> {
    /// A maker of the same files with nothing laid out or said yet, for another thread.
    fn fresh(&self) -> Self {
        Maker {
            checked: self.checked,
            ids: self.ids,
            evidence: self.evidence,
            look: self.look,
            scene: None,
            notes: Vec::new(),
        }
    }

    fn make(&mut self, output: Output) -> Result<Vec<u8>, String> {
        let model = &self.checked.model;
        let text = match output {
            Output::Drawing(part, drawing, picture) => return self.picture(part, drawing, picture),
            Output::MermaidJourney(part) => journey_export::mermaid_journey(model, part.id),
            Output::MermaidFlowchart(part) => journey_export::mermaid_flowchart(model, part.id),
            Output::Dot(part) => journey_export::dot(model, part.id),
            Output::PlantUml(part) => journey_export::plantuml(model, part.id),
            Output::Bpmn(part) => journey_export::bpmn(model, part.id),
            Output::Drawio(part) => journey_export::drawio(model, part.id),
            Output::Report => {
                let m = journey_diagram::i18n::Messages::new(self.look.options.lang);
                let title = match self.ids {
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
                    files: self.checked.files(),
                    diagnostics: &self.checked.diagnostics,
                    journeys: self.ids,
                    title: &title,
                    options: self.look.options,
                    config: Some(&self.checked.config),
                    evidence: self.evidence,
                };
                let report = journey_diagram::report::render(&input);
                self.notes.extend(report.diagnostics);
                report.html
            }
            Output::Json => journey_export::json(model),
        };
        Ok(text.into_bytes())
    }

    fn picture(&mut self, part: Part, drawing: Drawing, picture: Picture) -> Result<Vec<u8>, String> {
        let fresh = !matches!(&self.scene, Some((p, d, _)) if *p == part && *d == drawing);
        if fresh {
            let model = &self.checked.model;
            let Some(journey) = model.journey(part.id) else { return Ok(Vec::new()) };
            let options = journey_diagram::Options { stage: part.stage, ..self.look.options };
            let drawn = match drawing {
                Drawing::Blueprint => match self.evidence.iter().find(|e| e.journey == part.id) {
                    Some(e) => journey_diagram::blueprint_scene_observed(model, journey, &options, &e.volumes),
                    None => journey_diagram::blueprint_scene(model, journey, &options),
                },
                Drawing::Flow => journey_diagram::flow_scene(model, journey, &options),
            };
            self.notes.extend(drawn.diagnostics.iter().cloned());
            self.scene = Some((part, drawing, drawn));
        }
        let Some((_, _, drawn)) = &self.scene else { return Ok(Vec::new()) };
        let scene = &drawn.scene;
        Ok(match picture {
            Picture::Svg => journey_diagram::svg::write(scene, "").into_bytes(),
            Picture::Png => {
                let png = journey_render::png(scene, self.look.scale)?;
                if png.scale < self.look.scale * 0.999 {
                    eprintln!(
                        "note: a PNG of {} is drawn at scale {:.2} to stay within {} pixels; --stage or a PDF keeps it sharp",
                        part_name(&self.checked.model, part),
                        png.scale,
                        journey_render::MAX_PIXELS
                    );
                }
                png.bytes
            }
            Picture::Pdf => journey_render::pdf(scene, self.look.page)?.bytes,
        })
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
    let look = look(&args, &checked.config)?;
    let ids = selection(&checked.model, &args)?;
    let stage = args.stage.as_deref();
    let parts: Vec<Part> = ids
        .iter()
        .filter_map(|&id| checked.model.journey(id).and_then(|j| stage_of(j, stage)).map(|stage| Part { id, stage }))
        .collect();
    if parts.is_empty() {
        return Err(format!("no journey built here has a stage `{}`", stage.unwrap_or("")));
    }
    let plan = plan(&parts, &emit);
    show_from_root(&mut checked);
    let model = &checked.model;
    let evidence = match &args.evidence {
        Some(log) => crate::fit::for_report(log, args.log_format, &args.read, &checked, &ids)?,
        None => Vec::new(),
    };
    let mut maker = Maker { checked: &checked, ids: &ids, evidence: &evidence, look, scene: None, notes: Vec::new() };

    if args.output.as_deref() == Some("-") {
        if args.open {
            return Err("`--open` opens a file that was built; it cannot be used with `-o -`".into());
        }
        let [one] = plan.as_slice() else {
            let names: Vec<String> = plan.iter().map(|o| o.file_name(model)).collect();
            return Err(format!(
                "`-o -` writes one output to standard output, and this build makes {} ({}); choose one journey with --journey and one --emit format (svg, png and pdf make two files each: emit dot, plantuml, bpmn, drawio or json)",
                plan.len(),
                names.join(", ")
            ));
        };
        let bytes = maker.make(*one)?;
        report_notes(&checked, maker.notes);
        let mut out = std::io::stdout().lock();
        let _ = out.write_all(&bytes).and_then(|()| out.flush());
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
    // The report when there is one, else the first file written.
    let to_open =
        plan.iter().find(|o| matches!(o, Output::Report)).or(plan.first()).map(|o| dir.join(o.file_name(model)));
    let on_terminal = std::io::stderr().is_terminal() && parts.len() > 1;
    // With several journeys, standard error shows the last one built until its files are said.
    let progress = |part: Option<Part>| match part {
        _ if !on_terminal => {}
        Some(part) => {
            let n = parts.iter().position(|&p| p == part).unwrap_or(0) + 1;
            eprint!("\rbuilt {} ({n}/{})\x1b[K", journey_name(model, part.id), parts.len());
        }
        None => eprint!("\r\x1b[K"),
    };
    let notes = make_all(&maker, &plan, &dir, progress);
    progress(None);
    let notes = notes?;
    report_notes(&checked, notes);
    if let Some(path) = to_open.filter(|_| args.open) {
        let path = std::path::absolute(&path).unwrap_or(path);
        if let Err(why) = crate::open::open(&path) {
            eprintln!("warning: could not open `{}`: {why}; open it yourself", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The most files a build makes at once.
const MAX_WORKERS: usize = 4;

/// Makes and writes the plan's files into `dir`, a group at a time on each of up to
/// [`MAX_WORKERS`] cores, and says what was written in the plan's order (`shown` hears `None`
/// before each group's files are said, and the group's journey after). A group is one
/// drawing's pictures, which share its layout, or one other file; each file is written as soon
/// as it is made, so that a worker holds one in memory at a time. Returns what the drawings had
/// to say, or the first failure in the plan's order once every group begun is done.
fn make_all(
    maker: &Maker,
    plan: &[Output],
    dir: &Path,
    mut shown: impl FnMut(Option<Part>),
) -> Result<Vec<Diagnostic>, String> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
    let model = &maker.checked.model;
    let groups: Vec<&[Output]> = plan
        .chunk_by(|a, b| matches!((a, b), (Output::Drawing(p, d, _), Output::Drawing(q, e, _)) if p == q && d == e))
        .collect();
    let (next, failed) = (AtomicUsize::new(0), AtomicBool::new(false));
    let make_group = |maker: &mut Maker, group: &[Output]| -> Result<Vec<PathBuf>, String> {
        let mut written = Vec::new();
        for &output in group {
            let path = dir.join(output.file_name(model));
            // Names are cleaned above; this only guards the rule that nothing lands outside.
            if path.parent() != Some(dir) {
                return Err(format!("refusing to write `{}` outside `{}`", path.display(), dir.display()));
            }
            let bytes = maker.make(output)?;
            journey_fs::write(&path, &bytes, Purpose::Output)
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
            written.push(path);
        }
        Ok(written)
    };
    // A worker holds a drawing and, for a PNG, up to 64 MB of pixels: a few cores at most.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_WORKERS).min(groups.len()).max(1);
    let (done, heard) = std::sync::mpsc::channel();
    let mut notes = Vec::new();
    let mut first_failure = None;
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let done = done.clone();
            let mut maker = maker.fresh();
            let (groups, next, failed, make_group) = (&groups, &next, &failed, &make_group);
            scope.spawn(move || {
                while !failed.load(Relaxed) {
                    let i = next.fetch_add(1, Relaxed);
                    let Some(group) = groups.get(i) else { break };
                    let result = make_group(&mut maker, group);
                    failed.fetch_or(result.is_err(), Relaxed);
                    if done.send((i, result, std::mem::take(&mut maker.notes))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done);
        // Groups finish in any order and are said in the plan's.
        let mut waiting = std::collections::BTreeMap::new();
        let mut said = 0;
        for (i, result, said_by_drawing) in heard {
            notes.extend(said_by_drawing);
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&said) {
                match result {
                    Ok(paths) => {
                        shown(None);
                        for path in paths {
                            crate::say(&format!("wrote {}\n", path.display()));
                        }
                        shown(groups[said].first().and_then(|o| o.part()));
                    }
                    Err(why) => {
                        first_failure.get_or_insert(why);
                    }
                }
                said += 1;
            }
        }
    });
    match first_failure {
        Some(why) => Err(why),
        None => Ok(notes),
    }
}

/// What the drawings had to say, each once, at the levels journey.toml sets.
fn report_notes(checked: &Checked, notes: Vec<Diagnostic>) {
    let mut notes = checked.config.apply(notes);
    journey_diagnostics::sort_and_dedup(&mut notes);
    if !notes.is_empty() {
        eprint!("{}", render::short(checked.files(), &notes));
    }
}

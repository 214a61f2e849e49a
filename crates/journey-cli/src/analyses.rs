//! The analysis commands: `analyze`, `compare`, `simulate` and `impact`. Each loads and checks
//! the model like `check`, refuses a model with errors that make it meaningless, and prints a
//! report from `journey-analysis` as a table, Markdown or JSON.

use std::process::ExitCode;

use journey_analysis::render::{Format, Table};
use journey_analysis::{analyze, compare, find_journey, impact, simulate};
use journey_model::ir::{JourneyId, Model, SegmentId, SmolStr};
use journey_model::units;

use crate::check::load_sound;
use crate::{AnalyzeArgs, CompareArgs, ImpactArgs, ReportFormat, SimulateArgs, say};

fn format(f: ReportFormat) -> Format {
    match f {
        ReportFormat::Table => Format::Table,
        ReportFormat::Markdown => Format::Markdown,
        ReportFormat::Json => Format::Json,
    }
}

fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

pub fn journey_arg(model: &Model, id: &str) -> Result<JourneyId, String> {
    find_journey(model, id).ok_or_else(|| {
        let mut names: Vec<&str> = model.base_journeys().map(|(_, j)| j.decl.id.as_str()).collect();
        names.extend(model.scenarios.iter().map(|s| s.decl.id.as_str()));
        let hint = journey_model::closest(id, names.iter().copied())
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
        format!("no journey or scenario named `{id}`{hint} (there are: {})", names.join(", "))
    })
}

fn segment_arg(model: &Model, id: Option<&str>) -> Result<Option<SegmentId>, String> {
    let Some(id) = id else { return Ok(None) };
    model
        .segments
        .iter()
        .position(|s| s.decl.id == id)
        .map(|i| Some(SegmentId(i as u32)))
        .ok_or_else(|| format!("no segment named `{id}`"))
}

pub fn analyze(args: AnalyzeArgs) -> Result<ExitCode, String> {
    let checked = load_sound(&args.paths)?;
    let model = &checked.model;
    let segment = segment_arg(model, args.segment.as_deref())?;
    let ids: Vec<JourneyId> = match &args.journey {
        Some(id) => vec![journey_arg(model, id)?],
        None => model.base_journeys().map(|(j, _)| j).collect(),
    };
    if ids.is_empty() {
        return Err("the model has no journeys to analyse".into());
    }
    let options = analyze::Options { segment, explain: args.explain };
    let reports: Vec<analyze::JourneyReport> =
        ids.iter().filter_map(|&j| analyze::report(model, j, &options)).collect();
    let shared = if args.journey.is_none() { journey_analysis::findings::shared_intents(model) } else { Vec::new() };
    let out = match format(args.format) {
        Format::Json => json(&serde_json::json!({ "version": 1, "journeys": reports, "findings": shared })),
        f => {
            let markdown = f == Format::Markdown;
            let mut out = reports.iter().map(|r| analyze::text(r, markdown)).collect::<Vec<_>>().join("\n");
            if !shared.is_empty() {
                out.push_str(if markdown { "\n**Across journeys**\n\n" } else { "\nacross journeys:\n" });
                for finding in &shared {
                    out.push_str(&format!("- {}: {}\n", finding.kind.title(), finding.text));
                }
            }
            out
        }
    };
    say(&out);
    Ok(ExitCode::SUCCESS)
}

pub fn compare(args: CompareArgs) -> Result<ExitCode, String> {
    let checked = load_sound(&args.paths)?;
    let model = &checked.model;
    let base = journey_arg(model, &args.base)?;
    let mut other = journey_arg(model, &args.other)?;
    // `compare order managers`: the scenario's version, whatever baseline was named.
    if other == base {
        return Err("give two different journeys (or a journey and one of its scenarios)".into());
    }
    if let Some(s) = model.scenarios.iter().find(|s| s.decl.id == args.other) {
        other = s.journey.ok_or_else(|| format!("scenario `{}` has no journey to compare", s.decl.id))?;
    }
    let comparison = compare::compare(model, base, other)?;
    say(&match format(args.format) {
        Format::Json => json(&comparison),
        f => compare::text(&comparison, f == Format::Markdown),
    });
    Ok(ExitCode::SUCCESS)
}

pub fn simulate(args: SimulateArgs) -> Result<ExitCode, String> {
    let checked = load_sound(&args.paths)?;
    let model = &checked.model;
    let segment = segment_arg(model, args.segment.as_deref())?;
    let ids: Vec<JourneyId> = match &args.journey {
        Some(id) => vec![journey_arg(model, id)?],
        None => model.base_journeys().map(|(j, _)| j).collect(),
    };
    let mut results = Vec::new();
    for id in ids {
        let Some(journey) = model.journey(id) else { continue };
        if journey.steps.is_empty() {
            continue;
        }
        results.push((
            journey_analysis::journey_name(model, id),
            simulate::simulate(model, journey, segment, args.runs, args.seed)?,
        ));
    }
    let out = match format(args.format) {
        Format::Json => json(&serde_json::json!({
            "version": 1,
            "journeys": results.iter().map(|(name, s)| serde_json::json!({ "journey": name, "simulation": s })).collect::<Vec<_>>(),
        })),
        f => {
            let mut out = String::new();
            for (name, s) in &results {
                let mut t = Table::new(&["figure", "mean", "p50", "p90", "p99", "min", "max"]);
                let spread = |t: &mut Table, label: &str, x: &simulate::Spread, show: &dyn Fn(f64) -> String| {
                    t.row(vec![
                        label.into(),
                        show(x.mean),
                        show(x.p50),
                        show(x.p90),
                        show(x.p99),
                        show(x.min),
                        show(x.max),
                    ]);
                };
                spread(&mut t, "duration", &s.duration_seconds, &units::duration);
                spread(&mut t, "contacts", &s.contacts, &units::number);
                spread(&mut t, "cost", &s.cost, &units::number);
                spread(&mut t, "emotion", &s.emotion, &units::score);
                let header = format!(
                    "{name}: {} walks (seed {}), {} steps walked; {} met at least one risk\n",
                    s.runs,
                    s.seed,
                    s.steps_walked,
                    units::percent(s.risk)
                );
                if f == Format::Markdown {
                    out.push_str(&format!("### {header}\n{}\n", t.markdown()));
                } else {
                    out.push_str(&format!("{header}{}\n", t.text()));
                }
                if s.cut_off > 0 {
                    out.push_str(&format!("{} walks were cut off after {} steps\n", s.cut_off, simulate::MAX_WALK));
                }
            }
            out
        }
    };
    say(&out);
    Ok(ExitCode::SUCCESS)
}

pub fn impact(args: ImpactArgs) -> Result<ExitCode, String> {
    let checked = load_sound(&args.paths)?;
    let model = &checked.model;
    let item = impact::find_item(model, &args.item).ok_or_else(|| {
        let names = model
            .systems
            .iter()
            .map(|x| x.decl.id.as_str())
            .chain(model.procedures.iter().map(|x| x.decl.id.as_str()))
            .chain(model.touchpoints.iter().map(|x| x.decl.id.as_str()))
            .chain(model.lanes.iter().map(|x| x.decl.id.as_str()));
        let hint =
            journey_model::closest(&args.item, names).map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
        format!("no system, procedure, touchpoint or lane named `{}`{hint}", args.item)
    })?;
    let report = impact::impact(model, item);
    let out = match format(args.format) {
        Format::Json => json(&report),
        f => {
            let markdown = f == Format::Markdown;
            let list = |title: &str, items: &[SmolStr]| {
                if items.is_empty() {
                    String::new()
                } else {
                    format!("{title}: {}\n", items.iter().map(|i| format!("`{i}`")).collect::<Vec<_>>().join(", "))
                }
            };
            let mut out = format!("what depends on {} `{}`\n", report.kind, report.item);
            if markdown {
                out = format!("### {out}\n");
            }
            out.push_str(&list("systems", &report.systems));
            out.push_str(&list("procedures", &report.procedures));
            out.push_str(&list("touchpoints", &report.touchpoints));
            out.push_str(&list("segments", &report.segments));
            out.push_str(&list("experiences", &report.experiences));
            let mut t = Table::new(&["journey", "steps", "share of customers", "customers a month"]);
            for j in &report.journeys {
                t.row(vec![
                    j.journey.to_string(),
                    j.steps.join(", "),
                    j.share.map_or("unknown".into(), units::percent),
                    j.customers_per_month.map_or("-".into(), units::count),
                ]);
            }
            if report.journeys.is_empty() {
                out.push_str("no journey meets it\n");
            } else {
                out.push('\n');
                out.push_str(&if markdown { t.markdown() } else { t.text() });
            }
            if let Some(total) = report.customers_per_month {
                out.push_str(&format!("\ncustomers a month who meet it: {}\n", units::count(total)));
            }
            out
        }
    };
    say(&out);
    Ok(ExitCode::SUCCESS)
}

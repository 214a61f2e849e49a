//! The analysis commands: `analyze`, `compare`, `simulate` and `impact`. Each loads and checks
//! the model like `check`, refuses a model with errors that make it meaningless, and prints a
//! report from `journey-analysis` as a table, Markdown or JSON.

use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use journey_analysis::render::{Format, Table};
use journey_analysis::{analyze, compare, find_journey, impact, simulate};
use journey_model::ir::{Journey, JourneyId, Model, SegmentId, SmolStr};
use journey_model::schema::Metric;
use journey_model::units;

use crate::check::load_sound;
use crate::emit;
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
    let log = match &args.emit_log {
        Some(path) => Some(log_plan(model, &ids, path, &args.log_start)?),
        None => None,
    };
    let mut results = Vec::new();
    let interrupted = interruption();
    for id in ids {
        let Some(journey) = model.journey(id) else { continue };
        if journey.steps.is_empty() {
            continue;
        }
        let name = journey_analysis::journey_name(model, id);
        // A bar on a terminal (indicatif draws nothing elsewhere); Ctrl-C stops the walks.
        let bar = indicatif::ProgressBar::with_draw_target(Some(args.runs), indicatif::ProgressDrawTarget::stderr())
            .with_style(
                indicatif::ProgressStyle::with_template("{msg} {wide_bar} {human_pos}/{human_len} walks, {eta} left")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            )
            .with_message(name.to_string());
        let mut progress = |done| {
            bar.set_position(done);
            if interrupted.load(Ordering::Relaxed) { ControlFlow::Break(()) } else { ControlFlow::Continue(()) }
        };
        let simulation = match &log {
            None => simulate::simulate_with(model, journey, segment, args.runs, args.seed, &mut progress, &mut |_| {
                ControlFlow::Continue(())
            })?,
            Some(plan) => {
                let walker = simulate::Walker::new(model, journey, segment, args.seed)?;
                emit_log(plan, model, journey, walker.segmented(), |visit| {
                    simulate::simulate_with(model, journey, segment, args.runs, args.seed, &mut progress, visit)
                })?
            }
        };
        bar.finish_and_clear();
        let stop = simulation.interrupted;
        results.push((name, simulation));
        if stop {
            break;
        }
    }
    let out = match format(args.format) {
        Format::Json => json(&serde_json::json!({
            "version": 2,
            "journeys": results.iter().map(|(name, s)| serde_json::json!({ "journey": name, "simulation": s })).collect::<Vec<_>>(),
        })),
        f => {
            let mut out = String::new();
            for (name, s) in &results {
                let mut t = Table::new(&["figure", "mean", "p50", "p90", "p99", "min", "max"]);
                let spread =
                    |t: &mut Table, label: &str, x: Option<&simulate::Spread>, show: &dyn Fn(f64) -> String| {
                        t.row(match x {
                            Some(x) => vec![
                                label.into(),
                                show(x.mean),
                                show(x.p50),
                                show(x.p90),
                                show(x.p99),
                                show(x.min),
                                show(x.max),
                            ],
                            None => std::iter::once(label.to_string())
                                .chain(std::iter::repeat_n("unknown".to_string(), 6))
                                .collect(),
                        });
                    };
                let money = |v: f64| units::figure(Metric::Cost, v, s.currency.as_deref());
                spread(&mut t, "duration", s.duration_seconds.as_ref(), &units::duration);
                spread(&mut t, "contacts", Some(&s.contacts), &units::number);
                spread(&mut t, "cost", s.cost.as_ref(), &money);
                spread(&mut t, "emotion", s.emotion.as_ref(), &units::score);
                let risk = s.risk.map_or_else(|| "an unknown share".to_string(), units::percent);
                let header = format!(
                    "{name}: {} (seed {}), {} walked; {risk} met at least one risk\n",
                    counted(s.runs, "walk", "walks"),
                    s.seed,
                    counted(s.steps_walked, "step", "steps"),
                );
                if f == Format::Markdown {
                    out.push_str(&format!("### {header}\n{}\n", t.markdown()));
                } else {
                    out.push_str(&format!("{header}{}\n", t.text()));
                }
                for a in &s.assumed {
                    out.push_str(&format!("assumed: {a}\n"));
                }
                for u in &s.unknown {
                    out.push_str(&format!("unknown: {u}\n"));
                }
                if s.cut_off > 0 {
                    out.push_str(&format!("{} walks were cut off after {} steps\n", s.cut_off, simulate::MAX_WALK));
                }
                if s.interrupted {
                    out.push_str(&format!(
                        "interrupted after {} of {} walks: these figures are of the walks taken\n",
                        units::count(s.runs as f64),
                        units::count(args.runs as f64)
                    ));
                }
            }
            out
        }
    };
    say(&out);
    if results.iter().any(|(_, s)| s.interrupted) {
        eprintln!("interrupted: the simulation stopped early; journeys after the one shown were not simulated");
        return Ok(ExitCode::from(130));
    }
    Ok(ExitCode::SUCCESS)
}

/// Where and how `--emit-log` writes.
struct LogPlan {
    path: PathBuf,
    kind: emit::Kind,
    start: journey_log::Timestamp,
}

fn log_plan(model: &Model, ids: &[JourneyId], path: &Path, start: &str) -> Result<LogPlan, String> {
    let kind = emit::Kind::of(path)?;
    let start = emit::start(start)?;
    if ids.len() != 1 {
        let names: Vec<String> = ids.iter().map(|&id| journey_analysis::journey_name(model, id).to_string()).collect();
        return Err(format!(
            "--emit-log writes the log of one journey: name it with --journey (there are: {})",
            names.join(", ")
        ));
    }
    Ok(LogPlan { path: path.to_path_buf(), kind, start })
}

/// Runs `simulate` with a visitor that writes each walk to the log, streamed through a
/// temporary file that replaces the log only when it is whole.
fn emit_log(
    plan: &LogPlan,
    model: &Model,
    journey: &Journey,
    segmented: bool,
    simulate: impl FnOnce(&mut dyn FnMut(&simulate::Walk<'_>) -> ControlFlow<()>) -> Result<simulate::Simulation, String>,
) -> Result<simulate::Simulation, String> {
    let steps = emit::Steps::of(journey);
    if !steps.silent.is_empty() {
        let ids: Vec<String> = steps.silent.iter().map(|id| format!("`{id}`")).collect();
        eprintln!("assumed: steps without a duration take no time in the log: {}", ids.join(", "));
    }
    if !segmented && !journey.segments.is_empty() {
        eprintln!("the log has no segment column: not every segment of the journey has a share to draw walks by");
    }
    let mut result: Option<Result<simulate::Simulation, String>> = None;
    let written = journey_fs::write_streamed(&plan.path, |out| {
        let mut log = emit::Log::new(out, plan.kind, model, &steps, segmented, plan.start)?;
        let mut failed: Option<std::io::Error> = None;
        let simulation = simulate(&mut |walk| match log.walk(walk) {
            Ok(()) => ControlFlow::Continue(()),
            Err(e) => {
                failed = Some(e);
                ControlFlow::Break(())
            }
        });
        if let Some(e) = failed {
            return Err(e);
        }
        let ok = simulation.is_ok();
        result = Some(simulation);
        if !ok {
            return Err(std::io::Error::other("the walks failed"));
        }
        log.finish()
    });
    match (written, result) {
        (_, Some(Err(e))) => Err(e),
        (Err(e), _) => Err(format!("cannot write `{}`: {e}", plan.path.display())),
        (Ok(()), Some(Ok(simulation))) => Ok(simulation),
        (Ok(()), None) => Err(format!("cannot write `{}`", plan.path.display())),
    }
}

fn counted(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", units::count(n as f64), units::plural(n as f64, one, many))
}

/// A flag that Ctrl-C sets (instead of ending the process), so that a long simulation can stop
/// and print what it has.
fn interruption() -> Arc<AtomicBool> {
    let flag = Arc::new(AtomicBool::new(false));
    let set = flag.clone();
    // Without a handler (it cannot be set up), Ctrl-C ends the process as usual.
    let _ = ctrlc::set_handler(move || set.store(true, Ordering::Relaxed));
    flag
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

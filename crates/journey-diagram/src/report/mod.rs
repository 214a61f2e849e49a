//! The HTML report: one self-contained page (no scripts, no fonts fetched, nothing external),
//! in the model's language and a theme, that reads as a document for the people the journey is
//! about: every journey (a scenario's version titled with the scenario's name) with its
//! figures, its most likely path, its experience scorecard, its findings, its steps, its service blueprint and flow
//! diagram, and its comparison with its baseline; then the diagnostics of the check. It prints
//! on A4 landscape with every drawing fitted to the page (a long journey's drawings stage by
//! stage), and no page left blank.
//!
//! A journey's section is a sequence of parts ([`journey_section`]); a new part is one more
//! function in that sequence.

mod css;
pub mod evidence;
mod tables;

use std::fmt::Write;

use journey_analysis::{analyze, compare};
use journey_diagnostics::{Diagnostic, SourceFiles};
use journey_model::ir::*;

use crate::draw::Ctx;
use crate::i18n::{Arg, Messages};
use crate::svg::escape;
use crate::{Options, Prepared};

/// What goes into the report.
pub struct ReportInput<'a> {
    pub model: &'a Model,
    pub files: &'a SourceFiles,
    pub diagnostics: &'a [Diagnostic],
    /// The journeys to show (baselines, competitors, scenario versions).
    pub journeys: &'a [JourneyId],
    pub title: &'a str,
    /// Language and theme (the stage is not used: the report shows whole journeys).
    pub options: Options,
    /// The levels `journey.toml` sets, for what the drawings report (J1001).
    pub config: Option<&'a journey_model::Config>,
    /// What an event log shows of the journeys (`journey build --evidence LOG`).
    pub evidence: &'a [evidence::Evidence],
}

/// The report, and what its drawings had to say (J1001).
pub struct Report {
    pub html: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Journeys longer than this are printed stage by stage.
const PRINT_BY_STAGE: usize = 12;

/// A string safe as part of an HTML id.
fn anchor(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

/// The report's HTML.
pub fn report(input: &ReportInput) -> String {
    render(input).html
}

/// The report's HTML, and the diagnostics of the drawings in it.
pub fn render(input: &ReportInput) -> Report {
    let model = input.model;
    let m = Messages::new(input.options.lang);
    let p = input.options.theme.palette();
    let mut drawing_diagnostics = Vec::new();
    let mut html = String::with_capacity(256 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{}</style>\n</head>\n<body class=\"jr-report\">\n",
        input.options.lang.tag(),
        escape(input.title),
        css::css(p)
    );
    let errors = input.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = input.diagnostics.len() - errors;
    let count = |key: &str, n: usize| m.fmt(key, &[("count", Arg::Num(n as f64))]);
    let base = |o: Origin| o == Origin::Base;
    let summary = [
        count("count-journeys", input.journeys.len()),
        count("count-touchpoints", model.touchpoints.iter().filter(|t| base(t.decl.origin)).count()),
        count("count-procedures", model.procedures.iter().filter(|x| base(x.decl.origin)).count()),
        count("count-systems", model.systems.iter().filter(|x| base(x.decl.origin)).count()),
        m.fmt("count-problems", &[("errors", Arg::Num(errors as f64)), ("warnings", Arg::Num(warnings as f64))]),
    ];
    let _ = writeln!(
        html,
        "<header class=\"jr-header\"><h1>{}</h1><p>{}</p></header>",
        escape(input.title),
        escape(&summary.join(" · "))
    );
    html.push_str("<nav class=\"jr-nav\">");
    for &id in input.journeys {
        let _ = write!(
            html,
            "<a href=\"#j-{}\">{}</a>",
            anchor(&journey_analysis::journey_name(model, id)),
            escape(&heading(model, id))
        );
    }
    let _ =
        write!(html, "<a href=\"#findings\">{}</a></nav>\n<main class=\"jr-main\">\n", escape(&m.get("report-check")));
    for (index, &id) in input.journeys.iter().enumerate() {
        let Some(journey) = model.journey(id) else { continue };
        let ctx = Ctx { model, journey, m, p };
        let evidence = input.evidence.iter().find(|e| e.journey == id);
        journey_section(&mut html, &ctx, id, index, (input.options, evidence), &mut drawing_diagnostics);
    }
    let mut all: Vec<Diagnostic> = input.diagnostics.to_vec();
    let drawn = match input.config {
        Some(config) => config.apply(drawing_diagnostics.clone()),
        None => drawing_diagnostics.clone(),
    };
    all.extend(drawn);
    journey_diagnostics::sort_and_dedup(&mut all);
    check_section(&mut html, &m, input.files, &all);
    html.push_str("</main>\n</body>\n</html>\n");
    Report { html, diagnostics: drawing_diagnostics }
}

/// What a journey's section is titled by: its label, or a scenario's name.
fn heading(model: &Model, id: JourneyId) -> String {
    let Some(journey) = model.journey(id) else { return String::new() };
    match journey.variant {
        Variant::Scenario { scenario, .. } => {
            model.scenarios.get(scenario.index()).map_or(journey.decl.label.to_string(), |s| s.decl.label.to_string())
        }
        Variant::Base => journey.decl.label.to_string(),
    }
}

/// One journey's section: its parts in order.
fn journey_section(
    html: &mut String,
    ctx: &Ctx,
    id: JourneyId,
    index: usize,
    (options, evidence): (Options, Option<&evidence::Evidence>),
    out: &mut Vec<Diagnostic>,
) {
    let name = journey_analysis::journey_name(ctx.model, id);
    let _ = write!(
        html,
        "<section id=\"j-{}\" class=\"jr-section jr-journey\">\n<h2>{}</h2>\n",
        anchor(&name),
        escape(&heading(ctx.model, id))
    );
    subtitle(html, ctx);
    let report = analyze::report(ctx.model, id, &analyze::Options::default());
    if let Some(report) = &report {
        figures(html, ctx, report);
        html.push_str(&tables::scorecard(ctx.model, &ctx.m, ctx.journey));
        findings(html, ctx, report);
    }
    if let Some(e) = evidence {
        html.push_str(&evidence::section(&ctx.m, e));
    }
    let _ = writeln!(html, "<h3>{}</h3>", escape(&ctx.m.get("report-steps")));
    html.push_str(&tables::steps(ctx));
    drawings(html, ctx, index, (options, evidence), out);
    comparison(html, ctx, id);
    html.push_str("</section>\n");
}

fn subtitle(html: &mut String, ctx: &Ctx) {
    let (j, m) = (ctx.journey, &ctx.m);
    let mut sub = Vec::new();
    if let Variant::Scenario { scenario, baseline } = j.variant {
        let base = ctx.model.journey(baseline).map_or("", |b| b.decl.label.as_str());
        sub.push(m.fmt("report-scenario-on", &[("journey", Arg::Str(base))]));
        if let Some(d) = ctx.model.scenarios.get(scenario.index()).and_then(|s| s.decl.description.as_ref()) {
            sub.push(d.to_string());
        }
    }
    if let Some(c) = &j.competitor {
        sub.push(m.fmt("fact-competitor", &[("name", Arg::Str(c))]));
    }
    if let Some(v) = &j.volume {
        sub.push(m.fmt("fact-customers-month", &[("count", Arg::Num(v.per_month().round()))]));
    }
    if let (Variant::Base, Some(d)) = (j.variant, &j.decl.description) {
        sub.push(d.to_string());
    }
    if !sub.is_empty() {
        let _ = writeln!(html, "<p class=\"jr-sub\">{}</p>", escape(&sub.join(" · ")));
    }
}

fn figures(html: &mut String, ctx: &Ctx, report: &analyze::JourneyReport) {
    let m = &ctx.m;
    let _ = writeln!(html, "<h3>{}</h3>", escape(&m.get("report-figures")));
    if let Some(error) = &report.error {
        let _ = writeln!(
            html,
            "<p class=\"jr-error\">{}</p>",
            escape(&m.fmt("report-no-figures", &[("why", Arg::Str(error))]))
        );
        return;
    }
    html.push_str(&tables::figures(m, report));
    if !report.likely_path.is_empty() {
        let path: Vec<String> = report
            .likely_path
            .iter()
            .map(|s| match s.emotion {
                Some(e) => format!("{} ({})", s.label, m.score(e)),
                None => s.label.to_string(),
            })
            .collect();
        let _ = writeln!(
            html,
            "<p><strong>{}</strong> {}</p>",
            escape(&m.get("report-likely-path")),
            escape(&path.join(" → "))
        );
    }
    for a in &report.assumptions {
        let _ =
            writeln!(html, "<p class=\"jr-sub\">{}</p>", escape(&m.fmt("report-assumed", &[("what", Arg::Str(a))])));
    }
    for u in &report.unknown {
        let _ = writeln!(
            html,
            "<p class=\"jr-sub\">{}</p>",
            escape(&m.fmt("report-unknown-why", &[("what", Arg::Str(u))]))
        );
    }
}

fn findings(html: &mut String, ctx: &Ctx, report: &analyze::JourneyReport) {
    if report.findings.is_empty() {
        return;
    }
    let m = &ctx.m;
    let _ = writeln!(html, "<h3>{}</h3>\n<ul class=\"jr-findings\">", escape(&m.get("report-findings")));
    for f in &report.findings {
        let key = format!("finding-{}", f.kind.title().replace(' ', "-"));
        let kind = if m.has(&key) { m.get(&key) } else { f.kind.title().to_string() };
        let _ = writeln!(html, "<li><span class=\"jr-kind\">{}</span>{}</li>", escape(&kind), code(&f.text));
    }
    html.push_str("</ul>\n");
}

/// A drawing of a journey.
type Draw<'a> = &'a dyn Fn(&Prepared, &Options) -> crate::Drawing;

/// The blueprint and the flow diagram; a long journey's also stage by stage, for print.
fn drawings(
    html: &mut String,
    ctx: &Ctx,
    index: usize,
    (options, evidence): (Options, Option<&evidence::Evidence>),
    out: &mut Vec<Diagnostic>,
) {
    let (journey, m) = (ctx.journey, &ctx.m);
    let prepared = Prepared::new(ctx.model, journey);
    let whole = Options { stage: None, ..options };
    let by_stage = journey.steps.len() > PRINT_BY_STAGE && journey.stages.len() > 1;
    let class = if by_stage { " jr-screen" } else { "" };
    // With a log, the blueprint draws its flows by what the log shows.
    let volumes = evidence.map(|e| &e.volumes);
    let blueprint = |prepared: &Prepared, options: &Options| prepared.blueprint(options, volumes);
    let flow = |prepared: &Prepared, options: &Options| prepared.flow(options);
    let draws: [(&str, &str, Draw); 2] = [("report-blueprint", "b", &blueprint), ("report-flow", "f", &flow)];
    for (key, kind, draw) in draws {
        let _ = writeln!(html, "<h3>{}</h3>", escape(&m.get(key)));
        let drawing = draw(&prepared, &whole);
        out.extend(drawing.diagnostics);
        let _ = writeln!(
            html,
            "<figure class=\"jr-diagram{class}\">{}</figure>",
            crate::svg::write_owned(drawing.scene, &format!("d{index}{kind}-"))
        );
        if by_stage {
            for (s, _) in journey.stages.iter().enumerate() {
                let one = Options { stage: Some(StageId(s as u32)), ..options };
                let drawing = draw(&prepared, &one);
                let prefix = format!("d{index}{kind}{s}-");
                let _ = writeln!(
                    html,
                    "<figure class=\"jr-diagram jr-print\">{}</figure>",
                    crate::svg::write_owned(drawing.scene, &prefix)
                );
            }
        }
    }
}

/// A scenario or a competitor, against its baseline.
fn comparison(html: &mut String, ctx: &Ctx, id: JourneyId) {
    let journey = ctx.journey;
    let baseline = match journey.variant {
        Variant::Scenario { baseline, .. } => Some(baseline),
        Variant::Base => journey.compares,
    };
    let Some(base_id) = baseline else { return };
    let (Some(base), Ok(c)) = (ctx.model.journey(base_id), compare::compare(ctx.model, base_id, id)) else { return };
    html.push_str(&tables::comparison(ctx.model, &ctx.m, base, journey, &c));
}

fn check_section(html: &mut String, m: &Messages, files: &SourceFiles, diagnostics: &[Diagnostic]) {
    let _ =
        writeln!(html, "<section id=\"findings\" class=\"jr-section\">\n<h2>{}</h2>", escape(&m.get("report-check")));
    if diagnostics.is_empty() {
        let _ = writeln!(html, "<p class=\"jr-ok\">{}</p>", escape(&m.get("report-no-problems")));
    } else {
        let header: Vec<String> = ["report-col-severity", "report-col-code", "report-col-where", "report-col-what"]
            .iter()
            .map(|k| m.get(k))
            .collect();
        html.push_str("<table class=\"jr-diagnostics\"><thead><tr>");
        for h in &header {
            let _ = write!(html, "<th>{}</th>", escape(h));
        }
        html.push_str("</tr></thead><tbody>\n");
        for d in diagnostics {
            let at = files.position(d.primary.span.file, d.primary.span.start);
            let help =
                d.help.as_ref().map(|h| format!("<br><span class=\"jr-sub\">{}</span>", code(h))).unwrap_or_default();
            let (class, severity) = if d.is_error() {
                ("jr-error", m.get("severity-error"))
            } else {
                ("jr-warning", m.get("severity-warning"))
            };
            let _ = writeln!(
                html,
                "<tr><td class=\"{class}\">{}</td><td><code>{}</code> {}</td><td>{}:{}:{}</td><td>{}{help}</td></tr>",
                escape(&severity),
                d.code.id(),
                d.code.name(),
                escape(files.path(d.primary.span.file)),
                at.line,
                at.col,
                code(&d.message),
            );
        }
        html.push_str("</tbody></table>\n");
    }
    html.push_str("</section>\n");
}

/// Escaped text with `backticked` parts set as code.
fn code(text: &str) -> String {
    let mut out = String::new();
    for (i, part) in escape(text).split('`').enumerate() {
        if i % 2 == 1 {
            let _ = write!(out, "<code>{part}</code>");
        } else {
            out.push_str(part);
        }
    }
    out
}

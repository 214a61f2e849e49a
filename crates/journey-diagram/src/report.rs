//! The HTML report: one self-contained page (no scripts, no fonts, nothing fetched) with, for
//! every journey, its figures, its steps, its service blueprint and flow diagram and its
//! findings; the comparisons of scenarios and competitors with their baselines; and the
//! diagnostics of the check, with their places.

use std::fmt::Write;

use journey_analysis::{analyze, compare};
use journey_diagnostics::{Diagnostic, SourceFiles};
use journey_model::ir::*;
use journey_model::units;

use crate::svg::escape;

/// What goes into the report.
pub struct ReportInput<'a> {
    pub model: &'a Model,
    pub files: &'a SourceFiles,
    pub diagnostics: &'a [Diagnostic],
    /// The journeys to show (baselines, competitors, scenario versions).
    pub journeys: &'a [JourneyId],
    pub title: &'a str,
}

const CSS: &str = "
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font-family: 'Helvetica Neue', Helvetica, Arial, 'Noto Sans', sans-serif; color: #1f2933; background: #f5f7fa; line-height: 1.45; }
header { background: #243b53; color: #fff; padding: 24px 32px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
header p { margin: 0; color: #bcccdc; }
nav { background: #fff; border-bottom: 1px solid #d9e2ec; padding: 10px 32px; position: sticky; top: 0; z-index: 1; }
nav a { margin-right: 16px; color: #2680c2; text-decoration: none; font-weight: 600; }
main { padding: 24px 32px 48px; max-width: 100%; }
section { background: #fff; border: 1px solid #d9e2ec; border-radius: 8px; padding: 20px 24px; margin-bottom: 24px; }
h2 { margin: 0 0 4px; font-size: 22px; }
h3 { margin: 20px 0 8px; font-size: 16px; color: #334e68; }
.sub { color: #52606d; margin: 0 0 12px; }
table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
th, td { border-bottom: 1px solid #e4e7eb; padding: 6px 12px 6px 0; text-align: left; vertical-align: top; }
th { color: #52606d; font-weight: 600; font-size: 12px; text-transform: uppercase; letter-spacing: 0.03em; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.diagram { overflow-x: auto; border: 1px solid #e4e7eb; border-radius: 6px; background: #fff; margin: 8px 0 16px; }
.diagram svg { display: block; }
.error { color: #b3261e; font-weight: 700; }
.warning { color: #a76a00; font-weight: 700; }
.pain { color: #b3261e; }
.risk { color: #a76a00; }
ul.findings li { margin-bottom: 4px; }
.kind { display: inline-block; min-width: 130px; color: #52606d; font-size: 12px; text-transform: uppercase; }
code { background: #f0f4f8; padding: 1px 4px; border-radius: 3px; font-size: 13px; }
.ok { color: #3f9142; font-weight: 700; }
";

/// A string safe as part of an HTML id.
fn anchor(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect()
}

pub fn report(input: &ReportInput) -> String {
    let model = input.model;
    let mut html = String::with_capacity(256 * 1024);
    let _ = write!(
        html,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        escape(input.title)
    );
    let errors = input.diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = input.diagnostics.len() - errors;
    let _ = writeln!(
        html,
        "<header><h1>{}</h1><p>{} journeys · {} touchpoints · {} procedures · {} systems · {} errors, {} warnings</p></header>",
        escape(input.title),
        input.journeys.len(),
        model.touchpoints.iter().filter(|t| t.decl.origin == Origin::Base).count(),
        model.procedures.iter().filter(|p| p.decl.origin == Origin::Base).count(),
        model.systems.iter().filter(|s| s.decl.origin == Origin::Base).count(),
        errors,
        warnings
    );
    html.push_str("<nav>");
    for &id in input.journeys {
        let name = journey_analysis::journey_name(model, id);
        let _ = write!(html, "<a href=\"#j-{}\">{}</a>", anchor(&name), escape(&name));
    }
    html.push_str("<a href=\"#findings\">Findings</a></nav>\n<main>\n");

    for (index, &id) in input.journeys.iter().enumerate() {
        let Some(journey) = model.journey(id) else { continue };
        let name = journey_analysis::journey_name(model, id);
        let _ = write!(
            html,
            "<section id=\"j-{}\" class=\"journey\">\n<h2>{}</h2>\n",
            anchor(&name),
            escape(&journey.decl.label)
        );
        let mut sub = vec![format!("<code>{}</code>", escape(&name))];
        if let Some(c) = &journey.competitor {
            sub.push(format!("competitor: {}", escape(c)));
        }
        if let Some(v) = &journey.volume {
            sub.push(format!("{} customers a month", units::count(v.per_month())));
        }
        if let Some(d) = &journey.decl.description {
            sub.push(escape(d));
        }
        let _ = writeln!(html, "<p class=\"sub\">{}</p>", sub.join(" · "));

        if let Some(report) = analyze::report(model, id, &analyze::Options::default()) {
            html.push_str("<h3>Figures</h3>\n");
            if let Some(error) = &report.error {
                let _ = writeln!(html, "<p class=\"error\">No figures: {}</p>", escape(error));
            } else {
                html.push_str(&table_html(&analyze::figures_table(&report)));
                if !report.likely_path.is_empty() {
                    let path: Vec<String> = report
                        .likely_path
                        .iter()
                        .map(|p| match p.emotion {
                            Some(e) => format!("{} ({})", escape(&p.label), units::score(e)),
                            None => escape(&p.label),
                        })
                        .collect();
                    let _ = writeln!(html, "<p><strong>Most likely path:</strong> {}</p>", path.join(" → "));
                }
                for a in &report.assumptions {
                    let _ = writeln!(html, "<p class=\"sub\">Assumed: {}</p>", escape(a));
                }
            }
            if !report.findings.is_empty() {
                html.push_str("<h3>Findings</h3>\n<ul class=\"findings\">\n");
                for f in &report.findings {
                    let _ =
                        writeln!(html, "<li><span class=\"kind\">{}</span>{}</li>", f.kind.title(), escape(&f.text));
                }
                html.push_str("</ul>\n");
            }
        }

        html.push_str("<h3>Steps</h3>\n");
        html.push_str(&steps_table(model, journey));
        let prefix = format!("d{index}-");
        let _ = write!(
            html,
            "<h3>Service blueprint</h3>\n<div class=\"diagram blueprint\">{}</div>\n<h3>Flow</h3>\n<div class=\"diagram flow\">{}</div>\n",
            crate::blueprint(model, journey, &format!("{prefix}b-")),
            crate::flow(model, journey, &format!("{prefix}f-"))
        );

        // A scenario or a competitor is compared with its baseline.
        let baseline = match journey.variant {
            Variant::Scenario { baseline, .. } => Some(baseline),
            Variant::Base => journey.compares,
        };
        if let Some(base) = baseline {
            if let Ok(c) = compare::compare(model, base, id) {
                let mut t = journey_analysis::render::Table::new(&["metric", &c.base, &c.other, "difference"]);
                for row in &c.rows {
                    t.row(vec![row.metric.clone(), row.shown[0].clone(), row.shown[1].clone(), row.shown[2].clone()]);
                }
                let _ = write!(html, "<h3>Compared with <code>{}</code></h3>\n{}", escape(&c.base), table_html(&t));
                for f in &c.flips {
                    let _ = writeln!(
                        html,
                        "<p>Target <code>{}</code> of <code>{}</code>: {} → {}</p>",
                        escape(&f.target),
                        escape(&f.experience),
                        if f.base_holds { "met" } else { "missed" },
                        if f.other_holds { "met" } else { "missed" }
                    );
                }
            }
        }
        html.push_str("</section>\n");
    }

    html.push_str("<section id=\"findings\">\n<h2>Findings of the check</h2>\n");
    if input.diagnostics.is_empty() {
        html.push_str("<p class=\"ok\">No problems found.</p>\n");
    } else {
        html.push_str("<table class=\"diagnostics\"><thead><tr><th>Severity</th><th>Code</th><th>Where</th><th>What</th></tr></thead><tbody>\n");
        for d in input.diagnostics {
            let at = input.files.position(d.primary.span.file, d.primary.span.start);
            let help = d
                .help
                .as_ref()
                .map(|h| format!("<br><span class=\"sub\">help: {}</span>", escape(h)))
                .unwrap_or_default();
            let _ = writeln!(
                html,
                "<tr><td class=\"{sev}\">{sev}</td><td><code>{}</code> {}</td><td>{}:{}:{}</td><td>{}{help}</td></tr>",
                d.code.id(),
                d.code.name(),
                escape(input.files.path(d.primary.span.file)),
                at.line,
                at.col,
                code(&d.message),
                sev = d.severity.as_str()
            );
        }
        html.push_str("</tbody></table>\n");
    }
    html.push_str("</section>\n</main>\n</body>\n</html>\n");
    html
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

fn table_html(table: &journey_analysis::render::Table) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in &table.header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if i == 0 { "" } else { " class=\"num\"" };
            let _ = write!(out, "<td{class}>{}</td>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    out
}

fn steps_table(model: &Model, journey: &Journey) -> String {
    let mut out = String::from(
        "<table class=\"steps\"><thead><tr><th>Stage</th><th>Step</th><th>Touchpoint</th><th>Channel</th><th>Lane</th><th>Emotion</th><th>Duration</th><th>Pains and risks</th></tr></thead><tbody>\n",
    );
    for id in crate::order::columns(journey) {
        let Some(step) = journey.step(id) else { continue };
        let stage =
            step.stage.and_then(|s| journey.stages.get(s.index())).map_or(String::new(), |s| s.decl.label.to_string());
        let tp = step.at.and_then(|t| model.touchpoint(t));
        let lane = tp
            .and_then(|t| t.lane)
            .and_then(|l| model.lanes.get(l.index()))
            .map_or(String::new(), |l| l.decl.label.to_string());
        let mut notes: Vec<String> =
            step.pains.iter().map(|p| format!("<span class=\"pain\">{}</span>", escape(&p.text))).collect();
        notes.extend(step.risks.iter().map(|r| {
            let chance = r.chance.map(|c| format!(" ({})", units::percent(c))).unwrap_or_default();
            format!("<span class=\"risk\">{}{chance}</span>", escape(&r.label))
        }));
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            escape(&stage),
            escape(&step.decl.label),
            escape(tp.map_or("", |t| t.decl.label.as_str())),
            escape(tp.and_then(|t| t.channel.as_deref()).unwrap_or("")),
            escape(&lane),
            step.emotion.map_or(String::new(), units::score),
            step.duration.map_or(String::new(), units::duration),
            notes.join("<br>")
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

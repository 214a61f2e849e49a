//! The report's tables, in its language: a journey's figures per audience, its steps, and a
//! scenario's or competitor's figures beside its baseline's.

use std::fmt::Write;

use journey_analysis::{analyze, compare};
use journey_model::figures;
use journey_model::ir::*;
use journey_model::schema::Metric;

use crate::draw::Ctx;
use crate::i18n::{Arg, Messages};
use crate::svg::escape;

/// A table: header cells, then rows; every cell but the first of a row is a figure.
pub fn table(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::from("<table><thead><tr>");
    for h in header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if i == 0 { "" } else { " class=\"jr-num\"" };
            let _ = write!(out, "<td{class}>{}</td>", escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table>\n");
    out
}

/// The figures of a journey, for all its customers and per segment; an unknown figure is
/// shown as unknown, a column whose figures cannot be worked out as a dash.
pub fn figures(m: &Messages, report: &analyze::JourneyReport) -> String {
    let mut header = vec![m.get("report-per-customer")];
    let several = report.figures.len() > 1;
    for c in &report.figures {
        let label = match &c.segment {
            None => m.get("report-all-customers"),
            Some(_) => c.label.to_string(),
        };
        header.push(match c.share.filter(|_| several && c.segment.is_some()) {
            Some(share) => format!("{label} ({})", m.percent(share)),
            None => label,
        });
    }
    let unknown = m.get("report-unknown");
    let known = |v: Option<f64>, show: &dyn Fn(f64) -> String| v.map_or_else(|| unknown.clone(), show);
    type Show<'a> = Box<dyn Fn(&analyze::Figures) -> String + 'a>;
    let rows: Vec<(&str, Show)> = vec![
        ("metric-expected-steps-taken", Box::new(|f| m.number(f.expected_steps))),
        ("metric-expected-contacts", Box::new(|f| m.number(f.contacts))),
        ("metric-expected-duration", Box::new(|f| known(f.duration_seconds, &|d| m.duration(d)))),
        ("metric-expected-waiting-at-contacts", Box::new(|f| known(f.waiting_seconds, &|d| m.duration(d)))),
        ("metric-expected-cost", Box::new(|f| known(f.cost, &|c| m.money(c, f.currency.as_deref())))),
        ("metric-expected-emotion", Box::new(|f| known(f.emotion, &|e| m.score(e)))),
        ("metric-channel-switches", Box::new(|f| m.number(f.channel_switches))),
        ("metric-lane-hand-offs", Box::new(|f| m.number(f.handoffs))),
        ("metric-pain-points-met", Box::new(|f| m.number(f.pains))),
        ("metric-chance-of-a-risk", Box::new(|f| known(f.risk, &|r| m.percent(r)))),
        ("metric-customer-effort", Box::new(|f| m.number(f.effort))),
    ];
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|(key, show)| {
            let mut row = vec![m.get(key)];
            row.extend(report.figures.iter().map(|c| c.figures.as_ref().map_or_else(|| "–".to_string(), show)));
            row
        })
        .collect();
    table(&header, &rows)
}

/// The steps in drawing order, with what happens at each.
pub fn steps(ctx: &Ctx) -> String {
    let (model, journey, m) = (ctx.model, ctx.journey, &ctx.m);
    let header: Vec<String> = [
        "report-col-stage",
        "report-col-step",
        "report-col-touchpoint",
        "report-col-staff",
        "report-col-lane",
        "report-col-emotion",
        "report-col-duration",
        "report-col-pains",
    ]
    .iter()
    .map(|k| m.get(k))
    .collect();
    let mut out = String::from("<table class=\"jr-steps\"><thead><tr>");
    for h in &header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    for id in crate::order::columns(journey) {
        let Some(step) = journey.step(id) else { continue };
        let stage = step.stage.and_then(|s| journey.stages.get(s.index())).map_or("", |s| s.decl.label.as_str());
        let tp = ctx.touchpoint(step);
        let place = match tp {
            Some(t) => match &t.channel {
                Some(ch) => format!("{} ({})", t.decl.label, ctx.channel(ch)),
                None => t.decl.label.to_string(),
            },
            None => m.get("card-alone"),
        };
        let lane =
            tp.and_then(|t| t.lane).and_then(|l| model.lanes.get(l.index())).map_or("", |l| l.decl.label.as_str());
        let mut notes: Vec<String> =
            step.pains.iter().map(|p| format!("<span class=\"jr-pain\">{}</span>", escape(&p.text))).collect();
        notes.extend(step.risks.iter().map(|r| {
            let chance = r.chance.map(|c| format!(" ({})", m.percent(c))).unwrap_or_default();
            format!("<span class=\"jr-risk\">{}{}</span>", escape(&r.label), escape(&chance))
        }));
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"jr-num\">{}</td><td class=\"jr-num\">{}</td><td>{}</td></tr>",
            escape(stage),
            escape(&step.decl.label),
            escape(&place),
            escape(step.staff.as_deref().unwrap_or("")),
            escape(lane),
            escape(&step.emotion.map_or(String::new(), |e| m.score(e))),
            escape(&step.duration.map_or(String::new(), |d| m.duration(d))),
            notes.join("<br>")
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

/// A journey's figures beside its baseline's, and the experience targets that flip.
pub fn comparison(model: &Model, m: &Messages, base: &Journey, other: &Journey, c: &compare::Comparison) -> String {
    let label = |j: &Journey| match j.variant {
        Variant::Scenario { scenario, .. } => {
            model.scenarios.get(scenario.index()).map_or(j.decl.label.to_string(), |s| s.decl.label.to_string())
        }
        Variant::Base => j.decl.label.to_string(),
    };
    let currency = journey_model::figures::measure(model, base).ok().and_then(|x| x.currency);
    let header = vec![m.get("report-figure"), label(base), label(other), m.get("report-difference")];
    let unknown = m.get("report-unknown");
    let rows: Vec<Vec<String>> = c
        .rows
        .iter()
        .map(|row| {
            let key = format!("metric-{}", row.metric.replace(' ', "-"));
            if !m.has(&key) {
                // A figure this catalogue does not know yet: shown as the analysis writes it.
                return vec![row.metric.clone(), row.shown[0].clone(), row.shown[1].clone(), row.shown[2].clone()];
            }
            let show = |x: Option<f64>| {
                x.map_or_else(
                    || unknown.clone(),
                    |x| match row.metric.as_str() {
                        "expected duration" | "expected waiting at contacts" => m.duration(x),
                        "expected cost" => m.money(x, currency.as_deref()),
                        "chance of a risk" => m.percent(x),
                        _ => m.number(x),
                    },
                )
            };
            let diff = match row.difference {
                None => unknown.clone(),
                Some(d) if d.abs() < 1e-9 => "=".to_string(),
                Some(d) if d > 0.0 => format!("+{}", show(Some(d))),
                Some(d) => format!("−{}", show(Some(-d))),
            };
            vec![m.get(&key), show(row.base), show(row.other), diff]
        })
        .collect();
    let mut out = format!(
        "<h3>{}</h3>\n{}",
        escape(&m.fmt("report-compared-with", &[("name", Arg::Str(&label(base)))])),
        table(&header, &rows)
    );
    for f in &c.flips {
        let experience = model
            .experiences
            .iter()
            .find(|e| e.decl.id == f.experience)
            .map_or(f.experience.to_string(), |e| e.decl.label.to_string());
        let state = |holds: bool| m.get(if holds { "report-target-met" } else { "report-target-missed" });
        let _ = writeln!(
            out,
            "<p>{}</p>",
            escape(&m.fmt(
                "report-target-flip",
                &[
                    ("experience", Arg::Str(&experience)),
                    ("target", Arg::Str(&f.target)),
                    ("before", Arg::Str(&state(f.base_holds))),
                    ("after", Arg::Str(&state(f.other_holds))),
                ],
            ))
        );
    }
    out
}

/// The key of a figure's name in the catalogues.
fn metric_key(metric: Metric) -> &'static str {
    match metric {
        Metric::Steps => "metric-expected-steps-taken",
        Metric::Contacts => "metric-expected-contacts",
        Metric::Duration => "metric-expected-duration",
        Metric::Waiting => "metric-expected-waiting-at-contacts",
        Metric::Cost => "metric-expected-cost",
        Metric::Emotion => "metric-expected-emotion",
        Metric::Switches => "metric-channel-switches",
        Metric::Handoffs => "metric-lane-hand-offs",
        Metric::Pains => "metric-pain-points-met",
        Metric::Risk => "metric-chance-of-a-risk",
        Metric::Effort => "metric-customer-effort",
    }
}

/// A figure in the language of the report.
fn value(m: &Messages, metric: Metric, v: f64, currency: Option<&str>) -> String {
    match metric {
        Metric::Duration | Metric::Waiting => m.duration(v),
        Metric::Cost => m.money(v, currency),
        Metric::Emotion => m.score(v),
        Metric::Risk => m.percent(v),
        _ => m.number(v),
    }
}

/// The experience scorecard: each target of each experience the journey realizes, the
/// customers it is promised to, their expected figure, and whether the target is met.
pub fn scorecard(model: &Model, m: &Messages, journey: &Journey) -> String {
    let Ok(measured) = figures::measure(model, journey) else { return String::new() };
    let scores = figures::scorecard(model, journey, &measured);
    if scores.is_empty() {
        return String::new();
    }
    let header: Vec<String> =
        ["report-experience", "report-target", "report-customers", "report-expected", "report-verdict"]
            .iter()
            .map(|k| m.get(k))
            .collect();
    let mut out = format!("<h3>{}</h3>\n<table class=\"jr-scorecard\"><thead><tr>", escape(&m.get("report-scorecard")));
    for h in &header {
        let _ = write!(out, "<th>{}</th>", escape(h));
    }
    out.push_str("</tr></thead><tbody>\n");
    for score in &scores {
        let Some(experience) = model.experiences.get(score.experience.index()) else { continue };
        let Some(target) = experience.targets.get(score.target) else { continue };
        let currency = target.currency.as_deref().or(measured.currency.as_deref());
        let op = match target.op.as_str() {
            "<=" => "≤",
            ">=" => "≥",
            "==" => "=",
            other => other,
        };
        let wanted =
            format!("{} {op} {}", m.get(metric_key(target.metric)), value(m, target.metric, target.bound, currency));
        let who = if score.promise.segments.is_empty() {
            m.get("report-all-customers")
        } else {
            let names: Vec<&str> = score
                .promise
                .segments
                .iter()
                .filter_map(|s| model.segments.get(s.index()))
                .map(|s| s.decl.label.as_str())
                .collect();
            names.join(", ")
        };
        let actual = score.actual.map_or_else(|| m.get("report-unknown"), |v| value(m, target.metric, v, currency));
        let (class, verdict) = match score.holds {
            Some(true) => ("jr-ok", m.get("report-target-met")),
            Some(false) => ("jr-error", m.get("report-target-missed")),
            None => ("jr-warning", m.get("report-unknown")),
        };
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"jr-num\">{}</td><td class=\"{class}\">{}</td></tr>",
            escape(&experience.decl.label),
            escape(&wanted),
            escape(&who),
            escape(&actual),
            escape(&verdict)
        );
    }
    out.push_str("</tbody></table>\n");
    out
}

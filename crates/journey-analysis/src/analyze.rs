//! `journey analyze`: each journey's exact figures, for all its customers and per segment,
//! with the most likely path's emotion curve, what was assumed, how each figure is made up
//! (`--explain`), and the findings.

use journey_model::ir::*;
use journey_model::metrics::{Metrics, contributions, metrics};
use journey_model::schema::Metric;
use journey_model::units;
use serde::Serialize;

use crate::findings::{Finding, findings};
use crate::render::Table;

/// The figures of one audience (all customers, or a segment), in base units.
#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    /// `None` for all customers.
    pub segment: Option<SmolStr>,
    pub expected_steps: f64,
    pub contacts: f64,
    pub duration_seconds: f64,
    pub cost: f64,
    pub currency: Option<SmolStr>,
    pub emotion: Option<f64>,
    pub channel_switches: f64,
    pub handoffs: f64,
    pub pains: f64,
    pub risk: f64,
    pub effort: f64,
}

impl Figures {
    fn of(segment: Option<SmolStr>, m: &Metrics) -> Self {
        Figures {
            segment,
            expected_steps: m.expected_steps,
            contacts: m.contacts,
            duration_seconds: m.duration,
            cost: m.cost,
            currency: m.currency.clone(),
            emotion: m.emotion,
            channel_switches: m.channel_switches,
            handoffs: m.handoffs,
            pains: m.pains,
            risk: m.risk,
            effort: m.effort,
        }
    }
}

/// One step's part in a figure.
#[derive(Clone, Debug, Serialize)]
pub struct Part {
    pub step: SmolStr,
    pub visits: f64,
    pub value: f64,
    pub contribution: f64,
}

/// How a figure is made up.
#[derive(Clone, Debug, Serialize)]
pub struct Explanation {
    pub metric: Metric,
    pub total: f64,
    pub parts: Vec<Part>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PathStep {
    pub step: SmolStr,
    pub label: SmolStr,
    pub emotion: Option<f64>,
}

/// Everything `analyze` says about one journey.
#[derive(Clone, Debug, Serialize)]
pub struct JourneyReport {
    pub journey: SmolStr,
    pub label: SmolStr,
    pub competitor: Option<SmolStr>,
    pub scenario: Option<SmolStr>,
    pub volume_per_month: Option<f64>,
    pub stages: usize,
    pub steps: usize,
    pub touchpoints: usize,
    pub channels: usize,
    pub figures: Vec<Figures>,
    pub likely_path: Vec<PathStep>,
    pub assumptions: Vec<String>,
    pub explain: Vec<Explanation>,
    pub findings: Vec<Finding>,
    /// Why no figures could be computed.
    pub error: Option<String>,
}

/// What to analyse.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub segment: Option<SegmentId>,
    pub explain: bool,
}

/// The segments worth a column: those the journey names, when some step is only for some.
fn audiences(journey: &Journey, only: Option<SegmentId>) -> Vec<Option<SegmentId>> {
    if let Some(s) = only {
        return vec![Some(s)];
    }
    let mut out = vec![None];
    if journey.steps.iter().any(|s| !s.segments.is_empty()) {
        out.extend(journey.segments.iter().map(|&s| Some(s)));
    }
    out
}

pub fn report(model: &Model, id: JourneyId, options: &Options) -> Option<JourneyReport> {
    let journey = model.journey(id)?;
    let scenario = match journey.variant {
        Variant::Scenario { scenario, .. } => model.scenarios.get(scenario.index()).map(|s| s.decl.id.clone()),
        Variant::Base => None,
    };
    let mut report = JourneyReport {
        journey: journey.decl.id.clone(),
        label: journey.decl.label.clone(),
        competitor: journey.competitor.clone(),
        scenario,
        volume_per_month: journey.volume.as_ref().map(Volume::per_month),
        stages: journey.stages.len(),
        steps: journey.steps.len(),
        touchpoints: 0,
        channels: 0,
        figures: Vec::new(),
        likely_path: Vec::new(),
        assumptions: Vec::new(),
        explain: Vec::new(),
        findings: Vec::new(),
        error: None,
    };
    let all = match metrics(model, journey, options.segment) {
        Ok(m) => m,
        Err(e) => {
            report.error = Some(match e {
                journey_model::metrics::MetricsError::NoSteps => "the journey has no steps".into(),
                journey_model::metrics::MetricsError::LoopTooLarge(steps) => format!(
                    "a loop of {steps} steps is too large to measure: customers leave it too rarely for its figures to settle"
                ),
                journey_model::metrics::MetricsError::LoopWithoutExit(steps) => {
                    let names: Vec<&str> =
                        steps.iter().filter_map(|&s| journey.step(s)).map(|s| s.decl.id.as_str()).collect();
                    format!(
                        "customers who enter the loop {} never leave it, so its figures are infinite",
                        names.join(" → ")
                    )
                }
            });
            return Some(report);
        }
    };
    report.touchpoints = all.touchpoints;
    report.channels = all.channels;
    report.assumptions = all.assumptions.clone();
    report.likely_path = all
        .likely_path
        .iter()
        .filter_map(|&s| journey.step(s))
        .map(|s| PathStep { step: s.decl.id.clone(), label: s.decl.label.clone(), emotion: s.emotion })
        .collect();
    for audience in audiences(journey, options.segment) {
        let name = audience.and_then(|s| model.segments.get(s.index())).map(|s| s.decl.id.clone());
        if audience == options.segment {
            report.figures.push(Figures::of(name, &all));
        } else if let Ok(m) = metrics(model, journey, audience) {
            report.figures.push(Figures::of(name, &m));
        }
    }
    if options.explain {
        for (metric, _, _, _) in Metric::ALL {
            let parts = contributions(model, journey, &all, metric);
            if parts.is_empty() {
                continue;
            }
            report.explain.push(Explanation {
                metric,
                total: all.get(metric).unwrap_or(0.0),
                parts: parts
                    .iter()
                    .filter_map(|c| {
                        journey.step(c.step).map(|s| Part {
                            step: s.decl.id.clone(),
                            visits: c.visits,
                            value: c.value,
                            contribution: c.contribution,
                        })
                    })
                    .collect(),
            });
        }
    }
    report.findings = findings(model, journey, &all);
    Some(report)
}

fn row(name: &str, figures: &[Figures], cell: impl Fn(&Figures) -> String) -> Vec<String> {
    std::iter::once(name.to_string()).chain(figures.iter().map(cell)).collect()
}

/// The figures as a table: one row per metric, one column per audience.
pub fn figures_table(report: &JourneyReport) -> Table {
    let mut header = vec!["metric".to_string()];
    header.extend(report.figures.iter().map(|f| f.segment.as_deref().unwrap_or("all customers").to_string()));
    let mut t = Table { header, rows: Vec::new() };
    let f = &report.figures;
    t.row(row("expected steps taken", f, |x| units::number(x.expected_steps)));
    t.row(row("expected contacts", f, |x| units::number(x.contacts)));
    t.row(row("expected duration", f, |x| units::duration(x.duration_seconds)));
    t.row(row("expected cost", f, |x| {
        if x.currency.is_some() { units::money(x.cost, x.currency.as_deref()) } else { "-".into() }
    }));
    t.row(row("expected emotion", f, |x| x.emotion.map_or("-".into(), units::score)));
    t.row(row("channel switches", f, |x| units::number(x.channel_switches)));
    t.row(row("lane hand-offs", f, |x| units::number(x.handoffs)));
    t.row(row("pain points met", f, |x| units::number(x.pains)));
    t.row(row("chance of a risk", f, |x| units::percent(x.risk)));
    t.row(row("customer effort", f, |x| units::number(x.effort)));
    t
}

/// The whole report for people (`markdown` for a pull-request comment).
pub fn text(report: &JourneyReport, markdown: bool) -> String {
    let mut out = String::new();
    let heading = format!("{} \"{}\"", report.journey, report.label);
    let mut what = Vec::new();
    if let Some(s) = &report.scenario {
        what.push(format!("scenario `{s}`"));
    }
    if let Some(c) = &report.competitor {
        what.push(format!("competitor: {c}"));
    }
    if let Some(v) = report.volume_per_month {
        what.push(format!("{} customers a month", units::count(v)));
    }
    let what = if what.is_empty() { String::new() } else { format!(" — {}", what.join(", ")) };
    if markdown {
        out.push_str(&format!("### `{}` {}{what}\n\n", report.journey, report.label));
    } else {
        out.push_str(&format!("{heading}{what}\n"));
    }
    out.push_str(&format!(
        "{} stages, {} steps, {} touchpoints, {} channels\n\n",
        report.stages, report.steps, report.touchpoints, report.channels
    ));
    if let Some(error) = &report.error {
        out.push_str(&format!("no figures: {error}\n"));
        return out;
    }
    let table = figures_table(report);
    out.push_str(&if markdown { table.markdown() } else { table.text() });
    if !report.likely_path.is_empty() {
        let curve: Vec<String> = report
            .likely_path
            .iter()
            .map(|p| match p.emotion {
                Some(e) => format!("{} {}", p.step, units::score(e)),
                None => p.step.to_string(),
            })
            .collect();
        out.push_str(&format!("\nmost likely path (emotion): {}\n", curve.join(" → ")));
    }
    for explanation in &report.explain {
        let figure = report.figures.first();
        let metric = explanation.metric;
        let parts: Vec<String> = explanation
            .parts
            .iter()
            .map(|p| format!("{} {} × {}", p.step, units::number(p.visits), format_value(metric, p.value, figure)))
            .collect();
        let total = format_value(metric, explanation.total, figure);
        let line = match (metric, figure) {
            (Metric::Effort, Some(f)) => format!(
                "customer effort {total} = contacts {} + channel switches {} + hand-offs {} + pain points met {}",
                units::number(f.contacts),
                units::number(f.channel_switches),
                units::number(f.handoffs),
                units::number(f.pains)
            ),
            (Metric::Emotion, _) => format!("emotion {total} = the mean over visits of {}", parts.join(", ")),
            (Metric::Risk, _) => {
                let parts: Vec<String> = explanation
                    .parts
                    .iter()
                    .map(|p| {
                        format!("{} ({} visits, {} each)", p.step, units::number(p.visits), units::percent(p.value))
                    })
                    .collect();
                format!("chance of meeting a risk {total}, at {}", parts.join(", "))
            }
            _ => format!("{} {total} = {}", metric.describe(), parts.join(" + ")),
        };
        out.push('\n');
        out.push_str(&line);
    }
    if !report.explain.is_empty() {
        out.push('\n');
    }
    for assumption in &report.assumptions {
        out.push_str(&format!("\nassumed: {assumption}"));
    }
    if !report.assumptions.is_empty() {
        out.push('\n');
    }
    if !report.findings.is_empty() {
        out.push_str(if markdown { "\n**Findings**\n\n" } else { "\nfindings:\n" });
        for finding in &report.findings {
            out.push_str(&format!("- {}: {}\n", finding.kind.title(), finding.text));
        }
    }
    out
}

fn format_value(metric: Metric, value: f64, figures: Option<&Figures>) -> String {
    match metric {
        Metric::Duration => units::duration(value),
        Metric::Risk => units::percent(value),
        Metric::Emotion => units::score(value),
        Metric::Cost => units::money(value, figures.and_then(|f| f.currency.as_deref())),
        _ => units::number(value),
    }
}

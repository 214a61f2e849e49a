//! `journey analyze`: each journey's exact figures, for all its customers and for each of its
//! segments, with the most likely path's emotion curve, what was assumed where the model is
//! silent, why a figure is unknown, how each figure is made up (`--explain`), and the findings.
//! Every figure is [`journey_model::figures`]'s: this module only arranges them.

use journey_model::figures::{self, Audience, Measured, NotMeasured, Unmeasured};
use journey_model::ir::*;
use journey_model::schema::Metric;
use journey_model::units;
use serde::Serialize;

use crate::findings::{Finding, findings};
use crate::render::Table;

/// The figures of one audience, in base units (seconds, amounts, fractions); `null` where
/// unknown, and the whole audience's figures `null` where they cannot be worked out.
#[derive(Clone, Debug, Serialize)]
pub struct Column {
    /// `None` for all customers.
    pub segment: Option<SmolStr>,
    pub label: SmolStr,
    /// The audience's part of the journey's customers.
    pub share: Option<f64>,
    pub customers_per_month: Option<f64>,
    pub figures: Option<Figures>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Figures {
    pub expected_steps: f64,
    pub contacts: f64,
    pub duration_seconds: Option<f64>,
    pub waiting_seconds: Option<f64>,
    pub cost: Option<f64>,
    pub currency: Option<SmolStr>,
    pub emotion: Option<f64>,
    pub channel_switches: f64,
    pub handoffs: f64,
    pub pains: f64,
    pub risk: Option<f64>,
    pub effort: f64,
}

impl Figures {
    fn of(f: &figures::Figures, currency: Option<&SmolStr>) -> Self {
        Figures {
            expected_steps: f.steps,
            contacts: f.contacts,
            duration_seconds: f.duration,
            waiting_seconds: f.waiting,
            cost: f.cost,
            currency: f.cost.and(currency.cloned()),
            emotion: f.emotion,
            channel_switches: f.switches,
            handoffs: f.handoffs,
            pains: f.pains,
            risk: f.risk,
            effort: f.effort,
        }
    }

    pub fn get(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::Steps => Some(self.expected_steps),
            Metric::Contacts => Some(self.contacts),
            Metric::Duration => self.duration_seconds,
            Metric::Waiting => self.waiting_seconds,
            Metric::Cost => self.cost,
            Metric::Emotion => self.emotion,
            Metric::Switches => Some(self.channel_switches),
            Metric::Handoffs => Some(self.handoffs),
            Metric::Pains => Some(self.pains),
            Metric::Risk => self.risk,
            Metric::Effort => Some(self.effort),
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
    /// The columns: all customers first, then each segment where segments walk different steps
    /// (or only the segment asked for).
    pub figures: Vec<Column>,
    /// The segments, when they walk the same steps (and so have the figures of all customers).
    pub same_for: Vec<Column>,
    pub likely_path: Vec<PathStep>,
    pub assumptions: Vec<String>,
    pub unknown: Vec<String>,
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

/// Why a journey has no figures, in words.
pub fn why_unmeasured(model: &Model, journey: &Journey, e: &NotMeasured) -> String {
    let who = e
        .segment
        .and_then(|s| model.segments.get(s.index()))
        .map(|s| format!("for {} (`{}`), ", s.decl.label, s.decl.id))
        .unwrap_or_default();
    match &e.why {
        Unmeasured::NoSteps => "the journey has no steps".into(),
        Unmeasured::LoopTooLarge(steps) => format!(
            "{who}a loop of {steps} steps is too large to measure: customers leave it too rarely for its figures to settle"
        ),
        Unmeasured::LoopWithoutExit(steps) => {
            let names: Vec<&str> = steps.iter().filter_map(|&s| journey.step(s)).map(|s| s.decl.id.as_str()).collect();
            format!(
                "{who}customers who enter the loop {} never leave it, so its figures are infinite",
                names.join(" → ")
            )
        }
    }
}

fn column(model: &Model, measured: &Measured, audience: Audience) -> Column {
    let segment = match audience {
        Audience::Segment(s) => model.segments.get(s.index()),
        Audience::All => None,
    };
    Column {
        segment: segment.map(|s| s.decl.id.clone()),
        label: segment.map_or_else(|| SmolStr::new("all customers"), |s| s.decl.label.clone()),
        share: match audience {
            Audience::All => Some(1.0),
            Audience::Segment(s) => measured.segmentation.weight(s),
        },
        customers_per_month: measured.volume(audience),
        figures: measured.figures(audience).map(|f| Figures::of(f, measured.currency.as_ref())),
    }
}

pub fn report(model: &Model, id: JourneyId, options: &Options) -> Option<JourneyReport> {
    let journey = model.journey(id)?;
    let scenario = match journey.variant {
        Variant::Scenario { scenario, .. } => model.scenarios.get(scenario.index()).map(|s| s.decl.id.clone()),
        Variant::Base => None,
    };
    let [(_, stages), (_, steps), (_, touchpoints), (_, channels)] = crate::compare::shape(model, journey);
    let mut report = JourneyReport {
        journey: journey.decl.id.clone(),
        label: journey.decl.label.clone(),
        competitor: journey.competitor.clone(),
        scenario,
        volume_per_month: journey.volume.as_ref().map(Volume::per_month),
        stages,
        steps,
        touchpoints,
        channels,
        figures: Vec::new(),
        same_for: Vec::new(),
        likely_path: Vec::new(),
        assumptions: Vec::new(),
        unknown: Vec::new(),
        explain: Vec::new(),
        findings: Vec::new(),
        error: None,
    };
    let measured = match figures::measure(model, journey) {
        Ok(m) => m,
        Err(e) => {
            report.error = Some(why_unmeasured(model, journey, &e));
            return Some(report);
        }
    };
    let segments = &measured.segmentation.segments;
    let audience = match options.segment {
        Some(s) if segments.contains(&s) => Audience::Segment(s),
        Some(s) => {
            let name = model.segments.get(s.index()).map_or("", |s| s.decl.id.as_str());
            report.error = Some(format!("the journey is not taken by the segment `{name}`"));
            return Some(report);
        }
        None => Audience::All,
    };
    report.figures.push(column(model, &measured, audience));
    if audience == Audience::All {
        let each = segments.iter().map(|&s| column(model, &measured, Audience::Segment(s)));
        if measured.segmentation.differ { report.figures.extend(each) } else { report.same_for.extend(each) }
    }
    report.assumptions = measured.assumed.clone();
    report.unknown = measured.unknown.clone();
    // The path, the parts and the findings of the first column's customers; where those of all
    // customers are unknown, of the first segment.
    let (focus, shown) = match measured.figures(audience) {
        Some(f) => (audience, f),
        None => match (segments.first(), measured.segments.first()) {
            (Some(&s), Some(f)) => (Audience::Segment(s), f),
            _ => return Some(report),
        },
    };
    report.likely_path = shown
        .likely_path()
        .iter()
        .filter_map(|&s| journey.step(s))
        .map(|s| PathStep { step: s.decl.id.clone(), label: s.decl.label.clone(), emotion: s.emotion })
        .collect();
    if options.explain {
        for (metric, _, _, _) in Metric::ALL.into_iter().filter(|m| m.0 != Metric::Steps) {
            let parts = figures::contributions(model, journey, shown, metric);
            if parts.is_empty() {
                continue;
            }
            report.explain.push(Explanation {
                metric,
                total: shown.get(metric).unwrap_or(0.0),
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
    report.findings = findings(model, journey, &measured, focus);
    Some(report)
}

fn row(name: &str, columns: &[Column], cell: impl Fn(&Figures) -> String) -> Vec<String> {
    std::iter::once(name.to_string())
        .chain(columns.iter().map(|c| c.figures.as_ref().map_or_else(|| "unknown".to_string(), &cell)))
        .collect()
}

/// A figure for people, or `unknown`.
pub fn shown(metric: Metric, value: Option<f64>, currency: Option<&str>) -> String {
    value.map_or_else(|| "unknown".to_string(), |v| units::figure(metric, v, currency))
}

/// The figures as a table: one row per figure, one column per audience.
pub fn figures_table(report: &JourneyReport) -> Table {
    let mut header = vec!["figure".to_string()];
    header.extend(report.figures.iter().map(|c| match (c.segment.as_deref(), c.share) {
        (Some(_), Some(share)) if report.figures.len() > 1 => format!("{} ({})", c.label, units::percent(share)),
        _ => c.label.to_string(),
    }));
    let mut t = Table { header, rows: Vec::new() };
    let columns = &report.figures;
    let money = |f: &Figures| shown(Metric::Cost, f.cost, f.currency.as_deref());
    t.row(row("expected steps taken", columns, |f| units::number(f.expected_steps)));
    t.row(row("expected contacts", columns, |f| units::number(f.contacts)));
    t.row(row("expected duration", columns, |f| shown(Metric::Duration, f.duration_seconds, None)));
    t.row(row("expected waiting at contacts", columns, |f| shown(Metric::Waiting, f.waiting_seconds, None)));
    t.row(row("expected cost", columns, money));
    t.row(row("expected emotion", columns, |f| shown(Metric::Emotion, f.emotion, None)));
    t.row(row("channel switches", columns, |f| units::number(f.channel_switches)));
    t.row(row("lane hand-offs", columns, |f| units::number(f.handoffs)));
    t.row(row("pain points met", columns, |f| units::number(f.pains)));
    t.row(row("chance of a risk", columns, |f| shown(Metric::Risk, f.risk, None)));
    t.row(row("customer effort", columns, |f| units::number(f.effort)));
    if columns.iter().any(|c| c.customers_per_month.is_some()) {
        t.row(
            std::iter::once("customers a month".to_string())
                .chain(columns.iter().map(|c| c.customers_per_month.map_or("-".into(), units::count)))
                .collect(),
        );
    }
    t
}

/// The whole report for people (`markdown` for a pull-request comment).
pub fn text(report: &JourneyReport, markdown: bool) -> String {
    let mut out = String::new();
    let mut what = Vec::new();
    if let Some(s) = &report.scenario {
        what.push(format!("scenario `{s}`"));
    }
    if let Some(c) = &report.competitor {
        what.push(format!("competitor: {c}"));
    }
    if let Some(v) = report.volume_per_month {
        what.push(format!("{} {} a month", units::count(v), units::plural(v.round(), "customer", "customers")));
    }
    let what = if what.is_empty() { String::new() } else { format!(" — {}", what.join(", ")) };
    if markdown {
        out.push_str(&format!("### `{}` {}{what}\n\n", report.journey, report.label));
    } else {
        out.push_str(&format!("{} \"{}\"{what}\n", report.journey, report.label));
    }
    out.push_str(&format!(
        "{}, {}, {}, {}\n\n",
        units::counted(report.stages, "stage", "stages"),
        units::counted(report.steps, "step", "steps"),
        units::counted(report.touchpoints, "touchpoint", "touchpoints"),
        units::counted(report.channels, "channel", "channels")
    ));
    if let Some(error) = &report.error {
        out.push_str(&format!("no figures: {error}\n"));
        return out;
    }
    let table = figures_table(report);
    out.push_str(&if markdown { table.markdown() } else { table.text() });
    if !report.same_for.is_empty() {
        let each: Vec<String> = report
            .same_for
            .iter()
            .map(|c| {
                let mut s = format!("{} ({}", c.label, c.share.map_or("share unknown".into(), units::percent));
                if let Some(v) = c.customers_per_month {
                    s.push_str(&format!(", {} a month", units::count(v)));
                }
                s + ")"
            })
            .collect();
        out.push_str(&format!("\nsegments, all walking the same steps: {}\n", each.join(", ")));
    }
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
    out.push_str(&explained(report));
    for (title, notes) in [("unknown", &report.unknown), ("assumed", &report.assumptions)] {
        for note in notes {
            out.push_str(&format!("\n{title}: {note}"));
        }
        if !notes.is_empty() {
            out.push('\n');
        }
    }
    if !report.findings.is_empty() {
        out.push_str(if markdown { "\n**Findings**\n\n" } else { "\nfindings:\n" });
        for finding in &report.findings {
            out.push_str(&format!("- {}: {}\n", finding.kind.title(), finding.text));
        }
    }
    out
}

/// `--explain`: each figure as the sum (or mean) of its parts.
fn explained(report: &JourneyReport) -> String {
    let mut out = String::new();
    let figure = report.figures.first().and_then(|c| c.figures.as_ref());
    let currency = figure.and_then(|f| f.currency.as_deref());
    for explanation in &report.explain {
        let metric = explanation.metric;
        let show = |v: f64| units::figure(metric, v, currency);
        let parts: Vec<String> = explanation
            .parts
            .iter()
            .map(|p| format!("{} {} × {}", p.step, units::number(p.visits), show(p.value)))
            .collect();
        let total = show(explanation.total);
        let line = match metric {
            Metric::Emotion => format!("emotion {total} = the mean over visits of {}", parts.join(", ")),
            Metric::Risk => {
                let parts: Vec<String> = explanation
                    .parts
                    .iter()
                    .map(|p| {
                        let noun = units::plural(p.visits, "visit", "visits");
                        format!("{} ({} {noun}, {} each)", p.step, units::number(p.visits), units::percent(p.value))
                    })
                    .collect();
                format!("chance of meeting a risk {total}, at {}", parts.join(", "))
            }
            _ => format!("{} {total} = {}", metric.describe(), parts.join(" + ")),
        };
        out.push('\n');
        out.push_str(&line);
    }
    if let (false, Some(f)) = (report.explain.is_empty(), figure) {
        out.push_str(&format!(
            "\ncustomer effort {} = contacts {} + channel switches {} + hand-offs {} + pain points met {}",
            units::number(f.effort),
            units::number(f.contacts),
            units::number(f.channel_switches),
            units::number(f.handoffs),
            units::number(f.pains)
        ));
    }
    if !report.explain.is_empty() {
        out.push('\n');
    }
    out
}

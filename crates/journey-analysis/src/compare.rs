//! `journey compare BASE OTHER`: a scenario against its baseline, or a competitor's journey
//! against ours: every figure side by side with the difference, the steps and touchpoints
//! added, removed and changed, and the experience targets that flip.

use journey_model::figures::{self, Audience, Figures, Measured};
use journey_model::ir::*;
use journey_model::schema::Metric;
use journey_model::units;
use serde::Serialize;

use crate::analyze::{self, why_unmeasured};
use crate::journey_name;
use crate::render::Table;

/// One figure of both journeys. A figure unknown on either side has no difference: it is
/// shown as unknown and left out, never counted as zero.
#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub metric: String,
    pub base: Option<f64>,
    pub other: Option<f64>,
    pub difference: Option<f64>,
    pub shown: [String; 3],
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Changes {
    pub added: Vec<SmolStr>,
    pub removed: Vec<SmolStr>,
    /// The id, and what changed.
    pub changed: Vec<(SmolStr, Vec<String>)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TargetFlip {
    pub experience: SmolStr,
    /// The segments the promise is made to; empty for all customers.
    pub segments: Vec<SmolStr>,
    pub target: String,
    pub base: String,
    pub other: String,
    pub base_holds: bool,
    pub other_holds: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct Comparison {
    pub base: SmolStr,
    pub other: SmolStr,
    pub rows: Vec<Row>,
    pub steps: Changes,
    pub touchpoints: Changes,
    /// Targets of the experiences the base realizes, where the two differ in meeting them.
    pub flips: Vec<TargetFlip>,
}

/// How many stages, steps, touchpoints and channels a journey has.
pub(crate) fn shape(model: &Model, journey: &Journey) -> [(&'static str, usize); 4] {
    let mut touchpoints: Vec<TouchpointId> = journey.steps.iter().filter(|s| !s.alone).filter_map(|s| s.at).collect();
    touchpoints.sort();
    touchpoints.dedup();
    let mut channels: Vec<&str> =
        touchpoints.iter().filter_map(|&t| model.touchpoint(t)).filter_map(|t| t.channel.as_deref()).collect();
    channels.sort();
    channels.dedup();
    [
        ("stages", journey.stages.len()),
        ("steps", journey.steps.len()),
        ("touchpoints", touchpoints.len()),
        ("channels", channels.len()),
    ]
}

fn shape_rows(model: &Model, base: &Journey, other: &Journey) -> Vec<Row> {
    shape(model, base)
        .into_iter()
        .zip(shape(model, other))
        .map(|((name, x), (_, y))| {
            let d = y as f64 - x as f64;
            let diff = if d == 0.0 { "=".into() } else { format!("{d:+}") };
            Row {
                metric: name.into(),
                base: Some(x as f64),
                other: Some(y as f64),
                difference: Some(d),
                shown: [x.to_string(), y.to_string(), diff],
            }
        })
        .collect()
}

fn figure_rows(base: &Measured, a: &Figures, other: &Measured, b: &Figures) -> Vec<Row> {
    let mut rows = Vec::new();
    // Costs in different currencies cannot be set against each other.
    let same_currency = a.cost.is_none() || b.cost.is_none() || base.currency == other.currency;
    for (metric, _, _, _) in Metric::ALL {
        let (x, y) = (a.get(metric), b.get(metric));
        let (x, y) = if metric == Metric::Cost && !same_currency { (x, None) } else { (x, y) };
        let show = |v: Option<f64>, m: &Measured| analyze::shown(metric, v, m.currency.as_deref());
        let difference = x.zip(y).map(|(x, y)| y - x);
        let diff = match difference {
            None => "—".to_string(),
            Some(d) if d.abs() < 1e-9 => "=".to_string(),
            Some(d) => {
                let magnitude = units::figure(metric, d.abs(), base.currency.as_deref());
                let magnitude = magnitude.trim_start_matches('+');
                format!("{}{magnitude}", if d > 0.0 { "+" } else { "-" })
            }
        };
        rows.push(Row {
            metric: row_name(metric).into(),
            base: x,
            other: y,
            difference,
            shown: [show(x, base), show(y, other), diff],
        });
    }
    rows
}

/// How a figure's row is headed, as in `analyze`.
fn row_name(metric: Metric) -> &'static str {
    match metric {
        Metric::Steps => "expected steps taken",
        Metric::Contacts => "expected contacts",
        Metric::Duration => "expected duration",
        Metric::Waiting => "expected waiting at contacts",
        Metric::Cost => "expected cost",
        Metric::Emotion => "expected emotion",
        Metric::Switches => "channel switches",
        Metric::Handoffs => "lane hand-offs",
        Metric::Pains => "pain points met",
        Metric::Risk => "chance of a risk",
        Metric::Effort => "customer effort",
    }
}

fn step_changes(model: &Model, base: &Journey, other: &Journey) -> Changes {
    let mut changes = Changes::default();
    let by_id = |j: &'_ Journey| -> std::collections::HashMap<SmolStr, usize> {
        j.steps.iter().enumerate().map(|(i, s)| (s.decl.id.clone(), i)).collect()
    };
    let (in_base, in_other) = (by_id(base), by_id(other));
    for step in &other.steps {
        if !in_base.contains_key(&step.decl.id) {
            changes.added.push(step.decl.id.clone());
        }
    }
    for step in &base.steps {
        let Some(theirs) = in_other.get(&step.decl.id).and_then(|&i| other.steps.get(i)) else {
            changes.removed.push(step.decl.id.clone());
            continue;
        };
        let place = |s: &Step| -> SmolStr {
            match (s.alone, s.at.and_then(|t| model.touchpoint(t))) {
                (true, _) => "(alone)".into(),
                (false, Some(t)) => t.decl.id.clone(),
                (false, None) => "-".into(),
            }
        };
        let mut what = Vec::new();
        if place(step) != place(theirs) {
            what.push(format!("at {} → {}", place(step), place(theirs)));
        }
        if step.emotion != theirs.emotion {
            let e = |x: Option<f64>| x.map_or("-".into(), units::score);
            what.push(format!("emotion {} → {}", e(step.emotion), e(theirs.emotion)));
        }
        if step.duration != theirs.duration {
            let d = |x: Option<f64>| x.map_or("-".into(), units::duration);
            what.push(format!("duration {} → {}", d(step.duration), d(theirs.duration)));
        }
        if step.cost != theirs.cost {
            what.push("cost".into());
        }
        if step.via.len() != theirs.via.len()
            || step.risks.len() != theirs.risks.len()
            || step.pains.len() != theirs.pains.len()
        {
            what.push("procedures, risks or pains".into());
        }
        if !what.is_empty() {
            changes.changed.push((step.decl.id.clone(), what));
        }
    }
    changes
}

fn touchpoint_changes(model: &Model, base: &Journey, other: &Journey) -> Changes {
    let used = |j: &Journey| {
        let mut ids: Vec<TouchpointId> = j.steps.iter().filter_map(|s| s.at).collect();
        ids.sort();
        ids.dedup();
        ids
    };
    let (a, b) = (used(base), used(other));
    let name = |t: &TouchpointId| model.touchpoint(*t).map_or(SmolStr::default(), |t| t.decl.id.clone());
    let mut changes = Changes::default();
    for t in &b {
        if !a.iter().any(|x| name(x) == name(t)) {
            changes.added.push(name(t));
        }
    }
    for t in &a {
        match b.iter().find(|x| name(x) == name(t)) {
            None => changes.removed.push(name(t)),
            Some(theirs) if theirs != t => {
                let (Some(x), Some(y)) = (model.touchpoint(*t), model.touchpoint(*theirs)) else { continue };
                let mut what = Vec::new();
                if x.channel != y.channel {
                    what.push(format!(
                        "channel {} → {}",
                        x.channel.clone().unwrap_or_default(),
                        y.channel.clone().unwrap_or_default()
                    ));
                }
                if x.response != y.response {
                    let r = |v: Option<f64>| v.map_or("-".into(), units::duration);
                    what.push(format!("response {} → {}", r(x.response), r(y.response)));
                }
                if x.lane != y.lane {
                    what.push("lane".into());
                }
                if x.script != y.script {
                    what.push("script".into());
                }
                if x.cost != y.cost {
                    what.push("cost".into());
                }
                if x.supported_by.len() != y.supported_by.len() || x.uses.len() != y.uses.len() {
                    what.push("backing".into());
                }
                if !what.is_empty() {
                    changes.changed.push((name(t), what));
                }
            }
            Some(_) => {}
        }
    }
    changes
}

pub fn compare(model: &Model, base_id: JourneyId, other_id: JourneyId) -> Result<Comparison, String> {
    let (Some(base), Some(other)) = (model.journey(base_id), model.journey(other_id)) else {
        return Err("no such journey".into());
    };
    let measure = |j: &Journey| {
        figures::measure(model, j)
            .map_err(|e| format!("`{}` has no figures: {}", j.decl.id, why_unmeasured(model, j, &e)))
    };
    let (mb, mo) = (measure(base)?, measure(other)?);
    let unknown = |j: &Journey| {
        format!(
            "the figures of `{}` for all its customers are unknown: its segments walk different steps and not all have a share",
            j.decl.id
        )
    };
    let a = mb.figures(Audience::All).ok_or_else(|| unknown(base))?;
    let b = mo.figures(Audience::All).ok_or_else(|| unknown(other))?;
    let mut flips = Vec::new();
    for &e in &base.realizes {
        let Some(experience) = model.experiences.get(e.index()) else { continue };
        for promise in figures::promised(experience, &mb) {
            let (Some(fa), Some(fb)) = (mb.figures(promise.audience), mo.figures(promise.audience)) else { continue };
            let segments: Vec<SmolStr> = promise
                .segments
                .iter()
                .filter_map(|s| model.segments.get(s.index()))
                .map(|s| s.decl.id.clone())
                .collect();
            for target in &experience.targets {
                let (Some(x), Some(y)) = (fa.get(target.metric), fb.get(target.metric)) else { continue };
                let (hx, hy) = (target.op.holds(x, target.bound), target.op.holds(y, target.bound));
                if hx == hy {
                    continue;
                }
                let show = |v: f64, m: &Measured| units::figure(target.metric, v, m.currency.as_deref());
                flips.push(TargetFlip {
                    experience: experience.decl.id.clone(),
                    segments: segments.clone(),
                    target: format!(
                        "{} {} {}",
                        target.metric.name(),
                        target.op.as_str(),
                        units::figure(target.metric, target.bound, target.currency.as_deref())
                    ),
                    base: show(x, &mb),
                    other: show(y, &mo),
                    base_holds: hx,
                    other_holds: hy,
                });
            }
        }
    }
    Ok(Comparison {
        base: journey_name(model, base_id),
        other: journey_name(model, other_id),
        rows: shape_rows(model, base, other).into_iter().chain(figure_rows(&mb, a, &mo, b)).collect(),
        steps: step_changes(model, base, other),
        touchpoints: touchpoint_changes(model, base, other),
        flips,
    })
}

fn changes_text(title: &str, c: &Changes, markdown: bool) -> String {
    if c.added.is_empty() && c.removed.is_empty() && c.changed.is_empty() {
        return String::new();
    }
    let mut out = if markdown { format!("\n**{title}**\n\n") } else { format!("\n{title}:\n") };
    for id in &c.added {
        out.push_str(&format!("- added `{id}`\n"));
    }
    for id in &c.removed {
        out.push_str(&format!("- removed `{id}`\n"));
    }
    for (id, what) in &c.changed {
        out.push_str(&format!("- changed `{id}`: {}\n", what.join(", ")));
    }
    out
}

pub fn text(c: &Comparison, markdown: bool) -> String {
    let mut table = Table::new(&["figure", &c.base, &c.other, "difference"]);
    for row in &c.rows {
        table.row(vec![row.metric.clone(), row.shown[0].clone(), row.shown[1].clone(), row.shown[2].clone()]);
    }
    let mut out =
        if markdown { format!("### {} vs {}\n\n{}", c.base, c.other, table.markdown()) } else { table.text() };
    out.push_str(&changes_text("steps", &c.steps, markdown));
    out.push_str(&changes_text("touchpoints", &c.touchpoints, markdown));
    if !c.flips.is_empty() {
        out.push_str(if markdown {
            "\n**Experience targets that flip**\n\n"
        } else {
            "\nexperience targets that flip:\n"
        });
        for f in &c.flips {
            let verdict = |holds: bool| if holds { "met" } else { "missed" };
            let who = if f.segments.is_empty() {
                String::new()
            } else {
                format!(" for {}", f.segments.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" and "))
            };
            out.push_str(&format!(
                "- `{}` of `{}`{who}: {} ({}) → {} ({})\n",
                f.target,
                f.experience,
                verdict(f.base_holds),
                f.base,
                verdict(f.other_holds),
                f.other
            ));
        }
    }
    out
}

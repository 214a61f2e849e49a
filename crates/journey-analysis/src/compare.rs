//! `journey compare BASE OTHER`: a scenario against its baseline, or a competitor's journey
//! against ours: every figure side by side with the difference, the steps and touchpoints
//! added, removed and changed, and the experience targets that flip.

use std::collections::HashMap;

use journey_model::ir::*;
use journey_model::metrics::{Metrics, metrics};
use journey_model::rules::targets::show;
use journey_model::units;
use serde::Serialize;

use crate::journey_name;
use crate::render::Table;

#[derive(Clone, Debug, Serialize)]
pub struct Row {
    pub metric: String,
    pub base: f64,
    pub other: f64,
    pub difference: f64,
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

fn figure_rows(base: &Metrics, other: &Metrics) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut add = |name: &str, a: f64, b: f64, show: &dyn Fn(f64) -> String| {
        let d = b - a;
        let diff = if d.abs() < 1e-9 {
            "=".to_string()
        } else if d > 0.0 {
            format!("+{}", show(d))
        } else {
            format!("-{}", show(-d))
        };
        rows.push(Row { metric: name.into(), base: a, other: b, difference: d, shown: [show(a), show(b), diff] });
    };
    add("steps", base.steps as f64, other.steps as f64, &|x| units::number(x));
    add("touchpoints", base.touchpoints as f64, other.touchpoints as f64, &|x| units::number(x));
    add("channels", base.channels as f64, other.channels as f64, &|x| units::number(x));
    add("expected steps taken", base.expected_steps, other.expected_steps, &|x| units::number(x));
    add("expected contacts", base.contacts, other.contacts, &|x| units::number(x));
    add("expected duration", base.duration, other.duration, &|x| units::duration(x));
    let currency = base.currency.clone().or_else(|| other.currency.clone());
    add("expected cost", base.cost, other.cost, &|x| units::money(x, currency.as_deref()));
    if let (Some(a), Some(b)) = (base.emotion, other.emotion) {
        add("expected emotion", a, b, &|x| units::number(x));
    }
    add("channel switches", base.channel_switches, other.channel_switches, &|x| units::number(x));
    add("lane hand-offs", base.handoffs, other.handoffs, &|x| units::number(x));
    add("pain points met", base.pains, other.pains, &|x| units::number(x));
    add("chance of a risk", base.risk, other.risk, &|x| units::percent(x));
    add("customer effort", base.effort, other.effort, &|x| units::number(x));
    rows
}

fn step_changes(model: &Model, base: &Journey, other: &Journey) -> Changes {
    let mut changes = Changes::default();
    // Steps by id, looked up once each rather than searched for (a journey may have 100,000).
    let ids = |j: &'_ Journey| -> HashMap<SmolStr, usize> {
        j.steps.iter().enumerate().map(|(i, s)| (s.decl.id.clone(), i)).collect()
    };
    let (in_base, in_other) = (ids(base), ids(other));
    for step in &other.steps {
        if !in_base.contains_key(&step.decl.id) {
            changes.added.push(step.decl.id.clone());
        }
    }
    for step in &base.steps {
        let Some(theirs) = in_other.get(&step.decl.id).and_then(|&s| other.steps.get(s)) else {
            changes.removed.push(step.decl.id.clone());
            continue;
        };
        let tp = |s: &Step| s.at.and_then(|t| model.touchpoint(t)).map(|t| t.decl.id.clone());
        let mut what = Vec::new();
        if tp(step) != tp(theirs) {
            what.push(format!("at {} → {}", tp(step).unwrap_or_default(), tp(theirs).unwrap_or_default()));
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
    let figures = |j: &Journey| metrics(model, j, None).map_err(|e| format!("`{}` has no figures: {e:?}", j.decl.id));
    let (a, b) = (figures(base)?, figures(other)?);
    let mut flips = Vec::new();
    for &e in &base.realizes {
        let Some(experience) = model.experiences.get(e.index()) else { continue };
        for target in &experience.targets {
            let (Some(x), Some(y)) = (a.get(target.metric), b.get(target.metric)) else { continue };
            let (hx, hy) = (target.op.holds(x, target.bound), target.op.holds(y, target.bound));
            if hx != hy {
                flips.push(TargetFlip {
                    experience: experience.decl.id.clone(),
                    target: format!(
                        "{} {} {}",
                        target.metric.name(),
                        target.op.as_str(),
                        show(target.metric, target.bound, &a)
                    ),
                    base: show(target.metric, x, &a),
                    other: show(target.metric, y, &b),
                    base_holds: hx,
                    other_holds: hy,
                });
            }
        }
    }
    Ok(Comparison {
        base: journey_name(model, base_id),
        other: journey_name(model, other_id),
        rows: figure_rows(&a, &b),
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
    let mut table = Table::new(&["metric", &c.base, &c.other, "difference"]);
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
            out.push_str(&format!(
                "- `{}` of `{}`: {} ({}) → {} ({})\n",
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

//! What a scenario changes, step by step, against its baseline: a step it adds, and a step it
//! changes (the steps it removes are the baseline's steps it lacks) — in what the customer does and feels there (label, emotion,
//! duration, cost, pains, evidence, risks), where it happens (the touchpoint and how it is
//! staffed), what staff do, what runs behind it, or where customers go next.

use journey_model::ir::*;

/// How a column of a scenario's blueprint stands to the baseline.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    Same,
    Added,
    /// The message keys of what changed.
    Changed(Vec<&'static str>),
}

/// The baseline of a scenario's version of a journey.
pub fn baseline<'a>(model: &'a Model, journey: &Journey) -> Option<&'a Journey> {
    match journey.variant {
        Variant::Scenario { baseline, .. } => model.journey(baseline),
        Variant::Base => None,
    }
}

/// How a scenario's step stands to the baseline's step of the same id.
pub fn mark(model: &Model, base: &Journey, journey: &Journey, step: &Step) -> Mark {
    let Some(theirs) = base.find_step(&step.decl.id).and_then(|s| base.step(s)) else {
        return Mark::Added;
    };
    let mut what = Vec::new();
    let texts = |t: &[Text]| t.iter().map(|t| t.text.clone()).collect::<Vec<_>>();
    if step.decl.label != theirs.decl.label || step.staff != theirs.staff {
        what.push("change-action");
    }
    if touchpoint(model, step) != touchpoint(model, theirs) {
        what.push("change-touchpoint");
    }
    if step.emotion != theirs.emotion {
        what.push("change-emotion");
    }
    if step.duration != theirs.duration || step.cost != theirs.cost {
        what.push("change-time-cost");
    }
    let risks = |s: &Step| s.risks.iter().map(|r| (r.label.clone(), r.chance.map(f64::to_bits))).collect::<Vec<_>>();
    if texts(&step.pains) != texts(&theirs.pains)
        || texts(&step.evidence) != texts(&theirs.evidence)
        || risks(step) != risks(theirs)
    {
        what.push("change-pains");
    }
    let via = |s: &Step| {
        s.via.iter().filter_map(|p| model.procedures.get(p.index())).map(|p| p.decl.id.clone()).collect::<Vec<_>>()
    };
    if via(step) != via(theirs) {
        what.push("change-backstage");
    }
    if next(journey, step) != next(base, theirs) {
        what.push("change-flows");
    }
    if what.is_empty() { Mark::Same } else { Mark::Changed(what) }
}

/// A touchpoint as it meets the customer: its id, label, channel, response time (as bits),
/// script and lane.
type Shown = (SmolStr, SmolStr, Option<SmolStr>, Option<u64>, Option<SmolStr>, Option<LaneId>);

/// A touchpoint as it meets the customer: its id and everything about it that shows.
fn touchpoint(model: &Model, step: &Step) -> Option<Shown> {
    let t = step.at.and_then(|t| model.touchpoint(t))?;
    Some((
        t.decl.id.clone(),
        t.decl.label.clone(),
        t.channel.clone(),
        t.response.map(f64::to_bits),
        t.script.clone(),
        t.lane,
    ))
}

/// Where customers go from a step: the next steps' ids with their written shares.
fn next(journey: &Journey, step: &Step) -> Vec<(SmolStr, Option<u64>)> {
    let Some(id) = journey.find_step(&step.decl.id) else { return Vec::new() };
    let mut out: Vec<(SmolStr, Option<u64>)> = journey
        .flows
        .iter()
        .filter(|f| f.from == id && !f.implicit)
        .filter_map(|f| journey.step(f.to).map(|s| (s.decl.id.clone(), f.share.map(f64::to_bits))))
        .collect();
    out.sort();
    out
}

//! Findings: where a journey can be streamlined and where it fails its customers, each ranked
//! by what it costs per month where the journey has a volume.
//!
//! - **consolidation**: one customer intent served at several touchpoints; consecutive steps
//!   at the same touchpoint that could be one;
//! - **contact driver**: contact steps with pain points, ranked by contacts a month (the root
//!   causes of contact: "no size chart causes 3,600 calls a month"), and loops back into
//!   contact steps with the repeat contacts they cause;
//! - **failure point**: risks ranked by occurrences a month × the emotion drop, with whether a
//!   recovery exists;
//! - **hand-off hot spot**: the pairs of lanes customers are passed between most (the
//!   Rummler-Brache view).

use std::collections::BTreeMap;

use journey_model::ir::*;
use journey_model::metrics::{Chain, Metrics, is_contact};
use journey_model::units;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    ContactDriver,
    FailurePoint,
    HandoffHotSpot,
    Consolidation,
}

impl Kind {
    pub fn title(self) -> &'static str {
        match self {
            Kind::ContactDriver => "contact driver",
            Kind::FailurePoint => "failure point",
            Kind::HandoffHotSpot => "hand-off hot spot",
            Kind::Consolidation => "consolidation",
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Finding {
    pub kind: Kind,
    /// One sentence.
    pub text: String,
    /// What it weighs: per month when the journey has a volume, else per customer.
    pub weight: f64,
    pub per_month: bool,
    pub steps: Vec<SmolStr>,
}

/// The findings of one journey, heaviest first within each kind.
pub fn findings(model: &Model, journey: &Journey, metrics: &Metrics) -> Vec<Finding> {
    let volume = metrics.volume_per_month;
    let scale = |per_customer: f64| volume.map_or(per_customer, |v| per_customer * v);
    let unit = if volume.is_some() { " a month" } else { " per customer" };
    let count = |x: f64| if volume.is_some() { units::count(x) } else { units::number(x) };
    let mut out = Vec::new();
    let visits = |s: usize| metrics.visits.get(s).copied().unwrap_or(0.0);

    // Contact drivers: contact steps with pains.
    for (i, step) in journey.steps.iter().enumerate() {
        if !is_contact(model, step) || step.pains.is_empty() || visits(i) <= 0.0 {
            continue;
        }
        let per = scale(visits(i));
        for pain in &step.pains {
            out.push(Finding {
                kind: Kind::ContactDriver,
                text: format!("\"{}\" causes {} contacts{unit} at `{}`", pain.text, count(per), step.decl.id),
                weight: per,
                per_month: volume.is_some(),
                steps: vec![step.decl.id.clone()],
            });
        }
    }
    // Repeat contacts: a contact step visited more often than it is reached. Only a step on a
    // loop can be; asking the others would solve the whole chain once per step.
    let chain = Chain::of(journey, None);
    let looped = on_a_loop(journey);
    for (i, step) in journey.steps.iter().enumerate() {
        if !is_contact(model, step) || !looped.get(i).copied().unwrap_or(false) {
            continue;
        }
        let mut pass = vec![1.0; journey.steps.len()];
        pass[i] = 0.0;
        let Ok(never) = chain.survival(journey, &pass) else { continue };
        let reached = 1.0 - never;
        let repeats = visits(i) - reached;
        if repeats > 1e-9 {
            out.push(Finding {
                kind: Kind::ContactDriver,
                text: format!(
                    "customers come back to `{}`: {} repeat contacts{unit}",
                    step.decl.id,
                    count(scale(repeats))
                ),
                weight: scale(repeats),
                per_month: volume.is_some(),
                steps: vec![step.decl.id.clone()],
            });
        }
    }
    // Failure points.
    for (i, step) in journey.steps.iter().enumerate() {
        for risk in &step.risks {
            let occurrences = visits(i) * risk.chance.unwrap_or(0.0);
            if occurrences <= 0.0 {
                continue;
            }
            let drop = match (step.emotion, risk.emotion) {
                (Some(before), Some(after)) => (before - after).max(0.0),
                (None, Some(after)) => (-after).max(0.0),
                _ => 1.0,
            };
            let recovery = match risk.recovery {
                Some(Recovery::Step(s)) => {
                    journey.step(s).map_or("a step".to_string(), |s| format!("recovered at `{}`", s.decl.id))
                }
                Some(Recovery::Procedure(p)) => model
                    .procedures
                    .get(p.index())
                    .map_or("a procedure".into(), |p| format!("recovered by `{}`", p.decl.id)),
                None => "no recovery".to_string(),
            };
            out.push(Finding {
                kind: Kind::FailurePoint,
                text: format!(
                    "\"{}\" at `{}` happens {} times{unit}, emotion drop {}; {recovery}",
                    risk.label,
                    step.decl.id,
                    count(scale(occurrences)),
                    units::number(drop)
                ),
                weight: scale(occurrences) * drop.max(0.1),
                per_month: volume.is_some(),
                steps: vec![step.decl.id.clone()],
            });
        }
    }
    // Hand-off hot spots.
    let lane_of = |s: &Step| s.at.and_then(|t| model.touchpoint(t)).and_then(|t| t.lane);
    let mut pairs: BTreeMap<(LaneId, LaneId), f64> = BTreeMap::new();
    for (from, next) in chain.next.iter().enumerate() {
        let Some(a) = journey.steps.get(from).and_then(lane_of) else { continue };
        for &(to, share) in next {
            let Some(b) = journey.steps.get(to).and_then(lane_of) else { continue };
            if a != b {
                *pairs.entry((a, b)).or_default() += visits(from) * share;
            }
        }
    }
    for ((a, b), handoffs) in pairs {
        let name = |l: LaneId| model.lanes.get(l.index()).map_or(SmolStr::default(), |l| l.decl.label.clone());
        out.push(Finding {
            kind: Kind::HandoffHotSpot,
            text: format!("{} hand-offs{unit} from {} to {}", count(scale(handoffs)), name(a), name(b)),
            weight: scale(handoffs),
            per_month: volume.is_some(),
            steps: Vec::new(),
        });
    }
    // Consolidation: consecutive steps at one touchpoint.
    let mut ways_on = vec![0usize; journey.steps.len()];
    for flow in &journey.flows {
        if let Some(n) = ways_on.get_mut(flow.from.index()) {
            *n += 1;
        }
    }
    for flow in &journey.flows {
        let (Some(a), Some(b)) = (journey.step(flow.from), journey.step(flow.to)) else { continue };
        let only_way = ways_on.get(flow.from.index()) == Some(&1);
        if a.at.is_some() && a.at == b.at && only_way && flow.from != flow.to {
            let tp = a.at.and_then(|t| model.touchpoint(t)).map_or(SmolStr::default(), |t| t.decl.id.clone());
            out.push(Finding {
                kind: Kind::Consolidation,
                text: format!(
                    "`{}` and `{}` follow each other at `{tp}`: could they be one step?",
                    a.decl.id, b.decl.id
                ),
                weight: scale(visits(flow.from.index())),
                per_month: volume.is_some(),
                steps: vec![a.decl.id.clone(), b.decl.id.clone()],
            });
        }
    }
    out.sort_by(|x, y| x.kind.cmp(&y.kind).then(y.weight.total_cmp(&x.weight)).then(x.text.cmp(&y.text)));
    out
}

/// Per step, whether a flow leads from it back to it: it is in a strongly connected component
/// of several steps, or flows to itself.
fn on_a_loop(journey: &Journey) -> Vec<bool> {
    let mut looped = vec![false; journey.steps.len()];
    let to_itself = journey.flows.iter().filter(|f| f.from == f.to).map(|f| vec![f.from.index()]);
    let components = petgraph::algo::kosaraju_scc(&journey_model::graph::flow_graph(journey))
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| c.into_iter().map(|n| n.index()).collect());
    for step in to_itself.chain(components).flatten() {
        if let Some(l) = looped.get_mut(step) {
            *l = true;
        }
    }
    looped
}

/// One intent served at several touchpoints, across the whole model's baseline journeys.
pub fn shared_intents(model: &Model) -> Vec<Finding> {
    let mut by_intent: BTreeMap<&str, Vec<(String, TouchpointId)>> = BTreeMap::new();
    for (_, journey) in model.base_journeys() {
        if journey.competitor.is_some() {
            continue;
        }
        for step in &journey.steps {
            if let (Some(intent), Some(at)) = (&step.intent, step.at) {
                by_intent.entry(intent).or_default().push((format!("{}.{}", journey.decl.id, step.decl.id), at));
            }
        }
    }
    let mut out = Vec::new();
    for (intent, places) in by_intent {
        let mut touchpoints: Vec<TouchpointId> = places.iter().map(|p| p.1).collect();
        touchpoints.sort();
        touchpoints.dedup();
        if touchpoints.len() < 2 {
            continue;
        }
        let names: Vec<String> =
            touchpoints.iter().filter_map(|t| model.touchpoint(*t)).map(|t| format!("`{}`", t.decl.id)).collect();
        out.push(Finding {
            kind: Kind::Consolidation,
            text: format!("the intent `{intent}` is served at {} touchpoints: {}", touchpoints.len(), names.join(", ")),
            weight: touchpoints.len() as f64,
            per_month: false,
            steps: places.into_iter().map(|p| SmolStr::from(p.0)).collect(),
        });
    }
    out
}

//! Findings: where a journey can be streamlined and where it fails its customers, each ranked
//! by what it costs a month where the journey has a volume, in words a reader of the model
//! uses (labels, not ids). Every count is the figures' own ([`journey_model::figures`]): visits
//! of the audience analysed (all customers: the segments' mixture) times its customers a month.
//!
//! - **contact driver**: contact steps with pain points (the root causes of contact: "no size
//!   chart causes 1,260 contacts a month"), and customers coming back to a contact step;
//! - **failure point**: risks ranked by occurrences a month × the emotion drop, with whether a
//!   recovery exists;
//! - **hand-off hot spot**: the pairs of lanes customers are passed between most (the
//!   Rummler-Brache view), counted as the hand-off figure counts them;
//! - **consolidation**: consecutive steps at the same touchpoint; one intent served at several
//!   touchpoints.

use std::collections::BTreeMap;

use journey_model::figures::{Audience, Chain, Measured, is_contact, lane_of};
use journey_model::ir::*;
use journey_model::units;
use petgraph::algo::kosaraju_scc;
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
    /// The ids of the steps it is about.
    pub steps: Vec<SmolStr>,
}

/// `“Call to ask about sizes”`, with who takes it when not everyone does.
fn step_name(model: &Model, step: &Step, segmented: bool) -> String {
    let mut name = format!("“{}”", step.decl.label);
    if segmented && !step.segments.is_empty() {
        let who: Vec<&str> =
            step.segments.iter().filter_map(|s| model.segments.get(s.index())).map(|s| s.decl.label.as_str()).collect();
        name.push_str(&format!(" ({} only)", who.join(", ")));
    }
    name
}

/// The findings of one journey for an audience, heaviest first within each kind.
pub fn findings(model: &Model, journey: &Journey, measured: &Measured, audience: Audience) -> Vec<Finding> {
    let Some(figures) = measured.figures(audience) else { return Vec::new() };
    let volume = measured.volume(audience);
    let scale = |per_customer: f64| volume.map_or(per_customer, |v| per_customer * v);
    let unit = if volume.is_some() { " a month" } else { " per customer" };
    let amount = |x: f64| if volume.is_some() { units::count(x) } else { units::number(x) };
    let counted = |x: f64, one: &str, many: &str| {
        let shown = amount(x);
        let n: f64 = shown.replace(',', "").parse().unwrap_or(x);
        format!("{shown} {}", units::plural(n, one, many))
    };
    let segmented = audience == Audience::All && measured.segmentation.differ;
    let name = |step: &Step| step_name(model, step, segmented);
    let visits = |s: usize| figures.visits.get(s).copied().unwrap_or(0.0);
    let mut out = Vec::new();

    // Contact drivers: contact steps with pains.
    for (i, step) in journey.steps.iter().enumerate() {
        if !is_contact(model, step) || step.pains.is_empty() || visits(i) <= 0.0 {
            continue;
        }
        let per = scale(visits(i));
        for pain in &step.pains {
            out.push(Finding {
                kind: Kind::ContactDriver,
                text: format!("“{}” causes {}{unit} at {}", pain.text, counted(per, "contact", "contacts"), name(step)),
                weight: per,
                per_month: volume.is_some(),
                steps: vec![step.decl.id.clone()],
            });
        }
    }
    // Repeat contacts: a contact step in a loop, visited more often than it is reached.
    for (i, repeats) in repeats(model, journey, measured, audience, &|s| visits(s)) {
        let Some(step) = journey.steps.get(i) else { continue };
        out.push(Finding {
            kind: Kind::ContactDriver,
            text: format!(
                "customers come back to {}: {}{unit}",
                name(step),
                counted(scale(repeats), "repeat contact", "repeat contacts")
            ),
            weight: scale(repeats),
            per_month: volume.is_some(),
            steps: vec![step.decl.id.clone()],
        });
    }
    // Failure points.
    for (i, step) in journey.steps.iter().enumerate() {
        for risk in &step.risks {
            let recovery = match risk.recovery {
                Some(Recovery::Step(s)) => {
                    journey.step(s).map_or("a step".into(), |s| format!("recovered at “{}”", s.decl.label))
                }
                Some(Recovery::Procedure(p)) => model
                    .procedures
                    .get(p.index())
                    .map_or("a procedure".into(), |p| format!("recovered by “{}”", p.decl.label)),
                None => "no recovery".to_string(),
            };
            let Some(chance) = risk.chance else {
                out.push(Finding {
                    kind: Kind::FailurePoint,
                    text: format!(
                        "“{}” at {}: how often is unknown (no `chance:`); {recovery}",
                        risk.label,
                        name(step)
                    ),
                    weight: 0.0,
                    per_month: volume.is_some(),
                    steps: vec![step.decl.id.clone()],
                });
                continue;
            };
            let occurrences = visits(i) * chance;
            if occurrences <= 0.0 {
                continue;
            }
            let drop = match (step.emotion, risk.emotion) {
                (Some(before), Some(after)) => Some((before - after).max(0.0)),
                (None, Some(after)) => Some((-after).max(0.0)),
                _ => None,
            };
            let felt = drop
                .map_or_else(|| "emotion drop unknown".to_string(), |d| format!("emotion drop {}", units::number(d)));
            out.push(Finding {
                kind: Kind::FailurePoint,
                text: format!(
                    "“{}” at {} happens {}{unit}, {felt}; {recovery}",
                    risk.label,
                    name(step),
                    counted(scale(occurrences), "time", "times"),
                ),
                weight: scale(occurrences) * drop.unwrap_or(1.0).max(0.1),
                per_month: volume.is_some(),
                steps: vec![step.decl.id.clone()],
            });
        }
    }
    // Hand-off hot spots: moves between steps in different lanes.
    let mut pairs: BTreeMap<(LaneId, LaneId), f64> = BTreeMap::new();
    for (from, next) in figures.moves.iter().enumerate() {
        let Some(a) = journey.steps.get(from).and_then(|s| lane_of(model, s)) else { continue };
        for &(to, moves) in next {
            let Some(b) = journey.steps.get(to).and_then(|s| lane_of(model, s)) else { continue };
            if a != b {
                *pairs.entry((a, b)).or_default() += moves;
            }
        }
    }
    for ((a, b), handoffs) in pairs {
        let lane = |l: LaneId| model.lanes.get(l.index()).map_or(SmolStr::default(), |l| l.decl.label.clone());
        out.push(Finding {
            kind: Kind::HandoffHotSpot,
            text: format!(
                "{}{unit} from {} to {}",
                counted(scale(handoffs), "hand-off", "hand-offs"),
                lane(a),
                lane(b)
            ),
            weight: scale(handoffs),
            per_month: volume.is_some(),
            steps: Vec::new(),
        });
    }
    // Consolidation: consecutive steps at one touchpoint, when the first leads only there.
    let mut ways_on = vec![0u32; journey.steps.len()];
    for flow in &journey.flows {
        if let Some(w) = ways_on.get_mut(flow.from.index()) {
            *w += 1;
        }
    }
    for flow in &journey.flows {
        let (Some(a), Some(b)) = (journey.step(flow.from), journey.step(flow.to)) else { continue };
        let only_way = ways_on.get(flow.from.index()) == Some(&1);
        if !a.alone && a.at.is_some() && a.at == b.at && !b.alone && only_way && flow.from != flow.to {
            let tp = a.at.and_then(|t| model.touchpoint(t)).map_or(SmolStr::default(), |t| t.decl.label.clone());
            out.push(Finding {
                kind: Kind::Consolidation,
                text: format!("{} and {} follow each other at {tp}: could they be one step?", name(a), name(b)),
                weight: scale(visits(flow.from.index())),
                per_month: volume.is_some(),
                steps: vec![a.decl.id.clone(), b.decl.id.clone()],
            });
        }
    }
    out.sort_by(|x, y| x.kind.cmp(&y.kind).then(y.weight.total_cmp(&x.weight)).then(x.text.cmp(&y.text)));
    out
}

/// Contact steps in a loop, with the visits beyond the first per customer: visits minus the
/// chance of reaching the step at all (a step outside any loop is never visited twice).
fn repeats(
    model: &Model,
    journey: &Journey,
    measured: &Measured,
    audience: Audience,
    visits: &dyn Fn(usize) -> f64,
) -> Vec<(usize, f64)> {
    let graph = journey_model::graph::flow_graph(journey);
    let mut looped = vec![false; journey.steps.len()];
    for flow in journey.flows.iter().filter(|f| f.from == f.to) {
        if let Some(l) = looped.get_mut(flow.from.index()) {
            *l = true;
        }
    }
    for component in kosaraju_scc(&graph).into_iter().filter(|c| c.len() > 1) {
        component.iter().for_each(|n| looped[n.index()] = true);
    }
    let seg = &measured.segmentation;
    // The audiences whose chains make the one asked for, with their weights.
    let parts: Vec<(f64, Option<SegmentId>)> = match audience {
        Audience::Segment(s) => vec![(1.0, Some(s))],
        Audience::All if seg.differ => match &seg.weights {
            Some(w) => w.iter().copied().zip(seg.segments.iter().map(|&s| Some(s))).collect(),
            None => return Vec::new(),
        },
        Audience::All => vec![(1.0, None)],
    };
    let chains: Vec<(f64, Chain)> =
        parts.into_iter().map(|(w, s)| (w, Chain::of(journey, &seg.allowed(journey, s)))).collect();
    let mut out = Vec::new();
    for (i, step) in journey.steps.iter().enumerate() {
        if !looped[i] || !is_contact(model, step) {
            continue;
        }
        let mut pass = vec![1.0; journey.steps.len()];
        pass[i] = 0.0;
        let mut reached = 0.0;
        for (w, chain) in &chains {
            let Ok(never) = chain.survival(&pass) else { return Vec::new() };
            reached += w * (1.0 - never);
        }
        let repeats = visits(i) - reached;
        if repeats > 1e-9 {
            out.push((i, repeats));
        }
    }
    out
}

/// One intent served at several touchpoints, across the whole model's baseline journeys.
pub fn shared_intents(model: &Model) -> Vec<Finding> {
    let mut by_intent: BTreeMap<&str, Vec<(String, TouchpointId)>> = BTreeMap::new();
    for (_, journey) in model.base_journeys() {
        if journey.competitor.is_some() {
            continue;
        }
        for step in &journey.steps {
            if let (Some(intent), Some(at), false) = (&step.intent, step.at, step.alone) {
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
            touchpoints.iter().filter_map(|t| model.touchpoint(*t)).map(|t| format!("“{}”", t.decl.label)).collect();
        out.push(Finding {
            kind: Kind::Consolidation,
            text: format!(
                "the intent “{intent}” is served at {}: {}",
                units::counted(touchpoints.len(), "touchpoint", "touchpoints"),
                names.join(", ")
            ),
            weight: touchpoints.len() as f64,
            per_month: false,
            steps: places.into_iter().map(|p| SmolStr::from(p.0)).collect(),
        });
    }
    out
}

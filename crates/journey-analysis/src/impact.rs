//! `journey impact ITEM`: everything that depends on a system, procedure, touchpoint or lane,
//! through the cross-layer supports graph, with the customers a month who meet it. Answers
//! "what does the customer feel if the ERP is down, or the phone menu changes?".

use std::collections::BTreeSet;

use journey_model::figures::{Chain, Segmentation};
use journey_model::graph::{Node, supports};
use journey_model::ir::*;
use petgraph::Direction::Incoming;
use petgraph::visit::EdgeRef;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct JourneyImpact {
    pub journey: SmolStr,
    pub steps: Vec<SmolStr>,
    /// The share of the journey's customers who meet at least one affected step; unknown where
    /// its segments walk different steps and not all have a share.
    pub share: Option<f64>,
    pub customers_per_month: Option<f64>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Impact {
    pub item: SmolStr,
    pub kind: String,
    pub systems: Vec<SmolStr>,
    pub procedures: Vec<SmolStr>,
    pub touchpoints: Vec<SmolStr>,
    pub journeys: Vec<JourneyImpact>,
    pub segments: Vec<SmolStr>,
    pub experiences: Vec<SmolStr>,
    pub customers_per_month: Option<f64>,
}

/// The item (a system, procedure, touchpoint or lane of the baseline) named `id`.
pub fn find_item(model: &Model, id: &str) -> Option<Node> {
    let base = |d: &Decl| d.id == id && d.origin == Origin::Base;
    if let Some(i) = model.systems.iter().position(|x| base(&x.decl)) {
        return Some(Node::System(SystemId(i as u32)));
    }
    if let Some(i) = model.procedures.iter().position(|x| base(&x.decl)) {
        return Some(Node::Procedure(ProcedureId(i as u32)));
    }
    if let Some(i) = model.touchpoints.iter().position(|x| base(&x.decl)) {
        return Some(Node::Touchpoint(TouchpointId(i as u32)));
    }
    model.lanes.iter().position(|x| base(&x.decl)).map(|i| Node::Lane(LaneId(i as u32)))
}

pub fn impact(model: &Model, item: Node) -> Impact {
    let graph = supports(model);
    // Everything that depends on the item: walk the "depends on" edges backwards.
    let mut affected: BTreeSet<NodeKey> = BTreeSet::new();
    if let Some(&start) = graph.index.get(&item) {
        let mut stack = vec![start];
        let mut seen = BTreeSet::new();
        while let Some(n) = stack.pop() {
            if !seen.insert(n.index()) {
                continue;
            }
            if let Some(&node) = graph.graph.node_weight(n) {
                affected.insert(NodeKey(node));
            }
            for edge in graph.graph.edges_directed(n, Incoming) {
                stack.push(edge.source());
            }
        }
    }
    let name_of = |node: Node| -> Option<(u8, SmolStr)> {
        Some(match node {
            Node::System(id) => (0, model.systems.get(id.index())?.decl.id.clone()),
            Node::Procedure(id) => (1, model.procedures.get(id.index())?.decl.id.clone()),
            Node::Touchpoint(id) => (2, model.touchpoint(id)?.decl.id.clone()),
            Node::Experience(id) => (3, model.experiences.get(id.index())?.decl.id.clone()),
            _ => return None,
        })
    };
    let mut out = Impact {
        item: model_name(model, item),
        kind: kind_name(item).into(),
        systems: Vec::new(),
        procedures: Vec::new(),
        touchpoints: Vec::new(),
        journeys: Vec::new(),
        segments: Vec::new(),
        experiences: Vec::new(),
        customers_per_month: None,
    };
    for key in &affected {
        if key.0 == item {
            continue;
        }
        if let Some((kind, name)) = name_of(key.0) {
            match kind {
                0 => out.systems.push(name),
                1 => out.procedures.push(name),
                2 => out.touchpoints.push(name),
                _ => out.experiences.push(name),
            }
        }
    }
    let mut segments = BTreeSet::new();
    let mut total: Option<f64> = None;
    for (j, journey) in model.base_journeys() {
        let hit: Vec<bool> = journey.step_ids().map(|s| affected.contains(&NodeKey(Node::Step(j, s)))).collect();
        if !hit.contains(&true) {
            continue;
        }
        let pass: Vec<f64> = hit.iter().map(|&h| if h { 0.0 } else { 1.0 }).collect();
        let share = met(model, journey, &pass);
        let per_month = share.and_then(|share| journey.volume.as_ref().map(|v| v.per_month() * share));
        if let Some(p) = per_month {
            *total.get_or_insert(0.0) += p;
        }
        for &s in &journey.segments {
            if let Some(seg) = model.segments.get(s.index()) {
                segments.insert(seg.decl.id.clone());
            }
        }
        for (step, _) in journey.steps.iter().zip(&hit).filter(|(_, h)| **h) {
            for &s in &step.segments {
                if let Some(seg) = model.segments.get(s.index()) {
                    segments.insert(seg.decl.id.clone());
                }
            }
        }
        out.journeys.push(JourneyImpact {
            journey: journey.decl.id.clone(),
            steps: journey.steps.iter().zip(&hit).filter(|(_, h)| **h).map(|(s, _)| s.decl.id.clone()).collect(),
            share,
            customers_per_month: per_month,
        });
    }
    out.segments = segments.into_iter().collect();
    out.customers_per_month = total;
    out.journeys.sort_by(|a, b| {
        b.customers_per_month
            .unwrap_or(0.0)
            .total_cmp(&a.customers_per_month.unwrap_or(0.0))
            .then(a.journey.cmp(&b.journey))
    });
    out
}

/// The share of a journey's customers who meet at least one step that `pass` stops (0): per
/// segment where segments walk different steps, mixed by their parts of the journey.
fn met(model: &Model, journey: &Journey, pass: &[f64]) -> Option<f64> {
    let seg = Segmentation::of(model, journey);
    let parts: Vec<(f64, Option<SegmentId>)> = if seg.differ {
        seg.weights.as_ref()?.iter().copied().zip(seg.segments.iter().map(|&s| Some(s))).collect()
    } else {
        vec![(1.0, None)]
    };
    let mut share = 0.0;
    for (w, s) in parts {
        // A loop nobody leaves is reported by `check`; here it counts as met.
        let never = Chain::of(journey, &seg.allowed(journey, s)).survival(pass).unwrap_or(0.0);
        share += w * (1.0 - never).clamp(0.0, 1.0);
    }
    Some(share)
}

/// Orders nodes for a stable report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct NodeKey(Node);

impl PartialOrd for NodeKey {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for NodeKey {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        rank(self.0).cmp(&rank(other.0))
    }
}

fn rank(node: Node) -> (u8, u32, u32) {
    match node {
        Node::System(i) => (0, i.0, 0),
        Node::Procedure(i) => (1, i.0, 0),
        Node::Touchpoint(i) => (2, i.0, 0),
        Node::Lane(i) => (3, i.0, 0),
        Node::Step(j, s) => (4, j.0, s.0),
        Node::Journey(i) => (5, i.0, 0),
        Node::Experience(i) => (6, i.0, 0),
    }
}

fn kind_name(node: Node) -> &'static str {
    match node {
        Node::System(_) => "system",
        Node::Procedure(_) => "procedure",
        Node::Touchpoint(_) => "touchpoint",
        Node::Lane(_) => "lane",
        Node::Step(..) => "step",
        Node::Journey(_) => "journey",
        Node::Experience(_) => "experience",
    }
}

fn model_name(model: &Model, node: Node) -> SmolStr {
    let decl = match node {
        Node::System(i) => model.systems.get(i.index()).map(|x| &x.decl),
        Node::Procedure(i) => model.procedures.get(i.index()).map(|x| &x.decl),
        Node::Touchpoint(i) => model.touchpoint(i).map(|x| &x.decl),
        Node::Lane(i) => model.lanes.get(i.index()).map(|x| &x.decl),
        _ => None,
    };
    decl.map_or(SmolStr::default(), |d| d.id.clone())
}

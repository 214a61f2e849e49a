//! The graphs over the model, in petgraph: a journey's flow graph (what follows what, with what
//! share) and the cross-layer supports graph (experience → journey → step → touchpoint →
//! procedure → system), which says what depends on what.

use std::collections::HashMap;

use petgraph::graph::{DiGraph, NodeIndex};

use crate::ir::*;

/// A journey's flow graph. Node `i` is step `i`; an edge's weight is its flow's index.
pub fn flow_graph(journey: &Journey) -> DiGraph<StepId, usize> {
    let mut graph = DiGraph::with_capacity(journey.steps.len(), journey.flows.len());
    for id in journey.step_ids() {
        graph.add_node(id);
    }
    for (index, flow) in journey.flows.iter().enumerate() {
        graph.add_edge(NodeIndex::new(flow.from.index()), NodeIndex::new(flow.to.index()), index);
    }
    graph
}

/// Where customers go from one step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outgoing {
    /// Next step, its share (a fraction), and the flow's index.
    pub next: Vec<(StepId, f64, usize)>,
    /// The share that leaves the journey here.
    pub exit: f64,
    /// The sum of the written percentages.
    pub written: f64,
    /// Flows with no percentage.
    pub unwritten: usize,
}

/// The share of each step's customers that takes each flow. Written percentages stand; flows
/// without one share the rest evenly; whatever is left leaves the journey at that step.
pub fn outgoing(journey: &Journey) -> Vec<Outgoing> {
    let mut out = vec![Outgoing::default(); journey.steps.len()];
    // Each step's list at its final size at once: this runs for every journey of the model.
    let mut counts = vec![0u32; journey.steps.len()];
    for flow in &journey.flows {
        if let Some(c) = counts.get_mut(flow.from.index()) {
            *c += 1;
        }
    }
    for (o, &count) in out.iter_mut().zip(&counts) {
        o.next.reserve_exact(count as usize);
    }
    for (index, flow) in journey.flows.iter().enumerate() {
        let Some(o) = out.get_mut(flow.from.index()) else {
            continue;
        };
        match flow.share {
            Some(share) => o.written += share,
            None => o.unwritten += 1,
        }
        o.next.push((flow.to, flow.share.unwrap_or(f64::NAN), index));
    }
    for o in &mut out {
        let rest = (1.0 - o.written).max(0.0);
        let each = if o.unwritten > 0 { rest / o.unwritten as f64 } else { 0.0 };
        for next in &mut o.next {
            if next.1.is_nan() {
                next.1 = each;
            }
        }
        o.exit = if o.unwritten > 0 { 0.0 } else { rest };
    }
    out
}

/// Where customers start: the steps with `entry:` shares, or else the first step.
pub fn entries(journey: &Journey) -> Vec<(StepId, f64)> {
    let written: Vec<(StepId, f64)> =
        journey.step_ids().filter_map(|id| journey.step(id).and_then(|s| s.entry).map(|e| (id, e))).collect();
    if !written.is_empty() {
        return written;
    }
    if journey.steps.is_empty() { Vec::new() } else { vec![(StepId(0), 1.0)] }
}

/// A node of the supports graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    Experience(ExperienceId),
    Journey(JourneyId),
    Step(JourneyId, StepId),
    Touchpoint(TouchpointId),
    Procedure(ProcedureId),
    System(SystemId),
    Lane(LaneId),
}

/// How one node supports another; edges point from the dependent to what it depends on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relation {
    /// experience → journey that realizes it
    RealizedBy,
    /// journey → its step
    Contains,
    /// step → touchpoint
    At,
    /// step → procedure
    Via,
    /// touchpoint → procedure
    SupportedBy,
    /// touchpoint, procedure or system → system
    Uses,
    /// touchpoint or procedure → lane
    StaffedBy,
    /// step → recovery procedure
    RecoveredBy,
}

/// The cross-layer graph, with an index from model ids to nodes.
#[derive(Debug, Default)]
pub struct Supports {
    pub graph: DiGraph<Node, Relation>,
    pub index: HashMap<Node, NodeIndex>,
}

impl Supports {
    fn node(&mut self, node: Node) -> NodeIndex {
        *self.index.entry(node).or_insert_with(|| self.graph.add_node(node))
    }

    fn edge(&mut self, from: Node, to: Node, relation: Relation) {
        let (a, b) = (self.node(from), self.node(to));
        self.graph.add_edge(a, b, relation);
    }

    /// Whether a node depends on anything through an edge of one of `relations`.
    pub fn has_support(&self, node: Node, relations: &[Relation]) -> bool {
        self.index.get(&node).is_some_and(|&n| self.graph.edges(n).any(|e| relations.contains(e.weight())))
    }

    /// Whether anything points at the node through an edge of one of `relations`.
    pub fn is_supporting(&self, node: Node, relations: &[Relation]) -> bool {
        use petgraph::Direction::Incoming;
        self.index
            .get(&node)
            .is_some_and(|&n| self.graph.edges_directed(n, Incoming).any(|e| relations.contains(e.weight())))
    }
}

/// Builds the supports graph of the whole model (scenario journeys included).
pub fn supports(model: &Model) -> Supports {
    let mut g = Supports::default();
    for i in 0..model.experiences.len() {
        g.node(Node::Experience(ExperienceId(i as u32)));
    }
    for (i, journey) in model.journeys.iter().enumerate() {
        let j = JourneyId(i as u32);
        g.node(Node::Journey(j));
        for &e in &journey.realizes {
            g.edge(Node::Experience(e), Node::Journey(j), Relation::RealizedBy);
        }
        for (s, step) in journey.steps.iter().enumerate() {
            let node = Node::Step(j, StepId(s as u32));
            g.edge(Node::Journey(j), node, Relation::Contains);
            if let Some(t) = step.at {
                g.edge(node, Node::Touchpoint(t), Relation::At);
            }
            for &p in &step.via {
                g.edge(node, Node::Procedure(p), Relation::Via);
            }
            for risk in &step.risks {
                if let Some(Recovery::Procedure(p)) = risk.recovery {
                    g.edge(node, Node::Procedure(p), Relation::RecoveredBy);
                }
            }
        }
    }
    for (i, t) in model.touchpoints.iter().enumerate() {
        let node = Node::Touchpoint(TouchpointId(i as u32));
        g.node(node);
        for &p in &t.supported_by {
            g.edge(node, Node::Procedure(p), Relation::SupportedBy);
        }
        for &s in &t.uses {
            g.edge(node, Node::System(s), Relation::Uses);
        }
        if let Some(l) = t.lane {
            g.edge(node, Node::Lane(l), Relation::StaffedBy);
        }
    }
    for (i, p) in model.procedures.iter().enumerate() {
        let node = Node::Procedure(ProcedureId(i as u32));
        g.node(node);
        for &s in &p.uses {
            g.edge(node, Node::System(s), Relation::Uses);
        }
        if let Some(l) = p.lane {
            g.edge(node, Node::Lane(l), Relation::StaffedBy);
        }
    }
    for (i, s) in model.systems.iter().enumerate() {
        let node = Node::System(SystemId(i as u32));
        g.node(node);
        for &u in &s.uses {
            g.edge(node, Node::System(u), Relation::Uses);
        }
    }
    g
}

//! The order steps are drawn in: stage by stage, and within a stage by their distance from
//! the journey's entries along flows (loop-backs set aside), then as written.

use journey_model::ir::*;

/// Each step's layer: the longest run of forward flows (to a step declared later) that leads
/// to it; a way in that other steps also lead to stands after them. Steps are declared in a
/// topological order of forward flows, so one pass does.
pub fn layers(journey: &Journey) -> Vec<usize> {
    let n = journey.steps.len();
    let mut layer = vec![0usize; n];
    let mut incoming: Vec<Vec<usize>> = vec![Vec::new(); n];
    for f in &journey.flows {
        if f.to.index() > f.from.index() {
            if let Some(list) = incoming.get_mut(f.to.index()) {
                list.push(f.from.index());
            }
        }
    }
    for v in 0..n {
        layer[v] = incoming[v].iter().map(|&u| layer[u] + 1).max().unwrap_or(0);
    }
    layer
}

/// The steps in drawing order.
pub fn columns(journey: &Journey) -> Vec<StepId> {
    in_order(journey, &layers(journey))
}

/// The steps in drawing order, given each step's layer ([`layers`]).
pub fn in_order(journey: &Journey, layer: &[usize]) -> Vec<StepId> {
    let mut stage_rank = Vec::with_capacity(journey.steps.len());
    let mut current = 0usize;
    for step in &journey.steps {
        if let Some(s) = step.stage {
            current = s.index();
        }
        stage_rank.push(current);
    }
    let mut ids: Vec<StepId> = journey.step_ids().collect();
    ids.sort_by_key(|s| (stage_rank[s.index()], layer.get(s.index()).copied().unwrap_or(0), s.index()));
    ids
}

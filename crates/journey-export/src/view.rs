//! One journey as every diagram export reads it, worked out once: the steps with safe ids and
//! clean labels, the lane each step stands in, where customers come in, where they go from each
//! step (with the share of each flow) and where they leave.
//!
//! Labels are user text and may hold anything. [`clean`] makes them one printable line: control
//! characters and line breaks become spaces, bidirectional controls (which could make the text
//! around a label read in a different order) and byte-order marks are dropped, characters XML
//! cannot hold are replaced, and very long labels are cut. Each format then escapes what its
//! own syntax needs. Ids in outputs are never user text: [`ident`] builds them from a prefix,
//! an index (which makes them unique) and the ASCII letters and digits of the model's id.

use std::collections::BTreeSet;

use journey_model::graph::{entries, outgoing};
use journey_model::ir::{Decl, Journey, JourneyId, LaneId, Model};
use journey_model::units;

/// Shares smaller than this are rounding noise, not customers.
pub(crate) const EPSILON: f64 = 1e-9;

/// Diagram labels are cut at this many characters (an ellipsis marks the cut).
pub(crate) const MAX_LABEL: usize = 200;

/// The label of the implicit customer lane, for steps at no touchpoint or at a touchpoint in
/// no lane.
pub(crate) const CUSTOMER: &str = "Customer";

/// A lane of the diagram: the customer's own, or a lane of the model.
#[derive(Debug)]
pub(crate) struct LaneView {
    pub key: String,
    pub name: String,
    pub lane: Option<LaneId>,
}

/// One flow out of a step.
#[derive(Debug)]
pub(crate) struct Next {
    pub to: usize,
    /// The share of the step's customers that take it: written, or what is left shared evenly.
    pub share: f64,
    pub label: Option<String>,
}

#[derive(Debug)]
pub(crate) struct StepView {
    pub key: String,
    pub name: String,
    /// Index into [`View::lanes`].
    pub lane: usize,
    pub emotion: Option<f64>,
    pub touchpoint: Option<String>,
    /// The people the step names as taking part, cleaned; blank names left out.
    pub actors: Vec<String>,
    pub next: Vec<Next>,
    /// The share that leaves the journey at this step.
    pub exit: f64,
    /// How many flows come into the step.
    pub incoming: usize,
}

#[derive(Debug)]
pub(crate) struct View {
    pub key: String,
    pub title: String,
    pub lanes: Vec<LaneView>,
    pub steps: Vec<StepView>,
    /// Where customers come in, with their shares.
    pub entries: Vec<(usize, f64)>,
    /// The steps that neither are entries nor have a flow into them: no customer reaches them,
    /// but a diagram still has to start them somewhere.
    pub orphans: Vec<usize>,
    /// Stages in order, each with its name and its steps.
    pub stages: Vec<(String, Vec<usize>)>,
    /// Steps in no stage.
    pub loose: Vec<usize>,
}

impl View {
    /// The flows (step, index of the flow) that lead back to a step on the depth-first path.
    pub fn back_edges(&self, roots: &[usize]) -> BTreeSet<(usize, usize)> {
        let n = self.steps.len();
        // 0 unseen, 1 on the path, 2 done.
        let mut state = vec![0u8; n];
        let mut back = BTreeSet::new();
        for &root in roots {
            if state.get(root) != Some(&0) {
                continue;
            }
            let mut stack = vec![(root, 0usize)];
            state[root] = 1;
            while let Some(&mut (v, ref mut k)) = stack.last_mut() {
                let next = self.steps.get(v).and_then(|s| s.next.get(*k)).map(|nx| nx.to);
                match next {
                    Some(to) => {
                        let edge = (v, *k);
                        *k += 1;
                        match state.get(to) {
                            Some(0) => {
                                state[to] = 1;
                                stack.push((to, 0));
                            }
                            Some(1) => {
                                back.insert(edge);
                            }
                            _ => {}
                        }
                    }
                    None => {
                        state[v] = 2;
                        stack.pop();
                    }
                }
            }
        }
        back
    }

    /// Where a depth-first walk of the flows starts: the entries, then the steps no flow
    /// reaches, then every step (for the ones only a loop no customer enters reaches).
    pub fn roots(&self) -> Vec<usize> {
        let mut roots: Vec<usize> = self.entries.iter().map(|&(e, _)| e).collect();
        roots.extend(self.orphans.iter().copied());
        roots.extend(0..self.steps.len());
        roots
    }

    /// A column for each step: the longest path to it from a step nothing leads to, in the
    /// graph without the flows that loop back (found from the entries on).
    pub fn columns(&self) -> Vec<usize> {
        let n = self.steps.len();
        let back = self.back_edges(&self.roots());
        let forward: Vec<Vec<usize>> = (0..n)
            .map(|v| {
                let next = self.steps[v].next.iter().enumerate();
                next.filter(|(k, _)| !back.contains(&(v, *k))).map(|(_, nx)| nx.to).collect()
            })
            .collect();
        let mut indegree = vec![0usize; n];
        for tos in &forward {
            for &to in tos {
                indegree[to] += 1;
            }
        }
        let mut ready: BTreeSet<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
        let mut column = vec![0usize; n];
        while let Some(v) = ready.pop_first() {
            for &to in &forward[v] {
                column[to] = column[to].max(column[v] + 1);
                indegree[to] -= 1;
                if indegree[to] == 0 {
                    ready.insert(to);
                }
            }
        }
        column
    }

    /// The view of `journey`, or an empty one if the model has no such journey.
    pub fn new(model: &Model, journey: JourneyId) -> View {
        let Some(j) = model.journey(journey) else {
            return View {
                key: ident("j", journey.index(), ""),
                title: "(no journey)".into(),
                lanes: Vec::new(),
                steps: Vec::new(),
                entries: Vec::new(),
                orphans: Vec::new(),
                stages: Vec::new(),
                loose: Vec::new(),
            };
        };
        build(model, journey, j)
    }
}

fn build(model: &Model, id: JourneyId, j: &Journey) -> View {
    let lane_of = |step: &journey_model::ir::Step| -> Option<LaneId> {
        step.at.and_then(|t| model.touchpoint(t)).and_then(|t| t.lane).filter(|l| l.index() < model.lanes.len())
    };
    // The lanes the journey's steps stand in: the customer's first (the customer is on top),
    // then the model's in declaration order.
    let mut used: Vec<Option<LaneId>> = j.steps.iter().map(lane_of).collect();
    used.sort();
    used.dedup();
    let lanes: Vec<LaneView> = used
        .iter()
        .map(|lane| match lane {
            None => LaneView { key: "lane_customer".into(), name: CUSTOMER.into(), lane: None },
            Some(l) => {
                let decl = &model.lanes[l.index()].decl;
                LaneView { key: ident("lane", l.index(), &decl.id), name: name(decl), lane: Some(*l) }
            }
        })
        .collect();
    let out = outgoing(j);
    let mut steps: Vec<StepView> = j
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let lane = used.iter().position(|l| *l == lane_of(step)).unwrap_or(0);
            let o = out.get(i);
            // Flows repeated between the same two steps are drawn as one, with their shares added.
            let mut next: Vec<Next> = Vec::new();
            for &(to, share, flow) in o.map(|o| o.next.as_slice()).unwrap_or_default() {
                if to.index() >= j.steps.len() {
                    continue;
                }
                let label = j.flows.get(flow).and_then(|f| f.label.as_deref()).map(clean).filter(|l| !l.is_empty());
                match next.iter_mut().find(|n| n.to == to.index()) {
                    Some(same) => {
                        same.share += share;
                        same.label = match (same.label.take(), label) {
                            (Some(a), Some(b)) => Some(format!("{a} / {b}")),
                            (a, b) => a.or(b),
                        };
                    }
                    None => next.push(Next { to: to.index(), share, label }),
                }
            }
            StepView {
                key: ident("s", i, &step.decl.id),
                name: name(&step.decl),
                lane,
                emotion: step.emotion.filter(|e| e.is_finite()),
                touchpoint: step.at.and_then(|t| model.touchpoint(t)).map(|t| name(&t.decl)),
                actors: step.actors.iter().map(|a| clean(&a.text)).filter(|a| !a.is_empty()).collect(),
                next,
                exit: o.map_or(1.0, |o| o.exit),
                incoming: 0,
            }
        })
        .collect();
    for i in 0..steps.len() {
        let targets: Vec<usize> = steps[i].next.iter().map(|n| n.to).collect();
        for to in targets {
            if let Some(s) = steps.get_mut(to) {
                s.incoming += 1;
            }
        }
    }
    let entries: Vec<(usize, f64)> =
        entries(j).into_iter().filter(|(s, _)| s.index() < steps.len()).map(|(s, share)| (s.index(), share)).collect();
    let orphans =
        (0..steps.len()).filter(|&i| steps[i].incoming == 0 && !entries.iter().any(|&(e, _)| e == i)).collect();
    let stages = j
        .stages
        .iter()
        .map(|stage| (name(&stage.decl), stage.steps.iter().map(|s| s.index()).filter(|&s| s < steps.len()).collect()))
        .collect();
    let loose = j.steps.iter().enumerate().filter(|(_, s)| s.stage.is_none()).map(|(i, _)| i).collect();
    View {
        key: ident("j", id.index(), &j.decl.id),
        title: name(&j.decl),
        lanes,
        steps,
        entries,
        orphans,
        stages,
        loose,
    }
}

/// A safe identifier: `prefix_index_id`, with every character of `raw` that is not an ASCII
/// letter or digit turned into `_`, and at most 32 of them.
pub(crate) fn ident(prefix: &str, index: usize, raw: &str) -> String {
    let mut out = format!("{prefix}_{index}");
    let safe: String = raw.chars().take(32).map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    if !safe.is_empty() {
        out.push('_');
        out.push_str(&safe);
    }
    out
}

/// A declaration's label as one clean line, or its id when the label is blank.
pub(crate) fn name(decl: &Decl) -> String {
    let label = clean(&decl.label);
    if !label.is_empty() {
        return label;
    }
    let id = clean(&decl.id);
    if id.is_empty() { "(unnamed)".into() } else { id }
}

/// User text as one printable line of at most [`MAX_LABEL`] characters.
pub(crate) fn clean(text: &str) -> String {
    let mapped: String = text
        .chars()
        .filter(|&c| !is_invisible_control(c))
        .map(|c| match c {
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => ' ',
            // Not characters in XML 1.0.
            '\u{fffe}' | '\u{ffff}' => '\u{fffd}',
            c => c,
        })
        .collect();
    let joined = mapped.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() <= MAX_LABEL {
        return joined;
    }
    let mut cut: String = joined.chars().take(MAX_LABEL - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Bidirectional formatting characters, byte-order marks and zero-width spaces: they change how
/// the text around them reads, or hide in it, and no label needs them.
fn is_invisible_control(c: char) -> bool {
    matches!(c, '\u{200b}' | '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// A share as people read it: `70%`.
pub(crate) fn percent(share: f64) -> String {
    units::percent(share)
}

/// The text of a flow's arrow: its share, then its label.
pub(crate) fn flow_text(share: f64, label: Option<&str>) -> String {
    match label {
        Some(label) => format!("{} {label}", percent(share)),
        None => percent(share),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleans_labels() {
        assert_eq!(clean("a\nb\r\n\tc"), "a b c");
        assert_eq!(clean("\u{202e}evil\u{202c} text\u{feff}"), "evil text");
        assert_eq!(clean("  "), "");
        assert_eq!(clean("\u{ffff}"), "\u{fffd}");
        let long = "x".repeat(500);
        assert_eq!(clean(&long).chars().count(), MAX_LABEL);
        assert!(clean(&long).ends_with('…'));
        assert_eq!(clean("مرحبا 👋"), "مرحبا 👋");
    }

    #[test]
    fn idents_are_safe() {
        assert_eq!(ident("s", 3, "research_web"), "s_3_research_web");
        assert_eq!(ident("s", 0, "café\"<x>"), "s_0_caf___x_");
        assert_eq!(ident("j", 1, ""), "j_1");
    }
}

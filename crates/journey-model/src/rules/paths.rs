//! Rules on paths through a journey: a customer passed between lanes (J0701, the
//! Rummler-Brache view) or made to change channel (J0702) too often **within one stage**. A
//! stage is one need of the customer (research, buying, getting a fault fixed); moving from one
//! stage to the next is the journey going on, not the customer being passed around, so a long
//! journey through sales, finance, the warehouse and service is not flagged for that. A hand-off
//! or switch is counted as the figures count it ([`crate::figures`]): between consecutive steps
//! that have a lane (a channel), passing over steps without one, such as steps taken alone.
//!
//! The worst path is found exactly, per segment where segments walk different steps: the
//! longest path of each stage's flow graph with its loop-back flows set aside (a flow to a step
//! declared earlier, or to itself), so each loop counts once, in one pass over the steps in
//! declaration order, keeping for each step the best count for each value carried into it.

use journey_diagnostics::{Code, Diagnostic};

use super::{Ctx, Subject};
use crate::figures::{Segmentation, channel_of, lane_of};
use crate::ir::*;

pub(super) fn handoffs(ctx: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let lane = |s: &Step| lane_of(model, s).and_then(|l| model.lanes.get(l.index())).map(|l| l.decl.id.clone());
    let rule = Rule {
        code: Code::TooManyHandoffs,
        limit: ctx.config.max_handoffs,
        what: ("hand-off between lanes", "hand-offs between lanes"),
        key: "max-handoffs",
        fewer: "lanes",
    };
    check(subject.walks(model), subject.journey, &rule, lane, out);
}

pub(super) fn channel_switches(ctx: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let channel = |s: &Step| channel_of(model, s).map(SmolStr::new);
    let rule = Rule {
        code: Code::TooManyChannelSwitches,
        limit: ctx.config.max_channel_switches,
        what: ("channel switch", "channel switches"),
        key: "max-channel-switches",
        fewer: "channels",
    };
    check(subject.walks(model), subject.journey, &rule, channel, out);
}

struct Rule {
    code: Code,
    limit: u32,
    /// The change, one and many.
    what: (&'static str, &'static str),
    key: &'static str,
    fewer: &'static str,
}

/// What both path rules walk in a journey, worked out once for the two.
pub(super) struct Walks {
    /// Each version of the journey a segment walks (one where all walk the same): its steps.
    masks: Vec<Vec<bool>>,
    /// Flows to a step declared later, from each step; loops back are set aside.
    forward: Vec<Vec<usize>>,
    /// The steps of each stage (of the journey, where it has none), in declaration order.
    members: Vec<Vec<usize>>,
}

impl Subject<'_> {
    fn walks(&self, model: &Model) -> &Walks {
        self.walks.get_or_init(|| {
            let journey = self.journey;
            let segmentation = Segmentation::of(model, journey);
            let masks = if segmentation.differ {
                segmentation.segments.iter().map(|&s| segmentation.allowed(journey, Some(s))).collect()
            } else {
                vec![segmentation.allowed(journey, None)]
            };
            let n = journey.steps.len();
            let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
            for flow in &journey.flows {
                let (a, b) = (flow.from.index(), flow.to.index());
                if let Some(list) = forward.get_mut(a).filter(|_| b > a && b < n) {
                    list.push(b);
                }
            }
            let mut members: Vec<Vec<usize>> = vec![Vec::new(); journey.stages.len().max(1)];
            for (index, step) in journey.steps.iter().enumerate() {
                let stage = if journey.stages.is_empty() { Some(0) } else { step.stage.map(|s| s.index()) };
                if let Some(list) = stage.and_then(|s| members.get_mut(s)) {
                    list.push(index);
                }
            }
            Walks { masks, forward, members }
        })
    }
}

fn check(
    walks: &Walks,
    journey: &Journey,
    rule: &Rule,
    attribute: impl Fn(&Step) -> Option<SmolStr>,
    out: &mut Vec<Diagnostic>,
) {
    let values: Vec<Option<SmolStr>> = journey.steps.iter().map(&attribute).collect();
    let Walks { masks, forward, members } = walks;
    // One report per stage: its worst path over every segment's version.
    for (stage, steps) in members.iter().enumerate() {
        let mut worst: Option<(u32, Vec<StepId>)> = None;
        for mask in masks {
            let walked: Vec<usize> = steps.iter().copied().filter(|&s| mask.get(s).copied().unwrap_or(false)).collect();
            if let Some((count, path)) = worst_path(&walked, forward, &values) {
                if worst.as_ref().is_none_or(|(c, _)| count > *c) {
                    worst = Some((count, path));
                }
            }
        }
        if let Some((count, path)) = worst {
            if count > rule.limit {
                let stage = journey.stages.get(stage);
                out.push(report(journey, stage, rule, count, &path, &values));
            }
        }
    }
}

fn report(
    journey: &Journey,
    stage: Option<&Stage>,
    rule: &Rule,
    count: u32,
    path: &[StepId],
    values: &[Option<SmolStr>],
) -> Diagnostic {
    // Point at the step where the path goes over the limit.
    let (mut seen, mut at, mut last) = (0, path.first().copied(), None::<&SmolStr>);
    for &id in path {
        if let Some(value) = values.get(id.index()).and_then(Option::as_ref) {
            if last.is_some_and(|l| l != value) {
                seen += 1;
                if seen == rule.limit + 1 {
                    at = Some(id);
                }
            }
            last = Some(value);
        }
    }
    let described: Vec<String> = path
        .iter()
        .filter_map(|&id| journey.step(id).map(|s| (s, values.get(id.index()).and_then(Option::as_ref))))
        .map(|(s, v)| match v {
            Some(v) => format!("{} ({v})", s.decl.id),
            None => s.decl.id.to_string(),
        })
        .collect();
    let span = at.and_then(|id| journey.step(id)).map_or(journey.decl.name_span, |s| s.decl.name_span);
    let place = match stage {
        Some(stage) => format!("stage `{}` of `{}`", stage.decl.id, journey.decl.id),
        None => format!("`{}`", journey.decl.id),
    };
    let many = rule.what.1;
    Diagnostic::new(rule.code, span, format!("a path through {place} has {count} {many}, more than {}", rule.limit))
        .with_label(format!("{} number {} on this path", rule.what.0, rule.limit + 1))
        .with_note(format!("the path: {}", described.join(" → ")))
        .with_help(format!(
            "serve this need in fewer {}, or raise `{}` under `[thresholds]` in journey.toml",
            rule.fewer, rule.key
        ))
}

/// The path through `steps` (indices in declaration order) with the most changes of value
/// between consecutive steps that have one, and that number. A path follows the `forward`
/// flows between these steps, each to a step declared later. Each step keeps, per value carried
/// into it (its own, or for a step without one the last value before it), the best count and
/// where it came from, so the answer is exact. The time is in the steps and their flows, not
/// in the journey's size: a journey of many stages is searched stage by stage.
fn worst_path(steps: &[usize], forward: &[Vec<usize>], values: &[Option<SmolStr>]) -> Option<(u32, Vec<StepId>)> {
    // Per step of `steps`: (carried value, count, previous step's place in `steps` and state).
    type State<'v> = (Option<&'v SmolStr>, u32, Option<(usize, usize)>);
    let mut states: Vec<Vec<State>> = vec![Vec::new(); steps.len()];
    let mut best: Option<(u32, usize, usize)> = None;
    for (u, &step) in steps.iter().enumerate() {
        let own = values.get(step).and_then(Option::as_ref);
        // Any step may begin a path within the stage: a path only gains by starting earlier.
        if states[u].is_empty() {
            states[u].push((own, 0, None));
        }
        for i in 0..states[u].len() {
            let (carried, count, _) = states[u][i];
            if best.is_none_or(|(c, _, _)| count > c) {
                best = Some((count, u, i));
            }
            for &to in forward.get(step).map_or(&[][..], Vec::as_slice) {
                let Ok(v) = steps.binary_search(&to) else { continue };
                let value = values.get(to).and_then(Option::as_ref);
                let changed = matches!((carried, value), (Some(a), Some(b)) if a != b);
                let next = (value.or(carried), count + u32::from(changed), Some((u, i)));
                match states[v].iter_mut().find(|s| s.0 == next.0) {
                    Some(s) if s.1 >= next.1 => {}
                    Some(s) => *s = next,
                    None => states[v].push(next),
                }
            }
        }
    }
    let (count, mut at, mut state) = best?;
    let mut path = vec![StepId(steps[at] as u32)];
    while let Some((previous, i)) = states.get(at).and_then(|s| s.get(state)).and_then(|s| s.2) {
        path.push(StepId(steps[previous] as u32));
        (at, state) = (previous, i);
    }
    path.reverse();
    Some((count, path))
}

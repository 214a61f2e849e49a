//! Rules on paths through a journey: too many hand-offs between lanes (the Rummler-Brache view)
//! or switches between channels along one path. The worst path is found exactly, as the
//! longest path of the flow graph with its loop-back flows set aside, in linear time.

use journey_diagnostics::{Code, Diagnostic};

use super::{Ctx, Subject};
use crate::graph::entries;
use crate::ir::*;

pub(super) fn handoffs(ctx: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let journey = subject.journey;
    let lane = |s: &Step| {
        s.at.and_then(|t| ctx.model.touchpoint(t))
            .and_then(|t| t.lane)
            .and_then(|l| ctx.model.lanes.get(l.index()))
            .map(|l| l.decl.id.clone())
    };
    let limit = ctx.config.max_handoffs;
    if let Some((count, path)) = worst_path(journey, lane) {
        if count > limit {
            out.push(report(
                journey,
                Code::TooManyHandoffs,
                count,
                limit,
                &path,
                "hand-offs between lanes",
                "max-handoffs",
                lane,
            ));
        }
    }
}

pub(super) fn channel_switches(ctx: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let journey = subject.journey;
    let channel = |s: &Step| s.at.and_then(|t| ctx.model.touchpoint(t)).and_then(|t| t.channel.clone());
    let limit = ctx.config.max_channel_switches;
    if let Some((count, path)) = worst_path(journey, channel) {
        if count > limit {
            out.push(report(
                journey,
                Code::TooManyChannelSwitches,
                count,
                limit,
                &path,
                "channel switches",
                "max-channel-switches",
                channel,
            ));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn report(
    journey: &Journey,
    code: Code,
    count: u32,
    limit: u32,
    path: &[StepId],
    what: &str,
    key: &str,
    attribute: impl Fn(&Step) -> Option<SmolStr>,
) -> Diagnostic {
    // Point at the step where the path goes over the limit.
    let mut seen = 0;
    let mut at = path.first().copied();
    let mut last: Option<SmolStr> = None;
    for &id in path {
        let Some(step) = journey.step(id) else {
            continue;
        };
        if let Some(value) = attribute(step) {
            if last.as_ref().is_some_and(|l| *l != value) {
                seen += 1;
                if seen == limit + 1 {
                    at = Some(id);
                }
            }
            last = Some(value);
        }
    }
    let described: Vec<String> = path
        .iter()
        .filter_map(|&id| journey.step(id))
        .map(|s| match attribute(s) {
            Some(v) => format!("{} ({v})", s.decl.id),
            None => s.decl.id.to_string(),
        })
        .collect();
    let span = at.and_then(|id| journey.step(id)).map_or(journey.decl.name_span, |s| s.decl.name_span);
    Diagnostic::new(code, span, format!("a path through `{}` has {count} {what}, more than {limit}", journey.decl.id))
        .with_label(format!("{what} number {} on this path", limit + 1))
        .with_note(format!("the path: {}", described.join(" → ")))
        .with_help(format!(
            "serve the customer in fewer {}, or raise `{key}` under `[thresholds]` in journey.toml",
            if code == Code::TooManyHandoffs { "lanes" } else { "channels" }
        ))
}

/// The path from an entry with the most changes of `attribute` between consecutive steps that
/// have one, and that number. A path follows flows to steps declared later; a flow to a step
/// declared earlier (or to itself) is a loop back and is not followed, so each loop counts
/// once. Steps in declaration order are then a topological order, and the longest path is
/// found exactly, in one pass, whatever order the flows are written in.
fn worst_path(journey: &Journey, attribute: impl Fn(&Step) -> Option<SmolStr>) -> Option<(u32, Vec<StepId>)> {
    let n = journey.steps.len();
    if n == 0 {
        return None;
    }
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
    for flow in &journey.flows {
        if flow.to.index() > flow.from.index() {
            if let Some(list) = forward.get_mut(flow.from.index()) {
                list.push(flow.to.index());
            }
        }
    }
    let values: Vec<Option<SmolStr>> = journey.steps.iter().map(&attribute).collect();
    // best[v]: the most changes on a path ending at v, and the step before v on it;
    // carrier[v]: the last step on that path that has a value.
    let mut best: Vec<Option<(u32, Option<usize>)>> = vec![None; n];
    let mut carrier: Vec<Option<usize>> = vec![None; n];
    for (start, _) in entries(journey) {
        let i = start.index();
        if let Some(b) = best.get_mut(i) {
            *b = Some((0, None));
        }
        if let Some(c) = carrier.get_mut(i) {
            *c = values.get(i).and_then(Option::as_ref).map(|_| i);
        }
    }
    for u in 0..n {
        let Some((score, _)) = best.get(u).copied().flatten() else { continue };
        let last = carrier.get(u).copied().flatten();
        let last_value = last.and_then(|l| values.get(l)).and_then(Option::as_ref);
        for &v in forward.get(u).map_or(&[][..], Vec::as_slice) {
            let value = values.get(v).and_then(Option::as_ref);
            let candidate = score + u32::from(matches!((last_value, value), (Some(a), Some(b)) if a != b));
            if best.get(v).copied().flatten().is_none_or(|(s, _)| candidate > s) {
                if let Some(b) = best.get_mut(v) {
                    *b = Some((candidate, Some(u)));
                }
                if let Some(c) = carrier.get_mut(v) {
                    *c = if value.is_some() { Some(v) } else { last };
                }
            }
        }
    }
    let (end, score) = best
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.map(|(s, _)| (i, s)))
        .max_by_key(|&(i, s)| (s, std::cmp::Reverse(i)))?;
    let mut path = vec![StepId(end as u32)];
    let mut cursor = end;
    while let Some(Some((_, Some(previous)))) = best.get(cursor) {
        path.push(StepId(*previous as u32));
        cursor = *previous;
    }
    path.reverse();
    Some((score, path))
}

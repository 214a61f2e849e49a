//! Rules on paths through a journey: too many hand-offs between lanes (the Rummler-Brache view)
//! or switches between channels along one path. The worst path is found exactly, as the
//! longest path of the flow graph with its loop-back flows set aside, in linear time.

use journey_diagnostics::{Code, Diagnostic};

use super::Ctx;
use crate::graph::entries;
use crate::ir::*;

pub(super) fn handoffs(ctx: &Ctx, _: JourneyId, journey: &Journey, out: &mut Vec<Diagnostic>) {
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

pub(super) fn channel_switches(ctx: &Ctx, _: JourneyId, journey: &Journey, out: &mut Vec<Diagnostic>) {
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
    attribute: impl Fn(&Step) -> Option<String>,
) -> Diagnostic {
    // Point at the step where the path goes over the limit.
    let mut seen = 0;
    let mut at = path.first().copied();
    let mut last: Option<String> = None;
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
            None => s.decl.id.clone(),
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

/// The path (from an entry, never taking a flow back into itself) with the most changes of
/// `attribute` between consecutive steps that have one, and that number.
fn worst_path(journey: &Journey, attribute: impl Fn(&Step) -> Option<String>) -> Option<(u32, Vec<StepId>)> {
    let n = journey.steps.len();
    if n == 0 {
        return None;
    }
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
    for flow in &journey.flows {
        if let Some(list) = next.get_mut(flow.from.index()) {
            if !list.contains(&flow.to.index()) {
                list.push(flow.to.index());
            }
        }
    }
    // Depth-first from the entries: a flow to a step still on the stack is a loop back, set
    // aside; the finishing order reversed is a topological order of what remains.
    let mut state = vec![0u8; n]; // 0 new, 1 on stack, 2 done
    let mut order = Vec::with_capacity(n);
    let mut forward: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (start, _) in entries(journey) {
        if state.get(start.index()) != Some(&0) {
            continue;
        }
        let mut stack = vec![(start.index(), 0usize)];
        if let Some(s) = state.get_mut(start.index()) {
            *s = 1;
        }
        while let Some(&mut (node, ref mut i)) = stack.last_mut() {
            let Some(&to) = next.get(node).and_then(|l| l.get(*i)) else {
                if let Some(s) = state.get_mut(node) {
                    *s = 2;
                }
                order.push(node);
                stack.pop();
                continue;
            };
            *i += 1;
            match state.get(to) {
                Some(0) => {
                    if let Some(f) = forward.get_mut(node) {
                        f.push(to);
                    }
                    if let Some(s) = state.get_mut(to) {
                        *s = 1;
                    }
                    stack.push((to, 0));
                }
                Some(2) => {
                    if let Some(f) = forward.get_mut(node) {
                        f.push(to);
                    }
                }
                _ => {}
            }
        }
    }
    order.reverse();
    let values: Vec<Option<String>> = journey.steps.iter().map(&attribute).collect();
    // best[v]: the most changes on a path ending at v, with the last attribute value seen.
    let mut best: Vec<Option<(u32, Option<usize>)>> = vec![None; n];
    // The step whose attribute is the last seen on the best path to v.
    let mut carrier: Vec<Option<usize>> = vec![None; n];
    for (start, _) in entries(journey) {
        if let Some(b) = best.get_mut(start.index()) {
            *b = Some((0, None));
        }
        if let Some(c) = carrier.get_mut(start.index()) {
            *c = values.get(start.index()).and_then(|v| v.as_ref()).map(|_| start.index());
        }
    }
    for &u in &order {
        let Some((score, _)) = best.get(u).copied().flatten() else {
            continue;
        };
        let last = carrier.get(u).copied().flatten();
        for &v in forward.get(u).map_or(&[][..], Vec::as_slice) {
            let value = values.get(v).and_then(|x| x.as_ref());
            let last_value = last.and_then(|l| values.get(l)).and_then(|x| x.as_ref());
            let change = u32::from(matches!((last_value, value), (Some(a), Some(b)) if a != b));
            let candidate = score + change;
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
    let (end, (score, _)) = best
        .iter()
        .enumerate()
        .filter_map(|(i, b)| b.map(|b| (i, b)))
        .max_by_key(|(i, (s, _))| (*s, std::cmp::Reverse(*i)))?;
    let mut path = vec![StepId(end as u32)];
    let mut cursor = end;
    while let Some(Some((_, Some(prev)))) = best.get(cursor) {
        path.push(StepId(*prev as u32));
        cursor = *prev;
        if path.len() > n {
            break;
        }
    }
    path.reverse();
    Some((score, path))
}

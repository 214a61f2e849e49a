//! Rules on a journey's flows: shares that do not add up, steps no one reaches, dead ends, and
//! loops with no way out.

use journey_diagnostics::{Code, Diagnostic, Span};
use petgraph::algo::kosaraju_scc;
use petgraph::visit::EdgeRef;

use super::{Ctx, Subject};
use crate::ir::StepId;

const EPSILON: f64 = 1e-9;

fn pct(fraction: f64) -> String {
    let p = fraction * 100.0;
    if (p - p.round()).abs() < 1e-6 { format!("{}%", p.round()) } else { format!("{p:.1}%") }
}

/// J0401, reported on the flows (where the percentages are written, so where they are put
/// right), the first of them as the primary label; the step they leave is a second label.
pub(super) fn shares(_: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let journey = subject.journey;
    for (index, o) in subject.outgoing.iter().enumerate() {
        let id = StepId(index as u32);
        let Some(step) = journey.step(id) else {
            continue;
        };
        // Each written flow once (a chain `a -> b -> c` is one flow written, two in the graph).
        let mut written: Vec<(Span, f64)> = Vec::new();
        let mut unwritten: Vec<Span> = Vec::new();
        for flow in o.next.iter().filter_map(|&(_, _, f)| journey.flows.get(f)).filter(|f| !f.implicit) {
            match flow.share {
                Some(share) if !written.iter().any(|(s, _)| *s == flow.span) => written.push((flow.span, share)),
                None if !unwritten.contains(&flow.span) => unwritten.push(flow.span),
                _ => {}
            }
        }
        if written.is_empty() {
            continue;
        }
        let name = &step.decl.id;
        let total = pct(o.written);
        let (message, help) = if o.written > 1.0 + EPSILON {
            (
                format!("the flows out of `{name}` add up to {total}, more than 100%"),
                "lower the percentages so that they add up to 100%".to_string(),
            )
        } else if !unwritten.is_empty() && o.written >= 1.0 - EPSILON {
            (
                format!("the flows out of `{name}` with a percentage already add up to {total}"),
                "give every flow out of the step a percentage, adding up to 100%".to_string(),
            )
        } else if unwritten.is_empty() && o.written < 1.0 - EPSILON && !journey.is_final(id) {
            let missing = pct(1.0 - o.written);
            (
                format!("the flows out of `{name}` add up to {total}, not 100%"),
                format!(
                    "give the missing {missing} to a flow, or add `end: true` to `{name}` if customers may leave the journey here"
                ),
            )
        } else {
            continue;
        };
        // A flow without a percentage is where the share is missing: it comes first.
        let mut labels: Vec<(Span, String)> = unwritten
            .iter()
            .map(|&span| (span, "no percentage: the others leave it nothing".to_string()))
            .chain(written.iter().map(|&(span, share)| (span, pct(share))))
            .collect();
        let Some(first) = labels.first_mut() else { continue };
        if unwritten.is_empty() {
            first.1 = format!("{} here, {total} in all", first.1);
        }
        let mut labels = labels.into_iter();
        let Some((span, label)) = labels.next() else { continue };
        let mut d = Diagnostic::new(Code::FlowSharesNot100, span, message).with_label(label).with_help(help);
        for (span, label) in labels {
            d = d.with_secondary(span, label);
        }
        out.push(d.with_secondary(step.decl.name_span, "the step they leave"));
    }
}

pub(super) fn entries(_: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let journey = subject.journey;
    let written: Vec<(&crate::ir::Step, f64)> = journey.steps.iter().filter_map(|s| s.entry.map(|e| (s, e))).collect();
    let total: f64 = written.iter().map(|(_, e)| e).sum();
    let Some((first, _)) = written.first() else {
        return;
    };
    if (total - 1.0).abs() > EPSILON {
        let mut d = Diagnostic::new(
            Code::EntrySharesNot100,
            first.decl.name_span,
            format!("the entry shares of `{}` add up to {}, not 100%", journey.decl.id, pct(total)),
        )
        .with_label("an entry share")
        .with_help("the `entry:` percentages say where customers start; make them add up to 100%");
        for (step, _) in written.iter().skip(1) {
            d = d.with_secondary(step.decl.name_span, "another entry share");
        }
        out.push(d);
    }
}

pub(super) fn unreachable(_: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let journey = subject.journey;
    for (index, reached) in subject.reached.iter().enumerate() {
        if *reached {
            continue;
        }
        let Some(step) = journey.steps.get(index) else {
            continue;
        };
        out.push(
            Diagnostic::new(
                Code::UnreachableStep,
                step.decl.name_span,
                format!("no path from the start of `{}` reaches `{}`", journey.decl.id, step.decl.id),
            )
            .with_label("no customer ever gets here")
            .with_help(format!(
                "add a flow into it (`… -> {}`), make it an entry (`entry: 10%`), or remove it",
                step.decl.id
            )),
        );
    }
}

pub(super) fn dead_ends(_: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let journey = subject.journey;
    let (outgoing, reached) = (&subject.outgoing, &subject.reached);
    for id in journey.step_ids() {
        let Some(step) = journey.step(id) else { continue };
        let stuck = outgoing.get(id.index()).is_none_or(|o| o.next.is_empty());
        // A step no one reaches is reported as unreachable; that it leads nowhere is moot.
        let reached = reached.get(id.index()).copied().unwrap_or(false);
        if stuck && reached && !journey.is_final(id) {
            out.push(
                Diagnostic::new(Code::DeadEnd, step.decl.name_span, format!("`{}` is a dead end", step.decl.id))
                    .with_label("no flow leads on from this step, and it is not in the last stage")
                    .with_help(format!(
                        "add a flow out of it (`{} -> …`), or mark it `end: true` if the journey may end here",
                        step.decl.id
                    )),
            );
        }
    }
}

pub(super) fn loops_without_exit(_: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let journey = subject.journey;
    let (graph, outgoing) = (&subject.graph, &subject.outgoing);
    // Which component each step is in: deciding whether an edge leaves its loop is then one
    // look-up, however large the loop. (Kosaraju's algorithm, not Tarjan's: petgraph's Tarjan
    // recurses once per step of a path and overflows the stack on a long journey.)
    let components = kosaraju_scc(graph);
    let mut component_of = vec![usize::MAX; graph.node_count()];
    for (index, component) in components.iter().enumerate() {
        for n in component {
            if let Some(slot) = component_of.get_mut(n.index()) {
                *slot = index;
            }
        }
    }
    for (index, component) in components.into_iter().enumerate() {
        let is_loop = component.len() > 1 || component.first().is_some_and(|&n| graph.find_edge(n, n).is_some());
        if !is_loop {
            continue;
        }
        let inside = |n: petgraph::graph::NodeIndex| component_of.get(n.index()) == Some(&index);
        let exits = component.iter().any(|&n| {
            let o = outgoing.get(n.index());
            let leaves_journey = o.is_none_or(|o| o.next.is_empty() || o.exit > EPSILON);
            let leaves_loop = graph.edges(n).any(|e| {
                !inside(e.target())
                    && o.is_some_and(|o| {
                        o.next.iter().any(|&(to, share, _)| to.index() == e.target().index() && share > EPSILON)
                    })
            });
            leaves_journey || leaves_loop
        });
        if exits {
            continue;
        }
        let mut steps: Vec<StepId> = component.iter().map(|n| StepId(n.index() as u32)).collect();
        steps.sort();
        let Some(first) = steps.first().and_then(|&s| journey.step(s)) else {
            continue;
        };
        // A loop of thousands of steps is named by its first few.
        const NAMED: usize = 12;
        let mut names: Vec<&str> =
            steps.iter().take(NAMED).filter_map(|&s| journey.step(s)).map(|s| s.decl.id.as_str()).collect();
        let more = steps.len().saturating_sub(NAMED);
        let more = if more > 0 { format!(" → … ({more} more steps)") } else { String::new() };
        names.truncate(NAMED);
        let mut d = Diagnostic::new(
            Code::LoopWithoutExit,
            first.decl.name_span,
            format!("customers who enter the loop {}{more} never leave it", names.join(" → ")),
        )
        .with_label("this loop has no way out");
        let final_step = steps.iter().copied().find(|&s| journey.is_final(s)).and_then(|s| journey.step(s));
        d = match final_step {
            Some(step) => d.with_help(format!(
                "`{}` may end the journey, but its flows send everyone on: give them percentages that leave a share to end there",
                step.decl.id
            )),
            None => d.with_help("add a flow out of the loop, or mark a step of it `end: true` and leave some share to end there"),
        };
        let mut flows: Vec<Span> = journey
            .flows
            .iter()
            .filter(|f| steps.binary_search(&f.from).is_ok() && steps.binary_search(&f.to).is_ok() && !f.implicit)
            .map(|f| f.span)
            .collect();
        flows.dedup();
        for span in flows {
            d = d.with_secondary(span, "a flow of the loop");
        }
        out.push(d);
    }
}

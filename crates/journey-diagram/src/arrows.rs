//! The arrows a drawing draws for a journey's flows, within what can be drawn legibly.
//! Parallel flows (the same two steps, the same way) become one arrow carrying their summed
//! share. At most [`MAX_FROM_STEP`] arrows leave one step: the ones that carry the fewest of
//! its customers are left out, and a drawing that leaves anything out says so with J1001
//! (`drawing-too-dense`). Everything here is linear in the flows, after one sort.

use journey_diagnostics::{Code, Diagnostic};
use journey_model::ir::*;

use crate::Prepared;
use crate::draw::Ctx;
use crate::i18n::Arg;

/// The most arrows drawn from one step.
pub const MAX_FROM_STEP: usize = 6;

/// One arrow: one flow, or several parallel ones bundled.
#[derive(Clone, Debug, PartialEq)]
pub struct Arrow {
    pub from: StepId,
    pub to: StepId,
    /// The share of the step's customers who take it: written, or worked out for flows
    /// without a percentage; `None` for the flows of a journey that declares none.
    pub share: Option<f64>,
    /// Whether some flow of it has a written percentage (else the share is worked out).
    pub written: bool,
    /// The flows' own labels.
    pub labels: Vec<SmolStr>,
    /// How many flows it bundles.
    pub flows: usize,
}

impl Arrow {
    /// What the arrow says in a drawing: its share (written, or "about" a worked-out one; none
    /// for everyone), the flows' labels, or how many flows it bundles.
    pub fn label(&self, ctx: &Ctx) -> String {
        let m = &ctx.m;
        let mut parts = Vec::new();
        match self.share {
            Some(s) if self.written && s < 0.9999 => parts.push(m.percent(s)),
            Some(s) if !self.written && s < 0.9999 => {
                parts.push(m.fmt("share-about", &[("share", Arg::Str(&m.percent(s)))]))
            }
            _ => {}
        }
        parts.extend(self.labels.iter().map(ToString::to_string));
        if self.flows > 1 && self.labels.is_empty() {
            parts.push(m.fmt("arrow-bundled", &[("count", Arg::Num(self.flows as f64))]));
        }
        parts.join(" ")
    }

    /// The arrow's tooltip: from which step to which, with its `label`.
    pub fn tip(&self, ctx: &Ctx, label: &str) -> String {
        let name = |s: StepId| ctx.journey.step(s).map_or("", |s| s.decl.label.as_str());
        ctx.m.fmt(
            "tip-flow",
            &[("from", Arg::Str(name(self.from))), ("to", Arg::Str(name(self.to))), ("share", Arg::Str(label))],
        )
    }

    /// Whether it goes back to a step drawn before it (a loop), given each step's column.
    pub fn is_back(&self, column: &[usize]) -> bool {
        match (column.get(self.from.index()), column.get(self.to.index())) {
            (Some(a), Some(b)) => b <= a,
            _ => false,
        }
    }
}

/// The arrows of a drawing, and what was left out.
#[derive(Clone, Debug, Default)]
pub struct Arrows {
    pub arrows: Vec<Arrow>,
    /// Flows between drawn steps that are not drawn.
    pub left_out: usize,
    /// Flows between drawn steps.
    pub total: usize,
}

/// The arrows from `steps` (the steps drawn, in any order) to the steps `drawn` says are
/// drawn, bundled and within the limit.
pub fn arrows(prepared: &Prepared, steps: &[StepId], drawn: &dyn Fn(StepId) -> bool) -> Arrows {
    let (journey, out) = (prepared.journey, prepared.outgoing());
    // (from, to, effective share, written, flow index), sorted so parallel flows are together.
    let mut flows: Vec<(StepId, StepId, f64, bool, usize)> = Vec::new();
    for &from in steps {
        let Some(o) = out.get(from.index()) else { continue };
        for &(to, share, index) in &o.next {
            if drawn(to) {
                let written = journey.flows.get(index).is_some_and(|f| f.share.is_some());
                flows.push((from, to, share, written, index));
            }
        }
    }
    let total = flows.len();
    flows.sort_by_key(|f| (f.0, f.1, f.4));
    let implicit = prepared.implicit();
    let mut bundled: Vec<Arrow> = Vec::new();
    for (from, to, share, written, index) in flows {
        let label = journey.flows.get(index).and_then(|f| f.label.clone());
        match bundled.last_mut() {
            Some(a) if a.from == from && a.to == to => {
                a.share = a.share.map(|s| s + share);
                a.written |= written;
                a.labels.extend(label);
                a.flows += 1;
            }
            _ => bundled.push(Arrow {
                from,
                to,
                share: (!implicit).then_some(share),
                written,
                labels: label.into_iter().collect(),
                flows: 1,
            }),
        }
    }
    // From each step, the arrows that carry the most of its customers.
    let mut kept = Vec::with_capacity(bundled.len());
    let mut left_out = 0;
    let mut start = 0;
    while start < bundled.len() {
        let from = bundled[start].from;
        let end = bundled[start..].iter().position(|a| a.from != from).map_or(bundled.len(), |k| start + k);
        let group = &bundled[start..end];
        if group.len() <= MAX_FROM_STEP {
            kept.extend_from_slice(group);
        } else {
            let mut order: Vec<usize> = (0..group.len()).collect();
            order.sort_by(|&a, &b| {
                let (x, y) = (group[a].share.unwrap_or(0.0), group[b].share.unwrap_or(0.0));
                y.total_cmp(&x).then(a.cmp(&b))
            });
            let mut keep = order[..MAX_FROM_STEP].to_vec();
            keep.sort_unstable();
            left_out += order[MAX_FROM_STEP..].iter().map(|&k| group[k].flows).sum::<usize>();
            kept.extend(keep.into_iter().map(|k| group[k].clone()));
        }
        start = end;
    }
    Arrows { arrows: kept, left_out, total }
}

/// J1001 for a drawing that leaves flows out, at the journey's header.
pub fn too_dense(journey: &Journey, drawing: &str, left_out: usize, total: usize, why: &str) -> Diagnostic {
    Diagnostic::new(
        Code::DrawingTooDense,
        journey.decl.name_span,
        format!("the {drawing} of `{}` leaves out {left_out} of its {total} flows: {why}", journey.decl.id),
    )
    .with_label("too many flows to draw legibly")
    .with_help("the figures still count every flow; draw one stage at a time (`--stage`), or bundle the rare ways into one step")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journey(text: &str) -> Model {
        let checked = journey_model::check_text(std::path::Path::new("/t/a.journey"), text);
        checked.model
    }

    #[test]
    fn parallel_flows_become_one_arrow_with_their_shares_summed() {
        let model = journey(
            "touchpoint t \"T\" { channel: web }\njourney j \"J\" {\n  step a \"A\" at t\n  step b \"B\" at t\n  step c \"C\" at t { end: true }\n  a -> b 30% \"x\"\n  a -> b 20% \"y\"\n  a -> c 50%\n  b -> c\n}\n",
        );
        let prepared = Prepared::new(&model, &model.journeys[0]);
        let arrows = arrows(&prepared, &prepared.journey.step_ids().collect::<Vec<_>>(), &|_| true);
        assert_eq!(arrows.arrows.len(), 3);
        let ab = &arrows.arrows[0];
        assert_eq!((ab.from, ab.to, ab.flows), (StepId(0), StepId(1), 2));
        assert!((ab.share.unwrap_or(0.0) - 0.5).abs() < 1e-9);
        assert_eq!(ab.labels, ["x", "y"]);
        assert_eq!(arrows.left_out, 0);
    }

    #[test]
    fn at_most_six_arrows_leave_a_step() {
        let mut text = String::from("touchpoint t \"T\" { channel: web }\njourney j \"J\" {\n  step a \"A\" at t\n");
        for i in 0..10 {
            text.push_str(&format!("  step s{i} \"S{i}\" at t {{ end: true }}\n"));
        }
        for i in 0..10 {
            text.push_str(&format!("  a -> s{i} {}%\n", [19, 1, 2, 3, 18, 17, 16, 15, 5, 4][i]));
        }
        text.push_str("}\n");
        let model = journey(&text);
        let prepared = Prepared::new(&model, &model.journeys[0]);
        let arrows = arrows(&prepared, &prepared.journey.step_ids().collect::<Vec<_>>(), &|_| true);
        assert_eq!(arrows.arrows.len(), MAX_FROM_STEP);
        assert_eq!(arrows.left_out, 4);
        let kept: Vec<u32> = arrows.arrows.iter().map(|a| a.to.0).collect();
        // The six largest shares, in the order written: 19, 18, 17, 16, 15, 5.
        assert_eq!(kept, [1, 5, 6, 7, 8, 9]);
    }
}

//! Inlay hints where the model knows what the text leaves implicit: a step's lane after its
//! touchpoint (`at web` — lane: sales), and the share a flow without a percentage gets.

use journey_diagnostics::FileId;
use journey_model::graph::outgoing;
use journey_model::ir::{Journey, Target};
use journey_syntax::ast::{ItemKind, Term};

use crate::Analysis;
use crate::actions::flows;
use crate::hover::percent;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HintKind {
    /// The lane a step is in, through its touchpoint.
    Lane,
    /// The share of customers a flow carries.
    Share,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint stands: right after this offset.
    pub offset: u32,
    pub label: String,
    pub kind: HintKind,
    pub tooltip: String,
}

impl Analysis {
    /// The hints whose place is within `start..=end` of `file`.
    pub fn inlay_hints(&self, file: FileId, start: u32, end: u32) -> Vec<InlayHint> {
        let src = self.checked().files();
        let mut out = Vec::new();
        let Some(ast) = self.ast(file) else { return out };
        let within = |offset: u32| start <= offset && offset <= end;
        let model = self.model();
        for item in self.items(file) {
            if item.kind != ItemKind::Step || !(item.span.start <= end && start <= item.span.end) {
                continue;
            }
            let at = item.at.as_ref().map(|n| n.span).or_else(|| {
                item.fields().find(|f| f.key.text(src) == "at").and_then(|f| match &*f.values {
                    [Term::Ident(name)] => Some(name.span),
                    _ => None,
                })
            });
            let Some(at) = at.filter(|s| within(s.end)) else { continue };
            let Some(Target::Touchpoint(t)) = self.index().at(file, at.start).map(|n| n.raw) else { continue };
            let Some(touchpoint) = model.touchpoint(t) else { continue };
            let Some(lane) = touchpoint.lane.and_then(|l| model.lanes.get(l.index())) else { continue };
            out.push(InlayHint {
                offset: at.end,
                label: format!("lane: {}", lane.decl.id),
                kind: HintKind::Lane,
                tooltip: format!(
                    "`{}` is staffed by the lane `{}` ({})",
                    touchpoint.decl.id, lane.decl.id, lane.decl.label
                ),
            });
        }
        for item in ast.items.iter().filter(|i| matches!(i.kind, ItemKind::Journey | ItemKind::Scenario)) {
            if !(item.span.start <= end && start <= item.span.end) {
                continue;
            }
            let Some(journey) = self.journey_of(item) else { continue };
            let shares = outgoing(journey);
            for flow in flows(item).into_iter().filter(|f| f.share.is_none()) {
                for pair in flow.path.windows(2) {
                    let [from, to] = pair else { continue };
                    if !within(to.span.end) {
                        continue;
                    }
                    let (Some(a), Some(b)) = (journey.find_step(from.text(src)), journey.find_step(to.text(src)))
                    else {
                        continue;
                    };
                    let share = shares.get(a.index()).and_then(|o| {
                        o.next
                            .iter()
                            .find(|&&(t, _, i)| t == b && journey.flows.get(i).is_some_and(|f| f.span == flow.span))
                    });
                    if let Some(&(_, share, _)) = share {
                        out.push(InlayHint {
                            offset: to.span.end,
                            label: percent(share),
                            kind: HintKind::Share,
                            tooltip: format!(
                                "implied: the flows out of `{}` without a percentage share what the written ones leave",
                                from.text(src)
                            ),
                        });
                    }
                }
            }
        }
        out.sort_by_key(|h| h.offset);
        out
    }

    /// The model's journey for a journey item, or a scenario's version of its baseline.
    pub(crate) fn journey_of(&self, item: &journey_syntax::ast::Item) -> Option<&Journey> {
        let model = self.model();
        match item.kind {
            ItemKind::Journey => {
                model.base_journeys().find(|(_, j)| j.decl.name_span == item.name.span).map(|(_, j)| j)
            }
            ItemKind::Scenario => {
                let scenario = model.scenarios.iter().find(|s| s.decl.name_span == item.name.span)?;
                model.journey(scenario.journey?)
            }
            _ => None,
        }
    }
}

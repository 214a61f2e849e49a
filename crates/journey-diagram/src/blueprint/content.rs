//! What the cards of a column say: the customer's step (its duration, pains, risks and what a
//! scenario changed), what contact staff do at its touchpoint, and its backstage procedures
//! with the systems they call on.

use super::*;

pub(super) fn step_card(ctx: &Ctx, col: &Col) -> Card {
    let (p, m) = (ctx.p, &ctx.m);
    let step = col.step();
    let mut tip = step.decl.label.to_string();
    if let Some(d) = &step.decl.description {
        tip = format!("{tip}\n{d}");
    }
    let mut card = Card::new(p.step, p.text, &step.decl.label, tip);
    match col {
        Col::Step(_, _, Mark::Added) => {
            card.badge(m.get("mark-added"), p.added).outline(p.added, false);
        }
        Col::Step(_, _, Mark::Changed(what)) => {
            let what: Vec<String> = what.iter().map(|k| m.get(k)).collect();
            let what: Vec<&str> = what.iter().map(String::as_str).collect();
            card.badge(m.fmt("mark-changed", &[("what", Arg::Str(&m.list(&what)))]), p.changed)
                .outline(p.changed, true);
        }
        Col::Removed(_) => {
            card.badge(m.get("mark-removed"), p.removed).outline(p.removed, true);
        }
        Col::Step(_, _, Mark::Same) => {}
    }
    if let Some(d) = step.duration {
        card.meta(&m.duration(d), p.muted);
    }
    if step.at.is_none() {
        card.meta(&m.get("card-alone"), p.muted);
    }
    for pain in &step.pains {
        card.meta(&m.fmt("card-pain", &[("text", Arg::Str(&pain.text))]), p.pain);
    }
    for risk in &step.risks {
        let text = match risk.chance {
            Some(c) => {
                m.fmt("card-risk-chance", &[("text", Arg::Str(&risk.label)), ("chance", Arg::Str(&m.percent(c)))])
            }
            None => m.fmt("card-risk", &[("text", Arg::Str(&risk.label))]),
        };
        card.meta(&text, p.risk);
    }
    card
}

pub(super) fn staff_card(ctx: &Ctx, step: &Step, t: &Touchpoint, show_script: bool, removed: bool) -> Card {
    let (p, m) = (ctx.p, &ctx.m);
    let mut tip = t.decl.label.to_string();
    if let Some(s) = &t.script {
        tip = format!("{tip}\n{}", m.fmt("card-script", &[("text", Arg::Str(s))]));
    }
    let mut card = match &step.staff {
        Some(action) => {
            let mut card = Card::new(p.touchpoint, p.text, action, tip);
            card.meta(&t.decl.label, p.muted);
            card
        }
        None => Card::new(p.touchpoint, p.text, &t.decl.label, tip),
    };
    let mut facts = Vec::new();
    if let Some(ch) = &t.channel {
        facts.push(ctx.channel(ch));
    }
    if let Some(r) = t.response {
        facts.push(m.fmt("card-response", &[("duration", Arg::Str(&m.duration(r)))]));
    }
    card.meta(&facts.join(" · "), p.muted);
    if let (true, Some(script)) = (show_script, &t.script) {
        card.meta_italic(&m.fmt("card-script", &[("text", Arg::Str(script))]), p.muted);
    }
    if removed {
        card.outline(p.removed, true);
    }
    card
}

#[allow(clippy::too_many_arguments)]
pub(super) fn add_procedure(
    ctx: &Ctx,
    back: &mut BTreeMap<RowKey, Row>,
    back_of: &mut Vec<((bool, Option<LaneId>), ProcedureId)>,
    uses: &mut support::Uses,
    c: usize,
    pid: ProcedureId,
    removed: bool,
    n: usize,
) {
    let Some(proc) = ctx.model.procedures.get(pid.index()) else { return };
    let (p, m) = (ctx.p, &ctx.m);
    let key = (proc.lane.is_none(), proc.lane);
    let mut tip = proc.decl.label.to_string();
    if let Some(d) = &proc.decl.description {
        tip = format!("{tip}\n{d}");
    }
    let mut card = Card::new(p.procedure, p.text, &proc.decl.label, tip);
    if removed {
        card.outline(p.removed, true);
    }
    back.entry(key)
        .or_insert_with(|| Row::new(ctx.lane_name(proc.lane), Some(m.get("row-backstage")), p.band_back, n))
        .cells[c]
        .push(card);
    back_of.push((key, pid));
    for &s in &proc.uses {
        uses.add(s, c, support::Caller::Back(pid));
    }
}

//! Rules on the outside-in chain (that every step names its touchpoint, and every risk its
//! recovery, is checked as they are lowered): every touchpoint is backed by a
//! procedure or a system, every promised experience is delivered by a journey, and nothing is declared that nothing uses.

use journey_diagnostics::{Code, Diagnostic};

use super::Ctx;
use crate::ir::*;

pub(super) fn unbacked_touchpoints(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    for (index, t) in ctx.model.touchpoints.iter().enumerate() {
        // A competitor's backstage is not ours to model.
        if t.competitor.is_some() || !t.supported_by.is_empty() || !t.uses.is_empty() {
            continue;
        }
        // What backs it may be written but not be found: that is the error reported.
        if ctx.model.in_doubt.contains(&Target::Touchpoint(TouchpointId(index as u32))) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::UnbackedTouchpoint,
                t.decl.name_span,
                format!("touchpoint `{}` is backed by no procedure or system", t.decl.id),
            )
            .with_label("nothing behind the line of visibility supports it")
            .with_help("say what supports it: `supported_by: procedure_id` or `uses: system_id`"),
        );
    }
}

pub(super) fn unrealized_experiences(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let mut realized = vec![false; ctx.model.experiences.len()];
    for journey in &ctx.model.journeys {
        for e in &journey.realizes {
            if let Some(r) = realized.get_mut(e.index()) {
                *r = true;
            }
        }
    }
    for (index, (e, done)) in ctx.model.experiences.iter().zip(realized).enumerate() {
        // One that a misspelt `realizes:` most likely meant counts as used, and is not reported
        // for the misspelling.
        if done || ctx.model.used.contains(&Target::Experience(ExperienceId(index as u32))) {
            continue;
        }
        out.push(
            Diagnostic::new(
                Code::UnrealizedExperience,
                e.decl.name_span,
                format!("no journey realizes the experience `{}`", e.decl.id),
            )
            .with_label("promised, but delivered nowhere")
            .with_help(format!("add `realizes: {}` to the journey meant to deliver it", e.decl.id)),
        );
    }
}

pub(super) fn unused(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let m = ctx.model;
    let decls = (0..m.lanes.len() as u32)
        .map(|i| Target::Lane(LaneId(i)))
        .chain((0..m.segments.len() as u32).map(|i| Target::Segment(SegmentId(i))))
        .chain((0..m.systems.len() as u32).map(|i| Target::System(SystemId(i))))
        .chain((0..m.procedures.len() as u32).map(|i| Target::Procedure(ProcedureId(i))))
        .chain((0..m.touchpoints.len() as u32).map(|i| Target::Touchpoint(TouchpointId(i))));
    for target in decls {
        if m.used.contains(&target) {
            continue;
        }
        let Some(decl) = m.decl(target) else { continue };
        let (kind, how) = match target {
            Target::Lane(_) => ("lane", "give a touchpoint or procedure `lane:"),
            Target::Segment(_) => ("segment", "name it in a journey's or experience's `segments:"),
            Target::System(_) => ("system", "name it in a touchpoint's or procedure's `uses:"),
            Target::Procedure(_) => ("procedure", "name it in a touchpoint's `supported_by:` or a step's `via:"),
            _ => ("touchpoint", "hold a step there with `at"),
        };
        out.push(
            Diagnostic::new(
                Code::UnusedDeclaration,
                decl.name_span,
                format!("{kind} `{}` is declared but never used", decl.id),
            )
            .with_label("nothing refers to it")
            .with_help(format!("{how} {}`, or remove it", decl.id)),
        );
    }
}

//! The blueprint's columns: the journey's steps in drawing order (one stage's, if asked), and
//! for a scenario the baseline's steps it removes, each after the step it followed there.

use journey_model::ir::*;

use crate::draw::Ctx;

use super::marks::{self, Mark};

/// A column: a step of the journey, or a step of the baseline a scenario removes.
pub enum Col<'a> {
    Step(StepId, &'a Step, Mark),
    Removed(&'a Step),
}

impl<'a> Col<'a> {
    pub fn step(&self) -> &'a Step {
        match self {
            Col::Step(_, s, _) | Col::Removed(s) => s,
        }
    }
}

/// The columns in drawing order: the journey's steps in `order` (one stage's, if asked), and
/// for a scenario the baseline's steps of that stage it removes, each after the step it
/// followed there.
pub fn columns<'a>(ctx: &Ctx<'a>, order: &[StepId], stage: Option<StageId>) -> Vec<Col<'a>> {
    let (model, journey) = (ctx.model, ctx.journey);
    let base = marks::baseline(model, journey);
    let in_stage = |j: &Journey, s: &Step| match stage {
        None => true,
        Some(st) => {
            let want = journey.stages.get(st.index()).map(|x| &x.decl.id);
            s.stage.and_then(|x| j.stages.get(x.index())).map(|x| &x.decl.id) == want
        }
    };
    let cols: Vec<Col<'a>> = order
        .iter()
        .filter_map(|&id| journey.step(id).map(|s| (id, s)))
        .map(|(id, s)| {
            let mark = base.map_or(Mark::Same, |b| marks::mark(model, b, journey, s));
            Col::Step(id, s, mark)
        })
        .collect();
    let Some(base) = base else { return cols };
    // A step the scenario removes is drawn after the step drawn before it in the baseline (or
    // first): slot 0 is before every column, slot c + 1 after column c.
    let position: std::collections::HashMap<&str, usize> = cols
        .iter()
        .enumerate()
        .filter_map(|(c, col)| match col {
            Col::Step(_, s, _) => Some((s.decl.id.as_str(), c)),
            Col::Removed(_) => None,
        })
        .collect();
    let mut removed: Vec<Vec<&'a Step>> = vec![Vec::new(); cols.len() + 1];
    let mut slot = 0;
    for id in crate::order::columns(base) {
        let Some(s) = base.step(id) else { continue };
        match position.get(s.decl.id.as_str()) {
            Some(&c) => slot = c + 1,
            None if in_stage(base, s) => removed[slot].push(s),
            None => {}
        }
    }
    let mut slots = removed.into_iter();
    let mut out: Vec<Col<'a>> = slots.next().unwrap_or_default().into_iter().map(Col::Removed).collect();
    for (col, after) in cols.into_iter().zip(slots) {
        out.push(col);
        out.extend(after.into_iter().map(Col::Removed));
    }
    out
}

/// The index, in the drawn journey's stages, of a column's stage.
pub fn stage_index(ctx: &Ctx, col: &Col, stage: StageId) -> Option<usize> {
    match col {
        Col::Step(..) => Some(stage.index()),
        Col::Removed(_) => {
            let base = marks::baseline(ctx.model, ctx.journey)?;
            let id = &base.stages.get(stage.index())?.decl.id;
            ctx.journey.stages.iter().position(|s| &s.decl.id == id)
        }
    }
}

//! The name index: every place a name is written — each declaration's id and each resolved
//! reference — with what it names, per file in source order, and per target.
//!
//! A scenario makes several model entities of one thing the user wrote once: its version of the
//! journey and of every baseline step and stage, and its override of a baseline touchpoint (a
//! declaration with the same id and a scenario `Origin`). For an editor these are the baseline
//! item: the index maps each to its *canonical* target, so that references, highlights and
//! rename treat an override, a `remove` and the baseline declaration as one name.

use std::collections::HashMap;

use journey_diagnostics::{FileId, Span};
use journey_model::Checked;
use journey_model::ir::{JourneyId, Model, Origin, StageId, StepId, Target, Variant};

/// One written name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Name {
    pub span: Span,
    /// The canonical target.
    pub target: Target,
    /// What the model resolved the name to: a scenario's version of a step, say, where
    /// `target` is the baseline step.
    pub raw: Target,
    /// The id of a declaration (an override included), rather than a reference.
    pub decl: bool,
}

#[derive(Debug, Default)]
pub(crate) struct Index {
    /// Per file, sorted by position, without overlaps.
    names: Vec<Vec<Name>>,
    /// Per canonical target, in file and position order.
    by_target: HashMap<Target, Vec<Name>>,
    /// Scenario versions and overrides to the baseline item they stand for.
    canonical: HashMap<Target, Target>,
}

/// Every declaration of the model, steps and stages of every journey included.
pub(crate) fn all_targets(model: &Model) -> Vec<Target> {
    let mut out = model.targets();
    for (j, journey) in model.journeys.iter().enumerate() {
        let j = JourneyId(j as u32);
        out.extend((0..journey.stages.len() as u32).map(|s| Target::Stage(j, StageId(s))));
        out.extend((0..journey.steps.len() as u32).map(|s| Target::Step(j, StepId(s))));
    }
    out
}

impl Index {
    pub(crate) fn build(checked: &Checked) -> Index {
        let model = &checked.model;
        let canonical = canonical_map(model);
        let canon = |t: Target| canonical.get(&t).copied().unwrap_or(t);
        let mut all: Vec<Name> = Vec::with_capacity(model.references.len() * 2);
        for target in all_targets(model) {
            if let Some(decl) = model.decl(target) {
                if decl.name_span.start < decl.name_span.end {
                    all.push(Name { span: decl.name_span, target: canon(target), raw: target, decl: true });
                }
            }
        }
        for reference in &model.references {
            all.push(Name {
                span: reference.span,
                target: canon(reference.target),
                raw: reference.target,
                decl: false,
            });
        }
        // Declarations sort before references at the same place, and win the dedup.
        all.sort_by_key(|n| (n.span.file, n.span.start, n.span.end, !n.decl));
        all.dedup_by(|later, earlier| later.span == earlier.span);
        let mut names: Vec<Vec<Name>> = vec![Vec::new(); checked.workspace.files.len()];
        let mut by_target: HashMap<Target, Vec<Name>> = HashMap::new();
        for name in all {
            by_target.entry(name.target).or_default().push(name);
            if let Some(file) = names.get_mut(name.span.file.0 as usize) {
                // Spans never overlap in well-formed input; if one does, the first one stands.
                if file.last().is_none_or(|last| last.span.end <= name.span.start) {
                    file.push(name);
                }
            }
        }
        Index { names, by_target, canonical }
    }

    /// The name written at `offset`: the one containing it, or else the one ending right at it
    /// (the cursor just after a name).
    pub(crate) fn at(&self, file: FileId, offset: u32) -> Option<Name> {
        let names = self.names.get(file.0 as usize)?;
        let after = names.partition_point(|n| n.span.start <= offset);
        let candidate = names.get(after.checked_sub(1)?)?;
        (offset <= candidate.span.end).then_some(*candidate)
    }

    /// The names of a file, in order.
    pub(crate) fn names(&self, file: FileId) -> &[Name] {
        self.names.get(file.0 as usize).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn canonical(&self, target: Target) -> Target {
        self.canonical.get(&target).copied().unwrap_or(target)
    }

    /// Every place the (canonical) target is written, declarations and references.
    pub(crate) fn occurrences(&self, target: Target) -> &[Name] {
        self.by_target.get(&self.canonical(target)).map_or(&[], Vec::as_slice)
    }
}

/// Scenario entities to the baseline items they stand for.
fn canonical_map(model: &Model) -> HashMap<Target, Target> {
    let mut map = HashMap::new();
    for (j, journey) in model.journeys.iter().enumerate() {
        let Variant::Scenario { baseline, .. } = journey.variant else { continue };
        let Some(base) = model.journey(baseline) else { continue };
        let j = JourneyId(j as u32);
        map.insert(Target::Journey(j), Target::Journey(baseline));
        let base_steps: HashMap<&str, StepId> =
            base.steps.iter().enumerate().map(|(b, step)| (step.decl.id.as_str(), StepId(b as u32))).collect();
        for (s, step) in journey.steps.iter().enumerate() {
            if let Some(&b) = base_steps.get(step.decl.id.as_str()) {
                map.insert(Target::Step(j, StepId(s as u32)), Target::Step(baseline, b));
            }
        }
        for (s, stage) in journey.stages.iter().enumerate() {
            if let Some(b) = base.stages.iter().position(|b| b.decl.id == stage.decl.id) {
                map.insert(Target::Stage(j, StageId(s as u32)), Target::Stage(baseline, StageId(b as u32)));
            }
        }
    }
    // An override of a baseline item: the model records its id as a reference to that item.
    let overrides: Vec<(Span, Target)> = model
        .targets()
        .into_iter()
        .filter_map(|t| model.decl(t).filter(|d| matches!(d.origin, Origin::Scenario(_))).map(|d| (d.name_span, t)))
        .collect();
    if !overrides.is_empty() {
        let at: HashMap<Span, Target> = model.references.iter().map(|r| (r.span, r.target)).collect();
        for (span, target) in overrides {
            if let Some(&base) = at.get(&span) {
                if base != target {
                    map.insert(target, base);
                }
            }
        }
    }
    map
}

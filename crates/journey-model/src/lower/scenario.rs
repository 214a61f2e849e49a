//! Scenarios: the baseline journey with the scenario's declarations laid over it. Merging is
//! done on syntax trees, field by field, and the merged tree is then lowered like any journey,
//! in a scope where the scenario's own lanes, systems, procedures and touchpoints come first.

use std::collections::HashSet;

use journey_diagnostics::{Code, Diagnostic, FileId, Label, SourceFiles, Span};
use journey_syntax::ast::{self, ItemKind, Member};

use super::fields::Fields;
use super::journey::lower_journey;
use super::{Lowering, ScenarioScope, Scope, as_journey, decl_of, empty_journey, misplaced, target_kind};
use crate::ir::*;
use crate::schema::RefKind;
use crate::suggest::Suggestions;

pub(crate) fn lower_scenario(lw: &mut Lowering, id: ScenarioId, file: FileId, item: &ast::Item) {
    let src = lw.src();
    let outer = Scope::file(file);
    let own = Fields::of(
        src,
        ItemKind::Scenario,
        item.fields().filter(|f| f.key.text(src) == "description"),
        &mut lw.diagnostics,
    );
    let description = own.text("description", &mut lw.diagnostics);
    lw.set_description(Target::Scenario(id), description);

    let baseline = match &item.on {
        Some(name) => lw.resolve(&outer, name, RefKind::Journey).and_then(as_journey),
        None => {
            lw.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    item.name.span,
                    format!("scenario `{}` does not say which journey it changes", item.name.text(src)),
                )
                .with_label("no `on JOURNEY` in the header")
                .with_help(format!(
                    "name the baseline: `scenario {} \"…\" on journey_id {{ … }}`",
                    item.name.text(src)
                )),
            );
            None
        }
    };
    // A scenario of a scenario's journey is not a thing: baselines are base journeys.
    let baseline = baseline.filter(|b| lw.model.journey(*b).is_some_and(|j| j.variant == Variant::Base));
    if let Some(s) = lw.model.scenarios.get_mut(id.index()) {
        s.baseline = baseline;
    }

    let settled = lw.diagnostics.len();

    // The scenario's own top-level items, overriding or adding to the baseline's.
    let mut own_items = ScenarioScope::default();
    let mut to_fill: Vec<(Target, ast::Item)> = Vec::new();
    for member in item.members() {
        let Member::Item(inner) = member else {
            continue;
        };
        if !inner.kind.is_top_level() {
            continue;
        }
        if matches!(inner.kind, ItemKind::Journey | ItemKind::Scenario | ItemKind::Experience) {
            lw.diagnostics.push(misplaced(src, inner, Some(ItemKind::Scenario)));
            continue;
        }
        let merged = match lw.lookup(&outer, inner.name.text(src), false) {
            Some(base) if target_kind(base) == inner.kind => {
                lw.record(&outer, inner.name.span, base);
                match lw.ast_of.get(&base) {
                    Some(base_item) => merge_item(src, base_item, inner),
                    None => (**inner).clone(),
                }
            }
            Some(base) => {
                lw.diagnostics.push(
                    Diagnostic::new(
                        Code::WrongKindReference,
                        inner.name.span,
                        format!(
                            "`{}` is a {} in the baseline, not a {}",
                            inner.name.text(src),
                            target_kind(base).keyword(),
                            inner.kind.keyword()
                        ),
                    )
                    .with_label("the kinds differ")
                    .with_help("override an item with an item of the same kind, or use a new id"),
                );
                // Declared all the same, so that what refers to it in the scenario resolves.
                (**inner).clone()
            }
            None if inner.label.is_some() => (**inner).clone(),
            None => {
                lw.diagnostics.push(missing(
                    item.name.text(src),
                    inner.name.span,
                    inner.kind,
                    inner.name.text(src),
                    "the baseline",
                    None,
                    &mut lw.suggestions,
                ));
                continue;
            }
        };
        let target = lw.declare(&merged, file, Origin::Scenario(id));
        own_items.items.insert(inner.name.text(src).into(), target);
        to_fill.push((target, merged));
    }
    let scope = Scope { file, scenario: Some(&own_items), steps: None, record_within: Some(item.span) };
    for (target, merged) in &to_fill {
        lw.fill(*target, merged, &scope);
    }

    if let Some(baseline) = baseline {
        if let Some(base_item) = lw.ast_of.get(&Target::Journey(baseline)).copied() {
            let mut diagnostics = std::mem::take(&mut lw.diagnostics);
            let before = diagnostics.len();
            let merged = merge_journey(src, base_item, item, &mut diagnostics, &mut lw.suggestions);
            if lw.model.flows_in_doubt.contains(&baseline) {
                // The baseline has an error of its own: what the scenario cannot find in it may
                // well be that error's doing, and is said once it is fixed.
                diagnostics.truncate(before);
            }
            // A change that could not be made leaves the scenario's version not what it means.
            let failed = diagnostics.get(before..).is_some_and(|new| new.iter().any(Diagnostic::is_error));
            lw.diagnostics = diagnostics;
            let mut decl = decl_of(src, base_item, file, Origin::Scenario(id));
            decl.file = base_item.name.span.file;
            lw.model.journeys.push(empty_journey(decl, Variant::Scenario { scenario: id, baseline }));
            let journey = JourneyId(lw.model.journeys.len() as u32 - 1);
            lower_journey(lw, journey, &merged, &scope);
            if failed {
                lw.model.in_doubt.insert(Target::Journey(journey));
                lw.model.flows_in_doubt.insert(journey);
            }
            if let Some(s) = lw.model.scenarios.get_mut(id.index()) {
                s.journey = Some(journey);
            }
            // A change of a step the baseline does not have was reported (J0601); what it names
            // is still used, so that the one mistake is not also an unused touchpoint.
            let unknown_steps: Vec<&ast::Item> = changed_steps(item)
                .filter(|step| lw.model.journey(baseline).is_some_and(|j| j.find_step(step.name.text(src)).is_none()))
                .collect();
            for step in unknown_steps {
                lw.use_names_in(&scope, step);
            }
            // `remove` names baseline steps: they are references too (for rename and
            // find-references), though the merge already used them.
            for member in item.members() {
                let ast::Member::Removal(removal) = member else { continue };
                for name in std::iter::once(&removal.name).chain(&removal.to) {
                    let step = lw.model.journey(baseline).and_then(|j| j.find_step(name.text(src)));
                    if let Some(step) = step {
                        lw.record(&scope, name.span, Target::Step(baseline, step));
                    }
                }
            }
        }
    }

    let fresh = lw.diagnostics.split_off(settled);
    let header = ScenarioHeader { id: item.name.text(src).into(), span: item.span, name_span: item.name.span };
    let kept = settle(fresh, lw.reported.of(&lw.diagnostics), &header);
    lw.diagnostics.extend(kept);
}

/// The code and place of every diagnostic of a list that only grows, added as it grows: each
/// scenario settles its findings against all that was reported before it, and collecting
/// those anew for each would take time in scenarios × diagnostics.
#[derive(Default)]
pub(crate) struct Reported {
    keys: HashSet<(Code, Span)>,
    seen: usize,
}

impl Reported {
    /// The keys of `diagnostics`, which extend the list seen last time.
    fn of(&mut self, diagnostics: &[Diagnostic]) -> &HashSet<(Code, Span)> {
        if diagnostics.len() < self.seen {
            *self = Reported::default();
        }
        let new = diagnostics.get(self.seen..).unwrap_or_default();
        self.keys.extend(new.iter().map(|d| (d.code, d.span())));
        self.seen = diagnostics.len();
        &self.keys
    }
}

/// The steps a scenario changes (written without a label), directly or in a stage.
fn changed_steps(scenario: &ast::Item) -> impl Iterator<Item = &ast::Item> {
    scenario
        .items()
        .flat_map(|i| std::iter::once(i).chain(i.items()))
        .filter(|i| i.kind == ItemKind::Step && i.label.is_none())
}

/// Where a scenario is written, for re-anchoring what its merged journey reports.
pub(crate) struct ScenarioHeader {
    pub id: SmolStr,
    pub span: Span,
    pub name_span: Span,
}

/// Decides what a scenario's lowering or checking reports: findings inside the scenario stand
/// as they are; findings on baseline text that the baseline itself reports are dropped; any
/// other finding on baseline text is new because of the scenario, and is shown at the
/// scenario's header with the baseline place as a second label.
pub(crate) fn settle(found: Vec<Diagnostic>, base: &HashSet<(Code, Span)>, header: &ScenarioHeader) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for mut d in found {
        if header.span.contains(d.span()) {
            out.push(d);
        } else if !base.contains(&(d.code, d.span())) {
            let original = std::mem::replace(&mut d.primary, Label::new(header.name_span, "in this scenario"));
            d.secondary.insert(0, original);
            d.message = format!("in scenario `{}`: {}", header.id, d.message);
            d.fix = None;
            out.push(d);
        }
    }
    out
}

fn missing(
    scenario: &str,
    span: Span,
    kind: ItemKind,
    name: &str,
    place: &str,
    candidates: Option<&[SmolStr]>,
    suggestions: &mut Suggestions,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        Code::OverrideOfMissingItem,
        span,
        format!("scenario `{scenario}` changes {} `{name}`, but {place} has none", kind.keyword()),
    )
    .with_label(format!("no {} `{name}` to change", kind.keyword()));
    if let Some(s) = candidates.and_then(|c| suggestions.closest(name, c)) {
        d = d.with_fix(format!("use `{s}`"), span, s).with_help(format!("did you mean `{s}`?"));
    } else {
        d = d.with_help(format!("to add a new {0}, give it a label: `{0} {name} \"…\"`", kind.keyword()));
    }
    d
}

/// `over` laid over `base`: its label, header and fields replace the base's of the same name;
/// nested items merge by id or are added.
fn merge_item(src: &SourceFiles, base: &ast::Item, over: &ast::Item) -> ast::Item {
    let mut out = base.clone();
    out.name = over.name;
    if over.label.is_some() {
        out.label = over.label;
    }
    let over_fields: HashSet<&str> = over.fields().map(|f| f.key.text(src)).collect();
    // Where a step happens is one thing, said by `at` (in the header or as a field) or by
    // `alone:`: a scenario that says it replaces whatever the baseline said.
    let places = over.at.is_some() || ["at", "alone"].iter().any(|k| over_fields.contains(k));
    if places {
        out.at = over.at;
    }
    let mut members: Vec<Member> = out
        .body
        .take()
        .unwrap_or_default()
        .into_iter()
        .filter(|m| match m {
            Member::Field(f) => {
                let key = f.key.text(src);
                !(over_fields.contains(key) || (places && matches!(key, "at" | "alone")))
            }
            _ => true,
        })
        .collect();
    for member in over.members() {
        match member {
            Member::Item(inner) => match members.iter_mut().find_map(|m| match m {
                Member::Item(i) if i.kind == inner.kind && i.name.text(src) == inner.name.text(src) => Some(i),
                _ => None,
            }) {
                Some(existing) => **existing = merge_item(src, existing, inner),
                None => members.push(member.clone()),
            },
            other => members.push(other.clone()),
        }
    }
    out.body = Some(members);
    out
}

/// A chain `a -> b -> c` as the single flows `a -> b` and `b -> c`, so that one can be removed.
fn single_flows(members: Vec<Member>) -> Vec<Member> {
    let mut out = Vec::with_capacity(members.len());
    for member in members {
        match member {
            Member::Flow(flow) if flow.path.len() > 2 => {
                for pair in flow.path.windows(2) {
                    out.push(Member::Flow(Box::new(ast::Flow {
                        path: pair.to_vec(),
                        share: None,
                        label: flow.label,
                        span: flow.span,
                    })));
                }
            }
            Member::Item(mut item) if item.kind == ItemKind::Stage => {
                item.body = item.body.map(single_flows);
                out.push(Member::Item(item));
            }
            other => out.push(other),
        }
    }
    out
}

fn step_names(src: &SourceFiles, members: &[Member], out: &mut Vec<SmolStr>) {
    for member in members {
        if let Member::Item(item) = member {
            match item.kind {
                ItemKind::Step => out.push(item.name.text(src).into()),
                ItemKind::Stage => step_names(src, item.members(), out),
                _ => {}
            }
        }
    }
}

/// The step or stage named `name`, wherever it stands in the journey.
fn find_mut<'a>(src: &SourceFiles, members: &'a mut [Member], kind: ItemKind, name: &str) -> Option<&'a mut ast::Item> {
    for member in members.iter_mut() {
        if let Member::Item(item) = member {
            if item.kind == kind && item.name.text(src) == name {
                return Some(item);
            }
            if item.kind == ItemKind::Stage {
                if let Some(found) = item.body.as_deref_mut().and_then(|b| find_mut(src, b, kind, name)) {
                    return Some(found);
                }
            }
        }
    }
    None
}

/// Removes steps or stages named `name`, and the flows that touch them. Whether any was found.
fn remove_named(src: &SourceFiles, members: &mut Vec<Member>, name: &str) -> bool {
    let before = members.len();
    members.retain(|m| match m {
        Member::Item(i) => !(matches!(i.kind, ItemKind::Step | ItemKind::Stage) && i.name.text(src) == name),
        Member::Flow(f) => !f.path.iter().any(|n| n.text(src) == name),
        _ => true,
    });
    let mut found = members.len() != before;
    for member in members.iter_mut() {
        if let Member::Item(stage) = member {
            if stage.kind == ItemKind::Stage {
                if let Some(body) = stage.body.as_mut() {
                    found |= remove_named(src, body, name);
                }
            }
        }
    }
    found
}

fn remove_flow(src: &SourceFiles, members: &mut Vec<Member>, from: &str, to: &str) -> bool {
    let before = members.len();
    members.retain(
        |m| !matches!(m, Member::Flow(f) if f.path.len() == 2 && f.path[0].text(src) == from && f.path[1].text(src) == to),
    );
    let mut found = members.len() != before;
    for member in members.iter_mut() {
        if let Member::Item(stage) = member {
            if stage.kind == ItemKind::Stage {
                if let Some(body) = stage.body.as_mut() {
                    found |= remove_flow(src, body, from, to);
                }
            }
        }
    }
    found
}

/// The baseline journey with the scenario's steps, stages, flows, removals and journey fields
/// laid over it.
fn merge_journey(
    src: &SourceFiles,
    base: &ast::Item,
    scenario: &ast::Item,
    diagnostics: &mut Vec<Diagnostic>,
    suggestions: &mut Suggestions,
) -> ast::Item {
    let mut out = base.clone();
    let mut members = single_flows(out.body.take().unwrap_or_default());
    let mut names = Vec::new();
    step_names(src, &members, &mut names);
    let sid = &scenario.name.text(src);
    let journey_fields: Vec<&ast::Field> = scenario.fields().filter(|f| f.key.text(src) != "description").collect();
    if !journey_fields.is_empty() {
        // Journey fields written in the scenario replace the baseline's.
        let keys: HashSet<&str> = journey_fields.iter().map(|f| f.key.text(src)).collect();
        members.retain(|m| !matches!(m, Member::Field(f) if keys.contains(f.key.text(src))));
        members.extend(journey_fields.into_iter().map(|f| Member::Field(f.clone())));
    }
    for member in scenario.members() {
        match member {
            Member::Item(item) if item.kind == ItemKind::Step => {
                match find_mut(src, &mut members, ItemKind::Step, item.name.text(src)) {
                    Some(existing) => *existing = merge_item(src, existing, item),
                    None if item.label.is_some() => add_step(&mut members, member.clone()),
                    None => diagnostics.push(missing(
                        sid,
                        item.name.span,
                        ItemKind::Step,
                        item.name.text(src),
                        &format!("journey `{}`", base.name.text(src)),
                        Some(&names),
                        suggestions,
                    )),
                }
            }
            Member::Item(stage) if stage.kind == ItemKind::Stage => {
                let exists = find_mut(src, &mut members, ItemKind::Stage, stage.name.text(src)).is_some();
                if !exists && stage.label.is_none() {
                    let mut stages = Vec::new();
                    for m in &members {
                        if let Member::Item(i) = m {
                            if i.kind == ItemKind::Stage {
                                stages.push(i.name.text(src).into());
                            }
                        }
                    }
                    diagnostics.push(missing(
                        sid,
                        stage.name.span,
                        ItemKind::Stage,
                        stage.name.text(src),
                        &format!("journey `{}`", base.name.text(src)),
                        Some(&stages),
                        suggestions,
                    ));
                    continue;
                }
                // Steps that exist elsewhere merge where they stand; the rest join this stage.
                let mut added = Vec::new();
                for inner in stage.members() {
                    match inner {
                        Member::Item(step) if step.kind == ItemKind::Step => {
                            match find_mut(src, &mut members, ItemKind::Step, step.name.text(src)) {
                                Some(existing) => *existing = merge_item(src, existing, step),
                                None if step.label.is_some() => added.push(inner.clone()),
                                None => diagnostics.push(missing(
                                    sid,
                                    step.name.span,
                                    ItemKind::Step,
                                    step.name.text(src),
                                    &format!("journey `{}`", base.name.text(src)),
                                    Some(&names),
                                    suggestions,
                                )),
                            }
                        }
                        other => added.push(other.clone()),
                    }
                }
                let mut over = stage.clone();
                over.body = Some(added);
                match find_mut(src, &mut members, ItemKind::Stage, stage.name.text(src)) {
                    Some(existing) => *existing = merge_item(src, existing, &over),
                    None => members.push(Member::Item(over)),
                }
            }
            Member::Flow(_) => members.push(member.clone()),
            Member::Removal(removal) => {
                let found = match &removal.to {
                    None => remove_named(src, &mut members, removal.name.text(src)),
                    Some(to) => remove_flow(src, &mut members, removal.name.text(src), to.text(src)),
                };
                if !found {
                    let what = match &removal.to {
                        None => format!("`{}`", removal.name.text(src)),
                        Some(to) => format!("the flow `{} -> {}`", removal.name.text(src), to.text(src)),
                    };
                    let mut d = Diagnostic::new(
                        Code::OverrideOfMissingItem,
                        removal.span,
                        format!(
                            "scenario `{sid}` removes {what}, but journey `{}` has no such step or flow",
                            base.name.text(src)
                        ),
                    )
                    .with_label("nothing to remove");
                    d = match suggestions.closest(removal.name.text(src), &names) {
                        Some(s) => d.with_help(format!("did you mean `{s}`?")),
                        None => d.with_help("remove a step or stage by id (`remove ask`) or a flow by its ends (`remove browse -> ask`)"),
                    };
                    diagnostics.push(d);
                }
            }
            Member::Target(t) => diagnostics.push(super::misplaced_member(
                t.span,
                "a target",
                ItemKind::Scenario,
                "targets belong in an `experience`",
            )),
            Member::Item(item) if item.kind == ItemKind::Risk => {
                diagnostics.push(misplaced(src, item, Some(ItemKind::Scenario)))
            }
            _ => {}
        }
    }
    out.body = Some(members);
    out
}

/// Adds a scenario's new step to a journey. In a journey without stages it goes before the
/// last step, which stays the journey's end; in a journey with stages it goes after them (a
/// step meant for a stage is declared inside `stage id { … }`).
fn add_step(members: &mut Vec<Member>, step: Member) {
    let is_step = |m: &Member| matches!(m, Member::Item(i) if i.kind == ItemKind::Step);
    let has_stages = members.iter().any(|m| matches!(m, Member::Item(i) if i.kind == ItemKind::Stage));
    match members.iter().rposition(is_step) {
        Some(last) if !has_stages => members.insert(last, step),
        _ => members.push(step),
    }
}

//! Lowering a journey: its fields, stages, steps (with their risks) and flows. Steps and stages
//! share one namespace per journey, separate from the file's, so a step may share an id with a
//! journey or a touchpoint.

use rustc_hash::FxHashMap as HashMap;

use journey_diagnostics::{Code, Diagnostic, SourceFiles, Span};
use journey_syntax::ast::{self, ItemKind, Member, Term};

use super::fields::{self, Fields};
use super::{
    Lowering, Scope, as_experience, as_journey, as_procedure, as_segment, as_touchpoint, decl_of, duplicate, misplaced,
    misplaced_member,
};
use crate::ir::*;
use crate::schema::{Metric, RefKind, ValueType, may_contain};

/// Lowers the journey `item` into the (already declared) journey `id`.
pub(crate) fn lower_journey(lw: &mut Lowering, id: JourneyId, item: &ast::Item, scope: &Scope) {
    let (reported, unimported) = (lw.diagnostics.len(), lw.unimported.len());
    lw.graph_trouble = has_syntax_error(item);
    lower_journey_items(lw, id, item, scope);
    let failed = lw.diagnostics.get(reported..).is_some_and(|new| new.iter().any(Diagnostic::is_error));
    if failed || lw.unimported.len() > unimported || lw.graph_trouble {
        lw.model.in_doubt.insert(Target::Journey(id));
    }
    if lw.graph_trouble {
        lw.model.flows_in_doubt.insert(id);
    }
}

/// Notes that the flow graph is in doubt when an error was reported since `mark` (the number
/// of diagnostics before a part of the journey that the graph is made of was read).
fn graph_errors_since(lw: &mut Lowering, mark: usize) {
    if lw.diagnostics.get(mark..).is_some_and(|new| new.iter().any(Diagnostic::is_error)) {
        lw.graph_trouble = true;
    }
}

/// Whether a member of the item, or of an item in it, could not be parsed.
fn has_syntax_error(item: &ast::Item) -> bool {
    item.members().iter().any(|m| match m {
        Member::Error(_) => true,
        Member::Item(inner) => has_syntax_error(inner),
        _ => false,
    })
}

fn lower_journey_items(lw: &mut Lowering, id: JourneyId, item: &ast::Item, scope: &Scope) {
    let src = lw.src();
    let d = &mut lw.diagnostics;
    let f = Fields::new(src, item, d);
    let description = f.text("description", d);
    let volume = f.volume("volume", d);
    let competitor = f.text("competitor", d);
    let owner = f.text("owner", d);
    let segments = lw.refs(scope, &f, "segments", RefKind::Segment, as_segment);
    let segments_span = f.get("segments").map(|field| field.span);
    let realizes = lw.refs(scope, &f, "realizes", RefKind::Experience, as_experience);
    let compares = lw.refs(scope, &f, "compares", RefKind::Journey, as_journey).into_iter().next();

    // Collect stages and steps first: flows and recoveries may name a step declared later.
    let structure = lw.diagnostics.len();
    let mut stages: Vec<(&ast::Item, Vec<&ast::Item>)> = Vec::new();
    let mut steps: Vec<(&ast::Item, Option<StageId>)> = Vec::new();
    let mut flows: Vec<&ast::Flow> = Vec::new();
    for member in item.members() {
        match member {
            Member::Item(stage) if stage.kind == ItemKind::Stage => {
                let stage_id = StageId(stages.len() as u32);
                let mut inner = Vec::new();
                for m in stage.members() {
                    match m {
                        Member::Item(step) if step.kind == ItemKind::Step => {
                            inner.push(&**step);
                            steps.push((step, Some(stage_id)));
                        }
                        Member::Item(other) => lw.diagnostics.push(misplaced(src, other, Some(ItemKind::Stage))),
                        Member::Flow(flow) => flows.push(flow),
                        Member::Target(t) => lw.diagnostics.push(misplaced_member(
                            t.span,
                            "a target",
                            ItemKind::Stage,
                            "targets belong in an `experience`",
                        )),
                        Member::Removal(r) => lw.diagnostics.push(misplaced_member(
                            r.span,
                            "`remove`",
                            ItemKind::Stage,
                            "`remove` belongs directly in a `scenario`",
                        )),
                        Member::Field(_) | Member::Error(_) => {}
                    }
                }
                stages.push((stage, inner));
            }
            Member::Item(step) if step.kind == ItemKind::Step => steps.push((step, None)),
            Member::Item(other) if !may_contain(Some(ItemKind::Journey), other.kind) => {
                lw.diagnostics.push(misplaced(src, other, Some(ItemKind::Journey)))
            }
            Member::Flow(flow) => flows.push(flow),
            Member::Target(t) => lw.diagnostics.push(misplaced_member(
                t.span,
                "a target",
                ItemKind::Journey,
                "targets such as `contacts <= 2` belong in an `experience` the journey `realizes`",
            )),
            Member::Removal(r) => lw.diagnostics.push(misplaced_member(
                r.span,
                "`remove`",
                ItemKind::Journey,
                "`remove` takes something out of the baseline inside a `scenario`",
            )),
            _ => {}
        }
    }

    // The journey's own namespace.
    let mut names: HashMap<SmolStr, StepId> = HashMap::default();
    let mut seen: HashMap<&str, (&ast::Item, ItemKind)> = HashMap::default();
    for (stage, _) in &stages {
        if let Some((first, kind)) = seen.get(stage.name.text(src)) {
            lw.diagnostics.push(duplicate(stage.name.text(src), stage.name.span, first.name.span, stage.kind, *kind));
        } else {
            seen.insert(stage.name.text(src), (stage, stage.kind));
        }
    }
    // Steps that reuse the id of an earlier step, with their reports (finished once the flows
    // are read: a flow may name the id the step was meant to have).
    let mut twins: Vec<(&ast::Item, Diagnostic)> = Vec::new();
    for (index, (step, _)) in steps.iter().enumerate() {
        let name = step.name.text(src);
        match seen.get(name) {
            Some((first, kind)) => {
                let d = duplicate(name, step.name.span, first.name.span, step.kind, *kind);
                if *kind == ItemKind::Step {
                    twins.push((step, d));
                    continue;
                }
                // A step sharing its stage's id: flows name steps, so they mean this one.
                lw.diagnostics.push(d);
            }
            None => {
                seen.insert(name, (step, step.kind));
            }
        }
        names.insert(name.into(), StepId(index as u32));
    }
    graph_errors_since(lw, structure);
    let file = scope.file;
    let origin = lw.model.journeys.get(id.index()).map_or(Origin::Base, |j| j.decl.origin);
    let step_scope =
        Scope { file, scenario: scope.scenario, steps: Some((id, &names)), record_within: scope.record_within };

    // Exactly as many as there are: a model holds tens of thousands of steps.
    let mut lowered_stages = Vec::with_capacity(stages.len());
    for (stage, inner) in &stages {
        let f = Fields::new(src, stage, &mut lw.diagnostics);
        let goal = f.text("goal", &mut lw.diagnostics);
        let mut decl = decl_of(src, stage, file, origin);
        decl.description = f.text("description", &mut lw.diagnostics);
        let step_ids = inner.iter().filter_map(|s| names.get(s.name.text(src)).copied()).collect();
        lowered_stages.push(Stage { decl, goal, steps: step_ids });
    }
    // With a step declared under another's id, a step name that is unknown (in a flow or a
    // recovery) most likely names the one that was meant: said with the duplicate, not as a
    // second mistake.
    lw.meant = (!twins.is_empty()).then(Vec::new);
    let mut lowered_steps = Vec::with_capacity(steps.len());
    for (step, stage) in &steps {
        lowered_steps.push(lower_step(lw, step, *stage, &step_scope, origin));
    }
    let flows_read = lw.diagnostics.len();
    let lowered_flows = lower_flows(lw, &flows, &step_scope, &lowered_steps);
    let meant = lw.meant.take().unwrap_or_default();
    for (index, (twin, mut d)) in twins.into_iter().enumerate() {
        if index == 0 {
            d = match meant.as_slice() {
                [] => d,
                [one] => d
                    .with_help(format!(
                        "`{one}` is used as a step's id, but no step declares it: give this step that id"
                    ))
                    .with_fix(format!("rename it `{one}`"), twin.name.span, one.as_str()),
                many => d.with_note(format!(
                    "{} are used as steps' ids, but no step declares them: one of those is likely this step's id",
                    many.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                )),
            };
        }
        lw.diagnostics.push(d);
    }
    graph_errors_since(lw, flows_read);

    if let Some(journey) = lw.model.journeys.get_mut(id.index()) {
        journey.decl.description = description;
        journey.segments = segments;
        journey.segments_span = segments_span;
        journey.realizes = realizes;
        journey.volume = volume;
        journey.competitor = competitor;
        journey.compares = compares;
        journey.owner = owner;
        journey.stages = lowered_stages;
        journey.steps = lowered_steps;
        journey.flows = lowered_flows;
    }
}

fn lower_step(lw: &mut Lowering, item: &ast::Item, stage: Option<StageId>, scope: &Scope, origin: Origin) -> Step {
    let src = lw.src();
    let f = Fields::new(src, item, &mut lw.diagnostics);
    let d = &mut lw.diagnostics;
    let mut decl = decl_of(src, item, scope.file, origin);
    decl.description = f.text("description", d);
    let emotion = f.score("emotion", d);
    let duration = f.duration("duration", d);
    let cost = f.money("cost", d);
    let intent = f.word("intent", d);
    let where_it_starts_and_ends = d.len();
    let entry = f.percent("entry", d);
    let end = f.boolean("end", d).unwrap_or(false);
    graph_errors_since(lw, where_it_starts_and_ends);
    let d = &mut lw.diagnostics;
    let alone = f.boolean("alone", d).unwrap_or(false);
    let mut pains = Vec::new();
    for field in f.all("pain") {
        pains.extend(field.values.iter().filter_map(|t| fields::text(src, "pain", t, d)));
    }
    let mut evidence = Vec::new();
    for field in f.all("evidence") {
        evidence.extend(field.values.iter().filter_map(|t| fields::text(src, "evidence", t, d)));
    }
    let actors = f.texts("actors", d);
    let logged_as = f.texts("logged_as", d);
    let mut risks = Vec::new();
    for field in f.all("risk") {
        for term in &field.values {
            match term {
                Term::String(text, Some(chance)) => {
                    let chance = fields::percent_literal(src, "risk", chance, d);
                    d.push(without_recovery("", &text.value(src), term.span(), false));
                    risks.push(Risk {
                        id: SmolStr::default(),
                        label: SmolStr::new(text.value(src)),
                        chance,
                        recovery: None,
                        emotion: None,
                        span: term.span(),
                    });
                }
                other => d.push(fields::mismatch(src, "risk", other, ValueType::TextWithPercent.describe())),
            }
        }
    }
    if let (Some(header), Some(field)) = (&item.at, f.get("at")) {
        lw.diagnostics.push(
            Diagnostic::new(Code::DuplicateField, field.written_key(src), "the touchpoint is given twice")
                .with_label("given again here")
                .with_secondary(header.span, "first given in the header")
                .with_help("keep either `at touchpoint` in the header or the `at:` field"),
        );
    }
    let placed = item.at.as_ref().map(|h| h.span).or_else(|| f.get("at").map(|field| field.written_key(src)));
    match (alone, placed) {
        (true, Some(place)) => {
            let alone_key = f.get("alone").map_or(item.name.span, |field| field.written_key(src));
            lw.diagnostics.push(
                Diagnostic::new(
                    Code::ConflictingFields,
                    alone_key,
                    format!("step `{}` is taken alone and at a touchpoint at once", item.name.text(src)),
                )
                .with_label("`alone: true` means no touchpoint")
                .with_secondary(place, "but a touchpoint is named here")
                .with_help("keep the touchpoint if someone of the organisation is met, else remove it"),
            );
        }
        // Text of the step that could not be read may have said where it happens.
        (false, None) if has_syntax_error(item) => {}
        (false, None) => {
            let name = item.name.text(src);
            let header_end = item.label.map_or(item.name.span, |l| l.span);
            lw.placeless.push((scope.file, item.name.span, Span { start: header_end.end, ..header_end }));
            lw.diagnostics.push(
                Diagnostic::new(Code::StepWithoutTouchpoint, item.name.span, format!("step `{name}` does not say where it happens"))
                    .with_label("no touchpoint, and not marked `alone: true`")
                    .with_help(format!(
                        "name its touchpoint (`step {name} \"…\" at touchpoint_id`), or write `alone: true` if the customer takes it on their own"
                    )),
            );
        }
        _ => {}
    }
    let at = match &item.at {
        Some(name) => lw.resolve(scope, name, RefKind::Touchpoint).and_then(as_touchpoint),
        None => lw.refs(scope, &f, "at", RefKind::Touchpoint, as_touchpoint).into_iter().next(),
    };
    let staff = f.text("staff", &mut lw.diagnostics);
    let via = lw.refs(scope, &f, "via", RefKind::Procedure, as_procedure);
    let segments_span = f.get("segments").map(|field| field.span);
    let segments = lw.refs(scope, &f, "segments", RefKind::Segment, as_segment);
    for inner in item.items() {
        if inner.kind != ItemKind::Risk {
            lw.diagnostics.push(misplaced(src, inner, Some(ItemKind::Step)));
            continue;
        }
        risks.push(lower_risk(lw, inner, scope));
    }
    for member in item.members() {
        let d = match member {
            Member::Flow(flow) => misplaced_member(
                flow.span,
                "a flow",
                ItemKind::Step,
                "write flows in the journey (or a stage), after the steps",
            ),
            Member::Target(t) => {
                misplaced_member(t.span, "a target", ItemKind::Step, "targets belong in an `experience`")
            }
            Member::Removal(r) => {
                misplaced_member(r.span, "`remove`", ItemKind::Step, "`remove` belongs directly in a `scenario`")
            }
            _ => continue,
        };
        lw.diagnostics.push(d);
    }
    Step {
        decl,
        stage,
        at,
        staff,
        emotion,
        duration,
        cost,
        pains,
        evidence,
        actors,
        logged_as,
        risks,
        via,
        segments,
        segments_span,
        intent,
        entry,
        end,
        alone,
    }
}

fn lower_risk(lw: &mut Lowering, item: &ast::Item, scope: &Scope) -> Risk {
    let src = lw.src();
    let f = Fields::new(src, item, &mut lw.diagnostics);
    let d = &mut lw.diagnostics;
    let chance = f.percent("chance", d);
    if f.get("chance").is_none() {
        let name = item.name.text(src);
        d.push(
            Diagnostic::new(
                Code::RiskWithoutChance,
                item.name.span,
                format!("risk `{name}` does not say how likely it is"),
            )
            .with_label("no `chance:`")
            .with_note("the chance of meeting a risk on this journey is unknown until every risk says its chance")
            .with_help(format!("add how often it happens at its step, e.g. `chance: 5%`, to `{name}`")),
        );
    }
    let emotion = f.score("emotion", d);
    let mut recovery = None;
    match f.get("recovery") {
        Some(field) => match &*field.values {
            [Term::Ident(name)] => recovery = resolve_recovery(lw, scope, name),
            [term, ..] => lw.diagnostics.push(fields::mismatch(
                src,
                "recovery",
                term,
                "the id of a step of this journey, or of a procedure",
            )),
            [] => {}
        },
        None => lw.diagnostics.push(without_recovery(
            item.name.text(src),
            &item.label.as_ref().map_or(item.name.text(src).into(), |l| SmolStr::new(l.value(src))),
            item.span,
            true,
        )),
    }
    for inner in item.items() {
        lw.diagnostics.push(misplaced(src, inner, Some(ItemKind::Risk)));
    }
    Risk {
        id: item.name.text(src).into(),
        label: item.label.as_ref().map_or_else(|| item.name.text(src).into(), |l| SmolStr::new(l.value(src))),
        chance,
        recovery,
        emotion,
        span: item.span,
    }
}

/// A recovery names a step of this journey or, failing that, a procedure.
fn resolve_recovery(lw: &mut Lowering, scope: &Scope, name: &ast::Name) -> Option<Recovery> {
    let src = lw.src();
    if let Some(Target::Step(journey, step)) = lw.lookup(scope, name.text(src), true) {
        lw.record(scope, name.span, Target::Step(journey, step));
        return Some(Recovery::Step(step));
    }
    match lw.lookup(scope, name.text(src), false) {
        Some(Target::Procedure(p)) => {
            lw.record(scope, name.span, Target::Procedure(p));
            Some(Recovery::Procedure(p))
        }
        Some(_) => lw.resolve(scope, name, RefKind::Procedure).and_then(as_procedure).map(Recovery::Procedure),
        None if lw.declared_elsewhere(scope.file, name, |t| matches!(t, Target::Procedure(_))) => None,
        None if lw.meant_step(name.text(src)) => None,
        None => {
            let mut candidates = lw.candidates(scope, RefKind::Step);
            candidates.extend(lw.candidates(scope, RefKind::Procedure));
            candidates.sort();
            let mut d = Diagnostic::new(
                Code::UnknownReference,
                name.span,
                format!("no step or procedure named `{}`", name.text(src)),
            )
            .with_label("not a step of this journey, nor a declared procedure");
            d = match lw.suggestions.closest(name.text(src), &candidates) {
                Some(s) => d.with_help(format!("did you mean `{s}`?")).with_fix(format!("use `{s}`"), name.span, s),
                None => d.with_help("name the step that recovers the customer, or the procedure that does"),
            };
            lw.diagnostics.push(d);
            None
        }
    }
}

/// J0703: a risk that says nothing of how the customer gets back.
fn without_recovery(id: &str, label: &str, span: journey_diagnostics::Span, has_id: bool) -> Diagnostic {
    let name = if has_id { id } else { "hold" };
    Diagnostic::new(Code::RiskWithoutRecovery, span, format!("the risk \"{label}\" has no recovery"))
        .with_label("no way back when this happens")
        .with_help(format!(
            "say what recovers the customer: `risk {name} \"{label}\" {{ chance: …  recovery: step_or_procedure }}`"
        ))
}

/// The flows of a journey. While [`Lowering::meant`] collects, a name that is no step is not
/// reported but collected there (see the duplicate steps of [`lower_journey_items`]).
fn lower_flows(lw: &mut Lowering, flows: &[&ast::Flow], scope: &Scope, steps: &[Step]) -> Vec<Flow> {
    let src = lw.src();
    let written: usize = flows.iter().map(|f| f.path.len().saturating_sub(1)).sum();
    let mut out = Vec::with_capacity(if flows.is_empty() { steps.len().saturating_sub(1) } else { written });
    for flow in flows {
        let share = match (&flow.share, flow.path.len()) {
            (Some(n), 2) => fields::percent_literal(src, "flow", n, &mut lw.diagnostics),
            (Some(n), _) => {
                lw.diagnostics.push(
                    Diagnostic::new(Code::InvalidValue, n.span, "a percentage belongs to a single flow, not a chain")
                        .with_label("which of the chain's flows does this belong to?")
                        .with_help("split the chain: `a -> b` and `b -> c 30%`"),
                );
                None
            }
            (None, _) => None,
        };
        let mut ids: Vec<Option<StepId>> = Vec::with_capacity(flow.path.len());
        for name in &flow.path {
            let text = name.text(src);
            if !scope.steps.is_some_and(|(_, map)| map.contains_key(text)) && lw.meant_step(text) {
                ids.push(None);
                continue;
            }
            ids.push(match lw.resolve(scope, name, RefKind::Step) {
                Some(Target::Step(_, step)) => Some(step),
                _ => None,
            });
        }
        for pair in ids.windows(2) {
            if let [Some(from), Some(to)] = pair {
                out.push(Flow {
                    from: *from,
                    to: *to,
                    share,
                    label: flow.label.as_ref().map(|l| SmolStr::new(l.value(src))),
                    span: flow.span,
                    implicit: false,
                });
            }
        }
    }
    // No flows at all: the steps follow each other in the order they are written.
    if flows.is_empty() {
        for (index, step) in steps.iter().enumerate().skip(1) {
            let to = StepId(index as u32);
            out.push(Flow {
                from: StepId(to.0 - 1),
                to,
                share: Some(1.0),
                label: None,
                span: step.decl.name_span,
                implicit: true,
            });
        }
    }
    out
}

/// The targets of an experience: `contacts <= 2`, `duration <= 3d`, …
pub(crate) fn targets(src: &SourceFiles, item: &ast::Item, diagnostics: &mut Vec<Diagnostic>) -> Vec<TargetSpec> {
    let mut out = Vec::new();
    for member in item.members() {
        let Member::Target(t) = member else { continue };
        let Some((metric, ty)) = Metric::find(t.metric.text(src)) else {
            let names: Vec<&str> = Metric::ALL.iter().map(|(_, n, _, _)| *n).collect();
            let mut d =
                Diagnostic::new(Code::InvalidValue, t.metric.span, format!("`{}` is not a metric", t.metric.text(src)))
                    .with_label("unknown metric")
                    .with_help(format!("the metrics are {}", names.join(", ")));
            if let Some(s) = crate::suggest::closest(t.metric.text(src), names) {
                d = d.with_fix(format!("use `{s}`"), t.metric.span, s);
            }
            diagnostics.push(d);
            continue;
        };
        let field = metric.name();
        let (bound, currency) = match ty {
            ValueType::Duration => (fields::duration(src, field, &t.value, diagnostics), None),
            ValueType::Percent => (fields::percent(src, field, &t.value, diagnostics), None),
            ValueType::Score => (fields::score(src, field, &t.value, diagnostics), None),
            ValueType::Money => match fields::money(src, field, &t.value, diagnostics) {
                Some(m) => (Some(m.amount), Some(m.currency)),
                None => (None, None),
            },
            _ => (fields::number(src, field, &t.value, diagnostics), None),
        };
        if let Some(bound) = bound {
            out.push(TargetSpec { metric, op: t.op, bound, currency, span: t.span });
        }
    }
    out
}

impl Lowering<'_> {
    /// While the step ids of a journey with a duplicate are collected ([`Lowering::meant`]),
    /// notes `name`, an unknown step, and says so; otherwise says it is not collecting.
    fn meant_step(&mut self, name: &str) -> bool {
        let Some(meant) = self.meant.as_mut() else { return false };
        if !meant.iter().any(|m| m == name) {
            meant.push(name.into());
        }
        true
    }
}

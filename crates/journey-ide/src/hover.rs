//! Hover: what a name stands for (its kind, id, label, doc comment and description), the facts
//! the model computes about it (a step's lane and channel through its touchpoint, the
//! procedures and systems behind a touchpoint, the shares of a step's flows), and how often it
//! is referred to. Over a field name, the field's documentation; over a flow's arrow or
//! percentage, the flow's share.

use journey_diagnostics::{FileId, Span};
use journey_model::graph::outgoing;
use journey_model::ir::*;
use journey_model::schema::{self, Metric, ValueType};
use journey_syntax::ast::{self, ItemKind, Member};

use crate::Analysis;
use crate::syntax::path_at;

/// Markdown about what is at an offset, and the span it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hover {
    pub span: Span,
    pub markdown: String,
}

impl Analysis {
    pub fn hover(&self, file: FileId, offset: u32) -> Option<Hover> {
        let src = self.checked().files();
        let offset = self.clamp(file, offset);
        if let Some(name) = self.index().at(file, offset) {
            let markdown = self.describe(name.raw);
            return Some(Hover { span: name.span, markdown });
        }
        let ast = self.ast(file)?;
        let path = path_at(ast, offset);
        let item = path.items.last()?;
        match path.member? {
            Member::Field(field) if field.written_key(src).start <= offset && offset <= field.written_key(src).end => {
                let kind = field_owner(item.kind);
                let spec = schema::field(kind, field.key.text(src))?;
                Some(Hover { span: field.written_key(src), markdown: field_doc(kind, spec) })
            }
            Member::Target(target) if target.metric.span.start <= offset && offset <= target.metric.span.end => {
                let (_, name, ty, doc) = Metric::ALL.iter().find(|(_, n, _, _)| *n == target.metric.text(src))?;
                let markdown = format!("**metric** `{name}`: {doc}\n\nThe bound is {}.", ty.describe());
                Some(Hover { span: target.metric.span, markdown })
            }
            Member::Flow(flow) => self.flow_hover(path.items.first()?, flow, offset),
            _ => None,
        }
    }

    /// The hover text of a declaration.
    pub(crate) fn describe(&self, target: Target) -> String {
        let model = self.model();
        let Some(decl) = model.decl(target) else {
            return String::new();
        };
        let mut out = format!("```journey\n{} {}", decl.kind.keyword(), decl.id);
        if decl.label != decl.id {
            out.push_str(&format!(" {}", quoted(&decl.label)));
        }
        out.push_str("\n```\n");
        if !decl.docs.is_empty() {
            out.push('\n');
            out.push_str(&decl.docs.join("\n"));
            out.push('\n');
        }
        if let Some(description) = &decl.description {
            out.push('\n');
            out.push_str(description);
            out.push('\n');
        }
        let facts = self.facts(target);
        if !facts.is_empty() {
            out.push('\n');
            for fact in facts {
                out.push_str(&format!("- {fact}\n"));
            }
        }
        // Uses count for the item as written: a scenario's version counts with the baseline's.
        let occurrences = self.index().occurrences(target);
        let uses: Vec<_> = occurrences.iter().filter(|n| !n.decl).collect();
        let mut files: Vec<FileId> = uses.iter().map(|n| n.span.file).collect();
        files.dedup();
        out.push('\n');
        out.push_str(&match (uses.len(), files.len()) {
            (0, _) => "Not referred to anywhere.".to_string(),
            (1, _) => "Referred to once.".to_string(),
            (n, 1) => format!("Referred to {n} times."),
            (n, f) => format!("Referred to {n} times, in {f} files."),
        });
        out
    }

    fn facts(&self, target: Target) -> Vec<String> {
        let m = self.model();
        let mut f = Vec::new();
        let names = |what: &str, targets: Vec<Target>| -> Option<String> {
            (!targets.is_empty())
                .then(|| format!("{what}: {}", targets.iter().map(|t| self.name(*t)).collect::<Vec<_>>().join(", ")))
        };
        match target {
            Target::Lane(id) => {
                push(&mut f, m.lanes.get(id.index()).and_then(|l| l.owner.as_ref()).map(|o| format!("owner: {o}")));
                let front = (0..m.touchpoints.len() as u32)
                    .map(TouchpointId)
                    .filter(|t| m.touchpoints.get(t.index()).is_some_and(|t| t.lane == Some(id)))
                    .map(Target::Touchpoint)
                    .collect();
                push(&mut f, names("frontstage touchpoints", front));
                let back = (0..m.procedures.len() as u32)
                    .map(ProcedureId)
                    .filter(|p| m.procedures.get(p.index()).is_some_and(|p| p.lane == Some(id)))
                    .map(Target::Procedure)
                    .collect();
                push(&mut f, names("backstage procedures", back));
            }
            Target::System(id) => {
                let Some(s) = m.systems.get(id.index()) else { return f };
                push(&mut f, s.kind.as_ref().map(|k| format!("kind: `{k}`")));
                push(&mut f, s.owner.as_ref().map(|o| format!("owner: {o}")));
                push(&mut f, names("uses systems", s.uses.iter().map(|&s| Target::System(s)).collect()));
                let users: Vec<Target> = self
                    .model_touchpoints()
                    .filter(|(_, t)| t.uses.contains(&id))
                    .map(|(i, _)| Target::Touchpoint(i))
                    .chain(
                        self.model_procedures()
                            .filter(|(_, p)| p.uses.contains(&id))
                            .map(|(i, _)| Target::Procedure(i)),
                    )
                    .collect();
                push(&mut f, names("used by", users));
                push(&mut f, s.competitor.as_ref().map(|c| format!("competitor: {c}")));
            }
            Target::Procedure(id) => {
                let Some(p) = m.procedures.get(id.index()) else { return f };
                push(&mut f, p.lane.map(|l| format!("lane: {} (backstage)", self.name(Target::Lane(l)))));
                push(&mut f, names("uses systems", p.uses.iter().map(|&s| Target::System(s)).collect()));
                push(&mut f, p.kind.as_ref().map(|k| format!("kind: `{k}`")));
                push(&mut f, p.owner.as_ref().map(|o| format!("owner: {o}")));
                let backs = self
                    .model_touchpoints()
                    .filter(|(_, t)| t.supported_by.contains(&id))
                    .map(|(i, _)| Target::Touchpoint(i))
                    .collect();
                push(&mut f, names("backs touchpoints", backs));
                let steps = self.base_steps().filter(|(_, s)| s.via.contains(&id)).count();
                if steps > 0 {
                    f.push(format!("runs behind {}", count(steps, "step")));
                }
                push(&mut f, p.competitor.as_ref().map(|c| format!("competitor: {c}")));
            }
            Target::Touchpoint(id) => {
                let Some(t) = m.touchpoints.get(id.index()) else { return f };
                push(&mut f, t.channel.as_ref().map(|c| format!("channel: `{c}`")));
                f.push(
                    match t.contact {
                        Some(true) => "a person answers here: each step at it is a contact",
                        Some(false) => "nobody answers here: no step at it is a contact",
                        None => "whether a person answers here is unknown: counted as no contact",
                    }
                    .into(),
                );
                push(&mut f, t.lane.map(|l| format!("lane: {}", self.name(Target::Lane(l)))));
                push(
                    &mut f,
                    names("backed by procedures", t.supported_by.iter().map(|&p| Target::Procedure(p)).collect()),
                );
                push(&mut f, names("backed by systems", t.uses.iter().map(|&s| Target::System(s)).collect()));
                if t.supported_by.is_empty() && t.uses.is_empty() {
                    f.push("backed by nothing: no procedure or system stands behind it".into());
                }
                push(&mut f, t.response.map(|r| format!("response: {}", duration(r))));
                push(&mut f, t.cost.as_ref().map(|c| format!("cost per step at it: {}", money(c))));
                push(&mut f, t.script.as_ref().map(|s| format!("script: {}", quoted(s))));
                push(&mut f, t.owner.as_ref().map(|o| format!("owner: {o}")));
                push(&mut f, t.competitor.as_ref().map(|c| format!("competitor: {c}")));
                let steps = self.base_steps().filter(|(_, s)| s.at == Some(id)).count();
                f.push(format!("{} at it", count(steps, "step")));
            }
            Target::Segment(id) => {
                push(
                    &mut f,
                    m.segments.get(id.index()).and_then(|s| s.share).map(|s| format!("share: {}", percent(s))),
                );
            }
            Target::Experience(id) => {
                let Some(e) = m.experiences.get(id.index()) else { return f };
                push(&mut f, names("for segments", e.segments.iter().map(|&s| Target::Segment(s)).collect()));
                for t in &e.targets {
                    let text = crate::slice(self.text(t.span.file), t.span).unwrap_or("");
                    f.push(format!("target: `{text}`"));
                }
                let by = m
                    .base_journeys()
                    .filter(|(_, j)| j.realizes.contains(&id))
                    .map(|(i, _)| Target::Journey(i))
                    .collect::<Vec<_>>();
                if by.is_empty() {
                    f.push("realized by no journey".into());
                }
                push(&mut f, names("realized by", by));
            }
            Target::Journey(id) => {
                let Some(j) = m.journey(id) else { return f };
                push(&mut f, j.competitor.as_ref().map(|c| format!("competitor: {c}")));
                push(&mut f, j.compares.map(|c| format!("compared with {}", self.name(Target::Journey(c)))));
                push(&mut f, names("segments", j.segments.iter().map(|&s| Target::Segment(s)).collect()));
                push(&mut f, names("realizes", j.realizes.iter().map(|&e| Target::Experience(e)).collect()));
                push(&mut f, j.volume.as_ref().map(|v| format!("volume: {} / {}", number(v.count), period(v.period))));
                let flows = j.flows.iter().filter(|f| !f.implicit).count();
                let shape = if flows == 0 { "in order".to_string() } else { count(flows, "flow") };
                f.push(format!("{}, {}, {shape}", count(j.stages.len(), "stage"), count(j.steps.len(), "step")));
                let scenarios = (0..m.scenarios.len() as u32)
                    .map(ScenarioId)
                    .filter(|s| m.scenarios.get(s.index()).is_some_and(|s| s.baseline == Some(id)))
                    .map(Target::Scenario)
                    .collect();
                push(&mut f, names("scenarios", scenarios));
                f.extend(self.figures_of(j));
            }
            Target::Scenario(id) => {
                let Some(s) = m.scenarios.get(id.index()) else { return f };
                push(&mut f, s.baseline.map(|b| format!("changes journey {}", self.name(Target::Journey(b)))));
            }
            Target::Stage(j, id) => {
                let Some(journey) = m.journey(j) else { return f };
                let Some(stage) = journey.stages.get(id.index()) else { return f };
                f.push(format!("stage {} of journey {}", id.index() + 1, self.name(Target::Journey(j))));
                push(&mut f, stage.goal.as_ref().map(|g| format!("goal: {g}")));
                push(&mut f, names("steps", stage.steps.iter().map(|&s| Target::Step(j, s)).collect()));
            }
            Target::Step(j, id) => self.step_facts(j, id, &mut f),
        }
        f
    }

    /// A journey's expected figures, as `journey analyze` shows them: for all its customers,
    /// and for each segment where segments walk different steps.
    fn figures_of(&self, j: &Journey) -> Vec<String> {
        use journey_model::figures::{Audience, measure};
        use journey_model::units::figure;
        let m = self.model();
        let measured = match measure(m, j) {
            Ok(measured) => measured,
            Err(_) => return vec!["no figures: see `journey analyze`".into()],
        };
        let currency = measured.currency.as_deref();
        let line = |who: &str, audience: Audience| -> String {
            let Some(f) = measured.figures(audience) else {
                return format!("{who}: figures unknown (segments without shares)");
            };
            let show = |metric: Metric| f.get(metric).map_or("unknown".into(), |v| figure(metric, v, currency));
            format!(
                "{who}: {} contacts, duration {}, cost {}, emotion {}, effort {}",
                show(Metric::Contacts),
                show(Metric::Duration),
                show(Metric::Cost),
                show(Metric::Emotion),
                show(Metric::Effort)
            )
        };
        let mut out = vec![line("expected, all customers", Audience::All)];
        if measured.segmentation.differ {
            for &s in &measured.segmentation.segments {
                out.push(line(&format!("expected, {}", self.name(Target::Segment(s))), Audience::Segment(s)));
            }
        }
        out
    }

    fn step_facts(&self, j: JourneyId, id: StepId, f: &mut Vec<String>) {
        let m = self.model();
        let Some(journey) = m.journey(j) else { return };
        let Some(step) = journey.step(id) else { return };
        let mut place = match step.stage.and_then(|s| journey.stages.get(s.index())) {
            Some(stage) => format!("in stage `{}` of journey {}", stage.decl.id, self.name(Target::Journey(j))),
            None => format!("in journey {}", self.name(Target::Journey(j))),
        };
        if let Variant::Scenario { scenario, .. } = journey.variant {
            place.push_str(&format!(", as scenario {} changes it", self.name(Target::Scenario(scenario))));
        }
        f.push(place);
        match step.at.and_then(|t| m.touchpoint(t).map(|tp| (t, tp))).filter(|_| !step.alone) {
            None if step.alone => f.push("taken alone: at no touchpoint, never a contact".into()),
            Some((t, tp)) => {
                f.push(format!("at {}", self.name(Target::Touchpoint(t))));
                push(f, tp.lane.map(|l| format!("lane: {}, through the touchpoint", self.name(Target::Lane(l)))));
                push(f, tp.channel.as_ref().map(|c| format!("channel: `{c}`, through the touchpoint")));
            }
            None => f.push("at no touchpoint".into()),
        }
        push(f, step.emotion.map(|e| format!("emotion: {}", score(e))));
        push(f, step.duration.map(|d| format!("duration: {}", duration(d))));
        push(f, step.cost.as_ref().map(|c| format!("cost: {}", money(c))));
        if !step.via.is_empty() {
            let via: Vec<String> = step.via.iter().map(|&p| self.name(Target::Procedure(p))).collect();
            f.push(format!("via: {}", via.join(", ")));
        }
        if !step.actors.is_empty() {
            let actors: Vec<String> = step.actors.iter().map(|a| quoted(&a.text)).collect();
            f.push(format!("actors: {}", actors.join(", ")));
        }
        push(f, step.intent.as_ref().map(|i| format!("intent: `{i}`")));
        push(f, step.entry.map(|e| format!("entry: {} of the customers start here", percent(e))));
        if !step.pains.is_empty() {
            f.push(count(step.pains.len(), "pain point"));
        }
        if !step.risks.is_empty() {
            f.push(count(step.risks.len(), "risk"));
        }
        let out = outgoing(journey);
        let Some(o) = out.get(id.index()) else { return };
        if !o.next.is_empty() {
            let next: Vec<String> = o
                .next
                .iter()
                .map(|&(to, share, _)| {
                    let to = journey.step(to).map_or("?", |s| s.decl.id.as_str());
                    format!("`{to}` {}", percent(share))
                })
                .collect();
            f.push(format!("next: {}", next.join(", ")));
        }
        if journey.is_final(id) {
            f.push(match o.exit {
                e if o.next.is_empty() || e >= 1.0 => "the journey ends here".to_string(),
                e if e > 0.0 => format!("{} of the customers leave the journey here", percent(e)),
                _ => "final: the journey may end here".to_string(),
            });
        }
    }

    /// A flow's share, when hovering its arrow or percentage.
    fn flow_hover(&self, outer: &ast::Item, flow: &ast::Flow, offset: u32) -> Option<Hover> {
        let src = self.checked().files();
        let journey = self.journey_of(outer)?;
        // Which arrow of a chain: the one before the first name that starts after the offset.
        let pair = flow.path.iter().skip(1).position(|n| offset < n.span.end).unwrap_or(0);
        let (from, to) = (flow.path.get(pair)?, flow.path.get(pair + 1)?);
        let (from_id, to_id) = (journey.find_step(from.text(src))?, journey.find_step(to.text(src))?);
        let out = outgoing(journey);
        let &(_, share, index) = out
            .get(from_id.index())?
            .next
            .iter()
            .find(|&&(t, _, i)| t == to_id && journey.flows.get(i).is_some_and(|f| f.span == flow.span))?;
        let written = journey.flows.get(index).and_then(|f| f.share);
        let how = match written {
            Some(_) => "as written".to_string(),
            None => "implied: flows without a percentage share what the written ones leave".to_string(),
        };
        let markdown = format!(
            "**flow** `{} -> {}`\n\n{} of the customers at `{}` go on to `{}` ({how}).",
            from.text(src),
            to.text(src),
            percent(share),
            from.text(src),
            to.text(src)
        );
        let span = Span { start: from.span.start, end: to.span.end, file: from.span.file };
        Some(Hover { span, markdown })
    }

    /// `` `id` (Label) `` for lists in hovers.
    fn name(&self, target: Target) -> String {
        match self.model().decl(target) {
            Some(d) if d.label != d.id => format!("`{}` ({})", d.id, d.label),
            Some(d) => format!("`{}`", d.id),
            None => "?".into(),
        }
    }

    fn model_touchpoints(&self) -> impl Iterator<Item = (TouchpointId, &Touchpoint)> {
        self.model().touchpoints.iter().enumerate().map(|(i, t)| (TouchpointId(i as u32), t))
    }

    fn model_procedures(&self) -> impl Iterator<Item = (ProcedureId, &Procedure)> {
        self.model().procedures.iter().enumerate().map(|(i, p)| (ProcedureId(i as u32), p))
    }

    /// The steps of baseline and competitor journeys (a scenario's copies would count twice).
    fn base_steps(&self) -> impl Iterator<Item = (JourneyId, &Step)> {
        self.model().base_journeys().flat_map(|(j, journey)| journey.steps.iter().map(move |s| (j, s)))
    }
}

/// A scenario's fields are its own `description:` and the journey fields it replaces.
pub(crate) fn field_owner(kind: ItemKind) -> ItemKind {
    if kind == ItemKind::Scenario { ItemKind::Journey } else { kind }
}

fn field_doc(kind: ItemKind, spec: &schema::FieldSpec) -> String {
    let value = match spec.ty {
        ValueType::Ref(k) => format!("a reference to a {}", k.item_kind().keyword()),
        ValueType::RefList(k) => format!("one or more references to {}s", k.item_kind().keyword()),
        other => other.describe().to_string(),
    };
    let repeat = if spec.repeatable { " May be given more than once." } else { "" };
    format!(
        "**field** `{}:` of a {}\n\n{}\n\nValue: {value}, e.g. `{}: {}`.{repeat}",
        spec.name,
        kind.keyword(),
        spec.doc,
        spec.name,
        spec.ty.example()
    )
}

fn push(facts: &mut Vec<String>, fact: Option<String>) {
    facts.extend(fact);
}

fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A number as the language writes it: no needless decimals.
pub(crate) fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    if (rounded - rounded.round()).abs() < 1e-9 { format!("{}", rounded.round() as i64) } else { format!("{rounded}") }
}

/// A fraction as a percentage the language accepts: `0.35` → `35%`, `1/3` → `33.33%`.
pub(crate) fn percent(fraction: f64) -> String {
    format!("{}%", number(fraction * 100.0))
}

/// Seconds in the largest unit that divides them: `900` → `15min`.
pub(crate) fn duration(seconds: f64) -> String {
    for (unit, size) in [("w", 604_800.0), ("d", 86_400.0), ("h", 3_600.0), ("min", 60.0)] {
        let n = seconds / size;
        if n >= 1.0 && (n - n.round()).abs() < 1e-9 {
            return format!("{}{unit}", n.round() as i64);
        }
    }
    format!("{}s", number(seconds))
}

fn score(value: f64) -> String {
    if value > 0.0 { format!("+{}", number(value)) } else { number(value) }
}

fn money(m: &Money) -> String {
    format!("{:.2} {}", m.amount, m.currency)
}

fn period(p: Period) -> &'static str {
    Period::ALL.iter().find(|(q, _)| *q == p).map_or("month", |(_, name)| name)
}

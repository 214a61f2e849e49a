//! Lowering: syntax trees to the typed [`Model`]. Declarations are collected first (so that
//! order in a file never matters), then every field is read and every reference resolved in
//! the scope of the file that wrote it: its own items and those of the files it imports.
//! Scenarios are lowered last, as the baseline with their declarations laid over it.

mod fields;
mod imports;
mod journey;
mod resolve;
pub(crate) mod scenario;

use rustc_hash::FxHashMap as HashMap;

use journey_diagnostics::{Code, Diagnostic, FileId, SourceFiles, Span};
use journey_syntax::ast::{self, ItemKind};

pub use fields::{DURATION_UNITS, SCORE_RANGE};

use crate::imports::Visibility;
use crate::ir::*;
use crate::schema::{RefKind, may_contain};
use crate::suggest::Suggestions;
use crate::workspace::Workspace;
use fields::Fields;

/// A workspace may declare this many items at most (J0008): a bound on what one run holds.
pub const MAX_ITEMS: usize = 2_000_000;

/// Lowers every file of the workspace into one model.
pub fn lower(ws: &Workspace) -> (Model, Vec<Diagnostic>) {
    if let Some(past) = item_past_limit(ws) {
        let d = Diagnostic::new(
            Code::TooManyItems,
            past,
            format!("the workspace declares more than {MAX_ITEMS} items; it is not checked further"),
        )
        .with_label("this item is past the limit")
        .with_help("split the model into workspaces that are checked on their own");
        return (Model::default(), vec![d]);
    }
    let src = &ws.files;
    let mut lw = Lowering::new(ws);
    let mut items: Vec<(Target, FileId, &ast::Item)> = Vec::new();
    for (index, tree) in ws.asts.iter().enumerate() {
        let Some(tree) = tree else { continue };
        let file = FileId(index as u32);
        for item in &tree.items {
            if !may_contain(None, item.kind) {
                lw.diagnostics.push(misplaced(src, item, None));
                continue;
            }
            let target = lw.declare(item, file, Origin::Base);
            lw.symbols.entry(item.name.text(src).into()).or_default().push(Symbol { target, file });
            lw.ast_of.insert(target, item);
            items.push((target, file, item));
        }
    }
    lw.report_duplicates();
    let mut scenarios = Vec::new();
    for &(target, file, item) in &items {
        let scope = Scope::file(file);
        match target {
            Target::Journey(id) => journey::lower_journey(&mut lw, id, item, &scope),
            Target::Scenario(id) => scenarios.push((id, file, item)),
            _ => lw.fill(target, item, &scope),
        }
    }
    for (id, file, item) in scenarios {
        scenario::lower_scenario(&mut lw, id, file, item);
    }
    lw.report_unimported();
    lw.place_the_placeless();
    (lw.model, lw.diagnostics)
}

/// The keyword of an item past [`MAX_ITEMS`], if there are more.
fn item_past_limit(ws: &Workspace) -> Option<Span> {
    if ws.items <= MAX_ITEMS {
        return None;
    }
    let mut count = 0;
    let mut stack: Vec<&ast::Item> = Vec::new();
    for tree in ws.asts.iter().flatten() {
        stack.extend(tree.items.iter());
        while let Some(item) = stack.pop() {
            count += 1;
            if count > MAX_ITEMS {
                return Some(item.kind_span);
            }
            stack.extend(item.items());
        }
    }
    None
}

/// What the lowering knows while it works.
pub(crate) struct Lowering<'w> {
    ws: &'w Workspace,
    pub(crate) model: Model,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Top-level declarations of the baseline, by id.
    symbols: HashMap<SmolStr, Vec<Symbol>>,
    /// What each file sees.
    visibility: Visibility,
    /// Base declarations' syntax, for scenarios to merge over.
    ast_of: HashMap<Target, &'w ast::Item>,
    /// Names used in files that do not import the file declaring them.
    pub(crate) unimported: Vec<imports::Unimported>,
    /// Steps that say neither where they happen nor that they are taken alone (J0501): their
    /// file, their id, and where `at touchpoint` would go.
    pub(crate) placeless: Vec<(FileId, Span, Span)>,
    /// Set while a journey is lowered when its flow graph cannot be built as written.
    pub(crate) graph_trouble: bool,
    /// While a journey with a duplicate step id is lowered: the unknown step names its flows
    /// and recoveries use, one of which is likely the id the duplicate was meant to have.
    pub(crate) meant: Option<Vec<SmolStr>>,
    /// What the diagnostics so far report, for each scenario to tell which of its findings its
    /// baseline reports already ([`scenario::Reported`]).
    pub(crate) reported: scenario::Reported,
    /// The did-you-means of unknown names, within their budget.
    pub(crate) suggestions: Suggestions,
}

#[derive(Clone, Copy, Debug)]
struct Symbol {
    target: Target,
    file: FileId,
}

/// A scenario's own declarations, seen before the baseline's.
#[derive(Debug, Default)]
pub(crate) struct ScenarioScope {
    items: HashMap<SmolStr, Target>,
}

/// Where a name is being resolved.
pub(crate) struct Scope<'s> {
    file: FileId,
    scenario: Option<&'s ScenarioScope>,
    /// The journey whose steps flows and recoveries name.
    steps: Option<(JourneyId, &'s HashMap<SmolStr, StepId>)>,
    /// Only references inside this span are recorded (a scenario re-reads baseline text whose
    /// references the baseline already recorded).
    record_within: Option<Span>,
}

impl Scope<'_> {
    pub(crate) fn file(file: FileId) -> Self {
        Scope { file, scenario: None, steps: None, record_within: None }
    }
}

pub(crate) fn target_kind(target: Target) -> ItemKind {
    target.kind()
}

pub(crate) fn misplaced(src: &SourceFiles, item: &ast::Item, parent: Option<ItemKind>) -> Diagnostic {
    let kind = item.kind.keyword();
    let (where_, help) = match item.kind {
        ItemKind::Step => ("a step", "put steps inside a `journey` or one of its `stage`s"),
        ItemKind::Stage => ("a stage", "put stages inside a `journey`"),
        ItemKind::Risk => ("a risk", "put a risk inside the `step` where it can happen"),
        _ => ("it", "declare it at the top of a file"),
    };
    let place = parent.map_or("at the top of a file".to_string(), |p| format!("inside a {}", p.keyword()));
    let d = Diagnostic::new(Code::MisplacedItem, item.kind_span, format!("a {kind} cannot stand {place}"))
        .with_label(format!("{where_} does not belong here"));
    // `lane sales` inside a touchpoint is the field `lane:` with its colon missing.
    match parent.and_then(|p| crate::schema::field(p, kind)) {
        Some(_) if item.label.is_none() && item.body.is_none() => d
            .with_help(format!("did you mean the field `{kind}: {}`?", item.name.text(src)))
            .with_fix("add the colon", Span { start: item.kind_span.end, ..item.kind_span }, ":"),
        _ => d.with_help(help),
    }
}

impl<'w> Lowering<'w> {
    fn new(ws: &'w Workspace) -> Self {
        Lowering {
            ws,
            model: Model::default(),
            diagnostics: Vec::new(),
            symbols: HashMap::default(),
            visibility: Visibility::new(&ws.imports),
            ast_of: HashMap::default(),
            unimported: Vec::new(),
            placeless: Vec::new(),
            graph_trouble: false,
            meant: None,
            reported: scenario::Reported::default(),
            suggestions: Suggestions::default(),
        }
    }
}

/// The declaration part of an item.
pub(crate) fn decl_of(src: &SourceFiles, item: &ast::Item, file: FileId, origin: Origin) -> Decl {
    Decl {
        id: item.name.text(src).into(),
        label: item.label.as_ref().map_or_else(|| item.name.text(src).into(), |l| SmolStr::new(l.value(src))),
        kind: item.kind,
        file,
        span: item.span,
        name_span: item.name.span,
        docs: item.docs.clone(),
        description: None,
        origin,
    }
}

impl<'w> Lowering<'w> {
    /// Adds an empty entity for a top-level item; [`Lowering::fill`] reads its fields later.
    pub(crate) fn declare(&mut self, item: &ast::Item, file: FileId, origin: Origin) -> Target {
        let decl = decl_of(self.src(), item, file, origin);
        let m = &mut self.model;
        match item.kind {
            ItemKind::Lane => {
                m.lanes.push(Lane { decl, owner: None });
                Target::Lane(LaneId(m.lanes.len() as u32 - 1))
            }
            ItemKind::System => {
                m.systems.push(System { decl, kind: None, owner: None, uses: Vec::new(), competitor: None });
                Target::System(SystemId(m.systems.len() as u32 - 1))
            }
            ItemKind::Procedure => {
                m.procedures.push(Procedure {
                    decl,
                    lane: None,
                    uses: Vec::new(),
                    kind: None,
                    owner: None,
                    competitor: None,
                });
                Target::Procedure(ProcedureId(m.procedures.len() as u32 - 1))
            }
            ItemKind::Touchpoint => {
                m.touchpoints.push(Touchpoint {
                    decl,
                    channel: None,
                    channel_span: None,
                    contact_field: None,
                    contact: None,
                    lane: None,
                    uses: Vec::new(),
                    supported_by: Vec::new(),
                    response: None,
                    script: None,
                    cost: None,
                    owner: None,
                    competitor: None,
                });
                Target::Touchpoint(TouchpointId(m.touchpoints.len() as u32 - 1))
            }
            ItemKind::Segment => {
                m.segments.push(Segment { decl, share: None, share_span: None });
                Target::Segment(SegmentId(m.segments.len() as u32 - 1))
            }
            ItemKind::Experience => {
                m.experiences.push(Experience { decl, segments: Vec::new(), targets: Vec::new() });
                Target::Experience(ExperienceId(m.experiences.len() as u32 - 1))
            }
            ItemKind::Scenario => {
                m.scenarios.push(Scenario { decl, baseline: None, journey: None });
                Target::Scenario(ScenarioId(m.scenarios.len() as u32 - 1))
            }
            // Journeys, and (never at the top) stages, steps and risks.
            _ => {
                m.journeys.push(empty_journey(decl, Variant::Base));
                Target::Journey(JourneyId(m.journeys.len() as u32 - 1))
            }
        }
    }

    /// The text of every file, which the syntax trees' names and strings are read from.
    pub(crate) fn src(&self) -> &'w SourceFiles {
        &self.ws.files
    }

    fn visible(&self, file: FileId) -> &[FileId] {
        self.visibility.of(file)
    }

    /// Two top-level items with one id that some file sees together.
    fn report_duplicates(&mut self) {
        let mut names: Vec<(&SmolStr, &Vec<Symbol>)> = self.symbols.iter().filter(|(_, s)| s.len() > 1).collect();
        names.sort_by_key(|(name, _)| *name);
        let mut found = Vec::new();
        for (_, symbols) in names {
            for (i, later) in symbols.iter().enumerate().skip(1) {
                let clash = symbols.iter().take(i).find(|earlier| {
                    earlier.file == later.file
                        || self.visibility.sees(later.file, earlier.file)
                        || self.visibility.sees(earlier.file, later.file)
                });
                if let Some(earlier) = clash {
                    found.push((*later, *earlier));
                }
            }
        }
        for (later, earlier) in found {
            // References resolve to the first declaration; the second is reported once, as a
            // duplicate, not again as unused.
            self.model.used.insert(later.target);
            let (Some(a), Some(b)) = (self.model.decl(later.target), self.model.decl(earlier.target)) else {
                continue;
            };
            self.diagnostics.push(duplicate(&a.id, a.name_span, b.name_span, a.kind, b.kind));
        }
    }

    /// A touchpoint no step is at, where a step says nowhere it happens, is most likely that
    /// step's: it is not reported as unused, and when it is the only one, J0501 suggests it.
    fn place_the_placeless(&mut self) {
        let mut placeless = std::mem::take(&mut self.placeless);
        placeless.sort_by_key(|&(file, name, _)| (file, name));
        placeless.dedup_by_key(|&mut (_, name, _)| name);
        let mut idle: Vec<(FileId, Vec<TouchpointId>)> = Vec::new();
        for &(file, name, header_end) in &placeless {
            if idle.last().is_none_or(|(f, _)| *f != file) {
                let visible = self.visible(file).to_vec();
                let unused = (0..self.model.touchpoints.len() as u32)
                    .map(TouchpointId)
                    .filter(|&t| !self.model.used.contains(&Target::Touchpoint(t)))
                    .filter(|&t| {
                        self.model.touchpoints.get(t.index()).is_some_and(|tp| {
                            tp.decl.origin == Origin::Base && visible.binary_search(&tp.decl.file).is_ok()
                        })
                    })
                    .collect();
                idle.push((file, unused));
            }
            let Some((_, unused)) = idle.last() else { continue };
            let [only] = unused.as_slice() else { continue };
            let Some(id) = self.model.touchpoints.get(only.index()).map(|t| t.decl.id.clone()) else { continue };
            let found = self.diagnostics.iter_mut().find(|d| d.code == Code::StepWithoutTouchpoint && d.span() == name);
            if let Some(d) = found {
                d.help = Some(format!("did you mean `at {id}`? no step is at that touchpoint"));
                d.fix = Some(journey_diagnostics::Fix {
                    message: format!("place it at `{id}`"),
                    edits: vec![journey_diagnostics::Edit { span: header_end, replacement: format!(" at {id}") }],
                });
            }
        }
        for (_, unused) in idle {
            self.model.used.extend(unused.into_iter().map(Target::Touchpoint));
        }
    }

    /// Reads the fields of a lane, system, procedure, touchpoint, segment or experience; one
    /// whose fields could not all be read is in doubt ([`Model::in_doubt`]).
    pub(crate) fn fill(&mut self, target: Target, item: &ast::Item, scope: &Scope) {
        let (reported, unimported) = (self.diagnostics.len(), self.unimported.len());
        self.fill_fields(target, item, scope);
        let failed = self.diagnostics.get(reported..).is_some_and(|new| new.iter().any(Diagnostic::is_error));
        if failed || self.unimported.len() > unimported {
            self.model.in_doubt.insert(target);
        }
    }

    fn fill_fields(&mut self, target: Target, item: &ast::Item, scope: &Scope) {
        let mut diagnostics = std::mem::take(&mut self.diagnostics);
        let f = Fields::new(self.src(), item, &mut diagnostics);
        let description = f.text("description", &mut diagnostics);
        let owner = f.text("owner", &mut diagnostics);
        let competitor = f.text("competitor", &mut diagnostics);
        self.diagnostics = diagnostics;
        self.check_members(item);
        match target {
            Target::Lane(id) => {
                if let Some(lane) = self.model.lanes.get_mut(id.index()) {
                    lane.owner = owner;
                }
            }
            Target::System(id) => {
                let kind = f.word("kind", &mut self.diagnostics);
                let uses = self.refs(scope, &f, "uses", RefKind::System, as_system);
                if let Some(system) = self.model.systems.get_mut(id.index()) {
                    *system = System { decl: system.decl.clone(), kind, owner, uses, competitor };
                }
            }
            Target::Procedure(id) => {
                let kind = f.word("kind", &mut self.diagnostics);
                let lane = self.refs(scope, &f, "lane", RefKind::Lane, as_lane).into_iter().next();
                let uses = self.refs(scope, &f, "uses", RefKind::System, as_system);
                if let Some(p) = self.model.procedures.get_mut(id.index()) {
                    *p = Procedure { decl: p.decl.clone(), lane, uses, kind, owner, competitor };
                }
            }
            Target::Touchpoint(id) => {
                let d = &mut self.diagnostics;
                let channel = f.word("channel", d);
                let channel_span = f.get("channel").and_then(|field| field.values.first()).map(|t| t.span());
                let contact_field = f.boolean("contact", d);
                let response = f.duration("response", d);
                let script = f.text("script", d);
                let cost = f.money("cost", d);
                let lane = self.refs(scope, &f, "lane", RefKind::Lane, as_lane).into_iter().next();
                let uses = self.refs(scope, &f, "uses", RefKind::System, as_system);
                let supported_by = self.refs(scope, &f, "supported_by", RefKind::Procedure, as_procedure);
                if let Some(t) = self.model.touchpoints.get_mut(id.index()) {
                    *t = Touchpoint {
                        decl: t.decl.clone(),
                        channel,
                        channel_span,
                        contact_field,
                        contact: None,
                        lane,
                        uses,
                        supported_by,
                        response,
                        script,
                        cost,
                        owner,
                        competitor,
                    };
                }
            }
            Target::Segment(id) => {
                let share = f.percent("share", &mut self.diagnostics);
                let share_span = f.get("share").and_then(|field| field.values.first()).map(|t| t.span());
                if let Some(s) = self.model.segments.get_mut(id.index()) {
                    s.share = share;
                    s.share_span = share_span;
                }
            }
            Target::Experience(id) => {
                let segments = self.refs(scope, &f, "segments", RefKind::Segment, as_segment);
                let targets = journey::targets(self.src(), item, &mut self.diagnostics);
                if let Some(e) = self.model.experiences.get_mut(id.index()) {
                    e.segments = segments;
                    e.targets = targets;
                }
            }
            _ => {}
        }
        self.set_description(target, description);
    }

    pub(crate) fn set_description(&mut self, target: Target, description: Option<SmolStr>) {
        let m = &mut self.model;
        let decl = match target {
            Target::Lane(id) => m.lanes.get_mut(id.index()).map(|x| &mut x.decl),
            Target::System(id) => m.systems.get_mut(id.index()).map(|x| &mut x.decl),
            Target::Procedure(id) => m.procedures.get_mut(id.index()).map(|x| &mut x.decl),
            Target::Touchpoint(id) => m.touchpoints.get_mut(id.index()).map(|x| &mut x.decl),
            Target::Segment(id) => m.segments.get_mut(id.index()).map(|x| &mut x.decl),
            Target::Experience(id) => m.experiences.get_mut(id.index()).map(|x| &mut x.decl),
            Target::Journey(id) => m.journeys.get_mut(id.index()).map(|x| &mut x.decl),
            Target::Scenario(id) => m.scenarios.get_mut(id.index()).map(|x| &mut x.decl),
            Target::Step(..) | Target::Stage(..) => None,
        };
        if let Some(decl) = decl {
            decl.description = description;
        }
    }

    /// Reports members that an item of this kind cannot hold (items in a lane, flows in a
    /// touchpoint, …). Fields are checked by [`Fields`].
    fn check_members(&mut self, item: &ast::Item) {
        let src = self.src();
        for member in item.members() {
            let d = match member {
                ast::Member::Item(inner) if !may_contain(Some(item.kind), inner.kind) => {
                    // `lane sales` standing for the field `lane: sales`: what it names is used.
                    if crate::schema::field(item.kind, inner.kind.keyword()).is_some() && inner.label.is_none() {
                        if let Some(target) =
                            self.lookup(&Scope::file(inner.name.span.file), inner.name.text(src), false)
                        {
                            self.model.used.insert(target);
                        }
                    }
                    misplaced(src, inner, Some(item.kind))
                }
                ast::Member::Flow(flow) => misplaced_member(
                    flow.span,
                    "a flow",
                    item.kind,
                    "flows connect the steps of a journey: write them inside the `journey`",
                ),
                ast::Member::Target(t) if item.kind != ItemKind::Experience => misplaced_member(
                    t.span,
                    "a target",
                    item.kind,
                    "targets such as `contacts <= 2` belong in an `experience`",
                ),
                ast::Member::Removal(r) if item.kind != ItemKind::Scenario => misplaced_member(
                    r.span,
                    "`remove`",
                    item.kind,
                    "`remove` takes something out of the baseline inside a `scenario`",
                ),
                _ => continue,
            };
            self.diagnostics.push(d);
        }
    }
}

pub(crate) fn misplaced_member(span: Span, what: &str, parent: ItemKind, help: &str) -> Diagnostic {
    Diagnostic::new(Code::MisplacedItem, span, format!("{what} cannot stand inside a {}", parent.keyword()))
        .with_label("does not belong here")
        .with_help(help.to_string())
}

pub(crate) fn duplicate(id: &str, span: Span, first: Span, kind: ItemKind, first_kind: ItemKind) -> Diagnostic {
    Diagnostic::new(Code::DuplicateId, span, format!("`{id}` is declared twice"))
        .with_label(format!("this {} reuses the id", kind.keyword()))
        .with_secondary(first, format!("first declared here, as a {}", first_kind.keyword()))
        .with_help("give each item its own id; references name items by id")
}

pub(crate) fn empty_journey(decl: Decl, variant: Variant) -> Journey {
    Journey {
        decl,
        variant,
        segments: Vec::new(),
        segments_span: None,
        realizes: Vec::new(),
        volume: None,
        competitor: None,
        compares: None,
        owner: None,
        stages: Vec::new(),
        steps: Vec::new(),
        flows: Vec::new(),
    }
}

pub(crate) fn as_lane(t: Target) -> Option<LaneId> {
    if let Target::Lane(id) = t { Some(id) } else { None }
}
pub(crate) fn as_system(t: Target) -> Option<SystemId> {
    if let Target::System(id) = t { Some(id) } else { None }
}
pub(crate) fn as_procedure(t: Target) -> Option<ProcedureId> {
    if let Target::Procedure(id) = t { Some(id) } else { None }
}
pub(crate) fn as_touchpoint(t: Target) -> Option<TouchpointId> {
    if let Target::Touchpoint(id) = t { Some(id) } else { None }
}
pub(crate) fn as_segment(t: Target) -> Option<SegmentId> {
    if let Target::Segment(id) = t { Some(id) } else { None }
}
pub(crate) fn as_experience(t: Target) -> Option<ExperienceId> {
    if let Target::Experience(id) = t { Some(id) } else { None }
}
pub(crate) fn as_journey(t: Target) -> Option<JourneyId> {
    if let Target::Journey(id) = t { Some(id) } else { None }
}

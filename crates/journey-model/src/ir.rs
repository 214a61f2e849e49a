//! The typed model: every declaration in an arena, addressed by a typed id, with its
//! references resolved. Scenarios appear as whole journeys of their own (the baseline with the
//! scenario laid over it), so an analysis never has to merge anything itself.

use journey_diagnostics::{FileId, Span};
pub use journey_syntax::ast::SmolStr;
use journey_syntax::ast::{CmpOp, ItemKind};
use serde::Serialize;

use crate::schema::Metric;

macro_rules! ids {
    ($($name:ident),*) => {$(
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub u32);

        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    )*};
}

ids!(LaneId, SystemId, ProcedureId, TouchpointId, SegmentId, ExperienceId, JourneyId, ScenarioId, StageId, StepId);

/// Where a declaration is visible: in the files that see its file, or only in one scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Base,
    Scenario(ScenarioId),
}

/// What every declaration has.
#[derive(Clone, Debug, Serialize)]
pub struct Decl {
    pub id: SmolStr,
    pub label: SmolStr,
    pub kind: ItemKind,
    pub file: FileId,
    /// The whole item.
    pub span: Span,
    /// The id in the item's header.
    pub name_span: Span,
    pub docs: Vec<String>,
    pub description: Option<SmolStr>,
    pub origin: Origin,
}

/// A string with the span it was written at.
#[derive(Clone, Debug, Serialize)]
pub struct Text {
    pub text: SmolStr,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Money {
    pub amount: f64,
    pub currency: SmolStr,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [(Period, &'static str); 5] = [
        (Period::Day, "day"),
        (Period::Week, "week"),
        (Period::Month, "month"),
        (Period::Quarter, "quarter"),
        (Period::Year, "year"),
    ];

    /// How many of this period make a month (on average: 365.25 / 12 days).
    pub fn per_month(self) -> f64 {
        match self {
            Period::Day => 30.4375,
            Period::Week => 30.4375 / 7.0,
            Period::Month => 1.0,
            Period::Quarter => 1.0 / 3.0,
            Period::Year => 1.0 / 12.0,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Volume {
    pub count: f64,
    pub period: Period,
}

impl Volume {
    pub fn per_month(&self) -> f64 {
        self.count * self.period.per_month()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Lane {
    pub decl: Decl,
    pub owner: Option<SmolStr>,
}

#[derive(Clone, Debug, Serialize)]
pub struct System {
    pub decl: Decl,
    pub kind: Option<SmolStr>,
    pub owner: Option<SmolStr>,
    pub uses: Vec<SystemId>,
    pub competitor: Option<SmolStr>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Procedure {
    pub decl: Decl,
    pub lane: Option<LaneId>,
    pub uses: Vec<SystemId>,
    pub kind: Option<SmolStr>,
    pub owner: Option<SmolStr>,
    pub competitor: Option<SmolStr>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Touchpoint {
    pub decl: Decl,
    pub channel: Option<SmolStr>,
    /// Where the channel's word is written.
    pub channel_span: Option<Span>,
    /// `contact: true` or `false`, where written: overrides what the channel says.
    pub contact_field: Option<bool>,
    /// Whether a step here is a contact (a person answers), decided by
    /// [`crate::channels::resolve`]; `None` when neither `contact:` nor a known channel says.
    pub contact: Option<bool>,
    pub lane: Option<LaneId>,
    pub uses: Vec<SystemId>,
    pub supported_by: Vec<ProcedureId>,
    /// Seconds.
    pub response: Option<f64>,
    pub script: Option<SmolStr>,
    pub cost: Option<Money>,
    pub owner: Option<SmolStr>,
    pub competitor: Option<SmolStr>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Segment {
    pub decl: Decl,
    /// A fraction from 0 to 1.
    pub share: Option<f64>,
    /// Where the share is written.
    pub share_span: Option<Span>,
}

/// `contacts <= 2`, with the bound in the metric's base unit (seconds, fractions, score).
#[derive(Clone, Debug, Serialize)]
pub struct TargetSpec {
    pub metric: Metric,
    pub op: CmpOp,
    pub bound: f64,
    /// The currency of a cost bound.
    pub currency: Option<SmolStr>,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Experience {
    pub decl: Decl,
    pub segments: Vec<SegmentId>,
    pub targets: Vec<TargetSpec>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Stage {
    pub decl: Decl,
    pub goal: Option<SmolStr>,
    pub steps: Vec<StepId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Recovery {
    Step(StepId),
    Procedure(ProcedureId),
}

#[derive(Clone, Debug, Serialize)]
pub struct Risk {
    /// Empty for a short-form `risk: "…" 10%`.
    pub id: SmolStr,
    pub label: SmolStr,
    /// A fraction from 0 to 1.
    pub chance: Option<f64>,
    pub recovery: Option<Recovery>,
    pub emotion: Option<f64>,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Step {
    pub decl: Decl,
    pub stage: Option<StageId>,
    pub at: Option<TouchpointId>,
    /// What contact staff do at this step, in front of the customer (the blueprint's onstage
    /// action); left out of JSON when not written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staff: Option<SmolStr>,
    pub emotion: Option<f64>,
    /// Seconds.
    pub duration: Option<f64>,
    pub cost: Option<Money>,
    pub pains: Vec<Text>,
    pub evidence: Vec<Text>,
    /// The people who take part, as written (`actors: "Me", "Cat"`); left out of JSON when
    /// there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<Text>,
    /// The activities of an event log that record the step, as written (`logged_as: "Pay"`);
    /// left out of JSON when there are none (the step then matches its id or its label).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub logged_as: Vec<Text>,
    pub risks: Vec<Risk>,
    pub via: Vec<ProcedureId>,
    pub segments: Vec<SegmentId>,
    /// Where `segments:` is written.
    pub segments_span: Option<Span>,
    pub intent: Option<SmolStr>,
    /// A fraction from 0 to 1.
    pub entry: Option<f64>,
    pub end: bool,
    /// The customer takes the step on their own, at no touchpoint (`alone: true`).
    pub alone: bool,
}

/// A flow from one step to the next.
#[derive(Clone, Debug, Serialize)]
pub struct Flow {
    pub from: StepId,
    pub to: StepId,
    /// A fraction from 0 to 1, if written.
    pub share: Option<f64>,
    pub label: Option<SmolStr>,
    pub span: Span,
    /// Made from the declaration order of a journey that declares no flows.
    pub implicit: bool,
}

/// Whether a journey is a baseline or a scenario's version of one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Variant {
    Base,
    Scenario { scenario: ScenarioId, baseline: JourneyId },
}

#[derive(Clone, Debug, Serialize)]
pub struct Journey {
    pub decl: Decl,
    pub variant: Variant,
    pub segments: Vec<SegmentId>,
    /// Where `segments:` is written.
    pub segments_span: Option<Span>,
    pub realizes: Vec<ExperienceId>,
    pub volume: Option<Volume>,
    pub competitor: Option<SmolStr>,
    pub compares: Option<JourneyId>,
    pub owner: Option<SmolStr>,
    pub stages: Vec<Stage>,
    pub steps: Vec<Step>,
    pub flows: Vec<Flow>,
}

/// An event-log activity a step records, and whether its `logged_as:` names it (with where),
/// or its id or label stands for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Claim<'a> {
    pub activity: &'a str,
    pub written: Option<Span>,
}

impl Step {
    /// The event-log activities the step records (reference, "Evidence"): the texts of its
    /// `logged_as:`, or, without one, its id and its label.
    pub fn activities(&self) -> Vec<Claim<'_>> {
        if self.logged_as.is_empty() {
            let mut out = vec![Claim { activity: self.decl.id.as_str(), written: None }];
            if !self.decl.label.is_empty() && self.decl.label != self.decl.id {
                out.push(Claim { activity: self.decl.label.as_str(), written: None });
            }
            out
        } else {
            self.logged_as
                .iter()
                .filter(|t| !t.text.is_empty())
                .map(|t| Claim { activity: t.text.as_str(), written: Some(t.span) })
                .collect()
        }
    }
}

impl Journey {
    pub fn step(&self, id: StepId) -> Option<&Step> {
        self.steps.get(id.index())
    }

    pub fn step_ids(&self) -> impl Iterator<Item = StepId> + '_ {
        (0..self.steps.len() as u32).map(StepId)
    }

    pub fn find_step(&self, id: &str) -> Option<StepId> {
        self.steps.iter().position(|s| s.decl.id == id).map(|i| StepId(i as u32))
    }

    /// Whether the journey may end at the step: it says `end: true`, or it stands in the last
    /// stage, or (with no stages) it is the last step.
    pub fn is_final(&self, id: StepId) -> bool {
        let Some(step) = self.step(id) else {
            return false;
        };
        if step.end {
            return true;
        }
        match (step.stage, self.stages.len()) {
            (Some(stage), n) if n > 0 => stage.index() == n - 1,
            _ => self.stages.is_empty() && id.index() + 1 == self.steps.len(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Scenario {
    pub decl: Decl,
    /// The baseline journey, if `on` names one.
    pub baseline: Option<JourneyId>,
    /// The baseline with the scenario laid over it.
    pub journey: Option<JourneyId>,
}

/// What a reference resolved to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Target {
    Lane(LaneId),
    System(SystemId),
    Procedure(ProcedureId),
    Touchpoint(TouchpointId),
    Segment(SegmentId),
    Experience(ExperienceId),
    Journey(JourneyId),
    Scenario(ScenarioId),
    Step(JourneyId, StepId),
    Stage(JourneyId, StageId),
}

impl Target {
    /// The kind of item the target is.
    pub fn kind(self) -> ItemKind {
        match self {
            Target::Lane(_) => ItemKind::Lane,
            Target::System(_) => ItemKind::System,
            Target::Procedure(_) => ItemKind::Procedure,
            Target::Touchpoint(_) => ItemKind::Touchpoint,
            Target::Segment(_) => ItemKind::Segment,
            Target::Experience(_) => ItemKind::Experience,
            Target::Journey(_) => ItemKind::Journey,
            Target::Scenario(_) => ItemKind::Scenario,
            Target::Step(..) => ItemKind::Step,
            Target::Stage(..) => ItemKind::Stage,
        }
    }
}

/// A name used somewhere, and what it names: what find-references and rename walk.
#[derive(Clone, Debug, Serialize)]
pub struct Reference {
    pub span: Span,
    pub target: Target,
}

/// The whole checked workspace.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Model {
    pub lanes: Vec<Lane>,
    pub systems: Vec<System>,
    pub procedures: Vec<Procedure>,
    pub touchpoints: Vec<Touchpoint>,
    pub segments: Vec<Segment>,
    pub experiences: Vec<Experience>,
    pub journeys: Vec<Journey>,
    pub scenarios: Vec<Scenario>,
    pub references: Vec<Reference>,
    /// Every declaration something refers to, scenarios' re-reading of baseline text included.
    #[serde(skip)]
    pub used: rustc_hash::FxHashSet<Target>,
    /// Declarations whose lowering reported an error (an unknown or duplicate name, a value
    /// that could not be read, a syntax error in their block): they are not what the model
    /// means, so the rules pass them by — whatever those would find there follows from the
    /// error. Journeys and touchpoints.
    #[serde(skip)]
    pub in_doubt: rustc_hash::FxHashSet<Target>,
    /// Journeys whose flow graph is not what the model means (a flow or step that could not be
    /// read, a duplicate step, a share that could not be read): the rules on the graph pass
    /// them by too. A subset of the journeys [`in_doubt`](Self::in_doubt).
    #[serde(skip)]
    pub flows_in_doubt: rustc_hash::FxHashSet<JourneyId>,
}

impl Model {
    pub fn decl(&self, target: Target) -> Option<&Decl> {
        Some(match target {
            Target::Lane(id) => &self.lanes.get(id.index())?.decl,
            Target::System(id) => &self.systems.get(id.index())?.decl,
            Target::Procedure(id) => &self.procedures.get(id.index())?.decl,
            Target::Touchpoint(id) => &self.touchpoints.get(id.index())?.decl,
            Target::Segment(id) => &self.segments.get(id.index())?.decl,
            Target::Experience(id) => &self.experiences.get(id.index())?.decl,
            Target::Journey(id) => &self.journeys.get(id.index())?.decl,
            Target::Scenario(id) => &self.scenarios.get(id.index())?.decl,
            Target::Step(j, s) => &self.journeys.get(j.index())?.steps.get(s.index())?.decl,
            Target::Stage(j, s) => &self.journeys.get(j.index())?.stages.get(s.index())?.decl,
        })
    }

    pub fn journey(&self, id: JourneyId) -> Option<&Journey> {
        self.journeys.get(id.index())
    }

    pub fn touchpoint(&self, id: TouchpointId) -> Option<&Touchpoint> {
        self.touchpoints.get(id.index())
    }

    /// The baseline journeys and competitor journeys, without scenario versions.
    pub fn base_journeys(&self) -> impl Iterator<Item = (JourneyId, &Journey)> {
        self.journeys
            .iter()
            .enumerate()
            .filter(|(_, j)| j.variant == Variant::Base)
            .map(|(i, j)| (JourneyId(i as u32), j))
    }

    /// Every declaration with what it is, in a stable order.
    pub fn targets(&self) -> Vec<Target> {
        let mut out = Vec::new();
        out.extend((0..self.lanes.len() as u32).map(|i| Target::Lane(LaneId(i))));
        out.extend((0..self.systems.len() as u32).map(|i| Target::System(SystemId(i))));
        out.extend((0..self.procedures.len() as u32).map(|i| Target::Procedure(ProcedureId(i))));
        out.extend((0..self.touchpoints.len() as u32).map(|i| Target::Touchpoint(TouchpointId(i))));
        out.extend((0..self.segments.len() as u32).map(|i| Target::Segment(SegmentId(i))));
        out.extend((0..self.experiences.len() as u32).map(|i| Target::Experience(ExperienceId(i))));
        out.extend((0..self.journeys.len() as u32).map(|i| Target::Journey(JourneyId(i))));
        out.extend((0..self.scenarios.len() as u32).map(|i| Target::Scenario(ScenarioId(i))));
        out
    }
}

//! The validators: a registry of rules over the lowered model, each behind a code of the one
//! table. Journey rules run on every journey, scenario versions included; what a scenario's
//! version reports that its baseline does not is shown at the scenario.

mod flows;
mod logging;
mod outside_in;
mod paths;
mod segments;
mod targets;

use std::cell::OnceCell;
use std::collections::{HashMap, HashSet};

use journey_diagnostics::{Code, Diagnostic, FileId, Level, Span};

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::Dfs;

use crate::config::Config;
use crate::graph::{Outgoing, entries, flow_graph, outgoing};
use crate::ir::{Journey, JourneyId, Model, Origin, StepId, Target, Variant};
use crate::lower::scenario::{ScenarioHeader, settle};

/// What a rule sees.
pub struct Ctx<'m> {
    pub model: &'m Model,
    pub config: &'m Config,
    /// How many segments each file declares (not a scenario's), counted once for all journeys.
    segments_per_file: HashMap<FileId, usize>,
}

impl<'m> Ctx<'m> {
    pub fn new(model: &'m Model, config: &'m Config) -> Self {
        let mut segments_per_file = HashMap::new();
        for s in model.segments.iter().filter(|s| s.decl.origin == Origin::Base) {
            *segments_per_file.entry(s.decl.file).or_default() += 1;
        }
        Ctx { model, config, segments_per_file }
    }

    /// The number of segments `file` declares in the model itself (not in a scenario).
    pub fn segments_declared_in(&self, file: FileId) -> usize {
        self.segments_per_file.get(&file).copied().unwrap_or(0)
    }
}

/// A journey as the journey rules see it: with what several of them need worked out once.
pub struct Subject<'m> {
    pub journey: &'m Journey,
    /// The flow graph ([`flow_graph`]).
    pub graph: DiGraph<StepId, usize>,
    /// Each step's flows and their shares ([`outgoing`]).
    pub outgoing: Vec<Outgoing>,
    /// Whether a path from an entry reaches each step.
    pub reached: Vec<bool>,
    /// What the path rules (J0701, J0702) walk, worked out when the first of them runs.
    walks: OnceCell<paths::Walks>,
}

impl<'m> Subject<'m> {
    pub fn new(journey: &'m Journey) -> Self {
        let graph = flow_graph(journey);
        let mut reached = vec![false; journey.steps.len()];
        for (start, _) in entries(journey) {
            let mut dfs = Dfs::new(&graph, NodeIndex::new(start.index()));
            while let Some(node) = dfs.next(&graph) {
                if let Some(r) = reached.get_mut(node.index()) {
                    *r = true;
                }
            }
        }
        Subject { journey, outgoing: outgoing(journey), graph, reached, walks: OnceCell::new() }
    }
}

/// A check of one journey.
pub type JourneyCheck = fn(&Ctx, &Subject, &mut Vec<Diagnostic>);
/// A check of the whole model.
pub type ModelCheck = fn(&Ctx, &mut Vec<Diagnostic>);

pub enum Check {
    Journey(JourneyCheck),
    Model(ModelCheck),
}

/// Every rule that runs after lowering, by code.
pub static RULES: &[(Code, Check)] = &[
    (Code::FlowSharesNot100, Check::Journey(flows::shares)),
    (Code::EntrySharesNot100, Check::Journey(flows::entries)),
    (Code::SegmentSharesNot100, Check::Journey(segments::shares_add_up)),
    (Code::SegmentShareMissing, Check::Journey(segments::shares_known)),
    (Code::SegmentOutsideJourney, Check::Journey(segments::steps_for_other_segments)),
    (Code::UnreachableStep, Check::Journey(flows::unreachable)),
    (Code::DeadEnd, Check::Journey(flows::dead_ends)),
    (Code::LoopWithoutExit, Check::Journey(flows::loops_without_exit)),
    (Code::TooManyHandoffs, Check::Journey(paths::handoffs)),
    (Code::TooManyChannelSwitches, Check::Journey(paths::channel_switches)),
    (Code::UnbackedTouchpoint, Check::Model(outside_in::unbacked_touchpoints)),
    (Code::UnrealizedExperience, Check::Model(outside_in::unrealized_experiences)),
    (Code::UnusedDeclaration, Check::Model(outside_in::unused)),
    (Code::ExperienceTargetMissed, Check::Model(targets::experience_targets)),
    (Code::ActivityClaimedTwice, Check::Journey(logging::claimed_twice)),
];

/// Whether a journey rule reads the flow graph alone (shares, entries, reachability, loops),
/// which a mistake in a step's fields does not change.
fn reads_only_the_graph(code: Code) -> bool {
    matches!(
        code,
        Code::FlowSharesNot100
            | Code::EntrySharesNot100
            | Code::UnreachableStep
            | Code::DeadEnd
            | Code::LoopWithoutExit
    )
}

/// Runs the journey rules that are not set to `allow` on one journey; on a journey in doubt
/// ([`Model::in_doubt`]), only those that read the graph alone.
fn journey_checks(ctx: &Ctx, id: JourneyId, journey: &Journey, out: &mut Vec<Diagnostic>) {
    let subject = Subject::new(journey);
    let measured = !ctx.model.in_doubt.contains(&Target::Journey(id));
    for (code, check) in RULES.iter().filter(|(code, _)| ctx.config.level(*code) != Level::Allow) {
        if let Check::Journey(check) = check {
            if measured || reads_only_the_graph(*code) {
                check(ctx, &subject, out);
            }
        }
    }
}

/// Runs every rule that is not set to `allow`.
pub fn run(model: &Model, config: &Config) -> Vec<Diagnostic> {
    let ctx = Ctx::new(model, config);
    let mut out = Vec::new();
    let active = || RULES.iter().filter(|(code, _)| config.level(*code) != Level::Allow);
    for (_, check) in active() {
        if let Check::Model(check) = check {
            check(&ctx, &mut out);
        }
    }
    let mut scenario_journeys = Vec::new();
    for (index, journey) in model.journeys.iter().enumerate() {
        let id = JourneyId(index as u32);
        // A journey whose flow graph could not be built as written is not checked: what the
        // rules would find there follows from that error, which is reported already.
        if model.flows_in_doubt.contains(&id) {
            continue;
        }
        if let Variant::Scenario { scenario, .. } = journey.variant {
            scenario_journeys.push((id, journey, scenario));
            continue;
        }
        journey_checks(&ctx, id, journey, &mut out);
    }
    let base: HashSet<(Code, Span)> = out.iter().map(|d| (d.code, d.span())).collect();
    for (id, journey, scenario) in scenario_journeys {
        let Some(s) = model.scenarios.get(scenario.index()) else {
            continue;
        };
        let mut found = Vec::new();
        journey_checks(&ctx, id, journey, &mut found);
        let header = ScenarioHeader { id: s.decl.id.clone(), span: s.decl.span, name_span: s.decl.name_span };
        for mut d in settle(found, &base, &header) {
            // A finding about the scenario's version of a journey says so, wherever it points.
            let prefix = format!("in scenario `{}`: ", header.id);
            if !d.message.starts_with(&prefix) {
                d.message.insert_str(0, &prefix);
            }
            out.push(d);
        }
    }
    out
}

//! The diagrams journey draws itself, with no browser, JVM or network: the service blueprint
//! ([`blueprint`]) and the flow diagram ([`flow`]), and the self-contained HTML report
//! ([`report`]) that puts diagrams, steps, figures and findings on one page.
//!
//! A drawing is laid out once into a [`scene::Scene`] — boxes, lines and texts measured in the
//! bundled font ([`font`]), in the colours of a [`theme::Theme`], in the words of a language
//! ([`i18n`]) — and then written: as SVG here ([`svg`]), as PNG and PDF by the
//! `journey-render` crate, page by page where [`page`] cuts it. No function here does IO, so
//! the crate also runs in a browser (WebAssembly). Output is deterministic: the same model
//! gives byte-identical files.

pub mod arrows;
mod blueprint;
mod draw;
mod flow;
pub mod font;
pub mod i18n;
pub mod order;
pub mod page;
pub mod report;
pub mod scene;
pub mod svg;
pub mod text;
pub mod theme;

use std::cell::OnceCell;

use journey_diagnostics::Diagnostic;
use journey_model::graph::Outgoing;
use journey_model::ir::{Journey, Model, StageId, StepId};

pub use i18n::Lang;
pub use theme::Theme;

/// How to draw.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    pub theme: Theme,
    /// Only this stage of the journey.
    pub stage: Option<StageId>,
}

/// A drawing laid out, with what it had to say about it (J1001 when it left flows out).
#[derive(Clone, Debug)]
pub struct Drawing {
    pub scene: scene::Scene,
    pub diagnostics: Vec<Diagnostic>,
}

/// A journey about to be drawn, with what each of its drawings works out alike whatever stage
/// it shows (the most likely path, the flow diagram's layers), worked out once for them all.
/// The report draws a long journey whole and then stage by stage; without this, each stage's
/// drawing redid the whole journey's work, and the report took time in stages × steps.
pub struct Prepared<'a> {
    pub model: &'a Model,
    pub journey: &'a Journey,
    likely: OnceCell<Vec<StepId>>,
    layers: OnceCell<Vec<usize>>,
    order: OnceCell<Vec<StepId>>,
    outgoing: OnceCell<Vec<Outgoing>>,
    entries: OnceCell<Vec<(StepId, f64)>>,
    /// Whether the journey's flows are all made from its declaration order (it declares none).
    implicit: bool,
    /// Per stage: its steps as declared, and in the blueprint's order.
    stage_steps: OnceCell<Vec<Vec<StepId>>>,
    stage_order: OnceCell<Vec<Vec<StepId>>>,
}

impl<'a> Prepared<'a> {
    pub fn new(model: &'a Model, journey: &'a Journey) -> Self {
        Prepared {
            model,
            journey,
            likely: OnceCell::new(),
            layers: OnceCell::new(),
            order: OnceCell::new(),
            outgoing: OnceCell::new(),
            entries: OnceCell::new(),
            implicit: journey.flows.iter().all(|f| f.implicit),
            stage_steps: OnceCell::new(),
            stage_order: OnceCell::new(),
        }
    }

    /// The service blueprint, with its flows drawn by what a log shows where `volumes` are given.
    pub fn blueprint(&self, options: &Options, volumes: Option<&Volumes>) -> Drawing {
        blueprint::blueprint(self, options, volumes)
    }

    /// The flow diagram.
    pub fn flow(&self, options: &Options) -> Drawing {
        flow::flow(self, options)
    }

    /// The most likely path of all customers, or where theirs is unknown, of the first
    /// segment's; none where the journey cannot be measured.
    pub(crate) fn likely(&self) -> &[StepId] {
        self.likely.get_or_init(|| {
            journey_model::figures::measure(self.model, self.journey)
                .ok()
                .and_then(|m| m.all.as_ref().or(m.segments.first()).map(|f| f.likely_path()))
                .unwrap_or_default()
        })
    }

    /// Each step's layer in the whole journey's flow diagram ([`order::layers`]).
    pub(crate) fn layers(&self) -> &[usize] {
        self.layers.get_or_init(|| order::layers(self.journey))
    }

    /// The steps in the order the blueprint draws them ([`order::in_order`]).
    pub(crate) fn order(&self) -> &[StepId] {
        self.order.get_or_init(|| order::in_order(self.journey, self.layers()))
    }

    /// Each step's flows with their shares ([`journey_model::graph::outgoing`]).
    pub(crate) fn outgoing(&self) -> &[Outgoing] {
        self.outgoing.get_or_init(|| journey_model::graph::outgoing(self.journey))
    }

    /// Whether the journey declares no flows, so that its flows are made from the order of
    /// its steps.
    pub(crate) fn implicit(&self) -> bool {
        self.implicit
    }

    /// Where customers start, with their shares ([`journey_model::graph::entries`]).
    pub(crate) fn entries(&self) -> &[(StepId, f64)] {
        self.entries.get_or_init(|| journey_model::graph::entries(self.journey))
    }

    /// The steps a drawing of `stage` (or of the whole journey) shows, as declared.
    pub(crate) fn steps_of(&self, stage: Option<StageId>) -> Vec<StepId> {
        let Some(stage) = stage else { return self.journey.step_ids().collect() };
        let by_stage = self.stage_steps.get_or_init(|| self.by_stage(self.journey.step_ids()));
        by_stage.get(stage.index()).cloned().unwrap_or_default()
    }

    /// The steps of `stage` (or of the whole journey) in the blueprint's order.
    pub(crate) fn order_of(&self, stage: Option<StageId>) -> &[StepId] {
        let Some(stage) = stage else { return self.order() };
        let by_stage = self.stage_order.get_or_init(|| self.by_stage(self.order().iter().copied()));
        by_stage.get(stage.index()).map_or(&[], Vec::as_slice)
    }

    /// `steps` stage by stage, each stage's in the order given.
    fn by_stage(&self, steps: impl Iterator<Item = StepId>) -> Vec<Vec<StepId>> {
        let mut by_stage = vec![Vec::new(); self.journey.stages.len()];
        for id in steps {
            let stage = self.journey.step(id).and_then(|s| s.stage);
            if let Some(list) = stage.and_then(|s| by_stage.get_mut(s.index())) {
                list.push(id);
            }
        }
        by_stage
    }
}

/// The service blueprint of a journey, laid out.
pub fn blueprint_scene(model: &Model, journey: &Journey, options: &Options) -> Drawing {
    Prepared::new(model, journey).blueprint(options, None)
}

/// What an event log shows of a journey's flows, for a blueprint that draws them by volume:
/// for each flow (from, to), the cases that took it and the cases that left its step.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Volumes {
    pub flows: std::collections::BTreeMap<(StepId, StepId), (u64, u64)>,
}

/// The service blueprint with its flows drawn by what a log shows: each arrow as wide as the
/// cases that took it, labelled with its observed share beside the modelled one.
pub fn blueprint_scene_observed(model: &Model, journey: &Journey, options: &Options, volumes: &Volumes) -> Drawing {
    Prepared::new(model, journey).blueprint(options, Some(volumes))
}

/// The flow diagram of a journey, laid out.
pub fn flow_scene(model: &Model, journey: &Journey, options: &Options) -> Drawing {
    Prepared::new(model, journey).flow(options)
}

/// The service blueprint as SVG, in English and the light theme; `prefix` starts its ids.
pub fn blueprint(model: &Model, journey: &Journey, prefix: &str) -> String {
    svg::write_owned(blueprint_scene(model, journey, &Options::default()).scene, prefix)
}

/// The flow diagram as SVG, in English and the light theme; `prefix` starts its ids.
pub fn flow(model: &Model, journey: &Journey, prefix: &str) -> String {
    svg::write_owned(flow_scene(model, journey, &Options::default()).scene, prefix)
}

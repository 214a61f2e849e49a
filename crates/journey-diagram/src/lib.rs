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

use journey_diagnostics::Diagnostic;
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

/// The service blueprint of a journey, laid out.
pub fn blueprint_scene(model: &Model, journey: &Journey, options: &Options) -> Drawing {
    blueprint::blueprint(model, journey, options, None)
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
    blueprint::blueprint(model, journey, options, Some(volumes))
}

/// The flow diagram of a journey, laid out.
pub fn flow_scene(model: &Model, journey: &Journey, options: &Options) -> Drawing {
    flow::flow(model, journey, options)
}

/// The service blueprint as SVG, in English and the light theme; `prefix` starts its ids.
pub fn blueprint(model: &Model, journey: &Journey, prefix: &str) -> String {
    svg::write(&blueprint_scene(model, journey, &Options::default()).scene, prefix)
}

/// The flow diagram as SVG, in English and the light theme; `prefix` starts its ids.
pub fn flow(model: &Model, journey: &Journey, prefix: &str) -> String {
    svg::write(&flow_scene(model, journey, &Options::default()).scene, prefix)
}

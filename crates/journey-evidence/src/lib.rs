//! A journey model held against an event log. Pure: it takes a model, one of its journeys and a
//! log's sufficient statistics ([`journey_log::Stats`]) and knows no files, so statistics
//! computed elsewhere (by a SQL engine, say) give the same fit. Every figure here is defined
//! in the reference's "Evidence" section (grammar/README.md), with its formula;
//! `tests/fit.rs` works them out by hand.
//!
//! The steps of the journey are matched to the log's activities ([`Mapping`]); then, per time
//! window of the log and per audience (all cases, and the cases of each log segment that is a
//! segment of the journey), the directly-follows counts become observed flow shares, step
//! durations, fitness and precision ([`Part`]); between windows in a row, the flows whose
//! share changed ([`Drift`]). [`diagnose`] turns a fit into diagnostics; [`calibrate()`] into
//! the edits that write the observed shares and durations into the model.

pub mod calibrate;
mod diagnose;
mod drift;
mod observe;
mod promise;
mod text;

use std::collections::BTreeMap;

use journey_model::ir::{Journey, JourneyId, Model};
use serde::Serialize;

pub use calibrate::{Calibration, calibrate};
pub use diagnose::{diagnose, problems};
pub use drift::{Drift, Side, critical_z, two_proportion_z};
pub use observe::{Observed, wilson};
pub use promise::PromiseFit;
pub use text::text;

/// How strictly the log judges the model (`[evidence]` in `journey.toml`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// How far (a fraction) a modelled share may lie outside the observed share's interval.
    pub tolerance: f64,
    /// The fewest cases an audience needs before anything is judged.
    pub min_cases: u64,
    /// The most an unmodelled transition may be taken, per case, before it is reported.
    pub unmodelled: f64,
}

impl Default for Options {
    fn default() -> Self {
        Options { tolerance: 0.05, min_cases: 30, unmodelled: 0.05 }
    }
}

/// Which step records each activity of the log: the texts of a step's `logged_as:`, or, when it
/// has none, its id and its label. The first step that claims an activity keeps it.
#[derive(Clone, Debug, Default)]
pub struct Mapping {
    pub step_of: BTreeMap<String, usize>,
}

impl Mapping {
    pub fn of(journey: &Journey) -> Mapping {
        let mut step_of = BTreeMap::new();
        for (i, step) in journey.steps.iter().enumerate() {
            for claim in step.activities() {
                step_of.entry(claim.activity.to_string()).or_insert(i);
            }
        }
        Mapping { step_of }
    }

    pub fn step(&self, activity: &str) -> Option<usize> {
        self.step_of.get(activity).copied()
    }
}

/// The fit of one journey to one log.
#[derive(Clone, Debug, Serialize)]
pub struct Fit {
    pub journey: String,
    pub label: String,
    /// The log's windows: `none`, `day`, `week`, `month` or `quarter`.
    pub window: &'static str,
    pub timed: bool,
    /// Activities no step records, with their flow events over the whole log, most first.
    pub unmapped: Vec<Unmapped>,
    /// The log's segment values that are no segment of the journey, with their cases.
    pub other_segments: Vec<OtherSegment>,
    /// Per window (in order), all cases first, then each segment of the journey in the log.
    pub parts: Vec<Part>,
    /// The flows whose share changed from one window to the next (none without windows).
    pub drift: Vec<Drift>,
    #[serde(skip)]
    pub id: JourneyId,
}

#[derive(Clone, Debug, Serialize)]
pub struct Unmapped {
    pub activity: String,
    pub events: u64,
    pub did_you_mean: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct OtherSegment {
    pub segment: String,
    pub cases: u64,
    pub did_you_mean: Option<String>,
}

/// The observed figures of one audience in one window, beside the modelled ones.
#[derive(Clone, Debug, Serialize)]
pub struct Part {
    /// The window's label; `None` for a log read without windows.
    pub window: Option<String>,
    /// The journey's segment; `None` for all cases of the window.
    pub segment: Option<String>,
    pub cases: u64,
    /// Fewer cases than `min-cases`: shown, not judged.
    pub too_thin: bool,
    /// Case durations (first to last event), milliseconds; unknown for an untimed log.
    pub case_duration: Spread,
    pub flows: Vec<FlowFit>,
    pub steps: Vec<StepFit>,
    pub unmodelled: Vec<Transition>,
    /// Steps the audience may take that no case took.
    pub never_taken: Vec<String>,
    pub starts: Vec<Count>,
    pub ends: Vec<Count>,
    pub fitness: Option<f64>,
    pub precision: Option<f64>,
    /// The experiences' targets promised to this audience, against the log.
    pub promises: Vec<PromiseFit>,
    /// What the two are made of.
    pub counts: FitCounts,
    #[serde(skip)]
    pub observed: Observed,
}

/// The median, 90th percentile and mean of some durations, in milliseconds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Spread {
    pub count: u64,
    pub median_ms: Option<i64>,
    pub p90_ms: Option<i64>,
    pub mean_ms: Option<f64>,
}

/// A flow of the model (or a step's end, `to: None`), its modelled and observed share.
#[derive(Clone, Debug, Serialize)]
pub struct FlowFit {
    pub from: String,
    pub to: Option<String>,
    /// The share of the step's customers the model sends this way.
    pub modelled: f64,
    /// The model writes no percentage: the share is its even part of the rest.
    pub assumed: bool,
    /// `taken / out_of`; unknown when the step was never left.
    pub observed: Option<f64>,
    /// The 95 % Wilson score interval of `observed`.
    pub interval: Option<(f64, f64)>,
    pub taken: u64,
    pub out_of: u64,
    #[serde(skip)]
    pub from_step: usize,
    #[serde(skip)]
    pub to_step: Option<usize>,
}

#[derive(Clone, Debug, Serialize)]
pub struct StepFit {
    pub step: String,
    /// The step's `duration:`, seconds.
    pub modelled_s: Option<f64>,
    /// Its observed visits: the flow events of its activities.
    pub visits: u64,
    /// The gaps from its activities' events to the next flow event of the case.
    pub observed: Spread,
}

#[derive(Clone, Debug, Serialize)]
pub struct Transition {
    pub from: String,
    pub to: String,
    pub count: u64,
    /// `count / cases`.
    pub per_case: f64,
    #[serde(skip)]
    pub from_step: usize,
}

/// Where cases start or end: a step, or an activity no step records.
#[derive(Clone, Debug, Serialize)]
pub struct Count {
    pub at: String,
    pub step: bool,
    /// The model lets customers start (or end) here.
    pub modelled: bool,
    pub count: u64,
}

/// The counts behind fitness and precision (reference, "Evidence").
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct FitCounts {
    pub follows: u64,
    pub deviating: u64,
    pub within_steps: u64,
    pub starts: u64,
    pub bad_starts: u64,
    pub ends: u64,
    pub bad_ends: u64,
    pub ways: f64,
    pub ways_unobserved: f64,
}

/// The journey whose steps record the most flow events of the log (the first of equals), when
/// any does.
pub fn choose(model: &Model, stats: &journey_log::Stats) -> Option<JourneyId> {
    let mut best: Option<(u64, JourneyId)> = None;
    for (id, journey) in model.base_journeys() {
        let mapping = Mapping::of(journey);
        let mut events = 0;
        for group in stats.groups.values() {
            for (activity, a) in &group.activities {
                if mapping.step(activity).is_some() {
                    events += a.events;
                }
            }
        }
        if events > 0 && best.is_none_or(|(b, _)| events > b) {
            best = Some((events, id));
        }
    }
    best.map(|b| b.1)
}

/// Fits a journey of the model to the log's statistics.
pub fn fit(model: &Model, id: JourneyId, stats: &journey_log::Stats, options: &Options) -> Option<Fit> {
    let journey = model.journey(id)?;
    Some(observe::fit(model, id, journey, stats, options))
}

/// A JSON document of fits (`journey fit --format json`).
pub fn json(fits: &[Fit]) -> String {
    let value = serde_json::json!({ "version": 1, "fits": fits });
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

//! The experiences' promises held against the log: for each target of an experience the
//! journey realizes, made to an audience of the fit (all customers, or a segment the promise
//! names), the log's own figure and whether it keeps the target. The log tells four figures
//! (reference, "Evidence"): duration, contacts, steps, and emotion from the events' scores;
//! the others are listed as not in the log, never judged.

use journey_model::figures::{Audience, Measured, is_contact, promised};
use journey_model::ir::{Journey, Model};
use journey_model::schema::Metric;
use journey_model::units;
use serde::Serialize;

use crate::Part;

/// One target against the log, for one audience.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PromiseFit {
    pub experience: String,
    /// The target as written: `duration <= 2 min`.
    pub target: String,
    /// The log's figure, in the target's unit (seconds for a duration); `None` when the log
    /// does not tell it.
    pub observed: Option<f64>,
    /// The figure as the target writes it: `3 min 30 s`, `0.45`; `unknown`, `not in the log`.
    pub shown: String,
    /// Whether the log keeps the target; `None` when it cannot tell.
    pub holds: Option<bool>,
    #[serde(skip)]
    pub experience_index: usize,
    #[serde(skip)]
    pub target_index: usize,
}

/// The log's figure for `metric`, for the audience of `p`, when the log can tell it (the
/// `Option` inside is `None` for a figure the log tells but this audience lacks, such as the
/// duration of an untimed log).
pub fn observed(model: &Model, journey: &Journey, p: &Part, metric: Metric) -> Option<Option<f64>> {
    let o = &p.observed;
    let per_case = |n: f64| (o.cases > 0).then(|| n / o.cases as f64);
    Some(match metric {
        Metric::Duration => p.case_duration.mean_ms.map(|ms| ms / 1000.0),
        Metric::Contacts => per_case(
            journey.steps.iter().zip(&o.visits).filter(|(s, _)| is_contact(model, s)).map(|(_, &v)| v as f64).sum(),
        ),
        Metric::Steps => per_case(o.visits.iter().sum::<u64>() as f64),
        Metric::Emotion => (o.scored > 0).then(|| o.score_sum_milli as f64 / 1000.0 / o.scored as f64),
        _ => return None,
    })
}

/// The targets promised to the audience of `p`, each against the log.
pub fn promises(model: &Model, journey: &Journey, measured: &Measured, p: &Part) -> Vec<PromiseFit> {
    let mut out = Vec::new();
    for &e in &journey.realizes {
        let Some(experience) = model.experiences.get(e.index()) else { continue };
        let held = promised(experience, measured).into_iter().any(|pr| match pr.audience {
            Audience::All => p.segment.is_none(),
            Audience::Segment(_) => pr.segments.iter().any(|s| {
                model.segments.get(s.index()).is_some_and(|seg| Some(seg.decl.id.as_str()) == p.segment.as_deref())
            }),
        });
        if !held {
            continue;
        }
        for (t, target) in experience.targets.iter().enumerate() {
            let figure = observed(model, journey, p, target.metric);
            let value = figure.flatten();
            let (shown, bound) = match value {
                Some(v) => units::figure_against(target.metric, v, target.bound, target.currency.as_deref()),
                None => (
                    if figure.is_some() { "unknown" } else { "not in the log" }.to_string(),
                    units::figure(target.metric, target.bound, target.currency.as_deref()),
                ),
            };
            out.push(PromiseFit {
                experience: experience.decl.id.to_string(),
                target: format!("{} {} {bound}", target.metric.name(), target.op.as_str()),
                observed: value,
                shown,
                holds: value.map(|v| target.op.holds(v, target.bound)),
                experience_index: e.index(),
                target_index: t,
            });
        }
    }
    out
}

//! The diagnostics of a fit (J11xx), each at the place in the model it concerns: a flow, a
//! step, an experience's target, or the journey's header. An audience with fewer cases than
//! `min-cases` is not judged (J1106 says so instead).

use journey_diagnostics::{Code, Diagnostic, Span};
use journey_log::Problems;
use journey_model::ir::{Journey, Model};
use journey_model::schema::Metric;
use journey_model::units;

use crate::{Fit, Options, Part};

fn whose(p: &Part) -> String {
    let mut out = match &p.segment {
        Some(s) => format!("segment `{s}`"),
        None => "all cases".to_string(),
    };
    if let Some(w) = &p.window {
        out = format!("{out} in {w}");
    }
    out
}

fn flow_span(journey: &Journey, from: usize, to: Option<usize>) -> Span {
    let step = journey.steps.get(from).map(|s| s.decl.name_span).unwrap_or(journey.decl.name_span);
    let Some(to) = to else { return step };
    journey.flows.iter().find(|f| f.from.index() == from && f.to.index() == to && !f.implicit).map_or(step, |f| f.span)
}

/// The diagnostics of a fit of one of the model's journeys.
pub fn diagnose(model: &Model, fit: &Fit, options: &Options) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let Some(journey) = model.journey(fit.id) else { return out };
    let header = journey.decl.name_span;
    let step_span = |s: usize| journey.steps.get(s).map_or(header, |s| s.decl.name_span);
    let step_index = |id: &str| journey.steps.iter().position(|s| s.decl.id == id);

    for u in &fit.unmapped {
        let d = Diagnostic::new(
            Code::EvidenceUnmappedActivity,
            header,
            format!(
                "the log's activity \"{}\" ({} event{}) is no step of journey `{}`",
                u.activity,
                u.events,
                if u.events == 1 { "" } else { "s" },
                fit.journey
            ),
        )
        .with_label("no step records it");
        out.push(match &u.did_you_mean {
            Some(name) => d.with_help(format!(
                "did you mean `{name}`? A step matches an activity equal to its id or its label; write \
                 `logged_as: \"{}\"` on the step that records it",
                u.activity
            )),
            None => d.with_help(format!(
                "write `logged_as: \"{}\"` on the step that records it, or add a step for it",
                u.activity
            )),
        });
    }

    for p in &fit.parts {
        if p.too_thin {
            if p.cases > 0 || p.segment.is_none() {
                out.push(
                    Diagnostic::new(
                        Code::EvidenceTooThin,
                        header,
                        format!(
                            "the log has {} case{} of journey `{}` ({}), fewer than the {} needed: nothing is judged",
                            p.cases,
                            if p.cases == 1 { "" } else { "s" },
                            fit.journey,
                            whose(p),
                            options.min_cases
                        ),
                    )
                    .with_label("too few cases to judge")
                    .with_help("give a longer log, or lower `min-cases` under `[evidence]` in journey.toml"),
                );
            }
            continue;
        }
        for f in &p.flows {
            let Some((lo, hi)) = f.interval else { continue };
            let off = if f.modelled < lo - options.tolerance {
                lo - f.modelled
            } else if f.modelled > hi + options.tolerance {
                f.modelled - hi
            } else {
                continue;
            };
            let what = match &f.to {
                Some(to) => format!("flow `{} -> {to}`", f.from),
                None => format!("ending at `{}`", f.from),
            };
            let observed = f.observed.map_or("unknown".into(), units::percent);
            out.push(
                Diagnostic::new(
                    Code::EvidenceShareOff,
                    flow_span(journey, f.from_step, f.to_step),
                    format!(
                        "{what}: the log shows {observed} ({} of {}, 95% interval {}–{}) for {}, the model {}",
                        f.taken,
                        f.out_of,
                        units::percent(lo),
                        units::percent(hi),
                        whose(p),
                        units::percent(f.modelled)
                    ),
                )
                .with_label(format!("{} percentage points outside the interval", units::number(off * 100.0)))
                .with_help(format!(
                    "change the share to about {observed}, or find out why customers behave differently"
                )),
            );
        }
        for t in &p.unmodelled {
            if t.per_case <= options.unmodelled {
                continue;
            }
            out.push(
                Diagnostic::new(
                    Code::EvidenceUnmodelledPath,
                    step_span(t.from_step),
                    format!(
                        "customers go from `{}` to `{}` {} time{} in the log ({} per case, {}), and the model has no such flow",
                        t.from,
                        t.to,
                        t.count,
                        if t.count == 1 { "" } else { "s" },
                        units::number(t.per_case),
                        whose(p)
                    ),
                )
                .with_label("no flow to that step")
                .with_help(format!("add the flow `{} -> {}` with its share, or find out why customers take it", t.from, t.to)),
            );
        }
        for id in &p.never_taken {
            let Some(s) = step_index(id) else { continue };
            out.push(
                Diagnostic::new(
                    Code::EvidenceStepNeverTaken,
                    step_span(s),
                    format!("no case in the log takes step `{id}` ({}, {} cases)", whose(p), p.cases),
                )
                .with_label("never taken")
                .with_help("check the step's `logged_as:`, or remove the step if customers no longer take it"),
            );
        }
        promises(model, journey, p, &mut out);
    }
    for d in &fit.drift {
        let what = match &d.to {
            Some(to) => format!("flow `{} -> {to}`", d.from),
            None => format!("ending at `{}`", d.from),
        };
        let who = d.segment.as_ref().map_or("all cases".to_string(), |s| format!("segment `{s}`"));
        let points = (d.change() * 100.0).abs();
        out.push(
            Diagnostic::new(
                Code::EvidenceDrift,
                flow_span(journey, d.from_step, d.to_step),
                format!(
                    "{what}: the log's share went from {} ({} of {}) in {} to {} ({} of {}) in {} for {who}",
                    units::percent(d.before.share),
                    d.before.taken,
                    d.before.out_of,
                    d.before.window,
                    units::percent(d.after.share),
                    d.after.taken,
                    d.after.out_of,
                    d.after.window,
                ),
            )
            .with_label(format!(
                "{} by {} percentage points",
                if d.change() > 0.0 { "up" } else { "down" },
                units::number(points)
            ))
            .with_help(
                "find out what changed then (a release, a campaign, a policy), and update the share if it stays",
            ),
        );
    }
    out
}

/// J1102: the targets promised to the audience that the log's figures miss.
fn promises(model: &Model, journey: &Journey, p: &Part, out: &mut Vec<Diagnostic>) {
    for promise in p.promises.iter().filter(|pr| pr.holds == Some(false)) {
        let Some(experience) = model.experiences.get(promise.experience_index) else { continue };
        let Some(target) = experience.targets.get(promise.target_index) else { continue };
        let per = if target.metric == Metric::Emotion { "on average" } else { "per case" };
        out.push(
            Diagnostic::new(
                Code::EvidencePromiseBroken,
                target.span,
                format!(
                    "the log misses experience `{}`'s target on journey `{}`: {}, observed {} {per} ({})",
                    promise.experience,
                    journey.decl.id,
                    promise.target,
                    promise.shown,
                    whose(p)
                ),
            )
            .with_label(format!("observed {}", promise.shown))
            .with_help("change the journey so that it keeps the promise, or the target if the promise was wrong"),
        );
    }
}

/// J1107: the problems of reading the log, at `at` (the log itself, or the journey's header).
pub fn problems(problems: &Problems, at: Span) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|(kind, tally)| {
            let places: Vec<String> = tally.first.iter().map(|(p, _)| p.to_string()).collect();
            let mut d = Diagnostic::new(
                Code::LogProblem,
                at,
                format!("the log: {} {} ({})", tally.count, kind.describe(), kind.name()),
            )
            .with_label(kind.name());
            if !places.is_empty() {
                d = d.with_note(format!("first at {}", places.join(", ")));
            }
            d
        })
        .collect()
}

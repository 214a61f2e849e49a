//! Experience targets (J0505): every journey that realizes an experience is measured exactly and
//! held to the experience's targets — for all its customers, or, where the experience is
//! promised to some segments, for each of those segments the journey takes. A journey that
//! cannot be measured, or whose figure for the promised customers is unknown, is said to be
//! unchecked (J0506) rather than passed.

use journey_diagnostics::{Code, Diagnostic};
use journey_syntax::ast::CmpOp;

use super::Ctx;
use crate::figures::{Figures, Measured, NotMeasured, Promised, Unmeasured, contributions, measure, promised};
use crate::ir::*;
use crate::schema::Metric;
use crate::units;

pub(super) fn experience_targets(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for (j, journey) in model.base_journeys() {
        if journey.competitor.is_some() || journey.realizes.is_empty() || model.in_doubt.contains(&Target::Journey(j)) {
            continue;
        }
        let measured = match measure(model, journey) {
            Ok(m) => m,
            Err(NotMeasured { why: Unmeasured::LoopTooLarge(steps), .. }) => {
                out.push(unchecked(model, journey, &format!("a loop of {steps} steps is too large to measure")));
                continue;
            }
            Err(NotMeasured { segment: Some(s), why: Unmeasured::LoopWithoutExit(_) }) => {
                let name = model.segments.get(s.index()).map_or("", |s| s.decl.id.as_str());
                out.push(unchecked(
                    model,
                    journey,
                    &format!("customers of `{name}` enter a loop they never leave, since they skip its way out"),
                ));
                continue;
            }
            // A loop without exit for everyone is reported as such (J0404); a journey without
            // steps has nothing to measure.
            Err(_) => continue,
        };
        for &e in &journey.realizes {
            let Some(experience) = model.experiences.get(e.index()) else { continue };
            for promise in promised(experience, &measured) {
                let Some(figures) = measured.figures(promise.audience) else {
                    out.push(unchecked(
                        model,
                        journey,
                        "its segments walk different steps and not all of them have a share, so the figures for all its customers are unknown",
                    ));
                    continue;
                };
                for target in &experience.targets {
                    let Some(actual) = figures.get(target.metric) else {
                        out.push(unknown_figure(journey, experience, target, &measured));
                        continue;
                    };
                    if !target.op.holds(actual, target.bound) {
                        out.push(missed(model, journey, experience, target, &measured, figures, actual, &promise));
                    }
                }
            }
        }
    }
}

/// J0506: the targets a journey realizes are not checked, and why.
fn unchecked(model: &Model, journey: &Journey, why: &str) -> Diagnostic {
    let experiences: Vec<String> = journey
        .realizes
        .iter()
        .filter_map(|e| model.experiences.get(e.index()))
        .map(|e| format!("`{}`", e.decl.id))
        .collect();
    Diagnostic::new(
        Code::UnmeasuredJourney,
        journey.decl.name_span,
        format!("the targets of {} are not checked on `{}`: {why}", experiences.join(", "), journey.decl.id),
    )
    .with_label("its figures cannot be worked out")
    .with_help(
        "`journey analyze` says what is missing; give segments their shares, or customers more ways out of a loop",
    )
}

/// J0506 for one target whose figure the model does not say (no step has a duration, a risk
/// has no chance).
fn unknown_figure(journey: &Journey, experience: &Experience, target: &TargetSpec, measured: &Measured) -> Diagnostic {
    let why = measured
        .unknown
        .iter()
        .find(|u| u.contains(target.metric.describe()))
        .cloned()
        .unwrap_or_else(|| format!("the expected {} is unknown", target.metric.describe()));
    Diagnostic::new(
        Code::UnmeasuredJourney,
        target.span,
        format!(
            "`{} {} …` of `{}` is not checked on `{}`: {why}",
            target.metric.name(),
            target.op.as_str(),
            experience.decl.id,
            journey.decl.id
        ),
    )
    .with_label("this target cannot be checked")
    .with_secondary(journey.decl.name_span, format!("realizes `{}`", experience.decl.id))
    .with_help("say the figure in the model (a duration, a chance) so the promise can be held to it")
}

fn comparison(op: CmpOp) -> &'static str {
    match op {
        CmpOp::Le | CmpOp::Lt => "more than",
        CmpOp::Ge | CmpOp::Gt => "less than",
        CmpOp::Eq => "not",
    }
}

#[allow(clippy::too_many_arguments)]
fn missed(
    model: &Model,
    journey: &Journey,
    experience: &Experience,
    target: &TargetSpec,
    measured: &Measured,
    figures: &Figures,
    actual: f64,
    promise: &Promised,
) -> Diagnostic {
    let metric = target.metric;
    let currency = measured.currency.as_deref();
    let (shown, bound) = units::figure_against(metric, actual, target.bound, currency);
    let names: Vec<String> = promise
        .segments
        .iter()
        .filter_map(|s| model.segments.get(s.index()))
        .map(|s| format!("`{}`", s.decl.id))
        .collect();
    let who = if names.is_empty() { String::new() } else { format!(" for {}", names.join(" and ")) };
    let mut d = Diagnostic::new(
        Code::ExperienceTargetMissed,
        target.span,
        format!(
            "`{}` misses `{} {} {bound}` of `{}`{who}: the expected {} is {shown}, {} {bound}",
            journey.decl.id,
            metric.name(),
            target.op.as_str(),
            experience.decl.id,
            metric.describe(),
            comparison(target.op),
        ),
    )
    .with_label(format!("missed by `{}`{who}", journey.decl.id))
    .with_secondary(journey.decl.name_span, format!("realizes `{}`", experience.decl.id));
    let mut parts = contributions(model, journey, figures, metric);
    let show = |value: f64| units::figure(metric, value, currency);
    if metric == Metric::Emotion {
        // An average misses by its lowest parts: the steps that pull it the wrong way.
        let low = matches!(target.op, CmpOp::Ge | CmpOp::Gt);
        parts.sort_by(|a, b| {
            if low { a.contribution.total_cmp(&b.contribution) } else { b.contribution.total_cmp(&a.contribution) }
        });
        let listed: Vec<String> = parts
            .iter()
            .take(3)
            .filter_map(|c| {
                let visits = units::number(c.visits);
                let noun = units::plural(c.visits, "visit", "visits");
                journey.step(c.step).map(|s| format!("`{}` ({}, {visits} {noun})", s.decl.id, show(c.value)))
            })
            .collect();
        if !listed.is_empty() {
            d = d.with_note(format!(
                "the steps that pull it {}: {}",
                if low { "down" } else { "up" },
                listed.join(", ")
            ));
        }
    } else if !parts.is_empty() {
        let listed: Vec<String> = parts
            .iter()
            .take(3)
            .filter_map(|c| journey.step(c.step).map(|s| format!("`{}` ({})", s.decl.id, show(c.contribution))))
            .collect();
        d = d.with_note(format!("most of it comes from {}", listed.join(", ")));
    }
    d.with_help("change the journey so it keeps the promise, or the target if the promise was wrong; `journey analyze --explain` shows the figure's parts")
}

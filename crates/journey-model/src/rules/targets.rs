//! Experience targets: every journey that realizes an experience is measured exactly and held
//! to the experience's targets, for all its customers and for each segment the experience
//! names.

use journey_diagnostics::{Code, Diagnostic};

use super::Ctx;
use crate::ir::*;
use crate::metrics::{Metrics, MetricsError, contributions, metrics};
use crate::schema::Metric;
use crate::units;

/// A figure in the unit people read it in.
pub fn show(metric: Metric, value: f64, metrics: &Metrics) -> String {
    match metric {
        Metric::Duration => units::duration(value),
        Metric::Risk => units::percent(value),
        Metric::Emotion => units::score(value),
        Metric::Cost => units::money(value, metrics.currency.as_deref()),
        _ => units::number(value),
    }
}

pub(super) fn experience_targets(ctx: &Ctx, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    for (j, journey) in model.base_journeys() {
        if journey.competitor.is_some() {
            continue;
        }
        if journey.realizes.is_empty() {
            continue;
        }
        // Measured once per journey (and once per segment that takes other steps).
        let overall = match metrics(model, journey, None) {
            Ok(m) => m,
            Err(MetricsError::LoopTooLarge(steps)) => {
                out.push(unmeasured(model, journey, steps));
                continue;
            }
            // A loop without exit is reported as such (J0404); a journey without steps has
            // nothing to measure.
            Err(_) => continue,
        };
        let segmented = journey.steps.iter().any(|s| !s.segments.is_empty());
        for &e in &journey.realizes {
            let Some(experience) = model.experiences.get(e.index()) else { continue };
            let mut audiences: Vec<Option<SegmentId>> = vec![None];
            if segmented {
                for &s in &experience.segments {
                    if journey.segments.is_empty() || journey.segments.contains(&s) {
                        audiences.push(Some(s));
                    }
                }
            }
            for segment in audiences {
                let own;
                let m = match segment {
                    None => &overall,
                    Some(_) => match metrics(model, journey, segment) {
                        Ok(m) => {
                            own = m;
                            &own
                        }
                        Err(_) => continue,
                    },
                };
                // A segment that takes the same steps as everyone gets the same figures: its
                // misses are the journey's, reported once.
                if segment.is_some() && overall.visits == m.visits {
                    continue;
                }
                for target in &experience.targets {
                    let Some(actual) = m.get(target.metric) else { continue };
                    if target.op.holds(actual, target.bound) {
                        continue;
                    }
                    out.push(missed(model, j, journey, experience, target, m, actual, segment));
                }
            }
        }
    }
}

/// J0506: the targets a journey realizes are not checked, because it cannot be measured.
fn unmeasured(model: &Model, journey: &Journey, steps: usize) -> Diagnostic {
    let experiences: Vec<String> = journey
        .realizes
        .iter()
        .filter_map(|e| model.experiences.get(e.index()))
        .map(|e| format!("`{}`", e.decl.id))
        .collect();
    Diagnostic::new(
        Code::UnmeasuredJourney,
        journey.decl.name_span,
        format!(
            "the targets of {} are not checked on `{}`: a loop of {steps} steps is too large to measure",
            experiences.join(", "),
            journey.decl.id
        ),
    )
    .with_label("customers leave its loop too rarely for its figures to settle")
    .with_help("give customers more ways out of the loop, or split it into smaller loops")
}

#[allow(clippy::too_many_arguments)]
fn missed(
    model: &Model,
    _: JourneyId,
    journey: &Journey,
    experience: &Experience,
    target: &TargetSpec,
    m: &Metrics,
    actual: f64,
    segment: Option<SegmentId>,
) -> Diagnostic {
    let metric = target.metric;
    let bound = show(metric, target.bound, m);
    let who = segment
        .and_then(|s| model.segments.get(s.index()))
        .map(|s| format!(" for `{}`", s.decl.id))
        .unwrap_or_default();
    let mut d = Diagnostic::new(
        Code::ExperienceTargetMissed,
        target.span,
        format!(
            "`{}` misses `{} {} {}` of `{}`{who}: the expected {} is {}",
            journey.decl.id,
            metric.name(),
            target.op.as_str(),
            bound,
            experience.decl.id,
            metric.describe(),
            show(metric, actual, m)
        ),
    )
    .with_label(format!("missed by `{}`{who}", journey.decl.id))
    .with_secondary(journey.decl.name_span, format!("realizes `{}`", experience.decl.id));
    let mut parts = contributions(model, journey, m, metric);
    if metric == Metric::Emotion {
        // An average misses by its lowest parts: the steps that pull it the wrong way.
        let low = matches!(target.op, journey_syntax::ast::CmpOp::Ge | journey_syntax::ast::CmpOp::Gt);
        parts.sort_by(|a, b| {
            if low { a.contribution.total_cmp(&b.contribution) } else { b.contribution.total_cmp(&a.contribution) }
        });
        let listed: Vec<String> = parts
            .iter()
            .take(3)
            .filter_map(|c| {
                journey
                    .step(c.step)
                    .map(|s| format!("`{}` ({}, {} visits)", s.decl.id, units::score(c.value), units::number(c.visits)))
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
            .filter_map(|c| {
                journey.step(c.step).map(|s| format!("`{}` ({})", s.decl.id, show(metric, c.contribution, m)))
            })
            .collect();
        d = d.with_note(format!("most of it comes from {}", listed.join(", ")));
    }
    d.with_help("change the journey so it keeps the promise, or the target if the promise was wrong; `journey analyze --explain` shows the figure's parts")
}

//! Rules on who takes a journey: the shares of its segments add up to no more than 100 %, and
//! to 100 % when they are every segment there is (J0406); where its
//! segments walk different steps, each has a share, or the figures for all its customers are
//! unknown (J0407); and a step is only for segments its journey takes (J0408).

use journey_diagnostics::{Code, Diagnostic};

use super::{Ctx, Subject};
use crate::figures::Segmentation;
use crate::ir::*;
use crate::units;

pub(super) fn shares_add_up(ctx: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let journey = subject.journey;
    let segmentation = Segmentation::of(model, journey);
    let segments: Vec<&Segment> = segmentation.segments.iter().filter_map(|s| model.segments.get(s.index())).collect();
    let Some(total) = segmentation.written_total else { return };
    if segments.len() < 2 {
        return;
    }
    // A segment's share is its part of all customers: a journey taken by some segments is taken
    // by less than all of them, but never by more; one taken by every segment, by all. "Every
    // segment" is every one declared where the journey's segments are (a shared catalog, or
    // the journey's own file).
    let mut files: Vec<_> = segments.iter().map(|s| s.decl.file).chain([journey.decl.file]).collect();
    files.sort_unstable();
    files.dedup();
    let declared: usize = files.iter().map(|&file| ctx.segments_declared_in(file)).sum();
    let every = declared == segments.len();
    let over = total > 1.0 + 1e-9;
    let short = every && total < 1.0 - 1e-9;
    if !(over || short) {
        return;
    }
    let at = journey.segments_span.unwrap_or(journey.decl.name_span);
    let (label, help) = if over {
        (
            "more than all customers",
            "lower the shares: each is a segment's part of all customers, so together they make at most 100%",
        )
    } else {
        (
            "every segment of the model, yet not all customers",
            "make the shares add up to 100%, or declare the segment that is missing",
        )
    };
    let mut d = Diagnostic::new(
        Code::SegmentSharesNot100,
        at,
        format!(
            "the shares of the segments of `{}` add up to {}, {} 100%",
            journey.decl.id,
            units::percent(total),
            if over { "more than" } else { "less than" }
        ),
    )
    .with_label(label)
    .with_help(help);
    for s in &segments {
        if let Some(span) = s.share_span {
            d = d.with_secondary(span, format!("`{}`", s.decl.id));
        }
    }
    out.push(d);
}

pub(super) fn shares_known(ctx: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let journey = subject.journey;
    let segmentation = Segmentation::of(model, journey);
    if segmentation.weights.is_some() || !segmentation.differ {
        return;
    }
    let segments: Vec<&Segment> = segmentation.segments.iter().filter_map(|s| model.segments.get(s.index())).collect();
    let at = journey.segments_span.unwrap_or(journey.decl.name_span);
    let missing: Vec<&&Segment> = segments.iter().filter(|s| s.share.is_none()).collect();
    let names: Vec<String> = missing.iter().map(|s| format!("`{}`", s.decl.id)).collect();
    let mut d = Diagnostic::new(
        Code::SegmentShareMissing,
        at,
        format!(
            "the segments of `{}` walk different steps, but {} {} no share: its figures for all customers are unknown",
            journey.decl.id,
            names.join(", "),
            if names.len() == 1 { "has" } else { "have" }
        ),
    )
    .with_label("whose customers are these, in what parts?")
    .with_help("give each segment a `share:`, adding up to 100%");
    for s in missing {
        d = d.with_secondary(s.decl.name_span, "no `share:`");
    }
    out.push(d);
}

pub(super) fn steps_for_other_segments(ctx: &Ctx, subject: &Subject, out: &mut Vec<Diagnostic>) {
    let model = ctx.model;
    let journey = subject.journey;
    for step in &journey.steps {
        for &s in &step.segments {
            if journey.segments.contains(&s) {
                continue;
            }
            let Some(segment) = model.segments.get(s.index()) else { continue };
            let why = if journey.segments.is_empty() {
                format!("`{}` names no segments", journey.decl.id)
            } else {
                format!("`{}` is not among the segments of `{}`", segment.decl.id, journey.decl.id)
            };
            let span = step.segments_span.unwrap_or(step.decl.name_span);
            let mut d = Diagnostic::new(
                Code::SegmentOutsideJourney,
                span,
                format!("step `{}` is for `{}`, but {why}", step.decl.id, segment.decl.id),
            )
            .with_label("a segment the journey does not take");
            if let Some(list) = journey.segments_span {
                d = d.with_secondary(list, "the journey's segments");
            }
            out.push(
                d.with_help(format!("add `{}` to the journey's `segments:`, or take it off the step", segment.decl.id)),
            );
        }
    }
}

//! What the figures fill in where the model is silent, and why a figure is unknown: written
//! out for `analyze` and the report, with how much of the journey it touches, so that nothing
//! is assumed silently.

use super::{Facts, Measured};
use crate::graph::outgoing;
use crate::ir::*;
use crate::schema::Metric;
use crate::units;

/// At most this many ids are named in one note; the rest are counted.
const NAMED: usize = 8;

fn ids<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    let all: Vec<&str> = ids.collect();
    let mut out: Vec<String> = all.iter().take(NAMED).map(|id| format!("`{id}`")).collect();
    if all.len() > NAMED {
        out.push(format!("and {} more", all.len() - NAMED));
    }
    out.join(", ")
}

pub(super) fn write(model: &Model, journey: &Journey, facts: &Facts, m: &mut Measured) {
    let mut assumed = Vec::new();
    let mut unknown = Vec::new();
    // Visits of all customers, or of the first segment when the mixture is unknown: only to say
    // how much of the journey a note touches.
    let visits: Vec<f64> = m.all.as_ref().or(m.segments.first()).map(|f| f.visits.clone()).unwrap_or_default();
    let total: f64 = visits.iter().sum();
    let part = |steps: &[usize]| -> String {
        let v: f64 = steps.iter().map(|&s| visits.get(s).copied().unwrap_or(0.0)).sum();
        format!("{} of the {} steps a customer is expected to take", units::number(v), units::number(total))
    };
    let step_ids =
        |steps: &[usize]| ids(steps.iter().filter_map(|&s| journey.steps.get(s)).map(|s| s.decl.id.as_str()));

    let guessed: Vec<&str> = outgoing(journey)
        .iter()
        .enumerate()
        .filter(|(_, o)| o.unwritten > 1 || (o.unwritten == 1 && o.written > 0.0))
        .filter_map(|(i, _)| journey.steps.get(i).map(|s| s.decl.id.as_str()))
        .collect();
    if !guessed.is_empty() {
        assumed.push(format!(
            "flows without a percentage share what the others leave evenly, out of {}",
            ids(guessed.into_iter())
        ));
    }

    let silent = |values: &[Option<f64>]| -> Vec<usize> {
        values.iter().enumerate().filter(|(_, v)| v.is_none()).map(|(s, _)| s).collect()
    };
    for (metric, what, values) in [
        (Metric::Duration, "steps without a duration are counted as taking no time", &facts.duration),
        (
            Metric::Cost,
            "steps without a cost (on the step or its touchpoint) are counted as costing nothing",
            &facts.cost,
        ),
    ] {
        let steps = silent(values);
        if !facts.known(metric) {
            unknown.push(format!("the expected {} is unknown: no step says it", metric.describe()));
        } else if !steps.is_empty() {
            assumed.push(format!("{what}: {} ({})", step_ids(&steps), part(&steps)));
        }
    }
    let contacts: Vec<usize> = (0..journey.steps.len()).filter(|&s| facts.contact[s]).collect();
    let unanswered: Vec<usize> = contacts.iter().copied().filter(|&s| facts.waiting[s].is_none()).collect();
    if contacts.is_empty() {
        unknown.push("the expected waiting is unknown: the journey has no contacts".into());
    } else if !facts.known(Metric::Waiting) {
        unknown.push("the expected waiting is unknown: no touchpoint of a contact says its `response:` time".into());
    } else if !unanswered.is_empty() {
        assumed.push(format!(
            "contacts at touchpoints without a `response:` time are counted as answered at once: {} ({})",
            step_ids(&unanswered),
            part(&unanswered)
        ));
    }
    let no_emotion = silent(&facts.emotion);
    if !facts.known(Metric::Emotion) {
        unknown.push("the expected emotion is unknown: no step says one".into());
    } else if !no_emotion.is_empty() {
        assumed.push(format!(
            "the mean emotion is taken over the steps that say one; left out: {} ({})",
            step_ids(&no_emotion),
            part(&no_emotion)
        ));
    }
    if !facts.other_currency.is_empty() {
        let steps: Vec<usize> = facts.other_currency.iter().map(|s| s.index()).collect();
        assumed.push(format!(
            "costs in a currency other than {} are left out: {}",
            m.currency.as_deref().unwrap_or("the first"),
            step_ids(&steps)
        ));
    }
    if !facts.risks_without_chance.is_empty() {
        let steps: Vec<usize> = facts.risks_without_chance.iter().map(|(s, _)| s.index()).collect();
        unknown.push(format!(
            "the chance of meeting a risk is unknown: risks without a `chance:` at {}",
            step_ids(&steps)
        ));
    }

    // Touchpoints the journey uses whose channel or lane is not said.
    let mut used: Vec<TouchpointId> = journey.steps.iter().filter(|s| !s.alone).filter_map(|s| s.at).collect();
    used.sort();
    used.dedup();
    let touchpoints = |pick: &dyn Fn(&Touchpoint) -> bool| -> Vec<&str> {
        used.iter().filter_map(|&t| model.touchpoint(t)).filter(|t| pick(t)).map(|t| t.decl.id.as_str()).collect()
    };
    let undecided = touchpoints(&|t| t.contact.is_none());
    if !undecided.is_empty() {
        assumed.push(format!(
            "steps at touchpoints whose channel is missing or unknown are counted as no contact: {}",
            ids(undecided.into_iter())
        ));
    }
    let no_channel = touchpoints(&|t| t.channel.is_none());
    if !no_channel.is_empty() {
        assumed.push(format!(
            "channel switches are counted past the steps at touchpoints without a channel: {}",
            ids(no_channel.into_iter())
        ));
    }
    let no_lane = touchpoints(&|t| t.lane.is_none());
    if !no_lane.is_empty() {
        assumed.push(format!(
            "hand-offs are counted past the steps at touchpoints without a lane: {}",
            ids(no_lane.into_iter())
        ));
    }

    let seg = &m.segmentation;
    let name = |s: SegmentId| model.segments.get(s.index()).map_or("", |s| s.decl.id.as_str());
    if seg.differ && m.all.is_none() {
        let missing: Vec<&str> = seg
            .segments
            .iter()
            .filter(|s| model.segments.get(s.index()).is_some_and(|x| x.share.is_none()))
            .map(|&s| name(s))
            .collect();
        let verb = if missing.len() == 1 { "has" } else { "have" };
        unknown.push(format!(
            "figures for all customers are unknown: the segments walk different steps and {} {verb} no share",
            ids(missing.into_iter())
        ));
    }
    if let (Some(total), Some(weights)) = (seg.written_total, &seg.weights) {
        if seg.segments.len() > 1 && (total - 1.0).abs() > 1e-9 {
            let parts: Vec<String> = seg
                .segments
                .iter()
                .zip(weights)
                .map(|(&s, w)| format!("`{}` {}", name(s), units::percent(*w)))
                .collect();
            assumed.push(format!(
                "its segments are {} of all customers and are taken to come to this journey in that proportion: {}",
                units::percent(total),
                parts.join(", ")
            ));
        }
    }
    if seg.segments.is_empty() && journey.steps.iter().any(|s| !s.segments.is_empty()) {
        let steps: Vec<usize> =
            journey.steps.iter().enumerate().filter(|(_, s)| !s.segments.is_empty()).map(|(i, _)| i).collect();
        assumed.push(format!(
            "the journey names no segments, so every customer takes the steps meant for some: {}",
            step_ids(&steps)
        ));
    }
    m.assumed = assumed;
    m.unknown = unknown;
}

//! From the statistics of a set of groups to the observed figures of one audience: counts per
//! step and per pair of steps, then shares, intervals, durations, fitness and precision, each as
//! the reference's "Evidence" section defines it.

use std::collections::{BTreeMap, BTreeSet};

use journey_log::{Durations, Group, Stats};
use journey_model::chain::Chain;
use journey_model::figures::Segmentation;
use journey_model::ir::{Journey, JourneyId, Model, SegmentId};

use crate::{
    Count, Fit, FitCounts, FlowFit, Mapping, Options, OtherSegment, Part, Spread, StepFit, Transition, Unmapped,
};

/// What the log shows of one audience, in the journey's steps.
#[derive(Clone, Debug, Default)]
pub struct Observed {
    pub cases: u64,
    /// Flow events of each step's activities.
    pub visits: Vec<u64>,
    /// Directly-follows pairs between steps (within-step pairs left out).
    pub moves: BTreeMap<(usize, usize), u64>,
    /// Pairs from a step to an activity no step records.
    pub to_unmapped: Vec<u64>,
    /// Cases whose last flow event is one of the step's activities.
    pub ends: Vec<u64>,
    pub starts: Vec<u64>,
    /// The gaps after each step's events.
    pub gaps: Vec<Durations>,
    pub case_durations: Durations,
    pub timed: bool,
    /// Flow events of the steps' activities that carry a score, and the sum of their scores
    /// in thousandths.
    pub scored: u64,
    pub score_sum_milli: i64,
}

impl Observed {
    /// The pairs leaving a step plus the cases that end there.
    pub fn out_of(&self, s: usize) -> u64 {
        let moves: u64 = self.moves.range((s, 0)..(s + 1, 0)).map(|(_, n)| n).sum();
        moves + self.to_unmapped.get(s).copied().unwrap_or(0) + self.ends.get(s).copied().unwrap_or(0)
    }
}

/// The 95 % Wilson score interval of `n` successes in `total` trials (z = 1.96).
pub fn wilson(n: u64, total: u64) -> Option<(f64, f64)> {
    if total == 0 {
        return None;
    }
    let z = 1.96_f64;
    let t = total as f64;
    let p = n as f64 / t;
    let d = 1.0 + z * z / t;
    let centre = (p + z * z / (2.0 * t)) / d;
    let half = z / d * (p * (1.0 - p) / t + z * z / (4.0 * t * t)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

fn merge(into: &mut Group, group: &Group) {
    into.cases.merge(&group.cases);
    into.events += group.events;
    for (name, a) in &group.activities {
        into.activities.entry(name.clone()).or_default().merge(a);
    }
    for (pair, d) in &group.follows {
        into.follows.entry(pair.clone()).or_default().merge(d);
    }
}

fn spread(d: &Durations, timed: bool) -> Spread {
    if !timed || d.count == 0 {
        return Spread { count: d.count, ..Spread::default() };
    }
    Spread {
        count: d.count,
        median_ms: d.quantile(1, 2),
        p90_ms: d.quantile(9, 10),
        mean_ms: Some(d.sum_ms as f64 / d.count as f64),
    }
}

/// Each step's modelled ways on for an audience: next step → (share, assumed), summed over
/// parallel flows.
fn ways(journey: &Journey, chain: &Chain) -> Vec<BTreeMap<usize, (f64, bool)>> {
    let mut out: Vec<BTreeMap<usize, (f64, bool)>> = vec![BTreeMap::new(); journey.steps.len()];
    for (s, next) in chain.next.iter().enumerate() {
        for &(t, share) in next {
            if let Some(slot) = out.get_mut(s) {
                let e = slot.entry(t).or_insert((0.0, false));
                e.0 += share;
            }
        }
    }
    for flow in &journey.flows {
        if let Some(e) = out.get_mut(flow.from.index()).and_then(|m| m.get_mut(&flow.to.index())) {
            e.1 |= flow.share.is_none();
        }
    }
    out
}

fn observe(
    group: &Group,
    mapping: &Mapping,
    n: usize,
    ways: &[BTreeMap<usize, (f64, bool)>],
    timed: bool,
) -> (Observed, u64) {
    let mut o = Observed {
        cases: group.cases.count,
        visits: vec![0; n],
        to_unmapped: vec![0; n],
        ends: vec![0; n],
        starts: vec![0; n],
        gaps: vec![Durations::default(); n],
        case_durations: group.cases.clone(),
        timed,
        ..Observed::default()
    };
    for (activity, a) in &group.activities {
        if let Some(s) = mapping.step(activity) {
            o.visits[s] += a.events;
            o.starts[s] += a.starts;
            o.ends[s] += a.ends;
            o.scored += a.scored;
            o.score_sum_milli = o.score_sum_milli.saturating_add(a.score_sum_milli);
        }
    }
    let mut within = 0;
    for ((a, b), d) in &group.follows {
        let Some(s) = mapping.step(a) else { continue };
        o.gaps[s].merge(d);
        match mapping.step(b) {
            Some(t) if t == s && !ways[s].contains_key(&s) => within += d.count,
            Some(t) => *o.moves.entry((s, t)).or_default() += d.count,
            None => o.to_unmapped[s] += d.count,
        }
    }
    (o, within)
}

/// The observed figures of one audience beside its chain.
/// What every audience of one fit shares.
struct Scope<'a> {
    journey: &'a Journey,
    mapping: &'a Mapping,
    timed: bool,
    options: &'a Options,
}

fn part(
    scope: &Scope<'_>,
    chain: &Chain,
    allowed: &[bool],
    group: &Group,
    window: Option<String>,
    segment: Option<String>,
) -> Part {
    let Scope { journey, mapping, timed, options } = *scope;
    let n = journey.steps.len();
    let ways = ways(journey, chain);
    let (o, within) = observe(group, mapping, n, &ways, timed);
    let id = |s: usize| journey.steps.get(s).map(|s| s.decl.id.to_string()).unwrap_or_default();
    let may = |s: usize| allowed.get(s).copied().unwrap_or(false);
    let exit = |s: usize| chain.exit.get(s).copied().unwrap_or(0.0);
    let start = |s: usize| chain.start.get(s).copied().unwrap_or(0.0);

    let mut flows = Vec::new();
    for s in (0..n).filter(|&s| may(s)) {
        let out_of = o.out_of(s);
        let observed = |taken: u64| (out_of > 0).then(|| taken as f64 / out_of as f64);
        // In the order the flows are written, each pair once.
        let mut seen = BTreeSet::new();
        for flow in journey.flows.iter().filter(|f| f.from.index() == s) {
            let t = flow.to.index();
            let Some(&(share, assumed)) = ways[s].get(&t) else { continue };
            if !seen.insert(t) {
                continue;
            }
            let taken = o.moves.get(&(s, t)).copied().unwrap_or(0);
            flows.push(FlowFit {
                from: id(s),
                to: Some(id(t)),
                modelled: share,
                assumed,
                observed: observed(taken),
                interval: wilson(taken, out_of),
                taken,
                out_of,
                from_step: s,
                to_step: Some(t),
            });
        }
        if exit(s) > 0.0 {
            let taken = o.ends[s];
            flows.push(FlowFit {
                from: id(s),
                to: None,
                modelled: exit(s),
                assumed: false,
                observed: observed(taken),
                interval: wilson(taken, out_of),
                taken,
                out_of,
                from_step: s,
                to_step: None,
            });
        }
    }

    let steps = (0..n)
        .filter(|&s| may(s))
        .map(|s| StepFit {
            step: id(s),
            modelled_s: journey.steps[s].duration,
            visits: o.visits[s],
            observed: spread(&o.gaps[s], timed),
        })
        .collect();

    let mut unmodelled: Vec<Transition> = o
        .moves
        .iter()
        .filter(|((s, t), _)| !ways[*s].contains_key(t))
        .map(|(&(s, t), &count)| Transition {
            from: id(s),
            to: id(t),
            count,
            per_case: if o.cases > 0 { count as f64 / o.cases as f64 } else { 0.0 },
            from_step: s,
        })
        .collect();
    unmodelled.sort_by(|a, b| b.count.cmp(&a.count).then(a.from_step.cmp(&b.from_step)));

    let never_taken = (0..n).filter(|&s| may(s) && o.visits[s] == 0).map(id).collect();

    // Starts and ends, by step, then the activities no step records.
    let mut starts = Vec::new();
    let mut ends = Vec::new();
    for s in 0..n {
        if o.starts[s] > 0 {
            starts.push(Count { at: id(s), step: true, modelled: start(s) > 0.0, count: o.starts[s] });
        }
        if o.ends[s] > 0 {
            ends.push(Count { at: id(s), step: true, modelled: exit(s) > 0.0, count: o.ends[s] });
        }
    }
    let mut counts = FitCounts { within_steps: within, ..FitCounts::default() };
    for (activity, a) in &group.activities {
        if mapping.step(activity).is_none() {
            if a.starts > 0 {
                starts.push(Count { at: activity.clone(), step: false, modelled: false, count: a.starts });
            }
            if a.ends > 0 {
                ends.push(Count { at: activity.clone(), step: false, modelled: false, count: a.ends });
            }
        }
    }
    for c in &starts {
        counts.starts += c.count;
        counts.bad_starts += if c.modelled { 0 } else { c.count };
    }
    for c in &ends {
        counts.ends += c.count;
        counts.bad_ends += if c.modelled { 0 } else { c.count };
    }
    starts.sort_by_key(|c| std::cmp::Reverse(c.count));
    ends.sort_by_key(|c| std::cmp::Reverse(c.count));

    // Fitness: every pair not within a step fits when both activities are steps and the model
    // has that flow.
    for ((a, b), d) in &group.follows {
        match (mapping.step(a), mapping.step(b)) {
            (Some(s), Some(t)) if s == t && !ways[s].contains_key(&s) => {}
            (Some(s), Some(t)) if ways[s].contains_key(&t) => counts.follows += d.count,
            _ => {
                counts.follows += d.count;
                counts.deviating += d.count;
            }
        }
    }
    let judged = counts.follows + counts.starts + counts.ends;
    let fitness =
        (judged > 0).then(|| 1.0 - (counts.deviating + counts.bad_starts + counts.bad_ends) as f64 / judged as f64);

    // Precision: of the ways out of each step the model offers, weighed by the step's visits,
    // the part the log shows taken.
    for s in (0..n).filter(|&s| may(s)) {
        let v = o.visits[s] as f64;
        let mut offered = 0.0;
        let mut unseen = 0.0;
        for (&t, &(share, _)) in &ways[s] {
            if share > 0.0 {
                offered += 1.0;
                if o.moves.get(&(s, t)).copied().unwrap_or(0) == 0 {
                    unseen += 1.0;
                }
            }
        }
        if exit(s) > 0.0 {
            offered += 1.0;
            if o.ends[s] == 0 {
                unseen += 1.0;
            }
        }
        counts.ways += v * offered;
        counts.ways_unobserved += v * unseen;
    }
    let precision = (counts.ways > 0.0).then(|| 1.0 - counts.ways_unobserved / counts.ways);

    Part {
        window,
        segment,
        cases: o.cases,
        too_thin: o.cases < options.min_cases,
        case_duration: spread(&group.cases, timed),
        flows,
        steps,
        unmodelled,
        never_taken,
        promises: Vec::new(),
        starts,
        ends,
        fitness,
        precision,
        counts,
        observed: o,
    }
}

pub(crate) fn fit(model: &Model, id: JourneyId, journey: &Journey, stats: &Stats, options: &Options) -> Fit {
    let mapping = Mapping::of(journey);
    let segmentation = Segmentation::of(model, journey);
    let segment_ids: Vec<(SegmentId, &str)> = segmentation
        .segments
        .iter()
        .filter_map(|&s| model.segments.get(s.index()).map(|seg| (s, seg.decl.id.as_str())))
        .collect();

    // Activities no step records, over the whole log.
    let mut unmapped: BTreeMap<&str, u64> = BTreeMap::new();
    let mut other: BTreeMap<&str, u64> = BTreeMap::new();
    let mut windows: BTreeMap<Option<&str>, Vec<&journey_log::GroupKey>> = BTreeMap::new();
    for (key, group) in &stats.groups {
        for (activity, a) in &group.activities {
            if mapping.step(activity).is_none() {
                *unmapped.entry(activity.as_str()).or_default() += a.events;
            }
        }
        if let Some(seg) = key.segment.as_deref() {
            if !segment_ids.iter().any(|(_, id)| *id == seg) {
                *other.entry(seg).or_default() += group.cases.count;
            }
        }
        windows.entry(key.window.as_deref()).or_default().push(key);
    }
    let names: Vec<&str> = journey.steps.iter().flat_map(|s| [s.decl.id.as_str(), s.decl.label.as_str()]).collect();
    let mut unmapped: Vec<Unmapped> = unmapped
        .into_iter()
        .map(|(activity, events)| Unmapped {
            activity: activity.to_string(),
            events,
            did_you_mean: journey_model::closest(activity, names.iter().copied()).map(str::to_string),
        })
        .collect();
    unmapped.sort_by_key(|u| std::cmp::Reverse(u.events));
    let other_segments = other
        .into_iter()
        .map(|(segment, cases)| OtherSegment {
            segment: segment.to_string(),
            cases,
            did_you_mean: journey_model::closest(segment, segment_ids.iter().map(|s| s.1)).map(str::to_string),
        })
        .collect();

    let scope = Scope { journey, mapping: &mapping, timed: stats.timed, options };
    let mut parts = Vec::new();
    for (window, keys) in windows {
        let window = window.map(str::to_string);
        let mut all = Group::default();
        for key in &keys {
            if let Some(g) = stats.groups.get(*key) {
                merge(&mut all, g);
            }
        }
        let allowed = segmentation.allowed(journey, None);
        let chain = Chain::of(journey, &allowed);
        parts.push(part(&scope, &chain, &allowed, &all, window.clone(), None));
        for &(s, name) in &segment_ids {
            let Some(key) = keys.iter().find(|k| k.segment.as_deref() == Some(name)) else { continue };
            let Some(group) = stats.groups.get(*key) else { continue };
            let allowed = segmentation.allowed(journey, Some(s));
            let chain = Chain::of(journey, &allowed);
            let seg = Some(name.to_string());
            parts.push(part(&scope, &chain, &allowed, group, window.clone(), seg));
        }
    }
    if let Ok(measured) = journey_model::figures::measure(model, journey) {
        for p in &mut parts {
            p.promises = crate::promise::promises(model, journey, &measured, p);
        }
    }
    let drift = crate::drift::drift(&parts, options);
    Fit {
        journey: journey.decl.id.to_string(),
        label: journey.decl.label.to_string(),
        window: stats.window.name(),
        timed: stats.timed,
        unmapped,
        other_segments,
        parts,
        drift,
        id,
    }
}

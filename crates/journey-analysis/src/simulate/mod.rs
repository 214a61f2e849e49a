//! `journey simulate`: Monte Carlo walks through a journey's flow graph, giving the spread
//! of duration, contacts and cost (p50/p90/p99) and the range of emotion that the exact
//! expectations do not show. Seeded: the same seed gives the same numbers.

pub mod stream;

use std::ops::ControlFlow;

use journey_model::figures::{self, Chain, Facts, Segmentation};
use journey_model::ir::*;
use journey_model::schema::Metric;
use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde::Serialize;
use stream::Stream;

/// A walk gives up after this many steps (only a loop with almost no exit gets here).
pub const MAX_WALK: usize = 100_000;

/// How many walks one simulation may take.
pub const MAX_RUNS: u64 = 1_000_000_000_000;

/// A figure's spread over the walks: the mean, the least and greatest, and the quantiles (the
/// `⌈q·n⌉`-th smallest of the walks' values; exact up to 4,096 different values, within 1 %
/// beyond, see [`stream`]).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub min: f64,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

/// A simulation's figures. A figure the model does not say (no step says a duration or a cost,
/// a risk says no chance, no step says an emotion) is `None`: unknown, as in `analyze`.
#[derive(Clone, Debug, Serialize)]
pub struct Simulation {
    /// The walks taken (fewer than asked when interrupted).
    pub runs: u64,
    pub seed: u64,
    pub steps_walked: u64,
    pub duration_seconds: Option<Spread>,
    pub contacts: Spread,
    pub cost: Option<Spread>,
    pub currency: Option<SmolStr>,
    /// The mean emotion of each walk (walks through steps without emotions left out).
    pub emotion: Option<Spread>,
    /// The share of walks that met at least one risk.
    pub risk: Option<f64>,
    /// Walks cut off at [`MAX_WALK`] steps.
    pub cut_off: u64,
    /// Whether the walks were stopped before all were taken.
    pub interrupted: bool,
    /// What was assumed where the model is silent, and why a figure is unknown: the words of
    /// `analyze` (empty where the journey cannot be measured exactly).
    pub assumed: Vec<String>,
    pub unknown: Vec<String>,
}

fn uniform(rng: &mut Pcg64Mcg) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Picks an index by weights; `None` when `u` falls past them (the rest leaves).
fn pick(weights: impl Iterator<Item = (usize, f64)>, u: f64) -> Option<usize> {
    let mut acc = 0.0;
    for (i, w) in weights {
        acc += w;
        if u < acc {
            return Some(i);
        }
    }
    None
}

/// Whose walks: the chains of the audience asked for, each with its part of the walks and its
/// segment. A journey whose segments all have a share draws each walk's segment from them (the
/// segments' chains are the same when no step is for some of them only); without shares, walks
/// have no segment unless the segments walk different steps, which needs the shares.
fn chains(model: &Model, journey: &Journey, segment: Option<SegmentId>) -> Result<Vec<Part>, String> {
    let seg = Segmentation::of(model, journey);
    let parts: Vec<(f64, Option<SegmentId>)> = match segment {
        Some(s) if seg.segments.contains(&s) => vec![(1.0, Some(s))],
        Some(_) => return Err(format!("`{}` is not taken by that segment", journey.decl.id)),
        None if seg.differ || (seg.weights.is_some() && !seg.segments.is_empty()) => match &seg.weights {
            Some(w) => w.iter().copied().zip(seg.segments.iter().map(|&s| Some(s))).collect(),
            None => {
                return Err(format!(
                    "the segments of `{}` walk different steps and not all have a share: simulate one with --segment",
                    journey.decl.id
                ));
            }
        },
        None => vec![(1.0, None)],
    };
    Ok(parts
        .into_iter()
        .map(|(weight, segment)| Part { weight, segment, chain: Chain::of(journey, &seg.allowed(journey, segment)) })
        .collect())
}

/// One audience of the walks: its part of them, its segment and its chain.
struct Part {
    weight: f64,
    segment: Option<SegmentId>,
    chain: Chain,
}

/// One customer's walk, as [`Walker::walk`] took it.
#[derive(Clone, Copy, Debug)]
pub struct Walk<'w> {
    /// The segment the customer was drawn from (`None` when the walks have none).
    pub segment: Option<SegmentId>,
    /// The steps visited, in order (indices into the journey's steps).
    pub steps: &'w [usize],
    /// Whether the customer met at least one risk.
    pub risk_met: bool,
    /// Whether the walk was cut off at [`MAX_WALK`] steps.
    pub cut_off: bool,
}

/// Walks customers through a journey's chain one at a time, seeded: the one walker behind the
/// figures of [`simulate_with`] and the event log of `journey simulate --emit-log`. Its memory
/// is the chain and one walk (at most [`MAX_WALK`] steps), whatever the number of walks.
pub struct Walker {
    parts: Vec<Part>,
    risks: Vec<Vec<f64>>,
    rng: Pcg64Mcg,
    path: Vec<usize>,
}

impl Walker {
    /// A walker through `journey` for the customers of `segment` (all of them by default), each
    /// walk's segment drawn by its part of the journey's customers.
    pub fn new(model: &Model, journey: &Journey, segment: Option<SegmentId>, seed: u64) -> Result<Walker, String> {
        let parts = chains(model, journey, segment)?;
        let risks: Vec<Vec<f64>> =
            journey.steps.iter().map(|s| s.risks.iter().map(|r| r.chance.unwrap_or(0.0)).collect()).collect();
        Ok(Walker { parts, risks, rng: Pcg64Mcg::seed_from_u64(seed), path: Vec::new() })
    }

    /// Whether the walks carry a segment.
    pub fn segmented(&self) -> bool {
        self.parts.iter().any(|p| p.segment.is_some())
    }

    /// Takes the next customer through the journey.
    pub fn walk(&mut self) -> Walk<'_> {
        let n = self.risks.len();
        let drawn = pick(self.parts.iter().map(|p| p.weight).enumerate(), uniform(&mut self.rng)).unwrap_or(0);
        self.path.clear();
        let (mut hit, mut cut_off) = (false, false);
        let Some(part) = self.parts.get(drawn).or(self.parts.first()) else {
            return Walk { segment: None, steps: &self.path, risk_met: false, cut_off: false };
        };
        let mut current = pick(part.chain.start.iter().copied().enumerate(), uniform(&mut self.rng));
        while let Some(s) = current.filter(|&s| s < n) {
            if self.path.len() >= MAX_WALK {
                cut_off = true;
                break;
            }
            self.path.push(s);
            for &chance in &self.risks[s] {
                if uniform(&mut self.rng) < chance {
                    hit = true;
                }
            }
            current = part.chain.next.get(s).and_then(|next| pick(next.iter().copied(), uniform(&mut self.rng)));
        }
        Walk { segment: part.segment, steps: &self.path, risk_met: hit, cut_off }
    }
}

/// Walks `runs` customers through the journey; see [`simulate_with`].
pub fn simulate(
    model: &Model,
    journey: &Journey,
    segment: Option<SegmentId>,
    runs: u64,
    seed: u64,
) -> Result<Simulation, String> {
    simulate_with(model, journey, segment, runs, seed, &mut |_| ControlFlow::Continue(()), &mut |_| {
        ControlFlow::Continue(())
    })
}

/// Walks `runs` customers through the journey, each of a segment drawn by its part of the
/// journey's customers, in memory that does not grow with `runs`. `progress` is told the walks
/// done every so often and may stop them; `visit` is shown each walk (to write it to a log) and
/// may stop them too; the figures are then of the walks taken.
pub fn simulate_with(
    model: &Model,
    journey: &Journey,
    segment: Option<SegmentId>,
    runs: u64,
    seed: u64,
    progress: &mut dyn FnMut(u64) -> ControlFlow<()>,
    visit: &mut dyn FnMut(&Walk<'_>) -> ControlFlow<()>,
) -> Result<Simulation, String> {
    if runs > MAX_RUNS {
        return Err(format!("at most {MAX_RUNS} walks can be simulated, not {runs}"));
    }
    let mut walker = Walker::new(model, journey, segment, seed)?;
    let n = journey.steps.len();
    // Per step, what one visit adds: the figures' own definitions.
    let facts = Facts::of(model, journey);
    let value = |metric: Metric| -> Vec<f64> { (0..n).map(|s| facts.per_visit(s, metric).unwrap_or(0.0)).collect() };
    let (duration, contact, cost) = (value(Metric::Duration), value(Metric::Contacts), value(Metric::Cost));
    let (mut durations, mut contacts, mut costs, mut emotions) =
        (Stream::default(), Stream::default(), Stream::default(), Stream::default());
    let (mut walked, mut hit_walks, mut cut_off, mut taken) = (0u64, 0u64, 0u64, 0u64);
    let mut interrupted = false;
    while taken < runs {
        if taken % 4096 == 0 && progress(taken).is_break() {
            interrupted = true;
            break;
        }
        taken += 1;
        let walk = walker.walk();
        let (mut d, mut c, mut k, mut e_sum, mut e_n) = (0.0, 0.0, 0.0, 0.0, 0.0);
        for &s in walk.steps {
            d += duration[s];
            c += contact[s];
            k += cost[s];
            if let Some(e) = journey.steps[s].emotion {
                e_sum += e;
                e_n += 1.0;
            }
        }
        walked += walk.steps.len() as u64;
        cut_off += u64::from(walk.cut_off);
        durations.add(d);
        contacts.add(c);
        costs.add(k);
        if e_n > 0.0 {
            emotions.add(e_sum / e_n);
        }
        hit_walks += u64::from(walk.risk_met);
        if visit(&walk).is_break() {
            interrupted = true;
            break;
        }
    }
    let _ = progress(taken);
    let (assumed, unknown) = match figures::measure(model, journey) {
        Ok(m) => (m.assumed, m.unknown),
        Err(_) => (Vec::new(), Vec::new()),
    };
    let known = |metric: Metric| facts.known(metric);
    Ok(Simulation {
        runs: taken,
        seed,
        steps_walked: walked,
        duration_seconds: known(Metric::Duration).then(|| durations.spread()),
        contacts: contacts.spread(),
        cost: known(Metric::Cost).then(|| costs.spread()),
        currency: facts.currency.clone().filter(|_| known(Metric::Cost)),
        emotion: (emotions.count() > 0).then(|| emotions.spread()),
        risk: (known(Metric::Risk) && taken > 0).then(|| hit_walks as f64 / taken as f64),
        cut_off,
        interrupted,
        assumed,
        unknown,
    })
}

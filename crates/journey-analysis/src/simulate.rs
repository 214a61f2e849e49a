//! `journey simulate`: Monte Carlo walks through a journey's flow graph, giving the spread
//! of duration, contacts and cost (p50/p90/p99) and the range of emotion that the exact
//! expectations do not show. Seeded: the same seed gives the same numbers.

use journey_model::figures::{Chain, Facts, Segmentation};
use journey_model::ir::*;
use journey_model::schema::Metric;
use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde::Serialize;

/// A walk gives up after this many steps (only a loop with almost no exit gets here).
pub const MAX_WALK: usize = 100_000;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub min: f64,
    pub p50: f64,
    pub p90: f64,
    pub p99: f64,
    pub max: f64,
}

impl Spread {
    fn of(mut values: Vec<f64>) -> Spread {
        values.sort_by(f64::total_cmp);
        let n = values.len();
        let at = |q: f64| {
            values
                .get(((q * n as f64).ceil() as usize).saturating_sub(1).min(n.saturating_sub(1)))
                .copied()
                .unwrap_or(0.0)
        };
        Spread {
            mean: if n == 0 { 0.0 } else { values.iter().sum::<f64>() / n as f64 },
            min: values.first().copied().unwrap_or(0.0),
            p50: at(0.5),
            p90: at(0.9),
            p99: at(0.99),
            max: values.last().copied().unwrap_or(0.0),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct Simulation {
    pub runs: usize,
    pub seed: u64,
    pub steps_walked: u64,
    pub duration_seconds: Spread,
    pub contacts: Spread,
    pub cost: Spread,
    /// The mean emotion of each walk (walks through steps without emotions left out).
    pub emotion: Spread,
    /// The share of walks that met at least one risk.
    pub risk: f64,
    /// Walks cut off at [`MAX_WALK`] steps.
    pub cut_off: usize,
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

/// Whose walks: the chains of the audience asked for, each with its part of the walks.
fn chains(model: &Model, journey: &Journey, segment: Option<SegmentId>) -> Result<Vec<(f64, Chain)>, String> {
    let seg = Segmentation::of(model, journey);
    let parts: Vec<(f64, Option<SegmentId>)> = match segment {
        Some(s) if seg.segments.contains(&s) => vec![(1.0, Some(s))],
        Some(_) => return Err(format!("`{}` is not taken by that segment", journey.decl.id)),
        None if seg.differ => match &seg.weights {
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
    Ok(parts.into_iter().map(|(w, s)| (w, Chain::of(journey, &seg.allowed(journey, s)))).collect())
}

pub fn simulate(
    model: &Model,
    journey: &Journey,
    segment: Option<SegmentId>,
    runs: usize,
    seed: u64,
) -> Result<Simulation, String> {
    let chains = chains(model, journey, segment)?;
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let n = journey.steps.len();
    // Per step, what one visit adds: the figures' own definitions.
    let facts = Facts::of(model, journey);
    let value = |metric: Metric| -> Vec<f64> { (0..n).map(|s| facts.per_visit(s, metric).unwrap_or(0.0)).collect() };
    let (duration, contact, cost) = (value(Metric::Duration), value(Metric::Contacts), value(Metric::Cost));
    let risks: Vec<Vec<f64>> =
        journey.steps.iter().map(|s| s.risks.iter().map(|r| r.chance.unwrap_or(0.0)).collect()).collect();
    let (mut durations, mut contacts, mut costs, mut emotions) =
        (Vec::with_capacity(runs), Vec::with_capacity(runs), Vec::with_capacity(runs), Vec::new());
    let (mut walked, mut hit_walks, mut cut_off) = (0u64, 0usize, 0usize);
    for _ in 0..runs {
        let (mut d, mut c, mut k, mut e_sum, mut e_n, mut hit) = (0.0, 0.0, 0.0, 0.0, 0.0, false);
        // Each walk is one customer: of a segment drawn by its part of the journey's customers.
        let drawn = pick(chains.iter().map(|(w, _)| *w).enumerate(), uniform(&mut rng)).unwrap_or(0);
        let Some((_, chain)) = chains.get(drawn).or(chains.first()) else { break };
        let mut current = pick(chain.start.iter().copied().enumerate(), uniform(&mut rng));
        let mut steps = 0;
        while let Some(s) = current.filter(|&s| s < n) {
            steps += 1;
            if steps > MAX_WALK {
                cut_off += 1;
                break;
            }
            d += duration[s];
            c += contact[s];
            k += cost[s];
            if let Some(e) = journey.steps[s].emotion {
                e_sum += e;
                e_n += 1.0;
            }
            for &chance in &risks[s] {
                if uniform(&mut rng) < chance {
                    hit = true;
                }
            }
            current = chain.next.get(s).and_then(|next| pick(next.iter().copied(), uniform(&mut rng)));
        }
        walked += steps as u64;
        durations.push(d);
        contacts.push(c);
        costs.push(k);
        if e_n > 0.0 {
            emotions.push(e_sum / e_n);
        }
        hit_walks += usize::from(hit);
    }
    Ok(Simulation {
        runs,
        seed,
        steps_walked: walked,
        duration_seconds: Spread::of(durations),
        contacts: Spread::of(contacts),
        cost: Spread::of(costs),
        emotion: Spread::of(emotions),
        risk: if runs == 0 { 0.0 } else { hit_walks as f64 / runs as f64 },
        cut_off,
    })
}

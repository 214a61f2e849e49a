//! The figures of a journey: the one definition of each, used by `check`, `analyze`,
//! `compare`, `simulate`, the drawings and the language server alike. The reference's "Figures"
//! section (grammar/README.md) writes each one's formula; `tests/figures.rs` works each out by
//! hand.
//!
//! With its flow shares a journey is an absorbing Markov chain ([`Chain`]). For one audience
//! (one segment, or customers of a journey without segments) the expected visits `v` of every
//! step give every figure: a sum over visits of what each visit adds ([`Facts`]), or, for
//! hand-offs and channel switches, a sum over the moves between steps. For all customers of a
//! journey whose segments walk different steps, each figure is the share-weighted mixture of the
//! segments' figures ([`Segmentation`]). A figure the model says nothing about is unknown
//! (`None`), never zero; what is filled in where the model is silent is listed in
//! [`Measured::assumed`].

mod facts;
mod notes;
mod segments;

use serde::Serialize;

pub use facts::{Facts, channel_of, is_contact, lane_of};
pub use segments::Segmentation;

pub use crate::chain::{Chain, Unmeasured, likely_path};
use crate::ir::*;
use crate::schema::Metric;

/// Whose figures: all customers of a journey, or one of its segments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Audience {
    All,
    Segment(SegmentId),
}

/// The expected figures of one audience of a journey, per customer, in base units (seconds,
/// amounts in [`Measured::currency`], fractions). `None` is unknown.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    /// Expected visits of each step.
    pub visits: Vec<f64>,
    /// Where customers start, per step.
    pub start: Vec<f64>,
    /// Expected moves from each step to each next step: `(next, moves)`.
    pub moves: Vec<Vec<(usize, f64)>>,
    /// Expected times the journey is left at each step.
    pub leaves: Vec<f64>,
    pub steps: f64,
    pub contacts: f64,
    pub duration: Option<f64>,
    pub waiting: Option<f64>,
    pub cost: Option<f64>,
    pub emotion: Option<f64>,
    /// Σ visits × emotion and Σ visits, over the steps with an emotion: what the mean is made of.
    pub emotion_parts: (f64, f64),
    pub switches: f64,
    pub handoffs: f64,
    pub pains: f64,
    pub risk: Option<f64>,
    pub effort: f64,
}

impl Figures {
    /// A figure in its base unit.
    pub fn get(&self, metric: Metric) -> Option<f64> {
        match metric {
            Metric::Steps => Some(self.steps),
            Metric::Contacts => Some(self.contacts),
            Metric::Duration => self.duration,
            Metric::Waiting => self.waiting,
            Metric::Cost => self.cost,
            Metric::Emotion => self.emotion,
            Metric::Switches => Some(self.switches),
            Metric::Handoffs => Some(self.handoffs),
            Metric::Pains => Some(self.pains),
            Metric::Risk => self.risk,
            Metric::Effort => Some(self.effort),
        }
    }

    /// The figures of one chain.
    fn of(chain: &Chain, facts: &Facts) -> Result<Figures, Unmeasured> {
        let visits = chain.visits()?;
        let sum = |metric: Metric| -> f64 {
            visits.iter().enumerate().map(|(s, v)| v * facts.per_visit(s, metric).unwrap_or(0.0)).sum()
        };
        let known = |metric: Metric| facts.known(metric).then(|| sum(metric));
        let mut emotion_parts = (0.0, 0.0);
        for (v, e) in visits.iter().zip(&facts.emotion) {
            if let Some(e) = e {
                emotion_parts.0 += v * e;
                emotion_parts.1 += v;
            }
        }
        let moves: Vec<Vec<(usize, f64)>> = chain
            .next
            .iter()
            .zip(&visits)
            .map(|(next, v)| next.iter().map(|&(t, share)| (t, v * share)).collect())
            .collect();
        let leaves = chain.exit.iter().zip(&visits).map(|(e, v)| e * v).collect();
        let risk = match facts.known(Metric::Risk) {
            true => Some((1.0 - chain.survival(&facts.pass)?).clamp(0.0, 1.0)),
            false => None,
        };
        let switches = changes(chain, &visits, &facts.channel)?;
        let handoffs = changes(chain, &visits, &facts.lane)?;
        let contacts = sum(Metric::Contacts);
        let pains = sum(Metric::Pains);
        Ok(Figures {
            steps: visits.iter().sum(),
            contacts,
            duration: known(Metric::Duration),
            waiting: known(Metric::Waiting),
            cost: known(Metric::Cost),
            emotion: (emotion_parts.1 > 0.0).then(|| emotion_parts.0 / emotion_parts.1),
            emotion_parts,
            switches,
            handoffs,
            pains,
            risk,
            effort: contacts + switches + handoffs + pains,
            start: chain.start.clone(),
            moves,
            leaves,
            visits,
        })
    }

    /// The share-weighted mixture of audiences' figures: what all of them together expect.
    /// Sums and chances mix linearly; the mean emotion is the mean over everyone's visits.
    fn mix(parts: &[(f64, &Figures)]) -> Figures {
        let n = parts.first().map_or(0, |(_, f)| f.visits.len());
        let linear = |get: &dyn Fn(&Figures) -> f64| parts.iter().map(|(w, f)| w * get(f)).sum::<f64>();
        let known = |get: &dyn Fn(&Figures) -> Option<f64>| {
            parts.iter().map(|(w, f)| get(f).map(|x| w * x)).sum::<Option<f64>>()
        };
        let per_step = |get: &dyn Fn(&Figures) -> &Vec<f64>| -> Vec<f64> {
            (0..n).map(|s| parts.iter().map(|(w, f)| w * get(f).get(s).copied().unwrap_or(0.0)).sum()).collect()
        };
        let mut moves: Vec<Vec<(usize, f64)>> = vec![Vec::new(); n];
        for (w, f) in parts {
            for (s, next) in f.moves.iter().enumerate() {
                let Some(slot) = moves.get_mut(s) else { continue };
                for &(t, m) in next {
                    match slot.iter_mut().find(|(x, _)| *x == t) {
                        Some(existing) => existing.1 += w * m,
                        None => slot.push((t, w * m)),
                    }
                }
            }
        }
        let emotion_parts = (linear(&|f| f.emotion_parts.0), linear(&|f| f.emotion_parts.1));
        Figures {
            visits: per_step(&|f| &f.visits),
            start: per_step(&|f| &f.start),
            moves,
            leaves: per_step(&|f| &f.leaves),
            steps: linear(&|f| f.steps),
            contacts: linear(&|f| f.contacts),
            duration: known(&|f| f.duration),
            waiting: known(&|f| f.waiting),
            cost: known(&|f| f.cost),
            emotion: (emotion_parts.1 > 0.0).then(|| emotion_parts.0 / emotion_parts.1),
            emotion_parts,
            switches: linear(&|f| f.switches),
            handoffs: linear(&|f| f.handoffs),
            pains: linear(&|f| f.pains),
            risk: known(&|f| f.risk),
            effort: linear(&|f| f.effort),
        }
    }

    /// The most likely path: from the likeliest entry, the likeliest way on at each step, as
    /// the audience's customers move.
    pub fn likely_path(&self) -> Vec<StepId> {
        let share = |s: usize, x: f64| {
            let v = self.visits.get(s).copied().unwrap_or(0.0);
            if v > 0.0 { x / v } else { 0.0 }
        };
        let next: Vec<Vec<(usize, f64)>> =
            self.moves.iter().enumerate().map(|(s, m)| m.iter().map(|&(t, x)| (t, share(s, x))).collect()).collect();
        let exit: Vec<f64> = self.leaves.iter().enumerate().map(|(s, &x)| share(s, x)).collect();
        likely_path(&self.start, &next, &exit)
    }
}

/// The expected number of changes of a step attribute (its lane, its channel) as a customer
/// moves on, counted between consecutive steps that have one: steps without one (taken alone,
/// or at a touchpoint without a lane) are passed over, and the change, if any, is counted at
/// the next step that has one. Exactly: `Σ_s v(s)·Σ_t Q(s,t)·c(s,t)` over steps `s` with a
/// value `a`, where `c` is 1 when `t`'s value differs from `a`, and for a step `t` without one
/// the chance that the next step with a value, reached from `t`, has another value than `a`.
fn changes(chain: &Chain, visits: &[f64], attribute: &[Option<u32>]) -> Result<f64, Unmeasured> {
    let value = |s: usize| attribute.get(s).copied().flatten();
    let without: Vec<bool> = (0..chain.len()).map(|s| value(s).is_none()).collect();
    let mut carried: Vec<u32> = Vec::new();
    for (s, next) in chain.next.iter().enumerate() {
        if let Some(a) = value(s) {
            if next.iter().any(|&(t, _)| value(t).is_none()) && !carried.contains(&a) {
                carried.push(a);
            }
        }
    }
    // For each value carried past steps without one: the chance, from each such step, that
    // the next step with a value has another.
    let ones = vec![1.0; chain.len()];
    let mut ahead: Vec<(u32, Vec<f64>)> = Vec::with_capacity(carried.len());
    for a in carried {
        let fixed: Vec<f64> = (0..chain.len()).map(|s| f64::from(u8::from(value(s).is_some_and(|b| b != a)))).collect();
        ahead.push((a, chain.backward(&without, &ones, &fixed, 0.0)?));
    }
    let mut total = 0.0;
    for (s, next) in chain.next.iter().enumerate() {
        let Some(a) = value(s) else { continue };
        let v = visits.get(s).copied().unwrap_or(0.0);
        for &(t, share) in next {
            let change = match value(t) {
                Some(b) => f64::from(u8::from(b != a)),
                None => ahead.iter().find(|(x, _)| *x == a).and_then(|(_, g)| g.get(t)).copied().unwrap_or(0.0),
            };
            total += v * share * change;
        }
    }
    Ok(total)
}

/// A journey that cannot be measured, and for whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotMeasured {
    /// The segment whose version cannot be measured; `None` for the journey as a whole.
    pub segment: Option<SegmentId>,
    pub why: Unmeasured,
}

/// A journey measured for every audience.
#[derive(Clone, Debug, Serialize)]
pub struct Measured {
    pub segmentation: Segmentation,
    /// All customers; `None` when the segments walk different steps and their shares are not
    /// all known (J0407).
    pub all: Option<Figures>,
    /// Each segment's figures, in the order of [`Segmentation::segments`].
    pub segments: Vec<Figures>,
    /// The currency of every cost figure.
    pub currency: Option<SmolStr>,
    /// What was filled in where the model is silent, and what it did to the figures.
    pub assumed: Vec<String>,
    /// Why a figure is unknown.
    pub unknown: Vec<String>,
    /// Customers a month, if the journey has a volume.
    pub volume_per_month: Option<f64>,
}

impl Measured {
    pub fn figures(&self, audience: Audience) -> Option<&Figures> {
        match audience {
            Audience::All => self.all.as_ref(),
            Audience::Segment(s) => {
                self.segmentation.segments.iter().position(|&x| x == s).and_then(|i| self.segments.get(i))
            }
        }
    }

    /// An audience's customers a month: the journey's volume, times the segment's part of it.
    pub fn volume(&self, audience: Audience) -> Option<f64> {
        let v = self.volume_per_month?;
        match audience {
            Audience::All => Some(v),
            Audience::Segment(s) => self.segmentation.weight(s).map(|w| w * v),
        }
    }
}

/// One audience an experience's promise is held to on a journey, with the segments it stands
/// for (several when they walk the same steps, so that one figure answers for them all).
#[derive(Clone, Debug, PartialEq)]
pub struct Promised {
    pub audience: Audience,
    pub segments: Vec<SegmentId>,
}

/// Whom an experience promises something on a journey: all its customers, or, where the
/// experience names segments, each of those the journey takes.
pub fn promised(experience: &Experience, measured: &Measured) -> Vec<Promised> {
    let seg = &measured.segmentation;
    let taken: Vec<SegmentId> = experience.segments.iter().copied().filter(|s| seg.segments.contains(s)).collect();
    if experience.segments.is_empty() || seg.segments.is_empty() {
        return vec![Promised { audience: Audience::All, segments: Vec::new() }];
    }
    if !seg.differ {
        return match taken.first() {
            Some(&first) => vec![Promised { audience: Audience::Segment(first), segments: taken }],
            None => Vec::new(),
        };
    }
    taken.into_iter().map(|s| Promised { audience: Audience::Segment(s), segments: vec![s] }).collect()
}

/// One line of a journey's experience scorecard: a target of an experience the journey
/// realizes, held to the expected figure of the customers it is promised to.
#[derive(Clone, Debug)]
pub struct Score {
    pub experience: ExperienceId,
    /// The target's place in the experience's `targets`.
    pub target: usize,
    pub promise: Promised,
    /// The expected figure; `None` where it is unknown.
    pub actual: Option<f64>,
    /// Whether the target is met; `None` where the figure is unknown.
    pub holds: Option<bool>,
}

/// The scorecard of a journey: every target of every experience it realizes, for each audience
/// the experience is promised to ([`promised`]). The same verdicts as the check of experience
/// targets (J0505 where a target is missed, J0506 where its figure is unknown).
pub fn scorecard(model: &Model, journey: &Journey, measured: &Measured) -> Vec<Score> {
    let mut out = Vec::new();
    for &e in &journey.realizes {
        let Some(experience) = model.experiences.get(e.index()) else { continue };
        for promise in promised(experience, measured) {
            let figures = measured.figures(promise.audience);
            for (target, spec) in experience.targets.iter().enumerate() {
                let actual = figures.and_then(|f| f.get(spec.metric));
                let holds = actual.map(|a| spec.op.holds(a, spec.bound));
                out.push(Score { experience: e, target, promise: promise.clone(), actual, holds });
            }
        }
    }
    out
}

/// Measures a journey for all its customers and each of its segments.
pub fn measure(model: &Model, journey: &Journey) -> Result<Measured, NotMeasured> {
    if journey.steps.is_empty() {
        return Err(NotMeasured { segment: None, why: Unmeasured::NoSteps });
    }
    let facts = Facts::of(model, journey);
    let segmentation = Segmentation::of(model, journey);
    let (all, segments) = if segmentation.differ {
        let mut segments = Vec::with_capacity(segmentation.segments.len());
        for &s in &segmentation.segments {
            let chain = Chain::of(journey, &segmentation.allowed(journey, Some(s)));
            segments.push(Figures::of(&chain, &facts).map_err(|why| NotMeasured { segment: Some(s), why })?);
        }
        let all = segmentation.weights.as_ref().map(|w| {
            let parts: Vec<(f64, &Figures)> = w.iter().copied().zip(&segments).collect();
            Figures::mix(&parts)
        });
        (all, segments)
    } else {
        let chain = Chain::of(journey, &segmentation.allowed(journey, None));
        let all = Figures::of(&chain, &facts).map_err(|why| NotMeasured { segment: None, why })?;
        (Some(all.clone()), vec![all; segmentation.segments.len()])
    };
    let mut measured = Measured {
        segmentation,
        all,
        segments,
        currency: facts.currency.clone(),
        assumed: Vec::new(),
        unknown: Vec::new(),
        volume_per_month: journey.volume.as_ref().map(Volume::per_month),
    };
    notes::write(model, journey, &facts, &mut measured);
    Ok(measured)
}

/// Each step's part in a figure for an audience, largest first: its expected visits, what one
/// visit adds, and their product (for `--explain` and for the steps named by a missed target).
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Contribution {
    pub step: StepId,
    pub visits: f64,
    pub value: f64,
    pub contribution: f64,
}

pub fn contributions(model: &Model, journey: &Journey, figures: &Figures, metric: Metric) -> Vec<Contribution> {
    let facts = Facts::of(model, journey);
    if !facts.known(metric) {
        return Vec::new();
    }
    let mut out: Vec<Contribution> = (0..journey.steps.len())
        .filter_map(|s| {
            let visits = figures.visits.get(s).copied().unwrap_or(0.0);
            let value = facts.per_visit(s, metric)?;
            (value != 0.0 && visits > 0.0).then_some(Contribution {
                step: StepId(s as u32),
                visits,
                value,
                contribution: visits * value,
            })
        })
        .collect();
    out.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()).then(a.step.cmp(&b.step)));
    out
}

//! Exact metrics of a journey. With its flow shares a journey is an absorbing Markov chain:
//! steps are the transient states, and customers leave the journey at each step with the share
//! its flows do not take. Expected visits of every step solve `v = π₀ + v·Q`; every expected
//! figure is a sum over steps (or flows) weighted by those visits. The system is solved one
//! strongly connected component at a time, in topological order, so a journey without loops
//! costs linear time and a loop costs the cube of its own size only.

use petgraph::algo::kosaraju_scc;
use serde::Serialize;

use crate::graph::{entries, flow_graph, outgoing};
use crate::ir::*;
use crate::schema::Metric;
use crate::solve::Unsolved;

/// Channels where a person answers: a step at one of these is a contact.
pub const ASSISTED_CHANNELS: &[&str] =
    &["phone", "email", "mail", "chat", "social", "branch", "store", "in_person", "video", "sms", "letter", "counter"];

/// Whether customers at a touchpoint of this channel deal with a person (a contact), rather
/// than serve themselves.
pub fn is_contact_channel(channel: &str) -> bool {
    ASSISTED_CHANNELS.contains(&channel)
}

/// One step's part in a figure: how often it is visited, its value, and their product.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Contribution {
    pub step: StepId,
    pub visits: f64,
    pub value: f64,
    pub contribution: f64,
}

/// The expected figures of one journey (for one segment, or for all customers).
#[derive(Clone, Debug, Serialize)]
pub struct Metrics {
    pub stages: usize,
    pub steps: usize,
    pub touchpoints: usize,
    pub channels: usize,
    /// Expected visits of each step per customer.
    pub visits: Vec<f64>,
    pub expected_steps: f64,
    pub contacts: f64,
    /// Seconds, including touchpoints' response times at contacts.
    pub duration: f64,
    pub cost: f64,
    pub currency: Option<SmolStr>,
    /// Mean emotion over the steps taken that declare one.
    pub emotion: Option<f64>,
    pub channel_switches: f64,
    pub handoffs: f64,
    pub pains: f64,
    /// Probability of meeting at least one risk.
    pub risk: f64,
    /// contacts + channel switches + hand-offs + pain points met.
    pub effort: f64,
    /// The most likely path, and the emotion at each of its steps.
    pub likely_path: Vec<StepId>,
    /// Customers per month, if the journey has a volume.
    pub volume_per_month: Option<f64>,
    /// What was assumed where the model is silent.
    pub assumptions: Vec<String>,
}

impl Metrics {
    /// A metric's value in the base unit of its targets (seconds, fractions, scores, amounts).
    pub fn get(&self, metric: Metric) -> Option<f64> {
        Some(match metric {
            Metric::Contacts => self.contacts,
            Metric::Duration => self.duration,
            Metric::Emotion => self.emotion?,
            Metric::Cost => self.cost,
            Metric::Effort => self.effort,
            Metric::Handoffs => self.handoffs,
            Metric::Switches => self.channel_switches,
            Metric::Risk => self.risk,
        })
    }
}

/// Why metrics could not be computed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum MetricsError {
    /// Customers who enter a loop never leave: expectations are infinite.
    LoopWithoutExit(Vec<StepId>),
    /// A loop of this many steps that would take too long to solve ([`crate::solve::MAX_WORK`]).
    LoopTooLarge(usize),
    NoSteps,
}

/// Which steps a segment's customers take: all but the steps restricted to other segments.
fn allowed(journey: &Journey, segment: Option<SegmentId>) -> Vec<bool> {
    journey.steps.iter().map(|s| segment.is_none_or(|seg| s.segments.is_empty() || s.segments.contains(&seg))).collect()
}

/// The chain: per step its next steps with shares (renormalised past steps a segment skips),
/// and its exit share; the start distribution; and the strongly connected components of the
/// flow graph in topological order (predecessors first), found once.
pub struct Chain {
    pub next: Vec<Vec<(usize, f64)>>,
    pub exit: Vec<f64>,
    pub start: Vec<f64>,
    components: Vec<Vec<usize>>,
}

impl Chain {
    pub fn of(journey: &Journey, segment: Option<SegmentId>) -> Chain {
        let allowed = allowed(journey, segment);
        let out = outgoing(journey);
        let mut next = Vec::with_capacity(out.len());
        let mut exit = Vec::with_capacity(out.len());
        for o in &out {
            let kept: Vec<(usize, f64)> = o
                .next
                .iter()
                .filter(|(to, _, _)| allowed.get(to.index()).copied().unwrap_or(false))
                .map(|&(to, share, _)| (to.index(), share))
                .collect();
            let kept_total: f64 = kept.iter().map(|k| k.1).sum();
            let total = kept_total + o.exit;
            if total > 0.0 {
                next.push(kept.into_iter().map(|(t, s)| (t, s / total)).collect());
                exit.push(o.exit / total);
            } else {
                next.push(Vec::new());
                exit.push(1.0);
            }
        }
        let mut start = vec![0.0; journey.steps.len()];
        let mut total = 0.0;
        for (step, share) in entries(journey) {
            if allowed.get(step.index()).copied().unwrap_or(false) {
                if let Some(s) = start.get_mut(step.index()) {
                    *s += share;
                    total += share;
                }
            }
        }
        if total > 0.0 {
            start.iter_mut().for_each(|s| *s /= total);
        }
        let mut components: Vec<Vec<usize>> = kosaraju_scc(&flow_graph(journey))
            .into_iter()
            .map(|c| c.into_iter().map(|n| n.index()).collect())
            .collect();
        components.reverse();
        Chain { next, exit, start, components }
    }

    fn len(&self) -> usize {
        self.exit.len()
    }

    /// Solves one component's system `(I - M)·x = b`, where `M[i][j]` is `weight(s_i, s_j)` for
    /// steps of the component (those marked `inside`). A step alone (the usual case) is solved
    /// directly.
    fn solve_component(
        &self,
        component: &[usize],
        inside: &[bool],
        slot: &mut [usize],
        b: Vec<f64>,
        weight: impl Fn(usize, usize, f64) -> Option<(usize, usize, f64)>,
    ) -> Result<Vec<f64>, MetricsError> {
        let unsolved = |why| match why {
            Unsolved::NoExit => MetricsError::LoopWithoutExit(component.iter().map(|&s| StepId(s as u32)).collect()),
            Unsolved::TooLarge => MetricsError::LoopTooLarge(component.len()),
        };
        if let [s] = component {
            let self_share: f64 = self.next.get(*s).map_or(0.0, |n| {
                n.iter().filter(|(t, _)| t == s).map(|&(_, w)| weight(0, 0, w).map_or(0.0, |x| x.2)).sum()
            });
            let d = 1.0 - self_share;
            return if d.abs() > 1e-12 { Ok(vec![b[0] / d]) } else { Err(unsolved(Unsolved::NoExit)) };
        }
        for (i, &s) in component.iter().enumerate() {
            slot[s] = i;
        }
        let mut entries = Vec::new();
        for &s in component {
            for &(t, w) in self.next.get(s).map_or(&[][..], Vec::as_slice) {
                if inside[t] {
                    entries.extend(weight(slot[s], slot[t], w));
                }
            }
        }
        crate::solve::solve(&entries, b).map_err(unsolved)
    }

    /// Expected visits of every step: `v = start + v·Q`.
    pub fn visits(&self, _journey: &Journey) -> Result<Vec<f64>, MetricsError> {
        let n = self.len();
        let mut v = vec![0.0; n];
        let mut inside = vec![false; n];
        let mut slot = vec![0usize; n];
        // Inflow from solved components, accumulated as they are solved.
        let mut inflow = self.start.clone();
        for component in &self.components {
            component.iter().for_each(|&s| inside[s] = true);
            let b: Vec<f64> = component.iter().map(|&t| inflow.get(t).copied().unwrap_or(0.0)).collect();
            // Row i is the target t_i: x_i - Σ_j x_j·Q[s_j][t_i] = b_i.
            let x = self.solve_component(component, &inside, &mut slot, b, |from, to, w| Some((to, from, w)))?;
            for (j, &s) in component.iter().enumerate() {
                v[s] = x[j];
                for &(t, share) in self.next.get(s).map_or(&[][..], Vec::as_slice) {
                    if !inside[t] {
                        inflow[t] += x[j] * share;
                    }
                }
            }
            component.iter().for_each(|&s| inside[s] = false);
        }
        Ok(v)
    }

    /// The probability of leaving the journey without ever being stopped, when each visit to
    /// step `s` lets the customer through with probability `pass[s]`: `h = pass ∘ (exit + Q·h)`.
    pub fn survival(&self, _journey: &Journey, pass: &[f64]) -> Result<f64, MetricsError> {
        let n = self.len();
        let mut h = vec![0.0; n];
        let mut inside = vec![false; n];
        let mut slot = vec![0usize; n];
        for component in self.components.iter().rev() {
            component.iter().for_each(|&s| inside[s] = true);
            let b: Vec<f64> = component
                .iter()
                .map(|&s| {
                    let p = pass.get(s).copied().unwrap_or(1.0);
                    let mut rhs = self.exit.get(s).copied().unwrap_or(0.0);
                    for &(t, share) in self.next.get(s).map_or(&[][..], Vec::as_slice) {
                        if !inside[t] {
                            rhs += share * h[t];
                        }
                    }
                    p * rhs
                })
                .collect();
            // Row i is the step s_i: x_i - Σ_j pass[s_i]·Q[s_i][s_j]·x_j = b_i.
            let x = self.solve_component(component, &inside, &mut slot, b, |from, to, w| {
                let s = component[from];
                Some((from, to, pass.get(s).copied().unwrap_or(1.0) * w))
            })?;
            for (i, &s) in component.iter().enumerate() {
                h[s] = x[i];
            }
            component.iter().for_each(|&s| inside[s] = false);
        }
        Ok(self.start.iter().zip(&h).map(|(p, h)| p * h).sum())
    }
}

fn touchpoint<'m>(model: &'m Model, step: &Step) -> Option<&'m Touchpoint> {
    step.at.and_then(|t| model.touchpoint(t))
}

fn lane(model: &Model, step: &Step) -> Option<LaneId> {
    touchpoint(model, step).and_then(|t| t.lane)
}

fn channel<'m>(model: &'m Model, step: &Step) -> Option<&'m str> {
    touchpoint(model, step).and_then(|t| t.channel.as_deref())
}

/// Whether a step is a contact: its touchpoint's channel has a person answering.
pub fn is_contact(model: &Model, step: &Step) -> bool {
    channel(model, step).is_some_and(is_contact_channel)
}

/// The exact metrics of a journey, for all its customers or for one segment.
pub fn metrics(model: &Model, journey: &Journey, segment: Option<SegmentId>) -> Result<Metrics, MetricsError> {
    if journey.steps.is_empty() {
        return Err(MetricsError::NoSteps);
    }
    let chain = Chain::of(journey, segment);
    let visits = chain.visits(journey)?;
    let mut m = Metrics {
        stages: journey.stages.len(),
        steps: journey.steps.len(),
        touchpoints: 0,
        channels: 0,
        visits: visits.clone(),
        expected_steps: visits.iter().sum(),
        contacts: 0.0,
        duration: 0.0,
        cost: 0.0,
        currency: None,
        emotion: None,
        channel_switches: 0.0,
        handoffs: 0.0,
        pains: 0.0,
        risk: 0.0,
        effort: 0.0,
        likely_path: Vec::new(),
        volume_per_month: journey.volume.as_ref().map(Volume::per_month),
        assumptions: Vec::new(),
    };
    let mut touchpoints: Vec<TouchpointId> = journey.steps.iter().filter_map(|s| s.at).collect();
    touchpoints.sort();
    touchpoints.dedup();
    m.touchpoints = touchpoints.len();
    let mut channels: Vec<&str> = journey.steps.iter().filter_map(|s| channel(model, s)).collect();
    channels.sort();
    channels.dedup();
    m.channels = channels.len();

    let (mut emotion_sum, mut emotion_weight) = (0.0, 0.0);
    let mut other_currencies = false;
    for (index, step) in journey.steps.iter().enumerate() {
        let v = visits.get(index).copied().unwrap_or(0.0);
        let tp = touchpoint(model, step);
        let contact = is_contact(model, step);
        if contact {
            m.contacts += v;
        }
        m.duration +=
            v * (step.duration.unwrap_or(0.0) + if contact { tp.and_then(|t| t.response).unwrap_or(0.0) } else { 0.0 });
        for money in step.cost.iter().chain(tp.and_then(|t| t.cost.as_ref())) {
            match &m.currency {
                None => {
                    m.currency = Some(money.currency.clone());
                    m.cost += v * money.amount;
                }
                Some(c) if *c == money.currency => m.cost += v * money.amount,
                Some(_) => other_currencies = true,
            }
        }
        if let Some(e) = step.emotion {
            emotion_sum += v * e;
            emotion_weight += v;
        }
        m.pains += v * step.pains.len() as f64;
    }
    if emotion_weight > 0.0 {
        m.emotion = Some(emotion_sum / emotion_weight);
    }
    if other_currencies {
        m.assumptions
            .push(format!("costs in currencies other than {} are left out", m.currency.as_deref().unwrap_or("")));
    }
    for (from, next) in chain.next.iter().enumerate() {
        let Some(a) = journey.steps.get(from) else { continue };
        let v = visits.get(from).copied().unwrap_or(0.0);
        for &(to, share) in next {
            let Some(b) = journey.steps.get(to) else { continue };
            let flow = v * share;
            if let (Some(x), Some(y)) = (channel(model, a), channel(model, b)) {
                if x != y {
                    m.channel_switches += flow;
                }
            }
            if let (Some(x), Some(y)) = (lane(model, a), lane(model, b)) {
                if x != y {
                    m.handoffs += flow;
                }
            }
        }
    }
    // Each visit to a step meets each of its risks with the risk's chance, independently.
    let pass: Vec<f64> =
        journey.steps.iter().map(|s| s.risks.iter().map(|r| 1.0 - r.chance.unwrap_or(0.0)).product()).collect();
    m.risk = (1.0 - chain.survival(journey, &pass)?).clamp(0.0, 1.0);
    m.effort = m.contacts + m.channel_switches + m.handoffs + m.pains;
    m.likely_path = likely_path(&chain);

    let out = outgoing(journey);
    let guessed: Vec<&str> = out
        .iter()
        .enumerate()
        .filter(|(_, o)| o.unwritten > 1 || (o.unwritten == 1 && o.written > 0.0))
        .filter_map(|(i, _)| journey.steps.get(i).map(|s| s.decl.id.as_str()))
        .collect();
    if !guessed.is_empty() {
        m.assumptions.push(format!("flows without a percentage share the rest evenly, out of: {}", guessed.join(", ")));
    }
    let silent: Vec<&str> = journey.steps.iter().filter(|s| s.duration.is_none()).map(|s| s.decl.id.as_str()).collect();
    if !silent.is_empty() && silent.len() < journey.steps.len() {
        m.assumptions.push(format!("steps without a duration take no time: {}", silent.join(", ")));
    }
    Ok(m)
}

/// The most likely path: from the likeliest entry, the likeliest way on at each step (leaving
/// counts as a way), never visiting a step twice.
fn likely_path(chain: &Chain) -> Vec<StepId> {
    let mut path = Vec::new();
    let start = chain.start.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0))).map(|(i, _)| i);
    let mut seen = vec![false; chain.len()];
    let mut current = start;
    while let Some(s) = current {
        if seen.get(s).copied().unwrap_or(true) {
            break;
        }
        seen[s] = true;
        path.push(StepId(s as u32));
        let exit = chain.exit.get(s).copied().unwrap_or(1.0);
        let best = chain
            .next
            .get(s)
            .and_then(|n| {
                n.iter()
                    .filter(|(t, _)| !seen.get(*t).copied().unwrap_or(true))
                    .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))
            })
            .copied();
        current = match best {
            Some((t, share)) if share >= exit => Some(t),
            _ => None,
        };
    }
    path
}

/// Each step's part in a metric, largest first (for `--explain` and for target misses).
pub fn contributions(model: &Model, journey: &Journey, metrics: &Metrics, metric: Metric) -> Vec<Contribution> {
    let mut out: Vec<Contribution> = journey
        .steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| {
            let visits = metrics.visits.get(i).copied().unwrap_or(0.0);
            let tp = touchpoint(model, step);
            let contact = is_contact(model, step);
            let value = match metric {
                Metric::Contacts => f64::from(u8::from(contact)),
                Metric::Duration => {
                    step.duration.unwrap_or(0.0)
                        + if contact { tp.and_then(|t| t.response).unwrap_or(0.0) } else { 0.0 }
                }
                Metric::Cost => step.cost.iter().chain(tp.and_then(|t| t.cost.as_ref())).map(|m| m.amount).sum(),
                Metric::Emotion => step.emotion?,
                Metric::Effort => f64::from(u8::from(contact)) + step.pains.len() as f64,
                Metric::Risk => 1.0 - step.risks.iter().map(|r| 1.0 - r.chance.unwrap_or(0.0)).product::<f64>(),
                Metric::Handoffs | Metric::Switches => return None,
            };
            (value != 0.0 && visits > 0.0).then_some(Contribution {
                step: StepId(i as u32),
                visits,
                value,
                contribution: visits * value,
            })
        })
        .collect();
    out.sort_by(|a, b| b.contribution.abs().total_cmp(&a.contribution.abs()).then(a.step.cmp(&b.step)));
    out
}

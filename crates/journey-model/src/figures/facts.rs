//! What one visit of each step contributes to each figure: the one place that reads a step's
//! fields (and its touchpoint's) for the figures, so that every figure, every `--explain` part
//! and every simulated walk count a step alike.

use crate::ir::*;
use crate::schema::Metric;

/// Whether a step is a contact: it is taken at a touchpoint where a person answers (decided by
/// the touchpoint's `contact:` or its channel). A step taken `alone` never is.
pub fn is_contact(model: &Model, step: &Step) -> bool {
    !step.alone && touchpoint(model, step).is_some_and(|t| t.contact == Some(true))
}

pub(crate) fn touchpoint<'m>(model: &'m Model, step: &Step) -> Option<&'m Touchpoint> {
    if step.alone { None } else { step.at.and_then(|t| model.touchpoint(t)) }
}

/// The lane a step is in, for hand-offs: its touchpoint's. A step taken alone has none.
pub fn lane_of(model: &Model, step: &Step) -> Option<LaneId> {
    touchpoint(model, step).and_then(|t| t.lane)
}

/// The channel a step is on, for channel switches: its touchpoint's. A step taken alone has none.
pub fn channel_of<'m>(model: &'m Model, step: &Step) -> Option<&'m str> {
    touchpoint(model, step).and_then(|t| t.channel.as_deref())
}

/// The step's own figures, per visit, with whether the model says them at all.
#[derive(Clone, Debug)]
pub struct Facts {
    pub contact: Vec<bool>,
    pub duration: Vec<Option<f64>>,
    /// The promised response time, at contacts only.
    pub waiting: Vec<Option<f64>>,
    /// The step's cost plus its touchpoint's, in [`Facts::currency`]; `None` when neither says.
    pub cost: Vec<Option<f64>>,
    /// The currency of the first cost written, in declaration order.
    pub currency: Option<SmolStr>,
    /// Steps with a cost in another currency, left out.
    pub other_currency: Vec<StepId>,
    pub emotion: Vec<Option<f64>>,
    pub pains: Vec<f64>,
    /// The chance of getting through one visit without meeting any of its risks.
    pub pass: Vec<f64>,
    /// Risks that say no chance: the step and the risk's index.
    pub risks_without_chance: Vec<(StepId, usize)>,
    /// The lane a visit is in, for hand-offs (interned per journey); `None`: no lane.
    pub lane: Vec<Option<u32>>,
    /// The channel a visit is on, for switches (interned per journey); `None`: no channel.
    pub channel: Vec<Option<u32>>,
}

impl Facts {
    pub fn of(model: &Model, journey: &Journey) -> Facts {
        let n = journey.steps.len();
        let mut facts = Facts {
            contact: Vec::with_capacity(n),
            duration: Vec::with_capacity(n),
            waiting: Vec::with_capacity(n),
            cost: Vec::with_capacity(n),
            currency: None,
            other_currency: Vec::new(),
            emotion: Vec::with_capacity(n),
            pains: Vec::with_capacity(n),
            pass: Vec::with_capacity(n),
            risks_without_chance: Vec::new(),
            lane: Vec::with_capacity(n),
            channel: Vec::with_capacity(n),
        };
        let mut channels: Vec<&str> = Vec::new();
        for (index, step) in journey.steps.iter().enumerate() {
            let id = StepId(index as u32);
            let tp = touchpoint(model, step);
            let contact = is_contact(model, step);
            facts.contact.push(contact);
            facts.duration.push(step.duration);
            facts.waiting.push(if contact { tp.and_then(|t| t.response) } else { None });
            let mut cost: Option<f64> = None;
            for money in step.cost.iter().chain(tp.and_then(|t| t.cost.as_ref())) {
                let currency = facts.currency.get_or_insert_with(|| money.currency.clone());
                if *currency == money.currency {
                    *cost.get_or_insert(0.0) += money.amount;
                } else if facts.other_currency.last() != Some(&id) {
                    facts.other_currency.push(id);
                }
            }
            facts.cost.push(cost);
            facts.emotion.push(step.emotion);
            facts.pains.push(step.pains.len() as f64);
            let mut pass = 1.0;
            for (r, risk) in step.risks.iter().enumerate() {
                match risk.chance {
                    Some(chance) => pass *= 1.0 - chance,
                    None => facts.risks_without_chance.push((id, r)),
                }
            }
            facts.pass.push(pass);
            facts.lane.push(lane_of(model, step).map(|l| l.0));
            let channel = channel_of(model, step).map(|c| match channels.iter().position(|x| *x == c) {
                Some(i) => i as u32,
                None => {
                    channels.push(c);
                    channels.len() as u32 - 1
                }
            });
            facts.channel.push(channel);
        }
        facts
    }

    /// Whether any step says its duration, response time or cost: a figure no step speaks of
    /// is unknown, not zero.
    pub fn known(&self, metric: Metric) -> bool {
        match metric {
            Metric::Duration => self.duration.iter().any(Option::is_some),
            Metric::Waiting => self.waiting.iter().any(Option::is_some),
            Metric::Cost => self.cost.iter().any(Option::is_some),
            Metric::Emotion => self.emotion.iter().any(Option::is_some),
            Metric::Risk => self.risks_without_chance.is_empty(),
            _ => true,
        }
    }

    /// What one visit of step `s` adds to a figure that is a sum over visits; `None` for the
    /// figures counted on moves between steps (hand-offs, switches) or made of others (effort).
    pub fn per_visit(&self, s: usize, metric: Metric) -> Option<f64> {
        Some(match metric {
            Metric::Contacts => f64::from(u8::from(*self.contact.get(s)?)),
            Metric::Duration => self.duration.get(s)?.unwrap_or(0.0),
            Metric::Waiting => self.waiting.get(s)?.unwrap_or(0.0),
            Metric::Cost => self.cost.get(s)?.unwrap_or(0.0),
            Metric::Emotion => (*self.emotion.get(s)?)?,
            Metric::Pains => *self.pains.get(s)?,
            Metric::Risk => 1.0 - self.pass.get(s)?,
            Metric::Steps => 1.0,
            Metric::Effort | Metric::Handoffs | Metric::Switches => return None,
        })
    }
}

//! Who takes a journey: its segments, the part of its customers each is, and whether they walk
//! different versions of it. A segment's `share:` is its part of all customers; a journey's
//! `segments:` are its customers, each segment the part of them its share is of theirs together
//! (`share / Σ shares`: the shares of a journey for all segments add up to 100 % already, those
//! of one for some are scaled up, and `analyze` says so). Where a step is only for some of them,
//! each segment walks its own version and a figure for all customers is the weighted mixture.

use crate::ir::*;

/// The segments of one journey.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Segmentation {
    /// The journey's segments, each once, in the order written.
    pub segments: Vec<SegmentId>,
    /// Each segment's part of the journey's customers (adding up to 1), when every segment has
    /// a share (or there is only one); shares that add up to something else are scaled to 1.
    pub weights: Option<Vec<f64>>,
    /// The shares as written, added up, when every segment has one.
    pub written_total: Option<f64>,
    /// Whether some step is not for some of the segments: then each walks its own version.
    pub differ: bool,
}

impl Segmentation {
    pub fn of(model: &Model, journey: &Journey) -> Segmentation {
        let mut segments: Vec<SegmentId> = Vec::with_capacity(journey.segments.len());
        for &s in &journey.segments {
            if !segments.contains(&s) {
                segments.push(s);
            }
        }
        let shares: Option<Vec<f64>> =
            segments.iter().map(|s| model.segments.get(s.index()).and_then(|s| s.share)).collect();
        let written_total = shares.as_ref().map(|s| s.iter().sum::<f64>());
        let weights = match (segments.len(), &shares, written_total) {
            (1, _, _) => Some(vec![1.0]),
            (_, Some(shares), Some(total)) if total > 0.0 => Some(shares.iter().map(|s| s / total).collect()),
            _ => None,
        };
        let differ = !segments.is_empty()
            && journey
                .steps
                .iter()
                .any(|step| !step.segments.is_empty() && segments.iter().any(|s| !step.segments.contains(s)));
        Segmentation { segments, weights, written_total, differ }
    }

    /// A segment's part of the journey's customers.
    pub fn weight(&self, segment: SegmentId) -> Option<f64> {
        let i = self.segments.iter().position(|&s| s == segment)?;
        self.weights.as_ref()?.get(i).copied()
    }

    /// Which steps a segment's customers take: the steps for everyone and those for it. With
    /// `None`, or on a journey without segments, every step.
    pub fn allowed(&self, journey: &Journey, segment: Option<SegmentId>) -> Vec<bool> {
        match segment {
            Some(seg) if !self.segments.is_empty() => {
                journey.steps.iter().map(|s| s.segments.is_empty() || s.segments.contains(&seg)).collect()
            }
            _ => vec![true; journey.steps.len()],
        }
    }
}

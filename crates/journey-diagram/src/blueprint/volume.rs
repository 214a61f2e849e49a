//! A blueprint's flows drawn by what an event log shows: each arrow as wide as the cases that
//! took it, labelled with its observed share beside the modelled one.

use crate::draw::Ctx;
use crate::i18n::Arg;

/// The width of a flow's arrow; with a log, the thinnest.
pub const FLOW_WIDTH: f64 = 1.6;
/// What a log's busiest flow adds to the width.
pub const VOLUME_WIDTH: f64 = 4.4;

/// The flows of a blueprint drawn by what a log shows.
pub struct Observed<'a> {
    volumes: &'a crate::Volumes,
    /// The most cases any drawn arrow carries.
    busiest: u64,
}

impl<'a> Observed<'a> {
    pub fn new(volumes: &'a crate::Volumes, arrows: &[crate::arrows::Arrow]) -> Self {
        let busiest = arrows.iter().filter_map(|a| volumes.flows.get(&(a.from, a.to))).map(|v| v.0).max().unwrap_or(0);
        Observed { volumes, busiest }
    }

    /// An arrow's label — its observed share, and the modelled one beside it — and its width,
    /// by the cases that took it. An arrow the log cannot tell (its step never left) keeps the
    /// modelled label, drawn thin.
    pub fn label_and_width(&self, arrow: &crate::arrows::Arrow, ctx: &Ctx) -> (String, f64) {
        let Some(&(taken, out_of)) = self.volumes.flows.get(&(arrow.from, arrow.to)).filter(|v| v.1 > 0) else {
            return (arrow.label(ctx), FLOW_WIDTH);
        };
        let width = FLOW_WIDTH + VOLUME_WIDTH * taken as f64 / self.busiest.max(1) as f64;
        let m = &ctx.m;
        let seen = m.percent(taken as f64 / out_of as f64);
        let label = match arrow.share {
            Some(share) => {
                m.fmt("arrow-observed", &[("observed", Arg::Str(&seen)), ("modelled", Arg::Str(&m.percent(share)))])
            }
            None => seen,
        };
        (label, width)
    }
}

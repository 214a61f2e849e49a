//! The blueprint's flows band: arrows between the customer's steps that are not a plain step to
//! the next column run above the steps, each on a track of its own where they overlap. Shorter
//! arrows take the tracks nearest the steps, so that arrows nest instead of crossing; each
//! leaves and arrives at a port of its own, ordered so that arrows sharing a step do not cross
//! there; where arrows must cross, the one running across hops over the other. Each share is
//! written on its own arrow, in the longest stretch no other arrow crosses.

use std::collections::BTreeMap;

use crate::font::Font;
use crate::scene::{Anchor, Colour, Item, Seg, Stroke, Text};
use crate::text::ellipsize;
use crate::theme::Palette;

use super::{COL_W, col_x};

/// The most tracks above the steps (see J1001).
pub const MAX_TRACKS: usize = 40;
pub const TRACK: f64 = 18.0;
const PAD_TOP: f64 = 10.0;
const PAD_BOTTOM: f64 = 12.0;
const HOP: f64 = 4.0;
const SHARE: Font = Font::bold(11.0);

/// An arrow the band routes.
pub struct Routed {
    pub from: usize,
    pub to: usize,
    pub label: String,
    pub back: bool,
    pub tip: String,
    /// The stroke's width.
    pub width: f64,
}

/// The band laid out: its height, and what is drawn in it once its place is known.
pub struct Band {
    pub height: f64,
    /// Arrows that got no track.
    pub dropped: usize,
    arrows: Vec<(Routed, usize)>,
}

impl Band {
    /// Gives every arrow a track, shortest first.
    pub fn new(arrows: Vec<Routed>) -> Band {
        let span = |a: &Routed| {
            let (out, inn) = (2 * a.from + 1, 2 * a.to);
            (out.min(inn), out.max(inn))
        };
        let mut order: Vec<usize> = (0..arrows.len()).collect();
        order.sort_by_key(|&i| {
            let (lo, hi) = span(&arrows[i]);
            (hi - lo, lo, i)
        });
        // Each track: its intervals by start, which never overlap.
        let mut tracks: Vec<BTreeMap<usize, usize>> = Vec::new();
        let mut track_of = vec![None; arrows.len()];
        for i in order {
            let (lo, hi) = span(&arrows[i]);
            let free = |t: &BTreeMap<usize, usize>| t.range(..=hi).next_back().is_none_or(|(_, &end)| end < lo);
            let t = match tracks.iter().position(free) {
                Some(t) => t,
                None if tracks.len() < MAX_TRACKS => {
                    tracks.push(BTreeMap::new());
                    tracks.len() - 1
                }
                None => continue,
            };
            tracks[t].insert(lo, hi);
            track_of[i] = Some(t);
        }
        let dropped = track_of.iter().filter(|t| t.is_none()).count();
        let arrows: Vec<(Routed, usize)> =
            arrows.into_iter().zip(track_of).filter_map(|(a, t)| t.map(|t| (a, t))).collect();
        let height = if arrows.is_empty() { 0.0 } else { PAD_TOP + tracks.len() as f64 * TRACK + PAD_BOTTOM };
        Band { height, dropped, arrows }
    }

    /// Draws the arrows of a band whose bottom is at `bottom`, arriving at cards whose top is
    /// at `card_top`.
    pub fn draw(&self, bottom: f64, card_top: f64, columns: usize, p: &Palette) -> Vec<Item> {
        let track_y = |t: usize| bottom - PAD_BOTTOM - t as f64 * TRACK;
        // Ports: per column, the arrows leaving from its right half and arriving at its left.
        let mut outs: Vec<Vec<usize>> = vec![Vec::new(); columns];
        let mut ins: Vec<Vec<usize>> = vec![Vec::new(); columns];
        for (k, (a, _)) in self.arrows.iter().enumerate() {
            if let Some(list) = outs.get_mut(a.from) {
                list.push(k);
            }
            if let Some(list) = ins.get_mut(a.to) {
                list.push(k);
            }
        }
        let mut x1 = vec![0.0; self.arrows.len()];
        let mut x2 = vec![0.0; self.arrows.len()];
        for col in 0..columns {
            let track = |k: &usize| self.arrows[*k].1;
            let leftward = |k: &usize| self.arrows[*k].0.to <= self.arrows[*k].0.from;
            // Leaving: those going left first, the higher further right; then those going
            // right, the higher further left. Arriving: from the left, the higher further
            // right; then from the right, the higher further left.
            let mut out = outs[col].clone();
            out.sort_by_key(|k| if leftward(k) { (0, track(k) as isize) } else { (1, -(track(k) as isize)) });
            let mut inn = ins[col].clone();
            inn.sort_by_key(|k| if !leftward(k) { (0, track(k) as isize) } else { (1, -(track(k) as isize)) });
            let x = col_x(col);
            spread(&out, x + COL_W / 2.0 + 8.0, x + COL_W - 10.0, &mut x1);
            spread(&inn, x + 10.0, x + COL_W / 2.0 - 8.0, &mut x2);
        }
        // Every vertical stretch, by x: (x, the top it reaches).
        let mut verticals: Vec<(f64, f64)> = Vec::with_capacity(2 * self.arrows.len());
        for (k, (_, t)) in self.arrows.iter().enumerate() {
            verticals.push((x1[k], track_y(*t)));
            verticals.push((x2[k], track_y(*t)));
        }
        verticals.sort_by(|a, b| a.0.total_cmp(&b.0));

        let mut items = Vec::with_capacity(self.arrows.len());
        for (k, (arrow, t)) in self.arrows.iter().enumerate() {
            let y = track_y(*t);
            let (a, b) = (x1[k], x2[k]);
            let (lo, hi) = (a.min(b), a.max(b));
            // Crossings: verticals strictly inside the stretch that rise above this track.
            let start = verticals.partition_point(|v| v.0 <= lo + HOP + 1.0);
            let mut hops: Vec<f64> = verticals[start..]
                .iter()
                .take_while(|v| v.0 < hi - HOP - 1.0)
                .filter(|v| v.1 < y - 0.5)
                .map(|v| v.0)
                .collect();
            hops.dedup_by(|x, prev| (*x - *prev).abs() < 2.0 * HOP + 2.0);
            let rightward = b >= a;
            if !rightward {
                hops.reverse();
            }
            let colour = if arrow.back { p.flow_back } else { p.flow };
            let w = arrow.width;
            let stroke = if arrow.back { Stroke::dashed(colour, w, 6.0, 3.0) } else { Stroke::solid(colour, w) };
            let mut segs = vec![Seg::Move(a, card_top), Seg::Line(a, y)];
            let dir = if rightward { 1.0 } else { -1.0 };
            for &h in &hops {
                segs.push(Seg::Line(h - dir * HOP, y));
                segs.push(Seg::Arc { r: HOP, x: h + dir * HOP, y, clockwise: rightward });
            }
            segs.push(Seg::Line(b, y));
            segs.push(Seg::Line(b, card_top - 7.0));
            let mut group = vec![
                Item::Path { segs, fill: None, stroke: Some(stroke) },
                Item::arrowhead((b, y), (b, card_top), 7.0, colour),
            ];
            if !arrow.label.is_empty() {
                group.extend(label(&arrow.label, lo, hi, &hops, y, p, colour));
            }
            items.push(Item::group(Some(arrow.tip.clone()), group));
        }
        items
    }
}

/// Spreads the arrows `order` evenly over `[from, to]`.
fn spread(order: &[usize], from: f64, to: f64, xs: &mut [f64]) {
    let n = order.len() as f64;
    for (i, &k) in order.iter().enumerate() {
        xs[k] = from + (to - from) * (i as f64 + 1.0) / (n + 1.0);
    }
}

/// A share label in the widest stretch of `[lo, hi]` that no crossing arrow passes.
fn label(text: &str, lo: f64, hi: f64, hops: &[f64], y: f64, p: &Palette, colour: Colour) -> Vec<Item> {
    let mut cuts: Vec<f64> = hops.to_vec();
    cuts.sort_by(f64::total_cmp);
    let mut edges = vec![lo + 6.0];
    for h in cuts {
        edges.push(h - HOP - 3.0);
        edges.push(h + HOP + 3.0);
    }
    edges.push(hi - 6.0);
    let (from, to) = edges
        .chunks(2)
        .filter_map(|c| match c {
            [a, b] if b > a => Some((*a, *b)),
            _ => None,
        })
        .max_by(|x, y| (x.1 - x.0).total_cmp(&(y.1 - y.0)))
        .unwrap_or((lo, hi));
    let room = (to - from - 6.0).max(SHARE.width("00%"));
    let shown = ellipsize(text, room, SHARE);
    let w = SHARE.width(&shown) + 6.0;
    let mid = (from + to) / 2.0;
    let text_colour = if colour == p.flow { p.share_text } else { colour };
    vec![
        Item::rect(mid - w / 2.0, y - 7.5, w, 15.0, Some(p.share_bg), None),
        Item::Text(Text::line(mid, y + 4.0, shown, SHARE, text_colour, Anchor::Middle)),
    ]
}

//! An arrow of the flow diagram: its smooth curve, and its share label placed where it covers
//! no box and no other label.

use super::{GAP_X, SHARE};
use crate::draw::Ctx;
use crate::scene::{Anchor, Item, Rect, Seg, Stroke, Text};
use crate::text::fit;

/// A smooth path through `points`, ending in an arrowhead.
pub(super) fn curve(points: &[(f64, f64)], colour: crate::scene::Colour) -> Vec<Item> {
    let Some(&(x0, y0)) = points.first() else { return Vec::new() };
    let mut segs = vec![Seg::Move(x0, y0)];
    let last = points.len().saturating_sub(2);
    let mut tip = (x0, y0);
    for (k, pair) in points.windows(2).enumerate() {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        let mx = (ax + bx) / 2.0;
        let end = if k == last { bx - 7.0 } else { bx };
        segs.push(Seg::Cubic(mx, ay, mx, by, end, by));
        tip = (bx, by);
    }
    vec![
        Item::Path { segs, fill: None, stroke: Some(Stroke::solid(colour, 1.6)) },
        Item::arrowhead((tip.0 - 10.0, tip.1), tip, 7.0, colour),
    ]
}

/// A share label on the arrow through `points`, where it covers no box and no other label:
/// the first free of several places along the arrow, the middle of its longest stretch first.
pub(super) fn place_label(text: &str, points: &[(f64, f64)], taken: &mut Taken, ctx: &Ctx) -> Vec<Item> {
    let p = ctx.p;
    // As wide as the gap between two layers, on up to three lines.
    let (lines, _) = fit(text, GAP_X - 14.0, SHARE, 3);
    let w = crate::text::widest(&lines, SHARE) + 8.0;
    let h = lines.len() as f64 * 13.0 + 3.0;
    let mut stretches: Vec<((f64, f64), (f64, f64))> = points.windows(2).map(|p| (p[0], p[1])).collect();
    stretches.sort_by(|a, b| (b.1.0 - b.0.0).total_cmp(&(a.1.0 - a.0.0)));
    let mut candidates = Vec::new();
    for ((ax, ay), (bx, by)) in &stretches {
        for t in [0.5, 0.3, 0.7, 0.15, 0.85] {
            // On the cubic from (ax, ay) to (bx, by) with horizontal tangents at both ends.
            let x = ax + (bx - ax) * t;
            let s = t * t * (3.0 - 2.0 * t);
            candidates.push((x, ay + (by - ay) * s));
        }
    }
    let place = candidates
        .iter()
        .map(|&(x, y)| Rect { x: x - w / 2.0, y: y - h / 2.0, w, h })
        .find(|r| !taken.hits(r))
        .or_else(|| candidates.first().map(|&(x, y)| Rect { x: x - w / 2.0, y: y - h / 2.0, w, h }));
    let Some(r) = place else { return Vec::new() };
    taken.add(r);
    vec![
        Item::rect(r.x, r.y, r.w, r.h, Some(p.share_bg), Some(Stroke::solid(p.flow, 0.8))),
        Item::Text(Text::lines(r.x + r.w / 2.0, r.y + 11.5, lines, 13.0, SHARE, p.share_text, Anchor::Middle)),
    ]
}

/// Boxes already placed, in a grid of cells, so that finding what a new box would cover looks
/// only at its neighbours.
#[derive(Default)]
pub(super) struct Taken {
    cells: std::collections::HashMap<(i64, i64), Vec<Rect>>,
}

impl Taken {
    const CELL: f64 = 256.0;

    fn cells_of(r: &Rect) -> impl Iterator<Item = (i64, i64)> {
        let (x0, x1) = ((r.x / Self::CELL).floor() as i64, (r.right() / Self::CELL).floor() as i64);
        let (y0, y1) = ((r.y / Self::CELL).floor() as i64, (r.bottom() / Self::CELL).floor() as i64);
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    pub(super) fn add(&mut self, r: Rect) {
        for cell in Self::cells_of(&r) {
            self.cells.entry(cell).or_default().push(r);
        }
    }

    fn hits(&self, r: &Rect) -> bool {
        Self::cells_of(r).any(|cell| self.cells.get(&cell).is_some_and(|list| list.iter().any(|t| t.overlaps(r))))
    }
}

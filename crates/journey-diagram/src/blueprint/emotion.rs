//! The emotion curve: how the customer feels, step by step, along one path through the journey
//! (the most likely one, as `journey analyze` finds it), never joining steps that are
//! alternatives to each other. Steps off that path keep their own hollow dot; where other
//! branches leave the path, a diamond marks the place and a dotted line leads to where they go.

use crate::draw::CAPTION;
use crate::scene::{Anchor, Item, Seg, Stroke, Text};
use crate::theme::Palette;

pub const HEIGHT: f64 = 124.0;

/// One column's place on the curve.
pub struct Point {
    pub x: f64,
    pub emotion: Option<f64>,
    /// The step's value as the language writes it.
    pub shown: String,
}

/// The curve in a band at `top`, from `left` (where the axis labels end) to `right`. `path`
/// holds columns in the order customers walk them; `branches[i]` the columns other branches
/// go to from the path's i-th column.
pub fn curve(
    top: f64,
    (left, right): (f64, f64),
    points: &[Point],
    path: &[usize],
    branches: &[Vec<usize>],
    axis: [String; 3],
    p: &Palette,
) -> Vec<Item> {
    let mid = top + HEIGHT / 2.0;
    let scale = (HEIGHT / 2.0 - 20.0) / 2.0;
    let y_of = |e: f64| mid - e.clamp(-2.0, 2.0) * scale;
    let mut items = vec![Item::line(left, mid, right, mid, Stroke::dashed(p.neutral, 1.0, 2.0, 3.0))];
    for (value, text) in [2.0, 0.0, -2.0].into_iter().zip(axis) {
        items.push(Item::Text(Text::line(left - 6.0, y_of(value) + 4.0, text, CAPTION, p.muted, Anchor::End)));
    }
    let mut on_path = vec![false; points.len()];
    for &c in path {
        if let Some(on) = on_path.get_mut(c) {
            *on = true;
        }
    }
    // Dotted leads from the path to the branches that leave it.
    for (i, &c) in path.iter().enumerate() {
        let (Some(from), Some(targets)) = (points.get(c), branches.get(i)) else { continue };
        let Some(e) = from.emotion else { continue };
        if targets.is_empty() {
            continue;
        }
        for &t in targets {
            let Some(to) = points.get(t) else { continue };
            if let Some(te) = to.emotion {
                items.push(Item::line(from.x, y_of(e), to.x, y_of(te), Stroke::dashed(p.neutral, 1.0, 1.5, 3.0)));
            }
        }
    }
    // The path: one line through its steps that have an emotion.
    let line: Vec<(f64, f64)> =
        path.iter().filter_map(|&c| points.get(c)).filter_map(|pt| pt.emotion.map(|e| (pt.x, y_of(e)))).collect();
    if line.len() > 1 {
        items.push(Item::polyline(&line, Stroke::solid(p.emotion, 2.5)));
    }
    for (c, pt) in points.iter().enumerate() {
        let Some(e) = pt.emotion else { continue };
        let colour = if e > 0.0 {
            p.good
        } else if e < 0.0 {
            p.bad
        } else {
            p.neutral
        };
        let y = y_of(e);
        let fill = if on_path[c] { colour } else { p.canvas };
        items.push(Item::Circle {
            cx: pt.x,
            cy: y,
            r: 5.0,
            fill: Some(fill),
            stroke: Some(Stroke::solid(colour, 2.0)),
        });
        items.push(Item::Text(Text::line(pt.x + 9.0, y - 7.0, pt.shown.clone(), CAPTION, p.muted, Anchor::Start)));
    }
    // Diamonds where other branches leave the path.
    for (i, &c) in path.iter().enumerate() {
        let (Some(pt), Some(targets)) = (points.get(c), branches.get(i)) else { continue };
        let (Some(e), false) = (pt.emotion, targets.is_empty()) else { continue };
        let (x, y) = (pt.x + 12.0, y_of(e) + 9.0);
        items.push(diamond(x, y, 4.5, p));
    }
    items
}

/// The mark of a place where branches leave the path.
pub fn diamond(x: f64, y: f64, r: f64, p: &Palette) -> Item {
    Item::Path {
        segs: vec![Seg::Move(x, y - r), Seg::Line(x + r, y), Seg::Line(x, y + r), Seg::Line(x - r, y), Seg::Close],
        fill: Some(p.canvas),
        stroke: Some(Stroke::solid(p.emotion, 1.6)),
    }
}

//! The flow diagram: steps as nodes, laid out in layers from left to right (Sugiyama style:
//! loop-backs set aside, longest-path layers, long flows broken at every layer they pass,
//! crossings reduced by barycentre sweeps), each step in the horizontal band of its lane.
//! Entries start at a green dot, exits end at a black one; flows carry their shares;
//! loop-backs run below the bands. Every phase is linear in the steps and flows (times a fixed
//! number of sweeps), so it stays fast and readable for hundreds of steps.

use std::collections::BTreeMap;

use journey_model::graph::{Outgoing, entries, outgoing};
use journey_model::ir::*;
use journey_model::units;

use crate::order::layers;
use crate::svg::{Anchor, STYLE, Svg, n, text_width, wrap};

const MARGIN: f64 = 24.0;
const GUTTER: f64 = 140.0;
const NODE_W: f64 = 150.0;
const GAP_X: f64 = 80.0;
const GAP_Y: f64 = 26.0;
const PAD: f64 = 8.0;
const FONT: f64 = 12.0;
const LEADING: f64 = 15.0;
const SWEEPS: usize = 4;
const TRACK: f64 = 14.0;

/// A node of the layered graph: a step, or a point a long flow passes through.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Slot {
    Step(usize),
    /// A long flow (its index) passing a layer.
    Pass(usize),
}

/// About what a step of a flow diagram (its box, label and arrows) takes: room for the
/// whole drawing is made at once.
const BYTES_PER_STEP: usize = 768;

pub fn flow(model: &Model, journey: &Journey, prefix: &str) -> String {
    let steps = journey.steps.len();
    let layer: Vec<usize> = layers(journey);
    let last_layer = layer.iter().copied().max().unwrap_or(0);
    // Bands: the lanes of the steps' touchpoints, in declaration order; steps without one last.
    let lane_of: Vec<Option<LaneId>> =
        journey.steps.iter().map(|s| s.at.and_then(|t| model.touchpoint(t)).and_then(|t| t.lane)).collect();
    let mut bands: Vec<Option<LaneId>> = lane_of.clone();
    bands.sort_by_key(|l| l.map_or(u32::MAX, |l| l.0));
    bands.dedup();
    let band_of = |l: Option<LaneId>| bands.iter().position(|b| *b == l).unwrap_or(0);

    // Forward flows go to a later layer; the others (loop-backs) are drawn apart.
    let mut forward: Vec<(usize, usize, usize)> = Vec::new(); // (flow index, from, to)
    let mut back: Vec<usize> = Vec::new();
    for (i, f) in journey.flows.iter().enumerate() {
        if f.to.index() > f.from.index() && layer[f.to.index()] > layer[f.from.index()] {
            forward.push((i, f.from.index(), f.to.index()));
        } else {
            back.push(i);
        }
    }

    // The layered graph: every step, and a pass-through node for each layer a long flow
    // crosses; edges link consecutive nodes of a chain. groups[layer][band] holds node ids.
    let mut nodes: Vec<Slot> = (0..steps).map(Slot::Step).collect();
    let mut node_layer: Vec<usize> = layer.clone();
    let mut node_band: Vec<usize> = (0..steps).map(|s| band_of(lane_of[s])).collect();
    let mut left: Vec<Vec<usize>> = vec![Vec::new(); steps];
    let mut right: Vec<Vec<usize>> = vec![Vec::new(); steps];
    for &(i, a, b) in &forward {
        let mut previous = a;
        for l in layer[a] + 1..layer[b] {
            let id = nodes.len();
            nodes.push(Slot::Pass(i));
            node_layer.push(l);
            node_band.push(band_of(lane_of[a]));
            left.push(vec![previous]);
            right.push(Vec::new());
            right[previous].push(id);
            previous = id;
        }
        right[previous].push(b);
        left[b].push(previous);
    }
    let mut groups: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); bands.len().max(1)]; last_layer + 1];
    for (id, (&l, &band)) in node_layer.iter().zip(&node_band).enumerate() {
        groups[l][band].push(id);
    }
    // Crossing reduction: order each (layer, band) group by the mean position of its
    // neighbours in the layer before (sweeping right) or after (sweeping left). Positions are
    // kept per node and updated group by group, so a sweep is linear.
    let mut pos = vec![0.0f64; nodes.len()];
    for layer_groups in &groups {
        for (band, group) in layer_groups.iter().enumerate() {
            for (k, &id) in group.iter().enumerate() {
                pos[id] = band as f64 * 1000.0 + k as f64;
            }
        }
    }
    for sweep in 0..SWEEPS {
        let rightwards = sweep % 2 == 0;
        let order: Vec<usize> = if rightwards { (1..=last_layer).collect() } else { (0..last_layer).rev().collect() };
        for l in order {
            for (band, group) in groups[l].iter_mut().enumerate() {
                let mut keyed: Vec<(f64, usize, usize)> = group
                    .iter()
                    .enumerate()
                    .map(|(k, &id)| {
                        let near = if rightwards { &left[id] } else { &right[id] };
                        let bary = if near.is_empty() {
                            k as f64
                        } else {
                            near.iter().map(|&m| pos[m]).sum::<f64>() / near.len() as f64
                        };
                        (bary, k, id)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                *group = keyed.into_iter().map(|(_, _, id)| id).collect();
                for (k, &id) in group.iter().enumerate() {
                    pos[id] = band as f64 * 1000.0 + k as f64;
                }
            }
        }
    }

    // Geometry.
    let labels: Vec<Vec<String>> =
        journey.steps.iter().map(|s| wrap(&s.decl.label, NODE_W - 2.0 * PAD, FONT)).collect();
    let node_h = labels.iter().map(Vec::len).max().unwrap_or(1) as f64 * LEADING + 2.0 * PAD + 12.0;
    let band_rows: Vec<usize> = (0..bands.len().max(1))
        .map(|b| groups.iter().map(|g| g.get(b).map_or(0, Vec::len)).max().unwrap_or(0).max(1))
        .collect();
    let title_h = 64.0;
    let mut band_top = Vec::with_capacity(band_rows.len());
    let mut y = MARGIN + title_h;
    for rows in &band_rows {
        band_top.push(y);
        y += *rows as f64 * (node_h + GAP_Y) + GAP_Y;
    }
    let bands_bottom = y;
    // Room on the left for the entries' dots, and on the right for the exits'.
    let width = MARGIN * 2.0 + GUTTER + GAP_X / 2.0 + (last_layer + 1) as f64 * (NODE_W + GAP_X);
    let x_of = |l: usize| MARGIN + GUTTER + GAP_X / 2.0 + l as f64 * (NODE_W + GAP_X);
    let mut step_xy = vec![(0.0, 0.0); steps];
    let mut pass_xy: BTreeMap<(usize, usize), (f64, f64)> = BTreeMap::new();
    for (l, layer_groups) in groups.iter().enumerate() {
        for (band, group) in layer_groups.iter().enumerate() {
            for (k, &id) in group.iter().enumerate() {
                let top = band_top.get(band).copied().unwrap_or(0.0) + GAP_Y + k as f64 * (node_h + GAP_Y);
                match nodes[id] {
                    Slot::Step(s) => step_xy[s] = (x_of(l), top),
                    Slot::Pass(f) => {
                        pass_xy.insert((f, l), (x_of(l) + NODE_W / 2.0, top + node_h / 2.0));
                    }
                }
            }
        }
    }
    // Loop-backs run below the bands, each on a track of its own where they overlap.
    let mut back_tracks: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut track_of = BTreeMap::new();
    for &i in &back {
        let f = &journey.flows[i];
        let (a, b) = (step_xy[f.from.index()].0, step_xy[f.to.index()].0);
        let span = (a.min(b), a.max(b) + NODE_W);
        let t = back_tracks.iter().position(|t| t.iter().all(|&(lo, hi)| span.1 < lo || span.0 > hi)).unwrap_or_else(
            || {
                back_tracks.push(Vec::new());
                back_tracks.len() - 1
            },
        );
        back_tracks[t].push(span);
        track_of.insert(i, t);
    }
    let height = bands_bottom + back_tracks.len() as f64 * TRACK + 30.0 + MARGIN;

    let mut svg = Svg::new(prefix);
    svg.reserve(journey.steps.len() * BYTES_PER_STEP);
    let title = format!("{} — flow", journey.decl.label);
    svg.text(MARGIN, MARGIN + 20.0, &title, "title", Anchor::Start);
    svg.text(
        MARGIN,
        MARGIN + 38.0,
        &format!("Flow diagram of `{}`: steps in the bands of their lanes, flows with their shares", journey.decl.id),
        "subtitle",
        Anchor::Start,
    );
    for (b, lane) in bands.iter().enumerate() {
        let h = band_rows[b] as f64 * (node_h + GAP_Y) + GAP_Y;
        svg.band(MARGIN, band_top[b], width - 2.0 * MARGIN, h, if b % 2 == 0 { "lane-band-0" } else { "lane-band-1" });
        let name =
            lane.and_then(|l| model.lanes.get(l.index())).map_or("No lane".to_string(), |l| l.decl.label.to_string());
        svg.lines(
            MARGIN + 8.0,
            band_top[b] + 18.0,
            &wrap(&name, GUTTER - 16.0, 11.0),
            13.0,
            "lane-label",
            Anchor::Start,
        );
    }

    let out = outgoing(journey);
    svg.open_group("edges", "edges");
    // Entries start at a green dot left of their step; exits end at a black dot right of it.
    for (step, share) in entries(journey) {
        let (x, y) = step_xy[step.index()];
        let (cx, cy) = (x - GAP_X / 2.0, y + node_h / 2.0);
        svg.raw("<g>");
        svg.title(&format!(
            "Customers start at {} ({})",
            journey.steps[step.index()].decl.label,
            units::percent(share)
        ));
        svg.circle(cx, cy, 7.0, "node-start");
        svg.path(&format!("M{},{} L{},{}", n(cx + 7.0), n(cy), n(x - 2.0), n(cy)), "flow");
        if share < 1.0 {
            svg.text(cx, cy - 11.0, &units::percent(share), "share", Anchor::Middle);
        }
        svg.raw("</g>\n");
    }
    for (s, o) in out.iter().enumerate() {
        if o.exit <= 1e-9 {
            continue;
        }
        let (x, y) = step_xy[s];
        let (cx, cy) = (x + NODE_W + 22.0, y + node_h - 10.0);
        svg.raw("<g>");
        svg.title(&format!("{} of customers end at {}", units::percent(o.exit), journey.steps[s].decl.label));
        svg.path(&format!("M{},{} L{},{}", n(x + NODE_W), n(cy), n(cx - 8.0), n(cy)), "flow");
        svg.circle(cx, cy, 6.0, "node-end");
        if o.exit < 1.0 - 1e-9 {
            svg.text(cx, cy + 17.0, &units::percent(o.exit), "share", Anchor::Middle);
        }
        svg.raw("</g>\n");
    }
    for &(i, a, b) in &forward {
        let f = &journey.flows[i];
        let mut points = vec![(step_xy[a].0 + NODE_W, step_xy[a].1 + node_h / 2.0)];
        for l in layer[a] + 1..layer[b] {
            if let Some(&p) = pass_xy.get(&(i, l)) {
                points.push((p.0 - NODE_W / 2.0, p.1));
                points.push((p.0 + NODE_W / 2.0, p.1));
            }
        }
        points.push((step_xy[b].0, step_xy[b].1 + node_h / 2.0));
        let share = share_of(&out, f);
        svg.raw("<g>");
        svg.title(&format!(
            "{} → {}{}",
            journey.steps[a].decl.label,
            journey.steps[b].decl.label,
            if share.is_empty() { String::new() } else { format!(" ({share})") }
        ));
        curve(&mut svg, &points, &share);
        svg.raw("</g>\n");
    }
    for &i in &back {
        let f = &journey.flows[i];
        let (ax, ay) = step_xy[f.from.index()];
        let (bx, by) = step_xy[f.to.index()];
        let ty = bands_bottom + 12.0 + track_of.get(&i).copied().unwrap_or(0) as f64 * TRACK;
        let (x1, x2) = (ax + NODE_W / 2.0 + 12.0, bx + NODE_W / 2.0 - 12.0);
        let d = format!(
            "M{},{} L{},{} L{},{} L{},{}",
            n(x1),
            n(ay + node_h),
            n(x1),
            n(ty),
            n(x2),
            n(ty),
            n(x2),
            n(by + node_h + 2.0)
        );
        svg.raw("<g>");
        svg.title(&format!(
            "{} → {} (back)",
            journey.steps[f.from.index()].decl.label,
            journey.steps[f.to.index()].decl.label
        ));
        svg.path(&d, "flow-back");
        let share = share_of(&out, f);
        if !share.is_empty() {
            let mid = (x1 + x2) / 2.0;
            let w = text_width(&share, 10.0) + 8.0;
            svg.band(mid - w / 2.0, ty - 6.0, w, 12.0, "share-bg");
            svg.text(mid, ty + 3.5, &share, "share", Anchor::Middle);
        }
        svg.raw("</g>\n");
    }
    svg.close_group();

    svg.open_group("steps", "nodes");
    for (s, step) in journey.steps.iter().enumerate() {
        let (x, y) = step_xy[s];
        svg.raw("<g>");
        svg.title(&format!("Step `{}`", step.decl.id));
        svg.rect(x, y, NODE_W, node_h, "card-step");
        svg.lines(x + PAD, y + PAD + FONT - 1.0, &labels[s], LEADING, "card-text", Anchor::Start);
        let meta = step.at.and_then(|t| model.touchpoint(t)).map(|t| t.decl.label.clone()).unwrap_or_default();
        let meta = wrap(&meta, NODE_W - 2.0 * PAD, 10.0).into_iter().next().unwrap_or_default();
        svg.text(x + PAD, y + node_h - PAD, &meta, "card-meta", Anchor::Start);
        svg.raw("</g>\n");
    }
    svg.close_group();

    let desc = format!(
        "Flow diagram of {}: {} steps in {} lanes, {} flows, {} of them back into a loop.",
        journey.decl.label,
        steps,
        bands.len(),
        journey.flows.len(),
        back.len()
    );
    svg.finish(width, height, &title, &desc, STYLE)
}

fn share_of(out: &[Outgoing], f: &Flow) -> String {
    if f.implicit {
        return String::new();
    }
    let share = out.get(f.from.index()).and_then(|o| o.next.iter().find(|(to, _, _)| *to == f.to).map(|n| n.1));
    let mut label = match (f.share, share) {
        (Some(s), _) => units::percent(s),
        (None, Some(s)) if s < 1.0 - 1e-9 => format!("≈{}", units::percent(s)),
        _ => String::new(),
    };
    if let Some(l) = &f.label {
        label = if label.is_empty() { l.to_string() } else { format!("{label} {l}") };
    }
    label
}

/// A smooth path through `points`, with an optional label on its longest stretch.
fn curve(svg: &mut Svg, points: &[(f64, f64)], label: &str) {
    let Some(&(x0, y0)) = points.first() else { return };
    let mut d = format!("M{},{}", n(x0), n(y0));
    let last = points.len().saturating_sub(2);
    for (k, pair) in points.windows(2).enumerate() {
        let ((ax, ay), (bx, by)) = (pair[0], pair[1]);
        let mx = (ax + bx) / 2.0;
        let end = if k == last { bx - 2.0 } else { bx };
        d.push_str(&format!(" C{},{} {},{} {},{}", n(mx), n(ay), n(mx), n(by), n(end), n(by)));
    }
    svg.path(&d, "flow");
    if label.is_empty() {
        return;
    }
    let Some(((ax, ay), (bx, by))) =
        points.windows(2).map(|p| (p[0], p[1])).max_by(|a, b| (a.1.0 - a.0.0).total_cmp(&(b.1.0 - b.0.0)))
    else {
        return;
    };
    let (mx, my) = ((ax + bx) / 2.0, (ay + by) / 2.0);
    let lines = wrap(label, (bx - ax - 12.0).max(GAP_X - 12.0), 10.0);
    let w = lines.iter().map(|l| text_width(l, 10.0)).fold(0.0, f64::max) + 8.0;
    let h = lines.len() as f64 * 12.0;
    svg.band(mx - w / 2.0, my - h / 2.0, w, h, "share-bg");
    svg.lines(mx, my - h / 2.0 + 9.5, &lines, 12.0, "share", Anchor::Middle);
}

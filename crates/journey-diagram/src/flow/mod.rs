//! The flow diagram: steps as boxes laid out in layers from left to right (Sugiyama style:
//! loop-backs set aside, longest-path layers, long flows broken at every layer they pass,
//! crossings reduced by barycentre sweeps), each step in the horizontal band of its lane, each
//! box as tall as its own text. Stages are marked above the bands and lane names repeat along
//! them, so a long journey reads anywhere along its length. Entries start at a green dot, exits
//! end at a dark one; every share label sits on its own arrow, clear of the boxes and of the
//! other labels; loop-backs run below the bands. Every phase is linear in the steps and arrows
//! (times a fixed number of sweeps), and the bends of long arrows are bounded (J1001).

use std::collections::BTreeMap;

use journey_model::ir::*;

use crate::arrows::{arrows, too_dense};
use crate::draw::{CAPTION, Ctx, LABEL, title_block};
use crate::font::Font;
use crate::i18n::Arg;
use crate::scene::{Anchor, Column, Columns, Item, Rect, Stroke, Text};
use crate::text::{ellipsize, fit};
use crate::{Drawing, Options};

mod edges;
use edges::{Taken, curve, place_label};

const MARGIN: f64 = 24.0;
const GUTTER: f64 = 150.0;
const NODE_W: f64 = 160.0;
pub(super) const GAP_X: f64 = 84.0;
const GAP_Y: f64 = 34.0;
const PAD: f64 = 8.0;
const NODE: Font = Font::regular(13.0);
const LEADING: f64 = 16.0;
const META: Font = Font::regular(11.0);
pub(super) const SHARE: Font = Font::bold(11.0);
const SWEEPS: usize = 4;
const TRACK: f64 = 16.0;
/// Lane names are written again every this many layers.
const REPEAT: usize = 5;
/// The most bends long arrows may take in all (see J1001).
pub const MAX_BENDS: usize = 20_000;

/// A node of the layered graph: a step, or a point a long arrow passes through.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Slot {
    Step(usize),
    /// A long arrow (its index) passing a layer.
    Pass(usize),
}

pub fn flow(prepared: &crate::Prepared, options: &Options) -> Drawing {
    let (model, journey) = (prepared.model, prepared.journey);
    let ctx = Ctx { model, journey, m: crate::i18n::Messages::new(options.lang), p: options.theme.palette() };
    let (p, m) = (ctx.p, &ctx.m);
    // The steps drawn (one stage's, if asked), in declaration order. What follows works on
    // them alone, by their place in this list (`s`), so that drawing a stage of a long journey
    // takes time in the stage's steps, not the journey's.
    let shown: Vec<StepId> = prepared.steps_of(options.stage);
    let steps = shown.len();
    let place = |id: StepId| shown.binary_search(&id).ok();
    let step = |s: usize| &journey.steps[shown[s].index()];
    // Layers, closed up over the steps drawn.
    let all_layers = prepared.layers();
    let mut used: Vec<usize> = shown.iter().map(|s| all_layers[s.index()]).collect();
    used.sort_unstable();
    used.dedup();
    let layer: Vec<usize> = shown.iter().map(|s| used.binary_search(&all_layers[s.index()]).unwrap_or(0)).collect();
    let last_layer = used.len().saturating_sub(1);
    // Bands: the lanes of the steps' touchpoints, in declaration order; steps without one last.
    let lane_of: Vec<Option<LaneId>> = (0..steps).map(|s| ctx.touchpoint(step(s)).and_then(|t| t.lane)).collect();
    let mut bands: Vec<Option<LaneId>> = lane_of.clone();
    bands.sort_by_key(|l| l.map_or(u32::MAX, |l| l.0));
    bands.dedup();
    if bands.is_empty() {
        bands.push(None);
    }
    let band_of = |l: Option<LaneId>| bands.iter().position(|b| *b == l).unwrap_or(0);

    let is_drawn = |s: StepId| place(s).is_some();
    let found = arrows(prepared, &shown, &is_drawn);
    // Each arrow's ends, as places in `shown`.
    let ends: Vec<(usize, usize)> =
        found.arrows.iter().map(|a| (place(a.from).unwrap_or(0), place(a.to).unwrap_or(0))).collect();
    let mut left_out = found.left_out;
    // Forward arrows go to a later layer; the others (loop-backs) are drawn apart. The bends of
    // long arrows are bounded: the arrows carrying most customers are given theirs first.
    let mut forward: Vec<usize> = Vec::new();
    let mut back: Vec<usize> = Vec::new();
    let mut by_share: Vec<usize> = (0..found.arrows.len()).collect();
    by_share.sort_by(|&a, &b| {
        let share = |i: usize| found.arrows[i].share.unwrap_or(1.0);
        share(b).total_cmp(&share(a)).then(a.cmp(&b))
    });
    let mut bends = 0usize;
    let mut keep = vec![true; found.arrows.len()];
    for i in by_share {
        let (a, b) = ends[i];
        let (la, lb) = (layer[a], layer[b]);
        if lb > la && b > a {
            let need = lb - la - 1;
            if bends + need > MAX_BENDS {
                keep[i] = false;
                left_out += found.arrows[i].flows;
                continue;
            }
            bends += need;
        }
    }
    for (i, &(a, b)) in ends.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        let (la, lb) = (layer[a], layer[b]);
        if lb > la && b > a { forward.push(i) } else { back.push(i) }
    }
    let mut diagnostics = Vec::new();
    if left_out > 0 {
        let why = format!(
            "at most {} arrows leave a step and long arrows bend {} times in all",
            crate::arrows::MAX_FROM_STEP,
            MAX_BENDS
        );
        diagnostics.push(too_dense(journey, "flow diagram", left_out, found.total, &why));
    }

    // The layered graph: every step drawn, and a pass-through node for each layer a long
    // arrow crosses; edges link consecutive nodes of a chain.
    let mut nodes: Vec<Slot> = (0..steps).map(Slot::Step).collect();
    let mut node_layer: Vec<usize> = layer.clone();
    let mut node_band: Vec<usize> = lane_of.iter().map(|&l| band_of(l)).collect();
    let mut left: Vec<Vec<usize>> = vec![Vec::new(); steps];
    let mut right: Vec<Vec<usize>> = vec![Vec::new(); steps];
    for &i in &forward {
        let (a, b) = ends[i];
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
    let mut groups: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); bands.len()]; last_layer + 1];
    for (id, (&l, &band)) in node_layer.iter().zip(&node_band).enumerate() {
        groups[l][band].push(id);
    }
    reduce_crossings(&mut groups, &left, &right, nodes.len(), last_layer);

    // Geometry: every box as tall as its own text; every band as tall as its fullest layer.
    let labels: Vec<Vec<String>> =
        (0..steps).map(|s| fit(&step(s).decl.label, NODE_W - 2.0 * PAD, NODE, 4).0).collect();
    let node_h: Vec<f64> = labels.iter().map(|l| l.len() as f64 * LEADING + 2.0 * PAD + 16.0).collect();
    // The lowest box drawn, 60 at most: the least height of a band.
    let lowest = node_h.iter().copied().fold(60.0, f64::min);
    let height_of = |id: usize| match nodes[id] {
        Slot::Step(s) => node_h[s],
        Slot::Pass(_) => 12.0,
    };
    let facts = {
        let mut f = ctx.facts("flow-kind");
        if let Some(stage) = options.stage.and_then(|s| journey.stages.get(s.index())) {
            f.push(m.fmt("fact-stage", &[("name", Arg::Str(&stage.decl.label))]));
        }
        if left_out > 0 {
            f.push(m.fmt("fact-left-out", &[("count", Arg::Num(left_out as f64))]));
        }
        f
    };
    let width = (MARGIN * 2.0 + GUTTER + GAP_X / 2.0 + (last_layer + 1) as f64 * (NODE_W + GAP_X)).max(680.0);
    let x_of = |l: usize| MARGIN + GUTTER + GAP_X / 2.0 + l as f64 * (NODE_W + GAP_X);
    let title = m.fmt("flow-title", &[("journey", Arg::Str(&ctx.title()))]);
    let (title_items, title_h) = title_block(MARGIN, MARGIN, width - 2.0 * MARGIN, &title, &facts, p);
    let columns_top = MARGIN + title_h;
    // Stages above the bands: each over the layers of its steps, on rows where they overlap.
    let mut stage_span: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    for (s, &l) in layer.iter().enumerate() {
        if let Some(st) = step(s).stage {
            let e = stage_span.entry(st.index()).or_insert((l, l));
            *e = (e.0.min(l), e.1.max(l));
        }
    }
    // Each row holds spans that do not overlap, by where they start: a span fits a row when
    // the row's last span starting at or before its end ends before it starts.
    let mut stage_rows: Vec<BTreeMap<usize, usize>> = Vec::new();
    let mut stage_row = BTreeMap::new();
    for (&st, &(lo, hi)) in &stage_span {
        let fits = |row: &BTreeMap<usize, usize>| row.range(..=hi).next_back().is_none_or(|(_, &b)| b < lo);
        let r = stage_rows.iter().position(fits).unwrap_or_else(|| {
            stage_rows.push(BTreeMap::new());
            stage_rows.len() - 1
        });
        stage_rows[r].insert(lo, hi);
        stage_row.insert(st, r);
    }
    let stages_h = if stage_rows.is_empty() { 0.0 } else { stage_rows.len() as f64 * 30.0 + 8.0 };
    let bands_top = columns_top + stages_h;
    let mut band_top = Vec::with_capacity(bands.len());
    let mut band_h = Vec::with_capacity(bands.len());
    let mut y = bands_top;
    let mut node_y = vec![0.0; nodes.len()];
    for b in 0..bands.len() {
        band_top.push(y);
        let mut tallest: f64 = 0.0;
        for layer_groups in &groups {
            let mut cy = y + GAP_Y + 6.0;
            for &id in &layer_groups[b] {
                node_y[id] = cy;
                cy += height_of(id) + GAP_Y;
            }
            tallest = tallest.max(cy - y);
        }
        let h = tallest.max(lowest + 2.0 * GAP_Y);
        band_h.push(h);
        y += h;
    }
    let bands_bottom = y;
    let mut step_xy = vec![(0.0, 0.0); steps];
    let mut pass_xy: BTreeMap<(usize, usize), (f64, f64)> = BTreeMap::new();
    for (id, slot) in nodes.iter().enumerate() {
        let l = node_layer[id];
        match *slot {
            Slot::Step(s) => step_xy[s] = (x_of(l), node_y[id]),
            Slot::Pass(i) => {
                pass_xy.insert((i, l), (x_of(l) + NODE_W / 2.0, node_y[id] + 6.0));
            }
        }
    }
    let mid_y = |s: usize| step_xy[s].1 + node_h[s] / 2.0;
    // Loop-backs run below the bands, each on a track of its own where they overlap.
    let mut back_tracks: Vec<Vec<(f64, f64)>> = Vec::new();
    let mut track_of = BTreeMap::new();
    for &i in &back {
        let (a, b) = ends[i];
        let (xa, xb) = (step_xy[a].0, step_xy[b].0);
        let span = (xa.min(xb), xa.max(xb) + NODE_W);
        let t = back_tracks.iter().position(|t| t.iter().all(|&(lo, hi)| span.1 < lo || span.0 > hi)).unwrap_or_else(
            || {
                back_tracks.push(Vec::new());
                back_tracks.len() - 1
            },
        );
        back_tracks[t].push(span);
        track_of.insert(i, t);
    }
    let height = bands_bottom + back_tracks.len() as f64 * TRACK + 28.0 + MARGIN;

    let mut items = title_items;
    let right_edge = width - MARGIN;
    for (b, lane) in bands.iter().enumerate() {
        let fill = if b % 2 == 0 { p.band_customer } else { p.band_alt };
        items.push(Item::rect(MARGIN, band_top[b], right_edge - MARGIN, band_h[b], Some(fill), None));
        let name = ctx.lane_name(*lane);
        items.extend(crate::draw::row_header(MARGIN + 10.0, band_top[b] + 10.0, GUTTER - 20.0, &name, None, p));
        // The lane's name again along the band, above its boxes.
        for l in (REPEAT..=last_layer).step_by(REPEAT) {
            let x = x_of(l) - GAP_X / 2.0 + 4.0;
            let shown = ellipsize(&name, NODE_W + GAP_X / 2.0, CAPTION);
            items.push(Item::Text(Text::line(x, band_top[b] + 16.0, shown, CAPTION, p.muted, Anchor::Start)));
        }
    }
    if !stage_rows.is_empty() {
        items.extend(crate::draw::row_header(
            MARGIN + 10.0,
            columns_top + 6.0,
            GUTTER - 20.0,
            &m.get("row-stages"),
            None,
            p,
        ));
    }
    for (&st, &(lo, hi)) in &stage_span {
        let Some(stage) = journey.stages.get(st) else { continue };
        let r = stage_row.get(&st).copied().unwrap_or(0) as f64;
        let (x, w) = (x_of(lo) - GAP_X / 2.0 + 4.0, x_of(hi) - x_of(lo) + NODE_W + GAP_X - 8.0);
        let ty = columns_top + r * 30.0;
        let font = LABEL.with_size(13.0);
        items.push(Item::group(
            Some(stage.decl.label.to_string()),
            vec![
                Item::card(x, ty, w, 24.0, p.stage.fill, Stroke::solid(p.stage.line, 1.0)),
                Item::Text(Text::line(
                    x + w / 2.0,
                    ty + 17.0,
                    ellipsize(&stage.decl.label, w - 12.0, font),
                    font,
                    p.stage_text,
                    Anchor::Middle,
                )),
            ],
        ));
    }

    // Labels are placed clear of the boxes and of each other.
    let mut taken = Taken::default();
    for s in 0..steps {
        taken.add(Rect { x: step_xy[s].0, y: step_xy[s].1, w: NODE_W, h: node_h[s] });
    }
    let out = prepared.outgoing();
    let mut edges = Vec::new();
    for &(entry, share) in prepared.entries() {
        let Some(s) = place(entry) else { continue };
        let (x, cy) = (step_xy[s].0, mid_y(s));
        let cx = x - GAP_X / 2.0 + 6.0;
        let mut group = vec![
            Item::Circle { cx, cy, r: 7.0, fill: Some(p.start), stroke: None },
            Item::line(cx + 7.0, cy, x - 7.0, cy, Stroke::solid(p.flow, 1.6)),
            Item::arrowhead((cx, cy), (x, cy), 7.0, p.flow),
        ];
        if share < 1.0 {
            group.push(Item::Text(Text::line(cx, cy - 12.0, m.percent(share), SHARE, p.share_text, Anchor::Middle)));
        }
        let tip =
            m.fmt("tip-start", &[("step", Arg::Str(&step(s).decl.label)), ("share", Arg::Str(&m.percent(share)))]);
        edges.push(Item::group(Some(tip), group));
    }
    for (s, o) in shown.iter().enumerate().filter_map(|(s, id)| Some((s, out.get(id.index())?))) {
        if o.exit <= 1e-9 {
            continue;
        }
        // Down and to the right of the box, clear of the arrows that leave it from its middle.
        let (x, y) = step_xy[s];
        let from = (x + NODE_W - 16.0, y + node_h[s]);
        let (cx, cy) = (x + NODE_W + 14.0, y + node_h[s] + 16.0);
        let (dx, dy) = (cx - from.0, cy - from.1);
        let len = (dx * dx + dy * dy).sqrt();
        let tip = (cx - dx / len * 6.5, cy - dy / len * 6.5);
        let mut group = vec![
            Item::line(from.0, from.1, tip.0 - dx / len * 6.0, tip.1 - dy / len * 6.0, Stroke::solid(p.flow, 1.6)),
            Item::arrowhead(from, tip, 7.0, p.flow),
            Item::Circle { cx, cy, r: 6.0, fill: Some(p.end), stroke: None },
        ];
        taken.add(Rect { x: cx - 7.0, y: cy - 7.0, w: 14.0, h: 14.0 });
        if o.exit < 1.0 - 1e-9 {
            let text = Text::line(cx + 10.0, cy + 4.0, m.percent(o.exit), SHARE, p.share_text, Anchor::Start);
            taken.add(Rect { x: cx + 8.0, y: cy - 8.0, w: text.width + 4.0, h: 15.0 });
            group.push(Item::Text(text));
        }
        let tip = m.fmt("tip-end", &[("step", Arg::Str(&step(s).decl.label)), ("share", Arg::Str(&m.percent(o.exit)))]);
        edges.push(Item::group(Some(tip), group));
    }
    for &i in &forward {
        let arrow = &found.arrows[i];
        let (a, b) = ends[i];
        let mut points = vec![(step_xy[a].0 + NODE_W, mid_y(a))];
        for l in layer[a] + 1..layer[b] {
            if let Some(&pt) = pass_xy.get(&(i, l)) {
                points.push((pt.0 - NODE_W / 2.0, pt.1));
                points.push((pt.0 + NODE_W / 2.0, pt.1));
            }
        }
        points.push((step_xy[b].0, mid_y(b)));
        let label = arrow.label(&ctx);
        let mut group = curve(&points, p.flow);
        if !label.is_empty() {
            group.extend(place_label(&label, &points, &mut taken, &ctx));
        }
        edges.push(Item::group(Some(arrow.tip(&ctx, &label)), group));
    }
    for &i in &back {
        let arrow = &found.arrows[i];
        let (a, b) = ends[i];
        let ty = bands_bottom + 14.0 + track_of.get(&i).copied().unwrap_or(0) as f64 * TRACK;
        let (x1, x2) = (step_xy[a].0 + NODE_W / 2.0 + 14.0, step_xy[b].0 + NODE_W / 2.0 - 14.0);
        let (y1, y2) = (step_xy[a].1 + node_h[a], step_xy[b].1 + node_h[b]);
        let stroke = Stroke::dashed(p.flow_back, 1.6, 6.0, 3.0);
        let mut group = vec![
            Item::polyline(&[(x1, y1), (x1, ty), (x2, ty), (x2, y2 + 7.0)], stroke),
            Item::arrowhead((x2, ty), (x2, y2), 7.0, p.flow_back),
        ];
        let label = arrow.label(&ctx);
        if !label.is_empty() {
            let room = (x1 - x2).abs().max(NODE_W) - 12.0;
            let shown = ellipsize(&label, room, SHARE);
            let w = SHARE.width(&shown) + 8.0;
            let mid = (x1 + x2) / 2.0;
            group.push(Item::rect(mid - w / 2.0, ty - 7.5, w, 15.0, Some(p.share_bg), None));
            group.push(Item::Text(Text::line(mid, ty + 4.0, shown, SHARE, p.flow_back, Anchor::Middle)));
        }
        edges.push(Item::group(Some(arrow.tip(&ctx, &label)), group));
    }
    items.push(Item::Group(Box::new(crate::scene::Group {
        id: Some("edges".into()),
        items: edges,
        ..Default::default()
    })));

    let mut boxes = Vec::new();
    for (s, step) in (0..steps).map(|s| (s, step(s))) {
        let (x, y) = step_xy[s];
        let mut tip = step.decl.label.to_string();
        if let Some(t) = ctx.touchpoint(step) {
            tip = format!("{tip}\n{}", t.decl.label);
        }
        let meta = ctx.touchpoint(step).map_or_else(|| m.get("card-alone"), |t| t.decl.label.to_string());
        boxes.push(Item::group(
            Some(tip),
            vec![
                Item::card(x, y, NODE_W, node_h[s], p.step.fill, Stroke::solid(p.step.line, 1.3)),
                Item::Text(Text::lines(
                    x + PAD,
                    y + PAD + NODE.size - 1.0,
                    labels[s].clone(),
                    LEADING,
                    NODE,
                    p.text,
                    Anchor::Start,
                )),
                Item::Text(Text::line(
                    x + PAD,
                    y + node_h[s] - PAD - 1.0,
                    ellipsize(&meta, NODE_W - 2.0 * PAD, META),
                    META,
                    p.muted,
                    Anchor::Start,
                )),
            ],
        ));
    }
    items.push(Item::Group(Box::new(crate::scene::Group {
        id: Some("steps".into()),
        items: boxes,
        ..Default::default()
    })));

    let desc = m.fmt(
        "flow-desc",
        &[
            ("journey", Arg::Str(&journey.decl.label)),
            ("steps", Arg::Num(journey.steps.len() as f64)),
            ("lanes", Arg::Num(bands.len() as f64)),
            ("flows", Arg::Num(journey.flows.len() as f64)),
            ("back", Arg::Num(back.len() as f64)),
        ],
    );
    let mut layer_stage = vec![None; last_layer + 1];
    for s in 0..steps {
        let slot = &mut layer_stage[layer[s]];
        let st = step(s).stage.map(StageId::index);
        if slot.is_none() || st < *slot {
            *slot = st;
        }
    }
    let columns = Columns {
        gutter: MARGIN + GUTTER,
        columns: (0..=last_layer)
            .map(|l| Column { x0: x_of(l) - GAP_X / 2.0, x1: x_of(l) + NODE_W + GAP_X / 2.0, group: layer_stage[l] })
            .collect(),
        top: columns_top,
        bottom: height - MARGIN,
        cuts: Vec::new(),
        header: None,
    };
    let scene = crate::scene::Scene {
        width,
        height,
        title,
        desc,
        lang: options.lang.tag(),
        background: p.canvas,
        ink: p.text,
        items,
        columns: Some(columns),
    };
    Drawing { scene, diagnostics }
}

/// Orders each (layer, band) group by the mean position of its neighbours in the layer before
/// (sweeping right) or after (sweeping left). Positions are kept per node and updated group by
/// group, so a sweep is linear.
fn reduce_crossings(
    groups: &mut [Vec<Vec<usize>>],
    left: &[Vec<usize>],
    right: &[Vec<usize>],
    nodes: usize,
    last: usize,
) {
    let mut pos = vec![0.0f64; nodes];
    for layer_groups in groups.iter() {
        for (band, group) in layer_groups.iter().enumerate() {
            for (k, &id) in group.iter().enumerate() {
                pos[id] = band as f64 * 1e6 + k as f64;
            }
        }
    }
    for sweep in 0..SWEEPS {
        let rightwards = sweep % 2 == 0;
        let order: Vec<usize> = if rightwards { (1..=last).collect() } else { (0..last).rev().collect() };
        for l in order {
            for (band, group) in groups[l].iter_mut().enumerate() {
                let mut keyed: Vec<(f64, usize, usize)> = group
                    .iter()
                    .enumerate()
                    .map(|(k, &id)| {
                        let near = if rightwards { &left[id] } else { &right[id] };
                        let bary = if near.is_empty() {
                            band as f64 * 1e6 + k as f64
                        } else {
                            near.iter().map(|&n| pos[n]).sum::<f64>() / near.len() as f64
                        };
                        (bary, k, id)
                    })
                    .collect();
                keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
                *group = keyed.into_iter().map(|(_, _, id)| id).collect();
                for (k, &id) in group.iter().enumerate() {
                    pos[id] = band as f64 * 1e6 + k as f64;
                }
            }
        }
    }
}

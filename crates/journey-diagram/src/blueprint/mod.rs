//! The service blueprint, as Bitner, Ostrom and Morgan draw it: one column per step of the
//! customer, grouped under its stage, and in each column from top to bottom the physical
//! evidence; the flows between the steps; the customer's action; the emotion curve; the line
//! of interaction; what contact staff do at that step, at its touchpoint (frontstage, a row per
//! lane); the line of visibility; the step's own backstage procedures (its `via:`, a row per
//! lane); the line of internal interaction; and the support systems, each drawn once as a bar
//! across the columns that use it. Arrows cross the lines where an action calls on the layer
//! below. A step with no touchpoint is the customer's alone: nothing stands below it. A
//! scenario's blueprint marks the steps it adds, changes and removes against the baseline.
//! Every card grows to fit its text, every row to fit its tallest card.

mod band;
mod cards;
mod columns;
mod content;
mod emotion;
mod marks;
mod support;
mod volume;

use std::collections::BTreeMap;

use journey_model::ir::*;

use crate::arrows::{arrows, too_dense};
use crate::draw::{Ctx, Key, legend, title_block};
use crate::i18n::Arg;
use crate::scene::{Anchor, Column, Columns, Item, Rect, Scene, Stroke, Text};
use crate::text::ellipsize;
use crate::{Drawing, Options};

use band::{Band, Routed};
use cards::{Card, ROW_PAD, Row};
use columns::{Col, columns, stage_index};
use content::{add_procedure, staff_card, step_card};
use marks::Mark;
use volume::{FLOW_WIDTH, Observed, VOLUME_WIDTH};

pub use emotion::diamond;

pub const MARGIN: f64 = 24.0;
pub const GUTTER: f64 = 172.0;
pub const COL_W: f64 = 188.0;
pub const GAP: f64 = 30.0;
pub const PITCH: f64 = COL_W + GAP;
pub const PAD: f64 = 8.0;
/// The strip each of the three lines is drawn in.
const LINE_STRIP: f64 = 24.0;
const STAGE_H: f64 = 34.0;

/// A row of cards: whether it is a contact staff row (front) and its lane.
type RowKey = (bool, Option<LaneId>);

pub fn col_x(col: usize) -> f64 {
    MARGIN + GUTTER + col as f64 * PITCH
}

fn centre(col: usize) -> f64 {
    col_x(col) + COL_W / 2.0
}

/// Draws the service blueprint of a journey.
pub fn blueprint(prepared: &crate::Prepared, options: &Options, volumes: Option<&crate::Volumes>) -> Drawing {
    let (model, journey) = (prepared.model, prepared.journey);
    let ctx = Ctx { model, journey, m: crate::i18n::Messages::new(options.lang), p: options.theme.palette() };
    let (p, m) = (ctx.p, &ctx.m);
    let cols = columns(&ctx, prepared.order_of(options.stage), options.stage);
    let n = cols.len().max(1);
    let width = (MARGIN * 2.0 + GUTTER + n as f64 * PITCH - GAP).max(680.0);
    let right = width - MARGIN;
    let mut column_of = vec![usize::MAX; journey.steps.len()];
    for (c, col) in cols.iter().enumerate() {
        if let Col::Step(id, _, _) = col {
            column_of[id.index()] = c;
        }
    }

    // Rows of cards, built first so that each knows its height.
    let mut evidence = Row::new(m.get("row-evidence"), None, p.band_customer, n);
    let mut customer = Row::new(m.get("row-customer"), None, p.band_customer, n);
    let mut front: BTreeMap<RowKey, Row> = BTreeMap::new();
    let mut back: BTreeMap<RowKey, Row> = BTreeMap::new();
    let mut uses = support::Uses::default();
    let mut scripts_shown: Vec<TouchpointId> = Vec::new();
    // Per column: the front card's lane, and the back cards' lanes with their procedures.
    let mut front_of: Vec<Option<RowKey>> = vec![None; n];
    let mut back_of: Vec<Vec<(RowKey, ProcedureId)>> = vec![Vec::new(); n];
    for (c, col) in cols.iter().enumerate() {
        let step = col.step();
        let removed = matches!(col, Col::Removed(_));
        for e in &step.evidence {
            let mut card = Card::new(p.evidence, p.text, &e.text, m.get("tip-evidence"));
            if removed {
                card.outline(p.removed, true);
            }
            evidence.cells[c].push(card);
        }
        customer.cells[c].push(step_card(&ctx, col));
        let Some(t) = ctx.touchpoint(step) else {
            // The customer's alone: nothing below, unless the model names procedures anyway.
            for &pid in &step.via {
                add_procedure(&ctx, &mut back, &mut back_of[c], &mut uses, c, pid, removed, n);
            }
            continue;
        };
        let tid = step.at.unwrap_or(TouchpointId(0));
        let key = (t.lane.is_none(), t.lane);
        let show_script = !scripts_shown.contains(&tid);
        if show_script {
            scripts_shown.push(tid);
        }
        let row = front
            .entry(key)
            .or_insert_with(|| Row::new(ctx.lane_name(t.lane), Some(m.get("row-frontstage")), p.band_front, n));
        row.cells[c].push(staff_card(&ctx, step, t, show_script, removed));
        front_of[c] = Some(key);
        for &s in &t.uses {
            uses.add(s, c, support::Caller::Front);
        }
        for &pid in &step.via {
            add_procedure(&ctx, &mut back, &mut back_of[c], &mut uses, c, pid, removed, n);
        }
    }
    let bars = support::Bars::new(&uses, n);

    // The flows: plain steps to the next column run between the cards, the others above them.
    let drawn = |s: StepId| column_of.get(s.index()).is_some_and(|&c| c != usize::MAX);
    let steps: Vec<StepId> =
        cols.iter().filter_map(|c| if let Col::Step(id, ..) = c { Some(*id) } else { None }).collect();
    let found = arrows(prepared, &steps, &drawn);
    let observed = volumes.map(|v| Observed::new(v, &found.arrows));
    let mut straight = Vec::new();
    let mut routed = Vec::new();
    for arrow in &found.arrows {
        let (a, b) = (column_of[arrow.from.index()], column_of[arrow.to.index()]);
        let (label, width) = match &observed {
            Some(o) => o.label_and_width(arrow, &ctx),
            None => (arrow.label(&ctx), FLOW_WIDTH),
        };
        if b == a + 1 && label.is_empty() {
            straight.push((a, b, arrow.tip(&ctx, &label), width));
        } else {
            let tip = arrow.tip(&ctx, &label);
            routed.push(Routed { from: a, to: b, label, back: b <= a, tip, width });
        }
    }
    let band = Band::new(routed);
    let mut diagnostics = Vec::new();
    let left_out = found.left_out + band.dropped;
    if left_out > 0 {
        let why = format!(
            "at most {} arrows leave a step and {} tracks run above the steps",
            crate::arrows::MAX_FROM_STEP,
            band::MAX_TRACKS
        );
        diagnostics.push(too_dense(journey, "service blueprint", left_out, found.total, &why));
    }

    // Top to bottom.
    let mut facts = ctx.facts("blueprint-kind");
    if let Some(stage) = options.stage.and_then(|s| journey.stages.get(s.index())) {
        facts.push(m.fmt("fact-stage", &[("name", Arg::Str(&stage.decl.label))]));
    }
    if left_out > 0 {
        facts.push(m.fmt("fact-left-out", &[("count", Arg::Num(left_out as f64))]));
    }
    let title = ctx.title();
    let (title_items, title_h) = title_block(MARGIN, MARGIN, width - 2.0 * MARGIN, &title, &facts, p);
    let mut y = MARGIN + title_h;
    let columns_top = y;
    let stage_top = y;
    let has_stages = !journey.stages.is_empty();
    if has_stages {
        y += STAGE_H + 8.0;
    }
    let evidence_top = y;
    let (evidence_h, customer_h) = (evidence.height(), customer.height());
    let band_top = evidence_top + evidence_h;
    let customer_top = band_top + band.height;
    let emotion_top = customer_top + customer_h;
    let interaction_y = emotion_top + emotion::HEIGHT + LINE_STRIP - 8.0;
    let front_top = emotion_top + emotion::HEIGHT + LINE_STRIP;
    // Each row's height, worked out once: it reads every card of the row.
    let measured = |rows: BTreeMap<RowKey, Row>| -> Vec<(RowKey, Row, f64)> {
        rows.into_iter()
            .map(|(key, row)| {
                let h = row.height();
                (key, row, h)
            })
            .collect()
    };
    let (front, back) = (measured(front), measured(back));
    let front_h: f64 = front.iter().map(|r| r.2).sum::<f64>().max(if front.is_empty() { 44.0 } else { 0.0 });
    let visibility_y = front_top + front_h + LINE_STRIP - 8.0;
    let back_top = front_top + front_h + LINE_STRIP;
    let back_h: f64 = back.iter().map(|r| r.2).sum::<f64>().max(if back.is_empty() { 44.0 } else { 0.0 });
    let internal_y = back_top + back_h + LINE_STRIP - 8.0;
    let support_top = back_top + back_h + LINE_STRIP;
    let support_h = bars.height();
    let columns_bottom = support_top + support_h;
    let legend_top = columns_bottom + 20.0;

    let mut items = title_items;
    // Backgrounds, then the arrows that cross the lines, then the cards over them.
    let mut cards_items = Vec::new();
    if has_stages {
        items.extend(crate::draw::row_header(
            MARGIN + 10.0,
            stage_top + 10.0,
            GUTTER - 24.0,
            &m.get("row-stages"),
            None,
            p,
        ));
        cards_items.extend(stage_headers(&ctx, &cols, stage_top));
    }
    let (bg, fg, _) = evidence.draw((evidence_top, evidence_h), MARGIN, right, GUTTER, p);
    items.extend(bg);
    cards_items.extend(fg);
    if band.height > 0.0 {
        items.push(Item::rect(MARGIN, band_top, right - MARGIN, band.height, Some(p.band_customer), None));
        items.extend(crate::draw::row_header(
            MARGIN + 10.0,
            band_top + 8.0,
            GUTTER - 24.0,
            &m.get("row-flows"),
            None,
            p,
        ));
    }
    let (bg, fg, customer_boxes) = customer.draw((customer_top, customer_h), MARGIN, right, GUTTER, p);
    items.extend(bg);
    cards_items.extend(fg);
    items.push(Item::rect(MARGIN, emotion_top, right - MARGIN, emotion::HEIGHT, Some(p.band_customer), None));
    items.extend(crate::draw::row_header(
        MARGIN + 10.0,
        emotion_top + 10.0,
        GUTTER - 60.0,
        &m.get("row-emotion"),
        None,
        p,
    ));
    let mut front_boxes: BTreeMap<(bool, Option<LaneId>), Vec<Vec<Rect>>> = BTreeMap::new();
    let mut ry = front_top;
    for (key, row, height) in front {
        let (bg, fg, boxes) = row.draw((ry, height), MARGIN, right, GUTTER, p);
        items.extend(bg);
        cards_items.extend(fg);
        front_boxes.insert(key, boxes);
        ry += height;
    }
    if front_boxes.is_empty() {
        items.push(Item::rect(MARGIN, front_top, right - MARGIN, front_h, Some(p.band_front), None));
        items.extend(crate::draw::row_header(
            MARGIN + 10.0,
            front_top + 12.0,
            GUTTER - 24.0,
            &m.get("row-no-touchpoints"),
            None,
            p,
        ));
    }
    let mut back_boxes: BTreeMap<(bool, Option<LaneId>), Vec<Vec<Rect>>> = BTreeMap::new();
    let mut ry = back_top;
    for (key, row, height) in back {
        let (bg, fg, boxes) = row.draw((ry, height), MARGIN, right, GUTTER, p);
        items.extend(bg);
        cards_items.extend(fg);
        back_boxes.insert(key, boxes);
        ry += height;
    }
    if back_boxes.is_empty() {
        items.push(Item::rect(MARGIN, back_top, right - MARGIN, back_h, Some(p.band_back), None));
        items.extend(crate::draw::row_header(
            MARGIN + 10.0,
            back_top + 12.0,
            GUTTER - 24.0,
            &m.get("row-no-procedures"),
            None,
            p,
        ));
    }
    let col_stages: Vec<Option<usize>> =
        cols.iter().map(|c| c.step().stage.and_then(|s| stage_index(&ctx, c, s))).collect();
    let (bar_bg, bar_items, bar_tops) = bars.draw(&ctx, support_top, (MARGIN, right, GUTTER), &col_stages);
    items.extend(bar_bg);

    // The lines, over the backgrounds.
    for (yl, colour, dash, key) in [
        (interaction_y, p.interaction, [8.0, 4.0], "line-interaction"),
        (visibility_y, p.visibility, [10.0, 5.0], "line-visibility"),
        (internal_y, p.internal, [4.0, 4.0], "line-internal"),
    ] {
        items.push(Item::rect(MARGIN, yl - 16.0, right - MARGIN, LINE_STRIP, Some(p.canvas), None));
        items.push(Item::line(MARGIN, yl, right, yl, Stroke::dashed(colour, 2.0, dash[0], dash[1])));
        items.push(Item::Text(Text::line(
            MARGIN + 10.0,
            yl - 5.0,
            m.get(key),
            crate::draw::LABEL,
            colour,
            Anchor::Start,
        )));
    }

    // Calls on the layer below: customer → staff, staff → backstage, both → systems.
    let mut calls = Vec::new();
    for c in 0..cols.len() {
        let customer_box = customer_boxes.get(c).and_then(|b| b.first()).copied();
        let front_box =
            front_of[c].and_then(|k| front_boxes.get(&k)).and_then(|b| b.get(c)).and_then(|b| b.first()).copied();
        let mut back_list: Vec<(ProcedureId, Rect)> = Vec::new();
        let mut seen: BTreeMap<(bool, Option<LaneId>), usize> = BTreeMap::new();
        for (key, pid) in &back_of[c] {
            let k = seen.entry(*key).or_insert(0);
            if let Some(rect) = back_boxes.get(key).and_then(|b| b.get(c)).and_then(|b| b.get(*k)) {
                back_list.push((*pid, *rect));
            }
            *k += 1;
        }
        let cx = centre(c);
        if let (Some(cb), Some(fb)) = (customer_box, front_box) {
            calls.push(call(cx, cb.bottom(), fb.y, p.call));
        }
        // Downward arrows from the staff card and the backstage cards, spread over the column.
        let mut down: Vec<(f64, f64)> = Vec::new(); // (from y, to y)
        let top_of_back = back_list.first().map(|(_, r)| r.y);
        match (front_box, top_of_back) {
            (Some(fb), Some(by)) => down.push((fb.bottom(), by)),
            (None, Some(by)) => {
                if let Some(cb) = customer_box {
                    down.push((cb.bottom(), by));
                }
            }
            _ => {}
        }
        // One arrow to each system the column calls on, from the lowest card that calls it.
        let mut lowest: BTreeMap<SystemId, f64> = BTreeMap::new();
        for (s, caller) in uses.callers(c) {
            let from = match caller {
                support::Caller::Front => front_box.map(|b| b.bottom()),
                support::Caller::Back(pid) => back_list.iter().find(|(q, _)| *q == pid).map(|(_, r)| r.bottom()),
            };
            if let Some(from) = from {
                let slot = lowest.entry(s).or_insert(from);
                *slot = slot.max(from);
            }
        }
        for (s, from) in lowest {
            if let Some(&bar_y) = bar_tops.get(&(s, c)) {
                down.push((from, bar_y));
            }
        }
        let k = down.len() as f64;
        for (i, (from, to)) in down.iter().enumerate() {
            let x = col_x(c) + 24.0 + (COL_W - 48.0) * (i as f64 + 1.0) / (k + 1.0);
            calls.push(call(x, *from, *to, p.call));
        }
    }
    items.extend(calls);
    items.extend(cards_items);
    items.extend(bar_items);

    // The flows over everything in the customer's rows.
    let card_top = customer_top + ROW_PAD;
    let mut flow_items = band.draw(customer_top, card_top, cols.len(), p);
    for (a, b, tip, width) in straight {
        let y = card_top + 22.0;
        let (x1, x2) = (col_x(a) + COL_W, col_x(b));
        flow_items.push(Item::group(
            Some(tip),
            vec![
                Item::line(x1 + 1.0, y, x2 - 7.0, y, Stroke::solid(p.flow, width)),
                Item::arrowhead((x1, y), (x2, y), 7.0, p.flow),
            ],
        ));
    }
    items.push(Item::Group(Box::new(crate::scene::Group {
        id: Some("flows".into()),
        items: flow_items,
        ..Default::default()
    })));

    // The emotion curve along the most likely path.
    let points: Vec<emotion::Point> = cols
        .iter()
        .enumerate()
        .map(|(c, col)| {
            let e = match col {
                Col::Step(_, s, _) => s.emotion,
                Col::Removed(_) => None,
            };
            emotion::Point { x: centre(c), emotion: e, shown: e.map(|e| m.score(e)).unwrap_or_default() }
        })
        .collect();
    // The most likely path of all customers, or where theirs is unknown, of the first segment's.
    let path: Vec<usize> = prepared
        .likely()
        .iter()
        .filter_map(|s| column_of.get(s.index()).copied().filter(|&c| c != usize::MAX))
        .collect();
    // Where other branches leave the path: at each of its columns, the arrows to a column
    // neither next on the path nor passed on it already (linear: each arrow is looked at once).
    let mut leaving: Vec<Vec<usize>> = vec![Vec::new(); cols.len()];
    for a in &found.arrows {
        if let Some(list) = leaving.get_mut(column_of[a.from.index()]) {
            list.push(column_of[a.to.index()]);
        }
    }
    let mut passed = vec![false; cols.len()];
    let branches: Vec<Vec<usize>> = path
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if let Some(p) = passed.get_mut(c) {
                *p = true;
            }
            let next = path.get(i + 1).copied();
            let to = leaving.get(c).map_or(&[][..], Vec::as_slice);
            to.iter().copied().filter(|&t| Some(t) != next && !passed.get(t).copied().unwrap_or(false)).collect()
        })
        .collect();
    let axis = [m.score(2.0), m.score(0.0), m.score(-2.0)];
    items.extend(emotion::curve(emotion_top, (MARGIN + GUTTER - 8.0, right), &points, &path, &branches, axis, p));

    // The legend.
    // Narrow enough for a portrait page at the smallest print size.
    let legend_w = (width - 2.0 * MARGIN).min(940.0);
    let mut entries = legend_entries(&ctx);
    if observed.is_some() {
        entries.push((Key::Arrow(Stroke::solid(p.flow, FLOW_WIDTH + VOLUME_WIDTH)), m.get("legend-volume")));
    }
    let (legend_items, legend_h) = legend(MARGIN, legend_top, legend_w, &entries, p);
    items.extend(legend_items);
    let height = legend_top + legend_h + MARGIN;

    let desc = m.fmt(
        "blueprint-desc",
        &[
            ("journey", Arg::Str(&journey.decl.label)),
            ("steps", Arg::Num(journey.steps.len() as f64)),
            ("stages", Arg::Num(journey.stages.len() as f64)),
        ],
    );
    let pages = Columns {
        gutter: MARGIN + GUTTER - GAP / 2.0,
        columns: (0..cols.len())
            .map(|c| Column {
                x0: col_x(c) - GAP / 2.0,
                x1: col_x(c) + COL_W + GAP / 2.0,
                group: cols[c].step().stage.and_then(|s| stage_index(&ctx, &cols[c], s)),
            })
            .collect(),
        top: columns_top,
        bottom: columns_bottom,
        cuts: vec![front_top - LINE_STRIP, back_top - LINE_STRIP, support_top - LINE_STRIP],
        header: has_stages.then_some((stage_top, stage_top + STAGE_H + 8.0)),
    };
    let scene = Scene {
        width,
        height,
        title,
        desc,
        lang: options.lang.tag(),
        background: p.canvas,
        ink: p.text,
        items,
        columns: Some(pages),
    };
    Drawing { scene, diagnostics }
}

fn call(x: f64, from: f64, to: f64, colour: crate::scene::Colour) -> Item {
    Item::group(
        None,
        vec![
            Item::line(x, from, x, to - 6.0, Stroke::solid(colour, 1.3)),
            Item::arrowhead((x, from), (x, to), 6.0, colour),
        ],
    )
}

fn stage_headers(ctx: &Ctx, cols: &[Col], top: f64) -> Vec<Item> {
    let p = ctx.p;
    let mut items = Vec::new();
    let mut c = 0;
    while c < cols.len() {
        let stage = cols[c].step().stage.and_then(|s| stage_index(ctx, &cols[c], s));
        let mut end = c;
        while end + 1 < cols.len()
            && cols[end + 1].step().stage.and_then(|s| stage_index(ctx, &cols[end + 1], s)) == stage
        {
            end += 1;
        }
        let (x, w) = (col_x(c), col_x(end) + COL_W - col_x(c));
        let name = stage
            .and_then(|s| ctx.journey.stages.get(s))
            .map_or_else(|| ctx.m.get("stage-none"), |s| s.decl.label.to_string());
        let shown = ellipsize(&name, w - 16.0, crate::draw::LABEL.with_size(13.0));
        items.push(Item::group(
            Some(name),
            vec![
                Item::card(x, top, w, STAGE_H, p.stage.fill, Stroke::solid(p.stage.line, 1.0)),
                Item::Text(Text::line(
                    x + w / 2.0,
                    top + 22.0,
                    shown,
                    crate::draw::LABEL.with_size(13.0),
                    p.stage_text,
                    Anchor::Middle,
                )),
            ],
        ));
        c = end + 1;
    }
    items
}

fn legend_entries(ctx: &Ctx) -> Vec<(Key, String)> {
    let (p, m) = (ctx.p, &ctx.m);
    let card = |s: crate::theme::Swatch| Key::Card(s.fill, Stroke::solid(s.line, 1.3));
    let mut entries = vec![
        (card(p.evidence), m.get("legend-evidence")),
        (card(p.step), m.get("legend-step")),
        (card(p.touchpoint), m.get("legend-staff")),
        (card(p.procedure), m.get("legend-procedure")),
        (card(p.system), m.get("legend-system")),
        (Key::Arrow(Stroke::solid(p.flow, 1.6)), m.get("legend-flow")),
        (Key::Arrow(Stroke::dashed(p.flow_back, 1.6, 6.0, 3.0)), m.get("legend-loop")),
        (Key::Arrow(Stroke::solid(p.call, 1.3)), m.get("legend-call")),
        (Key::Line(Stroke::solid(p.emotion, 2.5)), m.get("legend-emotion")),
        (Key::Dot(p.neutral, false), m.get("legend-off-path")),
        (Key::Diamond, m.get("legend-branch")),
        (Key::Line(Stroke::solid(p.pain, 3.0)), m.get("legend-pain")),
        (Key::Line(Stroke::solid(p.risk, 3.0)), m.get("legend-risk")),
    ];
    if matches!(ctx.journey.variant, Variant::Scenario { .. }) {
        entries.push((Key::Card(p.step.fill, Stroke::solid(p.added, 1.6)), m.get("legend-added")));
        entries.push((Key::Card(p.step.fill, Stroke::dashed(p.changed, 1.6, 5.0, 3.0)), m.get("legend-changed")));
        entries.push((Key::Card(p.step.fill, Stroke::dashed(p.removed, 1.6, 5.0, 3.0)), m.get("legend-removed")));
    }
    for (colour, dash, key) in [
        (p.interaction, [8.0, 4.0], "line-interaction"),
        (p.visibility, [10.0, 5.0], "line-visibility"),
        (p.internal, [4.0, 4.0], "line-internal"),
    ] {
        entries.push((Key::Line(Stroke::dashed(colour, 2.0, dash[0], dash[1])), m.get(key)));
    }
    entries
}

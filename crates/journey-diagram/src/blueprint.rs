//! The service blueprint: the customer on top, the organisation below. Rows from top to
//! bottom: stages; flows between steps; physical evidence; customer steps (with pain points
//! and risks); the emotion curve; the line of interaction; frontstage touchpoints, one
//! swimlane per lane; the line of visibility; backstage procedures, one swimlane per lane;
//! the line of internal interaction; supporting systems. One column per step, in flow order,
//! grouped under stage headers. Every card grows to fit its wrapped text, and every row to fit
//! its tallest card, so nothing overlaps or is cut off at 5 steps or at 200.

use std::collections::BTreeMap;

use journey_model::ir::*;
use journey_model::units;

use crate::order::columns;
use crate::svg::{Anchor, STYLE, Svg, wrap};

const MARGIN: f64 = 24.0;
const GUTTER: f64 = 150.0;
const COL_W: f64 = 176.0;
const GAP: f64 = 28.0;
const PITCH: f64 = COL_W + GAP;
const PAD: f64 = 8.0;
const FONT: f64 = 12.0;
const SMALL: f64 = 10.0;
const LEADING: f64 = 15.0;
const SMALL_LEADING: f64 = 13.0;
const CARD_GAP: f64 = 6.0;
const ROW_GAP: f64 = 14.0;
const EMOTION_H: f64 = 96.0;
const TRACK: f64 = 16.0;

/// A card's text: wrapped lines in the main size, then smaller lines with their classes.
struct Card {
    class: &'static str,
    lines: Vec<String>,
    meta: Vec<(String, &'static str)>,
    tooltip: String,
}

impl Card {
    fn new(class: &'static str, text: &str, tooltip: &str) -> Self {
        Card { class, lines: wrap(text, COL_W - 2.0 * PAD, FONT), meta: Vec::new(), tooltip: tooltip.to_string() }
    }

    fn meta(&mut self, text: &str, class: &'static str) {
        for line in wrap(text, COL_W - 2.0 * PAD, SMALL) {
            self.meta.push((line, class));
        }
    }

    fn height(&self) -> f64 {
        2.0 * PAD + self.lines.len() as f64 * LEADING + self.meta.len() as f64 * SMALL_LEADING
    }

    fn draw(&self, svg: &mut Svg, x: f64, y: f64) -> f64 {
        let h = self.height();
        svg.raw("<g>");
        if !self.tooltip.is_empty() {
            svg.title(&self.tooltip);
        }
        svg.rect(x, y, COL_W, h, self.class);
        svg.lines(x + PAD, y + PAD + FONT - 1.0, &self.lines, LEADING, "card-text", Anchor::Start);
        let mut my = y + PAD + self.lines.len() as f64 * LEADING + SMALL - 1.0;
        for (line, class) in &self.meta {
            svg.text(x + PAD, my, line, class, Anchor::Start);
            my += SMALL_LEADING;
        }
        svg.raw("</g>\n");
        h
    }
}

/// A stack of cards per column in one row.
struct Row {
    label: String,
    class: &'static str,
    cells: Vec<Vec<Card>>,
}

impl Row {
    fn new(label: &str, class: &'static str, columns: usize) -> Self {
        Row { label: label.to_string(), class, cells: (0..columns).map(|_| Vec::new()).collect() }
    }

    fn height(&self) -> f64 {
        let tallest = self
            .cells
            .iter()
            .map(|cards| {
                cards.iter().map(|c| c.height() + CARD_GAP).sum::<f64>() - if cards.is_empty() { 0.0 } else { CARD_GAP }
            })
            .fold(0.0, f64::max);
        tallest.max(28.0) + 2.0 * ROW_GAP
    }

    fn draw(&self, svg: &mut Svg, y: f64, width: f64) -> f64 {
        let h = self.height();
        svg.band(MARGIN, y, width - 2.0 * MARGIN, h, self.class);
        for (i, line) in wrap(&self.label, GUTTER - 16.0, 11.0).iter().enumerate() {
            svg.text(MARGIN + 8.0, y + ROW_GAP + 11.0 + i as f64 * 13.0, line, "lane-label", Anchor::Start);
        }
        for (col, cards) in self.cells.iter().enumerate() {
            let x = col_x(col);
            let mut cy = y + ROW_GAP;
            for card in cards {
                cy += card.draw(svg, x, cy) + CARD_GAP;
            }
        }
        h
    }
}

fn col_x(col: usize) -> f64 {
    MARGIN + GUTTER + col as f64 * PITCH
}

fn centre(col: usize) -> f64 {
    col_x(col) + COL_W / 2.0
}

/// About what a step's column of a blueprint (its boxes, labels and lines) takes: room for the
/// whole drawing is made at once.
const BYTES_PER_STEP: usize = 2048;

/// Draws the service blueprint of a journey.
pub fn blueprint(model: &Model, journey: &Journey, prefix: &str) -> String {
    let order = columns(journey);
    let col_of: BTreeMap<StepId, usize> = order.iter().enumerate().map(|(c, &s)| (s, c)).collect();
    let n = order.len().max(1);
    let width = MARGIN * 2.0 + GUTTER + n as f64 * PITCH - GAP;
    let mut svg = Svg::new(prefix);
    svg.reserve(journey.steps.len() * BYTES_PER_STEP);

    // Cards of every row, built first so that each row knows its height.
    let mut evidence = Row::new("Physical evidence", "band-customer", n);
    let mut customer = Row::new("Customer", "band-customer", n);
    let mut front: BTreeMap<Option<LaneId>, Row> = BTreeMap::new();
    let mut back: BTreeMap<Option<LaneId>, Row> = BTreeMap::new();
    let mut support = Row::new("Support systems", "band-support", n);
    let lane_name = |lane: Option<LaneId>, side: &str| match lane.and_then(|l| model.lanes.get(l.index())) {
        Some(l) => format!("{} ({side})", l.decl.label),
        None => format!("No lane ({side})"),
    };
    for (col, &id) in order.iter().enumerate() {
        let Some(step) = journey.step(id) else { continue };
        for e in &step.evidence {
            evidence.cells[col].push(Card::new("card-evidence", &e.text, "Physical evidence the customer sees"));
        }
        let tp = step.at.and_then(|t| model.touchpoint(t));
        let mut card = Card::new("card-step", &step.decl.label, &format!("Step `{}`", step.decl.id));
        let mut meta = Vec::new();
        if let Some(t) = tp {
            meta.push(format!("at {}", t.decl.label));
        }
        if let Some(d) = step.duration {
            meta.push(units::duration(d));
        }
        if let Some(e) = step.emotion {
            meta.push(format!("emotion {}", units::score(e)));
        }
        if !meta.is_empty() {
            card.meta(&meta.join(" · "), "card-meta");
        }
        for pain in &step.pains {
            card.meta(&format!("Pain: {}", pain.text), "pain-line");
        }
        for risk in &step.risks {
            let chance = risk.chance.map(|c| format!(" ({})", units::percent(c))).unwrap_or_default();
            card.meta(&format!("Risk: {}{chance}", risk.label), "risk-line");
        }
        customer.cells[col].push(card);

        let mut procedures: Vec<ProcedureId> = step.via.clone();
        let mut systems: Vec<SystemId> = Vec::new();
        if let Some(t) = tp {
            let mut c = Card::new("card-touchpoint", &t.decl.label, &format!("Touchpoint `{}`", t.decl.id));
            let mut meta = Vec::new();
            if let Some(ch) = &t.channel {
                meta.push(ch.replace('_', " "));
            }
            if let Some(r) = t.response {
                meta.push(format!("answers in {}", units::duration(r)));
            }
            if !meta.is_empty() {
                c.meta(&meta.join(" · "), "card-meta");
            }
            front.entry(t.lane).or_insert_with(|| Row::new(&lane_name(t.lane, "front"), "band-front", n)).cells[col]
                .push(c);
            procedures.extend(t.supported_by.iter().copied());
            systems.extend(t.uses.iter().copied());
        }
        procedures.sort();
        procedures.dedup();
        for p in procedures.iter().filter_map(|p| model.procedures.get(p.index())) {
            let card = Card::new("card-procedure", &p.decl.label, &format!("Procedure `{}`", p.decl.id));
            back.entry(p.lane).or_insert_with(|| Row::new(&lane_name(p.lane, "back"), "band-back", n)).cells[col]
                .push(card);
            systems.extend(p.uses.iter().copied());
        }
        systems.sort();
        systems.dedup();
        for s in systems.iter().filter_map(|s| model.systems.get(s.index())) {
            let mut card = Card::new("card-system", &s.decl.label, &format!("System `{}`", s.decl.id));
            if let Some(kind) = &s.kind {
                card.meta(kind, "card-meta");
            }
            support.cells[col].push(card);
        }
    }

    // Flows that are not a plain step to the next column run in a channel above the steps,
    // each on its own track where they overlap, so that no two cross the same stretch.
    let mut routed: Vec<(usize, usize, &Flow)> = Vec::new();
    let mut straight: Vec<(usize, usize, &Flow)> = Vec::new();
    for flow in &journey.flows {
        let (Some(&a), Some(&b)) = (col_of.get(&flow.from), col_of.get(&flow.to)) else { continue };
        if b == a + 1 && (flow.share.is_none() || flow.implicit || flow.share == Some(1.0)) && flow.label.is_none() {
            straight.push((a, b, flow));
        } else {
            routed.push((a, b, flow));
        }
    }
    routed.sort_by_key(|(a, b, _)| (a.abs_diff(*b), (*a).min(*b)));
    let mut tracks: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut track_of = Vec::new();
    for (a, b, _) in &routed {
        let span = ((*a).min(*b), (*a).max(*b));
        let free = tracks.iter().position(|t| t.iter().all(|&(lo, hi)| span.1 < lo || span.0 > hi));
        let t = free.unwrap_or_else(|| {
            tracks.push(Vec::new());
            tracks.len() - 1
        });
        tracks[t].push(span);
        track_of.push(t);
    }
    let channel_h = if routed.is_empty() { 0.0 } else { tracks.len() as f64 * TRACK + 18.0 };

    // Title.
    let mut y = MARGIN;
    let title = match journey.variant {
        Variant::Scenario { scenario, .. } => {
            let s = model.scenarios.get(scenario.index()).map_or(String::new(), |s| s.decl.label.to_string());
            format!("{} — scenario: {s}", journey.decl.label)
        }
        Variant::Base => journey.decl.label.to_string(),
    };
    svg.text(MARGIN, y + 20.0, &title, "title", Anchor::Start);
    let mut facts = vec![format!("Service blueprint of `{}`", journey.decl.id)];
    if let Some(c) = &journey.competitor {
        facts.push(format!("competitor: {c}"));
    }
    if let Some(v) = &journey.volume {
        facts.push(format!("{} customers a month", units::count(v.per_month())));
    }
    let segments: Vec<&str> =
        journey.segments.iter().filter_map(|s| model.segments.get(s.index())).map(|s| s.decl.label.as_str()).collect();
    if !segments.is_empty() {
        facts.push(format!("segments: {}", segments.join(", ")));
    }
    svg.text(MARGIN, y + 38.0, &facts.join(" · "), "subtitle", Anchor::Start);
    y += 56.0;

    // Stages.
    if !journey.stages.is_empty() {
        let stage_h = 30.0;
        let mut col = 0;
        while col < order.len() {
            let stage = journey.step(order[col]).and_then(|s| s.stage);
            let mut end = col;
            while end + 1 < order.len() && journey.step(order[end + 1]).and_then(|s| s.stage) == stage {
                end += 1;
            }
            let x = col_x(col);
            let w = col_x(end) + COL_W - x;
            svg.rect(x, y, w, stage_h, "stage");
            let label =
                stage.and_then(|s| journey.stages.get(s.index())).map_or("(no stage)", |s| s.decl.label.as_str());
            let fitted = wrap(label, w - 12.0, 13.0);
            let shown = if fitted.len() > 1 { format!("{}…", fitted[0]) } else { fitted[0].clone() };
            svg.raw("<g>");
            svg.title(label);
            svg.text(x + w / 2.0, y + 20.0, &shown, "stage-label", Anchor::Middle);
            svg.raw("</g>\n");
            col = end + 1;
        }
        svg.text(MARGIN + 8.0, y + 20.0, "Stages", "band-label", Anchor::Start);
        y += stage_h + 8.0;
    }

    // Evidence on top, then the flows' channel, right above the steps they connect.
    let evidence_top = y;
    let evidence_h = evidence.height();
    let channel_top = evidence_top + evidence_h;
    let customer_top = channel_top + channel_h;
    let customer_h = customer.height();
    let emotion_top = customer_top + customer_h;
    let interaction_y = emotion_top + EMOTION_H + 10.0;
    let front_top = interaction_y + 10.0;
    let front_h: f64 = front.values().map(Row::height).sum::<f64>().max(if front.is_empty() { 40.0 } else { 0.0 });
    let visibility_y = front_top + front_h + 10.0;
    let back_top = visibility_y + 10.0;
    let back_h: f64 = back.values().map(Row::height).sum::<f64>().max(if back.is_empty() { 40.0 } else { 0.0 });
    let internal_y = back_top + back_h + 10.0;
    let support_top = internal_y + 10.0;
    let support_h = support.height();
    let legend_top = support_top + support_h + 16.0;
    let height = legend_top + 64.0 + MARGIN;

    // Links behind everything: a column's customer step down to the lowest card it has.
    svg.open_group("links", "links");
    for (col, &id) in order.iter().enumerate() {
        let Some(step) = journey.step(id) else { continue };
        let has_back = back.values().any(|r| !r.cells[col].is_empty());
        let has_support = !support.cells[col].is_empty();
        let bottom = if has_support {
            support_top + ROW_GAP
        } else if has_back {
            back_top + ROW_GAP
        } else if step.at.is_some() {
            front_top + ROW_GAP
        } else {
            continue;
        };
        svg.line(centre(col), customer_top + ROW_GAP, centre(col), bottom, "link");
    }
    svg.close_group();

    svg.open_group("evidence", "row");
    evidence.draw(&mut svg, evidence_top, width);
    svg.close_group();
    if channel_h > 0.0 {
        svg.band(MARGIN, channel_top, width - 2.0 * MARGIN, channel_h, "band-customer");
        svg.text(MARGIN + 8.0, channel_top + 14.0, "Flows", "band-label", Anchor::Start);
    }
    svg.open_group("customer", "row");
    customer.draw(&mut svg, customer_top, width);
    svg.close_group();

    // Flow arrows.
    svg.open_group("flows", "flows");
    let anchor_y = customer_top + ROW_GAP + 18.0;
    for (a, b, flow) in &straight {
        svg.raw("<g>");
        svg.title(&flow_title(journey, flow));
        svg.path(
            &format!(
                "M{},{} L{},{}",
                crate::svg::n(col_x(*a) + COL_W),
                crate::svg::n(anchor_y),
                crate::svg::n(col_x(*b) - 2.0),
                crate::svg::n(anchor_y)
            ),
            "flow",
        );
        svg.raw("</g>\n");
    }
    for ((a, b, flow), track) in routed.iter().zip(&track_of) {
        let ty = channel_top + 8.0 + *track as f64 * TRACK;
        let back_flow = b <= a;
        // Leave from the right part of the source card, arrive at the left part of the target.
        let x1 = centre(*a) + 20.0;
        let x2 = centre(*b) - 20.0;
        let card_top = customer_top + ROW_GAP;
        let d = format!(
            "M{x1},{y1} L{x1},{ty} L{x2},{ty} L{x2},{y2}",
            x1 = crate::svg::n(x1),
            y1 = crate::svg::n(card_top),
            ty = crate::svg::n(ty),
            x2 = crate::svg::n(x2),
            y2 = crate::svg::n(card_top - 2.0)
        );
        svg.raw("<g>");
        svg.title(&flow_title(journey, flow));
        svg.path(&d, if back_flow { "flow-back" } else { "flow" });
        let mut label = flow.share.filter(|_| !flow.implicit).map(units::percent).unwrap_or_default();
        if let Some(l) = &flow.label {
            label = if label.is_empty() { l.to_string() } else { format!("{label} {l}") };
        }
        if !label.is_empty() {
            let mid = (x1 + x2) / 2.0;
            let shown = wrap(&label, (x1 - x2).abs().max(60.0) - 8.0, SMALL).into_iter().next().unwrap_or_default();
            let w = crate::svg::text_width(&shown, SMALL) + 8.0;
            svg.band(mid - w / 2.0, ty - 6.0, w, 12.0, "share-bg");
            svg.text(mid, ty + 3.5, &shown, "share", Anchor::Middle);
        }
        svg.raw("</g>\n");
    }
    svg.close_group();

    // Emotion curve.
    svg.open_group("emotion", "row");
    svg.band(MARGIN, emotion_top, width - 2.0 * MARGIN, EMOTION_H, "band-customer");
    svg.text(MARGIN + 8.0, emotion_top + 18.0, "Emotion", "band-label", Anchor::Start);
    let mid = emotion_top + EMOTION_H / 2.0;
    let scale = (EMOTION_H / 2.0 - 14.0) / 2.0;
    svg.line(MARGIN + GUTTER - 10.0, mid, width - MARGIN, mid, "emotion-zero");
    for (v, label) in [(2.0, "+2"), (0.0, "0"), (-2.0, "-2")] {
        svg.text(MARGIN + GUTTER - 14.0, mid - v * scale + 3.0, label, "emotion-label", Anchor::End);
    }
    let points: Vec<(f64, f64, f64)> = order
        .iter()
        .enumerate()
        .filter_map(|(col, &id)| journey.step(id).and_then(|s| s.emotion).map(|e| (centre(col), mid - e * scale, e)))
        .collect();
    if points.len() > 1 {
        let d: Vec<String> = points
            .iter()
            .enumerate()
            .map(|(i, (x, y, _))| {
                format!("{}{},{}", if i == 0 { "M" } else { "L" }, crate::svg::n(*x), crate::svg::n(*y))
            })
            .collect();
        svg.path(&d.join(" "), "emotion-line");
    }
    for (x, y, e) in &points {
        let class = if *e > 0.0 {
            "emotion-dot-good"
        } else if *e < 0.0 {
            "emotion-dot-bad"
        } else {
            "emotion-dot-neutral"
        };
        svg.circle(*x, *y, 5.0, class);
        svg.text(*x + 8.0, *y - 6.0, &units::score(*e), "emotion-label", Anchor::Start);
    }
    svg.close_group();

    // The lines, and the organisation's rows between them.
    let divider = |svg: &mut Svg, y: f64, class: &str, label: &str, label_class: &str| {
        svg.line(MARGIN, y, width - MARGIN, y, class);
        svg.text(MARGIN + 8.0, y - 4.0, label, label_class, Anchor::Start);
    };
    divider(&mut svg, interaction_y, "line-interaction", "Line of interaction", "line-label interaction");
    svg.open_group("frontstage", "rows");
    let mut ry = front_top;
    for row in front.values() {
        ry += row.draw(&mut svg, ry, width);
    }
    if front.is_empty() {
        svg.text(MARGIN + 8.0, front_top + 24.0, "No touchpoints", "lane-label", Anchor::Start);
    }
    svg.close_group();
    divider(&mut svg, visibility_y, "line-visibility", "Line of visibility", "line-label visibility");
    svg.open_group("backstage", "rows");
    let mut ry = back_top;
    for row in back.values() {
        ry += row.draw(&mut svg, ry, width);
    }
    if back.is_empty() {
        svg.text(MARGIN + 8.0, back_top + 24.0, "No procedures", "lane-label", Anchor::Start);
    }
    svg.close_group();
    divider(&mut svg, internal_y, "line-internal", "Line of internal interaction", "line-label internal");
    svg.open_group("support", "row");
    support.draw(&mut svg, support_top, width);
    svg.close_group();

    legend(&mut svg, legend_top);

    let steps = journey.steps.len();
    let desc = format!(
        "Service blueprint of the journey {} with {steps} steps in {} stages: customer steps with their emotion, the touchpoints in front of the line of visibility, the procedures behind it, and the systems that support them.",
        journey.decl.label,
        journey.stages.len()
    );
    svg.finish(
        width.max(760.0),
        height,
        &title,
        &desc,
        &format!(
            "{STYLE}.pain-line {{ font-size: 10px; fill: #d64545; }}\n.risk-line {{ font-size: 10px; fill: #a76a00; }}"
        ),
    )
}

fn flow_title(journey: &Journey, flow: &Flow) -> String {
    let name = |s: StepId| journey.step(s).map_or(String::new(), |s| s.decl.label.to_string());
    let mut t = format!("{} → {}", name(flow.from), name(flow.to));
    if let Some(share) = flow.share.filter(|_| !flow.implicit) {
        t.push_str(&format!(" ({})", units::percent(share)));
    }
    t
}

fn legend(svg: &mut Svg, y: f64) {
    svg.open_group("legend", "legend");
    let items: [(&str, &str); 6] = [
        ("card-evidence", "Physical evidence"),
        ("card-step", "Customer step"),
        ("card-touchpoint", "Touchpoint (frontstage)"),
        ("card-procedure", "Procedure (backstage)"),
        ("card-system", "Support system"),
        ("risk", "Risk"),
    ];
    let mut x = MARGIN;
    for (class, label) in items {
        svg.rect(x, y, 18.0, 14.0, class);
        svg.text(x + 24.0, y + 11.0, label, "legend-text", Anchor::Start);
        x += 34.0 + crate::svg::text_width(label, 11.0);
    }
    svg.path(
        &format!(
            "M{},{} L{},{}",
            crate::svg::n(x),
            crate::svg::n(y + 7.0),
            crate::svg::n(x + 30.0),
            crate::svg::n(y + 7.0)
        ),
        "flow",
    );
    svg.text(x + 36.0, y + 11.0, "Flow (with its share)", "legend-text", Anchor::Start);
    x += 170.0;
    svg.path(
        &format!(
            "M{},{} L{},{}",
            crate::svg::n(x),
            crate::svg::n(y + 7.0),
            crate::svg::n(x + 30.0),
            crate::svg::n(y + 7.0)
        ),
        "flow-back",
    );
    svg.text(x + 36.0, y + 11.0, "Flow back (a loop)", "legend-text", Anchor::Start);
    let y2 = y + 28.0;
    let mut x = MARGIN;
    for (class, label) in [
        ("line-interaction", "Line of interaction"),
        ("line-visibility", "Line of visibility"),
        ("line-internal", "Line of internal interaction"),
    ] {
        svg.line(x, y2 + 7.0, x + 30.0, y2 + 7.0, class);
        svg.text(x + 36.0, y2 + 11.0, label, "legend-text", Anchor::Start);
        x += 60.0 + crate::svg::text_width(label, 11.0);
    }
    svg.text(x, y2 + 11.0, "Pain points in red, risks in amber, on their steps", "legend-text", Anchor::Start);
    svg.close_group();
}

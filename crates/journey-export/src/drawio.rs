//! draw.io (diagrams.net): the service blueprint of a journey as an editable diagram. Each row
//! of the blueprint is a swimlane — physical evidence, the customer's steps, each lane's
//! touchpoints (frontstage), each lane's procedures (backstage) and the support systems — with
//! the line of interaction, the line of visibility and the line of internal interaction between
//! them; stages head the columns, one column per step. Steps, touchpoints, procedures, systems
//! and evidence are shapes inside their swimlane (so they move with it), joined by connectors
//! that follow them when people move or restyle them.
//!
//! The file is an uncompressed `mxfile` with one page. Labels are HTML labels (so that they
//! wrap), so user text is escaped for HTML and then for the XML attribute. Ids are built from
//! indices and safe ids ([`crate::view::ident`]).

use std::collections::BTreeMap;
use std::fmt::Write;

use journey_model::ir::{JourneyId, LaneId, Model, ProcedureId, SystemId, TouchpointId};

use crate::view::{View, clean, flow_text, name};

/// Column and shape sizes, in draw.io's pixels.
/// Room for a swimlane's title band (`startSize=30`) before the first column.
const TITLE: i64 = 40;
const COLUMN: i64 = 180;
const SHAPE_W: i64 = 150;
const SHAPE_H: i64 = 60;
const GAP: i64 = 20;
const STAGE_H: i64 = 40;
const LINE_H: i64 = 20;
/// The distance between the tracks of flows that jump over steps, above the steps.
const TRACK: i64 = 12;
/// At most this many tracks; more flows share them.
const TRACKS: i64 = 8;

/// One column of the blueprint: a step and what stands behind it.
struct Column {
    step: usize,
    touchpoint: Option<TouchpointId>,
    procedures: Vec<ProcedureId>,
    systems: Vec<SystemId>,
    evidence: Vec<String>,
}

/// A swimlane row: its key, its title, and per column the shapes in it (id suffix, label, style).
struct Row {
    key: String,
    title: String,
    style: &'static str,
    /// Room above the shapes (for the flows that jump over steps).
    top: i64,
    /// Per column: (cell id, label, style).
    cells: Vec<Vec<(String, String, String)>>,
}

impl Row {
    fn new(key: impl Into<String>, title: impl Into<String>, style: &'static str, columns: usize) -> Row {
        Row { key: key.into(), title: title.into(), style, top: 0, cells: (0..columns).map(|_| Vec::new()).collect() }
    }

    fn height(&self) -> i64 {
        let most = self.cells.iter().map(Vec::len).max().unwrap_or(0).max(1) as i64;
        self.top + most * (SHAPE_H + GAP) + GAP
    }
}

const STEP: &str = "rounded=1;whiteSpace=wrap;html=1;arcSize=20;";
const TOUCHPOINT: &str = "rounded=0;whiteSpace=wrap;html=1;fillColor=#dae8fc;strokeColor=#6c8ebf;";
const PROCEDURE: &str = "rounded=0;whiteSpace=wrap;html=1;fillColor=#e1d5e7;strokeColor=#9673a6;";
const SYSTEM: &str =
    "shape=cylinder3;whiteSpace=wrap;html=1;boundedLbl=1;size=8;fillColor=#f5f5f5;strokeColor=#666666;";
const EVIDENCE: &str = "shape=note;whiteSpace=wrap;html=1;size=12;fillColor=#fff2cc;strokeColor=#d6b656;";
const LANE: &str = "swimlane;horizontal=0;startSize=30;container=1;collapsible=0;html=1;whiteSpace=wrap;";

/// The fill of a step by its emotion: red (−2) to green (+2), white when unknown.
fn emotion_fill(emotion: Option<f64>) -> &'static str {
    match emotion {
        None => "#ffffff",
        Some(e) if e <= -1.5 => "#f8cecc",
        Some(e) if e <= -0.5 => "#ffe6cc",
        Some(e) if e < 0.5 => "#f5f5f5",
        Some(e) if e < 1.5 => "#e6f4d7",
        Some(_) => "#d5e8d4",
    }
}

pub fn drawio(model: &Model, journey: JourneyId) -> String {
    let view = View::new(model, journey);
    let Some(j) = model.journey(journey) else {
        return document(&view.key, &view.title, 0, 0, "");
    };
    // Columns in blueprint order: stage by stage, then the steps in no stage.
    let mut order: Vec<usize> = view.stages.iter().flat_map(|(_, s)| s.iter().copied()).collect();
    order.extend(view.loose.iter().copied());
    let columns: Vec<Column> = order
        .iter()
        .filter_map(|&i| j.steps.get(i).map(|s| (i, s)))
        .map(|(i, step)| {
            let touchpoint = step.at.filter(|t| model.touchpoint(*t).is_some());
            let tp = touchpoint.and_then(|t| model.touchpoint(t));
            let mut procedures: Vec<ProcedureId> = step.via.clone();
            procedures.extend(tp.map(|t| t.supported_by.clone()).unwrap_or_default());
            procedures.retain(|p| p.index() < model.procedures.len());
            dedup(&mut procedures);
            let mut systems: Vec<SystemId> = tp.map(|t| t.uses.clone()).unwrap_or_default();
            for p in &procedures {
                systems.extend(model.procedures[p.index()].uses.iter().copied());
            }
            systems.retain(|s| s.index() < model.systems.len());
            dedup(&mut systems);
            let evidence = step.evidence.iter().map(|e| clean(&e.text)).filter(|e| !e.is_empty()).collect();
            Column { step: i, touchpoint, procedures, systems, evidence }
        })
        .collect();
    let n = columns.len();

    // The rows, top to bottom.
    let mut evidence = Row::new("evidence", "Physical evidence", LANE, n);
    let mut customer = Row::new("customer", "Customer", LANE, n);
    let mut frontstage: BTreeMap<Option<LaneId>, Row> = BTreeMap::new();
    let mut backstage: BTreeMap<Option<LaneId>, Row> = BTreeMap::new();
    let mut support = Row::new("systems", "Support systems", LANE, n);
    let lane_row = |lane: Option<LaneId>, side: &str| -> Row {
        let (key, title) = match lane.and_then(|l| model.lanes.get(l.index()).map(|x| (l, x))) {
            Some((l, x)) if side == "back" => {
                (crate::view::ident("back_lane", l.index(), &x.decl.id), format!("{} (backstage)", name(&x.decl)))
            }
            Some((l, x)) => (crate::view::ident(&format!("{side}_lane"), l.index(), &x.decl.id), name(&x.decl)),
            None => (format!("{side}_nolane"), if side == "front" { "Frontstage".into() } else { "Backstage".into() }),
        };
        Row::new(key, title, LANE, n)
    };
    for (c, column) in columns.iter().enumerate() {
        let Some(step) = view.steps.get(column.step) else { continue };
        for (k, text) in column.evidence.iter().enumerate() {
            evidence.cells[c].push((format!("{}_ev{k}", step.key), html(text), EVIDENCE.into()));
        }
        let mut label = html(&step.name);
        if let Some(s) = j.steps.get(column.step) {
            for pain in s.pains.iter().map(|p| clean(&p.text)).filter(|p| !p.is_empty()) {
                let _ = write!(label, "<br><i>⚠ {}</i>", html(&pain));
            }
        }
        let style = format!("{STEP}fillColor={};", emotion_fill(step.emotion));
        customer.cells[c].push((step.key.clone(), label, style));
        if let Some(t) = column.touchpoint.and_then(|t| model.touchpoint(t).map(|tp| (t, tp))) {
            let row = frontstage.entry(t.1.lane).or_insert_with(|| lane_row(t.1.lane, "front"));
            row.cells[c].push((format!("{}_tp{}", step.key, t.0.index()), html(&name(&t.1.decl)), TOUCHPOINT.into()));
        }
        for &p in &column.procedures {
            let procedure = &model.procedures[p.index()];
            let row = backstage.entry(procedure.lane).or_insert_with(|| lane_row(procedure.lane, "back"));
            row.cells[c].push((
                format!("{}_pr{}", step.key, p.index()),
                html(&name(&procedure.decl)),
                PROCEDURE.into(),
            ));
        }
        for &s in &column.systems {
            let system = &model.systems[s.index()];
            support.cells[c].push((format!("{}_sy{}", step.key, s.index()), html(&name(&system.decl)), SYSTEM.into()));
        }
    }

    // Flows to the next column go straight across; the others, and those with a label, jump
    // over the steps between on tracks above them.
    let mut column_of = vec![usize::MAX; view.steps.len()];
    for (c, column) in columns.iter().enumerate() {
        if let Some(slot) = column_of.get_mut(column.step) {
            *slot = c;
        }
    }
    let mut flows: Vec<(usize, usize, String, Option<i64>)> = Vec::new();
    let mut jumps = 0i64;
    for (i, step) in view.steps.iter().enumerate() {
        let several = step.next.len() > 1 || (step.exit > crate::view::EPSILON && !step.next.is_empty());
        for next in &step.next {
            let text = if several || next.label.is_some() {
                flow_text(next.share, next.label.as_deref())
            } else {
                String::new()
            };
            let (from, to) = (column_of.get(i).copied().unwrap_or(0), column_of.get(next.to).copied().unwrap_or(0));
            // A labelled flow takes a track too: between two columns there is no room for text.
            let track = (to != from + 1 || !text.is_empty()).then(|| {
                jumps += 1;
                (jumps - 1) % TRACKS
            });
            flows.push((i, next.to, text, track));
        }
    }
    customer.top = TRACK * jumps.min(TRACKS);

    let mut cells = String::new();
    let width = TITLE + COLUMN * n.max(1) as i64;
    // Stage headers across their columns.
    let mut x = TITLE;
    let mut y = 0;
    let mut stages: Vec<(String, usize)> =
        view.stages.iter().filter(|(_, s)| !s.is_empty()).map(|(name, s)| (name.clone(), s.len())).collect();
    if !view.loose.is_empty() && !stages.is_empty() {
        stages.push((String::new(), view.loose.len()));
    }
    for (k, (stage, count)) in stages.iter().enumerate() {
        let w = COLUMN * *count as i64;
        if !stage.is_empty() {
            let style = "rounded=0;whiteSpace=wrap;html=1;fillColor=#f5f5f5;strokeColor=#999999;fontStyle=1;";
            vertex(&mut cells, &format!("{}_stage{k}", view.key), "1", &html(stage), style, (x, y, w, STAGE_H));
        }
        x += w;
    }
    if !stages.is_empty() {
        y += STAGE_H + GAP / 2;
    }
    let place = |row: &Row, y: &mut i64, cells: &mut String| {
        let id = format!("{}_{}", view.key, row.key);
        let h = row.height();
        vertex(cells, &id, "1", &html(&row.title), row.style, (0, *y, width, h));
        for (c, shapes) in row.cells.iter().enumerate() {
            for (k, (key, label, style)) in shapes.iter().enumerate() {
                let sx = TITLE + COLUMN * c as i64 + (COLUMN - SHAPE_W) / 2;
                let sy = row.top + GAP + (SHAPE_H + GAP) * k as i64;
                vertex(cells, key, &id, label, style, (sx, sy, SHAPE_W, SHAPE_H));
            }
        }
        *y += h;
    };
    let line = |label: &str, key: &str, y: &mut i64, cells: &mut String| {
        let style = "line;strokeWidth=1;dashed=1;html=1;strokeColor=#666666;align=left;verticalAlign=bottom;spacingLeft=4;fontSize=10;fontColor=#666666;";
        vertex(cells, &format!("{}_{key}", view.key), "1", label, style, (0, *y, width, LINE_H));
        *y += LINE_H;
    };
    if columns.iter().any(|c| !c.evidence.is_empty()) {
        place(&evidence, &mut y, &mut cells);
    }
    let customer_y = y;
    place(&customer, &mut y, &mut cells);
    line("Line of interaction", "interaction", &mut y, &mut cells);
    for row in frontstage.values() {
        place(row, &mut y, &mut cells);
    }
    line("Line of visibility", "visibility", &mut y, &mut cells);
    for row in backstage.values() {
        place(row, &mut y, &mut cells);
    }
    line("Line of internal interaction", "internal", &mut y, &mut cells);
    place(&support, &mut y, &mut cells);

    // Connectors, written before the shapes so that shapes are drawn over them: the customer's
    // flows, and each column's chain from step to systems.
    let mut lines = String::new();
    let mut edges = 0usize;
    let mut edge = |lines: &mut String, from: &str, to: &str, label: &str, style: &str, points: &[(i64, i64)]| {
        let points = if points.is_empty() {
            String::new()
        } else {
            let list: String = points.iter().map(|(x, y)| format!("<mxPoint x=\"{x}\" y=\"{y}\" />")).collect();
            format!("\n            <Array as=\"points\">{list}</Array>")
        };
        let _ = writeln!(
            lines,
            "        <mxCell id=\"{}_e{edges}\" value=\"{}\" style=\"{style}\" edge=\"1\" parent=\"1\" source=\"{from}\" target=\"{to}\">\n          <mxGeometry relative=\"1\" as=\"geometry\">{points}\n          </mxGeometry>\n        </mxCell>",
            view.key,
            attr(label)
        );
        edges += 1;
    };
    let flow = "html=1;endArrow=block;endFill=1;fontSize=10;labelBackgroundColor=#ffffff;";
    let center = |c: usize| TITLE + COLUMN * c as i64 + COLUMN / 2;
    for (from, to, text, track) in &flows {
        let (Some(a), Some(b)) = (view.steps.get(*from), view.steps.get(*to)) else { continue };
        match track {
            None => edge(&mut lines, &a.key, &b.key, "", &format!("{flow}exitX=1;exitY=0.5;entryX=0;entryY=0.5;"), &[]),
            Some(track) => {
                let y = customer_y + TRACK * track + TRACK / 2;
                let (ca, cb) = (column_of[*from], column_of[*to]);
                // Leave and enter a little off the middle, so that flows both ways stay apart.
                let (ax, bx) = (center(ca) + 15, center(cb) - 15);
                let style =
                    format!("{flow}edgeStyle=orthogonalEdgeStyle;rounded=1;exitX=0.6;exitY=0;entryX=0.4;entryY=0;");
                edge(&mut lines, &a.key, &b.key, &html(text), &style, &[(ax, y), (bx, y)]);
            }
        }
    }
    let support_line = "edgeStyle=orthogonalEdgeStyle;html=1;dashed=1;endArrow=open;strokeColor=#999999;";
    for column in &columns {
        let Some(step) = view.steps.get(column.step) else { continue };
        let touchpoint = column.touchpoint.map(|t| format!("{}_tp{}", step.key, t.index()));
        if let Some(t) = &touchpoint {
            edge(&mut lines, &step.key, t, "", support_line, &[]);
        }
        for p in &column.procedures {
            let from = touchpoint.clone().unwrap_or_else(|| step.key.clone());
            edge(&mut lines, &from, &format!("{}_pr{}", step.key, p.index()), "", support_line, &[]);
        }
        for s in &column.systems {
            // From the procedure that uses the system, else from the touchpoint.
            let by = column.procedures.iter().find(|p| model.procedures[p.index()].uses.contains(s));
            let from = match by {
                Some(p) => format!("{}_pr{}", step.key, p.index()),
                None => touchpoint.clone().unwrap_or_else(|| step.key.clone()),
            };
            edge(&mut lines, &from, &format!("{}_sy{}", step.key, s.index()), "", support_line, &[]);
        }
    }
    lines.push_str(&cells);
    document(&view.key, &view.title, width, y, &lines)
}

fn dedup<T: PartialEq + Copy>(items: &mut Vec<T>) {
    let mut seen = Vec::with_capacity(items.len());
    items.retain(|i| {
        let new = !seen.contains(i);
        seen.push(*i);
        new
    });
}

fn vertex(out: &mut String, id: &str, parent: &str, label: &str, style: &str, (x, y, w, h): (i64, i64, i64, i64)) {
    let _ = writeln!(
        out,
        "        <mxCell id=\"{id}\" value=\"{}\" style=\"{style}\" vertex=\"1\" parent=\"{parent}\">\n          <mxGeometry x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{h}\" as=\"geometry\" />\n        </mxCell>",
        attr(label)
    );
}

fn document(key: &str, title: &str, width: i64, height: i64, cells: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<mxfile host=\"journey\" type=\"device\">\n  <diagram id=\"{key}\" name=\"{}\">\n    <mxGraphModel dx=\"0\" dy=\"0\" grid=\"1\" gridSize=\"10\" guides=\"1\" tooltips=\"1\" connect=\"1\" arrows=\"1\" fold=\"1\" page=\"0\" pageScale=\"1\" pageWidth=\"{width}\" pageHeight=\"{height}\" math=\"0\" shadow=\"0\">\n      <root>\n        <mxCell id=\"0\" />\n        <mxCell id=\"1\" parent=\"0\" />\n{cells}      </root>\n    </mxGraphModel>\n  </diagram>\n</mxfile>\n",
        attr(&format!("Service blueprint: {title}"))
    )
}

/// Text for an HTML label: markup characters as entities, so user text is never markup.
fn html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Text for an XML attribute value.
fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_is_never_markup() {
        assert_eq!(attr(&html("<b>\"A&B\"</b>")), "&amp;lt;b&amp;gt;&amp;quot;A&amp;amp;B&amp;quot;&amp;lt;/b&amp;gt;");
    }
}

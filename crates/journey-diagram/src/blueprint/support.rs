//! The support systems: each drawn once, as a bar across the columns whose touchpoint or
//! procedures use it (solid where they do, a thin line between), its name at the start of every
//! solid stretch and again where a stage begins inside one, so that a page printed stage by
//! stage always shows it. Bars that do not overlap share a line.

use std::collections::{BTreeMap, BTreeSet};

use journey_model::ir::*;

use crate::draw::{Ctx, LABEL};
use crate::scene::{Anchor, Item, Stroke, Text};
use crate::text::ellipsize;

use super::cards::ROW_PAD;
use super::{COL_W, col_x};

const BAR_H: f64 = 28.0;
const BAR_GAP: f64 = 8.0;

/// Who calls on a system at a column: the touchpoint's staff, or a backstage procedure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Caller {
    Front,
    Back(ProcedureId),
}

/// A drawn band: its background, its bars, and where each (system, column) bar's top is.
pub type Band = (Vec<Item>, Vec<Item>, BTreeMap<(SystemId, usize), f64>);

/// Which columns use which system, and through what: kept by system (for the bars) and by
/// column (for the arrows down to them), each use once.
#[derive(Default)]
pub struct Uses {
    by_system: BTreeMap<SystemId, Vec<(usize, Caller)>>,
    /// Per column, its uses in order (system, caller): sorted and without repeats.
    by_column: BTreeMap<usize, BTreeSet<(SystemId, Caller)>>,
}

impl Uses {
    pub fn add(&mut self, system: SystemId, column: usize, caller: Caller) {
        if self.by_column.entry(column).or_default().insert((system, caller)) {
            self.by_system.entry(system).or_default().push((column, caller));
        }
    }

    /// The systems called on at a column, and by whom.
    pub fn callers(&self, column: usize) -> Vec<(SystemId, Caller)> {
        self.by_column.get(&column).map_or_else(Vec::new, |set| set.iter().copied().collect())
    }
}

struct Bar {
    system: SystemId,
    /// Stretches of consecutive columns that use it.
    runs: Vec<(usize, usize)>,
    columns: Vec<usize>,
}

/// The bars, in lines.
pub struct Bars {
    lines: Vec<Vec<Bar>>,
}

impl Bars {
    pub fn new(uses: &Uses, _columns: usize) -> Bars {
        let mut bars: Vec<Bar> = uses
            .by_system
            .iter()
            .map(|(&system, list)| {
                let mut columns: Vec<usize> = list.iter().map(|(c, _)| *c).collect();
                columns.sort_unstable();
                columns.dedup();
                let mut runs: Vec<(usize, usize)> = Vec::new();
                for &c in &columns {
                    match runs.last_mut() {
                        Some(run) if run.1 + 1 == c => run.1 = c,
                        _ => runs.push((c, c)),
                    }
                }
                Bar { system, runs, columns }
            })
            .collect();
        bars.sort_by_key(|b| (b.runs.first().map_or(0, |r| r.0), b.system));
        let mut lines: Vec<Vec<Bar>> = Vec::new();
        for bar in bars {
            let first = bar.runs.first().map_or(0, |r| r.0);
            let line = lines.iter().position(|l| l.last().and_then(|b| b.runs.last()).is_none_or(|r| r.1 < first));
            match line {
                Some(i) => lines[i].push(bar),
                None => lines.push(vec![bar]),
            }
        }
        Bars { lines }
    }

    pub fn height(&self) -> f64 {
        if self.lines.is_empty() {
            return 44.0;
        }
        let n = self.lines.len() as f64;
        2.0 * ROW_PAD + n * BAR_H + (n - 1.0) * BAR_GAP
    }

    /// The band's background, the bars, and where each (system, column) bar's top is.
    /// `stages` holds each column's stage.
    pub fn draw(&self, ctx: &Ctx, top: f64, (left, right, gutter): (f64, f64, f64), stages: &[Option<usize>]) -> Band {
        let (p, m) = (ctx.p, &ctx.m);
        let mut bg = vec![Item::rect(left, top, right - left, self.height(), Some(p.band_support), None)];
        let name = if self.lines.is_empty() { m.get("row-no-systems") } else { m.get("row-support") };
        bg.extend(crate::draw::row_header(left + 10.0, top + ROW_PAD, gutter - 24.0, &name, None, p));
        let mut items = Vec::new();
        let mut tops = BTreeMap::new();
        for (i, line) in self.lines.iter().enumerate() {
            let y = top + ROW_PAD + i as f64 * (BAR_H + BAR_GAP);
            for bar in line {
                let Some(system) = ctx.model.systems.get(bar.system.index()) else { continue };
                let mut tip = system.decl.label.to_string();
                if let Some(kind) = &system.kind {
                    tip = format!("{tip} · {kind}");
                }
                if let Some(d) = &system.decl.description {
                    tip = format!("{tip}\n{d}");
                }
                // The kind, unless it only repeats the name (`CRM`, kind `crm`).
                let text = match &system.kind {
                    Some(kind) if !kind.eq_ignore_ascii_case(&system.decl.label) => {
                        format!("{} · {kind}", system.decl.label)
                    }
                    _ => system.decl.label.to_string(),
                };
                let mut group = Vec::new();
                for pair in bar.runs.windows(2) {
                    let (from, to) = (col_x(pair[0].1) + COL_W, col_x(pair[1].0));
                    group.push(Item::line(
                        from,
                        y + BAR_H / 2.0,
                        to,
                        y + BAR_H / 2.0,
                        Stroke::solid(p.system.line, 3.0),
                    ));
                }
                for &(first, last) in &bar.runs {
                    let x = col_x(first);
                    let w = col_x(last) + COL_W - x;
                    group.push(Item::card(x, y, w, BAR_H, p.system.fill, Stroke::solid(p.system.line, 1.3)));
                    // The name at the start, and where each stage begins inside the stretch.
                    let starts: Vec<usize> =
                        (first..=last).filter(|&c| c == first || stages.get(c) != stages.get(c - 1)).collect();
                    for (k, &c) in starts.iter().enumerate() {
                        let end = starts.get(k + 1).map_or(last, |&n| n - 1);
                        let room = col_x(end) + COL_W - col_x(c) - 16.0;
                        let shown = ellipsize(&text, room, LABEL);
                        group.push(Item::Text(Text::line(
                            col_x(c) + 8.0,
                            y + 18.5,
                            shown,
                            LABEL,
                            p.text,
                            Anchor::Start,
                        )));
                    }
                }
                items.push(Item::group(Some(tip), group));
                for &c in &bar.columns {
                    tops.insert((bar.system, c), y);
                }
            }
        }
        (bg, items, tops)
    }
}

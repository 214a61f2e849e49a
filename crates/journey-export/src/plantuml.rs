//! PlantUML: an activity diagram (the "new" syntax) with one swimlane per lane.
//!
//! PlantUML's activity syntax is structured (`if`/`elseif`/`else`/`endif`), while a journey's
//! flows form any graph. The steps are laid out from the entries: a step with several ways on
//! (flows with shares, or a share that leaves there) opens an `if` whose branches meet again at
//! the step every branch must pass (its immediate post-dominator, in the graph without the
//! flows that loop back). A flow that loops back, or that reaches a step already drawn
//! elsewhere, ends its branch at a connector circle; the same name stands just before the step
//! it leads to, the usual flowchart convention for "continues there" ([`connector`]).
//!
//! Text goes through [`text`]: PlantUML's preprocessor expands `%functions()` anywhere (even
//! `%getenv`), creole reads `**`, `//`, `--`, `<tags>` (`<img:…>` reads files) and `[[links]]`,
//! and `;`, `|`, `(`, `)` end the pieces of a line. Those characters are written as numeric
//! character references (`&#37;`), except `\`, which is doubled: PlantUML 1.2020 fails to draw
//! a label holding the reference for `\` or `$`.

use std::collections::BTreeSet;

use std::fmt::Write;

use journey_model::ir::{JourneyId, Model};

use crate::view::{EPSILON, View, flow_text, percent};

pub fn plantuml(model: &Model, journey: JourneyId) -> String {
    let view = View::new(model, journey);
    let graph = Structure::new(&view);
    // The first pass finds the steps that flows jump to, the second draws their connectors.
    let mut first = Writer {
        view: &view,
        graph: &graph,
        out: String::new(),
        drawn: Vec::new(),
        lane: None,
        jumps: Vec::new(),
        depth: 0,
    };
    first.all();
    let mut targets: Vec<usize> = first.jumps;
    targets.sort_unstable();
    targets.dedup();
    let mut writer = Writer {
        view: &view,
        graph: &graph,
        out: String::new(),
        drawn: Vec::new(),
        lane: None,
        jumps: targets,
        depth: 0,
    };
    writer.out.push_str("@startuml\n");
    let _ = writeln!(writer.out, "title {}", text(&view.title));
    for lane in &view.lanes {
        let _ = writeln!(writer.out, "|{}| {}", lane.key, text(&lane.name));
    }
    writer.all();
    writer.out.push_str("@enduml\n");
    writer.out
}

/// Where a step's customers go, as a branch of the diagram.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Way {
    /// On to a step drawn after this one.
    Step(usize),
    /// Back (or across) to a step drawn elsewhere: a connector.
    Jump(usize),
    Exit,
}

/// The journey's graph with loops cut, and the merge point of every branch.
struct Structure {
    /// Per step, then the virtual start: its ways with the text of each.
    ways: Vec<Vec<(Way, String)>>,
    /// The immediate post-dominator of each node (steps, start, exit), in the graph where
    /// jumps and exits lead to the exit.
    ipdom: Vec<usize>,
}

impl Structure {
    fn new(view: &View) -> Structure {
        let n = view.steps.len();
        let (start, exit) = (n, n + 1);
        // Loops are cut at the flows that lead back to a step on the depth-first path.
        let back = view.back_edges(&view.roots());
        let mut ways: Vec<Vec<(Way, String)>> = Vec::with_capacity(n + 1);
        for (i, step) in view.steps.iter().enumerate() {
            let mut w: Vec<(Way, String)> = step
                .next
                .iter()
                .enumerate()
                .map(|(k, next)| {
                    let way = if back.contains(&(i, k)) { Way::Jump(next.to) } else { Way::Step(next.to) };
                    (way, flow_text(next.share, next.label.as_deref()))
                })
                .collect();
            if step.exit > EPSILON || w.is_empty() {
                w.push((Way::Exit, format!("{} leave", percent(step.exit))));
            }
            ways.push(w);
        }
        ways.push(view.entries.iter().map(|&(e, share)| (Way::Step(e), percent(share))).collect());
        // Topological order of the graph without back flows (Kahn's, smallest index first).
        let succ = |v: usize| -> Vec<usize> {
            match ways.get(v) {
                Some(w) => w.iter().map(|(way, _)| if let Way::Step(s) = way { *s } else { exit }).collect(),
                None => Vec::new(),
            }
        };
        let mut indegree = vec![0usize; n + 2];
        for v in 0..=n {
            for s in succ(v) {
                indegree[s] += 1;
            }
        }
        let mut ready: BTreeSet<usize> = (0..n + 2).filter(|&v| indegree[v] == 0).collect();
        let mut order = Vec::with_capacity(n + 2);
        while let Some(v) = ready.pop_first() {
            order.push(v);
            for s in succ(v) {
                indegree[s] -= 1;
                if indegree[s] == 0 {
                    ready.insert(s);
                }
            }
        }
        let mut rank = vec![usize::MAX; n + 2];
        for (r, &v) in order.iter().enumerate() {
            rank[v] = r;
        }
        // Post-dominators, sinks first: the nearest common post-dominator of the successors.
        let mut ipdom = vec![exit; n + 2];
        for &v in order.iter().rev() {
            if v == exit {
                continue;
            }
            let mut it = succ(v).into_iter();
            let Some(mut d) = it.next() else { continue };
            for s in it {
                d = intersect(d, s, &ipdom, &rank, exit);
            }
            ipdom[v] = d;
        }
        let _ = start;
        Structure { ways, ipdom }
    }
}

fn intersect(mut a: usize, mut b: usize, ipdom: &[usize], rank: &[usize], exit: usize) -> usize {
    while a != b {
        if a == exit || b == exit {
            return exit;
        }
        if rank[a] < rank[b] { a = ipdom[a] } else { b = ipdom[b] }
    }
    a
}

struct Writer<'a> {
    view: &'a View,
    graph: &'a Structure,
    out: String,
    drawn: Vec<bool>,
    lane: Option<usize>,
    /// In the first pass, the steps jumped to; in the second, the steps with a connector.
    jumps: Vec<usize>,
    /// How many `if`s are open.
    depth: usize,
}

/// Deeper than this, branches jump to their steps instead of nesting them, so that neither
/// this code's recursion nor the diagram grows without bound.
const MAX_DEPTH: usize = 32;

impl Writer<'_> {
    fn all(&mut self) {
        let n = self.view.steps.len();
        self.drawn = vec![false; n];
        if let Some(&(first, _)) = self.view.entries.first() {
            self.enter_lane(first);
        }
        self.out.push_str("start\n");
        if self.view.entries.len() > 1 {
            if let Some(meet) = self.branch(n, n + 1) {
                self.walk(meet, n + 1);
            }
        } else if let Some(&(first, _)) = self.view.entries.first() {
            self.walk(first, n + 1);
        } else {
            self.out.push_str("stop\n");
        }
        // Steps no customer reaches still belong on the diagram: each starts a flow of its own.
        let rest: Vec<usize> = self.view.orphans.iter().copied().chain(0..n).collect();
        for v in rest {
            if !self.drawn[v] {
                self.enter_lane(v);
                // A step only jumps lead to starts at its connector.
                if self.jumps.binary_search(&v).is_err() {
                    self.out.push_str("start\n");
                }
                self.walk(v, n + 1);
            }
        }
    }

    fn enter_lane(&mut self, step: usize) {
        let Some(lane) = self.view.steps.get(step).map(|s| s.lane) else { return };
        if self.lane != Some(lane) {
            if let Some(l) = self.view.lanes.get(lane) {
                let _ = writeln!(self.out, "|{}|", l.key);
            }
            self.lane = Some(lane);
        }
    }

    /// Draws from `v` until the flow reaches `stop` (not drawn) or ends.
    fn walk(&mut self, mut v: usize, stop: usize) {
        loop {
            if v == stop {
                return;
            }
            if self.drawn.get(v) != Some(&false) {
                self.jump(v);
                return;
            }
            self.drawn[v] = true;
            self.enter_lane(v);
            if let Some(name) = self.jumps.binary_search(&v).ok().and_then(connector) {
                let _ = writeln!(self.out, "({name})");
            }
            let step = &self.view.steps[v];
            let _ = writeln!(self.out, ":{};", text(&step.name));
            let ways = &self.graph.ways[v];
            match ways.as_slice() {
                [(Way::Step(to), _)] => v = *to,
                [(Way::Exit, _)] => {
                    self.out.push_str("stop\n");
                    return;
                }
                [(Way::Jump(to), _)] => {
                    self.jump(*to);
                    return;
                }
                _ => match self.branch(v, stop) {
                    Some(next) => v = next,
                    None => return,
                },
            }
        }
    }

    /// Draws the branches out of `v` (a step, or the start) and returns where they meet.
    fn branch(&mut self, v: usize, stop: usize) -> Option<usize> {
        let exit = self.view.steps.len() + 1;
        let meet = self.graph.ipdom[v];
        let ways = self.graph.ways[v].clone();
        let last = ways.len().saturating_sub(1);
        for (k, (way, label)) in ways.iter().enumerate() {
            let label = text(label);
            if k == 0 {
                let _ = writeln!(self.out, "if () then ({label})");
            } else if k == last {
                let _ = writeln!(self.out, "else ({label})");
            } else {
                let _ = writeln!(self.out, "elseif () then ({label})");
            }
            match *way {
                Way::Step(to) if self.depth >= MAX_DEPTH && to != meet => self.jump(to),
                Way::Step(to) => {
                    self.depth += 1;
                    self.walk(to, meet);
                    self.depth -= 1;
                }
                Way::Jump(to) => self.jump(to),
                Way::Exit => self.out.push_str("stop\n"),
            }
        }
        self.out.push_str("endif\n");
        (meet != exit && meet != stop).then_some(meet)
    }

    fn jump(&mut self, to: usize) {
        match self.jumps.binary_search(&to) {
            Ok(c) => {
                if let Some(name) = connector(c) {
                    let _ = writeln!(self.out, "({name})");
                }
            }
            // The first pass: remember the target.
            Err(_) => self.jumps.push(to),
        }
        self.out.push_str("detach\n");
    }
}

/// The name of the `index`th connector. PlantUML reads a connector's name as one character:
/// digits and Latin letters first, then Greek letters, then CJK ideographs (tens of thousands);
/// past those, a branch ends without a connector.
fn connector(index: usize) -> Option<char> {
    const ASCII: &[u8] = b"123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    // Greek capitals (U+03A2 is unassigned), small letters, CJK unified ideographs.
    const RANGES: [(u32, u32); 4] = [(0x0391, 0x03A1), (0x03A3, 0x03A9), (0x03B1, 0x03C9), (0x4E00, 0x9FFF)];
    if let Some(&b) = ASCII.get(index) {
        return Some(b as char);
    }
    let mut rest = (index - ASCII.len()) as u32;
    for (first, last) in RANGES {
        let size = last - first + 1;
        if rest < size {
            return char::from_u32(first + rest);
        }
        rest -= size;
    }
    None
}

/// Text for any PlantUML label.
fn text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 3);
    // A label of characters that take no room (combining marks with nothing to combine with,
    // joiners, variation selectors) makes PlantUML 1.2020 throw while it lays the diagram out
    // (`IllegalArgumentException` in `Slot.<init>`): the marks go on a dotted circle, as
    // Unicode shows a mark alone.
    if !chars.is_empty() && chars.iter().all(|&c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) == 0) {
        out.push('\u{25cc}');
    }
    for (i, &c) in chars.iter().enumerate() {
        let doubled = |c: char| (i > 0 && chars[i - 1] == c) || chars.get(i + 1) == Some(&c);
        match c {
            '\\' => out.push_str("\\\\"),
            '&' | '<' | '>' | '%' | '~' | '"' | '\'' | '[' | ']' | '|' | ';' | '(' | ')' | '{' | '}' | '#' | '!'
            | ':' => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            '*' | '/' | '_' | '-' | '=' | '^' | ',' | '.' if doubled(c) => {
                let _ = write!(out, "&#{};", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_inert() {
        assert_eq!(text("%getenv(\"HOME\")"), "&#37;getenv&#40;&#34;HOME&#34;&#41;");
        assert_eq!(text("a \\n b"), "a \\\\n b");
        assert_eq!(text("30-day **bold**"), "30-day &#42;&#42;bold&#42;&#42;");
        assert_eq!(text("<img:x.png>"), "&#60;img&#58;x.png&#62;");
        assert_eq!(text("\u{301}\u{11caa}"), "\u{25cc}\u{301}\u{11caa}");
        assert_eq!(text("\u{200d}"), "\u{25cc}\u{200d}");
        assert_eq!(text("e\u{301}"), "e\u{301}");
    }
}

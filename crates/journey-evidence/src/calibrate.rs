//! `journey fit --write`: a journey's flow shares and step durations rewritten from what a log
//! shows of all its cases, as edits of the value tokens of the files they are written in, so
//! that comments, blank lines and the order of everything stay as the modeller wrote them. The
//! rules (which ways out count, how shares are rounded, how durations are written) are the
//! reference's "Evidence" section, "Calibrating".

use std::collections::BTreeSet;

use journey_diagnostics::{Edit, SourceFiles, Span};
use journey_model::figures::Segmentation;
use journey_model::graph::outgoing;
use journey_model::ir::{Journey, Model, Variant};
use journey_model::units;
use journey_syntax::ast::{self, Item, Member, Term};

use crate::{Fit, Options, Part};

/// What calibrating a journey changes, what it leaves and why, and the edits that do it.
#[derive(Clone, Debug, Default)]
pub struct Calibration {
    pub journey: String,
    pub cases: u64,
    pub min_cases: u64,
    pub changes: Vec<Change>,
    pub left: Vec<Left>,
    /// Replacements of value tokens (and insertions of shares), by file, in no special order.
    pub edits: Vec<Edit>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Change {
    /// A flow's share: as it was (a fraction; `written` says whether it was written) and as it
    /// becomes (whole percent), from `taken` of the `out_of` cases leaving along modelled ways.
    Share { from: String, to: String, was: f64, written: bool, now: u32, taken: u64, out_of: u64 },
    /// A step's `entry:` share, from the `taken` of the `out_of` cases that start at an entry.
    Entry { step: String, was: f64, now: u32, taken: u64, out_of: u64 },
    /// A step's `duration:` (seconds before; text and seconds after) from the median of `gaps`
    /// gaps.
    Duration { step: String, was: f64, now: String, seconds: f64, gaps: u64 },
}

/// Something of the step left exactly as it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Left {
    pub step: String,
    /// `shares` or `duration`.
    pub what: &'static str,
    pub why: String,
}

/// The audience calibrated from: all cases of a log read as one window.
fn all_cases(fit: &Fit) -> Result<&Part, String> {
    if fit.window != "none" {
        return Err(format!(
            "calibrating needs the log as one window, not by {} windows: leave out --window (or write the statistics without it)",
            fit.window
        ));
    }
    fit.parts
        .iter()
        .find(|p| p.window.is_none() && p.segment.is_none())
        .ok_or_else(|| "the log has no cases to calibrate from".to_string())
}

/// Works out the calibration of the fit's journey (of the model the fit was made of). `asts` are the workspace's syntax trees,
/// by file, and `files` their texts.
pub fn calibrate(
    model: &Model,
    fit: &Fit,
    options: &Options,
    files: &SourceFiles,
    asts: &[Option<ast::File>],
) -> Result<Calibration, String> {
    let journey = model.journey(fit.id).ok_or("the journey cannot be found")?;
    if let Variant::Scenario { scenario, .. } = journey.variant {
        let name = model.scenarios.get(scenario.index()).map_or("", |s| s.decl.id.as_str());
        return Err(format!(
            "`{name}` is a scenario: calibrate its baseline journey `{}`, which the scenario's changes are laid over",
            journey.decl.id
        ));
    }
    let part = all_cases(fit)?;
    let mut out = Calibration {
        journey: journey.decl.id.to_string(),
        cases: part.cases,
        min_cases: options.min_cases,
        ..Calibration::default()
    };
    let find = Finder { files, asts };
    let segmentation = Segmentation::of(model, journey);
    let versions: Vec<(String, Vec<bool>)> = segmentation
        .segments
        .iter()
        .map(|&seg| {
            let name = model.segments.get(seg.index()).map_or(String::new(), |g| g.decl.id.to_string());
            (name, segmentation.allowed(journey, Some(seg)))
        })
        .collect();
    let scope = Scope { journey, part, options, find: &find, versions: &versions };
    entries(&scope, &mut out);
    shares(&scope, &mut out);
    durations(journey, part, options, &find, &mut out);
    Ok(out)
}

/// What the entries, the shares and the durations are calibrated from.
struct Scope<'a> {
    journey: &'a Journey,
    part: &'a Part,
    options: &'a Options,
    find: &'a Finder<'a>,
    /// Each segment of the journey with the steps it walks.
    versions: &'a [(String, Vec<bool>)],
}

impl Scope<'_> {
    /// A segment that walks none of `steps` but some other of `among` (none when every
    /// segment walks all or none of them): its customers' shares are renormalised past those
    /// steps, so the share written is not the share all cases show.
    fn skipped(&self, among: &[usize], steps: &[usize]) -> Option<(&str, usize)> {
        self.versions.iter().find_map(|(name, allowed)| {
            let walks = |s: &usize| allowed.get(*s).copied().unwrap_or(false);
            let skipped = steps.iter().find(|s| !walks(s))?;
            among.iter().any(walks).then_some((name.as_str(), *skipped))
        })
    }
}

/// The `entry:` shares, where two steps or more write one: the cases starting at each, over
/// those starting at any of them, in whole percent as the shares out of a step.
fn entries(scope: &Scope<'_>, out: &mut Calibration) {
    let Scope { journey, part, options, find, .. } = *scope;
    let written: Vec<(usize, f64)> =
        journey.steps.iter().enumerate().filter_map(|(s, step)| step.entry.map(|e| (s, e))).collect();
    if written.len() < 2 {
        return;
    }
    let counts: Vec<u64> = written.iter().map(|&(s, _)| part.observed.starts.get(s).copied().unwrap_or(0)).collect();
    let out_of: u64 = counts.iter().sum();
    let left = |why: String| Left { step: journey.decl.id.to_string(), what: "entry shares", why };
    let steps: Vec<usize> = written.iter().map(|w| w.0).collect();
    if let Some((segment, s)) = scope.skipped(&steps, &steps) {
        let id = journey.steps.get(s).map_or("", |s| s.decl.id.as_str());
        out.left.push(left(format!("segment `{segment}` does not take `{id}`, so all cases do not show its share")));
        return;
    }
    if out_of < options.min_cases || out_of == 0 {
        out.left.push(left(format!("too few cases ({out_of} of {})", options.min_cases)));
        return;
    }
    let Some(percents) = whole_percents(&counts) else {
        out.left.push(left(format!("{} entries cannot each keep 1 %", written.len())));
        return;
    };
    for ((&(s, was), &now), &taken) in written.iter().zip(&percents).zip(&counts) {
        if (was * 100.0 - f64::from(now)).abs() < 1e-9 {
            continue;
        }
        let Some(step) = journey.steps.get(s) else { continue };
        let Some(number) = find.step(step.decl.span).and_then(|item| literal(item, find.files, "entry")) else {
            continue;
        };
        out.edits.push(Edit { span: number, replacement: format!("{now}%") });
        out.changes.push(Change::Entry { step: step.decl.id.to_string(), was, now, taken, out_of });
    }
}

/// One way out of a step: a flow (its index in the journey's flows) or ending there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Way {
    Flow(usize),
    End,
}

fn shares(scope: &Scope<'_>, out: &mut Calibration) {
    let Scope { journey, part, options, find, .. } = *scope;
    // A journey without flows runs its steps in order: every share is 100 % and none is written.
    if journey.flows.iter().any(|f| f.implicit) {
        return;
    }
    let id = |s: usize| journey.steps.get(s).map(|s| s.decl.id.to_string()).unwrap_or_default();
    let o = &part.observed;
    for (s, going) in outgoing(journey).iter().enumerate() {
        if going.next.is_empty() {
            continue;
        }
        let mut ways: Vec<Way> = going.next.iter().map(|&(_, _, index)| Way::Flow(index)).collect();
        if going.exit > 1e-12 {
            ways.push(Way::End);
        }
        let left = |why: String| Left { step: id(s), what: "shares", why };
        let mut targets = BTreeSet::new();
        if let Some(&(t, _, _)) = going.next.iter().find(|&&(t, _, _)| !targets.insert(t)) {
            out.left.push(left(format!("two flows go to `{}`: share them out by hand", id(t.index()))));
            continue;
        }
        let targets: Vec<usize> = going.next.iter().map(|n| n.0.index()).collect();
        if let Some((segment, t)) = scope.skipped(&[s], &targets) {
            out.left.push(left(format!(
                "segment `{segment}` does not take `{}`, so all cases do not show the shares",
                id(t)
            )));
            continue;
        }
        let counts: Vec<u64> = ways
            .iter()
            .map(|w| match w {
                Way::Flow(i) => {
                    journey.flows.get(*i).and_then(|f| o.moves.get(&(s, f.to.index())).copied()).unwrap_or(0)
                }
                Way::End => o.ends.get(s).copied().unwrap_or(0),
            })
            .collect();
        let out_of: u64 = counts.iter().sum();
        if out_of < options.min_cases || out_of == 0 {
            out.left.push(left(format!("too few cases ({out_of} of {})", options.min_cases)));
            continue;
        }
        let Some(percents) = whole_percents(&counts) else {
            out.left.push(left(format!("{} ways out cannot each keep 1 %", ways.len())));
            continue;
        };
        let mut changes = Vec::new();
        let mut edits = Vec::new();
        let mut chained = None;
        for ((&way, &now), &taken) in ways.iter().zip(&percents).zip(&counts) {
            let Way::Flow(index) = way else { continue };
            let Some(flow) = journey.flows.get(index) else { continue };
            let was = going.next.iter().find(|n| n.2 == index).map_or(0.0, |n| n.1);
            if flow.share.is_some_and(|share| (share * 100.0 - f64::from(now)).abs() < 1e-9) {
                continue;
            }
            let Some(written) = find.flow(flow.span) else { continue };
            if written.path.len() > 2 {
                // A chain's flow that is its step's one way out takes everyone: nothing to write.
                if ways.len() == 1 {
                    continue;
                }
                chained = Some(find.files.text(flow.span.file).get(flow.span.range()).unwrap_or("").to_string());
                break;
            }
            let edit = match (&written.share, written.path.last()) {
                (Some(share), _) => Edit { span: share.span, replacement: format!("{now}%") },
                (None, Some(last)) => {
                    Edit { span: Span { start: last.span.end, ..last.span }, replacement: format!("  {now}%") }
                }
                (None, None) => continue,
            };
            edits.push(edit);
            changes.push(Change::Share {
                from: id(s),
                to: id(flow.to.index()),
                was,
                written: flow.share.is_some(),
                now,
                taken,
                out_of,
            });
        }
        if let Some(chain) = chained {
            out.left.push(left(format!(
                "its flows are written as a chain (`{chain}`), which takes no share: write them one by one"
            )));
            continue;
        }
        out.edits.extend(edits);
        out.changes.extend(changes);
    }
}

/// Whole percentages of `counts` that add to exactly 100: each count's quota `100·c/Σc` rounded
/// down, the points still missing given one each to the largest remainders (the first written
/// of equal ones); then every way left at 0 % gets 1 %, taken from the largest share (the first
/// of equals). `None` when there are more than 100 ways.
pub fn whole_percents(counts: &[u64]) -> Option<Vec<u32>> {
    let total: u128 = counts.iter().map(|&c| u128::from(c)).sum();
    if total == 0 || counts.len() > 100 {
        return None;
    }
    let mut percents: Vec<u32> = Vec::with_capacity(counts.len());
    let mut remainders: Vec<(u128, usize)> = Vec::with_capacity(counts.len());
    for (i, &c) in counts.iter().enumerate() {
        let scaled = u128::from(c) * 100;
        percents.push(u32::try_from(scaled / total).unwrap_or(100));
        remainders.push((scaled % total, i));
    }
    let missing = 100u32.saturating_sub(percents.iter().sum());
    // Largest remainder first; equal remainders in the order written.
    remainders.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for &(_, i) in remainders.iter().take(missing as usize) {
        if let Some(p) = percents.get_mut(i) {
            *p += 1;
        }
    }
    for i in 0..percents.len() {
        if percents.get(i) == Some(&0) {
            let largest = (0..percents.len()).max_by(|&a, &b| percents[a].cmp(&percents[b]).then(b.cmp(&a)))?;
            percents[largest] -= 1;
            percents[i] = 1;
        }
    }
    Some(percents)
}

fn durations(journey: &Journey, part: &Part, options: &Options, find: &Finder<'_>, out: &mut Calibration) {
    for step in &journey.steps {
        let id = step.decl.id.to_string();
        let Some(fitted) = part.steps.iter().find(|f| f.step == id) else { continue };
        let gaps = fitted.observed.count;
        let left = |why: String| Left { step: id.clone(), what: "duration", why };
        let Some(median) = fitted.observed.median_ms else {
            if step.duration.is_some() {
                out.left.push(left("the log does not time it (no next event, or an untimed log)".into()));
            }
            continue;
        };
        let Some(was) = step.duration else {
            if gaps >= options.min_cases {
                let seen = units::duration(median as f64 / 1000.0);
                out.left
                    .push(left(format!("no `duration:` is written (observed median {seen}): add one to calibrate it")));
            }
            continue;
        };
        if gaps < options.min_cases {
            out.left.push(left(format!("too few timed gaps ({gaps} of {})", options.min_cases)));
            continue;
        }
        let (now, seconds) = readable_duration(median);
        if (seconds - was).abs() < 1e-9 {
            continue;
        }
        let Some(number) = find.step(step.decl.span).and_then(|item| literal(item, find.files, "duration")) else {
            continue;
        };
        out.edits.push(Edit { span: number, replacement: now.clone() });
        out.changes.push(Change::Duration { step: id.clone(), was, now, seconds, gaps });
    }
}

/// The span of the number of an item's field `key` (`duration`, `entry`).
fn literal(item: &Item, files: &SourceFiles, key: &str) -> Option<Span> {
    let field = item.fields().find(|f| files.text(f.key.span.file).get(f.key.span.range()) == Some(key))?;
    match field.values.first()? {
        Term::Number(n, None) => Some(n.span),
        _ => None,
    }
}

/// A duration in milliseconds written the way a modeller would: two significant figures in the
/// largest unit of `d`, `h`, `min`, `s` it makes at least one of (17 min 30 s → `18min`, 2 d 4 h
/// → `2.2d`, 45 s → `45s`), and, when rounding reaches the next unit, in that one (59 min 40 s
/// → `1h`). Returns the text and its seconds.
pub fn readable_duration(ms: i64) -> (String, f64) {
    const UNITS: [(&str, f64); 4] = [("d", 86_400.0), ("h", 3_600.0), ("min", 60.0), ("s", 1.0)];
    let unit_of = |seconds: f64| UNITS.iter().copied().find(|&(_, size)| seconds >= size).unwrap_or(("s", 1.0));
    let seconds = ms.max(0) as f64 / 1000.0;
    let (_, size) = unit_of(seconds);
    let rounded = two_figures(seconds / size) * size;
    // Written again in the unit the rounded value makes: 60 min is 1 h.
    let (name, size) = unit_of(rounded);
    let value = two_figures(rounded / size);
    let text = if value.fract().abs() < 1e-9 { format!("{value:.0}{name}") } else { format!("{value:.1}{name}") };
    (text, value * size)
}

/// `x` to two significant figures (halves away from zero).
fn two_figures(x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    let scale = 10f64.powi(1 - x.log10().floor() as i32);
    (x * scale).round() / scale
}

/// Finds what the model's spans point at in the syntax trees.
struct Finder<'a> {
    files: &'a SourceFiles,
    asts: &'a [Option<ast::File>],
}

impl Finder<'_> {
    fn items(&self, span: Span) -> impl Iterator<Item = &Item> {
        self.asts.get(span.file.0 as usize).and_then(Option::as_ref).into_iter().flat_map(|f| f.items.iter())
    }

    /// The flow written at `span`.
    fn flow(&self, span: Span) -> Option<&ast::Flow> {
        fn within(item: &Item, span: Span) -> Option<&ast::Flow> {
            if item.span.start > span.start || item.span.end < span.end {
                return None;
            }
            item.members().iter().find_map(|m| match m {
                Member::Flow(f) if f.span == span => Some(&**f),
                Member::Item(inner) => within(inner, span),
                _ => None,
            })
        }
        self.items(span).find_map(|item| within(item, span))
    }

    /// The step item written at `span`.
    fn step(&self, span: Span) -> Option<&Item> {
        fn within(item: &Item, span: Span) -> Option<&Item> {
            if item.span == span {
                return Some(item);
            }
            if item.span.start > span.start || item.span.end < span.end {
                return None;
            }
            item.items().find_map(|inner| within(inner, span))
        }
        self.items(span).find_map(|item| within(item, span))
    }
}

/// `text` with the edits (non-overlapping spans into it) made.
pub fn apply(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len() + 16 * sorted.len());
    let mut at = 0usize;
    for edit in sorted {
        let (start, end) = (edit.span.start as usize, edit.span.end as usize);
        if start < at || end > text.len() {
            continue;
        }
        out.push_str(text.get(at..start).unwrap_or(""));
        out.push_str(&edit.replacement);
        at = end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// What `--write` says it did.
pub fn summary(c: &Calibration) -> String {
    let mut out = format!(
        "journey {}: calibrated from {} case{} (min-cases {})\n",
        c.journey,
        c.cases,
        if c.cases == 1 { "" } else { "s" },
        c.min_cases
    );
    if c.changes.is_empty() {
        out.push_str("nothing to change\n");
    }
    for change in &c.changes {
        match change {
            Change::Share { from, to, was, written, now, taken, out_of } => {
                let was = units::percent(*was) + if *written { "" } else { " (assumed)" };
                out.push_str(&format!("  {from} → {to}: {was} → {now}% ({taken} of {out_of})\n"));
            }
            Change::Entry { step, was, now, taken, out_of } => {
                out.push_str(&format!("  entry at {step}: {} → {now}% ({taken} of {out_of})\n", units::percent(*was)));
            }
            Change::Duration { step, was, seconds, gaps, .. } => {
                let (was, now) = (units::duration(*was), units::duration(*seconds));
                out.push_str(&format!("  {step} duration: {was} → {now} (median of {gaps})\n"));
            }
        }
    }
    if !c.left.is_empty() {
        out.push_str("left as written:\n");
        for l in &c.left {
            out.push_str(&format!("  {} {}: {}\n", l.step, l.what, l.why));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_add_to_100_by_the_largest_remainders() {
        // 1/3 each: 33 + 33 + 33, the missing point to the first written.
        assert_eq!(whole_percents(&[1, 1, 1]), Some(vec![34, 33, 33]));
        // 245/324 = 75.617 %, 79/324 = 24.383 %: 75 + 24, the point to the larger remainder.
        assert_eq!(whole_percents(&[245, 79]), Some(vec![76, 24]));
        // A way never taken keeps 1 %, from the largest.
        assert_eq!(whole_percents(&[40, 0]), Some(vec![99, 1]));
        assert_eq!(whole_percents(&[0, 0]), None);
    }

    #[test]
    fn durations_are_written_with_two_figures() {
        assert_eq!(readable_duration(1_050_000), ("18min".to_string(), 1080.0));
        assert_eq!(readable_duration(45_000), ("45s".to_string(), 45.0));
        assert_eq!(readable_duration(187_200_000), ("2.2d".to_string(), 2.2 * 86_400.0));
        assert_eq!(readable_duration(3_580_000), ("1h".to_string(), 3600.0));
        assert_eq!(readable_duration(90_000), ("1.5min".to_string(), 90.0));
        assert_eq!(readable_duration(0), ("0s".to_string(), 0.0));
        assert_eq!(readable_duration(400), ("0.4s".to_string(), 0.4));
    }
}

//! A fit as tables a service designer reads: flows (modelled, observed, interval, how often
//! taken), step durations, transitions the model lacks, steps never taken, and the two scores;
//! with windows, the shares that drifted between them.
//! Unknown figures are written `unknown`, never 0.

use journey_analysis::render::Table;
use journey_model::units;

use crate::{Count, Fit, Part, Spread};

const UNKNOWN: &str = "unknown";

fn ms(value: Option<i64>) -> String {
    value.map_or(UNKNOWN.into(), |v| units::duration(v as f64 / 1000.0))
}

fn share(value: Option<f64>) -> String {
    value.map_or(UNKNOWN.into(), units::percent)
}

fn spread(s: &Spread) -> String {
    match (s.median_ms, s.p90_ms) {
        (Some(_), Some(_)) => format!("median {}, p90 {}", ms(s.median_ms), ms(s.p90_ms)),
        _ => UNKNOWN.into(),
    }
}

fn counts(list: &[Count], unmodelled: &str) -> String {
    let items: Vec<String> = list
        .iter()
        .map(|c| match (c.step, c.modelled) {
            (true, true) => format!("{} {}", c.at, c.count),
            (true, false) => format!("{} {} ({unmodelled})", c.at, c.count),
            (false, _) => format!("\"{}\" {} (no step)", c.at, c.count),
        })
        .collect();
    if items.is_empty() { "none".into() } else { items.join(", ") }
}

fn part(out: &mut String, p: &Part) {
    let mut title = match &p.segment {
        Some(s) => format!("segment {s}"),
        None => "all cases".to_string(),
    };
    if let Some(w) = &p.window {
        title = format!("{w}, {title}");
    }
    let plural = if p.cases == 1 { "" } else { "s" };
    out.push_str(&format!("\n{title}: {} case{plural}", p.cases));
    if p.too_thin {
        out.push_str(" (too few to judge)");
    }
    out.push('\n');
    out.push_str(&format!(
        "fitness {}, precision {}; case duration {}\n\n",
        share(p.fitness),
        share(p.precision),
        spread(&p.case_duration)
    ));

    let mut flows = Table::new(&["flow", "modelled", "observed", "95% interval", "taken"]);
    for f in &p.flows {
        let to = f.to.as_deref().unwrap_or("(end)");
        let modelled = units::percent(f.modelled) + if f.assumed { " (assumed)" } else { "" };
        let interval =
            f.interval.map_or(UNKNOWN.into(), |(lo, hi)| format!("{}–{}", units::percent(lo), units::percent(hi)));
        flows.row(vec![
            format!("{} → {to}", f.from),
            modelled,
            share(f.observed),
            interval,
            format!("{} of {}", f.taken, f.out_of),
        ]);
    }
    out.push_str(&flows.text());

    out.push('\n');
    let mut steps = Table::new(&["step", "visits", "modelled duration", "observed median", "observed p90"]);
    for s in &p.steps {
        steps.row(vec![
            s.step.clone(),
            s.visits.to_string(),
            s.modelled_s.map_or(UNKNOWN.into(), units::duration),
            ms(s.observed.median_ms),
            ms(s.observed.p90_ms),
        ]);
    }
    out.push_str(&steps.text());

    if !p.unmodelled.is_empty() {
        out.push('\n');
        let mut t = Table::new(&["unmodelled transition", "taken", "per case"]);
        for u in &p.unmodelled {
            t.row(vec![format!("{} → {}", u.from, u.to), u.count.to_string(), units::number(u.per_case)]);
        }
        out.push_str(&t.text());
    }
    if !p.promises.is_empty() {
        out.push('\n');
        let mut t = Table::new(&["experience", "target", "observed", "in the log"]);
        for pr in &p.promises {
            let verdict = match pr.holds {
                Some(true) => "kept",
                Some(false) => "missed",
                None => "cannot tell",
            };
            t.row(vec![pr.experience.clone(), pr.target.clone(), pr.shown.clone(), verdict.to_string()]);
        }
        out.push_str(&t.text());
    }
    out.push('\n');
    let never = if p.never_taken.is_empty() { "none".to_string() } else { p.never_taken.join(", ") };
    out.push_str(&format!("never taken: {never}\n"));
    out.push_str(&format!("starts: {}\n", counts(&p.starts, "not an entry of the model")));
    out.push_str(&format!("ends: {}\n", counts(&p.ends, "the model does not end here")));
}

/// The fit as text.
pub fn text(fit: &Fit) -> String {
    let mut out = format!(
        "journey {} \"{}\" against the log ({}, windows: {})\n",
        fit.journey,
        fit.label,
        if fit.timed { "timed" } else { "untimed" },
        fit.window
    );
    if !fit.unmapped.is_empty() {
        out.push_str("\nactivities no step records (add them to a step's `logged_as:`):\n");
        for u in &fit.unmapped {
            let hint = u.did_you_mean.as_ref().map(|d| format!("; did you mean `{d}`?")).unwrap_or_default();
            let plural = if u.events == 1 { "" } else { "s" };
            out.push_str(&format!("  \"{}\": {} event{plural}{hint}\n", u.activity, u.events));
        }
    }
    if !fit.other_segments.is_empty() {
        out.push_str("\nsegments of the log that the journey does not have (counted in all cases only):\n");
        for s in &fit.other_segments {
            let hint = s.did_you_mean.as_ref().map(|d| format!("; did you mean `{d}`?")).unwrap_or_default();
            let plural = if s.cases == 1 { "" } else { "s" };
            out.push_str(&format!("  \"{}\": {} case{plural}{hint}\n", s.segment, s.cases));
        }
    }
    for p in &fit.parts {
        part(&mut out, p);
    }
    if fit.window != "none" {
        drift(&mut out, fit);
    }
    out
}

fn drift(out: &mut String, fit: &Fit) {
    if fit.drift.is_empty() {
        out.push_str("\ndrift: no share changed from one window to the next\n");
        return;
    }
    out.push_str("\ndrift: shares that changed from one window to the next\n\n");
    let mut t = Table::new(&["flow", "audience", "from", "to", "before", "after", "change"]);
    for d in &fit.drift {
        let points = d.change() * 100.0;
        t.row(vec![
            format!("{} → {}", d.from, d.to.as_deref().unwrap_or("(end)")),
            d.segment.as_ref().map_or("all cases".to_string(), |s| format!("segment {s}")),
            d.before.window.clone(),
            d.after.window.clone(),
            format!("{} ({} of {})", units::percent(d.before.share), d.before.taken, d.before.out_of),
            format!("{} ({} of {})", units::percent(d.after.share), d.after.taken, d.after.out_of),
            format!("{}{:.1} points", if points > 0.0 { "+" } else { "−" }, points.abs()),
        ]);
    }
    out.push_str(&t.text());
}

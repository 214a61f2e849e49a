//! The report's evidence section: a journey held against an event log, observed next to
//! modelled. The figures come from `journey fit` (crates/journey-evidence) through the shell,
//! already computed; the report only lays them out, in the report's language.

use std::fmt::Write as _;

use journey_model::ir::JourneyId;

use crate::i18n::{Arg, Messages};
use crate::svg::escape;

/// What a log shows of one journey, as the report needs it: step labels, not ids.
#[derive(Clone, Debug)]
pub struct Evidence {
    pub journey: JourneyId,
    /// The log's file name, as the reader knows it.
    pub log: String,
    pub cases: u64,
    pub fitness: Option<f64>,
    pub precision: Option<f64>,
    pub flows: Vec<Flow>,
    pub drift: Vec<Drift>,
    /// The same flows for the blueprint, by step (`blueprint_scene_observed`).
    pub volumes: crate::Volumes,
}

/// A modelled flow (`to: None` for ending at `from`) with its observed share.
#[derive(Clone, Debug, Default)]
pub struct Flow {
    pub from: String,
    pub to: Option<String>,
    pub modelled: f64,
    pub assumed: bool,
    pub observed: Option<f64>,
    pub interval: Option<(f64, f64)>,
    pub taken: u64,
    pub out_of: u64,
    /// The modelled share lies outside the interval by more than the tolerance (J1101).
    pub off: bool,
}

/// A flow whose share changed from one window to the next (J1108).
#[derive(Clone, Debug, Default)]
pub struct Drift {
    pub flow: String,
    pub before_window: String,
    pub before: f64,
    pub after_window: String,
    pub after: f64,
}

/// The section, or nothing when the log holds no case of the journey.
pub fn section(m: &Messages, e: &Evidence) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<h3>{}</h3>", escape(&m.get("report-evidence")));
    let unknown = || m.get("report-unknown");
    let percent = |v: Option<f64>| v.map_or_else(unknown, |v| m.percent(v));
    let _ = writeln!(
        out,
        "<p class=\"jr-sub\">{}</p>",
        escape(&m.fmt(
            "report-evidence-summary",
            &[
                ("log", Arg::Str(&e.log)),
                ("cases", Arg::Num(e.cases as f64)),
                ("fitness", Arg::Str(&percent(e.fitness))),
                ("precision", Arg::Str(&percent(e.precision))),
            ],
        ))
    );
    let header =
        ["report-evidence-flow", "report-evidence-modelled", "report-evidence-observed", "report-evidence-taken"];
    out.push_str("<table class=\"jr-evidence\"><thead><tr>");
    for key in header {
        let _ = write!(out, "<th>{}</th>", escape(&m.get(key)));
    }
    out.push_str("</tr></thead><tbody>\n");
    for f in &e.flows {
        let to = f.to.clone().unwrap_or_else(|| m.get("report-evidence-end"));
        let mut modelled = m.percent(f.modelled);
        if f.assumed {
            modelled = m.fmt("report-evidence-assumed", &[("share", Arg::Str(&modelled))]);
        }
        let observed = match (f.observed, f.interval) {
            (Some(v), Some((lo, hi))) => m.fmt(
                "report-evidence-interval",
                &[
                    ("share", Arg::Str(&m.percent(v))),
                    ("low", Arg::Str(&m.percent(lo))),
                    ("high", Arg::Str(&m.percent(hi))),
                ],
            ),
            _ => unknown(),
        };
        let taken =
            m.fmt("report-evidence-of", &[("taken", Arg::Num(f.taken as f64)), ("total", Arg::Num(f.out_of as f64))]);
        let class = if f.off { " class=\"jr-warning\"" } else { "" };
        let _ = writeln!(
            out,
            "<tr{class}><td>{} → {}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&f.from),
            escape(&to),
            escape(&modelled),
            escape(&observed),
            escape(&taken)
        );
    }
    out.push_str("</tbody></table>\n");
    if e.flows.iter().any(|f| f.off) {
        let _ = writeln!(out, "<p class=\"jr-sub\">{}</p>", escape(&m.get("report-evidence-off")));
    }
    if !e.drift.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n<ul class=\"jr-drift\">", escape(&m.get("report-evidence-drift")));
        for d in &e.drift {
            let line = m.fmt(
                "report-evidence-drift-row",
                &[
                    ("flow", Arg::Str(&d.flow)),
                    ("before", Arg::Str(&m.percent(d.before))),
                    ("from", Arg::Str(&d.before_window)),
                    ("after", Arg::Str(&m.percent(d.after))),
                    ("to", Arg::Str(&d.after_window)),
                ],
            );
            let _ = writeln!(out, "<li>{}</li>", escape(&line));
        }
        out.push_str("</ul>\n");
    }
    out
}

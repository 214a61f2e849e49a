//! Graphviz DOT: the journey's flow graph, left to right. Each lane is a cluster; the start is
//! a filled circle and the end a double circle; every arrow out of a step that branches carries
//! its share; steps are tinted by their emotion.
//!
//! Every label is a double-quoted DOT string, where `"` and `\` are escaped with a backslash
//! (a backslash also starts Graphviz's label escapes such as `\N`, so a literal one is doubled).
//! Ids are built by [`crate::view::ident`], never taken from the model.

use std::fmt::Write;

use journey_model::ir::{JourneyId, Model};
use journey_model::units;

use crate::view::{EPSILON, View, flow_text, percent};

pub fn dot(model: &Model, journey: JourneyId) -> String {
    let view = View::new(model, journey);
    let mut out = String::new();
    let _ = writeln!(out, "digraph {} {{", view.key);
    let _ = writeln!(
        out,
        "    graph [rankdir=LR, newrank=true, labelloc=t, fontname=\"Helvetica\", label=\"{}\"];",
        quote(&view.title)
    );
    out.push_str("    node [shape=box, style=\"rounded,filled\", fillcolor=\"#ffffff\", fontname=\"Helvetica\"];\n");
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=10];\n");
    let start = format!("{}_start", view.key);
    let end = format!("{}_end", view.key);
    let _ = writeln!(
        out,
        "    {start} [label=\"Start\", shape=circle, fillcolor=\"#333333\", fontcolor=\"#ffffff\", fontsize=10];"
    );
    let _ = writeln!(
        out,
        "    {end} [label=\"End\", shape=doublecircle, fillcolor=\"#333333\", fontcolor=\"#ffffff\", fontsize=10];"
    );
    for (l, lane) in view.lanes.iter().enumerate() {
        let _ = writeln!(out, "    subgraph cluster_{} {{", lane.key);
        let _ = writeln!(out, "        label=\"{}\";", quote(&lane.name));
        out.push_str("        style=\"rounded\";\n        color=\"#999999\";\n");
        for step in view.steps.iter().filter(|s| s.lane == l) {
            let label = match step.emotion {
                Some(e) => format!("{}\\nemotion {}", quote(&step.name), units::score(e)),
                None => quote(&step.name),
            };
            let _ = writeln!(out, "        {} [label=\"{label}\", fillcolor=\"{}\"];", step.key, tint(step.emotion));
        }
        out.push_str("    }\n");
    }
    let several = view.entries.len() > 1;
    for &(entry, share) in &view.entries {
        let Some(step) = view.steps.get(entry) else { continue };
        if several {
            let _ = writeln!(out, "    {start} -> {} [label=\"{}\"];", step.key, quote(&percent(share)));
        } else {
            let _ = writeln!(out, "    {start} -> {};", step.key);
        }
    }
    for step in &view.steps {
        let branches = step.next.len() + usize::from(step.exit > EPSILON);
        for next in &step.next {
            let Some(to) = view.steps.get(next.to) else { continue };
            if branches > 1 || next.label.is_some() {
                let text = flow_text(next.share, next.label.as_deref());
                let _ = writeln!(out, "    {} -> {} [label=\"{}\"];", step.key, to.key, quote(&text));
            } else {
                let _ = writeln!(out, "    {} -> {};", step.key, to.key);
            }
        }
        if step.exit > EPSILON {
            if branches > 1 {
                let text = format!("{} leave", percent(step.exit));
                let _ = writeln!(out, "    {} -> {end} [label=\"{}\", style=dashed];", step.key, quote(&text));
            } else {
                let _ = writeln!(out, "    {} -> {end};", step.key);
            }
        }
    }
    out.push_str("}\n");
    out
}

/// The inside of a DOT double-quoted string.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out
}

/// A fill from red (−2) through white (0) to green (+2).
fn tint(emotion: Option<f64>) -> &'static str {
    match emotion.map(f64::round) {
        Some(e) if e <= -2.0 => "#f4cccc",
        Some(e) if e <= -1.0 => "#fce5cd",
        Some(e) if e >= 2.0 => "#b6d7a8",
        Some(e) if e >= 1.0 => "#d9ead3",
        _ => "#ffffff",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes() {
        assert_eq!(quote(r#"a "b" \N"#), r#"a \"b\" \\N"#);
    }
}

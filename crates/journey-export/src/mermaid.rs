//! Mermaid: a `journey` diagram (stages as sections, steps as tasks scored by emotion, with the
//! step's `actors:`, or else its lane, as the task's actors) and a `flowchart` (one subgraph per lane, shares on the arrows).
//!
//! The two diagram types read text differently. A `journey` line has no quoting: its lexer ends
//! a name at `:`, `;`, `#` or a line break, reads `%` at the start of a token as a comment and
//! a leading keyword (`title`, `section`, …) as that keyword, so such characters are replaced by
//! look-alikes and a leading keyword is kept from being one. A `flowchart` label is a quoted
//! string, in which Mermaid's entity codes (`#quot;`, `#35;`) stand for everything else that
//! could end the string, start a comment or a directive, or be read as markup.

use std::fmt::Write;

use journey_model::ir::{JourneyId, Model};

use crate::view::{CUSTOMER, EPSILON, View, flow_text, percent};

/// The words the `journey` lexer reads at the start of a token (case-insensitively).
const JOURNEY_KEYWORDS: [&str; 5] = ["journey", "title", "section", "acctitle", "accdescr"];

pub fn mermaid_journey(model: &Model, journey: JourneyId) -> String {
    let view = View::new(model, journey);
    let mut out = String::from("journey\n");
    let _ = writeln!(out, "    title {}", journey_text(&view.title));
    let mut sections: Vec<(&str, &[usize])> = view.stages.iter().map(|(n, s)| (n.as_str(), s.as_slice())).collect();
    if !view.loose.is_empty() {
        sections.push((&view.title, &view.loose));
    }
    for (section, steps) in sections {
        if steps.is_empty() {
            continue;
        }
        let _ = writeln!(out, "    section {}", journey_text(section));
        for &i in steps {
            let Some(step) = view.steps.get(i) else { continue };
            let lane = view.lanes.get(step.lane).map_or(CUSTOMER, |l| l.name.as_str());
            let actors: Vec<&str> =
                if step.actors.is_empty() { vec![lane] } else { step.actors.iter().map(String::as_str).collect() };
            // A comma separates actors: one inside a name becomes a full-width comma.
            let actors: Vec<String> = actors.iter().map(|a| journey_text(a).replace(',', "，")).collect();
            let _ =
                writeln!(out, "        {}: {}: {}", journey_text(&step.name), score(step.emotion), actors.join(", "));
        }
    }
    out
}

/// Emotion −2..+2 onto Mermaid's score 1..5; a step without emotion is neutral (3).
fn score(emotion: Option<f64>) -> String {
    let value = emotion.map_or(3.0, |e| (e + 3.0).clamp(1.0, 5.0));
    journey_model::units::number(value)
}

/// Text for a `journey` line: nothing in it ends the name, starts a comment or reads as a
/// keyword.
fn journey_text(text: &str) -> String {
    let mut out: String = text
        .chars()
        .map(|c| match c {
            ':' => '∶',
            ';' => '；',
            '#' => '＃',
            '%' => '％',
            '<' => '＜',
            '>' => '＞',
            c => c,
        })
        .collect();
    let lower = out.to_lowercase();
    if JOURNEY_KEYWORDS.iter().any(|k| lower.starts_with(k)) {
        // A zero-width space is not white space to the lexer, so the keyword rule cannot match.
        out.insert(0, '\u{200b}');
    }
    out
}

pub fn mermaid_flowchart(model: &Model, journey: JourneyId) -> String {
    let view = View::new(model, journey);
    let mut out = String::from("flowchart LR\n");
    let start = format!("{}_start", view.key);
    let end = format!("{}_end", view.key);
    let _ = writeln!(out, "    {start}([\"Start\"])");
    let _ = writeln!(out, "    {end}([\"End\"])");
    for (l, lane) in view.lanes.iter().enumerate() {
        let _ = writeln!(out, "    subgraph {}[\"{}\"]", lane.key, flowchart_text(&lane.name));
        for step in view.steps.iter().filter(|s| s.lane == l) {
            let _ = writeln!(out, "        {}[\"{}\"]", step.key, flowchart_text(&step.name));
        }
        out.push_str("    end\n");
    }
    let several = view.entries.len() > 1;
    for &(entry, share) in &view.entries {
        let Some(step) = view.steps.get(entry) else { continue };
        if several {
            let _ = writeln!(out, "    {start} -->|\"{}\"| {}", flowchart_text(&percent(share)), step.key);
        } else {
            let _ = writeln!(out, "    {start} --> {}", step.key);
        }
    }
    for step in &view.steps {
        let branches = step.next.len() + usize::from(step.exit > EPSILON);
        for next in &step.next {
            let Some(to) = view.steps.get(next.to) else { continue };
            if branches > 1 || next.label.is_some() {
                let text = flow_text(next.share, next.label.as_deref());
                let _ = writeln!(out, "    {} -->|\"{}\"| {}", step.key, flowchart_text(&text), to.key);
            } else {
                let _ = writeln!(out, "    {} --> {}", step.key, to.key);
            }
        }
        if step.exit > EPSILON {
            if branches > 1 {
                let text = format!("{} leave", percent(step.exit));
                let _ = writeln!(out, "    {} -.->|\"{}\"| {end}", step.key, flowchart_text(&text));
            } else {
                let _ = writeln!(out, "    {} --> {end}", step.key);
            }
        }
    }
    out
}

/// Text for a quoted `flowchart` string, with Mermaid's entity codes.
fn flowchart_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '"' => out.push_str("#quot;"),
            '#' => out.push_str("#35;"),
            ';' => out.push_str("#59;"),
            // `%%` starts a comment or a directive (`%%{init}%%`) anywhere: never write two.
            '%' if i > 0 && chars[i - 1] == '%' => out.push_str("#37;"),
            '&' => out.push_str("#amp;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '`' => out.push_str("#96;"),
            '|' => out.push_str("#124;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journey_text_cannot_end_a_name() {
        assert_eq!(journey_text("a: b; #c %% d"), "a∶ b； ＃c ％％ d");
        assert_eq!(journey_text("Section two"), "\u{200b}Section two");
        assert_eq!(journey_text("titles"), "\u{200b}titles");
    }

    #[test]
    fn flowchart_text_cannot_end_the_string() {
        assert_eq!(flowchart_text("say \"hi\" <script>"), "say #quot;hi#quot; #lt;script#gt;");
        assert_eq!(flowchart_text("#35;"), "#35;35#59;");
        assert_eq!(flowchart_text("70% %%{init}%%"), "70% %#37;{init}%#37;");
    }

    #[test]
    fn tasks_keep_their_actors_else_name_the_lane() {
        let text = r#"
lane service "Service"
system crm "CRM"
touchpoint phone "Phone" { lane: service  uses: crm }
journey j "J" {
  step a "Ask" at phone { emotion: -1  actors: "Me", "Agent: Jo, senior" }
  step b "Wait" at phone
}
"#;
        let checked = journey_model::check_text(std::path::Path::new("/m/j.journey"), text);
        assert!(!checked.has_errors(), "{:?}", checked.diagnostics);
        let out = mermaid_journey(&checked.model, JourneyId(0));
        assert!(out.contains("        Ask: 2: Me, Agent∶ Jo， senior\n"), "{out}");
        assert!(out.contains("        Wait: 3: Service\n"), "{out}");
    }

    #[test]
    fn scores() {
        assert_eq!(score(None), "3");
        assert_eq!(score(Some(-2.0)), "1");
        assert_eq!(score(Some(2.0)), "5");
        assert_eq!(score(Some(0.5)), "3.5");
    }
}

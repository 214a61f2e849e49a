//! Hover: drawn as the source with the hovered span marked, and the Markdown below it.

use insta::assert_snapshot;

use crate::fixture::{annotate, fixture};

/// Only the lines with a mark.
fn marked_lines(annotated: &str) -> String {
    let lines: Vec<&str> = annotated.lines().collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if lines.get(i + 1).is_some_and(|next| next.trim_start().starts_with('^')) || line.trim_start().starts_with('^')
        {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn check(text: &str) -> String {
    let f = fixture(text);
    match f.analysis.hover(f.file, f.offset) {
        Some(hover) => {
            let marks = [(hover.span.start, hover.span.end, "hover".to_string())];
            format!("{}\n{}\n", marked_lines(&annotate(f.text(f.file), &marks)), hover.markdown)
        }
        None => "no hover\n".to_string(),
    }
}

const SHOP: &str = r#"
lane sales "Sales"
lane service "Customer service"
system crm "CRM" { kind: crm }
procedure returns "Returns policy" { lane: service  uses: crm }
/// The call centre, open on working days.
touchpoint phone "Call centre" {
  channel: phone
  lane: service
  supported_by: returns
  uses: crm
  response: 3min
}
touchpoint web "Web shop" { channel: web  lane: sales  uses: crm }

journey order "Order" {
  step browse "Browse" at web
  step ask "Ask about sizes" at phone { emotion: -1  duration: 12min  via: returns }
  step buy "Buy" at web
  browse -> ask 30%
  browse -> buy
  ask -> buy
}
"#;

/// The shop with the cursor where `|` stands in `marker`.
fn at(marker: &str) -> String {
    let plain = marker.replace('|', "");
    assert!(SHOP.contains(&plain), "{plain} is not in the fixture");
    SHOP.replacen(&plain, &marker.replace('|', "$0"), 1)
}

#[test]
fn a_touchpoint_reference_shows_its_backing_and_lane() {
    assert_snapshot!(check(&at("at ph|one {")));
}

#[test]
fn a_step_shows_its_lane_and_channel_through_its_touchpoint_and_its_flows() {
    assert_snapshot!(check(&at("step a|sk")));
}

#[test]
fn a_lane_lists_what_stands_in_it() {
    assert_snapshot!(check(&at("lane serv|ice")));
}

#[test]
fn an_implied_flow_share() {
    assert_snapshot!(check(&at("browse -|> buy")));
}

#[test]
fn a_written_flow_share() {
    assert_snapshot!(check(&at("browse -> ask 3|0%")));
}

#[test]
fn a_field_name_shows_its_documentation() {
    assert_snapshot!(check(&at("supp|orted_by")));
}

#[test]
fn a_metric_in_an_experience() {
    assert_snapshot!(check("experience quick \"Quick\" { cont$0acts <= 2 }\n"));
}

#[test]
fn a_scenario_override_shows_the_scenario_version() {
    assert_snapshot!(check(
        r#"
lane sales "Sales"
lane service "Service"
touchpoint web "Web" { lane: sales  channel: web }
touchpoint phone "Phone" { lane: service  channel: phone }
journey order "Order" {
  step ask "Ask" at phone
  step buy "Buy" at web
}
scenario online "Online help" on order {
  step a$0sk { at: web }
}
"#
    ));
}

#[test]
fn nothing_over_punctuation_or_out_of_range() {
    let f = fixture("lane a \"A\" {$0 }\n");
    assert_eq!(f.analysis.hover(f.file, f.offset), None);
    assert_eq!(f.analysis.hover(f.file, 10_000), None);
}

#[test]
fn a_journey_shows_its_figures_as_analyze_does() {
    assert_snapshot!(check(&at("journey or|der")));
}

#[test]
fn a_journey_of_segments_that_walk_different_steps_shows_each_and_their_mixture() {
    assert_snapshot!(check(
        r#"
lane sales "Sales"
lane service "Service"
system crm "CRM"
touchpoint web "Web" { lane: sales  channel: web  uses: crm }
touchpoint phone "Phone" { lane: service  channel: phone  uses: crm }
segment new "New" { share: 40% }
segment old "Returning" { share: 60% }
journey or$0der "Order" {
  segments: new, old
  step ask "Ask" at phone { segments: new  duration: 10min  entry: 50% }
  step buy "Buy" at web { duration: 5min  entry: 50% }
  step wait "Wait for it" { alone: true  duration: 2d }
  ask -> buy
  buy -> wait
}
"#
    ));
}

//! Code actions: each one's title and the files after it is applied.

use insta::assert_snapshot;

use crate::fixture::fixture;

fn actions(text: &str) -> String {
    let f = fixture(text);
    let end = f.end.unwrap_or(f.offset);
    let mut out = String::new();
    for action in f.analysis.code_actions(f.file, f.offset, end) {
        let preferred = if action.preferred { " (preferred)" } else { "" };
        out.push_str(&format!("=== {:?}: {}{preferred}\n", action.kind, action.title));
        out.push_str(&f.apply(&action.edits));
    }
    if out.is_empty() { "no actions\n".into() } else { out }
}

#[test]
fn did_you_mean_and_declare_the_missing_touchpoint() {
    assert_snapshot!(actions(
        "lane l \"L\"\ntouchpoint phone \"Phone\" { lane: l }\njourney j \"J\" {\n  step a \"A\" at phnoe$0\n}\n"
    ));
}

#[test]
fn declare_a_missing_lane_after_the_other_lanes() {
    assert_snapshot!(actions(
        "lane sales \"Sales\" // the first lane\nsystem s \"S\"\ntouchpoint t \"T\" { lane: back_office$0  uses: s }\n"
    ));
}

#[test]
fn declare_a_missing_system_before_the_first_journey() {
    assert_snapshot!(actions(
        "// Head\nlane l \"L\"\n\njourney j \"J\" { step a \"A\" at t }\ntouchpoint t \"T\" { lane: l  uses: billing$0 }\n"
    ));
}

#[test]
fn write_the_implied_share_of_a_flow() {
    assert_snapshot!(actions(
        "lane l \"L\"\ntouchpoint t \"T\" { lane: l }\njourney j \"J\" {\n  step a \"A\" at t\n  step b \"B\" at t\n  step c \"C\" at t\n  step d \"D\" at t\n  a -> b 40%\n  a -> $0c\n  a -> d\n  b -> d\n  c -> d\n}\n"
    ));
}

#[test]
fn nothing_where_nothing_is_wrong() {
    assert_eq!(actions("lane l$0 \"L\"\n"), "no actions\n");
}

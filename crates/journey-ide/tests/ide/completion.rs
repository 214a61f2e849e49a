//! Completion: the list offered at `$0`, one item a line (label, kind, detail, and the insert
//! when it is not the label).

use insta::assert_snapshot;
use journey_ide::CompletionKind;

use crate::fixture::fixture;

fn complete(text: &str) -> String {
    let f = fixture(text);
    let items = f.analysis.completions(f.file, f.offset);
    let mut out = String::new();
    for item in items {
        let kind = match item.kind {
            CompletionKind::Reference(kind) => kind.keyword().to_string(),
            other => format!("{other:?}").to_lowercase(),
        };
        out.push_str(&format!("{} [{kind}]", item.label));
        if let Some(detail) = &item.detail {
            out.push_str(&format!(" {detail}"));
        }
        if item.insert != item.label {
            out.push_str(&format!(" => {:?}", item.insert));
        }
        let typed = &f.text(f.file)[item.replace.range()];
        if !typed.is_empty() {
            out.push_str(&format!(" (replaces {typed:?})"));
        }
        out.push('\n');
    }
    if out.is_empty() { "nothing\n".into() } else { out }
}

/// A small workspace; `{}` is where each test writes.
fn shop(body: &str) -> String {
    format!(
        r#"
lane sales "Sales"
lane service "Customer service"
system crm "CRM" {{ kind: crm }}
system erp "ERP" {{ kind: erp }}
procedure returns "Returns policy" {{ lane: service  uses: crm }}
touchpoint phone "Call centre" {{ channel: phone  lane: service  uses: crm }}
touchpoint web "Web shop" {{ channel: web  lane: sales  uses: erp }}
segment vip "VIP"
experience quick "Quick" {{ duration <= 1h }}
{body}
"#
    )
}

#[test]
fn after_at_only_touchpoints() {
    assert_snapshot!(complete(&shop("journey j \"J\" {\n  step a \"A\" at $0\n}")));
}

#[test]
fn after_at_with_a_prefix() {
    assert_snapshot!(complete(&shop("journey j \"J\" {\n  step a \"A\" at ph$0\n}")));
}

#[test]
fn after_lane_only_lanes() {
    assert_snapshot!(complete(&shop("touchpoint mail \"Mail\" { lane: $0 }")));
}

#[test]
fn after_uses_systems_not_yet_listed() {
    assert_snapshot!(complete(&shop("touchpoint mail \"Mail\" { uses: crm, $0 }")));
}

#[test]
fn after_a_glued_colon() {
    assert_snapshot!(complete(&shop("procedure p \"P\" { lane:$0 }")));
}

#[test]
fn after_supported_by_and_via_procedures() {
    assert_snapshot!(complete(&shop("touchpoint mail \"Mail\" { supported_by: $0 }")));
    assert_snapshot!(complete(&shop("journey j \"J\" { step a \"A\" at web { via: $0 } }")));
}

#[test]
fn segments_realizes_compares_and_on() {
    assert_snapshot!(complete(&shop("journey j \"J\" { segments: $0 }")));
    assert_snapshot!(complete(&shop("journey j \"J\" { realizes: $0 }")));
    assert_snapshot!(complete(&shop("journey j \"J\" { step a \"A\" at web }\njourney r \"R\" { compares: $0 }")));
    assert_snapshot!(complete(&shop("journey j \"J\" { step a \"A\" at web }\nscenario s \"S\" on $0")));
}

#[test]
fn after_an_arrow_the_steps_of_the_journey() {
    assert_snapshot!(complete(&shop(
        "journey other \"O\" { step x \"X\" at web }\njourney j \"J\" {\n  step a \"A\" at web\n  step b \"B\" at phone\n  a -> $0\n}"
    )));
}

#[test]
fn recovery_steps_of_the_journey_and_procedures() {
    assert_snapshot!(complete(&shop(
        "journey j \"J\" {\n  step a \"A\" at web { risk r \"R\" { chance: 5%  recovery: $0 } }\n  step b \"B\" at phone\n}"
    )));
}

#[test]
fn field_names_at_a_member_start() {
    assert_snapshot!(complete(&shop("touchpoint mail \"Mail\" {\n  channel: mail\n  $0\n}")));
}

#[test]
fn in_a_journey_fields_items_and_steps_for_flows() {
    assert_snapshot!(complete(&shop("journey j \"J\" {\n  step a \"A\" at web\n  $0\n}")));
}

#[test]
fn metrics_in_an_experience() {
    assert_snapshot!(complete(&shop("experience e \"E\" {\n  $0\n}")));
}

#[test]
fn keywords_and_snippets_at_the_top() {
    assert_snapshot!(complete("lane a \"A\"\n$0"));
}

#[test]
fn words_and_flags() {
    assert_snapshot!(complete(&shop("touchpoint mail \"Mail\" { channel: $0 }")));
    assert_snapshot!(complete(&shop("journey j \"J\" { step a \"A\" at web { end: $0 } }")));
    assert_snapshot!(complete(&shop("journey j \"J\" { volume: 100 / $0 }")));
}

#[test]
fn actors_named_at_other_steps() {
    let journey = "journey j \"J\" {\n  step a \"A\" at web { actors: \"Me\", \"Cat\" }\n  step b \"B\" at web { actors: \"Me\", $0 }\n}";
    assert_snapshot!(complete(&shop(journey)));
}

#[test]
fn logged_as_offers_the_steps_label_and_id() {
    let journey = "journey j \"J\" {\n  step pay \"Pay the order\" at web { logged_as: $0 }\n}";
    assert_snapshot!(complete(&shop(journey)));
}

#[test]
fn in_a_scenario_baseline_steps_and_scenario_touchpoints() {
    let journey = "journey j \"J\" {\n  step a \"A\" at web\n  step b \"B\" at phone\n}\n";
    assert_snapshot!(complete(&shop(&format!(
        "{journey}scenario s \"S\" on j {{\n  touchpoint chat \"Chat\" {{ lane: sales }}\n  step a {{ at: $0 }}\n}}"
    ))));
    assert_snapshot!(complete(&shop(&format!("{journey}scenario s \"S\" on j {{\n  remove $0\n}}"))));
    assert_snapshot!(complete(&shop(&format!("{journey}scenario s \"S\" on j {{\n  step $0\n}}"))));
}

#[test]
fn only_what_the_file_sees() {
    assert_snapshot!(complete(
        "//- a.journey\nlane seen \"Seen\"\n//- b.journey\nlane unseen \"Unseen\"\n//- c.journey\nimport \"a.journey\"\ntouchpoint t \"T\" { lane: $0 }\n"
    ));
}

#[test]
fn nothing_in_comments_strings_and_numbers() {
    assert_eq!(complete(&shop("// at $0")), "nothing\n");
    assert_eq!(complete(&shop("lane x \"A la$0")), "nothing\n");
    assert_eq!(complete(&shop("segment s \"S\" { share: 3$0 }")), "nothing\n");
}

#[test]
fn a_broken_file_still_completes() {
    assert_snapshot!(complete(&shop("journey j \"J\" {\n  step a \"A\" at web {\n    via: $0\n  step b \"B\"")));
}

#[test]
fn snippets_have_a_plain_form() {
    let f = fixture("$0");
    let journey = f.analysis.completions(f.file, f.offset).into_iter().find(|i| i.label == "journey").expect("journey");
    assert_eq!(journey.plain_insert(), "journey id \"Label\" {\n  step first \"First step\" at touchpoint\n}");
}

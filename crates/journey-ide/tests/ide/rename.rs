//! Rename: the files after the edits.

use insta::assert_snapshot;

use crate::fixture::fixture;

fn rename(text: &str, to: &str) -> String {
    let f = fixture(text);
    match f.analysis.rename(f.file, f.offset, to) {
        Ok(edits) => f.apply(&edits),
        Err(message) => format!("error: {message}\n"),
    }
}

#[test]
fn a_touchpoint_across_files_and_its_scenario_override() {
    assert_snapshot!(rename(
        r#"
//- catalog.journey
lane sales "Sales"
touchpoint web "Web shop" { lane: sales  channel: web }
//- order.journey
import "catalog.journey"
journey order "Order" {
  step browse "Browse" at w$0eb
  step buy "Buy" at web
}
scenario s "S" on order {
  touchpoint web { channel: app }
  step buy { at: web }
}
"#,
        "shop"
    ));
}

#[test]
fn a_step_with_its_flows_overrides_and_removals() {
    assert_snapshot!(rename(
        r#"
lane l "L"
touchpoint t "T" { lane: l  channel: web }
journey j "J" {
  stage one "One" {
    step a "A" at t
    step b$0 "B" at t
  }
  stage two "Two" { step c "C" at t }
  a -> b
  b -> c
}
scenario sc "Sc" on j {
  step b { emotion: +1 }
  remove a -> b
  a -> c
}
scenario gone "Gone" on j {
  remove b
  a -> c
}
"#,
        "bb"
    ));
}

#[test]
fn a_stage_with_its_removals() {
    assert_snapshot!(rename(
        r#"
lane l "L"
touchpoint t "T" { lane: l  channel: web }
journey j "J" {
  stage on$0e "One" { step a "A" at t }
  stage two "Two" { step c "C" at t }
}
scenario sc "Sc" on j {
  remove one
}
"#,
        "first"
    ));
}

#[test]
fn a_journey_renames_its_scenarios_baseline() {
    assert_snapshot!(rename(
        "lane l \"L\"\ntouchpoint t \"T\" { lane: l }\njourney or$0der \"O\" { step a \"A\" at t }\nscenario s \"S\" on order { step a { emotion: +1 } }\n",
        "purchase"
    ));
}

#[test]
fn refuses_bad_ids_keywords_and_taken_ids() {
    let text = "lane sales \"Sales\"\nlane service \"Service\"\ntouchpoint web \"W\" { lane: sa$0les }\n";
    assert_snapshot!(
        ["two words", "step", "9lives", "service", ""].map(|to| format!("{to:?}: {}", rename(text, to))).concat()
    );
}

#[test]
fn prepare_rename_gives_the_id_or_a_reason() {
    let f = fixture("lane sales \"Sales\"\ntouchpoint web \"W\" { lane: sa$0les }\n");
    let span = f.analysis.prepare_rename(f.file, f.offset).expect("a name");
    assert_eq!(&f.text(f.file)[span.range()], "sales");
    assert!(f.analysis.prepare_rename(f.file, 0).is_err(), "a keyword is not a name");
}

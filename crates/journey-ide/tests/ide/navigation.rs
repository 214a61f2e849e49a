//! Go to definition, find references and highlights, drawn over every file of the fixture.

use insta::assert_snapshot;

use crate::fixture::fixture;

fn definition(text: &str) -> String {
    let f = fixture(text);
    let marks: Vec<_> =
        f.analysis.definition(f.file, f.offset).into_iter().map(|t| (t.focus, "definition".to_string())).collect();
    f.annotate_all(&marks)
}

fn references(text: &str) -> String {
    let f = fixture(text);
    let marks: Vec<_> = f
        .analysis
        .references(f.file, f.offset, true)
        .into_iter()
        .map(|o| (o.span, if o.declaration { "declaration" } else { "reference" }.to_string()))
        .collect();
    f.annotate_all(&marks)
}

const CATALOG: &str = r#"
//- catalog.journey
lane sales "Sales"
touchpoint web "Web shop" { lane: sales  channel: web }
//- order.journey
import "catalog.journey"
journey order "Order" {
  step browse "Browse" at w$0eb
  step buy "Buy" at web
  browse -> buy
}
"#;

#[test]
fn definition_across_files() {
    assert_snapshot!(definition(CATALOG));
}

#[test]
fn definition_of_an_import_is_the_file() {
    assert_snapshot!(definition("//- a.journey\nlane x \"X\"\n//- b.journey\nimport \"a.jou$0rney\"\n"));
}

#[test]
fn references_across_files() {
    assert_snapshot!(references(CATALOG));
}

#[test]
fn references_of_a_step_include_flows_recoveries_overrides_and_removals() {
    assert_snapshot!(references(
        r#"
lane l "L"
system s "S"
touchpoint t "T" { lane: l  uses: s }
procedure p "P" { lane: l }
journey j "J" {
  step a "A" at t
  step b "B" at t { risk r "R" { chance: 5%  recovery: a$0 } }
  step c "C" at t
  a -> b
  b -> c
}
scenario sc "Sc" on j {
  step a { emotion: +1 }
  remove b
  a -> c
}
"#
    ));
}

#[test]
fn references_of_an_overridden_touchpoint() {
    assert_snapshot!(references(
        r#"
lane l "L"
touchpoint t$0 "T" { lane: l }
journey j "J" { step a "A" at t }
scenario sc "Sc" on j {
  touchpoint t { channel: phone }
  step a { at: t }
}
"#
    ));
}

#[test]
fn highlights_stay_in_the_file() {
    let f = fixture(CATALOG);
    let highlights = f.analysis.highlights(f.file, f.offset);
    assert_eq!(highlights.len(), 2);
    assert!(highlights.iter().all(|h| h.span.file == f.file && !h.declaration));
}

#[test]
fn nothing_where_no_name_is() {
    let f = fixture("lane a \"A\"$0\n");
    assert!(f.analysis.definition(f.file, f.offset).is_empty());
    assert!(f.analysis.references(f.file, f.offset, true).is_empty());
    assert!(f.analysis.definition(f.file, u32::MAX).is_empty());
}

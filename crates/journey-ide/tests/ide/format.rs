//! Formatting: the same layout as `journey fmt`, and nothing for a file that does not parse.

use crate::fixture::fixture;

#[test]
fn formats_like_journey_fmt() {
    let text = "lane   a \"A\"   { owner: \"x\" }\njourney j \"J\" {\nstep s \"S\" at t\n}\n$0";
    let f = fixture(text);
    let edits = f.analysis.format(f.file).expect("it parses");
    let formatted = f.apply(&edits);
    let clean = text.replace("$0", "");
    let (ast, diagnostics) = journey_syntax::parse(&clean, journey_syntax::ParseOptions { file: f.file });
    assert!(diagnostics.is_empty());
    assert_eq!(formatted, format!("--- main.journey\n{}", journey_syntax::format::format(&clean, &ast)));
}

#[test]
fn a_formatted_file_needs_no_edit() {
    let f = fixture("lane a \"A\"\n");
    assert_eq!(f.analysis.format(f.file), Some(Vec::new()));
}

#[test]
fn a_file_that_does_not_parse_is_left_alone() {
    let f = fixture("lane a \"A\" {\n  owner: \n");
    assert_eq!(f.analysis.format(f.file), None);
    let f = fixture("lane a \"A\" € \n");
    assert_eq!(f.analysis.format(f.file), None);
}

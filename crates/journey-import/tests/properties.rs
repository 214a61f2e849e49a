//! The importers read untrusted input: on any text they return without panicking, and what
//! they return is a formatted file that parses without a diagnostic, formats to itself and
//! checks without an error. Inputs are random text and random lines built from the pieces
//! each format is made of, so that the generated inputs reach past the first line.

use std::path::Path;

use journey_syntax::{ParseOptions, parse};
use proptest::prelude::*;

/// The properties every import has: nothing comes out exactly when the input was refused
/// (J0901); what comes out parses, is formatted and checks. A spreadsheet's step may lack a
/// touchpoint (an error, J0501, until someone fills it in); nothing else may be wrong.
fn sound((out, diagnostics): &(String, Vec<journey_diagnostics::Diagnostic>)) -> Result<(), TestCaseError> {
    let refused = diagnostics.iter().any(|d| d.code.id() == "J0901");
    prop_assert_eq!(out.is_empty(), refused, "{:?}", diagnostics);
    if out.is_empty() {
        return Ok(());
    }
    let (file, diagnostics) = parse(out, ParseOptions { file: journey_diagnostics::FileId(0) });
    prop_assert!(diagnostics.is_empty(), "{out}\n{diagnostics:?}");
    prop_assert_eq!(&journey_syntax::format::format(out, &file), out, "formatting the import changes it");
    let checked = journey_model::check_text(Path::new("/p/out.journey"), out);
    let wrong = checked.diagnostics.iter().filter(|d| d.is_error() && d.code.id() != "J0501").count();
    prop_assert_eq!(wrong, 0, "{}\n{:?}", out, checked.diagnostics);
    if out.contains("alone: true") {
        prop_assert!(
            !checked.diagnostics.iter().any(|d| d.is_error()),
            "a Mermaid import checks: {:?}",
            checked.diagnostics
        );
    }
    Ok(())
}

fn piece(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(pieces).prop_map(String::from),
        1 => "\\PC{0,12}",
        1 => proptest::sample::select(&["\u{200b}", "\u{202e}", "\r", "\t", "\u{2028}", "\u{7}", "é", "電話", "😀", "\""][..])
            .prop_map(String::from),
    ]
}

fn lines(pieces: &'static [&'static str]) -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::collection::vec(piece(pieces), 0..8).prop_map(|l| l.concat()), 0..24)
        .prop_map(|lines| lines.join("\n"))
}

const MERMAID: &[&str] = &[
    "journey",
    "journey\n",
    "title ",
    "Title ",
    "section ",
    "SECTION ",
    "accTitle: ",
    "accDescr: ",
    "accDescr {",
    "}",
    ":",
    ": ",
    "5",
    "1",
    "0",
    "-3",
    "2.5",
    "x",
    ",",
    ", ",
    "Me",
    " Cat",
    "#",
    "%%",
    "%%{init}%%",
    ";",
    "---",
    "title: ",
    "Make tea",
    "step",
    "at",
    " ",
    "  ",
];

const SHEET: &[&str] = &[
    "Stage",
    "Step",
    "Touchpoint",
    "Channel",
    "Lane",
    "Emotion",
    "Emotion (1-5)",
    "Pain point",
    "Duration",
    "Duration (min)",
    "Journey",
    "Notes",
    "Actors",
    "Owner",
    "Schritt",
    "Étape",
    ",",
    ", ",
    "\"",
    "\"\"",
    "\n",
    "+1",
    "-2",
    "3",
    "7",
    "happy",
    "😡",
    "15 min",
    "1:30",
    "2 Tage",
    "web",
    "Telefon",
    "Sales",
    "step",
    "at",
    " ",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mermaid_any_text(text in "\\PC{0,300}") {
        sound(&journey_import::import_mermaid(&text))?;
    }

    #[test]
    fn mermaid_any_journey_like_text(body in lines(MERMAID)) {
        sound(&journey_import::import_mermaid(&format!("journey\n{body}")))?;
    }

    #[test]
    fn csv_any_text(text in "\\PC{0,300}") {
        sound(&journey_import::import_csv(&text))?;
    }

    #[test]
    fn csv_any_sheet_like_text(body in lines(SHEET)) {
        sound(&journey_import::import_csv(&format!("Stage,Step,Touchpoint,Emotion\n{body}")))?;
    }
}

/// Time and memory grow with the input: a large input of each kind is imported whole.
#[test]
fn large_inputs_are_imported_whole() {
    let mut mermaid = String::from("journey\n  title Big\n");
    let mut sheet = String::from("Stage,Step,Touchpoint,Lane,Emotion\n");
    for i in 0..20_000 {
        if i % 100 == 0 {
            mermaid.push_str(&format!("  section Part {i}\n"));
        }
        mermaid.push_str(&format!("    Task {i}: {}: Me, Cat\n", i % 5 + 1));
        sheet.push_str(&format!("Part {},Task {i},Touchpoint {},Lane {},{}\n", i / 100, i % 50, i % 50 % 7, i % 5 - 2));
    }
    let (out, diagnostics) = journey_import::import_mermaid(&mermaid);
    assert!(diagnostics.is_empty());
    assert_eq!(out.matches("\n    step ").count(), 20_000);
    let (out, diagnostics) = journey_import::import_csv(&sheet);
    assert_eq!(diagnostics.len(), 0, "{:?}", diagnostics.first());
    assert_eq!(out.matches("\n    step ").count(), 20_000);
    // One huge cell is cut to the language's limit on strings, and said so.
    let imported = journey_import::import_csv(&format!("Step,Channel\n{},web\n", "x".repeat(50_000)));
    assert_eq!(imported.1.len(), 1, "{:?}", imported.1);
    assert_eq!(imported.1[0].code.id(), "J0903");
    sound(&imported).expect("a cut label is still sound");
}

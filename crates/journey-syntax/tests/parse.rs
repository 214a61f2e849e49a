//! Parser behaviour through the public API: what a file parses to, and how many diagnostics a
//! broken file gives.

use journey_diagnostics::FileId;
use journey_syntax::ast::{Member, Term};
use journey_syntax::{ParseOptions, parse};

fn messages(text: &str) -> Vec<String> {
    let (_, diagnostics) = parse(text, ParseOptions { file: FileId(0) });
    diagnostics
        .iter()
        .map(|d| format!("{}@{}..{}: {}", d.code.id(), d.primary.span.start, d.primary.span.end, d.message))
        .collect()
}

const SKETCH: &str = r#"
import "catalog.journey"
lane sales "Sales"
system erp "ERP" { kind: erp }
touchpoint phone "Call centre" {
  channel: phone
  lane: service
  response: 3min
  script: "Greet, find the order, offer a call-back"
  uses: crm, erp
  cost: 4.50 EUR
}
segment vip "VIP" { share: 5% }
experience effortless "Ordering feels effortless" {
  contacts <= 2
  emotion >= 0.5
}
/// The main order journey.
/// Second line.
journey order "Order a product" {
  volume: 12000 / month
  stage research "Research" {
    step browse "Browse the catalog" at web { emotion: +1  duration: 15min }
    step ask "Call to ask" at phone {
      risk: "Long hold time" 10%
      risk hold "Long hold" { chance: 10%  recovery: callback }
    }
  }
  browse -> order 70% "ready"
  browse -> ask -> order
}
scenario managers "Dedicated account managers" on order {
  step ask { at: manager }
  remove browse -> ask
  remove ask
}
"#;

#[test]
fn the_design_sketch_parses_cleanly() {
    let (file, diagnostics) = parse(SKETCH, ParseOptions { file: FileId(0) });
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(file.imports.len(), 1);
    assert_eq!(file.items.len(), 7);
    let journey = &file.items[5];
    assert_eq!(journey.docs, ["The main order journey.", "Second line."]);
    let flows = journey.members().iter().filter(|m| matches!(m, Member::Flow(_))).count();
    assert_eq!(flows, 2);
    let phone = &file.items[2];
    let cost = phone.fields().find(|f| f.key.text(SKETCH) == "cost").map(|f| f.values.clone());
    assert!(matches!(cost.as_deref(), Some([money @ Term::Money { .. }]) if money.currency(SKETCH) == Some("EUR")));
    let uses = phone.fields().find(|f| f.key.text(SKETCH) == "uses").map_or(0, |f| f.values.len());
    assert_eq!(uses, 2);
}

#[test]
fn one_mistake_one_error_and_the_rest_is_read() {
    let text = "lane a \"A\"\ntouchpoint t \"T\" { channel web  lane: a }\nlane b \"B\"\n";
    let (file, diagnostics) = parse(text, ParseOptions { file: FileId(0) });
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(file.items.len(), 3);
    assert_eq!(file.items[1].fields().count(), 2, "the field with no colon is read, and so is the next");
}

#[test]
fn broken_headers_and_stray_tokens() {
    assert_eq!(
        messages("touchpoint \"Web\" { channel: web }\nlane a"),
        ["J0001@11..16: expected an identifier, found `\"Web\"`"]
    );
    assert_eq!(
        messages("lane: sales\nlane a"),
        ["J0001@0..5: expected `import` or an item (`lane`, `touchpoint`, `journey`, `step`, …), found `lane:`"]
    );
    assert_eq!(messages("journey j { step a { }\nlane b"), ["J0001@21..22: missing `}` at the end of the journey `j`"]);
    assert_eq!(messages("lane a }\nlane b"), ["J0001@7..8: unmatched `}`"]);
    assert_eq!(messages("journey j { step a { emotion: } }"), ["J0001@30..31: expected a value, found `}`"]);
}

#[test]
fn deep_nesting_is_cut_with_one_error() {
    let text = format!("journey j {}{}", "{".repeat(10_000), "}".repeat(10_000));
    let found = messages(&text);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].starts_with("J0001@11..12: expected"), "{found:?}");
    assert!(found[1].starts_with("J0005@42..43: blocks nested more than 32 deep"), "{found:?}");
}

#[test]
fn a_doc_comment_documents_the_item_right_below_it() {
    let text = "/// Sales.\n/// Second line.\nlane sales \"Sales\"  /// not a doc\nlane service \"Service\"\n\
                /// above a blank line\n\nlane web \"Web\"\r/// after a lone CR\rlane shop \"Shop\"\n";
    let (file, diagnostics) = parse(text, ParseOptions { file: FileId(0) });
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let docs: Vec<&[String]> = file.items.iter().map(|item| item.docs.as_slice()).collect();
    assert_eq!(docs, [&["Sales.", "Second line."][..], &[], &[], &["after a lone CR"]]);
}

/// Braces that balance are the author's, however the text is indented: a risk written at the
/// step's own indentation inside the step's braces is inside the step.
#[test]
fn balanced_braces_are_read_as_written_whatever_the_layout() {
    let text = "journey j \"J\" {\n  step a \"A\" at web {\n    emotion: +1\n  risk r \"R\" {\n    chance: 5%\n  }\n\n  }\n  step b \"B\" at web\n}\n";
    assert_eq!(messages(text), Vec::<String>::new());
    // Without its `}` the step is closed where the layout says it ends, as before.
    let unclosed = "journey j \"J\" {\n  step a \"A\" at web {\n    emotion: +1\n  step b \"B\" at web\n}\n";
    let found = messages(unclosed);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("missing `}` at the end of the step `a`"), "{found:?}");
}

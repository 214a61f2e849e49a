//! Semantic tokens, one a line: the text, what it is, and its modifiers.

use insta::assert_snapshot;
use journey_ide::TokenKind;

use crate::fixture::fixture;

#[test]
fn every_token_classified() {
    let f = fixture(
        r#"/// Sales people.
lane sales "Sales"
touchpoint web "Web" { lane: sales  channel: web  cost: 4.50 EUR }
experience quick "Quick" { duration <= 10min }
journey j "J" {
  realizes: quick
  step a "A" at web { emotion: +1 }
  step b "B" at nowhere
  a -> b 50% // half
}
"#,
    );
    let mut out = String::new();
    for token in f.analysis.semantic_tokens(f.file) {
        let kind = match token.kind {
            TokenKind::Item(kind) => kind.keyword().to_string(),
            other => format!("{other:?}").to_lowercase(),
        };
        let mut modifiers = String::new();
        if token.declaration {
            modifiers.push_str(" +declaration");
        }
        if token.documentation {
            modifiers.push_str(" +documentation");
        }
        out.push_str(&format!("{:?} {kind}{modifiers}\n", &f.text(f.file)[token.span.range()]));
    }
    assert_snapshot!(out);
}

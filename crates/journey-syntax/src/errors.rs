//! The parser's errors as diagnostics: what was expected and found, and the likeliest fix.

use chumsky::error::{Rich, RichPattern};
use chumsky::prelude::SimpleSpan;
use journey_diagnostics::{Code, Diagnostic, FileId, Span};

use crate::lexer::Token;

pub(crate) fn syntax_error(file: FileId, text: &str, error: &Rich<'_, Token, SimpleSpan>) -> Diagnostic {
    let s = error.span();
    let span = Span::new(file, s.start as u32..s.end as u32);
    let found = error.found().copied();
    let found_text = match found {
        Some(Token::Error) | None => None,
        Some(_) => text.get(s.start..s.end),
    };
    let mut expected: Vec<String> = error
        .expected()
        .map(|pattern| match pattern {
            RichPattern::Token(token) => token.describe().to_string(),
            RichPattern::Label(label) => label.to_string(),
            RichPattern::EndOfInput => "the end of the file".to_string(),
            _ => "something else".to_string(),
        })
        .collect();
    expected.sort();
    expected.dedup();
    let expected_list = match expected.as_slice() {
        [] => "something else".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    };
    let found_desc = match (found, found_text) {
        (None, _) => "the end of the file".to_string(),
        (Some(_), Some(t)) if t.len() <= 40 => format!("`{t}`"),
        (Some(token), _) => token.describe().to_string(),
    };
    if let chumsky::error::RichReason::Custom(message) = error.reason() {
        return custom_error(span, message);
    }
    let label = match found {
        None => "the file ends here".to_string(),
        Some(token) => format!("{} is not expected here", token.describe()),
    };
    Diagnostic::new(Code::SyntaxError, span, format!("expected {expected_list}, found {found_desc}"))
        .with_label(label)
        .with_help(syntax_help(found, &expected))
}

/// The errors the parser raises itself, for mistakes it reads past: a missing colon or comma.
pub(crate) fn custom_error(span: Span, message: &str) -> Diagnostic {
    let at_end = Span { start: span.end, ..span };
    let at_start = Span { end: span.start, ..span };
    let d = Diagnostic::new(Code::SyntaxError, span, message.to_string());
    if message.contains("amounts have no sign") {
        d.with_label("a signed amount").with_help("write the amount without a sign, e.g. `4.50 EUR`")
    } else if message.contains("a space before its unit") {
        d.with_label("a space between the number and its unit")
            .with_help("write the unit right after the number, e.g. `15min`")
    } else if message.starts_with("expected an identifier") {
        d.with_label("a keyword cannot be an id")
            .with_help("choose another id, e.g. with a word added: `remove_item`; the label says what it is in words")
    } else if message.starts_with("`at` in a step's header") {
        d.with_label("no colon here")
            .with_help("the colon belongs to the field `at:` inside the block; in the header write `at web`")
            .with_fix("remove the colon", Span { start: span.end.saturating_sub(1), ..span }, "")
    } else if message.starts_with("`at` names no touchpoint") {
        d.with_label("the touchpoint is missing after `at`")
            .with_help("name where the step happens: `at touchpoint_id`; for a step the customer takes on their own, remove `at` and write `alone: true`")
    } else if message.starts_with("expected `:`") {
        d.with_label("the colon is missing after this name")
            .with_help("write the colon right after the field name, as in `channel: web`")
            .with_fix("add the colon", at_end, ":")
    } else {
        d.with_label("a comma is missing before this value")
            .with_help("separate the values of a list with commas, as in `uses: erp, crm`")
            .with_fix("add the comma", at_start, ", ")
    }
}

/// The likeliest fix, from what was found where.
fn syntax_help(found: Option<Token>, expected: &[String]) -> String {
    let expects = |what: &str| expected.iter().any(|e| e.contains(what));
    match found {
        Some(Token::Ident) if expects("->") || expects("comparison") => {
            "a field needs a colon right after its name (`lane: sales`), list items need commas (`erp, crm`), and a flow needs an arrow (`a -> b`)".into()
        }
        Some(Token::Key) => "fields go inside an item's braces: `touchpoint web \"Web shop\" { channel: web }`".into(),
        Some(Token::String) if expects("identifier") => "every item needs an id before its label: `step browse \"Browse the catalog\"`".into(),
        Some(Token::Ident) if expects("item") => "a file holds imports and items: `kind id \"Label\" { field: value }`".into(),
        _ if expects("value") => "give the field a value: a reference, a string, a number with its unit, or a list `a, b`".into(),
        _ => "items have the shape `kind id \"Label\" { field: value }`; see `grammar/README.md` for the language".into(),
    }
}

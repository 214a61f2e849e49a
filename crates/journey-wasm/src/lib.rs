//! The journey core for the browser playground, through wasm-bindgen: one model, edited in the
//! page, is checked and drawn ([`preview`]), highlighted from the real lexer ([`highlight`])
//! and formatted ([`format`]). Every function is plain Rust over strings, so the native test
//! suite tests the same code the page runs; the `#[wasm_bindgen]` attribute only exports it.
//!
//! Offsets given to the page are in UTF-16 code units, the unit of JavaScript strings.

use std::path::Path;

use journey_diagnostics::FileId;
use journey_preview::Journeys;
use journey_syntax::lexer::{Token, lex};
use wasm_bindgen::prelude::wasm_bindgen;

/// Where the playground's one file stands: imports have nothing to reach.
const PATH: &str = "/playground/model.journey";

/// The preview of `text` (JSON of `journey_preview::Preview`): diagnostics, and the
/// blueprint, flow diagram and figures of every journey when the model can be drawn.
#[wasm_bindgen]
pub fn preview(text: &str) -> String {
    let checked = journey_model::check_text(Path::new(PATH), text);
    let mut preview = journey_preview::preview(&checked, Journeys::All);
    // The page shows one file: its name adds nothing.
    for d in &mut preview.diagnostics {
        d.file = "model.journey".into();
    }
    preview.to_json()
}

/// The class of each token, as the page styles it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u32)]
pub enum Class {
    Comment = 0,
    Keyword = 1,
    Field = 2,
    String = 3,
    Number = 4,
    Operator = 5,
    Error = 6,
    Punctuation = 7,
}

fn class(token: Token) -> Option<Class> {
    Some(match token {
        Token::Comment | Token::DocComment => Class::Comment,
        Token::Key => Class::Field,
        Token::String => Class::String,
        Token::UnterminatedString | Token::Error => Class::Error,
        Token::Number | Token::Money => Class::Number,
        Token::Arrow | Token::Slash | Token::Le | Token::Ge | Token::Lt | Token::Gt | Token::EqEq => Class::Operator,
        Token::LBrace | Token::RBrace | Token::Comma => Class::Punctuation,
        // Names are the plain text the rest stands out from.
        Token::Ident => return None,
        _ => Class::Keyword,
    })
}

/// The tokens of `text` worth a colour, as triples: start and end (UTF-16 units) and
/// [`Class`]. Made by the compiler's own lexer, so the colours never disagree with it.
#[wasm_bindgen]
pub fn highlight(text: &str) -> Vec<u32> {
    let (lexed, _) = lex(FileId(0), text);
    let mut out = Vec::with_capacity(lexed.tokens.len() * 3);
    // UTF-16 position of byte `at`, counted forward from the last token.
    let (mut at, mut units) = (0usize, 0u32);
    let mut advance = |to: usize| {
        units += text.get(at..to).map_or(0, |s| s.encode_utf16().count() as u32);
        at = to;
        units
    };
    for (&token, range) in lexed.tokens.iter().zip(&lexed.spans) {
        let Some(class) = class(token) else { continue };
        let start = advance(range.start as usize);
        let end = advance(range.end as usize);
        out.extend([start, end, class as u32]);
    }
    out
}

/// `text` in the canonical layout, or `undefined` when it does not parse (formatting
/// reprints the syntax tree, and a tree with errors has lost text).
#[wasm_bindgen]
pub fn format(text: &str) -> Option<String> {
    let (ast, diagnostics) = journey_syntax::parse(text, journey_syntax::ParseOptions { file: FileId(0) });
    diagnostics.is_empty().then(|| journey_syntax::format::format(text, &ast))
}

/// The version of journey the playground runs.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn previews_a_model_and_its_mistakes() {
        let good = "system s \"S\"\nlane l \"L\"\ntouchpoint t \"T\" { channel: web  lane: l  uses: s }\njourney j \"Buy\" { step a \"Look\" at t }\n";
        let json = preview(good);
        assert!(json.starts_with("{\"drawn\":true"), "{json}");
        assert!(json.contains("\"blueprint\":\"<svg") && json.contains("Look"));
        let bad = preview(&good.replace("at t", "at tt"));
        assert!(bad.starts_with("{\"drawn\":false"), "{bad}");
        assert!(bad.contains("\"file\":\"model.journey\"") && bad.contains("J0201"), "{bad}");
    }

    #[test]
    fn highlights_in_utf16_units() {
        // `é` is two bytes and one unit; `😀` four bytes and two units.
        let text = "// é\nlane a \"😀\" { owner: 3 }";
        let tokens: Vec<(u32, u32, u32)> = highlight(text).chunks(3).map(|c| (c[0], c[1], c[2])).collect();
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let slice = |s: u32, e: u32| String::from_utf16_lossy(&utf16[s as usize..e as usize]);
        let shown: Vec<(String, u32)> = tokens.iter().map(|&(s, e, c)| (slice(s, e), c)).collect();
        assert_eq!(
            shown,
            [
                ("// é".into(), Class::Comment as u32),
                ("lane".into(), Class::Keyword as u32),
                ("\"😀\"".into(), Class::String as u32),
                ("{".into(), Class::Punctuation as u32),
                ("owner:".into(), Class::Field as u32),
                ("3".into(), Class::Number as u32),
                ("}".into(), Class::Punctuation as u32),
            ]
        );
    }

    #[test]
    fn formats_only_what_parses() {
        assert_eq!(format("lane   a \"A\"").as_deref(), Some("lane a \"A\"\n"));
        assert_eq!(format("lane a \"A"), None);
    }
}

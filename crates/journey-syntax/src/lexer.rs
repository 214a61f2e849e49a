//! The lexer: source text to tokens with byte spans. It never fails: a character it cannot
//! read becomes an `Error` token and a diagnostic, and lexing goes on after it.

use std::borrow::Cow;

use journey_diagnostics::{Code, Diagnostic, FileId, Span};
use logos::Logos;

/// A token's kind. Tokens carry no text: their span slices it out of the source.
#[derive(Logos, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[logos(skip r"[ \t\r\n\f\u{feff}]+")]
pub enum Token {
    #[regex(r"///[^\r\n]*", priority = 10, allow_greedy = true)]
    DocComment,
    #[regex(r"//[^\r\n]*", allow_greedy = true)]
    Comment,

    #[token("import")]
    Import,
    #[token("lane")]
    Lane,
    #[token("system")]
    System,
    #[token("procedure")]
    Procedure,
    #[token("touchpoint")]
    Touchpoint,
    #[token("segment")]
    Segment,
    #[token("experience")]
    Experience,
    #[token("journey")]
    Journey,
    #[token("stage")]
    Stage,
    #[token("step")]
    Step,
    #[token("risk")]
    Risk,
    #[token("scenario")]
    Scenario,
    #[token("at")]
    At,
    #[token("on")]
    On,
    #[token("remove")]
    Remove,

    /// A letter or `_`, then letters, marks (a combining accent), digits and `_`.
    #[regex(r"[\p{L}_][\p{L}\p{M}\p{N}_]*")]
    Ident,
    /// A field name with its colon: `lane:`.
    #[regex(r"[\p{L}_][\p{L}\p{M}\p{N}_]*:")]
    Key,
    /// A number with an optional sign and unit: `15min`, `30%`, `+1`, `0.5`.
    #[regex(r"[+-]?[0-9]+(\.[0-9]+)?[A-Za-z%]*")]
    Number,
    /// An amount and a currency code on the same line: `4.50 EUR`.
    #[regex(r"[0-9]+(\.[0-9]+)?[ \t]+[A-Z][A-Z][A-Z]", money_ends_cleanly)]
    Money,
    #[regex(r#""([^"\\\r\n]|\\[^\r\n])*""#)]
    String,
    /// A string that reaches the end of its line without a closing quote.
    #[regex(r#""([^"\\\r\n]|\\[^\r\n])*"#)]
    UnterminatedString,

    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(",")]
    Comma,
    #[token("->")]
    Arrow,
    #[token("/")]
    Slash,
    #[token("<=")]
    Le,
    #[token(">=")]
    Ge,
    #[token("<")]
    Lt,
    #[token(">")]
    Gt,
    #[token("==")]
    EqEq,

    /// Text the lexer could not read.
    Error,
}

/// `10 EURO` is not money followed by `O`: the currency must end at a word boundary.
fn money_ends_cleanly(lex: &mut logos::Lexer<Token>) -> logos::FilterResult<(), ()> {
    match lex.remainder().bytes().next() {
        Some(b) if b.is_ascii_alphanumeric() || b == b'_' => logos::FilterResult::Error(()),
        _ => logos::FilterResult::Emit(()),
    }
}

impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.describe())
    }
}

impl Token {
    /// How the token is named in "expected …" messages.
    pub fn describe(self) -> &'static str {
        match self {
            Token::DocComment => "a doc comment",
            Token::Comment => "a comment",
            Token::Import => "`import`",
            Token::Lane => "`lane`",
            Token::System => "`system`",
            Token::Procedure => "`procedure`",
            Token::Touchpoint => "`touchpoint`",
            Token::Segment => "`segment`",
            Token::Experience => "`experience`",
            Token::Journey => "`journey`",
            Token::Stage => "`stage`",
            Token::Step => "`step`",
            Token::Risk => "`risk`",
            Token::Scenario => "`scenario`",
            Token::At => "`at`",
            Token::On => "`on`",
            Token::Remove => "`remove`",
            Token::Ident => "an identifier",
            Token::Key => "a field name",
            Token::Number => "a number",
            Token::Money => "an amount of money",
            Token::String | Token::UnterminatedString => "a string",
            Token::LBrace => "`{`",
            Token::RBrace => "`}`",
            Token::Comma => "`,`",
            Token::Arrow => "`->`",
            Token::Slash => "`/`",
            Token::Le => "`<=`",
            Token::Ge => "`>=`",
            Token::Lt => "`<`",
            Token::Gt => "`>`",
            Token::EqEq => "`==`",
            Token::Error => "an unreadable character",
        }
    }

    /// The kind of item this keyword declares.
    pub fn item_kind(self) -> Option<crate::ast::ItemKind> {
        use crate::ast::ItemKind;
        Some(match self {
            Token::Lane => ItemKind::Lane,
            Token::System => ItemKind::System,
            Token::Procedure => ItemKind::Procedure,
            Token::Touchpoint => ItemKind::Touchpoint,
            Token::Segment => ItemKind::Segment,
            Token::Experience => ItemKind::Experience,
            Token::Journey => ItemKind::Journey,
            Token::Stage => ItemKind::Stage,
            Token::Step => ItemKind::Step,
            Token::Risk => ItemKind::Risk,
            Token::Scenario => ItemKind::Scenario,
            _ => return None,
        })
    }

    pub fn is_item_keyword(self) -> bool {
        matches!(
            self,
            Token::Lane
                | Token::System
                | Token::Procedure
                | Token::Touchpoint
                | Token::Segment
                | Token::Experience
                | Token::Journey
                | Token::Stage
                | Token::Step
                | Token::Risk
                | Token::Scenario
        )
    }

    pub fn is_comment(self) -> bool {
        matches!(self, Token::Comment | Token::DocComment)
    }
}

/// The tokens of a file, comments included, in source order.
#[derive(Clone, Debug, Default)]
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub spans: Vec<std::ops::Range<u32>>,
    /// The names (ids and field names) written in decomposed Unicode, by where they stand,
    /// with their composed form (NFC), which is what they mean.
    pub composed: Vec<(std::ops::Range<u32>, Box<str>)>,
}

/// Lexes `text`; the diagnostics say what could not be read. Offsets are `u32`: the workspace
/// loader refuses files of 4 GiB and more long before they get here.
pub fn lex(file: FileId, text: &str) -> (Lexed, Vec<Diagnostic>) {
    let mut lexed = Lexed::default();
    let mut diagnostics = Vec::new();
    let mut lexer = Token::lexer(text);
    while let Some(mut result) = lexer.next() {
        if result.is_err() && lexer.slice().starts_with(|c: char| c.is_ascii_digit()) {
            // `10 EURO`: the whole word is the mistake, not its first three letters.
            let rest = lexer.remainder().bytes().take_while(|b| b.is_ascii_alphanumeric() || *b == b'_').count();
            lexer.bump(rest);
        }
        let mut range = lexer.span();
        if result == Ok(Token::UnterminatedString) {
            // `step a "Label at web {`: the quote is missing before the rest of the header, which
            // is read as it was meant.
            if let Some(end) = text.get(range.clone()).and_then(string_end_before_block) {
                range.end = range.start + end;
                lexer = Token::lexer(text);
                lexer.bump(range.end);
                result = Ok(Token::UnterminatedString);
            }
        }
        let span = Span::new(file, range.start as u32..range.end as u32);
        let token = match result {
            Ok(Token::UnterminatedString) => {
                let at_end = Span { start: span.end, ..span };
                diagnostics.push(
                    Diagnostic::new(Code::InvalidToken, span, "unterminated string")
                        .with_label("this string has no closing quote")
                        .with_help(
                            "add a `\"` at the end of the text; strings stay on one line, use `\\n` for a line break",
                        )
                        .with_fix("close the string", at_end, "\""),
                );
                Token::UnterminatedString
            }
            Ok(Token::String) => {
                let literal = text.get(range.clone()).unwrap_or("");
                check_escapes(file, literal, range.start, &mut diagnostics);
                let inner = literal.strip_prefix('"').and_then(|l| l.strip_suffix('"')).unwrap_or(literal);
                check_length(span, inner, MAX_STRING_CHARS, "a string", &mut diagnostics);
                Token::String
            }
            Ok(token @ (Token::Ident | Token::Key)) => {
                let name = text.get(range.clone()).unwrap_or("").trim_end_matches(':');
                check_length(span, name, MAX_NAME_CHARS, "a name", &mut diagnostics);
                // `café` typed with a combining accent is the id `café`. Only names with
                // something other than ASCII in them are looked at.
                if !name.is_ascii() && !unicode_normalization::is_nfc(name) {
                    let at = range.start as u32..range.start as u32 + name.len() as u32;
                    lexed.composed.push((at, unicode_normalization::UnicodeNormalization::nfc(name).collect()));
                }
                token
            }
            Ok(token) => token,
            Err(()) => {
                diagnostics.push(unreadable(span, text.get(range.clone()).unwrap_or("")));
                Token::Error
            }
        };
        // Runs of unreadable characters become one token, so that they give one error.
        if token == Token::Error && lexed.tokens.last() == Some(&Token::Error) {
            if let Some(last) = lexed.spans.last_mut() {
                if last.end == range.start as u32 {
                    last.end = range.end as u32;
                    diagnostics.pop();
                    if let Some(previous) = diagnostics.last_mut() {
                        previous.primary.span.end = range.end as u32;
                    }
                    continue;
                }
            }
        }
        lexed.tokens.push(token);
        lexed.spans.push(range.start as u32..range.end as u32);
    }
    (lexed, diagnostics)
}

/// Where an unterminated string most likely ends, when the rest of its line reads as the rest
/// of an item's header (`at web {`, `on order {`, `{ … }`): the length of the string up to
/// there, blanks before it left out. `None` when the string takes the whole line.
fn string_end_before_block(literal: &str) -> Option<usize> {
    let brace = literal.find('{')?;
    let head = literal.get(..brace)?.trim_end_matches([' ', '\t']);
    // `… at web` or `… on order` before the brace: the header's own words.
    let word_start = head.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_').len();
    let end = match head.get(..word_start).map(|h| h.trim_end_matches([' ', '\t'])) {
        Some(before) if word_start < head.len() && (before.ends_with(" at") || before.ends_with(" on")) => {
            before.len() - 3
        }
        _ => head.len(),
    };
    let end = literal.get(..end)?.trim_end_matches([' ', '\t']).len();
    (end > 1).then_some(end)
}

/// A string may hold this many characters at most (its quotes aside).
pub const MAX_STRING_CHARS: usize = 10_000;
/// An id or a field name may hold this many characters at most.
pub const MAX_NAME_CHARS: usize = 200;

/// Whether `gap` holds a blank line: a line wholly inside it with nothing but white space on
/// it. Lines end at `\n`, `\r\n` or a lone `\r`, as everywhere else. A blank line ends a run
/// of doc comments, and the formatter keeps one where the author left any.
pub fn has_blank_line(gap: &str) -> bool {
    let bytes = gap.as_bytes();
    let mut line_start = None;
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        if byte != b'\n' && byte != b'\r' {
            i += 1;
            continue;
        }
        if line_start.is_some_and(|start| gap.get(start..i).is_some_and(|line| line.trim().is_empty())) {
            return true;
        }
        i += if byte == b'\r' && bytes.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
        line_start = Some(i);
    }
    false
}

/// Reports text longer than `limit` characters (J0007). The token is kept as it is.
fn check_length(span: Span, text: &str, limit: usize, what: &str, diagnostics: &mut Vec<Diagnostic>) {
    if text.len() <= limit {
        return;
    }
    let chars = text.chars().count();
    if chars > limit {
        diagnostics.push(
            Diagnostic::new(
                Code::TextTooLong,
                span,
                format!("{what} of {chars} characters; journey reads at most {limit}"),
            )
            .with_label("too long")
            .with_help(if what == "a name" {
                "use a short id; the label (a string) says what it is in words".to_string()
            } else {
                format!("keep it under {limit} characters and point to where the rest lives")
            }),
        );
    }
}

fn unreadable(span: Span, text: &str) -> Diagnostic {
    let first = text.chars().next().unwrap_or('?');
    if first.is_ascii_digit() {
        return Diagnostic::new(Code::InvalidToken, span, format!("`{text}` is not a number or an amount"))
            .with_label("not readable as a number")
            .with_help("write an amount as digits and a three-letter currency code in capitals, e.g. `4.50 EUR`");
    }
    let what = if first.is_control() { format!("U+{:04X}", first as u32) } else { format!("`{first}`") };
    Diagnostic::new(Code::InvalidToken, span, format!("unexpected character {what}"))
        .with_label("journey has no token that starts with this")
        .with_help("remove it; text belongs in a string (`\"…\"`) and comments start with `//`")
}

fn check_escapes(file: FileId, literal: &str, start: usize, diagnostics: &mut Vec<Diagnostic>) {
    let mut chars = literal.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        let Some((_, next)) = chars.next() else { break };
        let ok = match next {
            '"' | '\\' | 'n' | 't' | 'r' => true,
            'u' => unicode_escape(literal.get(i + 2..).unwrap_or("")).is_some(),
            _ => false,
        };
        if !ok {
            let end = (i + 1 + next.len_utf8()).min(literal.len());
            let span = Span::new(file, (start + i) as u32..(start + end) as u32);
            diagnostics.push(
                Diagnostic::new(Code::InvalidToken, span, "unknown escape in string")
                    .with_label("not an escape journey knows")
                    .with_help("the escapes are `\\\"`, `\\\\`, `\\n`, `\\t`, `\\r` and `\\u{…}`; write `\\\\` for a backslash"),
            );
        }
    }
}

/// `{1F600}…` → the character and the length of `{…}`.
fn unicode_escape(rest: &str) -> Option<(char, usize)> {
    let body = rest.strip_prefix('{')?;
    let close = body.find('}')?;
    let digits = body.get(..close)?;
    if digits.is_empty() || digits.len() > 6 {
        return None;
    }
    let value = u32::from_str_radix(digits, 16).ok()?;
    Some((char::from_u32(value)?, close + 2))
}

/// The text of a string literal with its quotes removed and escapes resolved. Escapes the
/// lexer already reported are kept as written.
pub fn unescape(literal: &str) -> Cow<'_, str> {
    let inner = literal.strip_prefix('"').unwrap_or(literal);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    if !inner.contains('\\') {
        return Cow::Borrowed(inner);
    }
    let mut out = String::with_capacity(inner.len());
    let mut rest = inner;
    while let Some(pos) = rest.find('\\') {
        out.push_str(rest.get(..pos).unwrap_or(""));
        let after = rest.get(pos + 1..).unwrap_or("");
        let mut chars = after.chars();
        let consumed = match chars.next() {
            Some('n') => (Some('\n'), 1),
            Some('t') => (Some('\t'), 1),
            Some('r') => (Some('\r'), 1),
            Some('"') => (Some('"'), 1),
            Some('\\') => (Some('\\'), 1),
            Some('u') => match unicode_escape(after.get(1..).unwrap_or("")) {
                Some((c, len)) => (Some(c), 1 + len),
                None => (None, 0),
            },
            _ => (None, 0),
        };
        match consumed {
            (Some(c), len) => {
                out.push(c);
                rest = after.get(len..).unwrap_or("");
            }
            (None, _) => {
                out.push('\\');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// `text` as a string literal that [`unescape`] reads back as `text`: quotes, backslashes,
/// line breaks and tabs are escaped, other control characters and the line separators (which
/// editors may break a line at) are written as `\u{…}`.
pub fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{{{:X}}}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<Token> {
        lex(FileId(0), text).0.tokens
    }

    #[test]
    fn blank_lines_end_at_any_line_break() {
        assert!(has_blank_line("a\n\nb"));
        assert!(has_blank_line("\n  \t\n"));
        assert!(has_blank_line("\r\r"));
        assert!(has_blank_line("x\r\n\r\ny"));
        assert!(!has_blank_line("x\r\ny"));
        assert!(!has_blank_line("  \n  "));
        assert!(!has_blank_line("a\n// c\nb"));
        assert!(!has_blank_line(""));
    }

    /// A name written decomposed is one token, read as its composed form; one written
    /// composed, or in ASCII, needs nothing.
    #[test]
    fn decomposed_names_are_composed() {
        let (lexed, diagnostics) = lex(FileId(0), "cafe\u{301} caf\u{e9} cafe\u{301}_x: cafe");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(lexed.tokens, [Token::Ident, Token::Ident, Token::Key, Token::Ident]);
        assert_eq!(
            lexed.composed,
            [(0..6, "caf\u{e9}".into()), (13..21, "caf\u{e9}_x".into())] as [(std::ops::Range<u32>, Box<str>); 2]
        );
    }

    #[test]
    fn keys_numbers_money_and_keywords() {
        assert_eq!(
            kinds("lane: sales  cost: 4.50 EUR  duration: 15min emotion: -1 a -> b 30%"),
            [
                Token::Key,
                Token::Ident,
                Token::Key,
                Token::Money,
                Token::Key,
                Token::Number,
                Token::Key,
                Token::Number,
                Token::Ident,
                Token::Arrow,
                Token::Ident,
                Token::Number
            ]
        );
        assert_eq!(kinds("lane lanes"), [Token::Lane, Token::Ident]);
        assert_eq!(kinds("/// doc\n// plain"), [Token::DocComment, Token::Comment]);
    }

    #[test]
    fn errors_become_tokens_and_diagnostics() {
        let (lexed, diagnostics) = lex(FileId(0), "a §§§ b \"open\n10 EURO \"\\q\"");
        assert_eq!(
            lexed.tokens,
            [Token::Ident, Token::Error, Token::Ident, Token::UnterminatedString, Token::Error, Token::String]
        );
        let messages: Vec<_> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unexpected character `§`",
                "unterminated string",
                "`10 EURO` is not a number or an amount",
                "unknown escape in string"
            ]
        );
        assert_eq!(diagnostics[0].primary.span.range(), 2..8);
    }

    #[test]
    fn unescapes() {
        assert_eq!(unescape(r#""a\"b\\c\nd\u{1F600}""#), "a\"b\\c\nd😀");
        assert_eq!(unescape(r#""bad \q stays""#), "bad \\q stays");
    }

    #[test]
    fn quotes_what_unescape_reads_back() {
        for text in ["plain", "a \"b\" \\ c", "line\nbreak\ttab\r", "bell\u{7} sep\u{2028}", "", "😀 \\u{41}"] {
            let quoted = quote(text);
            let (lexed, diagnostics) = lex(FileId(0), &quoted);
            assert!(diagnostics.is_empty(), "{quoted}");
            assert_eq!(lexed.tokens, [Token::String], "{quoted}");
            assert_eq!(unescape(&quoted), text);
        }
    }
}

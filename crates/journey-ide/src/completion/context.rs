//! Where the cursor is, read from the tokens before it: the blocks it is in, an item header
//! being written, and the word being typed.

use journey_diagnostics::{FileId, Span};
use journey_syntax::ast::ItemKind;
use journey_syntax::lexer::{Token, lex};

/// An item whose block the cursor is in.
#[derive(Clone, Debug, Default)]
pub(super) struct Frame {
    pub(super) kind: Option<ItemKind>,
    pub(super) name: Option<String>,
    /// `on JOURNEY` of a scenario.
    pub(super) on: Option<String>,
    /// The fields written so far in the block.
    pub(super) fields: Vec<String>,
}

/// An item header read so far, before its `{` (or without one).
#[derive(Clone, Debug)]
pub(super) struct Header {
    pub(super) kind: ItemKind,
    pub(super) name: Option<String>,
    pub(super) at: bool,
    pub(super) on: Option<String>,
}

/// Where the cursor is.
pub(super) struct Context<'t> {
    pub(super) stack: Vec<Frame>,
    pub(super) header: Option<Header>,
    /// The tokens before the word being typed (comments left out), with their text.
    pub(super) tokens: Vec<(Token, &'t str)>,
    pub(super) replace: Span,
    /// Right after a field name's colon: values get a space before them.
    pub(super) glued: bool,
}

pub(super) fn item_kind(token: Token) -> Option<ItemKind> {
    token.item_kind()
}

/// A token that may be the start of a word being typed.
fn is_word(token: Token) -> bool {
    token == Token::Ident
        || item_kind(token).is_some()
        || matches!(token, Token::At | Token::On | Token::Remove | Token::Import)
}

/// Reads the tokens before `offset`: the blocks the cursor is in, a header being written, and
/// the word being typed. `None` inside a comment, a string or a number.
pub(super) fn context(file: FileId, text: &str, from: u32, offset: u32) -> Option<Context<'_>> {
    let before = text.get(..offset as usize)?;
    let (lexed, _) = lex(file, before.get(from as usize..)?);
    let mut tokens: Vec<(Token, std::ops::Range<u32>)> =
        lexed.tokens.iter().copied().zip(lexed.spans.iter().map(|r| r.start + from..r.end + from)).collect();
    if let Some((token, range)) = tokens.last() {
        let touching = range.end == offset;
        if touching
            && (token.is_comment()
                || !is_word(*token)
                    && !matches!(token, Token::Key | Token::LBrace | Token::RBrace | Token::Comma | Token::Arrow))
        {
            return None;
        }
    }
    tokens.retain(|(t, _)| !t.is_comment());
    let word_end = offset as usize
        + text
            .get(offset as usize..)
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .map(char::len_utf8)
            .sum::<usize>();
    let mut start = offset;
    if let Some((token, range)) = tokens.last() {
        if range.end == offset && is_word(*token) {
            start = range.start;
            tokens.pop();
        }
    }
    let glued = tokens.last().is_some_and(|(t, r)| *t == Token::Key && r.end == start);
    let slice = |r: &std::ops::Range<u32>| before.get(r.start as usize..r.end as usize).unwrap_or("");

    let mut stack: Vec<Frame> = Vec::new();
    let mut header: Option<Header> = None;
    let mut previous: Option<Token> = None;
    let mut out_tokens = Vec::with_capacity(tokens.len());
    for (token, range) in &tokens {
        let text = slice(range);
        match *token {
            t if item_kind(t).is_some() => {
                header = item_kind(t).map(|kind| Header { kind, name: None, at: false, on: None });
            }
            Token::Ident => {
                if let Some(h) = header.as_mut() {
                    match previous {
                        Some(Token::At) => h.at = true,
                        Some(Token::On) => h.on = Some(text.to_string()),
                        Some(p) if item_kind(p).is_some() => h.name = Some(text.to_string()),
                        _ => {}
                    }
                }
            }
            Token::String | Token::At | Token::On => {}
            Token::LBrace => {
                let frame = header.take().map_or_else(Frame::default, |h| Frame {
                    kind: Some(h.kind),
                    name: h.name,
                    on: h.on,
                    fields: Vec::new(),
                });
                stack.push(frame);
            }
            Token::RBrace => {
                stack.pop();
                header = None;
            }
            Token::Key => {
                header = None;
                if let Some(frame) = stack.last_mut() {
                    frame.fields.push(text.trim_end_matches(':').to_string());
                }
            }
            _ => header = None,
        }
        previous = Some(*token);
        out_tokens.push((*token, text));
    }
    Some(Context { stack, header, tokens: out_tokens, replace: Span::new(file, start..word_end as u32), glued })
}

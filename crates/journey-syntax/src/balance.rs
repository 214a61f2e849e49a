//! Brace repair before parsing: braces are made to balance, so that the parser's recovery
//! never has to guess where a block ends. Each repair is reported once.

use chumsky::prelude::SimpleSpan;
use journey_diagnostics::{Code, Diagnostic, FileId, Span};

use crate::ast::ItemKind;
use crate::lexer::Token;

/// Braces nest this deep at most. A real model needs four levels (scenario, stage, step, risk);
/// the limit only keeps hostile input from exhausting the stack.
pub const MAX_NESTING: usize = 32;

/// Whether every `}` closes a `{`, every `{` is closed, and no block nests deeper than
/// [`MAX_NESTING`]: then there is nothing to repair, however the text is indented.
fn balanced(tokens: &[(Token, SimpleSpan)]) -> bool {
    let mut depth = 0usize;
    for (token, _) in tokens {
        match token {
            Token::LBrace if depth >= MAX_NESTING => return false,
            Token::LBrace => depth += 1,
            Token::RBrace if depth == 0 => return false,
            Token::RBrace => depth -= 1,
            _ => {}
        }
    }
    depth == 0
}

/// Makes braces balance before parsing, so that the parser's recovery never has to guess where
/// a block ends. Braces that already balance are left as written, whatever the layout. A stray
/// `}` is dropped. A block is taken to be unclosed — and is closed where
/// its author's layout says it ends — when a line starts with an item that cannot stand inside
/// it at no deeper indentation than the block's own line (a `step` under an open `step`, a
/// `journey` at the left margin), when any other line starts there while the block's own lines
/// were indented deeper, when a `}` starts a line left of the block's indentation, or at the
/// end of the file. Blocks nested deeper than [`MAX_NESTING`] are cut out. Each repair is
/// reported once, where the missing `}` belongs: after the block's last token.
pub(crate) fn balance(
    text: &str,
    file: FileId,
    tokens: Vec<(Token, SimpleSpan)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Token, SimpleSpan)> {
    // Braces that balance are the author's: layout never overrules them.
    if balanced(&tokens) {
        return tokens;
    }
    let mut lines = Lines { text, seen: 0, line_start: 0 };
    let mut out: Vec<(Token, SimpleSpan)> = Vec::with_capacity(tokens.len() + 4);
    let mut open: Vec<Open> = Vec::new();
    // The item whose header is being read: its kind, and its id once seen.
    let mut header: Option<(ItemKind, Option<SimpleSpan>)> = None;
    // While cutting out a too-deep block: the depth at which the cut ends.
    let mut cutting: Option<usize> = None;
    let span = |s: SimpleSpan| Span::new(file, s.start as u32..s.end as u32);
    // Closes the innermost block at `at`, reporting it after the last token before `at`.
    let close =
        |open: &mut Vec<Open>, out: &mut Vec<(Token, SimpleSpan)>, at: usize, diagnostics: &mut Vec<Diagnostic>| {
            if let Some(block) = open.pop() {
                let last = out.last().map_or(block.brace, |&(_, s)| s);
                diagnostics.push(unclosed(text, file, &block, last));
                out.push((Token::RBrace, SimpleSpan::from(at..at)));
            }
        };
    for (token, s) in tokens {
        if let Some(stop) = cutting {
            match token {
                Token::LBrace => open.push(Open::cut(s)),
                Token::RBrace => {
                    open.pop();
                    if open.len() == stop {
                        cutting = None;
                    }
                }
                _ => {}
            }
            continue;
        }
        match token {
            Token::LBrace if open.len() >= MAX_NESTING => {
                diagnostics.push(
                    Diagnostic::new(Code::NestingTooDeep, span(s), format!("blocks nested more than {MAX_NESTING} deep"))
                        .with_label("this block is left out")
                        .with_help("a journey model nests four levels at most (scenario, stage, step, risk); close the blocks above"),
                );
                cutting = Some(open.len());
                open.push(Open::cut(s));
            }
            Token::LBrace => {
                let indent = lines.indent(s.start);
                let (kind, name) = header.take().map_or((None, None), |(kind, name)| (Some(kind), name));
                open.push(Open { brace: s, indent, kind, name, body: None });
                out.push((token, s));
            }
            Token::RBrace if open.is_empty() => diagnostics.push(
                Diagnostic::new(Code::SyntaxError, span(s), "unmatched `}`")
                    .with_label("no block is open here")
                    .with_help("remove this `}`, or add the `{` it was meant to close"),
            ),
            Token::RBrace => {
                // A `}` that starts its line left of the innermost block's indentation closes an
                // outer block: the inner one was left open.
                while open.len() > 1 && lines.starts_line(s.start) {
                    let column = lines.indent(s.start);
                    let inner = open.last().map_or(0, |o| o.indent);
                    let outer = open.get(open.len() - 2).map_or(0, |o| o.indent);
                    if column >= inner || column < outer {
                        break;
                    }
                    close(&mut open, &mut out, s.start, diagnostics);
                }
                open.pop();
                out.push((token, s));
            }
            _ => {
                let kind = token.item_kind();
                if lines.starts_line(s.start) {
                    let column = lines.indent(s.start);
                    let top_only = token == Token::Import || kind.is_some_and(ItemKind::is_top_level);
                    while let Some(block) = open.last_mut() {
                        let body = *block.body.get_or_insert(column);
                        let fits = kind.is_some_and(|k| ItemKind::may_contain(block.kind, k));
                        let at_margin = top_only && column == 0 && !fits;
                        // A line back at the block's own indentation, in a block whose lines
                        // were indented deeper, is past its end, whatever it holds.
                        let outdented = column <= block.indent && body > block.indent;
                        let item_ends_it =
                            (token == Token::Import || kind.is_some()) && !fits && column <= block.indent;
                        if !(outdented || item_ends_it || at_margin) {
                            break;
                        }
                        close(&mut open, &mut out, s.start, diagnostics);
                        if at_margin {
                            // Everything else open here ends at the margin too; one report.
                            for _ in open.drain(..) {
                                out.push((Token::RBrace, SimpleSpan::from(s.start..s.start)));
                            }
                        }
                    }
                }
                match (kind, token) {
                    (Some(kind), _) => header = Some((kind, None)),
                    (None, Token::Ident) => {
                        if let Some((_, name @ None)) = &mut header {
                            *name = Some(s);
                        }
                    }
                    (None, Token::Import) => header = None,
                    _ => {}
                }
                out.push((token, s));
            }
        }
    }
    if let Some(stop) = cutting {
        open.truncate(stop);
    }
    // Blocks still open at the end of the file: the innermost is reported, after the last
    // token (the outer ones most likely lost their `}` to it).
    if let Some(block) = open.last() {
        let last = out.last().map_or(block.brace, |&(_, s)| s);
        diagnostics.push(unclosed(text, file, block, last));
    }
    for _ in open.drain(..) {
        out.push((Token::RBrace, SimpleSpan::from(text.len()..text.len())));
    }
    out
}

/// A block that is open.
struct Open {
    brace: SimpleSpan,
    /// The indentation of the line the block opens on.
    indent: usize,
    /// The kind of the item whose block it is.
    kind: Option<ItemKind>,
    /// The item's id.
    name: Option<SimpleSpan>,
    /// The indentation of the first line that starts inside the block.
    body: Option<usize>,
}

impl Open {
    /// A block inside one being cut out for nesting too deep.
    fn cut(brace: SimpleSpan) -> Self {
        Open { brace, indent: 0, kind: None, name: None, body: None }
    }
}

/// The `}` of `block` is missing: reported on `last`, the block's last token, where it belongs,
/// with the fix that adds it on a line of its own after that token's line.
fn unclosed(text: &str, file: FileId, block: &Open, last: SimpleSpan) -> Diagnostic {
    let span = |s: SimpleSpan| Span::new(file, s.start as u32..s.end as u32);
    let what = match (block.kind, block.name.and_then(|n| text.get(n.start..n.end))) {
        (Some(kind), Some(name)) => format!("the {} `{name}`", kind.keyword()),
        (Some(kind), None) => format!("the {}", kind.keyword()),
        (None, _) => "this block".to_string(),
    };
    let line_end = text.get(last.end..).and_then(|rest| rest.find(['\n', '\r'])).map_or(text.len(), |i| last.end + i);
    let indent = text.get(..block.brace.start).map_or("", |before| {
        let line = before.rfind(['\n', '\r']).map_or(before, |i| before.get(i + 1..).unwrap_or(""));
        &line[..line.len() - line.trim_start_matches([' ', '\t']).len()]
    });
    let at_end = Span::new(file, line_end as u32..line_end as u32);
    Diagnostic::new(Code::SyntaxError, span(last), format!("missing `}}` at the end of {what}"))
        .with_label(format!("{what} ends here, but its block is not closed"))
        .with_secondary(span(block.brace), "the block opens here")
        .with_help("add the `}` that closes the block")
        .with_fix("close the block", at_end, format!("\n{indent}}}"))
}

/// Where lines start, found going forward through the text as the tokens are: each byte is
/// looked at once, so a model written on one long line costs no more than one laid out.
struct Lines<'a> {
    text: &'a str,
    /// How far the text has been searched for line breaks.
    seen: usize,
    /// The start of the line holding `seen`.
    line_start: usize,
}

impl Lines<'_> {
    /// The start of the line holding `offset`, which is never before an offset asked about
    /// earlier.
    fn line_start(&mut self, offset: usize) -> usize {
        if offset > self.seen {
            if let Some(i) = self
                .text
                .as_bytes()
                .get(self.seen..offset)
                .and_then(|b| b.iter().rposition(|&c| c == b'\n' || c == b'\r'))
            {
                self.line_start = self.seen + i + 1;
            }
            self.seen = offset;
        }
        self.line_start
    }

    /// Whether only blanks stand before `offset` on its line.
    fn starts_line(&mut self, offset: usize) -> bool {
        let start = self.line_start(offset);
        self.text.as_bytes().get(start..offset).is_some_and(|b| b.iter().rev().all(|&c| c == b' ' || c == b'\t'))
    }

    /// The indentation (in characters of blank) of the line holding `offset`.
    fn indent(&mut self, offset: usize) -> usize {
        let start = self.line_start(offset);
        self.text.as_bytes().get(start..).map_or(0, |b| b.iter().take_while(|&&c| c == b' ' || c == b'\t').count())
    }
}

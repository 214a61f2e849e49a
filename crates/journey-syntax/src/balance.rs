//! Brace repair before parsing: braces are made to balance, so that the parser's recovery
//! never has to guess where a block ends. Each repair is reported once.

use chumsky::prelude::SimpleSpan;
use journey_diagnostics::{Code, Diagnostic, FileId, Span};

use crate::ast::ItemKind;
use crate::lexer::Token;

/// Braces nest this deep at most. A real model needs four levels (scenario, stage, step, risk);
/// the limit only keeps hostile input from exhausting the stack.
pub const MAX_NESTING: usize = 32;

/// Makes braces balance before parsing, so that the parser's recovery never has to guess where
/// a block ends. A stray `}` is dropped. A block is taken to be unclosed — and is closed where
/// its author's layout says it ends — when a line starts with an item that cannot stand inside
/// it at no deeper indentation than the block's own line (a `step` under an open `step`, a
/// `journey` at the left margin), when a `}` starts a line left of the block's indentation, or
/// at the end of the file. Blocks nested deeper than [`MAX_NESTING`] are cut out. Each repair is
/// reported once.
pub(crate) fn balance(
    text: &str,
    file: FileId,
    tokens: Vec<(Token, SimpleSpan)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Token, SimpleSpan)> {
    struct Open {
        brace: SimpleSpan,
        /// The indentation of the line the block opens on.
        indent: usize,
        /// The kind of the item whose block it is.
        kind: Option<ItemKind>,
    }
    let mut lines = Lines { text, seen: 0, line_start: 0 };
    let mut out = Vec::with_capacity(tokens.len() + 4);
    let mut open: Vec<Open> = Vec::new();
    let mut last_kind: Option<ItemKind> = None;
    // While cutting out a too-deep block: the depth at which the cut ends.
    let mut cutting: Option<usize> = None;
    let span = |s: SimpleSpan| Span::new(file, s.start as u32..s.end as u32);
    let unclosed = |brace: SimpleSpan| {
        Diagnostic::new(Code::SyntaxError, span(brace), "unclosed `{`")
            .with_label("this block is never closed")
            .with_help("add the missing `}` where the block should end")
    };
    // Closes the innermost block at `at`, reporting it.
    let close =
        |open: &mut Vec<Open>, out: &mut Vec<(Token, SimpleSpan)>, at: usize, diagnostics: &mut Vec<Diagnostic>| {
            if let Some(block) = open.pop() {
                diagnostics.push(unclosed(block.brace));
                out.push((Token::RBrace, SimpleSpan::from(at..at)));
            }
        };
    for (token, s) in tokens {
        if let Some(stop) = cutting {
            match token {
                Token::LBrace => open.push(Open { brace: s, indent: 0, kind: None }),
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
                open.push(Open { brace: s, indent: 0, kind: None });
            }
            Token::LBrace => {
                let indent = lines.indent(s.start);
                open.push(Open { brace: s, indent, kind: last_kind.take() });
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
                if token == Token::Import || kind.is_some() {
                    if lines.starts_line(s.start) {
                        let column = lines.indent(s.start);
                        let top_only = token == Token::Import || kind.is_some_and(ItemKind::is_top_level);
                        while let Some(block) = open.last() {
                            let fits = kind.is_some_and(|k| ItemKind::may_contain(block.kind, k));
                            let at_margin = top_only && column == 0 && !fits;
                            if (fits || column > block.indent) && !at_margin {
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
                    last_kind = kind;
                }
                out.push((token, s));
            }
        }
    }
    if let Some(stop) = cutting {
        open.truncate(stop);
    }
    if let Some(block) = open.first() {
        diagnostics.push(unclosed(open.last().map_or(block.brace, |b| b.brace)));
    }
    for _ in open.drain(..) {
        out.push((Token::RBrace, SimpleSpan::from(text.len()..text.len())));
    }
    out
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

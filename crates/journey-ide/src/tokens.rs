//! Semantic tokens: every token of a file with what it means — keywords, field names, strings,
//! numbers, comments, and each identifier as the kind of item it names (or declares), read from
//! the name index. Identifiers that name nothing are free words (`web`, `true`) or metrics.

use journey_diagnostics::{FileId, Span};
use journey_syntax::ast::ItemKind;
use journey_syntax::lexer::{Token, lex};

use crate::Analysis;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Keyword,
    /// A field name with its colon.
    Field,
    String,
    Number,
    Comment,
    Operator,
    /// An experience's metric: `contacts` in `contacts <= 2`.
    Metric,
    /// A free word: a channel, a kind, a flag, or a name that resolves to nothing.
    Word,
    /// An id of an item of this kind, declared or referred to.
    Item(ItemKind),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SemanticToken {
    /// One token, on one line.
    pub span: Span,
    pub kind: TokenKind,
    /// The id in an item's header.
    pub declaration: bool,
    /// A `///` comment.
    pub documentation: bool,
}

impl Analysis {
    pub fn semantic_tokens(&self, file: FileId) -> Vec<SemanticToken> {
        let text = self.text(file);
        if self.ast(file).is_none() {
            return Vec::new();
        }
        let (lexed, _) = lex(file, text);
        let names = self.index().names(file);
        let mut next_name = 0;
        let mut out = Vec::with_capacity(lexed.tokens.len());
        for (index, (&token, range)) in lexed.tokens.iter().zip(&lexed.spans).enumerate() {
            let span = Span::new(file, range.clone());
            let mut declaration = false;
            let kind = match token {
                Token::DocComment | Token::Comment => TokenKind::Comment,
                Token::Key => TokenKind::Field,
                Token::String | Token::UnterminatedString => TokenKind::String,
                Token::Number | Token::Money => TokenKind::Number,
                Token::Arrow | Token::Slash | Token::Le | Token::Ge | Token::Lt | Token::Gt | Token::EqEq => {
                    TokenKind::Operator
                }
                Token::LBrace | Token::RBrace | Token::Comma | Token::Error => continue,
                Token::Ident => {
                    while names.get(next_name).is_some_and(|n| n.span.end <= range.start && n.span != span) {
                        next_name += 1;
                    }
                    match names.get(next_name).filter(|n| n.span == span) {
                        Some(name) => {
                            declaration = name.decl;
                            TokenKind::Item(target_kind(name.raw))
                        }
                        None if next_is_comparison(&lexed.tokens, index) => TokenKind::Metric,
                        None => TokenKind::Word,
                    }
                }
                _ => TokenKind::Keyword,
            };
            out.push(SemanticToken { span, kind, declaration, documentation: token == Token::DocComment });
        }
        out
    }
}

fn next_is_comparison(tokens: &[Token], index: usize) -> bool {
    let next = tokens.iter().skip(index + 1).find(|t| !t.is_comment());
    matches!(next, Some(Token::Le | Token::Ge | Token::Lt | Token::Gt | Token::EqEq))
}

pub(crate) fn target_kind(target: journey_model::ir::Target) -> ItemKind {
    target.kind()
}

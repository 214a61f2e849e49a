//! The parser: tokens to [`ast::File`], with chumsky. Parsing never fails. Braces are balanced
//! first ([`balance`]), so that recovery only ever has to skip inside one block: a member that
//! does not parse becomes [`Member::Error`] and the block goes on; an item that does not parse
//! is skipped up to the next item. Each skip reports exactly one diagnostic.

use crate::ast::*;
use crate::lexer::{Token, has_blank_line, lex};
use chumsky::input::{Input, ValueInput};
use chumsky::prelude::*;
use journey_diagnostics::{Diagnostic, FileId, Span};

pub use crate::balance::MAX_NESTING;
use crate::balance::balance;
use crate::errors::syntax_error;

/// How to parse.
#[derive(Clone, Copy, Debug)]
pub struct ParseOptions {
    pub file: FileId,
}

/// The parser's errors: `Rich` ones that say what was expected, or `EmptyErr` for the fast
/// first pass, which only needs to know whether there was any error at all.
trait ParseError<'t, I: Input<'t>>: chumsky::error::Error<'t, I> + chumsky::error::LabelError<'t, I, &'static str> {
    fn custom(span: SimpleSpan, message: String) -> Self;
}

impl<'t, I: Input<'t, Token = Token, Span = SimpleSpan>> ParseError<'t, I> for Rich<'t, Token, SimpleSpan> {
    fn custom(span: SimpleSpan, message: String) -> Self {
        Rich::custom(span, message)
    }
}

impl<'t, I: Input<'t>> ParseError<'t, I> for chumsky::error::EmptyErr {
    fn custom(_: SimpleSpan, _: String) -> Self {
        chumsky::error::EmptyErr::default()
    }
}

/// What the parser reads: tokens and their byte spans. Generic, so that each parse is compiled
/// for the slice it reads and every token is read without an indirect call.
trait TokenInput<'t>: ValueInput<'t, Token = Token, Span = SimpleSpan> {}

impl<'t, I: ValueInput<'t, Token = Token, Span = SimpleSpan>> TokenInput<'t> for I {}

#[derive(Clone)]
enum Top {
    Import(Import),
    Item(Item),
    Error,
}

/// Lexes and parses one file. The diagnostics cover both phases.
pub fn parse(text: &str, options: ParseOptions) -> (File, Vec<Diagnostic>) {
    let file = options.file;
    let (lexed, mut diagnostics) = lex(file, text);
    let mut comments = Vec::new();
    let mut tokens = Vec::with_capacity(lexed.tokens.len());
    for (&token, range) in lexed.tokens.iter().zip(&lexed.spans) {
        if token.is_comment() {
            comments.push(Comment {
                span: Span::new(file, range.clone()),
                doc: token == Token::DocComment,
                documents: false,
            });
        } else {
            tokens.push((token, SimpleSpan::from(range.start as usize..range.end as usize)));
        }
    }
    let tokens = balance(text, file, tokens, &mut diagnostics);

    let eoi = SimpleSpan::from(text.len()..text.len());
    // A first pass keeps no account of what it expected: on a file without mistakes (most
    // files, most of the time) that is all the parsing there is. Only a file with a mistake is
    // parsed again, keeping the account that the messages are made of.
    // It has no recovery or labels either: at the first mistake it stops, and the full pass
    // starts.
    let (fast, fast_errors) = file_parser::<_, chumsky::error::EmptyErr>(text, file, Pass::Fast)
        .parse(tokens.as_slice().map(eoi, |(t, s)| (t, s)))
        .into_output_errors();
    let (tops, errors) = if fast_errors.is_empty() && fast.is_some() {
        (fast, Vec::new())
    } else {
        file_parser::<_, Rich<'_, Token, SimpleSpan>>(text, file, Pass::Full)
            .parse(tokens.as_slice().map(eoi, |(t, s)| (t, s)))
            .into_output_errors()
    };
    // A token the lexer could not read was reported by the lexer; the parser's complaint about
    // finding it there would be the same mistake twice.
    let unread = |e: &&Rich<'_, Token, SimpleSpan>| matches!(e.found(), Some(Token::Error | Token::UnterminatedString));
    diagnostics.extend(errors.iter().filter(|e| !unread(e)).map(|error| syntax_error(file, text, error)));

    diagnostics.sort_by_key(|d| d.primary.span);
    let mut ast = File { comments, composed: lexed.composed, ..File::default() };
    for top in tops.unwrap_or_default() {
        match top {
            Top::Import(import) => ast.imports.push(import),
            Top::Item(item) => ast.items.push(item),
            Top::Error => {}
        }
    }
    let docs = DocComments { text, comments: &ast.comments };
    let mut documenting = Vec::new();
    for item in &mut ast.items {
        docs.attach(item, &mut documenting);
    }
    for index in documenting.into_iter().flatten() {
        if let Some(comment) = ast.comments.get_mut(index) {
            comment.documents = true;
        }
    }
    (ast, diagnostics)
}

/// The two passes: the fast one stops at the first mistake and keeps no account of what it
/// expected; the full one labels what it expects (for the messages) and skips what it cannot
/// read, going on after it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Pass {
    Fast,
    Full,
}

/// `parser`, boxed, and in the full pass labelled with what it reads, for the messages.
fn label<'t, I: TokenInput<'t>, O, E>(
    parser: impl Parser<'t, I, O, extra::Err<E>> + 't,
    pass: Pass,
    what: &'static str,
) -> Boxed<'t, 't, I, O, extra::Err<E>>
where
    E: ParseError<'t, I> + 't,
{
    match pass {
        Pass::Full => parser.labelled(what).boxed(),
        Pass::Fast => parser.boxed(),
    }
}

fn file_parser<'t, I: TokenInput<'t>, E>(
    src: &'t str,
    file: FileId,
    pass: Pass,
) -> impl Parser<'t, I, Vec<Top>, extra::Err<E>>
where
    E: ParseError<'t, I> + 't,
{
    let sp = move |s: SimpleSpan| Span::new(file, s.start as u32..s.end as u32);
    let slice = move |s: SimpleSpan| src.get(s.start..s.end).unwrap_or("");

    let name = just(Token::Ident).map_with(move |_, e| {
        let s: SimpleSpan = e.span();
        Name { span: sp(s) }
    });
    let name = label(name, pass, "an identifier");
    // An unterminated string was reported by the lexer; it is read as the string it was meant
    // to be, so that the mistake gives no second error.
    let string = one_of([Token::String, Token::UnterminatedString]).map_with(move |_, e| {
        let s: SimpleSpan = e.span();
        StringLit { span: sp(s) }
    });
    let string = label(string, pass, "a string");
    let number = just(Token::Number).map_with(move |_, e| {
        let s: SimpleSpan = e.span();
        number_literal(slice(s), sp(s))
    });
    let number = label(number, pass, "a number");
    let money = just(Token::Money).map_with(move |_, e| {
        let s: SimpleSpan = e.span();
        let text = slice(s);
        let amount = text.split_once([' ', '\t']).map_or(text, |(amount, _)| amount);
        Term::Money { amount: amount.parse().unwrap_or(0.0), span: sp(s) }
    });
    let term = choice((
        string.clone().then(number.clone().or_not()).map(|(s, n)| Term::String(s, n.map(Box::new))),
        number
            .clone()
            .then(just(Token::Slash).ignore_then(name.clone()).or_not())
            .map(|(n, per)| Term::Number(n, per.map(Box::new))),
        money,
        name.clone().map(Term::Ident),
    ));
    let term = label(term, pass, "a value");

    let written_key = just(Token::Key).map_with(move |_, e| {
        let s: SimpleSpan = e.span();
        // The name without its colon.
        Name { span: sp(SimpleSpan::from(s.start..s.start + slice(s).trim_end_matches(':').len())) }
    });
    // `channel web`: an identifier followed by a value can only be a field whose colon is
    // missing; it is read as the field, and reported once.
    let value_ahead = one_of([Token::Ident, Token::String, Token::Number, Token::Money]);
    let colonless_key = name.clone().then_ignore(value_ahead.rewind()).validate(move |name: Name, _, emitter| {
        let range = SimpleSpan::from(name.span.start as usize..name.span.end as usize);
        emitter.emit(E::custom(range, format!("expected `:` after the field name `{}`", name.text(src))));
        name
    });
    let key = written_key.or(colonless_key);
    // A value written without its comma (`uses: erp crm`) is read, and reported once; an
    // identifier followed by `->` or a comparison starts the next member instead.
    let ahead = one_of([Token::Arrow, Token::Le, Token::Ge, Token::Lt, Token::Gt, Token::EqEq]);
    let uncommaed = term.clone().then_ignore(ahead.not().rewind()).map(|t| (t, true));
    let comma_term = just(Token::Comma).ignore_then(term.clone()).map(|t| (t, false));
    let values =
        term.clone().map(|t| (t, false)).then(choice((comma_term, uncommaed)).repeated().collect::<Vec<_>>()).map(
            |(first, mut rest)| {
                rest.insert(0, first);
                rest
            },
        );
    let field = key.then(values).validate(move |(key, values): (Name, Vec<(Term, bool)>), e, emitter| {
        let mut values = values;
        let mut index = 1;
        while index < values.len() {
            let (term, missing) = &values[index];
            if !*missing {
                index += 1;
                continue;
            }
            let span = term.span();
            let range = SimpleSpan::from(span.start as usize..span.end as usize);
            // `10 min` or `-4.50 EUR`: a number and a word apart are one mistaken value, not
            // two values; the field is reported once and read as having no value.
            if let (Term::Number(number, None), Term::Ident(word)) = (&values[index - 1].0, term) {
                let whole = SimpleSpan::from(number.span.start as usize..word.span.end as usize);
                let message = if word.text(src).len() == 3 && word.text(src).chars().all(|c| c.is_ascii_uppercase()) {
                    format!("`{}` is not an amount of money: amounts have no sign", slice(whole))
                } else {
                    format!(
                        "`{}` has a space before its unit: write `{}{}`",
                        slice(whole),
                        slice(range_of(number.span)),
                        word.text(src)
                    )
                };
                emitter.emit(E::custom(whole, message));
                values.clear();
                break;
            }
            let message = format!("expected `,` between the values of `{}:`, found `{}`", key.text(src), slice(range));
            emitter.emit(E::custom(range, message));
            index += 1;
        }
        Field { key, values: values.into_iter().map(|(t, _)| t).collect(), span: sp(e.span()) }
    });

    let flow = name
        .clone()
        .then(just(Token::Arrow).ignore_then(name.clone()).repeated().at_least(1).collect::<Vec<_>>())
        .then(number.clone().or_not())
        .then(string.clone().or_not())
        .map_with(move |(((from, mut rest), share), label), e| {
            rest.insert(0, from);
            Flow { path: rest, share, label, span: sp(e.span()) }
        });
    let cmp = select! {
        Token::Le => CmpOp::Le,
        Token::Ge => CmpOp::Ge,
        Token::Lt => CmpOp::Lt,
        Token::Gt => CmpOp::Gt,
        Token::EqEq => CmpOp::Eq,
    }
    .map_with(move |op, e| (op, sp(e.span())))
    .labelled("a comparison");
    // `risk` is a keyword, and also the name of a metric.
    let risk_metric = just(Token::Risk).map_with(move |_, e| {
        let s: SimpleSpan = e.span();
        Name { span: sp(s) }
    });
    let target =
        name.clone().or(risk_metric).then(cmp).then(term.clone()).map_with(
            move |((metric, (op, op_span)), value), e| Target { metric, op, op_span, value, span: sp(e.span()) },
        );
    let removal = just(Token::Remove)
        .ignore_then(name.clone())
        .then(just(Token::Arrow).ignore_then(name.clone()).or_not())
        .map_with(move |(name, to), e| Removal { name, to, span: sp(e.span()) });

    // An item keyword, as `Token::item_kind` maps it.
    let kind = any()
        .filter(|t: &Token| t.item_kind().is_some())
        .map(|t: Token| t.item_kind().unwrap_or(ItemKind::Lane))
        .map_with(move |kind, e| (kind, sp(e.span())));
    let kind = label(kind, pass, "an item (`lane`, `touchpoint`, `journey`, `step`, …)");

    // Skipping after an error goes a token, or a whole `{ … }` group, at a time.
    let group = recursive(|group| {
        just(Token::LBrace)
            .then(choice((group, none_of([Token::LBrace, Token::RBrace]).ignored())).repeated())
            .then(just(Token::RBrace))
            .ignored()
    });
    let skip = choice((group, none_of([Token::LBrace, Token::RBrace]).ignored())).boxed();
    let member_start = choice((
        just(Token::Key).ignored(),
        kind.clone().ignored(),
        just(Token::Remove).ignored(),
        just(Token::RBrace).ignored(),
        just(Token::Ident)
            .then(one_of([Token::Arrow, Token::Le, Token::Ge, Token::Lt, Token::Gt, Token::EqEq]))
            .ignored(),
    ))
    .boxed();
    let member_garbage = skip
        .clone()
        .then(skip.clone().and_is(member_start.not()).repeated())
        .map_with(move |_, e| Member::Error(sp(e.span())));

    // `step remove "Remove the item"`: a keyword where an id belongs, before the label, is read
    // as the id and reported once.
    let keyword_as_id = one_of([Token::Remove, Token::At, Token::On, Token::Import])
        .then_ignore(just(Token::String).rewind())
        .map_with(move |_, e| {
            let s: SimpleSpan = e.span();
            Name { span: sp(s) }
        })
        .validate(move |name: Name, _, emitter| {
            let range = SimpleSpan::from(name.span.start as usize..name.span.end as usize);
            emitter.emit(E::custom(range, format!("expected an identifier, found `{}`", name.text(src))));
            name
        });
    let keyword_as_id = label(keyword_as_id, pass, "an identifier");
    // Where a step happens, in its header: `at web`. Written `at: web`, or `at` with nothing after
    // it, it is one mistake: reported, and read as well as it can be (`Err` when no touchpoint
    // is named).
    let at_field = just(Token::Key).map_with(|_, e| e.span()).filter(move |s: &SimpleSpan| slice(*s) == "at:");
    let header_at = choice((
        at_field.then(name.clone()).validate(move |(colon, at): (SimpleSpan, Name), _, emitter| {
            emitter.emit(E::custom(colon, "`at` in a step's header takes no colon: write `at touchpoint`".to_string()));
            Ok(at)
        }),
        just(Token::At).map_with(|_, e| e.span()).then(name.clone().or_not()).validate(
            move |(at, touchpoint): (SimpleSpan, Option<Name>), _, emitter| match touchpoint {
                Some(touchpoint) => Ok(touchpoint),
                None => {
                    emitter.emit(E::custom(at, "`at` names no touchpoint".to_string()));
                    Err(at)
                }
            },
        ),
    ));
    let (item_kind, item_name, item_string) = (kind.clone(), name.clone(), string.clone());
    let item = recursive(move |item| {
        let member = choice((
            field.map(Member::Field),
            item.map(|i| Member::Item(Box::new(i))),
            removal.map(|r| Member::Removal(Box::new(r))),
            flow.map(|f| Member::Flow(Box::new(f))),
            target.map(|t| Member::Target(Box::new(t))),
        ));
        let member = match pass {
            Pass::Full => member.recover_with(via_parser(member_garbage)).boxed(),
            Pass::Fast => member.boxed(),
        };
        let block = member
            .repeated()
            .collect::<Vec<_>>()
            .map(|mut members| {
                members.shrink_to_fit();
                members
            })
            .delimited_by(just(Token::LBrace), just(Token::RBrace));
        item_kind
            .then(item_name.clone().or(keyword_as_id))
            .then(item_string.or_not())
            .then(header_at.or_not())
            .then(just(Token::On).ignore_then(item_name).or_not())
            .then(block.or_not())
            .map_with(move |(((((kind, name), label), at), on), mut body), e| {
                let at = match at {
                    Some(Ok(at)) => Some(at),
                    // `at` with no touchpoint: reported; the step keeps the mark of text it
                    // lost, so that it is not also said to happen nowhere.
                    Some(Err(span)) => {
                        body.get_or_insert_with(Vec::new).insert(0, Member::Error(sp(span)));
                        None
                    }
                    None => None,
                };
                Item {
                    kind: kind.0,
                    kind_span: kind.1,
                    name,
                    label,
                    at,
                    on,
                    body,
                    docs: Vec::new(),
                    span: sp(e.span()),
                }
            })
    });

    let import =
        just(Token::Import).ignore_then(string.clone()).map_with(move |path, e| Import { path, span: sp(e.span()) });
    let top_start = choice((just(Token::Import).ignored(), kind.ignored()));
    let top_garbage = skip.clone().then(skip.and_is(top_start.not()).repeated()).to(Top::Error);
    let top = choice((import.map(Top::Import), item.map(Top::Item)));
    let top = match pass {
        Pass::Full => top.recover_with(via_parser(top_garbage)).boxed(),
        Pass::Fast => top.boxed(),
    };
    top.repeated().collect::<Vec<_>>().then_ignore(end())
}

/// `+1.5min` → 1.5 with unit `min`, explicitly signed.
fn number_literal(text: &str, span: Span) -> NumberLit {
    let digits_end = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && (c == '+' || c == '-'))))
        .map_or(text.len(), |(i, _)| i);
    NumberLit {
        value: text.get(..digits_end).unwrap_or("").parse().unwrap_or(0.0),
        signed: text.starts_with(['+', '-']),
        unit_start: span.start + digits_end as u32,
        span,
    }
}

struct DocComments<'a> {
    text: &'a str,
    comments: &'a [Comment],
}

impl DocComments<'_> {
    /// Gives `item` (and the items inside it) its doc comments (see [`documenting`]), and notes
    /// which comments those are.
    fn attach(&self, item: &mut Item, documenting_runs: &mut Vec<std::ops::Range<usize>>) {
        let run = documenting(self.text, self.comments, item.span.start);
        documenting_runs.push(run.clone());
        item.docs = self
            .comments
            .get(run)
            .unwrap_or_default()
            .iter()
            .map(|comment| {
                let line = self.text.get(comment.span.start as usize + 3..comment.span.end as usize).unwrap_or("");
                line.strip_prefix(' ').unwrap_or(line).trim_end().to_string()
            })
            .collect();
        for member in item.body.iter_mut().flatten() {
            if let Member::Item(inner) = member {
                self.attach(inner, documenting_runs);
            }
        }
    }
}

/// The doc comments of the item that starts at `start`, as a range of `comments` (which are in
/// the order of the text): those right above it, each on a line of its own, with no blank line
/// between them and the item. A `///` at the end of a line of code, or above a blank line or
/// anything else, documents nothing; the formatter keeps it so (see `format.rs`).
fn documenting(text: &str, comments: &[Comment], start: u32) -> std::ops::Range<usize> {
    let end = comments.partition_point(|c| c.span.end <= start);
    let mut first = end;
    let mut cursor = start as usize;
    while let Some(comment) = first.checked_sub(1).and_then(|i| comments.get(i)) {
        let comment_start = comment.span.start as usize;
        let gap = text.get(comment.span.end as usize..cursor).unwrap_or("x");
        let before = text.get(..comment_start).unwrap_or("x");
        let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let own_line = before.get(line_start..).is_some_and(|code| code.trim().is_empty());
        if !comment.doc || !own_line || !gap.trim().is_empty() || has_blank_line(gap) {
            break;
        }
        cursor = comment_start;
        first -= 1;
    }
    first..end
}

fn range_of(span: Span) -> SimpleSpan {
    SimpleSpan::from(span.start as usize..span.end as usize)
}

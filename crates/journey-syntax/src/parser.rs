//! The parser: tokens to [`ast::File`], with chumsky. Parsing never fails. Braces are balanced
//! first ([`balance`]), so that recovery only ever has to skip inside one block: a member that
//! does not parse becomes [`Member::Error`] and the block goes on; an item that does not parse
//! is skipped up to the next item. Each skip reports exactly one diagnostic.

use crate::ast::*;
use crate::lexer::{Token, lex, unescape};
use chumsky::error::RichPattern;
use chumsky::input::Input as _;
use chumsky::prelude::*;
use journey_diagnostics::{Code, Diagnostic, FileId, Span};

/// Braces nest this deep at most. A real model needs four levels (scenario, stage, step, risk);
/// the limit only keeps hostile input from exhausting the stack.
pub const MAX_NESTING: usize = 32;

/// How to parse.
#[derive(Clone, Copy, Debug)]
pub struct ParseOptions {
    pub file: FileId,
}

/// The parser's errors: `Rich` ones that say what was expected, or `EmptyErr` for the fast
/// first pass, which only needs to know whether there was any error at all.
trait ParseError<'t>:
    chumsky::error::Error<'t, TokenInput<'t>> + chumsky::error::LabelError<'t, TokenInput<'t>, &'static str>
{
    fn custom(span: SimpleSpan, message: String) -> Self;
}

impl<'t> ParseError<'t> for Rich<'t, Token, SimpleSpan> {
    fn custom(span: SimpleSpan, message: String) -> Self {
        Rich::custom(span, message)
    }
}

impl<'t> ParseError<'t> for chumsky::error::EmptyErr {
    fn custom(_: SimpleSpan, _: String) -> Self {
        chumsky::error::EmptyErr::default()
    }
}

type TokenInput<'t> = chumsky::input::MappedInput<
    't,
    Token,
    SimpleSpan,
    &'t [(Token, SimpleSpan)],
    fn(&'t (Token, SimpleSpan)) -> (&'t Token, &'t SimpleSpan),
>;

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
            comments.push(Comment { span: Span::new(file, range.clone()), doc: token == Token::DocComment });
        } else {
            tokens.push((token, SimpleSpan::from(range.start as usize..range.end as usize)));
        }
    }
    let tokens = balance(text, file, tokens, &mut diagnostics);

    let eoi = SimpleSpan::from(text.len()..text.len());
    let split: fn(&(Token, SimpleSpan)) -> (&Token, &SimpleSpan) = |(t, s)| (t, s);
    // A first pass keeps no account of what it expected: on a file without mistakes (most
    // files, most of the time) that is all the parsing there is. Only a file with a mistake is
    // parsed again, keeping the account that the messages are made of.
    let (fast, fast_errors) = file_parser::<chumsky::error::EmptyErr>(text, file)
        .parse(tokens.as_slice().map(eoi, split))
        .into_output_errors();
    let (tops, errors) = if fast_errors.is_empty() && fast.is_some() {
        (fast, Vec::new())
    } else {
        file_parser::<Rich<'_, Token, SimpleSpan>>(text, file)
            .parse(tokens.as_slice().map(eoi, split))
            .into_output_errors()
    };
    // A token the lexer could not read was reported by the lexer; the parser's complaint about
    // finding it there would be the same mistake twice.
    let unread = |e: &&Rich<'_, Token, SimpleSpan>| matches!(e.found(), Some(Token::Error | Token::UnterminatedString));
    diagnostics.extend(errors.iter().filter(|e| !unread(e)).map(|error| syntax_error(file, text, error)));

    diagnostics.sort_by_key(|d| d.primary.span);
    let mut ast = File { comments, ..File::default() };
    for top in tops.unwrap_or_default() {
        match top {
            Top::Import(import) => ast.imports.push(import),
            Top::Item(item) => ast.items.push(item),
            Top::Error => {}
        }
    }
    let docs = DocComments { text, comments: &ast.comments };
    for item in &mut ast.items {
        docs.attach(item);
    }
    (ast, diagnostics)
}

/// Makes braces balance before parsing, so that the parser's recovery never has to guess where
/// a block ends. A stray `}` is dropped. A block is taken to be unclosed — and is closed where
/// its author's layout says it ends — when a line starts with an item that cannot stand inside
/// it at no deeper indentation than the block's own line (a `step` under an open `step`, a
/// `journey` at the left margin), when a `}` starts a line left of the block's indentation, or
/// at the end of the file. Blocks nested deeper than [`MAX_NESTING`] are cut out. Each repair is
/// reported once.
fn balance(
    text: &str,
    file: FileId,
    tokens: Vec<(Token, SimpleSpan)>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<(Token, SimpleSpan)> {
    struct Open {
        brace: SimpleSpan,
        /// The kind of the item whose block it is.
        kind: Option<ItemKind>,
    }
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
                Token::LBrace => open.push(Open { brace: s, kind: None }),
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
                open.push(Open { brace: s, kind: None });
            }
            Token::LBrace => {
                open.push(Open { brace: s, kind: last_kind.take() });
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
                while open.len() > 1 && starts_line(text, s.start) {
                    let column = indent_of(text, s.start);
                    let inner = open.last().map_or(0, |o| indent_of(text, o.brace.start));
                    let outer = open.get(open.len() - 2).map_or(0, |o| indent_of(text, o.brace.start));
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
                    if starts_line(text, s.start) {
                        let column = indent_of(text, s.start);
                        let top_only = token == Token::Import || kind.is_some_and(ItemKind::is_top_level);
                        while let Some(block) = open.last() {
                            let fits = kind.is_some_and(|k| ItemKind::may_contain(block.kind, k));
                            let at_margin = top_only && column == 0 && !fits;
                            if (fits || column > indent_of(text, block.brace.start)) && !at_margin {
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

fn file_parser<'t, E>(src: &'t str, file: FileId) -> impl Parser<'t, TokenInput<'t>, Vec<Top>, extra::Err<E>>
where
    E: ParseError<'t> + 't,
{
    let sp = move |s: SimpleSpan| Span::new(file, s.start as u32..s.end as u32);
    let slice = move |s: SimpleSpan| src.get(s.start..s.end).unwrap_or("");

    let name = just(Token::Ident)
        .map_with(move |_, e| {
            let s: SimpleSpan = e.span();
            Name { text: slice(s).to_string(), span: sp(s) }
        })
        .labelled("an identifier")
        .boxed();
    let string = just(Token::String)
        .map_with(move |_, e| {
            let s: SimpleSpan = e.span();
            StringLit { value: unescape(slice(s)), span: sp(s) }
        })
        .labelled("a string")
        .boxed();
    let number = just(Token::Number)
        .map_with(move |_, e| {
            let s: SimpleSpan = e.span();
            number_literal(slice(s), sp(s))
        })
        .labelled("a number")
        .boxed();
    let money = just(Token::Money).map_with(move |_, e| {
        let s: SimpleSpan = e.span();
        let text = slice(s);
        let (amount, currency) = text.split_once([' ', '\t']).unwrap_or((text, ""));
        Term::Money { amount: amount.parse().unwrap_or(0.0), currency: currency.trim().to_string(), span: sp(s) }
    });
    let term = choice((
        string.clone().then(number.clone().or_not()).map(|(s, n)| Term::String(s, n)),
        number.clone().then(just(Token::Slash).ignore_then(name.clone()).or_not()).map(|(n, per)| Term::Number(n, per)),
        money,
        name.clone().map(Term::Ident),
    ))
    .labelled("a value")
    .boxed();

    let written_key = just(Token::Key).map_with(move |_, e| {
        let s: SimpleSpan = e.span();
        Name { text: slice(s).trim_end_matches(':').to_string(), span: sp(s) }
    });
    // `channel web`: an identifier followed by a value can only be a field whose colon is
    // missing; it is read as the field, and reported once.
    let value_ahead = one_of([Token::Ident, Token::String, Token::Number, Token::Money]);
    let colonless_key = name.clone().then_ignore(value_ahead.rewind()).validate(move |name: Name, _, emitter| {
        let range = SimpleSpan::from(name.span.start as usize..name.span.end as usize);
        emitter.emit(E::custom(range, format!("expected `:` after the field name `{}`", name.text)));
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
                let message = if word.text.len() == 3 && word.text.chars().all(|c| c.is_ascii_uppercase()) {
                    format!("`{}` is not an amount of money: amounts have no sign", slice(whole))
                } else {
                    format!(
                        "`{}` has a space before its unit: write `{}{}`",
                        slice(whole),
                        slice(range_of(number.span)),
                        word.text
                    )
                };
                emitter.emit(E::custom(whole, message));
                values.clear();
                break;
            }
            let message = format!("expected `,` between the values of `{}:`, found `{}`", key.text, slice(range));
            emitter.emit(E::custom(range, message));
            index += 1;
        }
        // Exactly as long as it is: a model holds hundreds of thousands of these.
        let mut terms = Vec::with_capacity(values.len());
        terms.extend(values.into_iter().map(|(t, _)| t));
        Field { key, values: terms, span: sp(e.span()) }
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
        Name { text: slice(s).to_string(), span: sp(s) }
    });
    let target =
        name.clone().or(risk_metric).then(cmp).then(term.clone()).map_with(
            move |((metric, (op, op_span)), value), e| Target { metric, op, op_span, value, span: sp(e.span()) },
        );
    let removal = just(Token::Remove)
        .ignore_then(name.clone())
        .then(just(Token::Arrow).ignore_then(name.clone()).or_not())
        .map_with(move |(name, to), e| Removal { name, to, span: sp(e.span()) });

    let kind = select! {
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
    }
    .map_with(move |kind, e| (kind, sp(e.span())))
    .labelled("an item (`lane`, `touchpoint`, `journey`, `step`, …)")
    .boxed();

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

    let (item_kind, item_name, item_string) = (kind.clone(), name.clone(), string.clone());
    let item = recursive(move |item| {
        let member = choice((
            field.map(Member::Field),
            item.map(|i| Member::Item(Box::new(i))),
            removal.map(Member::Removal),
            flow.map(Member::Flow),
            target.map(Member::Target),
        ))
        .recover_with(via_parser(member_garbage));
        let block = member
            .repeated()
            .collect::<Vec<_>>()
            .map(|mut members| {
                members.shrink_to_fit();
                members
            })
            .delimited_by(just(Token::LBrace), just(Token::RBrace));
        item_kind
            .then(item_name.clone())
            .then(item_string.or_not())
            .then(just(Token::At).ignore_then(item_name.clone()).or_not())
            .then(just(Token::On).ignore_then(item_name).or_not())
            .then(block.or_not())
            .map_with(move |(((((kind, name), label), at), on), body), e| Item {
                kind: kind.0,
                kind_span: kind.1,
                name,
                label,
                at,
                on,
                body,
                docs: Vec::new(),
                span: sp(e.span()),
            })
    });

    let import =
        just(Token::Import).ignore_then(string.clone()).map_with(move |path, e| Import { path, span: sp(e.span()) });
    let top_start = choice((just(Token::Import).ignored(), kind.ignored()));
    let top_garbage = skip.clone().then(skip.and_is(top_start.not()).repeated()).to(Top::Error);
    choice((import.map(Top::Import), item.map(Top::Item)))
        .recover_with(via_parser(top_garbage))
        .repeated()
        .collect::<Vec<_>>()
        .then_ignore(end())
}

/// `+1.5min` → 1.5 with unit `min`, explicitly signed.
fn number_literal(text: &str, span: Span) -> NumberLit {
    let digits_end = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && (c == '+' || c == '-'))))
        .map_or(text.len(), |(i, _)| i);
    let (number, unit) = text.split_at(digits_end);
    NumberLit {
        value: number.parse().unwrap_or(0.0),
        unit: unit.to_string(),
        signed: text.starts_with(['+', '-']),
        span,
    }
}

fn syntax_error(file: FileId, text: &str, error: &Rich<'_, Token, SimpleSpan>) -> Diagnostic {
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
fn custom_error(span: Span, message: &str) -> Diagnostic {
    let at_end = Span { start: span.end, ..span };
    let at_start = Span { end: span.start, ..span };
    let d = Diagnostic::new(Code::SyntaxError, span, message.to_string());
    if message.contains("amounts have no sign") {
        d.with_label("a signed amount").with_help("write the amount without a sign, e.g. `4.50 EUR`")
    } else if message.contains("a space before its unit") {
        d.with_label("a space between the number and its unit")
            .with_help("write the unit right after the number, e.g. `15min`")
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

struct DocComments<'a> {
    text: &'a str,
    comments: &'a [Comment],
}

impl DocComments<'_> {
    /// Gives `item` (and the items inside it) the doc comments that stand right before it.
    fn attach(&self, item: &mut Item) {
        let mut end = self.comments.partition_point(|c| c.span.end <= item.span.start);
        let mut cursor = item.span.start as usize;
        let mut docs = Vec::new();
        while end > 0 {
            let Some(comment) = self.comments.get(end - 1) else {
                break;
            };
            let gap = self.text.get(comment.span.end as usize..cursor).unwrap_or("x");
            if !comment.doc || !gap.trim().is_empty() {
                break;
            }
            let line = self.text.get(comment.span.start as usize + 3..comment.span.end as usize).unwrap_or("");
            docs.push(line.strip_prefix(' ').unwrap_or(line).trim_end().to_string());
            cursor = comment.span.start as usize;
            end -= 1;
        }
        docs.reverse();
        item.docs = docs;
        for member in item.body.iter_mut().flatten() {
            if let Member::Item(inner) = member {
                self.attach(inner);
            }
        }
    }
}

fn range_of(span: Span) -> SimpleSpan {
    SimpleSpan::from(span.start as usize..span.end as usize)
}

/// Whether only blanks stand before `offset` on its line.
fn starts_line(text: &str, offset: usize) -> bool {
    let line_start = text.get(..offset).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    text.get(line_start..offset).is_some_and(|t| t.chars().all(|c| c == ' ' || c == '\t'))
}

/// The indentation (in characters of blank) of the line holding `offset`.
fn indent_of(text: &str, offset: usize) -> usize {
    let line_start = text.get(..offset).and_then(|t| t.rfind('\n')).map_or(0, |i| i + 1);
    text.get(line_start..).map_or(0, |t| t.chars().take_while(|&c| c == ' ' || c == '\t').count())
}

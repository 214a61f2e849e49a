//! The syntax tree. It keeps every span and every comment, so that the checker can point at
//! exact places and a formatter can reprint the file without lexing it again. It says nothing
//! about meaning: whether a field belongs to an item, or a name is declared, is the model's job.
//!
//! Its leaves hold where they stand, not their text: a name's text, a string's value and a
//! unit are read from the file's text when asked for ([`Source`]). A model holds hundreds of
//! thousands of names; a copy of each would double the tree.

use std::borrow::Cow;

use journey_diagnostics::{SourceFiles, Span};
use serde::Serialize;
pub use smol_str::SmolStr;

use crate::lexer::unescape;

/// Where the text of a span is read: the text of the one file it is in, or every file of a
/// workspace (by the span's file).
pub trait Source {
    fn slice(&self, span: Span) -> &str;

    /// The name (an id or a field name) at `span`, as it is meant: its composed form (NFC) when
    /// it is written decomposed and the source knows it.
    fn name(&self, span: Span) -> &str {
        self.slice(span)
    }
}

impl Source for str {
    #[inline]
    fn slice(&self, span: Span) -> &str {
        self.get(span.range()).unwrap_or("")
    }
}

impl Source for SourceFiles {
    #[inline]
    fn slice(&self, span: Span) -> &str {
        self.text(span.file).get(span.range()).unwrap_or("")
    }

    #[inline]
    fn name(&self, span: Span) -> &str {
        self.composed(span).unwrap_or_else(|| self.slice(span))
    }
}

/// A parsed file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct File {
    pub imports: Vec<Import>,
    pub items: Vec<Item>,
    /// Every comment and doc comment, in source order.
    pub comments: Vec<Comment>,
    /// The names written in decomposed Unicode, with their composed form (see
    /// [`Lexed::composed`](crate::lexer::Lexed::composed)): for the file's [`SourceFiles`]
    /// entry, through [`SourceFiles::set_composed`].
    #[serde(skip)]
    pub composed: Vec<(std::ops::Range<u32>, Box<str>)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Import {
    pub path: StringLit,
    pub span: Span,
}

#[derive(Clone, Debug, Serialize)]
pub struct Comment {
    pub span: Span,
    /// `///` rather than `//`.
    pub doc: bool,
    /// A doc comment that documents an item: right above it, on a line of its own, with no
    /// blank line between (the parser decides; the formatter keeps every other `///` from
    /// coming to document one).
    pub documents: bool,
}

/// An identifier or a field name (without its colon).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Name {
    pub span: Span,
}

impl Name {
    /// The name as it is meant: as written, or composed (NFC) when written decomposed (see
    /// [`Source::name`]).
    pub fn text<'s>(&self, source: &'s (impl Source + ?Sized)) -> &'s str {
        source.name(self.span)
    }
}

/// A string literal; the span covers its quotes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct StringLit {
    pub span: Span,
}

impl StringLit {
    /// The text with its quotes taken off and its escapes resolved.
    pub fn value<'s>(&self, source: &'s (impl Source + ?Sized)) -> Cow<'s, str> {
        unescape(source.slice(self.span))
    }
}

/// A number as written: `15min` is the value 15 with unit `min`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct NumberLit {
    pub value: f64,
    /// Written with an explicit `+` or `-`.
    pub signed: bool,
    /// Where the unit starts: the literal's end when it has none.
    pub unit_start: u32,
    pub span: Span,
}

impl NumberLit {
    /// The unit as written (`min`, `%`), or `""`.
    pub fn unit<'s>(&self, source: &'s (impl Source + ?Sized)) -> &'s str {
        source.slice(Span { start: self.unit_start, ..self.span })
    }
}

/// One element of a field's value list. The rare second parts are boxed, so that a term is
/// no larger than a number.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Term {
    /// `"text"`, or `"text" 10%` (a description and a figure, as in the short risk form).
    String(StringLit, Option<Box<NumberLit>>),
    /// `15min`, or `12000 / month` (a rate).
    Number(NumberLit, Option<Box<Name>>),
    /// `4.50 EUR`: the currency is the literal's last three letters ([`Term::currency`]).
    Money { amount: f64, span: Span },
    /// A reference or a word: `crm`, `web`, `true`.
    Ident(Name),
}

impl Term {
    /// The currency code of an amount of money.
    pub fn currency<'s>(&self, source: &'s (impl Source + ?Sized)) -> Option<&'s str> {
        let Term::Money { span, .. } = self else { return None };
        let text = source.slice(*span);
        text.get(text.len().saturating_sub(3)..)
    }

    pub fn span(&self) -> Span {
        match self {
            Term::String(s, None) => s.span,
            Term::String(s, Some(n)) => Span { end: n.span.end, ..s.span },
            Term::Number(n, None) => n.span,
            Term::Number(n, Some(per)) => Span { end: per.span.end, ..n.span },
            Term::Money { span, .. } => *span,
            Term::Ident(name) => name.span,
        }
    }
}

/// `key: value, value`
#[derive(Clone, Debug, Serialize)]
pub struct Field {
    /// The name, without its colon.
    pub key: Name,
    /// Exactly as many as were written: a model holds hundreds of thousands of these.
    pub values: Box<[Term]>,
    pub span: Span,
}

impl Field {
    /// The key as written: the name and its colon (when it has one). Diagnostics about the
    /// field's name point here, and a fix replaces it whole.
    pub fn written_key(&self, source: &(impl Source + ?Sized)) -> Span {
        let colon = Span { start: self.key.span.end, end: self.key.span.end + 1, ..self.key.span };
        if source.slice(colon) == ":" { Span { end: colon.end, ..self.key.span } } else { self.key.span }
    }
}

/// `a -> b -> c 30% "label"`: a chain of flows.
#[derive(Clone, Debug, Serialize)]
pub struct Flow {
    pub path: Vec<Name>,
    pub share: Option<NumberLit>,
    pub label: Option<StringLit>,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum CmpOp {
    Le,
    Ge,
    Lt,
    Gt,
    Eq,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Le => "<=",
            CmpOp::Ge => ">=",
            CmpOp::Lt => "<",
            CmpOp::Gt => ">",
            CmpOp::Eq => "==",
        }
    }

    /// Whether `actual` meets a target of `bound` under this comparison. Figures are sums of
    /// shares, so they are compared with a tolerance of a billionth (relative): 3.0000000001
    /// hand-offs meet `handoffs <= 3`.
    pub fn holds(self, actual: f64, bound: f64) -> bool {
        let e = 1e-9 * bound.abs().max(1.0);
        match self {
            CmpOp::Le => actual <= bound + e,
            CmpOp::Ge => actual >= bound - e,
            CmpOp::Lt => actual < bound - e,
            CmpOp::Gt => actual > bound + e,
            CmpOp::Eq => (actual - bound).abs() <= e,
        }
    }
}

/// `contacts <= 2`, in an experience.
#[derive(Clone, Debug, Serialize)]
pub struct Target {
    pub metric: Name,
    pub op: CmpOp,
    pub op_span: Span,
    pub value: Term,
    pub span: Span,
}

/// `remove ask` or `remove browse -> ask`, in a scenario.
#[derive(Clone, Debug, Serialize)]
pub struct Removal {
    pub name: Name,
    pub to: Option<Name>,
    pub span: Span,
}

/// A member of a block. Fields are most of them; the larger, rarer members are boxed so that
/// a member is no larger than a field.
#[derive(Clone, Debug, Serialize)]
pub enum Member {
    Field(Field),
    Item(Box<Item>),
    Flow(Box<Flow>),
    Target(Box<Target>),
    Removal(Box<Removal>),
    /// Tokens the parser skipped after reporting an error.
    Error(Span),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Lane,
    System,
    Procedure,
    Touchpoint,
    Segment,
    Experience,
    Journey,
    Stage,
    Step,
    Risk,
    Scenario,
}

impl ItemKind {
    pub const ALL: [ItemKind; 11] = [
        ItemKind::Lane,
        ItemKind::System,
        ItemKind::Procedure,
        ItemKind::Touchpoint,
        ItemKind::Segment,
        ItemKind::Experience,
        ItemKind::Journey,
        ItemKind::Stage,
        ItemKind::Step,
        ItemKind::Risk,
        ItemKind::Scenario,
    ];

    pub fn keyword(self) -> &'static str {
        match self {
            ItemKind::Lane => "lane",
            ItemKind::System => "system",
            ItemKind::Procedure => "procedure",
            ItemKind::Touchpoint => "touchpoint",
            ItemKind::Segment => "segment",
            ItemKind::Experience => "experience",
            ItemKind::Journey => "journey",
            ItemKind::Stage => "stage",
            ItemKind::Step => "step",
            ItemKind::Risk => "risk",
            ItemKind::Scenario => "scenario",
        }
    }

    /// Which items may stand directly inside which. `None` is the top of a file.
    pub fn may_contain(parent: Option<ItemKind>, child: ItemKind) -> bool {
        use ItemKind::*;
        match parent {
            None => child.is_top_level(),
            Some(Journey) => matches!(child, Stage | Step),
            Some(Stage) => child == Step,
            Some(Step) => child == Risk,
            Some(Scenario) => !matches!(child, Journey | Scenario | Experience | Risk),
            Some(_) => false,
        }
    }

    /// Items that stand at the top of a file (and may be laid over the baseline in a scenario).
    pub fn is_top_level(self) -> bool {
        !matches!(self, ItemKind::Stage | ItemKind::Step | ItemKind::Risk)
    }
}

/// `kind id "Label" at touchpoint on journey { members }`
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub kind: ItemKind,
    pub kind_span: Span,
    pub name: Name,
    pub label: Option<StringLit>,
    /// `at TOUCHPOINT` in a step's header.
    pub at: Option<Name>,
    /// `on JOURNEY` in a scenario's header.
    pub on: Option<Name>,
    /// The members between the braces; `None` when the item has no block.
    pub body: Option<Vec<Member>>,
    /// The text of the `///` comments right before the item, one entry a line, without `///`.
    pub docs: Vec<String>,
    pub span: Span,
}

impl Item {
    pub fn members(&self) -> &[Member] {
        self.body.as_deref().unwrap_or(&[])
    }

    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.members().iter().filter_map(|m| match m {
            Member::Field(f) => Some(f),
            _ => None,
        })
    }

    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.members().iter().filter_map(|m| match m {
            Member::Item(i) => Some(&**i),
            _ => None,
        })
    }

    /// How many items this is: itself and every item nested in it, at any depth.
    pub fn count(&self) -> usize {
        let mut count = 0;
        let mut stack = vec![self];
        while let Some(item) = stack.pop() {
            count += 1;
            stack.extend(item.items());
        }
        count
    }
}

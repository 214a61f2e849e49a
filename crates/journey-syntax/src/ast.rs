//! The syntax tree. It keeps every span and every comment, so that the checker can point at
//! exact places and a formatter can reprint the file without lexing it again. It says nothing
//! about meaning: whether a field belongs to an item, or a name is declared, is the model's job.

use journey_diagnostics::Span;
use serde::Serialize;

/// A parsed file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct File {
    pub imports: Vec<Import>,
    pub items: Vec<Item>,
    /// Every comment and doc comment, in source order.
    pub comments: Vec<Comment>,
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
}

/// An identifier or a field name, with its span.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A string literal: its text with escapes resolved, and the span of the literal with quotes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StringLit {
    pub value: String,
    pub span: Span,
}

/// A number as written: `15min` is the value 15 with unit `min`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NumberLit {
    pub value: f64,
    pub unit: String,
    /// Written with an explicit `+` or `-`.
    pub signed: bool,
    pub span: Span,
}

/// One element of a field's value list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Term {
    /// `"text"`, or `"text" 10%` (a description and a figure, as in the short risk form).
    String(StringLit, Option<NumberLit>),
    /// `15min`, or `12000 / month` (a rate).
    Number(NumberLit, Option<Name>),
    /// `4.50 EUR`
    Money { amount: f64, currency: String, span: Span },
    /// A reference or a word: `crm`, `web`, `true`.
    Ident(Name),
}

impl Term {
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
    /// The name without its colon; the span covers the colon too.
    pub key: Name,
    pub values: Vec<Term>,
    pub span: Span,
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

#[derive(Clone, Debug, Serialize)]
pub enum Member {
    Field(Field),
    /// Boxed: an item is large, and most members are fields.
    Item(Box<Item>),
    Flow(Flow),
    Target(Target),
    Removal(Removal),
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
}

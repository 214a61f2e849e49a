//! Reading an item's fields against the schema: unknown and repeated fields are reported once,
//! and each value is converted to its type (units to base units, ranges checked).

use journey_diagnostics::{Code, Diagnostic, SourceFiles, Span};
use journey_syntax::ast::{self, ItemKind, NumberLit, Term};

use crate::ir::{Money, Period, SmolStr, Text, Volume};
use crate::schema::{self, ValueType};
use crate::suggest::closest;

/// Seconds in each duration unit.
pub const DURATION_UNITS: [(&str, f64); 5] =
    [("s", 1.0), ("min", 60.0), ("h", 3600.0), ("d", 86400.0), ("w", 604800.0)];

/// The fields of one item, checked against its kind's schema.
pub struct Fields<'a> {
    src: &'a SourceFiles,
    kind: ItemKind,
    /// The valid fields, with their names.
    fields: Vec<(&'a str, &'a ast::Field)>,
    /// Repeated fields, reported and not read.
    repeated: Vec<(&'a str, &'a ast::Field)>,
}

impl<'a> Fields<'a> {
    /// Checks the item's field names (unknown, repeated) and keeps the valid fields.
    pub fn new(src: &'a SourceFiles, item: &'a ast::Item, diagnostics: &mut Vec<Diagnostic>) -> Self {
        Self::of(src, item.kind, item.fields(), diagnostics)
    }

    pub fn of(
        src: &'a SourceFiles,
        kind: ItemKind,
        all: impl Iterator<Item = &'a ast::Field>,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut fields: Vec<(&str, &ast::Field)> = Vec::with_capacity(all.size_hint().1.unwrap_or(0));
        let mut repeated = Vec::new();
        for field in all {
            let name = field.key.text(src);
            let Some(spec) = schema::field(kind, name) else {
                let known = schema::fields(kind).iter().map(|s| s.name);
                let mut d = Diagnostic::new(
                    Code::UnknownField,
                    field.written_key(src),
                    format!("a {} has no field `{name}`", kind.keyword()),
                )
                .with_label("unknown field");
                d = match closest(name, known) {
                    Some(suggestion) => d.with_help(format!("did you mean `{suggestion}:`?")).with_fix(
                        format!("use `{suggestion}:`"),
                        field.written_key(src),
                        format!("{suggestion}:"),
                    ),
                    None => d.with_help(format!(
                        "the fields of a {} are: {}",
                        kind.keyword(),
                        schema::fields(kind).iter().map(|s| s.name).collect::<Vec<_>>().join(", ")
                    )),
                };
                diagnostics.push(d);
                continue;
            };
            if !spec.repeatable {
                if let Some((_, first)) = fields.iter().find(|(n, _)| *n == name) {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicateField,
                            field.written_key(src),
                            format!("`{name}` is given twice"),
                        )
                        .with_label("given again here")
                        .with_secondary(first.written_key(src), "first given here")
                        .with_help(format!("keep one `{name}:`; a list is written `{name}: a, b`")),
                    );
                    repeated.push((name, field));
                    continue;
                }
            }
            fields.push((name, field));
        }
        Fields { src, kind, fields, repeated }
    }

    pub fn get(&self, name: &str) -> Option<&'a ast::Field> {
        self.fields.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }

    pub fn all(&self, name: &'a str) -> impl Iterator<Item = &'a ast::Field> + '_ {
        self.fields.iter().filter(move |(n, _)| *n == name).map(|(_, f)| *f)
    }

    /// The field's single term, or a diagnostic when it has several.
    pub fn single(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<&'a Term> {
        let field = self.get(name)?;
        single(self.kind, name, field, diagnostics)
    }

    pub fn text(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<SmolStr> {
        self.single(name, diagnostics).and_then(|t| text(self.src, name, t, diagnostics)).map(|t| t.text)
    }

    /// The strings of a list field (`actors: "Me", "Cat"`); a value that is not a string is
    /// reported and left out.
    pub fn texts(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Text> {
        let Some(field) = self.get(name) else {
            return Vec::new();
        };
        field.values.iter().filter_map(|t| text(self.src, name, t, diagnostics)).collect()
    }

    pub fn word(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<SmolStr> {
        self.single(name, diagnostics).and_then(|t| word(self.src, name, t, diagnostics))
    }

    pub fn duration(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
        self.single(name, diagnostics).and_then(|t| duration(self.src, name, t, diagnostics))
    }

    pub fn percent(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
        self.single(name, diagnostics).and_then(|t| percent(self.src, name, t, diagnostics))
    }

    pub fn score(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
        self.single(name, diagnostics).and_then(|t| score(self.src, name, t, diagnostics))
    }

    pub fn money(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Money> {
        self.single(name, diagnostics).and_then(|t| money(self.src, name, t, diagnostics))
    }

    pub fn volume(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Volume> {
        self.single(name, diagnostics).and_then(|t| volume(self.src, name, t, diagnostics))
    }

    pub fn boolean(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<bool> {
        self.single(name, diagnostics).and_then(|t| boolean(self.src, name, t, diagnostics))
    }

    /// The names given in repeated copies of a field.
    pub fn set_aside<'n>(&'n self, name: &'n str) -> impl Iterator<Item = &'a ast::Name> + 'n {
        self.repeated.iter().filter(move |(n, _)| *n == name).flat_map(|(_, f)| &f.values).filter_map(|t| match t {
            Term::Ident(n) => Some(n),
            _ => None,
        })
    }

    /// The names in a reference field (one for `Ref`, any number for `RefList`). A list where
    /// one reference belongs is reported, and all its names are still resolved (the first one
    /// counts), so that none of them is then reported as unused.
    pub fn names(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<&'a ast::Name> {
        let Some(field) = self.get(name) else {
            return Vec::new();
        };
        let many = matches!(schema::field(self.kind, name).map(|s| s.ty), Some(ValueType::RefList(_)));
        if !many {
            single(self.kind, name, field, diagnostics);
        }
        field
            .values
            .iter()
            .filter_map(|term| match term {
                Term::Ident(n) => Some(n),
                other => {
                    diagnostics.push(mismatch(self.src, name, other, "a reference to a declared item by its id"));
                    None
                }
            })
            .collect()
    }
}

fn single<'a>(
    kind: ItemKind,
    name: &str,
    field: &'a ast::Field,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<&'a Term> {
    match &*field.values {
        [one] => Some(one),
        [first, .., last] => {
            let ty = schema::field(kind, name).map_or("one value", |s| s.ty.describe());
            let span = Span { end: last.span().end, ..first.span() };
            diagnostics.push(
                Diagnostic::new(Code::InvalidValue, span, format!("`{name}` takes one value, not a list"))
                    .with_label("a list")
                    .with_help(format!("give {ty}")),
            );
            None
        }
        [] => None,
    }
}

fn describe(src: &SourceFiles, term: &Term) -> &'static str {
    match term {
        Term::String(_, None) => "a string",
        Term::String(_, Some(_)) => "a string with a figure",
        Term::Number(n, None) if n.unit(src).is_empty() => "a plain number",
        Term::Number(n, None) if n.unit(src) == "%" => "a percentage",
        Term::Number(_, None) => "a number with a unit",
        Term::Number(_, Some(_)) => "a volume",
        Term::Money { .. } => "an amount of money",
        Term::Ident(_) => "an identifier",
    }
}

pub fn mismatch(src: &SourceFiles, field: &str, term: &Term, expected: &str) -> Diagnostic {
    let what = describe(src, term);
    Diagnostic::new(Code::InvalidValue, term.span(), format!("`{field}` expects {expected}, not {what}"))
        .with_label(format!("this is {what}"))
        .with_help(format!("write {expected}"))
}

pub fn text(src: &SourceFiles, field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<Text> {
    match term {
        Term::String(s, None) => Some(Text { text: SmolStr::new(s.value(src)), span: s.span }),
        Term::Ident(n) => {
            diagnostics.push(
                mismatch(src, field, term, "a string")
                    .with_fix("put it in quotes", n.span, format!("\"{}\"", n.text(src)))
                    .with_help(format!("put text in quotes: `{field}: \"{}\"`", n.text(src))),
            );
            None
        }
        _ => {
            diagnostics.push(mismatch(src, field, term, "a string"));
            None
        }
    }
}

pub fn word(src: &SourceFiles, field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<SmolStr> {
    match term {
        Term::Ident(n) => Some(n.text(src).into()),
        _ => {
            diagnostics.push(mismatch(src, field, term, "a word such as `web`"));
            None
        }
    }
}

pub fn number(src: &SourceFiles, field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
    match term {
        Term::Number(n, None) if n.unit(src).is_empty() => Some(n.value),
        _ => {
            diagnostics.push(mismatch(src, field, term, "a plain number"));
            None
        }
    }
}

fn unit_error(src: &SourceFiles, field: &str, n: &NumberLit, units: &[&str], example: &str) -> Diagnostic {
    let unit = n.unit(src);
    let mut d = if unit.is_empty() {
        Diagnostic::new(Code::InvalidValue, n.span, format!("`{field}` needs a unit"))
            .with_label("a number without a unit")
            .with_help(format!(
                "write the unit right after the number, e.g. `{example}`; the units are {}",
                units.join(", ")
            ))
    } else {
        Diagnostic::new(Code::InvalidValue, n.span, format!("`{unit}` is not a unit of `{field}`"))
            .with_label("unknown unit")
            .with_help(format!("the units are {}", units.join(", ")))
    };
    if let Some(meant) = closest(unit, units.iter().copied()).filter(|_| !unit.is_empty()) {
        d = d.with_help(format!("did you mean `{meant}` instead of `{unit}`?"));
    }
    d
}

pub fn duration(src: &SourceFiles, field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
    let Term::Number(n, None) = term else {
        diagnostics.push(mismatch(src, field, term, "a duration such as `15min`"));
        return None;
    };
    let Some(&(_, seconds)) = DURATION_UNITS.iter().find(|(u, _)| *u == n.unit(src)) else {
        let units: Vec<&str> = DURATION_UNITS.iter().map(|(u, _)| *u).collect();
        diagnostics.push(unit_error(src, field, n, &units, "15min"));
        return None;
    };
    if n.value < 0.0 {
        diagnostics.push(out_of_range(field, n.span, "a duration cannot be negative", "write a positive duration"));
        return None;
    }
    Some(n.value * seconds)
}

fn out_of_range(field: &str, span: Span, why: &str, help: &str) -> Diagnostic {
    Diagnostic::new(Code::ValueOutOfRange, span, format!("`{field}` is out of range: {why}"))
        .with_label("out of range")
        .with_help(help.to_string())
}

/// A percentage, as a fraction from 0 to 1.
pub fn percent_literal(
    src: &SourceFiles,
    field: &str,
    n: &NumberLit,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<f64> {
    if n.unit(src) != "%" {
        diagnostics.push(unit_error(src, field, n, &["%"], "30%"));
        return None;
    }
    if !(0.0..=100.0).contains(&n.value) {
        diagnostics.push(out_of_range(
            field,
            n.span,
            "a percentage is from 0% to 100%",
            "write a percentage from 0% to 100%",
        ));
        return None;
    }
    Some(n.value / 100.0)
}

pub fn percent(src: &SourceFiles, field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
    match term {
        Term::Number(n, None) => percent_literal(src, field, n, diagnostics),
        _ => {
            diagnostics.push(mismatch(src, field, term, "a percentage such as `30%`"));
            None
        }
    }
}

/// Emotion scores run from −2 (very unhappy) to +2 (delighted).
pub const SCORE_RANGE: (f64, f64) = (-2.0, 2.0);

pub fn score(src: &SourceFiles, field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
    let Term::Number(n, None) = term else {
        diagnostics.push(mismatch(src, field, term, "an emotion score from -2 to +2"));
        return None;
    };
    if !n.unit(src).is_empty() {
        diagnostics.push(
            Diagnostic::new(Code::InvalidValue, n.span, format!("`{field}` is a score and has no unit"))
                .with_label("a unit on a score")
                .with_help("write a score from -2 to +2, e.g. `+1`"),
        );
        return None;
    }
    if !(SCORE_RANGE.0..=SCORE_RANGE.1).contains(&n.value) {
        diagnostics.push(out_of_range(
            field,
            n.span,
            "emotion scores run from -2 (very unhappy) to +2 (delighted)",
            "write a score from -2 to +2",
        ));
        return None;
    }
    Some(n.value)
}

pub fn money(src: &SourceFiles, field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<Money> {
    match term {
        Term::Money { amount, .. } => {
            Some(Money { amount: *amount, currency: term.currency(src).unwrap_or("").into() })
        }
        Term::Number(n, None) if n.unit(src).is_empty() => {
            diagnostics.push(
                Diagnostic::new(Code::InvalidValue, n.span, format!("`{field}` needs a currency"))
                    .with_label("an amount without a currency")
                    .with_help(format!("write the currency code after the amount, e.g. `{} EUR`", n.value)),
            );
            None
        }
        _ => {
            diagnostics.push(mismatch(src, field, term, "an amount such as `4.50 EUR`"));
            None
        }
    }
}

pub fn volume(src: &SourceFiles, field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<Volume> {
    let Term::Number(n, Some(per)) = term else {
        diagnostics.push(mismatch(src, field, term, "a volume such as `12000 / month`"));
        return None;
    };
    let Some(&(period, _)) = Period::ALL.iter().find(|(_, name)| *name == per.text(src)) else {
        let names: Vec<&str> = Period::ALL.iter().map(|(_, n)| *n).collect();
        let mut d = Diagnostic::new(Code::InvalidValue, per.span, format!("`{}` is not a period", per.text(src)))
            .with_label("unknown period")
            .with_help(format!("the periods are {}", names.join(", ")));
        if let Some(s) = closest(per.text(src), names) {
            d = d.with_fix(format!("use `{s}`"), per.span, s);
        }
        diagnostics.push(d);
        return None;
    };
    if !n.unit(src).is_empty() {
        diagnostics.push(
            Diagnostic::new(Code::InvalidValue, n.span, "a volume is a count of customers")
                .with_label("a count has no unit")
                .with_help("write a count and a period, e.g. `12000 / month`"),
        );
        return None;
    }
    if n.value < 0.0 {
        diagnostics.push(out_of_range(
            field,
            n.span,
            "a count of customers cannot be negative",
            "write a count from 0 up",
        ));
        return None;
    }
    Some(Volume { count: n.value, period })
}

pub fn boolean(src: &SourceFiles, field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<bool> {
    match term {
        Term::Ident(n) if n.text(src) == "true" => Some(true),
        Term::Ident(n) if n.text(src) == "false" => Some(false),
        _ => {
            diagnostics.push(mismatch(src, field, term, "`true` or `false`"));
            None
        }
    }
}

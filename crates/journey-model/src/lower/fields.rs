//! Reading an item's fields against the schema: unknown and repeated fields are reported once,
//! and each value is converted to its type (units to base units, ranges checked).

use journey_diagnostics::{Code, Diagnostic, Span};
use journey_syntax::ast::{self, ItemKind, NumberLit, Term};

use crate::ir::{Money, Period, Text, Volume};
use crate::schema::{self, ValueType};
use crate::suggest::closest;

/// Seconds in each duration unit.
pub const DURATION_UNITS: [(&str, f64); 5] =
    [("s", 1.0), ("min", 60.0), ("h", 3600.0), ("d", 86400.0), ("w", 604800.0)];

/// The fields of one item, checked against its kind's schema.
pub struct Fields<'a> {
    kind: ItemKind,
    fields: Vec<&'a ast::Field>,
    /// Repeated fields, reported and not read.
    repeated: Vec<&'a ast::Field>,
}

impl<'a> Fields<'a> {
    /// Checks the item's field names (unknown, repeated) and keeps the valid fields.
    pub fn new(item: &'a ast::Item, diagnostics: &mut Vec<Diagnostic>) -> Self {
        Self::of(item.kind, item.fields(), diagnostics)
    }

    pub fn of(kind: ItemKind, all: impl Iterator<Item = &'a ast::Field>, diagnostics: &mut Vec<Diagnostic>) -> Self {
        let mut fields: Vec<&ast::Field> = Vec::new();
        let mut repeated = Vec::new();
        for field in all {
            let name = field.key.text.as_str();
            let Some(spec) = schema::field(kind, name) else {
                let known = schema::fields(kind).iter().map(|s| s.name);
                let mut d = Diagnostic::new(
                    Code::UnknownField,
                    field.key.span,
                    format!("a {} has no field `{name}`", kind.keyword()),
                )
                .with_label("unknown field");
                d = match closest(name, known) {
                    Some(suggestion) => d.with_help(format!("did you mean `{suggestion}:`?")).with_fix(
                        format!("use `{suggestion}:`"),
                        field.key.span,
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
                if let Some(first) = fields.iter().find(|f| f.key.text == name) {
                    diagnostics.push(
                        Diagnostic::new(Code::DuplicateField, field.key.span, format!("`{name}` is given twice"))
                            .with_label("given again here")
                            .with_secondary(first.key.span, "first given here")
                            .with_help(format!("keep one `{name}:`; a list is written `{name}: a, b`")),
                    );
                    repeated.push(field);
                    continue;
                }
            }
            fields.push(field);
        }
        Fields { kind, fields, repeated }
    }

    pub fn get(&self, name: &str) -> Option<&'a ast::Field> {
        self.fields.iter().copied().find(|f| f.key.text == name)
    }

    pub fn all(&self, name: &'a str) -> impl Iterator<Item = &'a ast::Field> + '_ {
        self.fields.iter().copied().filter(move |f| f.key.text == name)
    }

    /// The field's single term, or a diagnostic when it has several.
    pub fn single(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<&'a Term> {
        let field = self.get(name)?;
        single(self.kind, field, diagnostics)
    }

    pub fn text(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
        self.single(name, diagnostics).and_then(|t| text(name, t, diagnostics)).map(|t| t.text)
    }

    pub fn word(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
        self.single(name, diagnostics).and_then(|t| word(name, t, diagnostics))
    }

    pub fn duration(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
        self.single(name, diagnostics).and_then(|t| duration(name, t, diagnostics))
    }

    pub fn percent(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
        self.single(name, diagnostics).and_then(|t| percent(name, t, diagnostics))
    }

    pub fn score(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
        self.single(name, diagnostics).and_then(|t| score(name, t, diagnostics))
    }

    pub fn money(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Money> {
        self.single(name, diagnostics).and_then(|t| money(name, t, diagnostics))
    }

    pub fn volume(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<Volume> {
        self.single(name, diagnostics).and_then(|t| volume(name, t, diagnostics))
    }

    pub fn boolean(&self, name: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<bool> {
        self.single(name, diagnostics).and_then(|t| boolean(name, t, diagnostics))
    }

    /// The names given in repeated copies of a field.
    pub fn set_aside(&self, name: &str) -> impl Iterator<Item = &'a ast::Name> + '_ {
        let name = name.to_string();
        self.repeated.iter().filter(move |f| f.key.text == name).flat_map(|f| &f.values).filter_map(|t| match t {
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
            single(self.kind, field, diagnostics);
        }
        field
            .values
            .iter()
            .filter_map(|term| match term {
                Term::Ident(n) => Some(n),
                other => {
                    diagnostics.push(mismatch(name, other, "a reference to a declared item by its id"));
                    None
                }
            })
            .collect()
    }
}

fn single<'a>(kind: ItemKind, field: &'a ast::Field, diagnostics: &mut Vec<Diagnostic>) -> Option<&'a Term> {
    match field.values.as_slice() {
        [one] => Some(one),
        [first, .., last] => {
            let ty = schema::field(kind, &field.key.text).map_or("one value", |s| s.ty.describe());
            let span = Span { end: last.span().end, ..first.span() };
            diagnostics.push(
                Diagnostic::new(Code::InvalidValue, span, format!("`{}` takes one value, not a list", field.key.text))
                    .with_label("a list")
                    .with_help(format!("give {ty}")),
            );
            None
        }
        [] => None,
    }
}

fn describe(term: &Term) -> &'static str {
    match term {
        Term::String(_, None) => "a string",
        Term::String(_, Some(_)) => "a string with a figure",
        Term::Number(n, None) if n.unit.is_empty() => "a plain number",
        Term::Number(n, None) if n.unit == "%" => "a percentage",
        Term::Number(_, None) => "a number with a unit",
        Term::Number(_, Some(_)) => "a volume",
        Term::Money { .. } => "an amount of money",
        Term::Ident(_) => "an identifier",
    }
}

pub fn mismatch(field: &str, term: &Term, expected: &str) -> Diagnostic {
    Diagnostic::new(Code::InvalidValue, term.span(), format!("`{field}` expects {expected}, not {}", describe(term)))
        .with_label(format!("this is {}", describe(term)))
        .with_help(format!("write {expected}"))
}

pub fn text(field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<Text> {
    match term {
        Term::String(s, None) => Some(Text { text: s.value.clone(), span: s.span }),
        Term::Ident(n) => {
            diagnostics.push(
                mismatch(field, term, "a string")
                    .with_fix("put it in quotes", n.span, format!("\"{}\"", n.text))
                    .with_help(format!("put text in quotes: `{field}: \"{}\"`", n.text)),
            );
            None
        }
        _ => {
            diagnostics.push(mismatch(field, term, "a string"));
            None
        }
    }
}

pub fn word(field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    match term {
        Term::Ident(n) => Some(n.text.clone()),
        _ => {
            diagnostics.push(mismatch(field, term, "a word such as `web`"));
            None
        }
    }
}

pub fn number(field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
    match term {
        Term::Number(n, None) if n.unit.is_empty() => Some(n.value),
        _ => {
            diagnostics.push(mismatch(field, term, "a plain number"));
            None
        }
    }
}

fn unit_error(field: &str, n: &NumberLit, units: &[&str], example: &str) -> Diagnostic {
    let mut d = if n.unit.is_empty() {
        Diagnostic::new(Code::InvalidValue, n.span, format!("`{field}` needs a unit"))
            .with_label("a number without a unit")
            .with_help(format!(
                "write the unit right after the number, e.g. `{example}`; the units are {}",
                units.join(", ")
            ))
    } else {
        Diagnostic::new(Code::InvalidValue, n.span, format!("`{}` is not a unit of `{field}`", n.unit))
            .with_label("unknown unit")
            .with_help(format!("the units are {}", units.join(", ")))
    };
    if let Some(unit) = closest(&n.unit, units.iter().copied()).filter(|_| !n.unit.is_empty()) {
        let number = &n.unit;
        d = d.with_help(format!("did you mean `{unit}` instead of `{number}`?"));
    }
    d
}

pub fn duration(field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
    let Term::Number(n, None) = term else {
        diagnostics.push(mismatch(field, term, "a duration such as `15min`"));
        return None;
    };
    let Some(&(_, seconds)) = DURATION_UNITS.iter().find(|(u, _)| *u == n.unit) else {
        let units: Vec<&str> = DURATION_UNITS.iter().map(|(u, _)| *u).collect();
        diagnostics.push(unit_error(field, n, &units, "15min"));
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
pub fn percent_literal(field: &str, n: &NumberLit, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
    if n.unit != "%" {
        diagnostics.push(unit_error(field, n, &["%"], "30%"));
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

pub fn percent(field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
    match term {
        Term::Number(n, None) => percent_literal(field, n, diagnostics),
        _ => {
            diagnostics.push(mismatch(field, term, "a percentage such as `30%`"));
            None
        }
    }
}

/// Emotion scores run from −2 (very unhappy) to +2 (delighted).
pub const SCORE_RANGE: (f64, f64) = (-2.0, 2.0);

pub fn score(field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<f64> {
    let Term::Number(n, None) = term else {
        diagnostics.push(mismatch(field, term, "an emotion score from -2 to +2"));
        return None;
    };
    if !n.unit.is_empty() {
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

pub fn money(field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<Money> {
    match term {
        Term::Money { amount, currency, .. } => Some(Money { amount: *amount, currency: currency.clone() }),
        Term::Number(n, None) if n.unit.is_empty() => {
            diagnostics.push(
                Diagnostic::new(Code::InvalidValue, n.span, format!("`{field}` needs a currency"))
                    .with_label("an amount without a currency")
                    .with_help(format!("write the currency code after the amount, e.g. `{} EUR`", n.value)),
            );
            None
        }
        _ => {
            diagnostics.push(mismatch(field, term, "an amount such as `4.50 EUR`"));
            None
        }
    }
}

pub fn volume(field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<Volume> {
    let Term::Number(n, Some(per)) = term else {
        diagnostics.push(mismatch(field, term, "a volume such as `12000 / month`"));
        return None;
    };
    let Some(&(period, _)) = Period::ALL.iter().find(|(_, name)| *name == per.text) else {
        let names: Vec<&str> = Period::ALL.iter().map(|(_, n)| *n).collect();
        let mut d = Diagnostic::new(Code::InvalidValue, per.span, format!("`{}` is not a period", per.text))
            .with_label("unknown period")
            .with_help(format!("the periods are {}", names.join(", ")));
        if let Some(s) = closest(&per.text, names) {
            d = d.with_fix(format!("use `{s}`"), per.span, s);
        }
        diagnostics.push(d);
        return None;
    };
    if !n.unit.is_empty() {
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

pub fn boolean(field: &str, term: &Term, diagnostics: &mut Vec<Diagnostic>) -> Option<bool> {
    match term {
        Term::Ident(n) if n.text == "true" => Some(true),
        Term::Ident(n) if n.text == "false" => Some(false),
        _ => {
            diagnostics.push(mismatch(field, term, "`true` or `false`"));
            None
        }
    }
}

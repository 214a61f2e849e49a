//! Resolving names: what a reference in a file names, in the scope of that file (its own items
//! and those of the files it imports), recorded for the editor and counted as a use, with a
//! did-you-mean when it names nothing.

use journey_diagnostics::{Code, Diagnostic, Span};
use journey_syntax::ast;

use super::fields::Fields;
use super::{Lowering, Scope, target_kind};
use crate::ir::*;
use crate::schema::RefKind;

impl Lowering<'_> {
    /// Counts what the item's header and reference fields name as used, without resolving or
    /// reporting anything: for an item whose mistake has been reported already.
    pub(crate) fn use_names_in(&mut self, scope: &Scope, item: &ast::Item) {
        let src = self.src();
        let mut names: Vec<&ast::Name> = item.at.iter().collect();
        for field in item.fields() {
            let by_ref = crate::schema::field(item.kind, field.key.text(src)).is_some_and(|spec| {
                matches!(
                    spec.ty,
                    crate::schema::ValueType::Ref(_)
                        | crate::schema::ValueType::RefList(_)
                        | crate::schema::ValueType::Recovery
                )
            });
            if by_ref {
                names.extend(
                    field.values.iter().filter_map(|t| if let ast::Term::Ident(n) = t { Some(n) } else { None }),
                );
            }
        }
        for name in names {
            if let Some(target) = self.lookup(scope, name.text(src), false) {
                self.model.used.insert(target);
            }
        }
        for inner in item.items() {
            self.use_names_in(scope, inner);
        }
    }

    /// Resolves a reference to an item of `kind`, reporting what is wrong with it.
    pub(crate) fn resolve(&mut self, scope: &Scope, name: &ast::Name, kind: RefKind) -> Option<Target> {
        let src = self.src();
        let found = self.lookup(scope, name.text(src), kind == RefKind::Step);
        let Some(target) = found else {
            if kind != RefKind::Step
                && self.declared_elsewhere(scope.file, name, |t| target_kind(t) == kind.item_kind())
            {
                return None;
            }
            let candidates = self.candidates(scope, kind);
            let suggestion = self.suggestions.closest(name.text(src), &candidates).map(str::to_string);
            let mut d = Diagnostic::new(
                Code::UnknownReference,
                name.span,
                format!("no {} named `{}`", kind.item_kind().keyword(), name.text(src)),
            )
            .with_label(format!("not a declared {}", kind.item_kind().keyword()));
            // The misspelt name most likely means the suggestion: count that as used, so that
            // one typo does not also report the intended item as unused.
            if let Some(meant) = suggestion.as_deref().and_then(|s| self.lookup(scope, s, kind == RefKind::Step)) {
                self.model.used.insert(meant);
            }
            d = match suggestion.as_deref() {
                Some(suggestion) => d.with_help(format!("did you mean `{suggestion}`?")).with_fix(
                    format!("use `{suggestion}`"),
                    name.span,
                    suggestion,
                ),
                None if kind == RefKind::Step => d.with_help("name a step of this journey"),
                None => d.with_help(format!(
                    "declare it, e.g. `{} {} \"…\"`, or import the file that does",
                    kind.item_kind().keyword(),
                    name.text(src)
                )),
            };
            self.diagnostics.push(d);
            return None;
        };
        if target_kind(target) != kind.item_kind() {
            let decl_span = self.model.decl(target).map(|d| d.name_span);
            let mut d = Diagnostic::new(
                Code::WrongKindReference,
                name.span,
                format!(
                    "`{}` is a {}, not a {}",
                    name.text(src),
                    target_kind(target).keyword(),
                    kind.item_kind().keyword()
                ),
            )
            .with_label(format!("a {} is needed here", kind.item_kind().keyword()))
            .with_help(format!("name a {} here", kind.item_kind().keyword()));
            if let Some(span) = decl_span {
                d = d.with_secondary(span, format!("declared as a {} here", target_kind(target).keyword()));
            }
            self.diagnostics.push(d);
            return None;
        }
        self.record(scope, name.span, target);
        Some(target)
    }

    pub(crate) fn record(&mut self, scope: &Scope, span: Span, target: Target) {
        self.model.used.insert(target);
        if scope.record_within.is_none_or(|within| within.contains(span)) {
            self.model.references.push(Reference { span, target });
        }
    }

    /// What a name means in a scope, whatever its kind.
    pub(crate) fn lookup(&mut self, scope: &Scope, name: &str, steps: bool) -> Option<Target> {
        if steps {
            let (journey, map) = scope.steps?;
            return map.get(name).map(|&step| Target::Step(journey, step));
        }
        if let Some(&target) = scope.scenario.and_then(|s| s.items.get(name)) {
            return Some(target);
        }
        let visible = self.visible(scope.file);
        let symbols = self.symbols.get(name)?;
        symbols.iter().find(|s| visible.binary_search(&s.file).is_ok()).map(|s| s.target)
    }

    /// The names a reference of `kind` could use, for did-you-mean; none once the
    /// suggestions' budget cannot pay for looking through them.
    pub(crate) fn candidates(&mut self, scope: &Scope, kind: RefKind) -> Vec<SmolStr> {
        if kind == RefKind::Step {
            let steps = scope.steps.map_or(0, |(_, map)| map.len());
            if !self.suggestions.afford(steps) {
                return Vec::new();
            }
            return scope.steps.map(|(_, map)| map.keys().cloned().collect()).unwrap_or_default();
        }
        if !self.suggestions.afford(self.symbols.len()) {
            return Vec::new();
        }
        let visible = self.visible(scope.file).to_vec();
        let mut names: Vec<SmolStr> = self
            .symbols
            .iter()
            .filter(|(_, symbols)| {
                symbols
                    .iter()
                    .any(|s| target_kind(s.target) == kind.item_kind() && visible.binary_search(&s.file).is_ok())
            })
            .map(|(name, _)| name.clone())
            .collect();
        if let Some(s) = scope.scenario {
            names.extend(s.items.iter().filter(|(_, t)| target_kind(**t) == kind.item_kind()).map(|(n, _)| n.clone()));
        }
        names.sort();
        names
    }

    /// Resolves every name of a reference field, keeping those of the right kind.
    pub(crate) fn refs<T>(
        &mut self,
        scope: &Scope,
        fields: &Fields,
        field: &str,
        kind: RefKind,
        pick: impl Fn(Target) -> Option<T>,
    ) -> Vec<T> {
        let src = self.src();
        let names = fields.names(field, &mut self.diagnostics);
        // A repeated field was reported and set aside; what it names still counts as used, so
        // that the one mistake is not reported again as unused declarations.
        for name in fields.set_aside(field) {
            if let Some(target) = self.lookup(scope, name.text(src), kind == RefKind::Step) {
                self.model.used.insert(target);
            }
        }
        names.into_iter().filter_map(|n| self.resolve(scope, n, kind)).filter_map(&pick).collect()
    }
}

//! The outline of a file (journeys → stages → steps → risks, scenarios → what they change, and
//! every other item) and the workspace's symbols for a search by name. Both are read from the
//! syntax trees, so a file that does not check still has an outline.

use journey_diagnostics::{FileId, Span};
use journey_syntax::ast::{Item, ItemKind, SmolStr};

use crate::Analysis;
use crate::syntax::walk;

/// One entry of a file's outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Symbol {
    /// The id.
    pub name: SmolStr,
    /// The label, when it differs from the id.
    pub detail: Option<SmolStr>,
    pub kind: ItemKind,
    /// The whole item.
    pub full: Span,
    /// The id.
    pub focus: Span,
    pub children: Vec<Symbol>,
}

/// A declaration found by a workspace search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: SmolStr,
    pub kind: ItemKind,
    pub focus: Span,
    /// The journey or scenario a stage, step or risk stands in.
    pub container: Option<SmolStr>,
}

/// At most this many workspace symbols are returned for one search.
const MAX_WORKSPACE_SYMBOLS: usize = 500;

impl Analysis {
    pub fn document_symbols(&self, file: FileId) -> Vec<Symbol> {
        let src = self.text(file);
        self.ast(file).map_or_else(Vec::new, |ast| ast.items.iter().map(|i| symbol(src, i)).collect())
    }

    /// Declarations whose id or label contains `query` (any case; every character of the query
    /// in order, so `ordpl` finds `order_placed`), best matches first.
    pub fn workspace_symbols(&self, query: &str) -> Vec<WorkspaceSymbol> {
        let src = self.checked().files();
        let query = query.to_lowercase();
        let mut found: Vec<(u8, WorkspaceSymbol)> = Vec::new();
        for file in self.files() {
            let Some(ast) = self.ast(file) else { continue };
            let mut stack: Vec<(&Item, Option<SmolStr>)> = ast.items.iter().map(|i| (i, None)).collect();
            while let Some((item, container)) = stack.pop() {
                let label = item.label.map(|l| l.value(src));
                let score = matches(&query, item.name.text(src), label.as_deref());
                if let Some(score) = score {
                    found.push((
                        score,
                        WorkspaceSymbol {
                            name: item.name.text(src).into(),
                            kind: item.kind,
                            focus: item.name.span,
                            container: container.clone(),
                        },
                    ));
                }
                let inner = if matches!(item.kind, ItemKind::Journey | ItemKind::Scenario) {
                    Some(item.name.text(src).into())
                } else {
                    container
                };
                stack.extend(item.items().map(|i| (i, inner.clone())));
            }
        }
        found.sort_by(|(a, x), (b, y)| (a, &x.name, x.focus).cmp(&(b, &y.name, y.focus)));
        found.into_iter().take(MAX_WORKSPACE_SYMBOLS).map(|(_, s)| s).collect()
    }

    /// Every item of a file, nested ones included.
    pub(crate) fn items(&self, file: FileId) -> Vec<&Item> {
        let mut out = Vec::new();
        if let Some(ast) = self.ast(file) {
            walk(&ast.items, &mut out);
        }
        out
    }
}

fn symbol(src: &str, item: &Item) -> Symbol {
    let name = item.name.text(src);
    Symbol {
        name: name.into(),
        detail: item.label.map(|l| SmolStr::new(l.value(src))).filter(|l| l != name),
        kind: item.kind,
        full: item.span,
        focus: item.name.span,
        children: item.items().map(|i| symbol(src, i)).collect(),
    }
}

/// How well `name` (or `label`) matches the lower-case `query`: 0 exact, 1 prefix, 2 contained,
/// 3 in the label, 4 in order; `None` when it does not.
fn matches(query: &str, name: &str, label: Option<&str>) -> Option<u8> {
    let lower = name.to_lowercase();
    if query.is_empty() || lower == query {
        return Some(0);
    }
    if lower.starts_with(query) {
        return Some(1);
    }
    if lower.contains(query) {
        return Some(2);
    }
    if label.is_some_and(|l| l.to_lowercase().contains(query)) {
        return Some(3);
    }
    let mut chars = lower.chars();
    query.chars().all(|q| chars.any(|c| c == q)).then_some(4)
}

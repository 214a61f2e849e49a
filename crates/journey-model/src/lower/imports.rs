//! Names a file uses that another file of the workspace declares, without importing it: one
//! mistake (a missing `import`), reported once per file and the file it should import, where
//! the import goes, instead of once per name it leaves unknown.

use std::path::{Component, Path};

use journey_diagnostics::{Code, Diagnostic, FileId, Span};
use journey_syntax::ast;

use super::Lowering;
use crate::ir::{SmolStr, Target};

/// A use of a name declared only in a file its own file does not see.
#[derive(Clone, Debug)]
pub(crate) struct Unimported {
    /// The file that uses the name.
    pub file: FileId,
    /// The file that declares it.
    pub declared_in: FileId,
    pub span: Span,
    pub name: SmolStr,
}

/// How many uses are shown as labels; the others are counted.
const SHOWN: usize = 3;

impl Lowering<'_> {
    /// Whether `name`, unknown where it is used, is declared in a file that `file` does not
    /// import. If so the use is noted for [`Lowering::report_unimported`], and what it names
    /// counts as used (it is, once the import is there).
    pub(crate) fn declared_elsewhere(&mut self, file: FileId, name: &ast::Name, fits: impl Fn(Target) -> bool) -> bool {
        let text = name.text(self.src());
        let Some(symbol) = self.symbols.get(text).and_then(|s| s.iter().find(|s| fits(s.target))).copied() else {
            return false;
        };
        self.model.used.insert(symbol.target);
        self.unimported.push(Unimported { file, declared_in: symbol.file, span: name.span, name: text.into() });
        true
    }

    /// One J0201 per file and file it should import, at the place the import goes.
    pub(crate) fn report_unimported(&mut self) {
        let mut uses = std::mem::take(&mut self.unimported);
        uses.sort_by_key(|u| (u.file, u.declared_in, u.span));
        // A scenario reads its baseline's text again: each use once.
        uses.dedup_by_key(|u| u.span);
        let mut groups: Vec<&[Unimported]> = Vec::new();
        let mut rest = uses.as_slice();
        while let Some(first) = rest.first() {
            let n = rest.iter().take_while(|u| (u.file, u.declared_in) == (first.file, first.declared_in)).count();
            let (group, after) = rest.split_at(n);
            groups.push(group);
            rest = after;
        }
        for group in groups {
            if let Some(d) = self.missing_import(group) {
                self.diagnostics.push(d);
            }
        }
    }

    fn missing_import(&self, uses: &[Unimported]) -> Option<Diagnostic> {
        let first = uses.first()?;
        let ws = self.ws;
        let from = ws.paths.get(first.file.0 as usize)?;
        let to = ws.paths.get(first.declared_in.0 as usize)?;
        let path = relative(from.parent().unwrap_or(Path::new("")), to);
        let (place, insert_at, text) = import_place(self, first.file)?;
        let mut names: Vec<&str> = Vec::new();
        for u in uses {
            if !names.contains(&u.name.as_str()) {
                names.push(&u.name);
            }
        }
        let named = match names.as_slice() {
            [one] => format!("`{one}`"),
            [a, b] => format!("`{a}` and `{b}`"),
            [a, b, more @ ..] => format!("`{a}`, `{b}` and {} more", more.len()),
            [] => return None,
        };
        let mut d = Diagnostic::new(
            Code::UnknownReference,
            place,
            format!(
                "{named} {} declared in `{path}`, which this file does not import",
                if names.len() == 1 { "is" } else { "are" }
            ),
        )
        .with_label(format!("import `{path}` here"))
        .with_help(format!("add `import \"{path}\"` at the top of the file"))
        .with_fix(format!("import `{path}`"), insert_at, text.replace("{}", &path));
        for u in uses.iter().take(SHOWN) {
            d = d.with_secondary(u.span, format!("`{}` is declared in `{path}`", u.name));
        }
        if uses.len() > SHOWN {
            d = d.with_note(format!("{} more uses of names declared there", uses.len() - SHOWN));
        }
        Some(d)
    }
}

/// Where a file's missing import goes: after its last import, or else before its first item
/// (and that item's doc comment). The label's span, the insertion point, and the text to
/// insert with `{}` for the path.
fn import_place(lw: &Lowering, file: FileId) -> Option<(Span, Span, &'static str)> {
    let tree = lw.ws.asts.get(file.0 as usize)?.as_ref()?;
    if let Some(last) = tree.imports.iter().max_by_key(|i| i.span.end) {
        let end = Span { start: last.span.end, ..last.span };
        return Some((last.span, end, "\nimport \"{}\""));
    }
    let item = tree.items.iter().min_by_key(|i| i.span.start)?;
    // The doc comment right above the item belongs to it: the import goes above that.
    let text = lw.src().text(file);
    let mut start = item.span.start;
    for c in tree.comments.iter().rev().filter(|c| c.span.end <= item.span.start) {
        let gap = text.get(c.span.end as usize..start as usize).unwrap_or("x");
        if !c.documents || !gap.trim().is_empty() {
            break;
        }
        start = c.span.start;
    }
    let line = text.get(..start as usize).and_then(|before| before.rfind(['\n', '\r'])).map_or(0, |i| i as u32 + 1);
    let at = Span { start: line, end: line, ..item.span };
    let label = if start == item.span.start { item.kind_span } else { Span { start, end: start + 3, ..item.span } };
    Some((label, at, "import \"{}\"\n\n"))
}

/// The path from folder `from` to the file `to`, as an import writes it (forward slashes).
fn relative(from: &Path, to: &Path) -> String {
    let from: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len().saturating_sub(common)];
    parts.extend(to_parts.iter().skip(common).map(|c| c.as_os_str().to_string_lossy().into_owned()));
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::relative;
    use std::path::Path;

    #[test]
    fn relative_paths() {
        assert_eq!(relative(Path::new("/w"), Path::new("/w/catalog.journey")), "catalog.journey");
        assert_eq!(relative(Path::new("/w/a"), Path::new("/w/b/c.journey")), "../b/c.journey");
        assert_eq!(relative(Path::new("/w/a/b"), Path::new("/w/a/lib/c.journey")), "../lib/c.journey");
    }
}

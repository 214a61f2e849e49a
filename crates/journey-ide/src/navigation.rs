//! Go to definition, find references and document highlights, all read from the name index.

use journey_diagnostics::{FileId, Span};
use journey_model::workspace::normalize;

use crate::Analysis;

/// Where a definition is: the whole item, and the id to put the cursor on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavigationTarget {
    pub full: Span,
    pub focus: Span,
}

/// One place a name is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    /// The id of a declaration (or of a scenario's override), rather than a reference.
    pub declaration: bool,
}

impl Analysis {
    /// The declaration of the name at `offset`, or the file an import at `offset` names.
    pub fn definition(&self, file: FileId, offset: u32) -> Vec<NavigationTarget> {
        let offset = self.clamp(file, offset);
        if let Some(name) = self.index().at(file, offset) {
            return self
                .model()
                .decl(name.target)
                .map(|decl| NavigationTarget { full: decl.span, focus: decl.name_span })
                .into_iter()
                .collect();
        }
        self.imported_file(file, offset)
            .map(|target| {
                let len = self.text(target).len() as u32;
                NavigationTarget { full: Span::new(target, 0..len), focus: Span::new(target, 0..0) }
            })
            .into_iter()
            .collect()
    }

    /// Every place the name at `offset` is written, across the workspace; with
    /// `include_declaration`, its declarations (and a scenario's overrides) too.
    pub fn references(&self, file: FileId, offset: u32, include_declaration: bool) -> Vec<Occurrence> {
        let offset = self.clamp(file, offset);
        let Some(name) = self.index().at(file, offset) else {
            return Vec::new();
        };
        self.index()
            .occurrences(name.target)
            .iter()
            .filter(|n| include_declaration || !n.decl)
            .map(|n| Occurrence { span: n.span, declaration: n.decl })
            .collect()
    }

    /// The places in `file` where the name at `offset` is written.
    pub fn highlights(&self, file: FileId, offset: u32) -> Vec<Occurrence> {
        let mut all = self.references(file, offset, true);
        all.retain(|o| o.span.file == file);
        all
    }

    /// The file that an import whose path contains `offset` brings in.
    fn imported_file(&self, file: FileId, offset: u32) -> Option<FileId> {
        let src = self.checked().files();
        let ast = self.ast(file)?;
        let import = ast.imports.iter().find(|i| i.path.span.start <= offset && offset <= i.path.span.end)?;
        let dir = self.path(file)?.parent()?;
        self.file(&normalize(&dir.join(&*import.path.value(src))))
    }
}

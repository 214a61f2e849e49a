//! Folding ranges: every block that spans lines, runs of comment lines, and the imports.

use journey_diagnostics::{FileId, Span};

use crate::Analysis;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FoldKind {
    Block,
    Comment,
    Imports,
}

/// A range that can be folded; the editor folds the lines from its start to its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

impl Analysis {
    pub fn folding_ranges(&self, file: FileId) -> Vec<Fold> {
        let Some(ast) = self.ast(file) else { return Vec::new() };
        let text = self.text(file);
        let multiline = |span: Span| text.get(span.range()).is_some_and(|s| s.contains(['\r', '\n']));
        let mut out = Vec::new();
        if let (Some(first), Some(last)) = (ast.imports.first(), ast.imports.last()) {
            let span = Span { end: last.span.end, ..first.span };
            if multiline(span) {
                out.push(Fold { span, kind: FoldKind::Imports });
            }
        }
        for item in self.items(file) {
            if item.body.is_some() && multiline(item.span) {
                out.push(Fold { span: item.span, kind: FoldKind::Block });
            }
        }
        // Comments on consecutive lines of their own fold together.
        let mut run: Option<Span> = None;
        for comment in &ast.comments {
            let line_start =
                text.get(..comment.span.start as usize).map_or(0, |b| b.rfind(['\r', '\n']).map_or(0, |i| i + 1));
            let own_line = text.get(line_start..comment.span.start as usize).is_some_and(|s| s.trim().is_empty());
            let joins = run.is_some_and(|r| {
                own_line
                    && text
                        .get(r.end as usize..comment.span.start as usize)
                        .is_some_and(|gap| gap.trim().is_empty() && gap.matches('\n').count() == 1)
            });
            match run.as_mut() {
                Some(r) if joins => r.end = comment.span.end,
                _ => {
                    if let Some(done) = run.take().filter(|r| multiline(*r)) {
                        out.push(Fold { span: done, kind: FoldKind::Comment });
                    }
                    run = own_line.then_some(comment.span);
                }
            }
        }
        if let Some(done) = run.filter(|r| multiline(*r)) {
            out.push(Fold { span: done, kind: FoldKind::Comment });
        }
        out.sort_by_key(|f| (f.span.start, f.span.end));
        out
    }
}

//! The one diagnostic model every phase of journey reports in, the table of diagnostic codes,
//! the source files diagnostics point into, and the renderers that turn diagnostics into text
//! for people (ariadne) and for machines (short, JSON, SARIF, GitHub annotations).
//!
//! Everything here works in byte offsets; line and column numbers are computed only by
//! [`LineIndex`], in one place.

mod codes;
mod files;
pub mod render;

pub use codes::{Code, Level, RuleInfo};
pub use files::{FileId, LineCol, LineIndex, SourceFile, SourceFiles};

use serde::Serialize;

/// A byte range in one source file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(file: FileId, range: std::ops::Range<u32>) -> Self {
        Span { file, start: range.start, end: range.end }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    pub fn contains(self, other: Span) -> bool {
        self.file == other.file && self.start <= other.start && other.end <= self.end
    }
}

/// How bad a diagnostic is once the configuration has been applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A span with an optional message, drawn under the source it points at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label { span, message: message.into() }
    }
}

/// One text replacement of a fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Edit {
    pub span: Span,
    pub replacement: String,
}

/// A machine-applicable change that resolves a diagnostic (used by editors as a quick fix).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub message: String,
    pub edits: Vec<Edit>,
}

/// One finding: what is wrong, where, and how to fix it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub notes: Vec<String>,
    pub help: Option<String>,
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic at the code's default severity; configuration may change it later.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.info().default.severity().unwrap_or(Severity::Warning),
            message: message.into(),
            primary: Label::new(span, ""),
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label::new(span, message));
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, message: impl Into<String>, span: Span, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix { message: message.into(), edits: vec![Edit { span, replacement: replacement.into() }] });
        self
    }

    pub fn span(&self) -> Span {
        self.primary.span
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Sorts diagnostics, errors before warnings and each by file, position and code, and drops
/// exact repeats (a file imported by several roots is checked once, but a repeat must never
/// reach the user twice). Errors come first because they are the mistakes: a warning is often
/// what an error leads to, and the first thing a user reads should be what to fix first.
pub fn sort_and_dedup(diagnostics: &mut Vec<Diagnostic>) {
    let key = |d: &Diagnostic| (std::cmp::Reverse(d.severity), d.primary.span, d.code);
    diagnostics.sort_by(|a, b| (key(a), &a.message).cmp(&(key(b), &b.message)));
    diagnostics.dedup_by(|a, b| a.primary.span == b.primary.span && a.code == b.code && a.message == b.message);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_come_first_then_files_and_positions() {
        let at = |file: u32, start: u32| Span::new(FileId(file), start..start + 1);
        let warning = |span: Span| Diagnostic::new(Code::UnreachableStep, span, "w");
        let error = |span: Span| Diagnostic::new(Code::UnknownReference, span, "e");
        let mut found = vec![
            warning(at(0, 5)),
            error(at(1, 9)),
            warning(at(0, 1)),
            error(at(0, 7)),
            error(at(0, 7)),
            error(at(1, 2)),
        ];
        sort_and_dedup(&mut found);
        let order: Vec<(Severity, u32, u32)> =
            found.iter().map(|d| (d.severity, d.primary.span.file.0, d.primary.span.start)).collect();
        assert_eq!(
            order,
            [
                (Severity::Error, 0, 7),
                (Severity::Error, 1, 2),
                (Severity::Error, 1, 9),
                (Severity::Warning, 0, 1),
                (Severity::Warning, 0, 5)
            ]
        );
    }
}

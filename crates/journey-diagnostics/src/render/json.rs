//! Diagnostics as a JSON document for scripts: positions both as one-based line/column (in
//! characters) and as byte offsets. The document is written straight from the structs below
//! (fields in alphabetical order, as the layout has always had them), never built as a tree.

use serde::Serialize;

use crate::{Diagnostic, Label, SourceFiles, Span};

/// The version of the JSON layout below; bumped on any incompatible change.
pub const JSON_FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    diagnostics: Vec<Item<'a>>,
    version: u32,
}

#[derive(Serialize)]
struct Item<'a> {
    code: &'a str,
    fix: Option<Fix<'a>>,
    help: Option<&'a str>,
    labels: Vec<Labelled<'a>>,
    location: Location<'a>,
    message: &'a str,
    name: &'a str,
    notes: &'a [String],
    primary_label: &'a str,
    severity: &'a str,
}

#[derive(Serialize)]
struct Fix<'a> {
    edits: Vec<Edit<'a>>,
    message: &'a str,
}

#[derive(Serialize)]
struct Edit<'a> {
    location: Location<'a>,
    replacement: &'a str,
}

#[derive(Serialize)]
struct Labelled<'a> {
    location: Location<'a>,
    message: &'a str,
}

#[derive(Serialize)]
struct Location<'a> {
    byte_end: u32,
    byte_start: u32,
    column: u32,
    end_column: u32,
    end_line: u32,
    file: &'a str,
    line: u32,
}

pub fn json(files: &SourceFiles, diagnostics: &[Diagnostic]) -> String {
    let diagnostics = diagnostics
        .iter()
        .map(|d| Item {
            code: d.code.id(),
            fix: d.fix.as_ref().map(|fix| Fix {
                edits: fix
                    .edits
                    .iter()
                    .map(|e| Edit { location: location(files, e.span), replacement: &e.replacement })
                    .collect(),
                message: &fix.message,
            }),
            help: d.help.as_deref(),
            labels: d.secondary.iter().map(|l| label(files, l)).collect(),
            location: location(files, d.primary.span),
            message: &d.message,
            name: d.code.name(),
            notes: &d.notes,
            primary_label: &d.primary.message,
            severity: d.severity.as_str(),
        })
        .collect();
    let document = Document { diagnostics, version: JSON_FORMAT_VERSION };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}

fn label<'a>(files: &'a SourceFiles, l: &'a Label) -> Labelled<'a> {
    Labelled { location: location(files, l.span), message: &l.message }
}

fn location(files: &SourceFiles, span: Span) -> Location<'_> {
    let start = files.position(span.file, span.start);
    let end = files.position(span.file, span.end);
    Location {
        byte_end: span.end,
        byte_start: span.start,
        column: start.col,
        end_column: end.col,
        end_line: end.line,
        file: files.path(span.file),
        line: start.line,
    }
}

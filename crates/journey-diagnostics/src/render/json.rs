//! Diagnostics as a JSON document for scripts: positions both as one-based line/column (in
//! characters) and as byte offsets.

use crate::{Diagnostic, Label, SourceFiles, Span};
use serde_json::{Value, json as j};

/// The version of the JSON layout below; bumped on any incompatible change.
pub const JSON_FORMAT_VERSION: u32 = 1;

pub fn json(files: &SourceFiles, diagnostics: &[Diagnostic]) -> String {
    let items: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            j!({
                "code": d.code.id(),
                "name": d.code.name(),
                "severity": d.severity.as_str(),
                "message": d.message,
                "location": location(files, d.primary.span),
                "labels": d.secondary.iter().map(|l| label(files, l)).collect::<Vec<_>>(),
                "primary_label": d.primary.message,
                "notes": d.notes,
                "help": d.help,
                "fix": d.fix.as_ref().map(|fix| j!({
                    "message": fix.message,
                    "edits": fix.edits.iter().map(|e| j!({
                        "location": location(files, e.span),
                        "replacement": e.replacement,
                    })).collect::<Vec<_>>(),
                })),
            })
        })
        .collect();
    let doc = j!({ "version": JSON_FORMAT_VERSION, "diagnostics": items });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn label(files: &SourceFiles, l: &Label) -> Value {
    j!({ "message": l.message, "location": location(files, l.span) })
}

fn location(files: &SourceFiles, span: Span) -> Value {
    let start = files.position(span.file, span.start);
    let end = files.position(span.file, span.end);
    j!({
        "file": files.path(span.file),
        "line": start.line,
        "column": start.col,
        "end_line": end.line,
        "end_column": end.col,
        "byte_start": span.start,
        "byte_end": span.end,
    })
}

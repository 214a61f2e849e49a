//! SARIF 2.1.0, the format code-scanning services read. Columns are counted in Unicode code
//! points (declared with `columnKind`), lines and columns are one-based.

use crate::{Code, Diagnostic, Severity, SourceFiles, Span};
use serde_json::{Value, json as j};

pub fn sarif(files: &SourceFiles, diagnostics: &[Diagnostic], tool_version: &str) -> String {
    let rules: Vec<Value> = Code::all()
        .iter()
        .map(|info| {
            j!({
                "id": info.id,
                "name": info.name,
                "shortDescription": { "text": info.summary },
                "fullDescription": { "text": info.summary },
                "help": { "text": format!("Run `journey explain {}` for the full explanation.", info.id) },
                "defaultConfiguration": { "level": sarif_level(info.default.severity()) },
            })
        })
        .collect();
    let results: Vec<Value> = diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let mut result = j!({
                "ruleId": d.code.id(),
                "ruleIndex": d.code as usize,
                "level": sarif_level(Some(d.severity)),
                "message": { "text": message },
                "locations": [ location(files, d.primary.span, &d.primary.message) ],
            });
            if !d.secondary.is_empty() {
                result["relatedLocations"] = d
                    .secondary
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let mut loc = location(files, l.span, &l.message);
                        loc["id"] = j!(i);
                        loc
                    })
                    .collect();
            }
            result
        })
        .collect();
    let doc = j!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "journey",
                "version": tool_version,
                "informationUri": "https://example.invalid/journey",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

fn sarif_level(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Error) => "error",
        Some(Severity::Warning) => "warning",
        None => "none",
    }
}

fn location(files: &SourceFiles, span: Span, message: &str) -> Value {
    let start = files.position(span.file, span.start);
    let end = files.position(span.file, span.end);
    let mut loc = j!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri(files.path(span.file)) },
            "region": {
                "startLine": start.line,
                "startColumn": start.col,
                "endLine": end.line,
                "endColumn": end.col,
                "byteOffset": span.start,
                "byteLength": span.end - span.start,
            },
        },
    });
    if !message.is_empty() {
        loc["message"] = j!({ "text": message });
    }
    loc
}

/// A relative URI reference for a path: forward slashes, and the characters that are not
/// allowed in a URI percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

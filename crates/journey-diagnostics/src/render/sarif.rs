//! SARIF 2.1.0, the format code-scanning services read. Columns are counted in Unicode code
//! points (declared with `columnKind`), lines and columns are one-based. The document is
//! written straight from the structs below (fields in alphabetical order, as the layout has
//! always had them), never built as a tree.

use serde::Serialize;

use crate::{Code, Diagnostic, Severity, SourceFiles, Span};

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    runs: [Run<'a>; 1],
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
    tool: Tool<'a>,
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    information_uri: &'static str,
    name: &'static str,
    rules: Vec<Rule>,
    version: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    default_configuration: Level,
    full_description: Text<&'static str>,
    help: Text<String>,
    id: &'static str,
    name: &'static str,
    short_description: Text<&'static str>,
}

#[derive(Serialize)]
struct Level {
    level: &'static str,
}

#[derive(Serialize)]
struct Text<T> {
    text: T,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    level: &'static str,
    locations: [Location<'a>; 1],
    message: Text<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    rule_id: &'static str,
    rule_index: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Text<&'a str>>,
    physical_location: Physical,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Physical {
    artifact_location: Artifact,
    region: Region,
}

#[derive(Serialize)]
struct Artifact {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    byte_length: u32,
    byte_offset: u32,
    end_column: u32,
    end_line: u32,
    start_column: u32,
    start_line: u32,
}

pub fn sarif(files: &SourceFiles, diagnostics: &[Diagnostic], tool_version: &str) -> String {
    let rules = Code::all()
        .iter()
        .map(|info| Rule {
            default_configuration: Level { level: sarif_level(info.default.severity()) },
            full_description: Text { text: info.summary },
            help: Text { text: format!("Run `journey explain {}` for the full explanation.", info.id) },
            id: info.id,
            name: info.name,
            short_description: Text { text: info.summary },
        })
        .collect();
    let results = diagnostics
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            SarifResult {
                level: sarif_level(Some(d.severity)),
                locations: [location(files, d.primary.span, &d.primary.message, None)],
                message: Text { text: message },
                related_locations: d
                    .secondary
                    .iter()
                    .enumerate()
                    .map(|(i, l)| location(files, l.span, &l.message, Some(i)))
                    .collect(),
                rule_id: d.code.id(),
                rule_index: d.code as usize,
            }
        })
        .collect();
    let log = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        runs: [Run {
            column_kind: "unicodeCodePoints",
            results,
            tool: Tool {
                driver: Driver {
                    information_uri: "https://example.invalid/journey",
                    name: "journey",
                    rules,
                    version: tool_version,
                },
            },
        }],
        version: "2.1.0",
    };
    let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
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

fn location<'a>(files: &SourceFiles, span: Span, message: &'a str, id: Option<usize>) -> Location<'a> {
    let start = files.position(span.file, span.start);
    let end = files.position(span.file, span.end);
    Location {
        id,
        message: (!message.is_empty()).then_some(Text { text: message }),
        physical_location: Physical {
            artifact_location: Artifact { uri: uri(files.path(span.file)) },
            region: Region {
                byte_length: span.end - span.start,
                byte_offset: span.start,
                end_column: end.col,
                end_line: end.line,
                start_column: start.col,
                start_line: start.line,
            },
        },
    }
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

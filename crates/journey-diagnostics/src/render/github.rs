//! GitHub Actions workflow commands (`::error file=…,line=…::message`), which the code host
//! shows as annotations on the pull request's diff.

use crate::{Diagnostic, Severity, SourceFiles};

pub fn github(files: &SourceFiles, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let start = files.position(d.primary.span.file, d.primary.span.start);
        let end = files.position(d.primary.span.file, d.primary.span.end);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let mut message = d.message.clone();
        if let Some(help) = &d.help {
            message.push_str("\nhelp: ");
            message.push_str(help);
        }
        out.push_str(&format!(
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
            property(files.path(d.primary.span.file)),
            start.line,
            start.col,
            end.line,
            end.col,
            property(&format!("{} {}", d.code.id(), d.code.name())),
            data(&message),
        ));
    }
    out
}

/// Escapes a message the way the runner unescapes it.
fn data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value, which additionally may not hold `:` or `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

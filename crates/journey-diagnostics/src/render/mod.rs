//! Renderers of the diagnostic model. Each turns a list of diagnostics into text; none does IO.

mod github;
mod human;
mod json;
mod sarif;

pub use github::github;
pub use human::{HumanOptions, human};
pub use json::json;
pub use sarif::sarif;

use crate::{Diagnostic, SourceFiles};

/// `path:line:col: severity[CODE]: message`, one line per diagnostic (what editors' problem
/// matchers and `grep` expect).
pub fn short(files: &SourceFiles, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let at = files.position(d.primary.span.file, d.primary.span.start);
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {}\n",
            human::visible(files.path(d.primary.span.file)),
            at.line,
            at.col,
            d.severity.as_str(),
            d.code.id(),
            human::visible(&d.message)
        ));
    }
    out
}

/// The closing line of a human report, e.g. `2 errors, 1 warning`.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!("{}, {}", plural(errors, "error"), plural(warnings, "warning"))
}

//! Imports into the journey language: a Mermaid `journey` diagram ([`import_mermaid`]) and the
//! common journey-map spreadsheet saved as CSV ([`import_csv`]).
//!
//! Pure: text comes in, the text of a `.journey` file and diagnostics about the input go out;
//! the caller reads and writes files. The text is laid out by the language's own formatter, so
//! an import looks like a model written by hand. Both importers read untrusted input: they
//! never panic, take time and memory in proportion to the input, and lose nothing — what they
//! cannot place is kept as a comment, with a diagnostic that says so. The diagnostics point
//! into the input (its file is [`ImportOptions::file`]).

mod columns;
mod draft;
mod mermaid;
mod sheet;
mod values;

use journey_diagnostics::{Diagnostic, FileId};

/// What an import needs besides the text.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The file the diagnostics point into: the input, as the caller has registered it.
    pub file: FileId,
    /// The journey's name when the input gives none (the CLI passes the file's stem).
    pub name: Option<String>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { file: FileId(0), name: None }
    }
}

/// What an import gives: the `.journey` text (empty when nothing could be imported, with an
/// error saying why) and the diagnostics about the input.
pub type Imported = (String, Vec<Diagnostic>);

/// A Mermaid `journey` diagram as a journey: sections become stages, tasks steps, scores
/// emotions (score − 3, so Mermaid's 1..5 becomes −2..+2) and actors the steps' `actors:`.
pub fn import_mermaid(text: &str) -> Imported {
    import_mermaid_with(text, &ImportOptions::default())
}

pub fn import_mermaid_with(text: &str, options: &ImportOptions) -> Imported {
    mermaid::import(text, options)
}

/// A journey-map spreadsheet (one row per step) as a model: lanes, touchpoints and a journey
/// with its stages and steps.
pub fn import_csv(text: &str) -> Imported {
    import_csv_with(text, &ImportOptions::default())
}

pub fn import_csv_with(text: &str, options: &ImportOptions) -> Imported {
    sheet::import(text, options)
}

/// The columns the spreadsheet importer knows, each with the header words it accepts: for
/// documentation and messages.
pub fn csv_columns() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    columns::COLUMNS.iter().map(|c| (c.name, c.headers))
}

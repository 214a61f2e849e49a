//! Target `import`: the importers under any bytes. The first byte picks the format (even:
//! a Mermaid journey, odd: a journey-map spreadsheet), the rest is the text, read lossily as
//! `journey import` reads a file. Nothing comes out exactly when the input is refused (J0901);
//! what comes out parses without a diagnostic, is already formatted, and checks with no error
//! but a spreadsheet step's missing touchpoint (J0501, for the user to fill in); and every
//! diagnostic points into the input.

use std::path::Path;

use journey_diagnostics::FileId;
use journey_syntax::{ParseOptions, format::format, parse};

pub fn import(data: &[u8]) {
    let Some((&which, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let options = journey_import::ImportOptions { file: FileId(0), name: Some("fuzzed".into()) };
    let (out, diagnostics) = if which % 2 == 0 {
        journey_import::import_mermaid_with(&text, &options)
    } else {
        journey_import::import_csv_with(&text, &options)
    };
    for d in &diagnostics {
        let span = d.span();
        assert!(
            span.file == FileId(0) && span.start <= span.end && span.end as usize <= text.len(),
            "{d:?} points outside the input"
        );
    }
    let refused = diagnostics.iter().any(|d| d.code.id() == "J0901");
    assert_eq!(out.is_empty(), refused, "{diagnostics:?}");
    if out.is_empty() {
        return;
    }
    let (file, found) = parse(&out, ParseOptions { file: FileId(0) });
    assert!(found.is_empty(), "the import does not parse:\n{out}\n{found:?}");
    assert_eq!(format(&out, &file), out, "formatting the import changes it");
    let checked = journey_model::check_text(Path::new("/fuzz/imported.journey"), &out);
    let wrong: Vec<_> = checked.diagnostics.iter().filter(|d| d.is_error() && d.code.id() != "J0501").collect();
    assert!(wrong.is_empty(), "the import has errors:\n{out}\n{wrong:?}");
}

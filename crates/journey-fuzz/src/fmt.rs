//! Target `fmt`: the formatter's round trip. A file that parses without a diagnostic formats to
//! text that parses without one, formatting that text changes nothing, and the two mean the
//! same: the same model and the same diagnostic codes, positions aside ([`meaning`], which
//! `crates/journey-cli/tests/fmt.rs` holds `journey fmt` to as well).

use std::path::{Path, PathBuf};

use journey_diagnostics::FileId;
use journey_model::{CheckOptions, Checked, MemoryLoader, check};
use journey_syntax::{ParseOptions, format::format, parse};

/// The canonical layout of `text`, if it parses without a diagnostic.
pub fn fmt(text: &str) -> Option<String> {
    let (ast, diagnostics) = parse(text, ParseOptions { file: FileId(0) });
    diagnostics.is_empty().then(|| format(text, &ast))
}

/// What a checked workspace means, not where: the model as JSON with every position left
/// out, and the diagnostics' codes, sorted (the formatter moves imports to the top, and
/// diagnostics come in the order of their positions).
pub fn meaning(checked: &Checked) -> serde_json::Value {
    let mut value = serde_json::to_value(&checked.model).expect("the model serializes");
    strip(&mut value);
    let mut codes: Vec<&str> = checked.diagnostics.iter().map(|d| d.code.id()).collect();
    codes.sort_unstable();
    serde_json::json!({ "model": value, "codes": codes })
}

/// [`meaning`] of one file.
fn meaning_of(path: &Path, text: &str) -> serde_json::Value {
    let loader = MemoryLoader::default().with(path, text);
    meaning(&check(&loader, &[path.to_path_buf()], &CheckOptions { root_dir: crate::ROOT.into(), config: None }))
}

fn strip(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            // Every position (`span`, `name_span`, `channel_span`, …) and the references.
            map.retain(|key, _| !key.ends_with("span") && key != "references");
            map.values_mut().for_each(strip);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}

/// The round trip on the main file of a fuzz input (the other files do not matter here).
pub fn round_trip(data: &[u8]) {
    let Some((_, bytes)) = crate::split_files(data).into_iter().next() else { return };
    let Ok(text) = std::str::from_utf8(&bytes) else { return };
    let Some(once) = fmt(text) else { return };
    let Some(twice) = fmt(&once) else {
        let (_, diagnostics) = parse(&once, ParseOptions { file: FileId(0) });
        panic!("the formatted text does not parse: {diagnostics:#?}\n--- input\n{text}\n--- formatted\n{once}");
    };
    assert!(twice == once, "formatting is not idempotent\n--- once\n{once}\n--- twice\n{twice}");
    let path = PathBuf::from(crate::ROOT).join("main.journey");
    let (before, after) = (meaning_of(&path, text), meaning_of(&path, &once));
    assert!(
        before == after,
        "formatting changed the meaning\n--- input\n{text}\n--- formatted\n{once}\n--- before\n{before}\n--- after\n{after}"
    );
}

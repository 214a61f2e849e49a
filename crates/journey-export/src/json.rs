//! JSON: the typed model as serde writes it, wrapped with the name and version of the format,
//! and the JSON Schema (draft 2020-12) it follows.
//!
//! The version changes whenever a field is added, removed or changes meaning, and the schema
//! (`schema/journey-model.schema.json`) changes with it; the tests validate every example's
//! output against the schema, and the schema forbids fields it does not know, so a change to
//! the model that is not carried into the schema fails them.

use journey_model::ir::Model;
use serde::Serialize;

/// The version of the JSON format (the `version` field).
pub const FORMAT_VERSION: u32 = 2;

/// The JSON Schema that [`json`]'s output follows.
pub const JSON_SCHEMA: &str = include_str!("../schema/journey-model.schema.json");

#[derive(Serialize)]
struct Document<'a> {
    format: &'static str,
    version: u32,
    model: &'a Model,
}

/// The model as pretty-printed JSON, ending with a line break.
pub fn json(model: &Model) -> String {
    let document = Document { format: "journey-model", version: FORMAT_VERSION, model };
    // Serializing plain data to a string cannot fail: every map key is a string.
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    text.push('\n');
    text
}

//! `journey/preview`, a request of journey's own: the preview of a document as the server
//! sees it now (its unsaved text included) — the blueprint, flow diagram and figures of the
//! journeys declared in it, and the workspace's diagnostics — so an editor's preview follows
//! the typing. While the workspace has errors that stop drawing, `drawn` is false and
//! `journeys` is empty: the editor keeps showing the last drawing it had.
//!
//! Params: `{ "textDocument": { "uri": … } }`. Result: `journey_preview::Preview` as JSON, with
//! `version`, the document's version the preview was made from (`null` for a file not open),
//! or `null` for a document the server does not know.

use serde_json::Value;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{MessageType, TextDocumentIdentifier};

use crate::state::{Inner, catch, path_of};

/// The method's name.
pub const METHOD: &str = "journey/preview";

#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PreviewParams {
    pub text_document: TextDocumentIdentifier,
}

pub async fn preview(inner: &Inner, params: PreviewParams) -> Result<Option<Value>> {
    let uri = params.text_document.uri;
    let Some(snapshot) = inner.snapshot().await else { return Ok(None) };
    let Some(file) = snapshot.file(&uri) else { return Ok(None) };
    let version = snapshot.open.get(&path_of(&uri)).map(|(_, version)| *version);
    // Drawing a large journey takes milliseconds: off the async threads.
    let built = tokio::task::spawn_blocking(move || {
        catch(|| {
            let checked = snapshot.analysis.checked();
            let preview = journey_preview::preview(checked, journey_preview::Journeys::InFile(file));
            let mut value = serde_json::to_value(&preview).unwrap_or(Value::Null);
            if let Value::Object(fields) = &mut value {
                fields.insert("version".into(), version.map_or(Value::Null, Value::from));
            }
            value
        })
    })
    .await;
    match built {
        Ok(Ok(value)) => Ok(Some(value)),
        Ok(Err(message)) => {
            inner.log(MessageType::ERROR, format!("internal error while drawing the preview: {message}")).await;
            Err(internal(format!("journey: the preview failed ({message}); the server goes on")))
        }
        Err(error) => Err(internal(format!("journey: the preview failed ({error})"))),
    }
}

fn internal(message: String) -> Error {
    let mut error = Error::internal_error();
    error.message = message.into();
    error
}

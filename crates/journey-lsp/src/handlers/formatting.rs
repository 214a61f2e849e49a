//! `textDocument/formatting`: the layout of `journey fmt`; no edits for a file that does not
//! parse.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentFormattingParams, MessageType, TextEdit};

use crate::state::Inner;

pub async fn formatting(inner: &Inner, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
    let Some(snapshot) = inner.snapshot().await else { return Ok(None) };
    let Some(file) = snapshot.file(&params.text_document.uri) else { return Ok(None) };
    let edits = inner.run("formatting", || snapshot.analysis.format(file)).await?;
    let Some(edits) = edits else {
        inner
            .log(MessageType::INFO, "not formatted: the file does not parse; fix its syntax errors first".into())
            .await;
        return Ok(None);
    };
    Ok(Some(
        edits
            .into_iter()
            .filter_map(|e| Some(TextEdit { range: snapshot.range(e.span)?, new_text: e.replacement }))
            .collect(),
    ))
}

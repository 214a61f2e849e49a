//! `textDocument/prepareRename` and `textDocument/rename`, across files.

use std::collections::HashMap;

use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::ls_types::{
    PrepareRenameResponse, RenameParams, TextDocumentPositionParams, TextEdit, Uri, WorkspaceEdit,
};

use crate::state::Inner;

pub async fn prepare_rename(
    inner: &Inner,
    params: TextDocumentPositionParams,
) -> Result<Option<PrepareRenameResponse>> {
    let Some((snapshot, file, offset)) = inner.locate(&params.text_document.uri, params.position).await else {
        return Ok(None);
    };
    inner
        .run("prepare rename", || {
            let span = snapshot.analysis.prepare_rename(file, offset).ok()?;
            snapshot.range(span).map(PrepareRenameResponse::Range)
        })
        .await
}

pub async fn rename(inner: &Inner, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
    let at = params.text_document_position;
    let Some((snapshot, file, offset)) = inner.locate(&at.text_document.uri, at.position).await else {
        return Ok(None);
    };
    let result: std::result::Result<WorkspaceEdit, String> = inner
        .run("rename", || {
            let edits = snapshot.analysis.rename(file, offset, &params.new_name)?;
            let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
            for edit in edits {
                let (Some(uri), Some(range)) = (snapshot.uri(edit.span.file), snapshot.range(edit.span)) else {
                    continue;
                };
                changes.entry(uri).or_default().push(TextEdit { range, new_text: edit.replacement });
            }
            Ok(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() })
        })
        .await?;
    result.map(Some).map_err(Error::invalid_params)
}

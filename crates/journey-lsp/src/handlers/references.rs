//! `textDocument/references`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Location, ReferenceParams};

use crate::state::Inner;

pub async fn references(inner: &Inner, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let at = params.text_document_position;
    let Some((snapshot, file, offset)) = inner.locate(&at.text_document.uri, at.position).await else {
        return Ok(None);
    };
    let include = params.context.include_declaration;
    inner
        .run("find references", || {
            let found = snapshot.analysis.references(file, offset, include);
            Some(found.into_iter().filter_map(|o| snapshot.location(o.span)).collect())
        })
        .await
}

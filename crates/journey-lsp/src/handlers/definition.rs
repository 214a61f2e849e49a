//! `textDocument/definition`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse};

use crate::state::Inner;

pub async fn definition(inner: &Inner, params: GotoDefinitionParams) -> Result<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let Some((snapshot, file, offset)) = inner.locate(&at.text_document.uri, at.position).await else {
        return Ok(None);
    };
    inner
        .run("go to definition", || {
            let locations: Vec<_> = snapshot
                .analysis
                .definition(file, offset)
                .into_iter()
                .filter_map(|t| snapshot.location(t.focus))
                .collect();
            (!locations.is_empty()).then_some(GotoDefinitionResponse::Array(locations))
        })
        .await
}

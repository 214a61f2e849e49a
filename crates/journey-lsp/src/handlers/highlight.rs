//! `textDocument/documentHighlight`: declarations as writes, references as reads.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{DocumentHighlight, DocumentHighlightKind, DocumentHighlightParams};

use crate::state::Inner;

pub async fn highlight(inner: &Inner, params: DocumentHighlightParams) -> Result<Option<Vec<DocumentHighlight>>> {
    let at = params.text_document_position_params;
    let Some((snapshot, file, offset)) = inner.locate(&at.text_document.uri, at.position).await else {
        return Ok(None);
    };
    inner
        .run("highlight", || {
            let found = snapshot.analysis.highlights(file, offset);
            Some(
                found
                    .into_iter()
                    .filter_map(|o| {
                        Some(DocumentHighlight {
                            range: snapshot.range(o.span)?,
                            kind: Some(if o.declaration {
                                DocumentHighlightKind::WRITE
                            } else {
                                DocumentHighlightKind::READ
                            }),
                        })
                    })
                    .collect(),
            )
        })
        .await
}

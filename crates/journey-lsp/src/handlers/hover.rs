//! `textDocument/hover`.

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{Hover, HoverContents, HoverParams, MarkupContent, MarkupKind};

use crate::state::Inner;

pub async fn hover(inner: &Inner, params: HoverParams) -> Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let Some((snapshot, file, offset)) = inner.locate(&at.text_document.uri, at.position).await else {
        return Ok(None);
    };
    inner
        .run("hover", || {
            let hover = snapshot.analysis.hover(file, offset)?;
            Some(Hover {
                contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: hover.markdown }),
                range: snapshot.range(hover.span),
            })
        })
        .await
}

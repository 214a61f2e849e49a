//! `textDocument/inlayHint`: a step's lane, a flow's implied share.

use journey_ide::HintKind;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{InlayHint, InlayHintKind, InlayHintLabel, InlayHintParams, InlayHintTooltip};

use crate::state::Inner;

pub async fn inlay_hints(inner: &Inner, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
    let Some(snapshot) = inner.snapshot().await else { return Ok(None) };
    let Some(file) = snapshot.file(&params.text_document.uri) else { return Ok(None) };
    inner
        .run("inlay hints", || {
            let text = snapshot.text(file)?;
            let start = text.offset(params.range.start, snapshot.encoding);
            let end = text.offset(params.range.end, snapshot.encoding);
            let hints = snapshot.analysis.inlay_hints(file, start, end);
            Some(
                hints
                    .into_iter()
                    .map(|hint| InlayHint {
                        position: text.position(hint.offset, snapshot.encoding),
                        label: InlayHintLabel::String(hint.label),
                        kind: Some(match hint.kind {
                            HintKind::Lane => InlayHintKind::TYPE,
                            HintKind::Share => InlayHintKind::PARAMETER,
                        }),
                        text_edits: None,
                        tooltip: Some(InlayHintTooltip::String(hint.tooltip)),
                        padding_left: Some(true),
                        padding_right: None,
                        data: None,
                    })
                    .collect(),
            )
        })
        .await
}

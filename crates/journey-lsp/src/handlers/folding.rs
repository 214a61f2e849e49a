//! `textDocument/foldingRange`, by lines; a block's closing brace on a line of its own stays
//! visible.

use journey_ide::FoldKind;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{FoldingRange, FoldingRangeKind, FoldingRangeParams};

use crate::state::Inner;

pub async fn folding(inner: &Inner, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
    let Some(snapshot) = inner.snapshot().await else { return Ok(None) };
    let Some(file) = snapshot.file(&params.text_document.uri) else { return Ok(None) };
    inner
        .run("folding", || {
            let text = snapshot.text(file)?;
            let mut out = Vec::new();
            for fold in snapshot.analysis.folding_ranges(file) {
                let start = text.position(fold.span.start, snapshot.encoding).line;
                let end = text.position(fold.span.end, snapshot.encoding);
                let line_start =
                    text.text.get(..fold.span.end as usize).map_or(0, |b| b.rfind('\n').map_or(0, |i| i + 1));
                let brace_alone = fold.kind == FoldKind::Block
                    && text.text.get(line_start..fold.span.end as usize).is_some_and(|s| s.trim() == "}");
                let end_line = if brace_alone { end.line.saturating_sub(1) } else { end.line };
                if end_line <= start {
                    continue;
                }
                out.push(FoldingRange {
                    start_line: start,
                    start_character: None,
                    end_line,
                    end_character: None,
                    kind: match fold.kind {
                        FoldKind::Block => Some(FoldingRangeKind::Region),
                        FoldKind::Comment => Some(FoldingRangeKind::Comment),
                        FoldKind::Imports => Some(FoldingRangeKind::Imports),
                    },
                    collapsed_text: None,
                });
            }
            Some(out)
        })
        .await
}

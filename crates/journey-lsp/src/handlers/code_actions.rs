//! `textDocument/codeAction`: did-you-mean fixes, stub declarations and implied flow shares.

use std::collections::HashMap;

use journey_ide::ActionKind;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse, TextEdit, Uri, WorkspaceEdit,
};

use super::diagnostics::to_lsp;
use crate::state::Inner;

pub async fn code_actions(inner: &Inner, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
    let Some(snapshot) = inner.snapshot().await else { return Ok(None) };
    let Some(file) = snapshot.file(&params.text_document.uri) else { return Ok(None) };
    inner
        .run("code actions", || {
            let text = snapshot.text(file)?;
            let start = text.offset(params.range.start, snapshot.encoding);
            let end = text.offset(params.range.end, snapshot.encoding);
            let actions = snapshot.analysis.code_actions(file, start, end);
            let out: Vec<CodeActionOrCommand> = actions
                .into_iter()
                .map(|action| {
                    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
                    for edit in action.edits {
                        if let (Some(uri), Some(range)) = (snapshot.uri(edit.span.file), snapshot.range(edit.span)) {
                            changes.entry(uri).or_default().push(TextEdit { range, new_text: edit.replacement });
                        }
                    }
                    CodeActionOrCommand::CodeAction(CodeAction {
                        title: action.title,
                        kind: Some(match action.kind {
                            ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                            ActionKind::Refactor => CodeActionKind::REFACTOR_REWRITE,
                        }),
                        diagnostics: action.diagnostic.and_then(|d| to_lsp(&snapshot, &d)).map(|d| vec![d]),
                        edit: Some(WorkspaceEdit { changes: Some(changes), ..WorkspaceEdit::default() }),
                        is_preferred: action.preferred.then_some(true),
                        ..CodeAction::default()
                    })
                })
                .collect();
            Some(out)
        })
        .await
}

//! `textDocument/completion`: the core's items, as snippets when the client takes them.

use journey_ide::CompletionKind;
use journey_syntax::ast::ItemKind;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    self as lsp, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit, Documentation,
    InsertTextFormat, MarkupContent, MarkupKind, TextEdit,
};

use crate::state::Inner;

pub async fn completion(inner: &Inner, params: CompletionParams) -> Result<Option<CompletionResponse>> {
    let at = params.text_document_position;
    let Some((snapshot, file, offset)) = inner.locate(&at.text_document.uri, at.position).await else {
        return Ok(None);
    };
    let snippets = inner.state().snippets;
    inner
        .run("completion", || {
            let items = snapshot.analysis.completions(file, offset);
            let items: Vec<lsp::CompletionItem> = items
                .into_iter()
                .enumerate()
                .filter(|(_, item)| snippets || !item.snippet || !item.plain_insert().is_empty())
                .filter_map(|(index, item)| {
                    let range = snapshot.range(item.replace)?;
                    let (new_text, format) = if item.snippet && snippets {
                        (item.insert.clone(), InsertTextFormat::SNIPPET)
                    } else {
                        (item.plain_insert(), InsertTextFormat::PLAIN_TEXT)
                    };
                    Some(lsp::CompletionItem {
                        label: item.label.clone(),
                        kind: Some(kind(item.kind)),
                        detail: item.detail.clone(),
                        documentation: item.documentation.clone().map(|value| {
                            Documentation::MarkupContent(MarkupContent { kind: MarkupKind::Markdown, value })
                        }),
                        sort_text: Some(format!("{index:04}")),
                        filter_text: Some(item.label.trim_end_matches(':').to_string()),
                        insert_text_format: Some(format),
                        text_edit: Some(CompletionTextEdit::Edit(TextEdit { range, new_text })),
                        ..lsp::CompletionItem::default()
                    })
                })
                .collect();
            Some(CompletionResponse::Array(items))
        })
        .await
}

fn kind(kind: CompletionKind) -> CompletionItemKind {
    match kind {
        CompletionKind::Reference(item) => match item {
            ItemKind::Lane => CompletionItemKind::MODULE,
            ItemKind::System => CompletionItemKind::CLASS,
            ItemKind::Procedure => CompletionItemKind::FUNCTION,
            ItemKind::Touchpoint => CompletionItemKind::INTERFACE,
            ItemKind::Segment => CompletionItemKind::ENUM,
            ItemKind::Experience => CompletionItemKind::CONSTANT,
            ItemKind::Journey => CompletionItemKind::STRUCT,
            ItemKind::Scenario => CompletionItemKind::EVENT,
            ItemKind::Stage => CompletionItemKind::FOLDER,
            ItemKind::Step | ItemKind::Risk => CompletionItemKind::METHOD,
        },
        CompletionKind::Field => CompletionItemKind::FIELD,
        CompletionKind::Keyword => CompletionItemKind::KEYWORD,
        CompletionKind::Snippet => CompletionItemKind::SNIPPET,
        CompletionKind::Metric => CompletionItemKind::PROPERTY,
        CompletionKind::Value => CompletionItemKind::VALUE,
    }
}

//! `textDocument/documentSymbol` (the outline) and `workspace/symbol`.

use journey_syntax::ast::ItemKind;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, OneOf, SymbolKind, WorkspaceSymbol,
    WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use crate::state::{Inner, Snapshot};

pub async fn document_symbols(inner: &Inner, params: DocumentSymbolParams) -> Result<Option<DocumentSymbolResponse>> {
    let Some(snapshot) = inner.snapshot().await else { return Ok(None) };
    let Some(file) = snapshot.file(&params.text_document.uri) else { return Ok(None) };
    inner
        .run("outline", || {
            let symbols = snapshot.analysis.document_symbols(file);
            Some(DocumentSymbolResponse::Nested(symbols.iter().filter_map(|s| convert(&snapshot, s)).collect()))
        })
        .await
}

#[allow(deprecated)]
fn convert(snapshot: &Snapshot, symbol: &journey_ide::Symbol) -> Option<DocumentSymbol> {
    Some(DocumentSymbol {
        name: symbol.name.to_string(),
        detail: symbol.detail.clone().map(|s| s.to_string()),
        kind: kind(symbol.kind),
        tags: None,
        deprecated: None,
        range: snapshot.range(symbol.full)?,
        selection_range: snapshot.range(symbol.focus)?,
        children: Some(symbol.children.iter().filter_map(|c| convert(snapshot, c)).collect()),
    })
}

pub async fn workspace_symbols(
    inner: &Inner,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let Some(snapshot) = inner.snapshot().await else { return Ok(None) };
    inner
        .run("workspace symbols", || {
            let found = snapshot.analysis.workspace_symbols(&params.query);
            let symbols = found
                .into_iter()
                .filter_map(|s| {
                    Some(WorkspaceSymbol {
                        name: s.name.to_string(),
                        kind: kind(s.kind),
                        tags: None,
                        container_name: s.container.map(|s| s.to_string()),
                        location: OneOf::Left(snapshot.location(s.focus)?),
                        data: None,
                    })
                })
                .collect();
            Some(WorkspaceSymbolResponse::Nested(symbols))
        })
        .await
}

fn kind(kind: ItemKind) -> SymbolKind {
    match kind {
        ItemKind::Lane => SymbolKind::NAMESPACE,
        ItemKind::System => SymbolKind::CLASS,
        ItemKind::Procedure => SymbolKind::FUNCTION,
        ItemKind::Touchpoint => SymbolKind::INTERFACE,
        ItemKind::Segment => SymbolKind::ENUM,
        ItemKind::Experience => SymbolKind::OBJECT,
        ItemKind::Journey => SymbolKind::STRUCT,
        ItemKind::Scenario => SymbolKind::EVENT,
        ItemKind::Stage => SymbolKind::PACKAGE,
        ItemKind::Step => SymbolKind::METHOD,
        ItemKind::Risk => SymbolKind::CONSTANT,
    }
}

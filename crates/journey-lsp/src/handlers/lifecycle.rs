//! `initialize`: what the client offers (position encodings, snippets, the workspace folder),
//! the folder's journey files, and what the server can do; `initialized`: the first
//! diagnostics and the file watchers.

use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::*;

use super::diagnostics::schedule;
use super::documents::rescan;
use super::semantic_tokens;
use crate::convert::Encoding;
use crate::state::Inner;

pub async fn initialize(inner: &Inner, params: InitializeParams) -> Result<InitializeResult> {
    let capabilities = &params.capabilities;
    let encoding = Encoding::negotiate(capabilities.general.as_ref().and_then(|g| g.position_encodings.as_deref()));
    let snippets = capabilities
        .text_document
        .as_ref()
        .and_then(|t| t.completion.as_ref())
        .and_then(|c| c.completion_item.as_ref())
        .and_then(|i| i.snippet_support)
        .unwrap_or(false);
    #[allow(deprecated)]
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|folders| folders.first())
        .map(|f| &f.uri)
        .or(params.root_uri.as_ref())
        .and_then(|uri| uri.to_file_path())
        .map(|path| journey_model::workspace::normalize(&path));
    let watch = capabilities
        .workspace
        .as_ref()
        .and_then(|w| w.did_change_watched_files.as_ref())
        .and_then(|w| w.dynamic_registration)
        .unwrap_or(false);
    let debounce = params
        .initialization_options
        .as_ref()
        .and_then(|o| o.get("debounceMs"))
        .and_then(serde_json::Value::as_u64)
        .map(Duration::from_millis);
    {
        let mut state = inner.state();
        state.encoding = encoding;
        state.snippets = snippets;
        state.folder = folder;
        state.watch = watch;
        if let Some(debounce) = debounce {
            state.debounce = debounce;
        }
    }
    // The folder's files are found before the answer, so that no request sees an empty
    // workspace.
    rescan(inner).await;
    Ok(InitializeResult {
        capabilities: capabilities_for(encoding),
        server_info: Some(ServerInfo { name: "journey".into(), version: Some(env!("CARGO_PKG_VERSION").into()) }),
        offset_encoding: None,
    })
}

fn capabilities_for(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(encoding.kind()),
        text_document_sync: Some(TextDocumentSyncCapability::Options(TextDocumentSyncOptions {
            open_close: Some(true),
            change: Some(TextDocumentSyncKind::INCREMENTAL),
            save: Some(TextDocumentSyncSaveOptions::Supported(true)),
            ..TextDocumentSyncOptions::default()
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_highlight_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: WorkDoneProgressOptions::default(),
        })),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), ">".into(), ",".into()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        semantic_tokens_provider: Some(SemanticTokensServerCapabilities::SemanticTokensOptions(
            SemanticTokensOptions {
                legend: semantic_tokens::legend(),
                full: Some(SemanticTokensFullOptions::Bool(true)),
                range: None,
                work_done_progress_options: WorkDoneProgressOptions::default(),
            },
        )),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, CodeActionKind::REFACTOR_REWRITE]),
            ..CodeActionOptions::default()
        })),
        inlay_hint_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

/// Publishes the diagnostics of the folder's files, and asks to hear of files changed outside
/// the editor.
pub async fn initialized(inner: &Arc<Inner>) {
    let dynamic_watch = inner.state().watch;
    let generation = Inner::bump(&mut inner.state());
    schedule(inner, generation);
    if dynamic_watch {
        let watchers = ["**/*.journey", "**/journey.toml"]
            .map(|glob| FileSystemWatcher { glob_pattern: GlobPattern::String(glob.into()), kind: None })
            .to_vec();
        let registration = Registration {
            id: "journey-watched-files".into(),
            method: "workspace/didChangeWatchedFiles".into(),
            register_options: serde_json::to_value(DidChangeWatchedFilesRegistrationOptions { watchers }).ok(),
        };
        let inner = inner.clone();
        tokio::spawn(async move {
            if let Err(error) = inner.client.register_capability(vec![registration]).await {
                inner.log(MessageType::WARNING, format!("cannot watch the workspace's files: {error}")).await;
            }
        });
    }
}

//! The documents the client opens, edits, saves and closes, and files changed on disk. Each
//! handler changes the state before it awaits anything, so changes apply in the order they
//! arrive; a change older than the document's version is dropped.

use std::sync::Arc;

use journey_diagnostics::LineIndex;
use tower_lsp_server::ls_types::{
    DidChangeTextDocumentParams, DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, MessageType,
};

use super::diagnostics::schedule;
use crate::convert::apply_change;
use crate::state::{Document, Inner, path_of};
use crate::workspace::journey_files;

/// Only journey files and the configuration are the server's business.
fn wanted(path: &std::path::Path, language: Option<&str>) -> bool {
    language == Some("journey")
        || path.extension().is_some_and(|e| e == "journey")
        || path.file_name().is_some_and(|n| n == journey_model::config::FILE_NAME)
}

pub fn did_open(inner: &Arc<Inner>, params: DidOpenTextDocumentParams) {
    let doc = params.text_document;
    let path = path_of(&doc.uri);
    if !wanted(&path, Some(&doc.language_id)) {
        return;
    }
    let generation = {
        let mut state = inner.state();
        let lines = LineIndex::new(&doc.text);
        state.documents.insert(doc.uri, Document { path, text: doc.text, version: doc.version, lines });
        Inner::bump(&mut state)
    };
    schedule(inner, generation);
}

pub async fn did_change(inner: &Arc<Inner>, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri;
    let version = params.text_document.version;
    let outcome = {
        let mut state = inner.state();
        let encoding = state.encoding;
        match state.documents.get_mut(&uri) {
            None => Err(format!("a change to {} that is not open was ignored", uri.as_str())),
            Some(doc) if version <= doc.version => Err(format!(
                "a change to {} at version {version} was ignored: the document is at version {}",
                uri.as_str(),
                doc.version
            )),
            Some(doc) => {
                for change in &params.content_changes {
                    apply_change(&mut doc.text, &mut doc.lines, change, encoding);
                }
                doc.version = version;
                Ok(Inner::bump(&mut state))
            }
        }
    };
    match outcome {
        Ok(generation) => schedule(inner, generation),
        Err(message) => inner.log(MessageType::WARNING, message).await,
    }
}

pub fn did_close(inner: &Arc<Inner>, params: DidCloseTextDocumentParams) {
    let generation = {
        let mut state = inner.state();
        if state.documents.remove(&params.text_document.uri).is_none() {
            return;
        }
        Inner::bump(&mut state)
    };
    schedule(inner, generation);
}

pub async fn did_save(inner: &Arc<Inner>, params: DidSaveTextDocumentParams) {
    let path = path_of(&params.text_document.uri);
    let known = inner.state().files.contains(&path);
    if !known {
        rescan(inner).await;
    }
    let generation = Inner::bump(&mut inner.state());
    schedule(inner, generation);
}

pub async fn did_change_watched_files(inner: &Arc<Inner>, _: DidChangeWatchedFilesParams) {
    rescan(inner).await;
    let generation = Inner::bump(&mut inner.state());
    schedule(inner, generation);
}

/// Finds the workspace folder's journey files again.
pub async fn rescan(inner: &Inner) {
    let Some(folder) = inner.state().folder.clone() else { return };
    match tokio::task::spawn_blocking(move || journey_files(&folder)).await {
        Ok((files, said)) => {
            inner.state().files = files;
            for message in said {
                inner.log(MessageType::WARNING, message).await;
            }
        }
        Err(error) => inner.log(MessageType::ERROR, format!("cannot search the workspace folder: {error}")).await,
    }
}

//! Diagnostics, pushed: a change schedules a check after a short pause (the debounce), and the
//! diagnostics of every file of the workspace that has any go out — and an empty list for a
//! file that had some and has none now. Publications are serialized and a snapshot older than
//! the last one published is never sent, so fast edits cannot make stale diagnostics win.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use journey_diagnostics::{Code, Diagnostic, Severity};
use tower_lsp_server::ls_types::{
    self as lsp, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, NumberOrString, Uri,
};

use crate::state::{Inner, Snapshot};

/// What the last publication sent.
#[derive(Debug, Default)]
pub struct Published {
    pub generation: u64,
    /// The documents that were sent a non-empty list.
    pub uris: HashSet<Uri>,
}

/// Checks and publishes after the debounce, unless another change comes first (its own task
/// then does it).
pub fn schedule(inner: &Arc<Inner>, generation: u64) {
    inner.release_stale(generation);
    let inner = inner.clone();
    tokio::spawn(async move {
        let debounce = inner.state().debounce;
        if !debounce.is_zero() {
            tokio::time::sleep(debounce).await;
        }
        if inner.state().generation != generation {
            return;
        }
        if let Some(snapshot) = inner.snapshot().await {
            publish(&inner, &snapshot).await;
        }
    });
}

pub async fn publish(inner: &Inner, snapshot: &Snapshot) {
    let mut published = inner.published.lock().await;
    if snapshot.generation <= published.generation {
        return;
    }
    let converted = inner.run("converting diagnostics", || by_document(snapshot)).await.unwrap_or_default();
    let mut sent = HashSet::new();
    for (uri, (version, diagnostics)) in converted {
        sent.insert(uri.clone());
        inner.client.publish_diagnostics(uri, diagnostics, version).await;
    }
    for uri in published.uris.difference(&sent) {
        let version = snapshot.open.values().find(|(u, _)| u == uri).map(|(_, v)| *v);
        inner.client.publish_diagnostics(uri.clone(), Vec::new(), version).await;
    }
    published.generation = snapshot.generation;
    published.uris = sent;
}

type ByDocument = BTreeMap<Uri, (Option<i32>, Vec<lsp::Diagnostic>)>;

fn by_document(snapshot: &Snapshot) -> ByDocument {
    let mut out: ByDocument = BTreeMap::new();
    for d in snapshot.analysis.diagnostics() {
        let file = d.primary.span.file;
        let (Some(uri), Some(diagnostic)) = (snapshot.uri(file), to_lsp(snapshot, d)) else { continue };
        let version = snapshot.analysis.path(file).and_then(|p| snapshot.open.get(p)).map(|(_, v)| *v);
        out.entry(uri).or_insert_with(|| (version, Vec::new())).1.push(diagnostic);
    }
    out
}

/// One diagnostic for LSP: the code, the message with its notes and help, the secondary
/// labels as related information.
pub fn to_lsp(snapshot: &Snapshot, d: &Diagnostic) -> Option<lsp::Diagnostic> {
    let range = snapshot.range(d.primary.span)?;
    let mut message = d.message.clone();
    for note in &d.notes {
        message.push_str(&format!("\nnote: {note}"));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|label| {
            Some(DiagnosticRelatedInformation {
                location: snapshot.location(label.span)?,
                message: if label.message.is_empty() { "see here".into() } else { label.message.clone() },
            })
        })
        .collect();
    Some(lsp::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.id().to_string())),
        code_description: None,
        source: Some("journey".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (d.code == Code::UnusedDeclaration).then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    })
}

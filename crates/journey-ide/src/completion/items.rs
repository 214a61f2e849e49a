//! The completion list being built: references, values, keywords, fields and the snippets of
//! new items.

use journey_model::schema::{self, ValueType};
use journey_syntax::ast::ItemKind;

use super::{CompletionItem, CompletionKind};
use crate::Analysis;

pub(super) struct Completions {
    pub(super) items: Vec<CompletionItem>,
    pub(super) replace: journey_diagnostics::Span,
}

impl Completions {
    pub(super) fn reference(&mut self, decl: &journey_model::ir::Decl, analysis: &Analysis) {
        if self.items.iter().any(|i| i.label == decl.id && i.kind == CompletionKind::Reference(decl.kind)) {
            return;
        }
        let mut doc = decl.docs.join("\n");
        if let Some(description) = &decl.description {
            if !doc.is_empty() {
                doc.push_str("\n\n");
            }
            doc.push_str(description);
        }
        let place = analysis.checked.workspace.files.path(decl.file);
        let detail = if decl.label == decl.id {
            format!("{} in {place}", decl.kind.keyword())
        } else {
            format!("{} \"{}\"", decl.kind.keyword(), decl.label)
        };
        self.items.push(CompletionItem {
            label: decl.id.to_string(),
            kind: CompletionKind::Reference(decl.kind),
            detail: Some(detail),
            documentation: (!doc.is_empty()).then_some(doc),
            insert: decl.id.to_string(),
            snippet: false,
            replace: self.replace,
        });
    }

    pub(super) fn value(&mut self, word: &str, detail: Option<String>) {
        self.items.push(CompletionItem {
            label: word.to_string(),
            kind: CompletionKind::Value,
            detail,
            documentation: None,
            insert: word.to_string(),
            snippet: false,
            replace: self.replace,
        });
    }

    pub(super) fn keyword(&mut self, word: &str, insert: &str, doc: &str) {
        self.items.push(CompletionItem {
            label: word.to_string(),
            kind: CompletionKind::Keyword,
            detail: Some(doc.to_string()),
            documentation: None,
            insert: insert.to_string(),
            snippet: false,
            replace: self.replace,
        });
    }

    pub(super) fn snippet(&mut self, label: &str, insert: &str, doc: &str) {
        self.items.push(CompletionItem {
            label: label.to_string(),
            kind: CompletionKind::Snippet,
            detail: Some(doc.to_string()),
            documentation: None,
            insert: insert.to_string(),
            snippet: true,
            replace: self.replace,
        });
    }

    pub(super) fn field(&mut self, kind: ItemKind, spec: &schema::FieldSpec) {
        let value = match spec.ty {
            ValueType::Ref(k) => format!("a {}", k.item_kind().keyword()),
            ValueType::RefList(k) => format!("{}s", k.item_kind().keyword()),
            other => other.describe().to_string(),
        };
        self.items.push(CompletionItem {
            label: format!("{}:", spec.name),
            kind: CompletionKind::Field,
            detail: Some(format!("{} field: {value}", kind.keyword())),
            documentation: Some(spec.doc.to_string()),
            insert: format!("{}: ", spec.name),
            snippet: false,
            replace: self.replace,
        });
    }

    pub(super) fn item_snippet(&mut self, kind: ItemKind) {
        let (insert, doc) = match kind {
            ItemKind::Lane => ("lane ${1:id} \"${2:Label}\"", "a department: one swimlane of the blueprint"),
            ItemKind::System => ("system ${1:id} \"${2:Label}\" { kind: ${3:erp} }", "a system everything runs on"),
            ItemKind::Procedure => (
                "procedure ${1:id} \"${2:Label}\" { lane: ${3:lane}  uses: ${4:system} }",
                "a policy, process or rule behind the line of visibility",
            ),
            ItemKind::Touchpoint => (
                "touchpoint ${1:id} \"${2:Label}\" { channel: ${3:web}  lane: ${4:lane}  uses: ${5:system} }",
                "where the customer meets the organisation",
            ),
            ItemKind::Segment => ("segment ${1:id} \"${2:Label}\"", "a group of customers"),
            ItemKind::Experience => {
                ("experience ${1:id} \"${2:Label}\" {\n  ${3:contacts} <= ${4:2}\n}", "what customers should take away")
            }
            ItemKind::Journey => (
                "journey ${1:id} \"${2:Label}\" {\n  step ${3:first} \"${4:First step}\" at ${5:touchpoint}\n}",
                "the customer process, step by step",
            ),
            ItemKind::Stage => (
                "stage ${1:id} \"${2:Label}\" {\n  step ${3:id} \"${4:Label}\" at ${5:touchpoint}\n}",
                "a phase of the journey",
            ),
            ItemKind::Step => ("step ${1:id} \"${2:Label}\" at ${3:touchpoint}", "one thing the customer does"),
            ItemKind::Risk => (
                "risk ${1:id} \"${2:Label}\" { chance: ${3:10%}  recovery: ${4:step_or_procedure} }",
                "something that can go wrong at the step",
            ),
            ItemKind::Scenario => {
                ("scenario ${1:id} \"${2:Label}\" on ${3:journey} {\n  $0\n}", "a what-if version of a journey")
            }
        };
        self.snippet(kind.keyword(), insert, doc);
    }
}

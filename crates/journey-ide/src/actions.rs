//! Code actions: the fix a diagnostic carries (did-you-mean), a stub declaration for a name
//! that is declared nowhere, and the share a flow without a percentage implicitly gets,
//! written out.

use journey_diagnostics::{Code, Diagnostic, Edit, FileId, Span};
use journey_model::graph::outgoing;
use journey_syntax::ast::{Item, ItemKind, Member};

use crate::Analysis;
use crate::hover::percent;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    Refactor,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CodeAction {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<Edit>,
    /// The action to take when there is one obvious fix.
    pub preferred: bool,
    /// The diagnostic the action resolves.
    pub diagnostic: Option<Diagnostic>,
}

impl Analysis {
    /// The actions for the byte range `start..end` of `file`.
    pub fn code_actions(&self, file: FileId, start: u32, end: u32) -> Vec<CodeAction> {
        let (start, end) = (self.clamp(file, start), self.clamp(file, end.max(start)));
        let mut out = Vec::new();
        let touches = |span: Span| span.file == file && span.start <= end && start <= span.end;
        for d in self.diagnostics().iter().filter(|d| touches(d.primary.span)) {
            if let Some(fix) = &d.fix {
                out.push(CodeAction {
                    title: fix.message.clone(),
                    kind: ActionKind::QuickFix,
                    edits: fix.edits.clone(),
                    preferred: true,
                    diagnostic: Some(d.clone()),
                });
            }
            if d.code == Code::UnknownReference {
                out.extend(self.declare_missing(d));
            }
        }
        out.extend(self.write_implied_shares(file, start, end));
        out
    }

    /// `no touchpoint named `phnoe``: a stub `touchpoint phnoe "Phnoe"` after the file's last
    /// touchpoint (or before its first journey, or at its end).
    fn declare_missing(&self, d: &Diagnostic) -> Option<CodeAction> {
        let rest = d.message.strip_prefix("no ")?;
        let (kind, name) = rest.split_once(" named `")?;
        let name = name.strip_suffix('`')?;
        let kind = ItemKind::ALL.into_iter().find(|k| k.keyword() == kind && k.is_top_level())?;
        let file = d.primary.span.file;
        let ast = self.ast(file)?;
        let text = self.text(file);
        let stub = format!("{} {name} \"{}\"", kind.keyword(), label_of(name));
        let last_same = ast.items.iter().rev().find(|i| i.kind == kind);
        let first_user =
            ast.items.iter().find(|i| matches!(i.kind, ItemKind::Journey | ItemKind::Scenario | ItemKind::Experience));
        let (at, insert) = match (last_same, first_user) {
            (Some(item), _) => (line_end(text, item.span.end), format!("\n{stub}")),
            (None, Some(item)) => (line_start(text, item.span.start), format!("{stub}\n\n")),
            (None, None) => {
                let end = text.len() as u32;
                let newline = if text.is_empty() || text.ends_with('\n') { "" } else { "\n" };
                (end, format!("{newline}{stub}\n"))
            }
        };
        Some(CodeAction {
            title: format!("declare {} `{name}`", kind.keyword()),
            kind: ActionKind::QuickFix,
            edits: vec![Edit { span: Span::new(file, at..at), replacement: insert }],
            preferred: d.fix.is_none(),
            diagnostic: Some(d.clone()),
        })
    }

    /// For a flow without a percentage at the range: write the share it gets implicitly.
    fn write_implied_shares(&self, file: FileId, start: u32, end: u32) -> Vec<CodeAction> {
        let src = self.checked().files();
        let mut out = Vec::new();
        let Some(ast) = self.ast(file) else { return out };
        for item in ast.items.iter().filter(|i| matches!(i.kind, ItemKind::Journey | ItemKind::Scenario)) {
            if !(item.span.start <= end && start <= item.span.end) {
                continue;
            }
            let Some(journey) = self.journey_of(item) else { continue };
            let shares = outgoing(journey);
            for flow in flows(item) {
                let ([from, to], None) = (flow.path.as_slice(), &flow.share) else { continue };
                if !(flow.span.start <= end && start <= flow.span.end) {
                    continue;
                }
                let (Some(a), Some(b)) = (journey.find_step(from.text(src)), journey.find_step(to.text(src))) else {
                    continue;
                };
                let Some(&(_, share, _)) = shares.get(a.index()).and_then(|o| {
                    o.next
                        .iter()
                        .find(|&&(t, _, i)| t == b && journey.flows.get(i).is_some_and(|f| f.span == flow.span))
                }) else {
                    continue;
                };
                let text = percent(share);
                out.push(CodeAction {
                    title: format!("write the implied share: `{} -> {} {text}`", from.text(src), to.text(src)),
                    kind: ActionKind::Refactor,
                    edits: vec![Edit {
                        span: Span::new(file, to.span.end..to.span.end),
                        replacement: format!(" {text}"),
                    }],
                    preferred: false,
                    diagnostic: None,
                });
            }
        }
        out
    }
}

/// The flows written in a journey or scenario, in its stages too.
pub(crate) fn flows(item: &Item) -> Vec<&journey_syntax::ast::Flow> {
    let mut out = Vec::new();
    for member in item.members() {
        match member {
            Member::Flow(flow) => out.push(&**flow),
            Member::Item(inner) if inner.kind == ItemKind::Stage => out.extend(flows(inner)),
            _ => {}
        }
    }
    out
}

/// `parcel_shop` → `Parcel shop`.
fn label_of(id: &str) -> String {
    let words = id.replace('_', " ");
    let mut chars = words.trim().chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => id.to_string(),
    }
}

fn line_end(text: &str, offset: u32) -> u32 {
    text.get(offset as usize..)
        .and_then(|rest| rest.find(['\r', '\n']))
        .map_or(text.len() as u32, |i| offset + i as u32)
}

fn line_start(text: &str, offset: u32) -> u32 {
    text.get(..offset as usize).and_then(|before| before.rfind(['\r', '\n'])).map_or(0, |i| i as u32 + 1)
}

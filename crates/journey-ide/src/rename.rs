//! Rename: every declaration and reference of a name, across files, scenario overrides and
//! `remove`s included, gets the new id — unless the new id is not an identifier, is a keyword,
//! or is already taken where the name is seen.

use journey_diagnostics::{Edit, FileId, Span};
use journey_model::ir::{Origin, Target};
use journey_syntax::ast::{ItemKind, Member};
use journey_syntax::lexer::{Token, lex};

use crate::Analysis;
use crate::index::Name;

impl Analysis {
    /// The id that a rename at `offset` would change, or why there is none.
    pub fn prepare_rename(&self, file: FileId, offset: u32) -> Result<Span, String> {
        let offset = self.clamp(file, offset);
        match self.index().at(file, offset) {
            Some(name) => Ok(name.span),
            None => Err("there is no declared name here to rename".into()),
        }
    }

    /// The edits that rename the name at `offset` to `new_name` everywhere it is written.
    pub fn rename(&self, file: FileId, offset: u32, new_name: &str) -> Result<Vec<Edit>, String> {
        let offset = self.clamp(file, offset);
        let Some(name) = self.index().at(file, offset) else {
            return Err("there is no declared name here to rename".into());
        };
        check_identifier(new_name)?;
        let old = self.model().decl(name.target).map(|d| d.id.clone()).unwrap_or_default();
        if old == new_name {
            return Ok(Vec::new());
        }
        self.check_free(name, new_name)?;
        let mut spans: Vec<Span> = self.index().occurrences(name.target).iter().map(|n| n.span).collect();
        spans.extend(self.stage_removals(name.target, &old));
        spans.sort();
        spans.dedup();
        Ok(spans.into_iter().map(|span| Edit { span, replacement: new_name.to_string() }).collect())
    }

    /// Fails when `new_name` already names something where the renamed item is seen.
    fn check_free(&self, name: Name, new_name: &str) -> Result<(), String> {
        let model = self.model();
        let taken = |what: &str| Err(format!("`{new_name}` is already the id of {what}"));
        match name.target {
            Target::Step(j, _) | Target::Stage(j, _) => {
                // The journey's own namespace, and that of every scenario laid over it.
                let base = model.journey(j).map(|b| b.decl.name_span);
                let versions = model.journeys.iter().filter(|journey| Some(journey.decl.name_span) == base);
                for journey in versions {
                    if let Some(step) = journey.steps.iter().find(|s| s.decl.id == new_name) {
                        return taken(&format!("step `{}` of this journey", step.decl.id));
                    }
                    if journey.stages.iter().any(|s| s.decl.id == new_name) {
                        return taken("a stage of this journey");
                    }
                }
            }
            target => {
                let Some(decl) = model.decl(target) else { return Ok(()) };
                let ws = &self.checked.workspace;
                let seen = ws.visible_files(decl.file);
                for other in model.targets() {
                    let Some(d) = model.decl(other) else { continue };
                    if d.id != new_name || d.origin != Origin::Base {
                        continue;
                    }
                    if seen.contains(&d.file) || ws.visible_files(d.file).contains(&decl.file) {
                        return taken(&format!("the {} declared in {}", d.kind.keyword(), ws.files.path(d.file)));
                    }
                }
            }
        }
        Ok(())
    }

    /// `remove STAGE` in scenarios over the stage's journey: the model records only the steps a
    /// `remove` names as references, so the stages are found here.
    fn stage_removals(&self, target: Target, id: &str) -> Vec<Span> {
        let src = self.checked().files();
        let Target::Stage(journey, _) = target else { return Vec::new() };
        let model = self.model();
        let mut out = Vec::new();
        for scenario in model.scenarios.iter().filter(|s| s.baseline == Some(journey)) {
            let Some(ast) = self.ast(scenario.decl.file) else { continue };
            let Some(item) = ast.items.iter().find(|i| i.kind == ItemKind::Scenario && i.span == scenario.decl.span)
            else {
                continue;
            };
            for member in item.members() {
                if let Member::Removal(removal) = member {
                    if removal.to.is_none() && removal.name.text(src) == id {
                        out.push(removal.name.span);
                    }
                }
            }
        }
        out
    }
}

/// An id must read as one identifier, and not as a keyword.
fn check_identifier(name: &str) -> Result<(), String> {
    let (lexed, errors) = lex(FileId(0), name);
    match lexed.tokens.as_slice() {
        [Token::Ident]
            if errors.is_empty()
                && lexed.spans.first().is_some_and(|s| s.start == 0 && s.end as usize == name.len()) =>
        {
            Ok(())
        }
        [token]
            if token.is_item_keyword() || matches!(token, Token::At | Token::On | Token::Remove | Token::Import) =>
        {
            Err(format!("`{name}` is a keyword and cannot be an id"))
        }
        _ => Err(format!("`{name}` is not an id: an id is a letter or `_`, then letters, digits and `_`")),
    }
}

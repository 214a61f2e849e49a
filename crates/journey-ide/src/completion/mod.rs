//! Completion that knows where it is. The context is read from the tokens before the cursor,
//! so it works in a file that does not parse yet: after `at` only touchpoints, after `lane:`
//! only lanes, after `->` the steps of the journey being written, at the start of a member the
//! fields the item may still take, its nested items and (in an experience) the metrics; at the
//! top of a file the item snippets. The names offered are those the file can see: its own, its
//! imports', and, inside a scenario, the scenario's own.

mod context;
mod items;

use journey_diagnostics::{FileId, Span};
use journey_model::ir::{Journey, Origin};
use journey_model::schema::{self, Metric, RefKind, ValueType};
use journey_syntax::ast::{ItemKind, SmolStr};
use journey_syntax::lexer::Token;

use crate::Analysis;
use crate::hover::field_owner;
use context::{Context, context, item_kind};
use items::Completions;

/// What a completion inserts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    /// The id of a declared item of this kind.
    Reference(ItemKind),
    Field,
    Keyword,
    /// A new item, written out with placeholders.
    Snippet,
    Metric,
    /// A word or flag a field takes (`web`, `true`, `month`).
    Value,
}

/// One proposal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    /// The text to insert; with `snippet`, in the snippet syntax editors share (`${1:id}`).
    pub insert: String,
    pub snippet: bool,
    /// The word being typed, which the insert replaces.
    pub replace: Span,
}

impl CompletionItem {
    /// The insert without snippet placeholders, for editors that take plain text only.
    pub fn plain_insert(&self) -> String {
        if !self.snippet {
            return self.insert.clone();
        }
        let mut out = String::new();
        let mut rest = self.insert.as_str();
        while let Some(dollar) = rest.find('$') {
            out.push_str(rest.get(..dollar).unwrap_or(""));
            let after = rest.get(dollar + 1..).unwrap_or("");
            if let Some(body) = after.strip_prefix('{') {
                let close = body.find('}').unwrap_or(body.len());
                let inner = body.get(..close).unwrap_or("");
                // `${1:default}` gives its default, `${1|a,b|}` its first choice.
                let default = match inner.split_once(':') {
                    Some((_, default)) => default,
                    None => inner.split('|').nth(1).and_then(|c| c.split(',').next()).unwrap_or(""),
                };
                out.push_str(default);
                rest = body.get(close + 1..).unwrap_or("");
            } else {
                let digits = after.chars().take_while(char::is_ascii_digit).count();
                rest = after.get(digits..).unwrap_or("");
            }
        }
        out.push_str(rest);
        out
    }
}

impl Analysis {
    /// The completions at `offset` in `file`.
    pub fn completions(&self, file: FileId, offset: u32) -> Vec<CompletionItem> {
        let offset = self.clamp(file, offset);
        if self.ast(file).is_none() {
            // `journey.toml`, or a file that could not be read.
            return Vec::new();
        }
        // The tokens of the top-level item at the cursor say where it is; lexing from there
        // keeps completion fast at the end of a long file. Text the parser could not place in
        // an item lies between items, so it is read too.
        let from = self.ast(file).map_or(0, |ast| {
            let before = ast.items.partition_point(|i| i.span.start <= offset);
            match before.checked_sub(1).and_then(|i| ast.items.get(i)) {
                Some(item) if offset <= item.span.end => item.span.start,
                Some(item) => item.span.end,
                None => 0,
            }
        });
        let Some(cx) = context(file, self.text(file), from, offset) else {
            return Vec::new();
        };
        let mut out = Completions { items: Vec::new(), replace: cx.replace };
        let last = cx.tokens.last().map(|(t, _)| *t);
        match last {
            Some(Token::At) => self.visible_ids(&mut out, file, &cx, ItemKind::Touchpoint, &[]),
            Some(Token::On) => self.visible_ids(&mut out, file, &cx, ItemKind::Journey, &[]),
            Some(Token::Arrow) => self.steps(&mut out, file, &cx),
            Some(Token::Remove) => self.removable(&mut out, file, &cx),
            Some(Token::Slash) => {
                for (_, period) in journey_model::ir::Period::ALL {
                    out.value(period, None);
                }
            }
            Some(Token::Key | Token::Comma) => self.field_value(&mut out, file, &cx),
            Some(Token::Le | Token::Ge | Token::Lt | Token::Gt | Token::EqEq) => {}
            Some(keyword) if item_kind(keyword).is_some() => self.overridable(&mut out, file, &cx, keyword),
            _ => self.member_start(&mut out, file, &cx),
        }
        out.items
    }

    /// The ids of items of `kind` that the cursor's place can see.
    fn visible_ids(&self, out: &mut Completions, file: FileId, cx: &Context, kind: ItemKind, skip: &[&str]) {
        let model = self.model();
        let visible = self.checked.workspace.visible_files(file);
        let scenario = self.enclosing_scenario(file, cx);
        let mut seen: Vec<&str> = skip.to_vec();
        for target in model.targets() {
            let Some(decl) = model.decl(target) else { continue };
            let fits = match decl.origin {
                Origin::Base => visible.contains(&decl.file),
                Origin::Scenario(s) => Some(s) == scenario,
            };
            if decl.kind != kind || !fits || seen.contains(&decl.id.as_str()) {
                continue;
            }
            seen.push(&decl.id);
            out.reference(decl, self);
        }
    }

    /// The steps of the journey (or scenario) the cursor is in.
    fn steps(&self, out: &mut Completions, file: FileId, cx: &Context) {
        let Some((_, journey)) = self.enclosing_journey(file, cx) else { return };
        for step in &journey.steps {
            out.reference(&step.decl, self);
        }
    }

    /// After `remove`: the baseline's steps and stages.
    fn removable(&self, out: &mut Completions, file: FileId, cx: &Context) {
        let Some((_, journey)) = self.baseline(file, cx) else { return };
        for stage in &journey.stages {
            out.reference(&stage.decl, self);
        }
        for step in &journey.steps {
            out.reference(&step.decl, self);
        }
    }

    /// After `step` or `touchpoint` inside a scenario: the baseline items it may change.
    fn overridable(&self, out: &mut Completions, file: FileId, cx: &Context, keyword: Token) {
        let Some(kind) = item_kind(keyword) else { return };
        if cx.stack.first().is_none_or(|f| f.kind != Some(ItemKind::Scenario)) {
            return;
        }
        match kind {
            ItemKind::Step | ItemKind::Stage => {
                let Some((_, journey)) = self.baseline(file, cx) else { return };
                if kind == ItemKind::Step {
                    for step in &journey.steps {
                        out.reference(&step.decl, self);
                    }
                } else {
                    for stage in &journey.stages {
                        out.reference(&stage.decl, self);
                    }
                }
            }
            kind if kind.is_top_level() => self.visible_ids(out, file, cx, kind, &[]),
            _ => {}
        }
    }

    /// After `field:` or a comma in its list.
    fn field_value(&self, out: &mut Completions, file: FileId, cx: &Context) {
        // Back over `a, b,` to the field name.
        let mut written = Vec::new();
        let mut key = None;
        for (token, text) in cx.tokens.iter().rev() {
            match token {
                Token::Key => {
                    key = Some(text.trim_end_matches(':'));
                    break;
                }
                Token::Comma => {}
                Token::Ident | Token::String => written.push(*text),
                _ => return,
            }
        }
        let (Some(key), Some(kind)) = (key, cx.stack.last().and_then(|f| f.kind)) else { return };
        let Some(spec) = schema::field(field_owner(kind), key) else { return };
        let start = out.items.len();
        match spec.ty {
            ValueType::Ref(RefKind::Step) | ValueType::RefList(RefKind::Step) => self.steps(out, file, cx),
            ValueType::Ref(k) | ValueType::RefList(k) => {
                // A journey is not compared with itself.
                if let Some(own) = cx.stack.last().and_then(|f| f.name.as_deref()).filter(|_| k == RefKind::Journey) {
                    written.push(own);
                }
                self.visible_ids(out, file, cx, k.item_kind(), &written)
            }
            ValueType::Recovery => {
                self.steps(out, file, cx);
                self.visible_ids(out, file, cx, ItemKind::Procedure, &[]);
            }
            ValueType::Bool => {
                out.value("true", None);
                out.value("false", None);
            }
            ValueType::Word => {
                for word in self.words(kind, key) {
                    out.value(&word, None);
                }
            }
            ValueType::TextList if key == "logged_as" => {
                // The activities the step matches without `logged_as:`: its label and its id,
                // a start for writing the log's own names.
                let mut seen: std::collections::BTreeSet<String> = written.iter().map(|w| w.to_string()).collect();
                let journey = cx.stack.iter().rev().nth(1).and_then(|f| f.name.as_deref());
                let step = cx.stack.last().and_then(|f| f.name.as_deref());
                let found = self
                    .model()
                    .journeys
                    .iter()
                    .filter(|j| Some(j.decl.id.as_str()) == journey)
                    .flat_map(|j| &j.steps)
                    .find(|s| Some(s.decl.id.as_str()) == step);
                if let Some(step) = found {
                    for name in [step.decl.label.as_str(), step.decl.id.as_str()] {
                        let quoted = journey_syntax::lexer::quote(name);
                        if seen.insert(quoted.clone()) {
                            out.value(&quoted, Some("an activity the step matches by default".into()));
                        }
                    }
                }
            }
            ValueType::TextList if key == "actors" => {
                // The names other steps give, quoted as written, each once.
                let mut seen: std::collections::BTreeSet<String> = written.iter().map(|w| w.to_string()).collect();
                let steps = self.model().journeys.iter().flat_map(|j| &j.steps);
                for actor in steps.flat_map(|s| &s.actors) {
                    let quoted = journey_syntax::lexer::quote(&actor.text);
                    if seen.insert(quoted.clone()) {
                        out.value(&quoted, Some("an actor named at another step".into()));
                    }
                }
            }
            _ => {}
        }
        if cx.glued {
            for item in out.items.iter_mut().skip(start) {
                item.insert.insert(0, ' ');
            }
        }
    }

    /// Words already used for a free-word field, and the usual ones.
    fn words(&self, kind: ItemKind, key: &str) -> Vec<String> {
        let model = self.model();
        let (used, usual): (Vec<Option<&SmolStr>>, &[&str]) = match (kind, key) {
            (ItemKind::Touchpoint, "channel") => (
                model.touchpoints.iter().map(|t| t.channel.as_ref()).collect(),
                &["web", "app", "phone", "email", "mail", "chat", "social", "branch", "store", "delivery", "in_person"],
            ),
            (ItemKind::System, "kind") => (
                model.systems.iter().map(|s| s.kind.as_ref()).collect(),
                &["erp", "crm", "accounting", "ecommerce", "facility"],
            ),
            (ItemKind::Procedure, "kind") => {
                (model.procedures.iter().map(|p| p.kind.as_ref()).collect(), &["policy", "process", "rule"])
            }
            (ItemKind::Step, "intent") => (
                model.journeys.iter().flat_map(|j| j.steps.iter().map(|s| s.intent.as_ref())).collect(),
                &["enquiry", "status", "complaint"],
            ),
            _ => (Vec::new(), &[]),
        };
        let mut words: Vec<String> = used.into_iter().flatten().map(SmolStr::to_string).collect();
        words.extend(usual.iter().map(|w| w.to_string()));
        let mut seen = std::collections::HashSet::new();
        words.retain(|w| seen.insert(w.clone()));
        words
    }

    /// At the start of a member: what the enclosing item may hold next.
    fn member_start(&self, out: &mut Completions, file: FileId, cx: &Context) {
        if let Some(header) = &cx.header {
            match header.kind {
                ItemKind::Step if !header.at && header.name.is_some() => {
                    out.keyword("at", "at ", "where the step happens: a touchpoint")
                }
                ItemKind::Scenario if header.on.is_none() && header.name.is_some() => {
                    out.keyword("on", "on ", "the journey the scenario changes")
                }
                _ => {}
            }
        }
        let Some(frame) = cx.stack.last() else {
            out.snippet("import", "import \"${1:catalog.journey}\"", "import the items of another file");
            for kind in ItemKind::ALL.into_iter().filter(|k| ItemKind::may_contain(None, *k)) {
                out.item_snippet(kind);
            }
            return;
        };
        let Some(kind) = frame.kind else { return };
        for spec in schema::fields(field_owner(kind)) {
            if spec.repeatable || !frame.fields.iter().any(|f| f == spec.name) {
                out.field(kind, spec);
            }
        }
        for child in ItemKind::ALL.into_iter().filter(|k| ItemKind::may_contain(Some(kind), *k)) {
            out.item_snippet(child);
        }
        match kind {
            ItemKind::Experience => {
                for (_, name, ty, doc) in Metric::ALL {
                    out.items.push(CompletionItem {
                        label: name.to_string(),
                        kind: CompletionKind::Metric,
                        detail: Some(format!("target: {}", ty.describe())),
                        documentation: Some(format!("The {doc}.")),
                        insert: format!("{name} ${{1|<=,>=,<,>,==|}} ${{2:{}}}", ty.example()),
                        snippet: true,
                        replace: out.replace,
                    });
                }
            }
            ItemKind::Journey | ItemKind::Stage => self.steps(out, file, cx),
            ItemKind::Scenario => {
                out.snippet("remove", "remove ${1:step}", "take a step, a stage or a flow out of the baseline");
                self.steps(out, file, cx);
            }
            _ => {}
        }
    }

    /// The scenario the cursor is in, by the outermost block's header.
    fn enclosing_scenario(&self, file: FileId, cx: &Context) -> Option<journey_model::ir::ScenarioId> {
        let frame = cx.stack.first().filter(|f| f.kind == Some(ItemKind::Scenario))?;
        let name = frame.name.as_deref()?;
        let index = self.model().scenarios.iter().position(|s| s.decl.id == name && s.decl.file == file)?;
        Some(journey_model::ir::ScenarioId(index as u32))
    }

    /// The journey whose steps the cursor's flows and recoveries name: the journey being
    /// written, or a scenario's version of its baseline.
    fn enclosing_journey(&self, file: FileId, cx: &Context) -> Option<(journey_model::ir::JourneyId, &Journey)> {
        let model = self.model();
        let frame = cx.stack.first()?;
        match frame.kind? {
            ItemKind::Journey => {
                let name = frame.name.as_deref()?;
                model.base_journeys().find(|(_, j)| j.decl.id == name && j.decl.name_span.file == file)
            }
            ItemKind::Scenario => {
                let scenario = self.enclosing_scenario(file, cx).and_then(|s| model.scenarios.get(s.index()));
                match scenario.and_then(|s| s.journey) {
                    Some(id) => model.journey(id).map(|j| (id, j)),
                    None => self.baseline(file, cx),
                }
            }
            _ => None,
        }
    }

    /// The baseline of the scenario the cursor is in.
    fn baseline(&self, file: FileId, cx: &Context) -> Option<(journey_model::ir::JourneyId, &Journey)> {
        let model = self.model();
        if let Some(id) = self.enclosing_scenario(file, cx).and_then(|s| model.scenarios.get(s.index())?.baseline) {
            return model.journey(id).map(|j| (id, j));
        }
        let on = cx.stack.first().filter(|f| f.kind == Some(ItemKind::Scenario))?.on.as_deref()?;
        let visible = self.checked.workspace.visible_files(file);
        model.base_journeys().find(|(_, j)| j.decl.id == on && visible.contains(&j.decl.file))
    }
}

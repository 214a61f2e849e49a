//! A Mermaid `journey` diagram as a journey, read line by line the way Mermaid's own lexer reads
//! it: keywords in any case, `%%` and `#` start comments, a task is `Name: score: actors`.
//!
//! - `title` (or the front matter's `title:`) is the journey's label; `accDescr` its
//!   description; `accTitle` is kept as a comment.
//! - A `section` is a stage, a task a step. Tasks before the first section are steps outside any
//!   stage, and so are the tasks of a lone section named like the title (which is how journey's
//!   own export writes a journey without stages).
//! - The score, 1 (worst) to 5 (best), becomes the step's emotion, score − 3 (−2..+2); a score
//!   outside 1..5 is brought to the nearest end.
//! - The actors become the step's `actors:`.
//! - Mermaid has no touchpoints: every step says `alone: true`, and the file's header comment
//!   says to replace it with `at TOUCHPOINT` where the step happens at one.
//!
//! Whatever else a line holds is kept as a comment, with a diagnostic.

use journey_diagnostics::{Code, Diagnostic, Span};

use crate::draft::{Draft, Journey, Named, Part, Step, too_long};
use crate::{ImportOptions, Imported, values};

/// The header comment of every Mermaid import: where the emotions come from.
const HEADER: &[&str] = &[
    "Imported from a Mermaid journey diagram: each task's score (1 to 5) is its step's emotion, score - 3 (-2 to +2).",
    "Mermaid names no touchpoints, so every step says `alone: true`: where a step happens at a touchpoint, write `at TOUCHPOINT` instead.",
];

pub fn import(text: &str, options: &ImportOptions) -> Imported {
    let mut reader = Reader::new(text, options);
    let mut lines = lines(text).peekable();
    // Front matter: `---`, YAML, `---`, before the diagram.
    if lines.peek().is_some_and(|(_, l)| l.trim_end() == "---") {
        lines.next();
        for (_, line) in lines.by_ref() {
            if line.trim_end() == "---" {
                break;
            }
            match line.strip_prefix("title:") {
                Some(title) => reader.front_title = Some(title.trim().trim_matches(['"', '\'']).to_string()),
                None if !line.trim().is_empty() => reader.header.push(format!("front matter: {}", line.trim())),
                None => {}
            }
        }
    }
    for (_, line) in lines {
        reader.line(line);
        if reader.failed {
            return (String::new(), reader.diagnostics);
        }
    }
    if !reader.seen_journey {
        let span = Span::new(options.file, 0..0);
        reader.diagnostics.push(
            Diagnostic::new(Code::NotImportable, span, "no Mermaid diagram here")
                .with_label("expected `journey`")
                .with_help("a Mermaid user-journey diagram starts with the word `journey`"),
        );
        return (String::new(), reader.diagnostics);
    }
    reader.finish()
}

/// The lines of `text`, each with the byte offset where it starts, without its line break.
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    text.split('\n').map(move |line| {
        let at = start;
        start += line.len() + 1;
        (at, line.strip_suffix('\r').unwrap_or(line))
    })
}

struct Reader<'o> {
    /// The whole input: every piece the reader looks at is a slice of it.
    text: &'o str,
    options: &'o ImportOptions,
    diagnostics: Vec<Diagnostic>,
    header: Vec<String>,
    front_title: Option<String>,
    title: Option<String>,
    description: Vec<String>,
    seen_journey: bool,
    failed: bool,
    /// Inside `accDescr { … }`.
    in_description: bool,
    /// Parts before the first section.
    loose: Vec<Part>,
    sections: Vec<(String, Vec<Part>)>,
    tasks: usize,
}

/// `line` starts with the keyword `word` (in any case) followed by `then` (or, when `then` is
/// `None`, by white space): the rest after it.
fn keyword<'l>(line: &'l str, word: &str, then: Option<char>) -> Option<&'l str> {
    let head = line.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    let rest = line.get(word.len()..)?;
    match then {
        None => rest.starts_with(char::is_whitespace).then_some(rest),
        Some(c) => rest.trim_start().strip_prefix(c),
    }
}

impl<'o> Reader<'o> {
    fn new(text: &'o str, options: &'o ImportOptions) -> Self {
        Reader {
            text,
            options,
            diagnostics: Vec::new(),
            header: Vec::new(),
            front_title: None,
            title: None,
            description: Vec::new(),
            seen_journey: false,
            failed: false,
            in_description: false,
            loose: Vec::new(),
            sections: Vec::new(),
            tasks: 0,
        }
    }

    /// Where `piece`, a slice of the input, stands in it (trimmed of white space).
    fn span(&self, piece: &str) -> Span {
        let piece = piece.trim();
        let from = (piece.as_ptr() as usize).wrapping_sub(self.text.as_ptr() as usize).min(self.text.len());
        let to = (from + piece.len()).min(self.text.len());
        let offset = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Span::new(self.options.file, offset(from)..offset(to))
    }

    fn parts(&mut self) -> &mut Vec<Part> {
        match self.sections.last_mut() {
            Some((_, parts)) => parts,
            None => &mut self.loose,
        }
    }

    /// Keeps `line` as a comment where it stood, and says so.
    fn unknown(&mut self, line: &str, why: &str, help: &str) {
        let span = self.span(line);
        self.diagnostics.push(
            Diagnostic::new(Code::UnknownImportInput, span, why.to_string())
                .with_label("kept as a comment")
                .with_help(help.to_string()),
        );
        let kept = format!("not imported: {}", line.trim());
        if self.seen_journey {
            self.parts().push(Part::Comment(kept));
        } else {
            self.header.push(kept);
        }
    }

    fn line(&mut self, line: &str) {
        let mut line = line;
        if self.in_description {
            match line.split_once('}') {
                Some((text, rest)) => {
                    self.description.push(text.trim().to_string());
                    self.in_description = false;
                    line = rest;
                }
                None => {
                    self.description.push(line.trim().to_string());
                    return;
                }
            }
        }
        let trimmed = line.trim();
        // The accessible title and description take the whole rest of the line.
        if let Some(rest) = keyword(trimmed, "accTitle", Some(':')) {
            self.description_comment(format!("accTitle: {}", rest.trim()));
            return;
        }
        if let Some(rest) = keyword(trimmed, "accDescr", Some(':')) {
            self.description.push(rest.trim().to_string());
            return;
        }
        if let Some(rest) = keyword(trimmed, "accDescr", Some('{')) {
            match rest.split_once('}') {
                Some((text, _)) => self.description.push(text.trim().to_string()),
                None => {
                    self.description.push(rest.trim().to_string());
                    self.in_description = true;
                }
            }
            return;
        }
        let code = strip_comment(trimmed).trim();
        if code.is_empty() {
            return;
        }
        if !self.seen_journey {
            let word: String = code.chars().take_while(|c| !c.is_whitespace()).collect();
            if !word.eq_ignore_ascii_case("journey") {
                let span = self.span(line);
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::NotImportable,
                        span,
                        format!("this is not a Mermaid journey diagram: it starts with `{}`", cut(&word, 40)),
                    )
                    .with_label("expected `journey`")
                    .with_help(
                        "`journey import mermaid` reads Mermaid's user-journey diagrams, which start with `journey`",
                    ),
                );
                self.failed = true;
                return;
            }
            self.seen_journey = true;
            let rest = code.get(word.len()..).unwrap_or("").trim();
            if !rest.is_empty() {
                self.statement(rest);
            }
            return;
        }
        self.statement(code);
    }

    fn description_comment(&mut self, text: String) {
        if self.seen_journey {
            self.parts().push(Part::Comment(text));
        } else {
            self.header.push(text);
        }
    }

    /// One statement: a title, a section or a task (comments already taken off).
    fn statement(&mut self, code: &str) {
        let (code, after) = match code.split_once(';') {
            Some((code, after)) => (code.trim(), Some(after)),
            None => (code, None),
        };
        if let Some(rest) = keyword(code, "title", None) {
            self.title = Some(rest.trim().to_string());
        } else if let Some(rest) = keyword(code, "section", None) {
            let (name, extra) = match rest.split_once(':') {
                Some((name, extra)) => (name, Some(extra)),
                None => (rest, None),
            };
            self.sections.push((name.trim().to_string(), Vec::new()));
            if let Some(extra) = extra {
                let help = "a section's name ends at `:`; Mermaid itself rejects this line";
                let extra = code.get(code.len() - extra.len() - 1..).unwrap_or(extra);
                self.unknown(extra, "a section name cannot hold `:`", help);
            }
        } else {
            self.task(code);
        }
        if let Some(after) = after.filter(|a| !a.trim().is_empty()) {
            self.unknown(after, "Mermaid does not read what follows `;`", "put each statement on a line of its own");
        }
    }

    fn task(&mut self, code: &str) {
        let Some((name, data)) = code.split_once(':') else {
            let help = "a task is written `Name: score: actors`, e.g. `Make tea: 5: Me`";
            self.unknown(code, "a line that is neither a title, a section nor a task", help);
            return;
        };
        self.tasks += 1;
        let mut pieces = data.split(':');
        let score_text = pieces.next().unwrap_or("").trim();
        let actors: Vec<String> = pieces
            .next()
            .map(|a| a.split(',').map(str::trim).filter(|a| !a.is_empty()).map(String::from).collect())
            .unwrap_or_default();
        let extra: Vec<&str> = pieces.collect();
        let name = name.trim().trim_start_matches('\u{200b}').trim();
        let label = if name.is_empty() {
            let span = self.span(code);
            self.diagnostics.push(
                Diagnostic::new(Code::MissingImportValue, span, format!("task {} has no name", self.tasks))
                    .with_label("no name before `:`")
                    .with_help("write the task's name before its score: `Make tea: 5: Me`"),
            );
            format!("Task {}", self.tasks)
        } else {
            name.to_string()
        };
        let mut step = Step { label, actors, alone: true, ..Step::default() };
        step.emotion = self.score(score_text, if score_text.is_empty() { code } else { score_text }, &step.label);
        if step.emotion.is_none() && !score_text.is_empty() {
            step.comments.push(format!("score: {score_text}"));
        }
        if !extra.is_empty() {
            let span = self.span(code);
            self.diagnostics.push(
                Diagnostic::new(
                    Code::UnknownImportInput,
                    span,
                    format!("task `{}` has more after its actors", cut(&step.label, 60)),
                )
                .with_label("kept as a comment")
                .with_help("a task is `Name: score: actors`; Mermaid ignores anything after a third `:`"),
            );
            step.comments.push(format!("not imported: :{}", extra.join(":")));
        }
        if too_long(&step.label) {
            let span = self.span(code);
            self.diagnostics.push(
                Diagnostic::new(Code::InvalidImportValue, span, "the task's name is longer than a label may be")
                    .with_label("cut short")
                    .with_help("shorten the name; journey's strings hold 10,000 characters"),
            );
        }
        self.parts().push(Part::Step(step));
    }

    /// The emotion of a task's score as written (`text`); `at` is where a diagnostic points.
    fn score(&mut self, text: &str, at: &str, task: &str) -> Option<f64> {
        let span = self.span(at);
        let task = cut(task, 60);
        if text.is_empty() {
            self.diagnostics.push(
                Diagnostic::new(Code::MissingImportValue, span, format!("task `{task}` has no score"))
                    .with_label("no score")
                    .with_help("give a score from 1 (worst) to 5 (best): `Make tea: 5: Me`"),
            );
            return None;
        }
        let Some(score) = values::number(text) else {
            self.diagnostics.push(
                Diagnostic::new(Code::InvalidImportValue, span, format!("the score of task `{task}` is not a number"))
                    .with_label(format!("`{}`", cut(text, 40)))
                    .with_help("a score is a number from 1 (worst) to 5 (best)"),
            );
            return None;
        };
        if !(1.0..=5.0).contains(&score) {
            let kept = score.clamp(1.0, 5.0);
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidImportValue,
                    span,
                    format!("the score of task `{task}` is outside Mermaid's 1 to 5"),
                )
                .with_label(format!("read as {kept}"))
                .with_help("a score is a number from 1 (worst) to 5 (best)"),
            );
        }
        Some(score.clamp(1.0, 5.0) - 3.0)
    }

    fn finish(mut self) -> Imported {
        let mut draft = Draft::default();
        draft.header.extend(HEADER.iter().map(|h| h.to_string()));
        draft.header.append(&mut self.header);
        let title = self.title.clone().or(self.front_title.clone()).filter(|t| !t.is_empty());
        let label = title.clone().or(self.options.name.clone()).unwrap_or_else(|| "Imported journey".into());
        let id = draft.id(&label, "journey");
        // A lone section named like the title holds the steps of a journey without stages.
        if let ([(name, parts)], Some(title)) = (self.sections.as_mut_slice(), &title) {
            if name == title {
                self.loose.append(parts);
                self.sections.clear();
            }
        }
        let mut parts = self.loose;
        for (name, stage_parts) in self.sections {
            let stage = Named { id: draft.id(&name, "stage"), label: name };
            parts.push(Part::Stage(stage, stage_parts));
        }
        name_steps(&mut draft, &mut parts);
        let description = self.description.iter().any(|d| !d.is_empty()).then(|| self.description.join("\n"));
        draft.journeys.push(Journey { name: Named { id, label }, description, parts });
        (draft.render(), self.diagnostics)
    }
}

/// Gives every step its id, in the order of the file.
pub fn name_steps(draft: &mut Draft, parts: &mut [Part]) {
    for part in parts {
        match part {
            Part::Step(step) => step.id = draft.id(&step.label, "step"),
            Part::Stage(_, inner) => name_steps(draft, inner),
            Part::Comment(_) => {}
        }
    }
}

/// The line without its comment: Mermaid's lexer skips from `%%` or `#` to the end of the line.
fn strip_comment(line: &str) -> &str {
    let end = [line.find("%%"), line.find('#')].into_iter().flatten().min().unwrap_or(line.len());
    line.get(..end).unwrap_or(line)
}

/// At most `n` characters of `text`, for messages.
pub fn cut(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(n).collect::<String>())
    }
}

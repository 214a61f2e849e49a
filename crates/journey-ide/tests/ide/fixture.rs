//! Fixtures: one or more files in one text, each after a `//- name` line (a single file needs
//! none), checked as a workspace rooted at `/ws`; `$0` marks the cursor (at most one), and a
//! second `$0` in the same file marks the end of a selection. Results are drawn under the
//! source with `^^^` markers.

use std::path::{Path, PathBuf};

use journey_diagnostics::{Edit, FileId, Span};
use journey_ide::{Analysis, AnalysisInput};
use journey_model::{CheckOptions, MemoryLoader};

pub struct Fixture {
    pub analysis: Analysis,
    /// The file with the cursor (the first file when there is none).
    pub file: FileId,
    pub offset: u32,
    /// A second `$0`: the end of a selection.
    pub end: Option<u32>,
}

pub const ROOT: &str = "/ws";

pub fn fixture(text: &str) -> Fixture {
    let mut files: Vec<(String, String)> = Vec::new();
    if text.trim_start().starts_with("//- ") {
        for chunk in text.trim_start().split("//- ").filter(|c| !c.is_empty()) {
            let (name, body) = chunk.split_once('\n').unwrap_or((chunk, ""));
            files.push((name.trim().to_string(), body.to_string()));
        }
    } else {
        files.push(("main.journey".to_string(), text.to_string()));
    }
    let mut cursor: Option<(String, u32, Option<u32>)> = None;
    let mut loader = MemoryLoader::default();
    let mut roots = Vec::new();
    let mut config = None;
    for (name, body) in &files {
        let mut clean = body.clone();
        let mut marks = Vec::new();
        while let Some(at) = clean.find("$0") {
            marks.push(at as u32);
            clean.replace_range(at..at + 2, "");
        }
        if let Some(&first) = marks.first() {
            cursor = Some((name.clone(), first, marks.get(1).copied()));
        }
        let path = Path::new(ROOT).join(name);
        if name == "journey.toml" {
            config = Some((name.clone(), clean.clone()));
            continue;
        }
        loader = loader.with(path.clone(), clean);
        roots.push(path);
    }
    let config_path = config.as_ref().map(|_| PathBuf::from(ROOT).join("journey.toml"));
    let input = AnalysisInput { roots, options: CheckOptions { root_dir: ROOT.into(), config }, config_path };
    let analysis = Analysis::check(&loader, &input);
    let (name, offset, end) = cursor.unwrap_or_else(|| (files[0].0.clone(), 0, None));
    let file = analysis.file(&Path::new(ROOT).join(&name)).expect("the cursor's file is loaded");
    Fixture { analysis, file, offset, end }
}

impl Fixture {
    pub fn text(&self, file: FileId) -> &str {
        &self.analysis.source(file).expect("file").text
    }

    pub fn name(&self, file: FileId) -> String {
        let path = self.analysis.path(file).expect("path");
        path.strip_prefix(ROOT).unwrap_or(path).display().to_string()
    }

    /// Every journey file of the fixture, drawn with the marks that fall in it.
    pub fn annotate_all(&self, marks: &[(Span, String)]) -> String {
        let mut out = String::new();
        for file in self.analysis.files() {
            if self.analysis.path(file).is_none_or(|p| p.extension().is_none_or(|e| e != "journey")) {
                continue;
            }
            let in_file: Vec<(u32, u32, String)> =
                marks.iter().filter(|(s, _)| s.file == file).map(|(s, l)| (s.start, s.end, l.clone())).collect();
            out.push_str(&format!("--- {}\n", self.name(file)));
            out.push_str(&annotate(self.text(file), &in_file));
        }
        out
    }

    /// The text of every file after `edits`, each file that changed under a header.
    pub fn apply(&self, edits: &[Edit]) -> String {
        let mut out = String::new();
        for file in self.analysis.files() {
            let mut mine: Vec<&Edit> = edits.iter().filter(|e| e.span.file == file).collect();
            if mine.is_empty() {
                continue;
            }
            mine.sort_by_key(|e| std::cmp::Reverse(e.span.start));
            let mut text = self.text(file).to_string();
            for edit in mine {
                text.replace_range(edit.span.range(), &edit.replacement);
            }
            out.push_str(&format!("--- {}\n{text}", self.name(file)));
        }
        out
    }
}

/// The source with a line of `^` under each mark (its first line, for a mark over several).
pub fn annotate(text: &str, marks: &[(u32, u32, String)]) -> String {
    let mut out = String::new();
    let mut line_start = 0usize;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        let line_end = line_start + content.len();
        out.push_str(content);
        out.push('\n');
        let mut here: Vec<&(u32, u32, String)> =
            marks.iter().filter(|(s, _, _)| (*s as usize) >= line_start && (*s as usize) <= line_end).collect();
        here.sort_by_key(|(s, e, _)| (*s, *e));
        for (start, end, label) in here {
            let col = text[line_start..*start as usize].chars().count();
            let stop = (*end as usize).min(line_end).max(*start as usize);
            let width = text[*start as usize..stop].chars().count().max(1);
            let more = if (*end as usize) > line_end { "…" } else { "" };
            out.push_str(&format!("{}{}{more} {label}\n", " ".repeat(col), "^".repeat(width)));
        }
        line_start += line.len();
    }
    out
}

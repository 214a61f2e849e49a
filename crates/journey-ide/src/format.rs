//! Formatting with the formatter of `journey fmt`, on the same terms: a file that does not
//! parse cleanly is left alone, since its tree has lost text.

use journey_diagnostics::{Edit, FileId, Span};
use journey_syntax::{ParseOptions, format::format, parse};

use crate::Analysis;

impl Analysis {
    /// The edit that puts `file` in the canonical layout: `None` when the file does not parse
    /// (nothing may be changed), an empty list when it is formatted already.
    pub fn format(&self, file: FileId) -> Option<Vec<Edit>> {
        self.ast(file)?;
        let text = self.text(file);
        let (ast, diagnostics) = parse(text, ParseOptions { file });
        if !diagnostics.is_empty() {
            return None;
        }
        let formatted = format(text, &ast);
        Some(minimal_edit(file, text, &formatted).into_iter().collect())
    }
}

/// One edit that replaces only what differs between `old` and `new` (their common start and
/// end kept), so that the editor keeps the cursor and the undo history small.
pub(crate) fn minimal_edit(file: FileId, old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    // Neither end may split a character, nor a `\r\n` (one line break to the client, so no
    // position lies between its two bytes).
    let splits = |text: &str, at: usize| {
        !text.is_char_boundary(at) || (at > 0 && text.as_bytes().get(at - 1..=at) == Some(b"\r\n"))
    };
    let mut prefix = old.bytes().zip(new.bytes()).take_while(|(a, b)| a == b).count();
    while splits(old, prefix) || splits(new, prefix) {
        prefix -= 1;
    }
    let max_suffix = old.len().min(new.len()) - prefix;
    let mut suffix = old.bytes().rev().zip(new.bytes().rev()).take(max_suffix).take_while(|(a, b)| a == b).count();
    while splits(old, old.len() - suffix) || splits(new, new.len() - suffix) {
        suffix -= 1;
    }
    let replacement = new.get(prefix..new.len() - suffix)?.to_string();
    Some(Edit { span: Span::new(file, prefix as u32..(old.len() - suffix) as u32), replacement })
}

//! Positions between the core's byte offsets and LSP's lines and columns, in the encoding the
//! client and server agreed on (UTF-16 unless the client offers UTF-8). All conversion goes
//! through `journey_diagnostics::LineIndex`.

use journey_diagnostics::{LineCol, LineIndex, SourceFile};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range, TextDocumentContentChangeEvent};

/// How columns are counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (it saves counting), else LSP's default.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// A text and its line index: what positions are counted in.
#[derive(Clone, Copy)]
pub struct Text<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
}

impl<'a> From<&'a SourceFile> for Text<'a> {
    fn from(file: &'a SourceFile) -> Self {
        Text { text: &file.text, lines: &file.lines }
    }
}

impl Text<'_> {
    /// The byte offset of a position, clamped to its line and to the text: a client's position
    /// past the end of a line or of the file is not an error.
    pub fn offset(self, position: Position, encoding: Encoding) -> u32 {
        let at = LineCol { line: position.line, col: position.character };
        match encoding {
            Encoding::Utf16 => self.lines.offset_utf16(self.text, at),
            Encoding::Utf8 => self.lines.offset_utf8(self.text, at),
        }
    }

    pub fn position(self, offset: u32, encoding: Encoding) -> Position {
        let offset = offset.min(self.text.len() as u32);
        let at = match encoding {
            Encoding::Utf16 => self.lines.utf16(self.text, offset),
            Encoding::Utf8 => self.lines.utf8(offset),
        };
        Position { line: at.line, character: at.col }
    }

    pub fn range(self, start: u32, end: u32, encoding: Encoding) -> Range {
        Range { start: self.position(start, encoding), end: self.position(end, encoding) }
    }
}

/// Applies one `textDocument/didChange` content change to a document's text and line index:
/// the whole text, or a range (clamped, and never splitting a character) replaced.
pub fn apply_change(
    text: &mut String,
    lines: &mut LineIndex,
    change: &TextDocumentContentChangeEvent,
    encoding: Encoding,
) {
    match change.range {
        None => text.clone_from(&change.text),
        Some(range) => {
            let at = Text { text, lines };
            let start = at.offset(range.start, encoding) as usize;
            let end = (at.offset(range.end, encoding) as usize).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
    *lines = LineIndex::new(text);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_positions_in_both_encodings() {
        let source = "ab\nxé😀z\r\n";
        let lines = LineIndex::new(source);
        let text = Text { text: source, lines: &lines };
        let z = source.find('z').expect("z") as u32;
        assert_eq!(text.position(z, Encoding::Utf16), Position { line: 1, character: 4 });
        assert_eq!(text.position(z, Encoding::Utf8), Position { line: 1, character: 7 });
        assert_eq!(text.offset(Position { line: 1, character: 4 }, Encoding::Utf16), z);
        assert_eq!(text.offset(Position { line: 1, character: 7 }, Encoding::Utf8), z);
        // Inside a character: back to its start. Past the line: its end, before `\r\n`.
        assert_eq!(text.offset(Position { line: 1, character: 2 }, Encoding::Utf8), 4);
        assert_eq!(text.offset(Position { line: 1, character: 99 }, Encoding::Utf8), z + 1);
        assert_eq!(text.offset(Position { line: 1, character: 99 }, Encoding::Utf16), z + 1);
        assert_eq!(text.offset(Position { line: 9, character: 0 }, Encoding::Utf8), source.len() as u32);
        assert_eq!(text.position(10_000, Encoding::Utf16), Position { line: 2, character: 0 });
    }
}

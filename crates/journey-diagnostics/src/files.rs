//! Source files as diagnostics see them, and the one place where byte offsets become lines
//! and columns.

use serde::Serialize;

/// Index of a file in [`SourceFiles`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FileId(pub u32);

/// A zero-based line and a zero-based column, in the unit the caller asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LineCol {
    pub line: u32,
    pub col: u32,
}

/// Where each line starts, so that offsets convert to positions in O(log lines).
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<u32>,
    /// Marks inside long lines, in order of offset.
    marks: Vec<Mark>,
}

/// Inside a line longer than this many bytes, a [`Mark`] is kept every this many bytes, so
/// that a column is counted from the nearest mark and never from the start of a line that is
/// megabytes long (a generated model on one line, with thousands of diagnostics).
const MARK_EVERY: usize = 4096;

/// How many characters and UTF-16 units stand before `offset` on its line.
#[derive(Clone, Copy, Debug)]
struct Mark {
    offset: u32,
    chars: u32,
    utf16: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        // A line ends at `\n`, `\r\n` or a lone `\r`, as LSP counts lines (and editors show them).
        let bytes = text.as_bytes();
        let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
        starts.push(0);
        for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
                starts.push(at as u32 + 1);
            }
        }
        starts.shrink_to_fit();
        let mut marks = Vec::new();
        let ends = starts.iter().skip(1).map(|&s| s as usize).chain(std::iter::once(text.len()));
        for (&start, end) in starts.iter().zip(ends) {
            let start = start as usize;
            if end.saturating_sub(start) <= MARK_EVERY {
                continue;
            }
            let (mut chars, mut utf16, mut next) = (0, 0, MARK_EVERY);
            for (index, c) in text.get(start..end).unwrap_or("").char_indices() {
                if index >= next {
                    marks.push(Mark { offset: (start + index) as u32, chars, utf16 });
                    next = index + MARK_EVERY;
                }
                chars += 1;
                utf16 += c.len_utf16() as u32;
            }
        }
        LineIndex { starts, marks }
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// Byte offset where the zero-based `line` starts, if the line exists.
    pub fn line_start(&self, line: u32) -> Option<u32> {
        self.starts.get(line as usize).copied()
    }

    /// The byte range of the line holding `offset`, without its line break.
    pub fn line_range(&self, text: &str, offset: u32) -> std::ops::Range<usize> {
        let line = self.line_of(offset);
        let start = self.starts.get(line).map_or(0, |&s| s as usize);
        let end = match self.starts.get(line + 1) {
            Some(&next) if text.as_bytes().get(..next as usize).is_some_and(|b| b.ends_with(b"\r\n")) => {
                next as usize - 2
            }
            Some(&next) => next as usize - 1,
            None => text.len(),
        };
        start.min(end)..end
    }

    fn line_of(&self, offset: u32) -> usize {
        self.starts.partition_point(|&start| start <= offset).saturating_sub(1)
    }

    /// Line and column of `offset`, the column counted in bytes.
    pub fn utf8(&self, offset: u32) -> LineCol {
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        LineCol { line: line as u32, col: offset.saturating_sub(start) }
    }

    /// Line and column of `offset`, the column counted in Unicode scalar values (what people
    /// and SARIF's `unicodeCodePoints` count).
    pub fn chars(&self, text: &str, offset: u32) -> LineCol {
        self.counted(text, offset, |_| 1, |m| m.chars)
    }

    /// Line and column of `offset`, the column counted in UTF-16 code units (LSP's default).
    pub fn utf16(&self, text: &str, offset: u32) -> LineCol {
        self.counted(text, offset, |c| c.len_utf16() as u32, |m| m.utf16)
    }

    fn counted(&self, text: &str, offset: u32, width: impl Fn(char) -> u32, marked: impl Fn(&Mark) -> u32) -> LineCol {
        let LineCol { line, col } = self.utf8(offset);
        let line_start = offset - col;
        // Count from the nearest mark before `offset` on its line, if there is one.
        let nearest = self.marks.partition_point(|m| m.offset <= offset).checked_sub(1).and_then(|i| self.marks.get(i));
        let (start, before) = match nearest {
            Some(mark) if mark.offset >= line_start => (mark.offset as usize, marked(mark)),
            _ => (line_start as usize, 0),
        };
        let end = (offset as usize).min(text.len());
        let col = text.get(start..end).map_or(col, |prefix| before + prefix.chars().map(&width).sum::<u32>());
        LineCol { line, col }
    }

    /// The byte offset of a line and a column counted in bytes, clamped to the line and moved
    /// back to the start of a character it falls inside.
    pub fn offset_utf8(&self, text: &str, pos: LineCol) -> u32 {
        let Some(start) = self.line_start(pos.line) else {
            return text.len() as u32;
        };
        let end = self.line_start(pos.line + 1).unwrap_or(text.len() as u32);
        let line = text.get(start as usize..end as usize).unwrap_or("");
        let content = line.trim_end_matches(['\n', '\r']).len() as u32;
        let mut offset = start + pos.col.min(content);
        while !text.is_char_boundary(offset as usize) {
            offset -= 1;
        }
        offset
    }

    /// The byte offset of a line and a UTF-16 column, clamped to the line (LSP positions may
    /// point past the end of a line or into the middle of a surrogate pair).
    pub fn offset_utf16(&self, text: &str, pos: LineCol) -> u32 {
        let Some(start) = self.line_start(pos.line) else {
            return text.len() as u32;
        };
        let end = self.line_start(pos.line + 1).unwrap_or(text.len() as u32);
        let line = text.get(start as usize..end as usize).unwrap_or("");
        let mut units = 0;
        for (index, c) in line.char_indices() {
            if units >= pos.col || c == '\n' || c == '\r' {
                return start + index as u32;
            }
            units += c.len_utf16() as u32;
        }
        end
    }
}

/// One source file: its display path and text.
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
    pub lines: LineIndex,
    /// Names written in decomposed Unicode, by their byte range (in order), with the composed
    /// form (NFC) they are read as; see [`SourceFiles::composed`].
    composed: Vec<(std::ops::Range<u32>, Box<str>)>,
}

/// All files of a run, indexed by [`FileId`].
#[derive(Clone, Debug, Default)]
pub struct SourceFiles {
    files: Vec<SourceFile>,
}

impl SourceFiles {
    pub fn add(&mut self, path: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        let lines = LineIndex::new(&text);
        self.files.push(SourceFile { path: path.into(), text, lines, composed: Vec::new() });
        FileId(self.files.len() as u32 - 1)
    }

    /// Says which names of a file are written decomposed and how they read composed: the
    /// lexer finds them (`Lexed::composed` of journey-syntax), in the order of the text.
    pub fn set_composed(&mut self, id: FileId, composed: Vec<(std::ops::Range<u32>, Box<str>)>) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            file.composed = composed;
        }
    }

    /// The composed form of the name written at `span`, when it is written decomposed. Names
    /// are compared, looked up and shown in this form; spans stay on the text as written.
    #[inline]
    pub fn composed(&self, span: crate::Span) -> Option<&str> {
        let file = self.get(span.file)?;
        if file.composed.is_empty() {
            return None;
        }
        let at = file.composed.binary_search_by_key(&span.start, |(range, _)| range.start).ok()?;
        file.composed.get(at).filter(|(range, _)| range.end == span.end).map(|(_, name)| &**name)
    }

    #[inline]
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    pub fn path(&self, id: FileId) -> &str {
        self.get(id).map_or("<unknown>", |file| &file.path)
    }

    /// Shows a file under another path (an output written for others shows paths from the
    /// workspace root, not from wherever journey was run).
    pub fn set_path(&mut self, id: FileId, path: impl Into<String>) {
        if let Some(file) = self.files.get_mut(id.0 as usize) {
            file.path = path.into();
        }
    }

    #[inline]
    pub fn text(&self, id: FileId) -> &str {
        self.get(id).map_or("", |file| &file.text)
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, file)| (FileId(i as u32), file))
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// One-based line and column (in characters) of an offset, for people and annotations.
    pub fn position(&self, id: FileId, offset: u32) -> LineCol {
        match self.get(id) {
            Some(file) => {
                let LineCol { line, col } = file.lines.chars(&file.text, offset);
                LineCol { line: line + 1, col: col + 1 }
            }
            None => LineCol { line: 1, col: 1 },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_in_each_unit() {
        let text = "ab\nxé😀z\n";
        let index = LineIndex::new(text);
        let z = text.find('z').unwrap_or(0) as u32;
        assert_eq!(index.utf8(z), LineCol { line: 1, col: 7 });
        assert_eq!(index.chars(text, z), LineCol { line: 1, col: 3 });
        assert_eq!(index.utf16(text, z), LineCol { line: 1, col: 4 });
        assert_eq!(index.offset_utf16(text, LineCol { line: 1, col: 4 }), z);
        assert_eq!(index.offset_utf16(text, LineCol { line: 1, col: 99 }), z + 1);
        assert_eq!(index.offset_utf16(text, LineCol { line: 9, col: 0 }), text.len() as u32);
    }

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        let text = "a\nb\r\nc\rd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        let d = text.find('d').expect("d") as u32;
        assert_eq!(index.utf8(d), LineCol { line: 3, col: 0 });
        assert_eq!(index.offset_utf16(text, LineCol { line: 3, col: 0 }), d);
        assert_eq!(index.offset_utf8(text, LineCol { line: 2, col: 9 }), d - 1);
        let ranges: Vec<&str> = [0, 2, 5, d].iter().map(|&o| &text[index.line_range(text, o)]).collect();
        assert_eq!(ranges, ["a", "b", "c", "d"]);
    }

    #[test]
    fn columns_on_a_long_line_count_from_the_marks() {
        let line = "é😀a".repeat(3 * MARK_EVERY);
        let text = format!("short\n{line}\nend");
        let index = LineIndex::new(&text);
        assert!(index.marks.len() > 4, "a long line is marked");
        for offset in [6, 7, 1000, 5000, 20_000, 40_000, text.len() - 5, text.len() - 3] {
            let Some(prefix) = text.get(..offset) else { continue };
            let line_start = prefix.rfind('\n').map_or(0, |i| i + 1);
            let before = &text[line_start..offset];
            let chars = before.chars().count() as u32;
            let utf16 = before.chars().map(|c| c.len_utf16() as u32).sum::<u32>();
            assert_eq!(index.chars(&text, offset as u32).col, chars, "chars at {offset}");
            assert_eq!(index.utf16(&text, offset as u32).col, utf16, "utf16 at {offset}");
        }
    }
}

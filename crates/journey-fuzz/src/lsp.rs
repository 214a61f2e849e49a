//! Target `lsp`: a document edited at random places, the way the language server applies
//! `textDocument/didChange` (`journey_lsp::convert::apply_change`), and every editor feature of
//! `journey-ide` asked at random places after each edit, positions converted as the server
//! converts them (`journey_lsp::convert`). Driving the whole server through JSON-RPC would
//! spend most of each run in tokio and serde; `crates/journey-lsp/tests/fuzz_regressions.rs`
//! replays the kept inputs through it. What is asserted is what the server relies on: an edit
//! never splits a character (`String::replace_range` panics), every span a feature returns lies
//! inside its file on character boundaries and survives the trip to an LSP position and back,
//! semantic tokens come in order (the server subtracts positions), and the formatting edit
//! gives exactly what `journey fmt` gives.
//!
//! An input is the document's first text, then (after the bytes `00 FF`, if present) the
//! script of edits and requests, read with `arbitrary`. Without the separator the text itself
//! is read as the script, so that a plain `.journey` seed is edited too.

use std::path::{Path, PathBuf};

use arbitrary::{Arbitrary, Unstructured};
use journey_diagnostics::{Edit, FileId, LineIndex, Span};
use journey_ide::{Analysis, AnalysisInput};
use journey_lsp::{Encoding, convert};
use journey_model::{CheckOptions, MemoryLoader};
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

const SEPARATOR: &[u8] = &[0x00, 0xFF];
/// Steps per run, so that one input cannot check the workspace a thousand times.
const MAX_STEPS: usize = 8;
const MAX_PROBES: usize = 6;
/// A second file the document can import and refer to, so that definitions, references and
/// renames cross files.
const CATALOG: &str = "lane sales \"Sales\"\nsystem crm \"CRM\" { kind: crm }\ntouchpoint web \"Web\" { channel: web  lane: sales  uses: crm }\n";

/// Pieces of the language that edits insert, so that random edits make sense often.
const PIECES: &[&str] = &[
    "lane ",
    "system ",
    "procedure ",
    "touchpoint ",
    "segment ",
    "experience ",
    "journey ",
    "stage ",
    "step ",
    "risk ",
    "scenario ",
    "import \"catalog.journey\"\n",
    "remove ",
    " at web",
    " on j",
    "{",
    "}",
    "\"",
    "\"Label\"",
    "->",
    "30%",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "a",
    "b",
    "lane: sales",
    "uses: crm",
    "channel: phone",
    "emotion: -1",
    "duration: 5min",
    "cost: 4.50 EUR",
    "volume: 100 / month",
    "chance: 10%",
    "recovery: a",
    "contacts <= 1",
    "end: true",
    "// note\n",
    "/// doc\n",
    "é",
    "😀",
    "\u{202e}",
    "\u{feff}",
    "\0",
];

/// One LSP position as the fuzzer chooses it: usually on an existing line, now and then far
/// outside the text.
#[derive(Arbitrary, Debug, Clone, Copy)]
pub struct Pos {
    line: u16,
    character: u16,
    far: bool,
}

#[derive(Arbitrary, Debug)]
pub enum Text {
    Piece(u8),
    Typed(String),
    /// A copy of part of the document: repeats ids, items and braces.
    Copy(Pos, Pos),
}

#[derive(Arbitrary, Debug)]
pub enum Change {
    Range(Pos, Pos, Text),
    Whole(Text),
}

#[derive(Arbitrary, Debug)]
pub enum Probe {
    Hover(Pos),
    Definition(Pos),
    References(Pos, bool),
    Highlights(Pos),
    Rename(Pos, Text),
    Completion(Pos),
    CodeActions(Pos, Pos),
    InlayHints(Pos, Pos),
}

#[derive(Arbitrary, Debug)]
pub struct Step {
    /// One `didChange` notification: its content changes, applied in order.
    changes: Vec<Change>,
    probes: Vec<Probe>,
}

#[derive(Arbitrary, Debug)]
pub struct Script {
    utf8: bool,
    steps: Vec<Step>,
}

/// An open document, as the server keeps it.
struct Document {
    text: String,
    lines: LineIndex,
}

impl Document {
    fn offset(&self, at: Position, encoding: Encoding) -> u32 {
        convert::Text { text: &self.text, lines: &self.lines }.offset(at, encoding)
    }

    /// The LSP position the fuzzer's `Pos` stands for in this text.
    fn position(&self, pos: Pos) -> Position {
        if pos.far {
            return Position { line: u32::from(pos.line) << 8, character: u32::from(pos.character) << 12 };
        }
        let lines = self.lines.line_count() as u32;
        Position { line: u32::from(pos.line) % (lines + 1), character: u32::from(pos.character % 160) }
    }

    fn text_of(&self, text: &Text, encoding: Encoding) -> String {
        match text {
            Text::Piece(i) => PIECES[*i as usize % PIECES.len()].to_string(),
            Text::Typed(s) => s.chars().take(64).collect(),
            Text::Copy(a, b) => {
                let (a, b) = (self.offset(self.position(*a), encoding), self.offset(self.position(*b), encoding));
                let (start, end) = (a.min(b) as usize, a.max(b) as usize);
                self.text[start..end].chars().take(512).collect()
            }
        }
    }

    /// One content change of a `didChange` notification, applied as the server applies it.
    fn apply(&mut self, change: &Change, encoding: Encoding) {
        let event = match change {
            Change::Whole(text) => {
                TextDocumentContentChangeEvent { range: None, range_length: None, text: self.text_of(text, encoding) }
            }
            Change::Range(a, b, text) => TextDocumentContentChangeEvent {
                range: Some(Range { start: self.position(*a), end: self.position(*b) }),
                range_length: None,
                text: self.text_of(text, encoding),
            },
        };
        convert::apply_change(&mut self.text, &mut self.lines, &event, encoding);
    }
}

/// Runs one fuzz input.
pub fn run(data: &[u8]) {
    let (text, script) = match data.windows(SEPARATOR.len()).position(|w| w == SEPARATOR) {
        Some(at) => (&data[..at], &data[at + SEPARATOR.len()..]),
        None => (data, data),
    };
    let Ok(script) = Script::arbitrary_take_rest(Unstructured::new(script)) else { return };
    let encoding = if script.utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
    let text = String::from_utf8_lossy(text).into_owned();
    let mut doc = Document { lines: LineIndex::new(&text), text };
    features(&doc, &[], encoding);
    for step in script.steps.iter().take(MAX_STEPS) {
        for change in step.changes.iter().take(4) {
            doc.apply(change, encoding);
        }
        features(&doc, &step.probes, encoding);
    }
}

/// Every feature on the document, and the position ones at each probe.
fn features(doc: &Document, probes: &[Probe], encoding: Encoding) {
    let root = Path::new(crate::ROOT);
    let path = root.join("main.journey");
    let loader = MemoryLoader::default().with(&path, doc.text.as_bytes()).with(root.join("catalog.journey"), CATALOG);
    let input = AnalysisInput {
        roots: vec![root.join("catalog.journey"), path.clone()],
        options: CheckOptions { root_dir: PathBuf::from(crate::ROOT), config: None },
        config_path: None,
    };
    let analysis = Analysis::check(&loader, &input);
    let Some(file) = analysis.file(&path) else { panic!("the document is not in its snapshot") };
    let spans = Spans { analysis: &analysis, encoding };
    crate::assert_spans_inside(analysis.checked().files(), analysis.diagnostics());
    for d in analysis.diagnostics() {
        spans.check(d.primary.span);
        d.secondary.iter().for_each(|l| spans.check(l.span));
        d.fix.iter().flat_map(|f| &f.edits).for_each(|e| spans.check(e.span));
    }
    semantic_tokens(&spans, file);
    for symbol in analysis.document_symbols(file) {
        spans.symbol(&symbol);
    }
    for query in ["", "a", "crm"] {
        analysis.workspace_symbols(query).iter().for_each(|s| spans.check(s.focus));
    }
    analysis.folding_ranges(file).iter().for_each(|f| spans.check(f.span));
    formatting(&spans, file);

    let at = |pos: &Pos| doc.offset(doc.position(*pos), encoding);
    for probe in probes.iter().take(MAX_PROBES) {
        match probe {
            Probe::Hover(p) => analysis.hover(file, at(p)).iter().for_each(|h| spans.check(h.span)),
            Probe::Definition(p) => analysis.definition(file, at(p)).iter().for_each(|t| {
                spans.check(t.full);
                spans.check(t.focus);
            }),
            Probe::References(p, include) => {
                analysis.references(file, at(p), *include).iter().for_each(|o| spans.check(o.span))
            }
            Probe::Highlights(p) => analysis.highlights(file, at(p)).iter().for_each(|o| spans.check(o.span)),
            Probe::Rename(p, name) => {
                let offset = at(p);
                if let Ok(span) = analysis.prepare_rename(file, offset) {
                    spans.check(span);
                }
                if let Ok(edits) = analysis.rename(file, offset, &doc.text_of(name, encoding)) {
                    spans.edits(&edits);
                }
            }
            Probe::Completion(p) => {
                let offset = at(p);
                for item in analysis.completions(file, offset) {
                    spans.check(item.replace);
                    let _ = item.plain_insert();
                }
            }
            Probe::CodeActions(a, b) => {
                let (start, end) = (at(a), at(b));
                for action in analysis.code_actions(file, start.min(end), start.max(end)) {
                    spans.edits(&action.edits);
                }
            }
            Probe::InlayHints(a, b) => {
                let (start, end) = (at(a), at(b));
                for hint in analysis.inlay_hints(file, start.min(end), start.max(end)) {
                    spans.check(Span::new(file, hint.offset..hint.offset));
                }
            }
        }
    }
}

/// Checks spans against the snapshot's files, as the server converts them.
struct Spans<'a> {
    analysis: &'a Analysis,
    encoding: Encoding,
}

impl Spans<'_> {
    /// The span lies in its file on character boundaries, and both ends survive the trip to
    /// an LSP position and back.
    fn check(&self, span: Span) {
        let Some(source) = self.analysis.source(span.file) else { panic!("a span in no file: {span:?}") };
        let text = source.text.as_str();
        let (start, end) = (span.start as usize, span.end as usize);
        assert!(start <= end && end <= text.len(), "a span outside its file: {span:?} in {} bytes", text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "a span splits a character: {span:?}");
        let at = convert::Text::from(source);
        for offset in [span.start, span.end] {
            let position = at.position(offset, self.encoding);
            let back = at.offset(position, self.encoding);
            assert!(back == offset, "offset {offset} became {position:?} and came back as {back} in {text:?}");
        }
    }

    fn symbol(&self, symbol: &journey_ide::Symbol) {
        self.check(symbol.full);
        self.check(symbol.focus);
        assert!(symbol.full.contains(symbol.focus), "a symbol's name outside it: {symbol:?}");
        symbol.children.iter().for_each(|child| self.symbol(child));
    }

    /// Edits in bounds and, in each file, not overlapping (an editor refuses overlapping edits).
    fn edits(&self, edits: &[Edit]) {
        edits.iter().for_each(|e| self.check(e.span));
        let mut spans: Vec<Span> = edits.iter().map(|e| e.span).collect();
        spans.sort();
        for pair in spans.windows(2) {
            assert!(pair[0].file != pair[1].file || pair[0].end <= pair[1].start, "overlapping edits: {edits:?}");
        }
    }
}

/// The server's relative encoding of semantic tokens subtracts each token's position from the
/// one before: the tokens must come in order and one line each.
fn semantic_tokens(spans: &Spans, file: FileId) {
    let mut last: Option<Span> = None;
    for token in spans.analysis.semantic_tokens(file) {
        spans.check(token.span);
        assert_eq!(token.span.file, file, "a token of another file: {token:?}");
        if let Some(last) = last {
            assert!(
                last.end <= token.span.start,
                "semantic tokens out of order or overlapping: {last:?} then {token:?}"
            );
        }
        last = Some(token.span);
    }
}

/// The formatting edit, applied, gives what `journey fmt` gives.
fn formatting(spans: &Spans, file: FileId) {
    let analysis = spans.analysis;
    let Some(source) = analysis.source(file) else { return };
    let text = source.text.as_str();
    let expected = crate::fmt::fmt(text);
    let Some(edits) = analysis.format(file) else {
        assert!(expected.is_none(), "the editor does not format a file `journey fmt` formats");
        return;
    };
    spans.edits(&edits);
    let mut out = text.to_string();
    let mut edits = edits;
    edits.sort_by_key(|e| std::cmp::Reverse(e.span.start));
    for edit in edits {
        out.replace_range(edit.span.range(), &edit.replacement);
    }
    assert_eq!(Some(out), expected, "the formatting edit differs from `journey fmt`");
}

//! Diagnostics for people, drawn by ariadne: the code, the exact span, labels in every file
//! they touch, notes, and a help line with the concrete fix.

use crate::{Diagnostic, Severity, SourceFiles};
use ariadne::{Color, Config, Fmt, IndexType, Label, Report, ReportKind};

/// A line longer than this many bytes is not printed whole: a diagnostic on it shows the part
/// around each label (a generated or minified model may be one line of megabytes).
pub const LONG_LINE: usize = 400;
/// How many characters of a long line are shown on each side of a label.
const CONTEXT: usize = 40;
/// Labels of one diagnostic further apart than this many lines of a file (or one label that
/// runs over more) are shown line by line: ariadne walks every line between them, so a file
/// of thousands of diagnostics that point back at its top would take time in diagnostics ×
/// lines.
pub const FAR_APART: u32 = 500;

/// How the human renderer draws.
#[derive(Clone, Copy, Debug, Default)]
pub struct HumanOptions {
    pub color: bool,
}

/// Text as a terminal may be given it: control characters (which could move the cursor, change
/// the window's title or ring the bell) are shown as their Unicode pictures (ESC as `␛`, NUL as
/// `␀`), one character for one, so that columns stay where they are. Line breaks and tabs stay;
/// a carriage return stays only before a line feed.
pub fn visible(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(match c {
            '\n' | '\t' => c,
            '\r' if chars.peek() == Some(&'\n') => c,
            '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
            '\u{7f}' => '\u{2421}',
            '\u{80}'..='\u{9f}' => '\u{fffd}',
            _ => c,
        });
    }
    out
}

pub fn human(files: &SourceFiles, diagnostics: &[Diagnostic], options: HumanOptions) -> String {
    let mut out = Vec::new();
    // Only the files the diagnostics point into: ariadne copies and indexes each file it is
    // given, and a workspace may hold hundreds.
    let mut shown: Vec<crate::FileId> =
        diagnostics.iter().flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary)).map(|l| l.span.file).collect();
    shown.sort_unstable();
    shown.dedup();
    let mut cache =
        ariadne::sources(shown.iter().filter_map(|&id| files.get(id)).map(|f| (f.path.clone(), visible(&f.text))));
    let chars = CharOffsets::new(files, &shown);
    for d in diagnostics {
        let (kind, color) = match d.severity {
            Severity::Error => (ReportKind::Error, Color::Red),
            Severity::Warning => (ReportKind::Warning, Color::Yellow),
        };
        let span = |s: crate::Span| (files.path(s.file).to_string(), chars.range(files, s));
        let labels = std::iter::once(&d.primary).chain(&d.secondary);
        if labels.clone().any(|l| line_of(files, l.span).len() > LONG_LINE) || far_apart(files, d) {
            out.extend_from_slice(excerpts(files, d, options).as_bytes());
            continue;
        }
        let config = Config::default().with_color(options.color).with_index_type(IndexType::Char).with_compact(false);
        let mut report = Report::build(kind, span(d.primary.span))
            .with_config(config)
            .with_code(format!("{} {}", d.code.id(), d.code.name()))
            .with_message(visible(&d.message));
        for (order, (l, is_primary)) in in_reading_order(d).into_iter().enumerate() {
            let color = if is_primary { color } else { Color::Blue };
            report.add_label(label(span(l.span), &visible(&l.message), color).with_order(order as i32));
        }
        for note in &d.notes {
            report.add_note(visible(note));
        }
        if let Some(help) = &d.help {
            report.add_help(visible(help));
        }
        // Writing into a Vec cannot fail; a failure to look a file up leaves that report out.
        let _ = report.finish().write(&mut cache, &mut out);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The labels in the order ariadne is to draw them: the primary's file first, then the other
/// files as the labels first name them, and within a file from top to bottom. ariadne starts a
/// new snippet whenever a label stands above the one before, and heads every snippet of the
/// primary's file with the primary's position: in any other order a label above the primary
/// is shown under a heading with the wrong line.
fn in_reading_order(d: &Diagnostic) -> Vec<(&crate::Label, bool)> {
    let mut files: Vec<crate::FileId> = Vec::new();
    for l in std::iter::once(&d.primary).chain(&d.secondary) {
        if !files.contains(&l.span.file) {
            files.push(l.span.file);
        }
    }
    let mut labels: Vec<(&crate::Label, bool)> =
        std::iter::once((&d.primary, true)).chain(d.secondary.iter().map(|l| (l, false))).collect();
    let rank = |l: &crate::Label| files.iter().position(|&f| f == l.span.file).unwrap_or(usize::MAX);
    labels.sort_by_key(|(l, _)| (rank(l), l.span.end, l.span.start));
    labels
}

/// Spans as ariadne is given them: in characters from the start of the file. (Given bytes, it
/// counts a label in another file than the report's primary one in characters anyway, which
/// misplaces it after a character of several bytes and can cut into one.)
struct CharOffsets {
    /// For each file shown, in order of id, how many characters stand before each line.
    before_line: Vec<(crate::FileId, Vec<u32>)>,
}

impl CharOffsets {
    fn new(files: &SourceFiles, shown: &[crate::FileId]) -> Self {
        let before_line = shown
            .iter()
            .filter_map(|&id| files.get(id).map(|file| (id, file)))
            .map(|(id, file)| {
                let lines = &file.lines;
                let mut before = Vec::with_capacity(lines.line_count());
                let mut count = 0u32;
                for line in 0..lines.line_count() as u32 {
                    before.push(count);
                    let start = lines.line_start(line).unwrap_or(0) as usize;
                    let end = lines.line_start(line + 1).map_or(file.text.len(), |end| end as usize);
                    count += file.text.get(start..end).map_or(0, |text| text.chars().count() as u32);
                }
                (id, before)
            })
            .collect();
        CharOffsets { before_line }
    }

    /// The span's range in characters, widened to whole characters and cut to the text.
    fn range(&self, files: &SourceFiles, span: crate::Span) -> std::ops::Range<usize> {
        let Some(file) = files.get(span.file) else { return 0..0 };
        let bytes = on_boundaries(&file.text, span.range());
        let before_line = self.before_line.binary_search_by_key(&span.file, |(id, _)| *id).ok();
        let before_line = before_line.and_then(|i| self.before_line.get(i)).map_or(&[][..], |(_, b)| b.as_slice());
        let at = |offset: usize| {
            let position = file.lines.chars(&file.text, offset as u32);
            before_line.get(position.line as usize).map_or(0, |&b| b as usize) + position.col as usize
        };
        at(bytes.start)..at(bytes.end)
    }
}

fn label(
    span: (String, std::ops::Range<usize>),
    message: &str,
    color: Color,
) -> Label<(String, std::ops::Range<usize>)> {
    let label = Label::new(span).with_color(color);
    if message.is_empty() { label } else { label.with_message(message) }
}

/// Whether the diagnostic's labels in some file lie more than [`FAR_APART`] lines apart.
fn far_apart(files: &SourceFiles, d: &Diagnostic) -> bool {
    let mut spread: Vec<(crate::FileId, u32, u32)> = Vec::new();
    for l in std::iter::once(&d.primary).chain(&d.secondary) {
        let (first, last) =
            (files.position(l.span.file, l.span.start).line, files.position(l.span.file, l.span.end).line);
        match spread.iter_mut().find(|(file, ..)| *file == l.span.file) {
            Some((_, lo, hi)) => (*lo, *hi) = ((*lo).min(first), (*hi).max(last)),
            None => spread.push((l.span.file, first, last)),
        }
    }
    spread.iter().any(|&(_, lo, hi)| hi - lo > FAR_APART)
}

/// The byte range of the line where `span` starts.
fn line_of(files: &SourceFiles, span: crate::Span) -> std::ops::Range<usize> {
    files.get(span.file).map_or(0..0, |f| f.lines.line_range(&f.text, span.start))
}

/// A diagnostic with a label on a long line, or with labels far apart, drawn in ariadne's
/// layout by hand: each label shows its line cut to the label and a little on either side.
fn excerpts(files: &SourceFiles, d: &Diagnostic, options: HumanOptions) -> String {
    let paint = |text: &str, color: Color| {
        if options.color { text.fg(color).to_string() } else { text.to_string() }
    };
    let (kind, color) = match d.severity {
        Severity::Error => ("Error", Color::Red),
        Severity::Warning => ("Warning", Color::Yellow),
    };
    let at = |s: crate::Span| {
        let p = files.position(s.file, s.start);
        format!("{}:{}:{}", files.path(s.file), p.line, p.col)
    };
    let mut out = format!(
        "{} {}: {}\n   ╭─[ {} ]\n",
        paint(&format!("[{} {}]", d.code.id(), d.code.name()), color),
        paint(kind, color),
        visible(&d.message),
        at(d.primary.span)
    );
    let mut file = d.primary.span.file;
    let labels = in_reading_order(d);
    // The gutter is as wide as the longest line number, as ariadne draws it.
    let width = labels
        .iter()
        .map(|(l, _)| files.position(l.span.file, l.span.start).line.to_string().len())
        .max()
        .unwrap_or(2)
        .max(2);
    for (label, is_primary) in labels {
        let color = if is_primary { color } else { Color::Blue };
        if label.span.file != file {
            file = label.span.file;
            out.push_str(&format!("   ├─[ {} ]\n", at(label.span)));
        }
        let text = files.text(label.span.file);
        let range = on_boundaries(text, label.span.range());
        let std::ops::Range { start: line_start, end: line_end } = line_of(files, label.span);
        let end = range.end.min(line_end);
        let before: String = {
            let head = text.get(line_start..range.start).unwrap_or("");
            let mut chars: Vec<char> = head.chars().rev().take(CONTEXT + 1).collect();
            let cut = chars.len() > CONTEXT;
            chars.truncate(CONTEXT);
            let kept: String = chars.into_iter().rev().collect();
            if cut { format!("…{kept}") } else { kept }
        };
        let marked: String = text.get(range.start..end).unwrap_or("").chars().take(2 * CONTEXT).collect();
        let after: String = {
            let tail = text.get(end..line_end).unwrap_or("");
            let kept: String = tail.chars().take(CONTEXT).collect();
            if tail.len() > kept.len() { format!("{kept}…") } else { kept }
        };
        let line = files.position(label.span.file, label.span.start).line.to_string();
        let gutter = " ".repeat(width);
        let shown = |s: &str| visible(s).replace('\t', " ");
        out.push_str(&format!("{line:>width$} │ {}{}{}\n", shown(&before), shown(&marked), shown(&after)));
        let carets = "^".repeat(marked.chars().count().max(1));
        let message = if label.message.is_empty() { String::new() } else { format!(" {}", visible(&label.message)) };
        out.push_str(&format!(
            "{gutter} │ {}{}\n",
            " ".repeat(before.chars().count()),
            paint(&format!("{carets}{message}"), color)
        ));
    }
    for note in &d.notes {
        out.push_str(&format!("   │ Note: {note}\n"));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("   │ {}: {help}\n", paint("Help", Color::Fixed(115)), help = visible(help)));
    }
    out.push_str("───╯\n");
    out
}

/// The range widened to character boundaries and cut to the text: ariadne slices the text by
/// it, and a diagnostic must never be what makes the tool fail.
fn on_boundaries(text: &str, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut start = range.start.min(text.len());
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    while !text.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Code, Diagnostic, Span};

    #[test]
    fn a_label_in_another_file_is_placed_by_characters() {
        let mut files = SourceFiles::default();
        let main = files.add("main.journey", "journey order \"Order\" {\n}\n");
        // Multi-byte characters before the label, on its line and the line before.
        let other = files.add("other.journey", "// é ü\njourney\u{feff}é order \"Again\" {\n}\n");
        let start = files.text(other).find("order").unwrap_or(0) as u32;
        let d = Diagnostic::new(Code::DuplicateId, Span::new(main, 8..13), "`order` is declared twice")
            .with_secondary(Span::new(other, start..start + 5), "first declared here");
        let out = human(&files, &[d], HumanOptions::default());
        // Line 2, column 11 counted in characters (`journey`, U+FEFF, `é`, a space).
        assert!(out.contains("other.journey:2:11"), "{out}");
        assert!(out.contains("first declared here"), "{out}");
    }

    /// Every snippet is headed by a position in its own file, whatever order the labels come
    /// in: a label above the primary, or back in the primary's file after one in another file.
    #[test]
    fn every_snippet_is_headed_by_its_own_file_and_line() {
        let mut files = SourceFiles::default();
        let scenario = files.add("what.journey", "// what if\n\nscenario s \"S\" on order {\n  a -> b 50%\n}\n");
        let base = files.add("base.journey", "journey order \"Order\" {\n  step a \"A\" at web\n  a -> b 50%\n}\n");
        let find = |file, text: &str, what: &str| {
            let start = text.find(what).unwrap_or(0) as u32;
            Span::new(file, start..start + what.len() as u32)
        };
        let (s_text, b_text) = (files.text(scenario).to_string(), files.text(base).to_string());
        let d = Diagnostic::new(Code::FlowSharesNot100, find(scenario, &s_text, "s \"S\""), "shares")
            .with_secondary(find(base, &b_text, "a \"A\""), "the step")
            .with_secondary(find(base, &b_text, "a -> b 50%"), "a flow in the baseline")
            .with_secondary(find(scenario, &s_text, "a -> b 50%"), "a flow in the scenario")
            .with_secondary(find(scenario, &s_text, "// what if"), "above the primary");
        let out = human(&files, &[d], HumanOptions::default());
        let headings: Vec<&str> = out.lines().filter(|l| l.contains("─[ ")).collect();
        assert_eq!(headings.len(), 2, "one snippet per file: {out}");
        assert!(headings[0].contains("what.journey:3:10") && headings[1].contains("base.journey:2:8"), "{out}");
        // The scenario's own lines, above and below the primary, are in its snippet.
        let snippet: String = out.split("base.journey").next().unwrap_or("").to_string();
        assert!(snippet.contains(" 1 │ // what if") && snippet.contains(" 4 │   a -> b 50%"), "{out}");
    }

    /// Labels far apart in one file are shown line by line, each at its own line, rather than
    /// through every line between them; labels close together keep ariadne's snippet.
    #[test]
    fn labels_far_apart_are_shown_line_by_line() {
        let lines = FAR_APART as usize + 10;
        let mut text = String::from("touchpoint web \"Web\" { channel: web }\n");
        for i in 0..lines {
            text.push_str(&format!("// {i}\n"));
        }
        text.push_str("touchpoint web \"Again\" { channel: web }\n");
        let mut files = SourceFiles::default();
        let file = files.add("m.journey", text.clone());
        let second = text.rfind("web \"Again").unwrap_or(0) as u32;
        let d = |first: u32| {
            Diagnostic::new(Code::DuplicateId, Span::new(file, second..second + 3), "`web` is declared twice")
                .with_label("declared again")
                .with_secondary(Span::new(file, first..first + 3), "first declared here")
        };
        let far = human(&files, &[d(11)], HumanOptions::default());
        assert!(far.contains(&format!("{:>2} │ touchpoint web \"Again\"", lines + 2)), "{far}");
        assert!(far.contains("  1 │ touchpoint web \"Web\"") && far.contains("first declared here"), "{far}");
        assert!(!far.contains("// 5\n"), "no line between the labels is walked or shown: {far}");
        assert_eq!(far.lines().filter(|l| l.contains("─[ ")).count(), 1, "{far}");
        assert!(far.contains("^^^ first declared here"), "{far}");
        // The same two labels a few lines apart: ariadne's snippet.
        let near_at = text.find(&format!("// {}\n", lines - 3)).unwrap_or(0) as u32;
        let near = human(&files, &[d(near_at)], HumanOptions::default());
        assert!(near.contains("╰─── first declared here"), "{near}");
    }
}

#[cfg(test)]
mod control_tests {
    use super::*;
    use crate::{Code, Diagnostic, FileId, Span};

    /// A label holding ESC, BEL, NUL and a lone carriage return reaches the terminal as their
    /// pictures: nothing of the source can change the terminal's title or move its cursor.
    #[test]
    fn control_characters_in_the_source_are_shown_not_sent() {
        let text = "journey j \"J\" {\n  step a \"A\u{1b}]0;title\u{7}\0\rB\" at nowhere\n}\n";
        let mut files = SourceFiles::default();
        let file = files.add("m.journey", text.to_string());
        let at = text.find("nowhere").expect("the reference") as u32;
        let d = Diagnostic::new(Code::UnknownReference, Span::new(file, at..at + 7), "no touchpoint named `nowhere`")
            .with_label("not a declared touchpoint");
        assert_eq!(file, FileId(0));
        for shown in
            [human(&files, std::slice::from_ref(&d), HumanOptions { color: false }), super::super::short(&files, &[d])]
        {
            assert!(!shown.chars().any(|c| c.is_control() && c != '\n'), "{shown:?}");
        }
        let shown = human(
            &files,
            &[Diagnostic::new(Code::UnknownReference, Span::new(file, at..at + 7), "x")],
            HumanOptions { color: false },
        );
        assert!(shown.contains("A␛]0;title␇␀␍B"), "{shown}");
        assert_eq!(visible("a\r\nb\tc"), "a\r\nb\tc");
    }
}

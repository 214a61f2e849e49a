//! The formatter: one canonical layout for a parsed file. It reprints the syntax tree — items,
//! fields, flows and targets — and places every comment where it stood: comments on lines of
//! their own before the member they precede, comments at the end of a line after the member on
//! that line. Literals are reprinted as written, so meaning never changes.
//!
//! The layout: two spaces of indentation; a short item on one line
//! (`touchpoint web "Web shop" { channel: web  lane: sales }`: at most four fields, no nested
//! items or comments, within the width); otherwise one member a line; at
//! most one blank line where the author left blank lines, and always one around a multi-line
//! top-level item; the percentages of consecutive flows aligned; the file's own line endings
//! (`\n`, or `\r\n` when its first line ends so).

use crate::ast::*;
use crate::lexer::has_blank_line;

/// The widest a line is made to be, in columns as an editor shows them (Unicode width, not
/// bytes).
pub const WIDTH: usize = 100;
const INDENT: &str = "  ";
/// At most this many fields are written on the item's own line.
const ONE_LINE_FIELDS: usize = 4;

/// Formats `file`, parsed from `text`. The caller makes sure the file parsed without errors:
/// the formatter reprints the tree, and a tree with errors has lost text.
pub fn format(text: &str, file: &File) -> String {
    let mut f = Formatter {
        text,
        comments: &file.comments,
        claimed: vec![false; file.comments.len()],
        next_comment: 0,
        out: String::new(),
    };
    let mut previous: Option<(u32, bool, ItemKind)> = None;
    let first_item = file.items.first().map_or(u32::MAX, |i| i.span.start);
    if file.imports.iter().all(|i| i.span.end <= first_item) {
        for import in &file.imports {
            f.leading(import.span.start, 0, previous.map(|p| p.0));
            f.import(import);
            previous = Some((import.span.end, false, ItemKind::Lane));
        }
    } else {
        // Imports written among the items move to the top, each with the comments on the lines
        // right before it and at the end of its line; every other comment stays with its item.
        let mut ends: Vec<u32> =
            file.imports.iter().map(|i| i.span.end).chain(file.items.iter().map(|i| i.span.end)).collect();
        ends.sort_unstable();
        for import in &file.imports {
            let before = ends.partition_point(|&end| end <= import.span.start);
            let after = before.checked_sub(1).and_then(|i| ends.get(i)).copied().unwrap_or(0);
            f.claimed_leading(after, import.span.start);
            f.import(import);
            previous = Some((import.span.end, false, ItemKind::Lane));
        }
        f.next_comment = 0;
    }
    let mut after_imports = !file.imports.is_empty();
    for item in &file.items {
        let multi = !f.fits_on_one_line(item, 0);
        let blank = match previous {
            None => false,
            Some(_) if after_imports => true,
            Some((end, prev_multi, prev_kind)) => {
                prev_multi || multi || prev_kind != item.kind || f.blank_between(end, item.span.start)
            }
        };
        after_imports = false;
        f.leading_with_blank(item.span.start, 0, previous.map(|p| p.0), blank);
        f.item(item, 0);
        previous = Some((item.span.end, multi, item.kind));
    }
    f.rest(0, previous.map(|p| p.0));
    if f.out.ends_with("\n\n") {
        f.out.truncate(f.out.trim_end_matches('\n').len() + 1);
    }
    // The file keeps its line endings: a file whose first line ends in `\r\n` (a Windows
    // checkout) is written with `\r\n` throughout. No token holds a line break, so every
    // `\n` written is one.
    if uses_crlf(text) { f.out.replace('\n', "\r\n") } else { f.out }
}

/// Whether the text's first line break is `\r\n`.
fn uses_crlf(text: &str) -> bool {
    text.find('\n').is_some_and(|at| at > 0 && text.as_bytes().get(at - 1) == Some(&b'\r'))
}

struct Formatter<'a> {
    text: &'a str,
    comments: &'a [Comment],
    /// Comments already written out of order (with an import moved to the top).
    claimed: Vec<bool>,
    next_comment: usize,
    out: String,
}

impl Formatter<'_> {
    fn slice_of(&self, span: journey_diagnostics::Span) -> &str {
        self.text.get(span.start as usize..span.end as usize).unwrap_or("")
    }

    fn line(&mut self, depth: usize, content: &str) {
        for _ in 0..depth {
            self.out.push_str(INDENT);
        }
        self.out.push_str(content);
        self.out.push('\n');
    }

    /// Writes the comment `index` on a line of its own; after a doc comment that documents
    /// nothing, a blank line, which keeps it from documenting what comes next.
    fn comment_line(&mut self, depth: usize, index: usize) {
        let Some(comment) = self.comments.get(index) else { return };
        let text = self.slice_of(comment.span).trim_end().to_string();
        self.line(depth, &text);
        if comment.doc && !comment.documents {
            self.blank();
        }
    }

    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// Whether the source has an empty line between two offsets.
    fn blank_between(&self, from: u32, to: u32) -> bool {
        has_blank_line(self.text.get(from as usize..to as usize).unwrap_or(""))
    }

    /// The next comment not yet written.
    fn pending_comment(&mut self) -> Option<Comment> {
        while self.claimed.get(self.next_comment) == Some(&true) {
            self.next_comment += 1;
        }
        self.comments.get(self.next_comment).cloned()
    }

    /// `import "…"`, and the comment at the end of its line.
    fn import(&mut self, import: &Import) {
        let line = format!("import {}", self.slice_of(import.path.span));
        self.line(0, &line);
        let end = import.span.end;
        let own = self.comments.iter().position(|c| c.span.start >= end);
        if let Some(index) = own.filter(|&i| !self.claimed.get(i).copied().unwrap_or(true)) {
            self.next_comment = index;
            let before = self.out.len();
            self.trailing(end);
            if self.out.len() != before {
                if let Some(c) = self.claimed.get_mut(index) {
                    *c = true;
                }
            }
        }
    }

    /// Writes, and claims, the comments on lines of their own between `after` (the end of the
    /// element before, whose own line's comment stays with it) and `start`.
    fn claimed_leading(&mut self, after: u32, start: u32) {
        for index in 0..self.comments.len() {
            let Some(comment) = self.comments.get(index) else { continue };
            let span = comment.span;
            if span.start < after || span.start >= start || self.claimed.get(index) == Some(&true) {
                continue;
            }
            let before = self.text.get(after as usize..span.start as usize).unwrap_or("");
            if after > 0 && !before.contains(['\n', '\r']) {
                continue;
            }
            self.comment_line(0, index);
            if let Some(c) = self.claimed.get_mut(index) {
                *c = true;
            }
        }
    }

    /// Writes the comments that stand before `start` on lines of their own, keeping one blank
    /// line where the author left any.
    fn leading(&mut self, start: u32, depth: usize, previous_end: Option<u32>) {
        let blank = previous_end.is_some_and(|end| self.blank_between(end, start));
        self.leading_with_blank(start, depth, previous_end, blank);
    }

    fn leading_with_blank(&mut self, start: u32, depth: usize, previous_end: Option<u32>, blank_before_member: bool) {
        let mut cursor = previous_end;
        let mut first = true;
        while let Some(comment) = self.pending_comment().filter(|c| c.span.start < start) {
            let comment = comment.clone();
            let gap = cursor.is_some_and(|end| self.blank_between(end, comment.span.start));
            if gap || (first && cursor.is_some() && blank_before_member && !self.has_gap_after(&comment, start)) {
                self.blank();
            }
            self.comment_line(depth, self.next_comment);
            self.next_comment += 1;
            cursor = Some(comment.span.end);
            first = false;
        }
        if first {
            if blank_before_member && cursor.is_some() {
                self.blank();
            }
        } else if cursor.is_some_and(|end| self.blank_between(end, start)) {
            self.blank();
        }
    }

    fn has_gap_after(&self, comment: &Comment, start: u32) -> bool {
        self.blank_between(comment.span.end, start)
    }

    /// Appends a comment that stands on the same line right after `end`.
    fn trailing(&mut self, end: u32) {
        self.trailing_past(end, "");
    }

    /// Appends a comment that stands on the same line after `end` and `past` (the `{` that
    /// opens a block, say) and nothing else. A comment before `end` is not trailing.
    fn trailing_past(&mut self, end: u32, past: &str) {
        let Some(comment) = self.pending_comment() else { return };
        let between = self.text.get(end as usize..comment.span.start as usize).unwrap_or("\n");
        let rest = between.trim();
        if between.contains(['\n', '\r']) || !(rest.is_empty() || rest == past) {
            return;
        }
        let text = self.slice_of(comment.span).trim_end().to_string();
        if self.out.ends_with('\n') {
            self.out.pop();
        }
        self.out.push_str("  ");
        self.out.push_str(&text);
        self.out.push('\n');
        self.next_comment += 1;
    }

    /// Writes the comments left before `end` (the end of a block, or of the file).
    fn rest(&mut self, depth: usize, previous_end: Option<u32>) {
        self.leading(u32::MAX, depth, previous_end);
    }

    fn rest_before(&mut self, end: u32, depth: usize, previous_end: Option<u32>) {
        self.leading(end, depth, previous_end);
    }

    fn header(&self, item: &Item) -> String {
        let mut header = format!("{} {}", item.kind.keyword(), item.name.text(self.text));
        if let Some(label) = &item.label {
            header.push(' ');
            header.push_str(self.slice_of(label.span));
        }
        if let Some(at) = &item.at {
            header.push_str(" at ");
            header.push_str(at.text(self.text));
        }
        if let Some(on) = &item.on {
            header.push_str(" on ");
            header.push_str(on.text(self.text));
        }
        header
    }

    /// Whether the item is written on one line: no nested items, flows, targets or comments,
    /// a few single-valued fields, and it fits. An item with a comment inside keeps its braces
    /// even with no members: the comment stays inside, where it cannot document the item after.
    fn fits_on_one_line(&self, item: &Item, depth: usize) -> bool {
        // The comments are in the order of the text: the first after the item's start tells.
        let first_after = self.comments.partition_point(|c| c.span.start <= item.span.start);
        if self.comments.get(first_after).is_some_and(|c| c.span.end < item.span.end) {
            return false;
        }
        let members = item.members();
        if members.is_empty() {
            return true;
        }
        if members.len() > ONE_LINE_FIELDS || !members.iter().all(|m| matches!(m, Member::Field(_))) {
            return false;
        }
        width(&self.one_line(item)) + depth * INDENT.len() <= WIDTH
    }

    fn one_line(&self, item: &Item) -> String {
        let fields: Vec<String> = item
            .members()
            .iter()
            .filter_map(|m| if let Member::Field(f) = m { Some(self.field(f)) } else { None })
            .collect();
        if fields.is_empty() { self.header(item) } else { format!("{} {{ {} }}", self.header(item), fields.join("  ")) }
    }

    fn item(&mut self, item: &Item, depth: usize) {
        if self.fits_on_one_line(item, depth) {
            let line = self.one_line(item);
            self.line(depth, &line);
            self.trailing(item.span.end);
            return;
        }
        let header = format!("{} {{", self.header(item));
        self.line(depth, &header);
        // A comment after the `{` stays on its line; one inside the header goes before the
        // first member (the header is written on one line).
        let header_end = [Some(item.name), item.at, item.on]
            .into_iter()
            .flatten()
            .map(|n| n.span.end)
            .chain(item.label.map(|l| l.span.end))
            .max()
            .unwrap_or(item.name.span.end);
        // Comments inside the header go on lines of their own before the first member; the
        // comment after the `{` comes later in the text but is written first, at the end of the
        // header's line.
        let mut inside = Vec::new();
        while self.pending_comment().is_some_and(|c| c.span.start < header_end) {
            inside.push(self.next_comment);
            self.next_comment += 1;
        }
        self.trailing_past(header_end, "{");
        for index in inside {
            self.comment_line(depth + 1, index);
        }
        let members = item.members();
        let mut previous: Option<u32> = None;
        let mut index = 0;
        while let Some(member) = members.get(index) {
            // A run of flows is written together, with their percentages aligned.
            if let Member::Flow(_) = member {
                let run: Vec<&Flow> = members[index..]
                    .iter()
                    .map_while(|m| if let Member::Flow(f) = m { Some(&**f) } else { None })
                    .collect();
                let width = run
                    .iter()
                    .filter(|f| f.share.is_some() || f.label.is_some())
                    .map(|f| width(&self.flow_path(f)))
                    .max()
                    .unwrap_or(0);
                let mut flow_previous = previous;
                for flow in &run {
                    self.leading(flow.span.start, depth + 1, flow_previous);
                    let line = self.flow(flow, width);
                    self.line(depth + 1, &line);
                    self.trailing(flow.span.end);
                    flow_previous = Some(flow.span.end);
                }
                previous = flow_previous;
                index += run.len();
                continue;
            }
            let (start, end) = member_span(member);
            let blank = previous.is_some_and(|p| self.blank_between(p, start));
            self.leading_with_blank(start, depth + 1, previous, blank);
            match member {
                Member::Field(field) => {
                    let line = self.field(field);
                    self.line(depth + 1, &line);
                    self.trailing(end);
                }
                Member::Item(inner) => self.item(inner, depth + 1),
                Member::Target(target) => {
                    let line = format!(
                        "{} {} {}",
                        target.metric.text(self.text),
                        target.op.as_str(),
                        self.term(&target.value)
                    );
                    self.line(depth + 1, &line);
                    self.trailing(end);
                }
                Member::Removal(removal) => {
                    let line = match &removal.to {
                        Some(to) => format!("remove {} -> {}", removal.name.text(self.text), to.text(self.text)),
                        None => format!("remove {}", removal.name.text(self.text)),
                    };
                    self.line(depth + 1, &line);
                    self.trailing(end);
                }
                Member::Flow(_) | Member::Error(_) => {}
            }
            previous = Some(end);
            index += 1;
        }
        let close = item.span.end.saturating_sub(1);
        self.rest_before(close, depth + 1, previous);
        self.line(depth, "}");
        self.trailing(item.span.end);
    }

    fn field(&self, field: &Field) -> String {
        let values: Vec<String> = field.values.iter().map(|t| self.term(t)).collect();
        format!("{}: {}", field.key.text(self.text), values.join(", "))
    }

    fn term(&self, term: &Term) -> String {
        match term {
            Term::String(s, None) => self.slice_of(s.span).to_string(),
            Term::String(s, Some(n)) => format!("{} {}", self.slice_of(s.span), self.slice_of(n.span)),
            Term::Number(n, None) => self.slice_of(n.span).to_string(),
            Term::Number(n, Some(per)) => format!("{} / {}", self.slice_of(n.span), per.text(self.text)),
            Term::Money { span, .. } => {
                let written = self.slice_of(*span);
                let amount = written.split([' ', '\t']).next().unwrap_or(written);
                format!("{amount} {}", term.currency(self.text).unwrap_or(""))
            }
            Term::Ident(name) => name.text(self.text).to_string(),
        }
    }

    fn flow_path(&self, flow: &Flow) -> String {
        flow.path.iter().map(|n| n.text(self.text)).collect::<Vec<_>>().join(" -> ")
    }

    fn flow(&self, flow: &Flow, width: usize) -> String {
        let mut line = self.flow_path(flow);
        if flow.share.is_some() || flow.label.is_some() {
            let pad = width.saturating_sub(self::width(&line));
            line.extend(std::iter::repeat_n(' ', pad));
        }
        if let Some(share) = &flow.share {
            line.push_str("  ");
            line.push_str(self.slice_of(share.span));
        }
        if let Some(label) = &flow.label {
            line.push_str("  ");
            line.push_str(self.slice_of(label.span));
        }
        line
    }
}

/// How wide `text` stands in an editor, in columns: a CJK character takes two, a combining
/// accent none, whatever their bytes.
fn width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

fn member_span(member: &Member) -> (u32, u32) {
    let span = match member {
        Member::Field(f) => f.span,
        Member::Item(i) => i.span,
        Member::Flow(f) => f.span,
        Member::Target(t) => t.span,
        Member::Removal(r) => r.span,
        Member::Error(s) => *s,
    };
    (span.start, span.end)
}

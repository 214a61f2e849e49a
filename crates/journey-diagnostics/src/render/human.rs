//! Diagnostics for people, drawn by ariadne: the code, the exact span, labels in every file
//! they touch, notes, and a help line with the concrete fix.

use crate::{Diagnostic, Severity, SourceFiles};
use ariadne::{Color, Config, IndexType, Label, Report, ReportKind};

/// How the human renderer draws.
#[derive(Clone, Copy, Debug, Default)]
pub struct HumanOptions {
    pub color: bool,
}

pub fn human(files: &SourceFiles, diagnostics: &[Diagnostic], options: HumanOptions) -> String {
    let mut out = Vec::new();
    let mut cache = ariadne::sources(files.iter().map(|(_, file)| (file.path.clone(), file.text.clone())));
    for d in diagnostics {
        let (kind, color) = match d.severity {
            Severity::Error => (ReportKind::Error, Color::Red),
            Severity::Warning => (ReportKind::Warning, Color::Yellow),
        };
        let span = |s: crate::Span| (files.path(s.file).to_string(), on_boundaries(files.text(s.file), s.range()));
        let config = Config::default().with_color(options.color).with_index_type(IndexType::Byte).with_compact(false);
        let mut report = Report::build(kind, span(d.primary.span))
            .with_config(config)
            .with_code(format!("{} {}", d.code.id(), d.code.name()))
            .with_message(&d.message)
            .with_label(label(span(d.primary.span), &d.primary.message, color).with_order(0));
        for (order, secondary) in d.secondary.iter().enumerate() {
            report.add_label(label(span(secondary.span), &secondary.message, Color::Blue).with_order(order as i32 + 1));
        }
        for note in &d.notes {
            report.add_note(note);
        }
        if let Some(help) = &d.help {
            report.add_help(help);
        }
        // Writing into a Vec cannot fail; a failure to look a file up leaves that report out.
        let _ = report.finish().write(&mut cache, &mut out);
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn label(
    span: (String, std::ops::Range<usize>),
    message: &str,
    color: Color,
) -> Label<(String, std::ops::Range<usize>)> {
    let label = Label::new(span).with_color(color);
    if message.is_empty() { label } else { label.with_message(message) }
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

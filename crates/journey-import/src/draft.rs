//! The model an importer builds up — lanes, touchpoints, journeys with stages and steps, and
//! the comments that keep what could not be placed — and how it becomes `.journey` text: ids
//! made from labels, strings quoted, then the language's formatter.

use std::collections::HashSet;
use std::fmt::Write;

use journey_diagnostics::FileId;
use journey_syntax::lexer::{MAX_STRING_CHARS, Token, lex, quote};
use journey_syntax::{ParseOptions, parse};

/// Ids are cut to this many characters: long enough to read, short of every limit.
const MAX_ID_CHARS: usize = 40;

#[derive(Debug, Default)]
pub struct Draft {
    /// Comment lines at the top of the file.
    pub header: Vec<String>,
    pub lanes: Vec<Named>,
    pub touchpoints: Vec<Touchpoint>,
    pub journeys: Vec<Journey>,
    ids: Ids,
}

/// An id and a label.
#[derive(Clone, Debug)]
pub struct Named {
    pub id: String,
    pub label: String,
}

#[derive(Debug)]
pub struct Touchpoint {
    pub name: Named,
    /// A word: `web`, `phone`, `in_person`.
    pub channel: Option<String>,
    /// The lane's id.
    pub lane: Option<String>,
}

#[derive(Debug)]
pub struct Journey {
    pub name: Named,
    pub description: Option<String>,
    pub parts: Vec<Part>,
}

#[derive(Debug)]
pub enum Part {
    Stage(Named, Vec<Part>),
    Step(Step),
    Comment(String),
}

#[derive(Debug, Default)]
pub struct Step {
    pub id: String,
    pub label: String,
    /// The touchpoint's id.
    pub at: Option<String>,
    /// Taken at no touchpoint (`alone: true`).
    pub alone: bool,
    pub emotion: Option<f64>,
    /// As the language writes it: `15min`.
    pub duration: Option<String>,
    pub description: Option<String>,
    pub pains: Vec<String>,
    pub evidence: Vec<String>,
    pub actors: Vec<String>,
    pub comments: Vec<String>,
}

impl Draft {
    /// A new id for `label`, unique in the file (stages and steps included, so that no two
    /// items of the file ever share one), or `fallback_N` when the label gives no usable id.
    pub fn id(&mut self, label: &str, fallback: &str) -> String {
        self.ids.make(label, fallback)
    }

    pub fn lane(&mut self, label: &str) -> Named {
        let name = Named { id: self.id(label, "lane"), label: label.to_string() };
        self.lanes.push(name.clone());
        name
    }

    /// The text of the file, laid out by the formatter.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for line in &self.header {
            let _ = writeln!(out, "// {}", comment(line));
        }
        if !self.header.is_empty() {
            out.push('\n');
        }
        for lane in &self.lanes {
            let _ = writeln!(out, "lane {} {}", lane.id, text(&lane.label));
        }
        for t in &self.touchpoints {
            let _ = write!(out, "touchpoint {} {} {{", t.name.id, text(&t.name.label));
            if let Some(channel) = &t.channel {
                let _ = write!(out, " channel: {channel}");
            }
            if let Some(lane) = &t.lane {
                let _ = write!(out, " lane: {lane}");
            }
            out.push_str(" }\n");
        }
        for journey in &self.journeys {
            let _ = writeln!(out, "\njourney {} {} {{", journey.name.id, text(&journey.name.label));
            if let Some(description) = &journey.description {
                let _ = writeln!(out, "description: {}", text(description));
            }
            for part in &journey.parts {
                write_part(&mut out, part);
            }
            out.push_str("}\n");
        }
        formatted(out)
    }
}

fn write_part(out: &mut String, part: &Part) {
    match part {
        Part::Comment(line) => {
            let _ = writeln!(out, "// {}", comment(line));
        }
        Part::Stage(name, parts) => {
            let _ = writeln!(out, "stage {} {} {{", name.id, text(&name.label));
            for part in parts {
                write_part(out, part);
            }
            out.push_str("}\n");
        }
        Part::Step(step) => write_step(out, step),
    }
}

fn write_step(out: &mut String, step: &Step) {
    let _ = write!(out, "step {} {}", step.id, text(&step.label));
    if let Some(at) = &step.at {
        let _ = write!(out, " at {at}");
    }
    out.push_str(" {\n");
    if let Some(description) = &step.description {
        let _ = writeln!(out, "description: {}", text(description));
    }
    if step.alone {
        out.push_str("alone: true\n");
    }
    if let Some(emotion) = step.emotion {
        let _ = writeln!(out, "emotion: {}", score(emotion));
    }
    if let Some(duration) = &step.duration {
        let _ = writeln!(out, "duration: {duration}");
    }
    if !step.actors.is_empty() {
        let actors: Vec<String> = step.actors.iter().map(|a| text(a)).collect();
        let _ = writeln!(out, "actors: {}", actors.join(", "));
    }
    for pain in &step.pains {
        let _ = writeln!(out, "pain: {}", text(pain));
    }
    for evidence in &step.evidence {
        let _ = writeln!(out, "evidence: {}", text(evidence));
    }
    for line in &step.comments {
        let _ = writeln!(out, "// {}", comment(line));
    }
    out.push_str("}\n");
}

/// Parses and formats the text; text that does not parse (which would be a fault of the
/// importer's) is returned as it is, so that nothing is lost.
fn formatted(text: String) -> String {
    let (file, diagnostics) = parse(&text, ParseOptions { file: FileId(0) });
    if diagnostics.is_empty() { journey_syntax::format::format(&text, &file) } else { text }
}

/// An emotion score as the language writes it: a sign and at most two decimals.
pub fn score(value: f64) -> String {
    // A NaN becomes 0 here; the importers never pass one.
    let hundredths = (value.clamp(-2.0, 2.0) * 100.0).round() as i64;
    let sign = match hundredths {
        0 => return "0".into(),
        h if h > 0 => "+",
        _ => "-",
    };
    let (whole, fraction) = (hundredths.abs() / 100, hundredths.abs() % 100);
    match fraction {
        0 => format!("{sign}{whole}"),
        f if f % 10 == 0 => format!("{sign}{whole}.{}", f / 10),
        f => format!("{sign}{whole}.{f:02}"),
    }
}

/// A string literal, cut so that it stays within the language's limit on strings.
pub fn text(value: &str) -> String {
    let quoted = quote(value);
    if quoted.chars().count() <= MAX_STRING_CHARS + 2 {
        return quoted;
    }
    let mut kept = String::new();
    let mut length = 0;
    for c in value.chars() {
        let written = quote(c.encode_utf8(&mut [0; 4])).chars().count() - 2;
        if length + written > MAX_STRING_CHARS - 1 {
            break;
        }
        length += written;
        kept.push(c);
    }
    kept.push('…');
    quote(&kept)
}

/// Whether a text is too long to be kept whole as a string.
pub fn too_long(value: &str) -> bool {
    quote(value).chars().count() > MAX_STRING_CHARS + 2
}

/// Text for a `//` comment: one line, no character that ends a line.
fn comment(line: &str) -> String {
    line.chars()
        .map(|c| if c.is_control() || c == '\u{2028}' || c == '\u{2029}' || c == '\u{85}' { ' ' } else { c })
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// The ids given so far.
#[derive(Debug, Default)]
struct Ids {
    used: HashSet<String>,
}

impl Ids {
    fn make(&mut self, label: &str, fallback: &str) -> String {
        // A fallback is a kind's keyword (`step`), which is no id: it always takes a number.
        let (base, mut n, mut id) = match slug(label) {
            Some(base) => (base.clone(), 2usize, base),
            None => (fallback.to_string(), 2usize, format!("{fallback}_1")),
        };
        while self.used.contains(&id) || !is_ident(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

/// An id from a label: lowercase letters and digits, runs of anything else as one `_`, at most
/// [`MAX_ID_CHARS`] characters; `None` when nothing usable is left. Letters of any script are
/// kept when the language's lexer reads the result as one identifier, else only ASCII ones.
fn slug(label: &str) -> Option<String> {
    let make = |keep: &dyn Fn(char) -> bool| -> String {
        let mut out = String::new();
        for c in label.chars().flat_map(char::to_lowercase) {
            if out.chars().count() >= MAX_ID_CHARS {
                break;
            }
            if keep(c) {
                out.push(c);
            } else if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
        }
        out.trim_end_matches('_').to_string()
    };
    let wide = make(&|c: char| c.is_alphanumeric());
    let id = if is_ident(&wide) { wide } else { make(&|c: char| c.is_ascii_alphanumeric()) };
    match id.chars().next() {
        None => None,
        Some(c) if c.is_ascii_digit() => Some(format!("_{id}")),
        Some(_) => Some(id),
    }
    .filter(|id| is_ident(id))
    .or_else(|| {
        // A keyword (`step`, `at`) cannot be an id; with a `_` after it, it can.
        let id = make(&|c: char| c.is_ascii_alphanumeric());
        let id = format!("{id}_");
        (id.len() > 1 && is_ident(&id)).then_some(id)
    })
}

/// A free word (a channel) from text people wrote: `In person` → `in_person`.
pub fn word(text: &str) -> Option<String> {
    slug(text)
}

/// Whether the lexer reads `id` as exactly one identifier.
pub fn is_ident(id: &str) -> bool {
    let (lexed, diagnostics) = lex(FileId(0), id);
    diagnostics.is_empty()
        && lexed.tokens == [Token::Ident]
        && lexed.spans.first().is_some_and(|s| s.end as usize == id.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_labels() {
        let mut ids = Ids::default();
        assert_eq!(ids.make("Make tea", "step"), "make_tea");
        assert_eq!(ids.make("Make tea!", "step"), "make_tea_2");
        assert_eq!(ids.make("Größe prüfen", "step"), "größe_prüfen");
        assert_eq!(ids.make("3-D Secure", "step"), "_3_d_secure");
        assert_eq!(ids.make("Step", "step"), "step_");
        assert_eq!(ids.make("", "step"), "step_1");
        assert_eq!(ids.make("!!!", "step"), "step_2");
        assert_eq!(ids.make("電話で問い合わせ", "step"), "電話で問い合わせ");
        assert_eq!(ids.make(&"long ".repeat(30), "step").chars().count(), MAX_ID_CHARS - 1);
    }

    #[test]
    fn scores_are_signed_with_two_decimals_at_most() {
        assert_eq!(score(2.0), "+2");
        assert_eq!(score(0.0), "0");
        assert_eq!(score(-0.001), "0");
        assert_eq!(score(-1.5), "-1.5");
        assert_eq!(score(0.333), "+0.33");
        assert_eq!(score(7.0), "+2");
    }

    #[test]
    fn long_texts_are_cut_within_the_limit() {
        let long = "\u{7}".repeat(MAX_STRING_CHARS);
        assert!(too_long(&long));
        let cut = text(&long);
        assert!(cut.chars().count() <= MAX_STRING_CHARS + 2);
        assert!(cut.ends_with("…\""));
        assert_eq!(text("short"), "\"short\"");
    }
}

//! A small SVG writer: escaping, measured text that wraps, and the shapes the diagrams use.
//! Coordinates are written with at most one decimal, so output is deterministic and compact.

use std::fmt::Write;

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Characters XML 1.0 does not allow at all are left out.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// A number for an attribute: at most one decimal, no trailing `.0`.
pub fn n(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 { format!("{}", rounded as i64) } else { format!("{rounded:.1}") }
}

/// Roughly how wide text is in the default sans-serif face, in pixels at `size`: narrow
/// letters count less, wide ones (and CJK, emoji) more. Used to wrap, so it errs wide.
pub fn text_width(text: &str, size: f64) -> f64 {
    text.chars()
        .map(|c| match c {
            'i' | 'l' | 'j' | 'I' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.3,
            'f' | 't' | 'r' | ' ' | '(' | ')' | '-' => 0.4,
            'm' | 'w' | 'M' | 'W' | '@' => 0.9,
            c if c.is_ascii_uppercase() => 0.68,
            c if c.is_ascii() => 0.56,
            c if (c as u32) >= 0x1100 => 1.05,
            _ => 0.62,
        })
        .sum::<f64>()
        * size
}

/// Breaks text into lines no wider than `width`; a word longer than a line is split.
pub fn wrap(text: &str, width: f64, size: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
            if text_width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut where it must be.
            let mut piece = String::new();
            for c in word.chars() {
                piece.push(c);
                if text_width(&piece, size) > width && piece.chars().count() > 1 {
                    let last = piece.pop().unwrap_or(' ');
                    lines.push(std::mem::take(&mut piece));
                    piece.push(last);
                }
            }
            line = piece;
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// An SVG document being written. Its element ids carry a prefix, so that several diagrams
/// can stand in one HTML page.
pub struct Svg {
    body: String,
    prefix: String,
}

/// Where text is anchored.
#[derive(Clone, Copy)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    fn as_str(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

impl Svg {
    pub fn new(prefix: &str) -> Self {
        Svg { body: String::with_capacity(64 * 1024), prefix: prefix.to_string() }
    }

    pub fn raw(&mut self, text: &str) {
        self.body.push_str(text);
    }

    pub fn rect(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}" rx="6"/>"#,
            n(x),
            n(y),
            n(w),
            n(h)
        );
    }

    pub fn band(&mut self, x: f64, y: f64, w: f64, h: f64, class: &str) {
        let _ = writeln!(
            self.body,
            r#"<rect class="{class}" x="{}" y="{}" width="{}" height="{}"/>"#,
            n(x),
            n(y),
            n(w),
            n(h)
        );
    }

    pub fn line(&mut self, x1: f64, y1: f64, x2: f64, y2: f64, class: &str) {
        let _ = writeln!(
            self.body,
            r#"<line class="{class}" x1="{}" y1="{}" x2="{}" y2="{}"/>"#,
            n(x1),
            n(y1),
            n(x2),
            n(y2)
        );
    }

    /// A path; flows get an arrowhead.
    pub fn path(&mut self, d: &str, class: &str) {
        if class.starts_with("flow") {
            let _ = writeln!(self.body, r##"<path class="{class}" d="{d}" marker-end="url(#{}arrow)"/>"##, self.prefix);
        } else {
            let _ = writeln!(self.body, r#"<path class="{class}" d="{d}"/>"#);
        }
    }

    pub fn circle(&mut self, x: f64, y: f64, r: f64, class: &str) {
        let _ = writeln!(self.body, r#"<circle class="{class}" cx="{}" cy="{}" r="{}"/>"#, n(x), n(y), n(r));
    }

    /// One line of text.
    pub fn text(&mut self, x: f64, y: f64, text: &str, class: &str, anchor: Anchor) {
        let _ = writeln!(
            self.body,
            r#"<text class="{class}" x="{}" y="{}" text-anchor="{}">{}</text>"#,
            n(x),
            n(y),
            anchor.as_str(),
            escape(text)
        );
    }

    /// Several lines of text, the first baseline at `y`, `leading` apart.
    pub fn lines(&mut self, x: f64, y: f64, lines: &[String], leading: f64, class: &str, anchor: Anchor) {
        let _ =
            write!(self.body, r#"<text class="{class}" x="{}" y="{}" text-anchor="{}">"#, n(x), n(y), anchor.as_str());
        for (i, line) in lines.iter().enumerate() {
            let dy = if i == 0 { "0".to_string() } else { n(leading) };
            let _ = write!(self.body, r#"<tspan x="{}" dy="{dy}">{}</tspan>"#, n(x), escape(line));
        }
        self.body.push_str("</text>\n");
    }

    pub fn open_group(&mut self, id: &str, class: &str) {
        let _ = writeln!(self.body, r#"<g id="{}{}" class="{class}">"#, self.prefix, escape(id));
    }

    pub fn close_group(&mut self) {
        self.body.push_str("</g>\n");
    }

    /// A tooltip for the enclosing element.
    pub fn title(&mut self, text: &str) {
        let _ = writeln!(self.body, "<title>{}</title>", escape(text));
    }

    /// Makes room for `bytes` more of body at once: a drawing of thousands of steps is
    /// megabytes, and growing to that by doubling copies it over and over.
    pub fn reserve(&mut self, bytes: usize) {
        self.body.reserve(bytes);
    }

    /// The finished document, with its accessible title and description.
    pub fn finish(self, width: f64, height: f64, title: &str, desc: &str, style: &str) -> String {
        let mut out = String::with_capacity(self.body.len() + style.len() + 1024);
        let _ = write!(
            out,
            concat!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{p}title {p}desc">"#,
                "\n<title id=\"{p}title\">{title}</title>\n<desc id=\"{p}desc\">{desc}</desc>\n<style>{style}</style>\n",
                r#"<defs><marker id="{p}arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrowhead"/></marker></defs>"#,
                "\n"
            ),
            w = n(width),
            h = n(height),
            title = escape(title),
            desc = escape(desc),
            style = style,
            p = self.prefix
        );
        out.push_str(&self.body);
        out.push_str("</svg>\n");
        out
    }
}

/// The default theme: readable on screen and in print, colour-blind-safe accents.
pub const STYLE: &str = "
svg { font-family: 'Helvetica Neue', Helvetica, Arial, 'Noto Sans', sans-serif; }
text { fill: #1f2933; font-size: 12px; }
.title { font-size: 20px; font-weight: 700; }
.subtitle { font-size: 12px; fill: #52606d; }
.band-label { font-size: 11px; font-weight: 700; fill: #52606d; letter-spacing: 0.04em; text-transform: uppercase; }
.stage { fill: #e4ecf7; stroke: #9fb3c8; }
.stage-label { font-size: 13px; font-weight: 700; fill: #243b53; }
.band-customer { fill: #f0f4f8; }
.band-front { fill: #fbfcfd; }
.band-back { fill: #f5f7fa; }
.band-support { fill: #eef2f6; }
.lane-label { font-size: 11px; font-weight: 700; fill: #486581; }
.card-step { fill: #ffffff; stroke: #334e68; stroke-width: 1.5; }
.card-evidence { fill: #fffbea; stroke: #d9b44a; }
.card-touchpoint { fill: #e3f8ff; stroke: #2680c2; }
.card-procedure { fill: #f0e7ff; stroke: #7b4dbf; }
.card-system { fill: #e8f5e9; stroke: #3f9142; }
.card-text { font-size: 12px; }
.card-meta { font-size: 10px; fill: #52606d; }
.line-interaction { stroke: #2680c2; stroke-width: 1.5; stroke-dasharray: 8 4; }
.line-visibility { stroke: #d64545; stroke-width: 2; stroke-dasharray: 10 5; }
.line-internal { stroke: #7b4dbf; stroke-width: 1.5; stroke-dasharray: 4 4; }
.line-label { font-size: 11px; font-weight: 700; }
.line-label.interaction { fill: #2680c2; }
.line-label.visibility { fill: #d64545; }
.line-label.internal { fill: #7b4dbf; }
.link { stroke: #9fb3c8; stroke-width: 1; }
.flow { fill: none; stroke: #334e68; stroke-width: 1.5; }
.flow-back { fill: none; stroke: #c65d21; stroke-width: 1.5; stroke-dasharray: 5 3; }
.arrowhead { fill: #334e68; }
.share { font-size: 10px; fill: #334e68; font-weight: 700; }
.share-bg { fill: #ffffff; opacity: 0.9; }
.emotion-axis { stroke: #bcccdc; stroke-width: 1; }
.emotion-zero { stroke: #829ab1; stroke-width: 1; stroke-dasharray: 2 3; }
.emotion-line { fill: none; stroke: #2680c2; stroke-width: 2.5; }
.emotion-dot-good { fill: #3f9142; }
.emotion-dot-neutral { fill: #829ab1; }
.emotion-dot-bad { fill: #d64545; }
.emotion-label { font-size: 10px; fill: #52606d; }
.pain { fill: #d64545; }
.pain-text { font-size: 10px; fill: #ffffff; font-weight: 700; }
.risk { fill: #f0b429; }
.risk-text { font-size: 10px; fill: #1f2933; font-weight: 700; }
.legend-text { font-size: 11px; fill: #334e68; }
.node-start { fill: #3f9142; }
.node-end { fill: #1f2933; }
.lane-band-0 { fill: #f5f9fc; }
.lane-band-1 { fill: #fdfaf4; }
";

//! A scene written as SVG: accessible (`<title>`, `<desc>`, `role="img"`, the language of its
//! texts, real `<text>`), with every colour written on the element it paints, so that no style
//! sheet is needed and none can leak: the drawing's look never matches the page it stands in,
//! nor the page's the drawing. Element ids carry a prefix, so that several drawings can stand
//! in one page. Coordinates have at most one decimal: output is deterministic and compact.

use std::fmt::Write;

use crate::font::{FAMILY_LIST, Weight};
use crate::scene::{Anchor, Colour, Item, Scene, Seg, Stroke, Text};

/// Escapes text for XML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
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
}

/// A number for an attribute: at most one decimal, no trailing `.0`; never NaN.
pub fn n(value: f64) -> String {
    let mut out = String::new();
    num(&mut out, value);
    out
}

fn num(out: &mut String, value: f64) {
    let tenths = if value.is_finite() { (value * 10.0).round() } else { 0.0 };
    // In whole tenths, written with integer arithmetic (a drawing writes hundreds of thousands
    // of numbers); past a trillion tenths that would not be exact, and the formatter writes it.
    if tenths.abs() >= 1e12 {
        let rounded = tenths / 10.0;
        if rounded.fract() == 0.0 {
            let _ = write!(out, "{}", rounded as i64);
        } else {
            let _ = write!(out, "{rounded:.1}");
        }
        return;
    }
    let tenths = tenths as i64;
    let mut digits = itoa::Buffer::new();
    if tenths % 10 == 0 {
        out.push_str(digits.format(tenths / 10));
    } else {
        if tenths < 0 {
            out.push('-');
        }
        out.push_str(digits.format(tenths.unsigned_abs() / 10));
        out.push('.');
        out.push(char::from(b'0' + (tenths.unsigned_abs() % 10) as u8));
    }
}

/// About what an item takes as SVG: room for the whole document is made at once.
const BYTES_PER_ITEM: usize = 160;

/// Writes a scene as a standalone SVG document; `prefix` starts every id in it.
pub fn write(scene: &Scene, prefix: &str) -> String {
    let mut w = Writer::start(scene, prefix);
    w.items(&scene.items);
    w.finish()
}

/// [`write`] for a scene that is not needed afterwards: each item is freed as soon as it is
/// written, while it is still in the cache, instead of in a pass of its own over a drawing
/// that, for a long journey, no longer fits it.
pub fn write_owned(mut scene: Scene, prefix: &str) -> String {
    let mut w = Writer::start(&scene, prefix);
    w.items_owned(std::mem::take(&mut scene.items));
    w.finish()
}

fn count(items: &[Item]) -> usize {
    items.iter().map(|i| if let Item::Group(g) = i { 1 + count(&g.items) } else { 1 }).sum()
}

struct Writer<'a> {
    out: String,
    prefix: &'a str,
    clips: usize,
}

impl<'a> Writer<'a> {
    /// The document's start, up to its first item, with room made for the whole of it.
    fn start(scene: &Scene, prefix: &'a str) -> Writer<'a> {
        let mut w =
            Writer { out: String::with_capacity(count(&scene.items) * BYTES_PER_ITEM + 1024), prefix, clips: 0 };
        let p = escape(prefix);
        let _ = write!(
            w.out,
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{wd}" height="{ht}" viewBox="0 0 {wd} {ht}" role="img" aria-labelledby="{p}title {p}desc" xml:lang="{lang}" lang="{lang}" font-family="{family}">"#,
            wd = n(scene.width),
            ht = n(scene.height),
            lang = scene.lang,
            family = escape(FAMILY_LIST),
        );
        w.out.push_str("\n<title id=\"");
        w.out.push_str(&p);
        w.out.push_str("title\">");
        escape_into(&mut w.out, &scene.title);
        w.out.push_str("</title>\n<desc id=\"");
        w.out.push_str(&p);
        w.out.push_str("desc\">");
        escape_into(&mut w.out, &scene.desc);
        w.out.push_str("</desc>\n");
        let _ = writeln!(
            w.out,
            r#"<rect x="0" y="0" width="{}" height="{}" fill="{}"/>"#,
            n(scene.width),
            n(scene.height),
            scene.background.hex()
        );
        w
    }

    fn finish(mut self) -> String {
        self.out.push_str("</svg>\n");
        self.out
    }

    fn items(&mut self, items: &[Item]) {
        for item in items {
            self.item(item);
        }
    }

    /// [`Writer::items`], freeing each item once written.
    fn items_owned(&mut self, items: Vec<Item>) {
        for item in items {
            match item {
                Item::Group(g) => {
                    let g = *g;
                    let clipped = self.group_start(&g);
                    self.items_owned(g.items);
                    self.group_end(clipped);
                }
                other => self.item(&other),
            }
        }
    }

    fn paint(&mut self, fill: Option<Colour>, stroke: Option<Stroke>) {
        match fill {
            Some(c) => {
                self.out.push_str(r#" fill=""#);
                c.push_hex(&mut self.out);
                self.out.push('"');
            }
            None => self.out.push_str(r#" fill="none""#),
        }
        if let Some(s) = stroke {
            self.out.push_str(r#" stroke=""#);
            s.colour.push_hex(&mut self.out);
            self.out.push_str(r#"" stroke-width=""#);
            num(&mut self.out, s.width);
            self.out.push('"');
            if let Some([dash, gap]) = s.dash {
                self.out.push_str(r#" stroke-dasharray=""#);
                num(&mut self.out, f64::from(dash));
                self.out.push(' ');
                num(&mut self.out, f64::from(gap));
                self.out.push('"');
            }
        }
    }

    fn attr(&mut self, name: &str, value: f64) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        num(&mut self.out, value);
        self.out.push('"');
    }

    fn item(&mut self, item: &Item) {
        match item {
            Item::Rect { rect, radius, fill, stroke } => {
                self.out.push_str("<rect");
                self.attr("x", rect.x);
                self.attr("y", rect.y);
                self.attr("width", rect.w.max(0.0));
                self.attr("height", rect.h.max(0.0));
                if *radius > 0.0 {
                    self.attr("rx", *radius);
                }
                self.paint(*fill, *stroke);
                self.out.push_str("/>\n");
            }
            Item::Line { from, to, stroke } => {
                self.out.push_str("<line");
                self.attr("x1", from.0);
                self.attr("y1", from.1);
                self.attr("x2", to.0);
                self.attr("y2", to.1);
                self.paint(None, Some(*stroke));
                self.out.push_str("/>\n");
            }
            Item::Path { segs, fill, stroke } => {
                self.out.push_str("<path d=\"");
                self.segs(segs);
                self.out.push('"');
                self.paint(*fill, *stroke);
                if stroke.is_some() {
                    self.out.push_str(r#" stroke-linejoin="round""#);
                }
                self.out.push_str("/>\n");
            }
            Item::Circle { cx, cy, r, fill, stroke } => {
                self.out.push_str("<circle");
                self.attr("cx", *cx);
                self.attr("cy", *cy);
                self.attr("r", *r);
                self.paint(*fill, *stroke);
                self.out.push_str("/>\n");
            }
            Item::Text(t) => self.text(t),
            Item::Group(g) => {
                let clipped = self.group_start(g);
                self.items(&g.items);
                self.group_end(clipped);
            }
        }
    }

    /// A group's opening tags (with its clip, if any): whether it is clipped.
    fn group_start(&mut self, g: &crate::scene::Group) -> bool {
        self.out.push_str("<g");
        if let Some(id) = &g.id {
            self.out.push_str(" id=\"");
            escape_into(&mut self.out, self.prefix);
            escape_into(&mut self.out, id);
            self.out.push('"');
        }
        if g.shift != (0.0, 0.0) {
            self.out.push_str(" transform=\"translate(");
            num(&mut self.out, g.shift.0);
            self.out.push(',');
            num(&mut self.out, g.shift.1);
            self.out.push_str(")\"");
        }
        self.out.push('>');
        if let Some(tip) = &g.tip {
            self.out.push_str("<title>");
            escape_into(&mut self.out, tip);
            self.out.push_str("</title>");
        }
        self.out.push('\n');
        let Some(clip) = g.clip else { return false };
        self.clips += 1;
        let id = format!("{}clip{}", escape(self.prefix), self.clips);
        let _ = write!(self.out, r#"<clipPath id="{id}"><rect"#);
        self.attr("x", clip.x);
        self.attr("y", clip.y);
        self.attr("width", clip.w);
        self.attr("height", clip.h);
        let _ = writeln!(self.out, r#"/></clipPath><g clip-path="url(#{id})">"#);
        true
    }

    fn group_end(&mut self, clipped: bool) {
        if clipped {
            self.out.push_str("</g>\n");
        }
        self.out.push_str("</g>\n");
    }

    fn segs(&mut self, segs: &[Seg]) {
        for (i, seg) in segs.iter().enumerate() {
            if i > 0 {
                self.out.push(' ');
            }
            match *seg {
                Seg::Move(x, y) => self.points('M', &[x, y]),
                Seg::Line(x, y) => self.points('L', &[x, y]),
                Seg::Cubic(a, b, c, d, x, y) => self.points('C', &[a, b, c, d, x, y]),
                Seg::Arc { r, x, y, clockwise } => {
                    self.out.push('A');
                    num(&mut self.out, r);
                    self.out.push(',');
                    num(&mut self.out, r);
                    self.out.push_str(if clockwise { " 0 0 1 " } else { " 0 0 0 " });
                    num(&mut self.out, x);
                    self.out.push(',');
                    num(&mut self.out, y);
                }
                Seg::Close => self.out.push('Z'),
            }
        }
    }

    fn points(&mut self, command: char, values: &[f64]) {
        self.out.push(command);
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.out.push(if i % 2 == 1 { ',' } else { ' ' });
            }
            num(&mut self.out, *v);
        }
    }

    fn text(&mut self, t: &Text) {
        self.out.push_str("<text");
        self.attr("x", t.x);
        self.attr("y", t.y);
        self.attr("font-size", t.font.size);
        if t.font.weight == Weight::Bold {
            self.out.push_str(r#" font-weight="700""#);
        }
        if t.italic {
            self.out.push_str(r#" font-style="italic""#);
        }
        match t.anchor {
            Anchor::Start => {}
            Anchor::Middle => self.out.push_str(r#" text-anchor="middle""#),
            Anchor::End => self.out.push_str(r#" text-anchor="end""#),
        }
        self.out.push_str(r#" fill=""#);
        t.colour.push_hex(&mut self.out);
        self.out.push_str(r#"">"#);
        if let [line] = t.lines.as_slice() {
            escape_into(&mut self.out, line);
        } else {
            for (i, line) in t.lines.iter().enumerate() {
                self.out.push_str("<tspan");
                self.attr("x", t.x);
                self.attr("dy", if i == 0 { 0.0 } else { t.leading });
                self.out.push('>');
                escape_into(&mut self.out, line);
                self.out.push_str("</tspan>");
            }
        }
        self.out.push_str("</text>\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::Font;

    #[test]
    fn writes_every_item_with_its_colours() {
        let scene = Scene {
            width: 100.0,
            height: 50.0,
            title: "T <1>".into(),
            desc: "D & d".into(),
            lang: "vi",
            background: Colour(0xffffff),
            ink: Colour(0),
            items: vec![
                Item::card(1.0, 2.0, 30.0, 20.0, Colour(0xff0000), Stroke::solid(Colour(0x000000), 1.5)),
                Item::group(
                    Some("tip".into()),
                    vec![Item::Text(Text::lines(
                        5.0,
                        10.0,
                        vec!["a".into(), "b<".into()],
                        14.0,
                        Font::bold(12.0),
                        Colour(0x112233),
                        Anchor::Middle,
                    ))],
                ),
                Item::Path {
                    segs: vec![Seg::Move(0.0, 0.0), Seg::Arc { r: 4.0, x: 8.0, y: 0.0, clockwise: true }],
                    fill: None,
                    stroke: Some(Stroke::dashed(Colour(0x334455), 1.0, 4.0, 2.0)),
                },
            ],
            columns: None,
        };
        let svg = write(&scene, "p-");
        assert!(svg.contains(r#"aria-labelledby="p-title p-desc" xml:lang="vi""#));
        assert!(svg.contains("<title id=\"p-title\">T &lt;1&gt;</title>"));
        assert!(svg.contains(
            r##"<rect x="1" y="2" width="30" height="20" rx="6" fill="#ff0000" stroke="#000000" stroke-width="1.5"/>"##
        ));
        assert!(svg.contains(r##"<g><title>tip</title>"##));
        assert!(svg.contains(r##"font-weight="700" text-anchor="middle" fill="#112233"><tspan x="5" dy="0">a</tspan><tspan x="5" dy="14">b&lt;</tspan></text>"##));
        assert!(svg.contains(
            r##"d="M0,0 A4,4 0 0 1 8,0" fill="none" stroke="#334455" stroke-width="1" stroke-dasharray="4 2""##
        ));
        assert!(!svg.contains("<style"), "no style sheet");
        // A group that is clipped and moved, inside a group with an id: written owned (each item
        // freed once written), the document is the same.
        let mut nested = scene.clone();
        let clipped = crate::scene::Group {
            id: None,
            tip: Some("inner".into()),
            items: vec![Item::line(0.0, 0.0, 9.0, 9.0, Stroke::solid(Colour(0x445566), 1.0))],
            clip: Some(crate::scene::Rect { x: 0.0, y: 0.0, w: 5.0, h: 5.0 }),
            shift: (2.0, 3.0),
        };
        nested.items.push(Item::Group(Box::new(crate::scene::Group {
            id: Some("outer".into()),
            items: vec![Item::Group(Box::new(clipped))],
            ..Default::default()
        })));
        let whole = write(&nested, "q-");
        assert!(whole.contains(r#"<g id="q-outer">"#) && whole.contains(r#"transform="translate(2,3)""#), "{whole}");
        assert!(whole.contains(r#"<clipPath id="q-clip1">"#) && whole.contains("</g>\n</g>\n</g>\n</svg>"), "{whole}");
        assert_eq!(write_owned(nested, "q-"), whole);
        assert_eq!(n(f64::NAN), "0");
        assert_eq!(n(1.25), "1.3");
        assert_eq!(n(-0.04), "0");
    }

    /// Numbers are written in whole tenths as the formatter writes `(value * 10).round() / 10`:
    /// an integer without `.0`, else one decimal.
    #[test]
    fn numbers_are_written_as_the_formatter_writes_them() {
        let formatter = |value: f64| {
            let rounded = if value.is_finite() { (value * 10.0).round() / 10.0 } else { 0.0 };
            if rounded.fract() == 0.0 { format!("{}", rounded as i64) } else { format!("{rounded:.1}") }
        };
        let mut values = vec![0.0, -0.0, 0.05, -0.05, 0.04999, -0.04999, 0.95, -0.95, 1.05, 99.95, -99.95, 1e11, -1e11];
        values.extend([1e12, 1e15, -3.3e17, 1e300, f64::MAX, f64::MIN, f64::INFINITY, f64::NAN]);
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let scale = [1.0, 100.0, 10_000.0, 1e9][(seed % 4) as usize];
            values.push(((seed >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * scale);
        }
        for value in values {
            assert_eq!(n(value), formatter(value), "{value:e}");
        }
        assert_eq!(Colour(0x0a_1b_2c).hex(), "#0a1b2c");
        assert_eq!(Colour(0xff_ff_ff).hex(), "#ffffff");
    }
}

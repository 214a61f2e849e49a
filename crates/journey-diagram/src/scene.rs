//! A drawing laid out: positioned boxes, lines, paths and texts with their measured widths and
//! resolved colours. The drawings ([`crate::blueprint`], [`crate::flow`]) decide where things go
//! and make a scene; the writers ([`crate::svg`], and the PNG and PDF outputs of the
//! `journey-render` crate) only write it, each the same way. A scene also says where it may be
//! cut into pages ([`Columns`]), which [`crate::page`] uses to print a long journey.

use crate::font::Font;

/// An opaque colour, `0xRRGGBB`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Colour(pub u32);

impl Colour {
    pub fn rgb(self) -> (u8, u8, u8) {
        ((self.0 >> 16) as u8, (self.0 >> 8) as u8, self.0 as u8)
    }

    /// `#1f2933`
    pub fn hex(self) -> String {
        let mut out = String::with_capacity(7);
        self.push_hex(&mut out);
        out
    }

    /// Appends the colour as `#rrggbb` (a drawing writes thousands).
    pub fn push_hex(self, out: &mut String) {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        out.push('#');
        for shift in [20, 16, 12, 8, 4, 0] {
            out.push(char::from(DIGITS[(self.0 >> shift) as usize & 0xF]));
        }
    }
}

/// How a line is drawn.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stroke {
    pub colour: Colour,
    pub width: f64,
    /// Dash and gap lengths (whole or half points, exact in `f32`: a smaller stroke makes every
    /// item of a drawing smaller).
    pub dash: Option<[f32; 2]>,
}

impl Stroke {
    pub const fn solid(colour: Colour, width: f64) -> Stroke {
        Stroke { colour, width, dash: None }
    }

    pub const fn dashed(colour: Colour, width: f64, dash: f64, gap: f64) -> Stroke {
        Stroke { colour, width, dash: Some([dash as f32, gap as f32]) }
    }
}

/// Where a text's `x` is: at its start, its middle or its end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A piece of a path.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Seg {
    Move(f64, f64),
    Line(f64, f64),
    /// Two control points, then the end.
    Cubic(f64, f64, f64, f64, f64, f64),
    /// A half circle of radius `r` to the end point (a hop over a crossing line).
    Arc {
        r: f64,
        x: f64,
        y: f64,
        clockwise: bool,
    },
    Close,
}

/// Lines of text, the first baseline at `y`, the others `leading` below.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub x: f64,
    pub y: f64,
    pub lines: Vec<String>,
    pub leading: f64,
    pub font: Font,
    pub colour: Colour,
    pub anchor: Anchor,
    pub italic: bool,
    /// The widest line, measured in the font.
    pub width: f64,
}

impl Text {
    /// One line.
    pub fn line(x: f64, y: f64, text: impl Into<String>, font: Font, colour: Colour, anchor: Anchor) -> Text {
        Text::lines(x, y, vec![text.into()], font.size * 1.25, font, colour, anchor)
    }

    pub fn lines(x: f64, y: f64, lines: Vec<String>, leading: f64, font: Font, colour: Colour, anchor: Anchor) -> Text {
        let width = crate::text::widest(&lines, font);
        Text { x, y, lines, leading, font, colour, anchor, italic: false, width }
    }

    pub fn italic(mut self) -> Text {
        self.italic = true;
        self
    }

    /// Where the text's left edge is.
    pub fn left(&self) -> f64 {
        match self.anchor {
            Anchor::Start => self.x,
            Anchor::Middle => self.x - self.width / 2.0,
            Anchor::End => self.x - self.width,
        }
    }
}

/// A rectangle (a box's place, a clip, a page's piece of the drawing).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    pub fn right(&self) -> f64 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.h
    }

    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right() && other.x < self.right() && self.y < other.bottom() && other.y < self.bottom()
    }

    fn union(self, other: Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect { x, y, w: self.right().max(other.right()) - x, h: self.bottom().max(other.bottom()) - y }
    }

    fn around(points: impl Iterator<Item = (f64, f64)>) -> Option<Rect> {
        let mut bounds: Option<(f64, f64, f64, f64)> = None;
        for (x, y) in points {
            bounds = Some(match bounds {
                None => (x, y, x, y),
                Some((a, b, c, d)) => (a.min(x), b.min(y), c.max(x), d.max(y)),
            });
        }
        bounds.map(|(a, b, c, d)| Rect { x: a, y: b, w: c - a, h: d - b })
    }
}

/// Items drawn together: a tooltip for all of them, an id, and for pages a clip and a shift.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Group {
    pub id: Option<String>,
    /// Shown when the pointer rests on the group (SVG `<title>`).
    pub tip: Option<String>,
    pub items: Vec<Item>,
    pub clip: Option<Rect>,
    /// Moves the group's items (after clipping to `clip`, which is in their coordinates).
    pub shift: (f64, f64),
}

/// One thing drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Rect { rect: Rect, radius: f64, fill: Option<Colour>, stroke: Option<Stroke> },
    Line { from: (f64, f64), to: (f64, f64), stroke: Stroke },
    Path { segs: Vec<Seg>, fill: Option<Colour>, stroke: Option<Stroke> },
    Circle { cx: f64, cy: f64, r: f64, fill: Option<Colour>, stroke: Option<Stroke> },
    Text(Text),
    Group(Box<Group>),
}

impl Item {
    pub fn rect(x: f64, y: f64, w: f64, h: f64, fill: Option<Colour>, stroke: Option<Stroke>) -> Item {
        Item::Rect { rect: Rect { x, y, w, h }, radius: 0.0, fill, stroke }
    }

    pub fn card(x: f64, y: f64, w: f64, h: f64, fill: Colour, stroke: Stroke) -> Item {
        Item::Rect { rect: Rect { x, y, w, h }, radius: 6.0, fill: Some(fill), stroke: Some(stroke) }
    }

    pub fn line(x1: f64, y1: f64, x2: f64, y2: f64, stroke: Stroke) -> Item {
        Item::Line { from: (x1, y1), to: (x2, y2), stroke }
    }

    /// A polyline through `points`.
    pub fn polyline(points: &[(f64, f64)], stroke: Stroke) -> Item {
        let segs = points
            .iter()
            .enumerate()
            .map(|(i, &(x, y))| if i == 0 { Seg::Move(x, y) } else { Seg::Line(x, y) })
            .collect();
        Item::Path { segs, fill: None, stroke: Some(stroke) }
    }

    /// A filled arrowhead with its tip at `tip`, pointing along the direction `from` → `tip`.
    pub fn arrowhead(from: (f64, f64), tip: (f64, f64), size: f64, colour: Colour) -> Item {
        let (dx, dy) = (tip.0 - from.0, tip.1 - from.1);
        let len = (dx * dx + dy * dy).sqrt().max(1e-9);
        let (ux, uy) = (dx / len, dy / len);
        let base = (tip.0 - ux * size, tip.1 - uy * size);
        let half = size * 0.45;
        let segs = vec![
            Seg::Move(tip.0, tip.1),
            Seg::Line(base.0 - uy * half, base.1 + ux * half),
            Seg::Line(base.0 + uy * half, base.1 - ux * half),
            Seg::Close,
        ];
        Item::Path { segs, fill: Some(colour), stroke: None }
    }

    pub fn group(tip: Option<String>, items: Vec<Item>) -> Item {
        Item::Group(Box::new(Group { tip, items, ..Group::default() }))
    }

    /// The box the item covers (strokes and text included, roughly).
    pub fn bounds(&self) -> Option<Rect> {
        match self {
            Item::Rect { rect, stroke, .. } => {
                let s = stroke.map_or(0.0, |s| s.width / 2.0);
                Some(Rect { x: rect.x - s, y: rect.y - s, w: rect.w + 2.0 * s, h: rect.h + 2.0 * s })
            }
            Item::Line { from, to, stroke } => {
                Rect::around([*from, *to].into_iter()).map(|r| grow(r, stroke.width / 2.0))
            }
            Item::Path { segs, stroke, .. } => Rect::around(segs.iter().flat_map(|s| match *s {
                Seg::Move(x, y) | Seg::Line(x, y) => vec![(x, y)],
                Seg::Cubic(a, b, c, d, x, y) => vec![(a, b), (c, d), (x, y)],
                Seg::Arc { r, x, y, .. } => vec![(x, y - r), (x, y + r)],
                Seg::Close => vec![],
            }))
            .map(|r| grow(r, stroke.map_or(0.0, |s| s.width / 2.0))),
            Item::Circle { cx, cy, r, .. } => Some(Rect { x: cx - r, y: cy - r, w: 2.0 * r, h: 2.0 * r }),
            Item::Text(t) => {
                let lines = t.lines.len().max(1) as f64;
                let top = t.y - t.font.size;
                Some(Rect { x: t.left(), y: top, w: t.width, h: t.font.size * 1.3 + (lines - 1.0) * t.leading })
            }
            Item::Group(g) => {
                let inner = g.items.iter().filter_map(Item::bounds).reduce(Rect::union)?;
                let inner = match g.clip {
                    Some(clip) if clip.overlaps(&inner) => intersect(clip, inner),
                    Some(_) => return None,
                    None => inner,
                };
                Some(Rect { x: inner.x + g.shift.0, y: inner.y + g.shift.1, ..inner })
            }
        }
    }
}

fn grow(r: Rect, by: f64) -> Rect {
    Rect { x: r.x - by, y: r.y - by, w: r.w + 2.0 * by, h: r.h + 2.0 * by }
}

fn intersect(a: Rect, b: Rect) -> Rect {
    let x = a.x.max(b.x);
    let y = a.y.max(b.y);
    Rect { x, y, w: (a.right().min(b.right()) - x).max(0.0), h: (a.bottom().min(b.bottom()) - y).max(0.0) }
}

/// Where a drawing may be cut into pages: the row headers at its left, repeated on every page;
/// its columns, each in a group (a stage) that a page keeps whole if it can; and the heights
/// at which it may be cut across, with a band (the stage headers) repeated below every cut.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Columns {
    /// The row headers take the drawing from x = 0 to here.
    pub gutter: f64,
    pub columns: Vec<Column>,
    /// Where the columns start and end, top to bottom (below the title).
    pub top: f64,
    pub bottom: f64,
    /// Heights between `top` and `bottom` at which the drawing may be cut across.
    pub cuts: Vec<f64>,
    /// A band (the stage headers: top and bottom) that every piece cut across repeats.
    pub header: Option<(f64, f64)>,
}

/// One column: its left and right edges and its group.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    pub x0: f64,
    pub x1: f64,
    pub group: Option<usize>,
}

/// A whole drawing.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub width: f64,
    pub height: f64,
    /// The drawing's accessible title and description.
    pub title: String,
    pub desc: String,
    /// The language of its texts (a BCP 47 tag).
    pub lang: &'static str,
    pub background: Colour,
    /// The colour of its main text (for what a writer adds, such as a page's header).
    pub ink: Colour,
    pub items: Vec<Item>,
    /// Where the drawing may be cut into pages, if anywhere.
    pub columns: Option<Columns>,
}

impl Scene {
    /// Every text the scene draws, in drawing order: not its title, description or tooltips,
    /// which only a browser shows (in its own fonts).
    pub fn texts(&self) -> Vec<&str> {
        fn walk<'a>(items: &'a [Item], out: &mut Vec<&'a str>) {
            for item in items {
                match item {
                    Item::Text(t) => out.extend(t.lines.iter().map(String::as_str)),
                    Item::Group(g) => walk(&g.items, out),
                    _ => {}
                }
            }
        }
        let mut out = Vec::new();
        walk(&self.items, &mut out);
        out
    }
}

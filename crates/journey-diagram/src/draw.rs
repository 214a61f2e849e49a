//! What both drawings lay out the same way: the title block (wrapped to the drawing's width,
//! never running off it), row headers, the legend (wrapped, never clipped), and the context a
//! drawing is made in (the model, the messages of its language, the theme's colours).

use journey_model::ir::*;

use crate::font::Font;
use crate::i18n::{Arg, Messages};
use crate::scene::{Anchor, Colour, Item, Stroke, Text};
use crate::text::wrap;
use crate::theme::Palette;

pub const TITLE: Font = Font::bold(22.0);
pub const SUBTITLE: Font = Font::regular(13.0);
pub const LABEL: Font = Font::bold(12.0);
pub const CAPTION: Font = Font::regular(11.0);
pub const LEGEND: Font = Font::regular(12.0);

/// What a drawing is made with.
pub struct Ctx<'a> {
    pub model: &'a Model,
    pub journey: &'a Journey,
    pub m: Messages,
    pub p: &'static Palette,
}

impl Ctx<'_> {
    pub fn touchpoint(&self, step: &Step) -> Option<&Touchpoint> {
        step.at.and_then(|t| self.model.touchpoint(t))
    }

    pub fn lane_name(&self, lane: Option<LaneId>) -> String {
        match lane.and_then(|l| self.model.lanes.get(l.index())) {
            Some(l) => l.decl.label.to_string(),
            None => self.m.get("lane-none"),
        }
    }

    /// A channel as people say it in the drawing's language (`phone` → `điện thoại`); a
    /// channel the catalogue does not know is shown as written.
    pub fn channel(&self, channel: &str) -> String {
        let key = format!("channel-{}", channel.replace('_', "-"));
        if self.m.has(&key) { self.m.get(&key) } else { channel.replace('_', " ") }
    }

    /// The journey's title: its label, or for a scenario's version both names.
    pub fn title(&self) -> String {
        match self.journey.variant {
            Variant::Scenario { scenario, .. } => {
                let s = self.model.scenarios.get(scenario.index()).map_or("", |s| s.decl.label.as_str());
                self.m.fmt(
                    "title-scenario",
                    &[("journey", Arg::Str(&self.journey.decl.label)), ("scenario", Arg::Str(s))],
                )
            }
            Variant::Base => self.journey.decl.label.to_string(),
        }
    }

    /// The facts under the title: what the drawing is, competitor, customers, segments.
    pub fn facts(&self, kind: &str) -> Vec<String> {
        let j = self.journey;
        let mut facts = vec![self.m.get(kind)];
        if let Some(c) = &j.competitor {
            facts.push(self.m.fmt("fact-competitor", &[("name", Arg::Str(c))]));
        }
        if let Some(v) = &j.volume {
            facts.push(self.m.fmt("fact-customers-month", &[("count", Arg::Num(v.per_month().round()))]));
        }
        let segments: Vec<&str> = j
            .segments
            .iter()
            .filter_map(|s| self.model.segments.get(s.index()))
            .map(|s| s.decl.label.as_str())
            .collect();
        if !segments.is_empty() {
            facts.push(self.m.fmt("fact-segments", &[("list", Arg::Str(&self.m.list(&segments)))]));
        }
        facts
    }
}

/// The title and the facts under it, wrapped to `width`; returns the items and the height.
pub fn title_block(x: f64, y: f64, width: f64, title: &str, facts: &[String], p: &Palette) -> (Vec<Item>, f64) {
    let mut items = Vec::new();
    let lines = wrap(title, width, TITLE);
    let n = lines.len() as f64;
    items.push(Item::Text(Text::lines(x, y + TITLE.size, lines, 28.0, TITLE, p.text, Anchor::Start)));
    let mut h = TITLE.size + (n - 1.0) * 28.0 + 10.0;
    let sub = wrap(&facts.join(" · "), width, SUBTITLE);
    let k = sub.len() as f64;
    items.push(Item::Text(Text::lines(x, y + h + SUBTITLE.size, sub, 17.0, SUBTITLE, p.muted, Anchor::Start)));
    h += SUBTITLE.size + (k - 1.0) * 17.0 + 16.0;
    (items, h)
}

/// A row header: the name in bold, a caption under it, wrapped to the gutter.
pub fn row_header(x: f64, y: f64, width: f64, name: &str, caption: Option<&str>, p: &Palette) -> Vec<Item> {
    let lines = wrap(name, width, LABEL);
    let n = lines.len() as f64;
    let mut items = vec![Item::Text(Text::lines(x, y + LABEL.size, lines, 15.0, LABEL, p.label, Anchor::Start))];
    if let Some(caption) = caption {
        let top = y + LABEL.size + (n - 1.0) * 15.0 + 15.0;
        items.push(Item::Text(Text::lines(
            x,
            top,
            wrap(caption, width, CAPTION),
            14.0,
            CAPTION,
            p.muted,
            Anchor::Start,
        )));
    }
    items
}

/// What a legend entry shows before its text.
pub enum Key {
    /// A card of these colours, dashed or not.
    Card(Colour, Stroke),
    /// A line with an arrowhead.
    Arrow(Stroke),
    /// A line.
    Line(Stroke),
    /// A dot, filled or hollow.
    Dot(Colour, bool),
    /// The mark of a place where branches leave the most likely path.
    Diamond,
}

/// A legend: entries in rows, wrapped at `width`; returns the items and the height.
pub fn legend(x: f64, y: f64, width: f64, entries: &[(Key, String)], p: &Palette) -> (Vec<Item>, f64) {
    let mut items = Vec::new();
    let row_h = 22.0;
    let (mut cx, mut cy) = (x, y);
    for (key, text) in entries {
        let w = 34.0 + LEGEND.width(text) + 18.0;
        if cx > x && cx + w > x + width {
            cx = x;
            cy += row_h;
        }
        let mid = cy + 8.0;
        match key {
            Key::Card(fill, stroke) => {
                items.push(Item::Rect {
                    rect: crate::scene::Rect { x: cx, y: cy + 1.0, w: 26.0, h: 14.0 },
                    radius: 3.0,
                    fill: Some(*fill),
                    stroke: Some(*stroke),
                });
            }
            Key::Arrow(stroke) => {
                items.push(Item::line(cx, mid, cx + 20.0, mid, *stroke));
                items.push(Item::arrowhead((cx, mid), (cx + 27.0, mid), 7.0, stroke.colour));
            }
            Key::Line(stroke) => items.push(Item::line(cx, mid, cx + 27.0, mid, *stroke)),
            Key::Dot(colour, filled) => items.push(Item::Circle {
                cx: cx + 13.0,
                cy: mid,
                r: 5.0,
                fill: Some(if *filled { *colour } else { p.canvas }),
                stroke: Some(Stroke::solid(*colour, 2.0)),
            }),
            Key::Diamond => items.push(crate::blueprint::diamond(cx + 13.0, mid, 5.0, p)),
        }
        items.push(Item::Text(Text::line(cx + 34.0, cy + 12.5, text.clone(), LEGEND, p.text, Anchor::Start)));
        cx += w;
    }
    (items, cy + row_h - y)
}

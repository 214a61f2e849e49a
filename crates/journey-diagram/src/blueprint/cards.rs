//! The blueprint's cards and rows: a card is a box of wrapped text (a title, then smaller
//! lines in their own colours) that grows to fit it; a row is a band with a header and a stack
//! of cards in each column, as tall as its tallest stack.

use crate::font::Font;
use crate::scene::{Anchor, Colour, Item, Rect, Stroke, Text};
use crate::text::wrap;
use crate::theme::{Palette, Swatch};

use super::{COL_W, PAD, col_x};

pub const CARD: Font = Font::regular(13.0);
pub const CARD_LEADING: f64 = 17.0;
pub const META: Font = Font::regular(11.0);
pub const META_BOLD: Font = Font::bold(11.0);
pub const META_LEADING: f64 = 14.0;
pub const CARD_GAP: f64 = 6.0;
pub const ROW_PAD: f64 = 12.0;
const TEXT_W: f64 = COL_W - 2.0 * PAD;

/// A block of small lines in one colour.
struct Meta {
    lines: Vec<String>,
    font: Font,
    colour: Colour,
    italic: bool,
}

/// A box of text.
pub struct Card {
    swatch: Swatch,
    text: Colour,
    dashed: bool,
    /// Small bold lines above the title, in their own colour (a scenario's mark).
    badge: Option<Meta>,
    title: Vec<String>,
    meta: Vec<Meta>,
    tip: String,
}

impl Card {
    /// A card of these colours, its title written in `text`.
    pub fn new(swatch: Swatch, text: Colour, title: &str, tip: impl Into<String>) -> Card {
        let title = wrap(title, TEXT_W, CARD);
        Card { swatch, text, dashed: false, badge: None, title, meta: Vec::new(), tip: tip.into() }
    }

    /// Smaller text under the title.
    pub fn meta(&mut self, text: &str, colour: Colour) -> &mut Self {
        self.add(text, META, colour, false)
    }

    pub fn meta_italic(&mut self, text: &str, colour: Colour) -> &mut Self {
        self.add(text, META, colour, true)
    }

    fn add(&mut self, text: &str, font: Font, colour: Colour, italic: bool) -> &mut Self {
        if !text.is_empty() {
            self.meta.push(Meta { lines: wrap(text, TEXT_W, font), font, colour, italic });
        }
        self
    }

    pub fn badge(&mut self, text: String, colour: Colour) -> &mut Self {
        self.badge = Some(Meta { lines: wrap(&text, TEXT_W, META_BOLD), font: META_BOLD, colour, italic: false });
        self
    }

    /// Drawn with a dashed line and its colour (a step a scenario changes or removes).
    pub fn outline(&mut self, colour: Colour, dashed: bool) -> &mut Self {
        self.swatch.line = colour;
        self.dashed = dashed;
        self
    }

    pub fn height(&self) -> f64 {
        let badge = self.badge.as_ref().map_or(0.0, |b| b.lines.len() as f64 * META_LEADING);
        let meta: f64 = self.meta.iter().map(|m| m.lines.len() as f64 * META_LEADING + 2.0).sum();
        2.0 * PAD + badge + self.title.len() as f64 * CARD_LEADING + meta
    }

    /// The card at (x, y), `h` high (its [`Card::height`]), as a group with its tooltip (its
    /// texts move into the drawing).
    pub fn draw(self, x: f64, y: f64, h: f64) -> Item {
        let stroke = if self.dashed {
            Stroke::dashed(self.swatch.line, 1.6, 5.0, 3.0)
        } else {
            Stroke::solid(self.swatch.line, 1.3)
        };
        let mut items = vec![Item::card(x, y, COL_W, h, self.swatch.fill, stroke)];
        let mut ty = y + PAD;
        if let Some(b) = self.badge {
            let shown = b.lines.len();
            let text =
                Text::lines(x + PAD, ty + META.size - 1.0, b.lines, META_LEADING, b.font, b.colour, Anchor::Start);
            items.push(Item::Text(text));
            ty += shown as f64 * META_LEADING;
        }
        let title = self.title.len();
        items.push(Item::Text(Text::lines(
            x + PAD,
            ty + CARD.size - 1.0,
            self.title,
            CARD_LEADING,
            CARD,
            self.text,
            Anchor::Start,
        )));
        ty += title as f64 * CARD_LEADING + 2.0;
        for m in self.meta {
            let shown = m.lines.len();
            let mut text =
                Text::lines(x + PAD, ty + m.font.size - 1.0, m.lines, META_LEADING, m.font, m.colour, Anchor::Start);
            text.italic = m.italic;
            items.push(Item::Text(text));
            ty += shown as f64 * META_LEADING + 2.0;
        }
        Item::group(Some(self.tip).filter(|t| !t.is_empty()), items)
    }
}

/// A band with a header and a stack of cards in each column.
pub struct Row {
    pub name: String,
    pub caption: Option<String>,
    pub fill: Colour,
    pub cells: Vec<Vec<Card>>,
}

impl Row {
    pub fn new(name: String, caption: Option<String>, fill: Colour, columns: usize) -> Row {
        Row { name, caption, fill, cells: (0..columns).map(|_| Vec::new()).collect() }
    }

    fn stack(cards: &[Card]) -> f64 {
        cards.iter().map(|c| c.height() + CARD_GAP).sum::<f64>() - if cards.is_empty() { 0.0 } else { CARD_GAP }
    }

    pub fn height(&self) -> f64 {
        let tallest = self.cells.iter().map(|c| Row::stack(c)).fold(0.0, f64::max);
        tallest.max(36.0) + 2.0 * ROW_PAD
    }

    /// Draws the row at `y`, `h` high (its [`Row::height`], which the caller has worked out to
    /// lay the rows out), across `[left, right]`: its background (with the header), its cards,
    /// and per column the boxes of its cards. Each card's height is worked out once here: by
    /// now a long journey's cards are out of the cache, and each look at them costs.
    pub fn draw(
        self,
        (y, h): (f64, f64),
        left: f64,
        right: f64,
        gutter: f64,
        p: &Palette,
    ) -> (Vec<Item>, Vec<Item>, Vec<Vec<Rect>>) {
        let mut bg = vec![Item::rect(left, y, right - left, h, Some(self.fill), None)];
        bg.extend(crate::draw::row_header(
            left + 10.0,
            y + ROW_PAD,
            gutter - 24.0,
            &self.name,
            self.caption.as_deref(),
            p,
        ));
        let mut items = Vec::new();
        let mut boxes = Vec::with_capacity(self.cells.len());
        for (col, cards) in self.cells.into_iter().enumerate() {
            let x = col_x(col);
            let mut cy = y + ROW_PAD;
            let mut column = Vec::with_capacity(cards.len());
            for card in cards {
                let ch = card.height();
                items.push(card.draw(x, cy, ch));
                column.push(Rect { x, y: cy, w: COL_W, h: ch });
                cy += ch + CARD_GAP;
            }
            boxes.push(column);
        }
        (bg, items, boxes)
    }
}

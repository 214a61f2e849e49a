//! Cutting a drawing into printed pages. A drawing that fits a page legibly stays whole; a long
//! one is cut between its columns, a stage kept whole on a page where it fits, and every page
//! repeats the row headers on its left; a tall one is also cut across between its rows, every
//! piece repeating the stage headers. Text never gets smaller than [`MIN_SCALE`] of its size
//! on screen. Each page is a scene of its own, in the drawing's pixels; its writer maps it
//! onto the paper with [`Layout::scale`].

use crate::font::Font;
use crate::i18n::{Arg, Lang, Messages};
use crate::scene::{Anchor, Group, Item, Rect, Scene, Text};

/// Paper sizes, in points (1/72 inch).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paper {
    #[default]
    A4,
    A3,
    Letter,
}

impl Paper {
    pub const ALL: [(Paper, &'static str); 3] = [(Paper::A4, "a4"), (Paper::A3, "a3"), (Paper::Letter, "letter")];

    /// Width and height in points, portrait.
    pub fn size(self) -> (f64, f64) {
        match self {
            Paper::A4 => (595.28, 841.89),
            Paper::A3 => (841.89, 1190.55),
            Paper::Letter => (612.0, 792.0),
        }
    }
}

/// A page: its paper and which way up (`None`: whichever takes fewer pages).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PageSize {
    pub paper: Paper,
    pub portrait: Option<bool>,
}

impl PageSize {
    /// `a4`, `a3-portrait`, `letter-landscape`.
    pub fn parse(text: &str) -> Option<PageSize> {
        let lower = text.to_ascii_lowercase();
        let (name, way) = match lower.split_once('-') {
            Some((name, way)) => (name, Some(way)),
            None => (lower.as_str(), None),
        };
        let paper = Paper::ALL.iter().find(|(_, n)| *n == name)?.0;
        let portrait = match way {
            None => None,
            Some("portrait") => Some(true),
            Some("landscape") => Some(false),
            Some(_) => return None,
        };
        Some(PageSize { paper, portrait })
    }

    /// Width and height in points (landscape unless portrait).
    pub fn points(self) -> (f64, f64) {
        let (w, h) = self.paper.size();
        if self.portrait == Some(true) { (w, h) } else { (h, w) }
    }
}

/// Points per pixel of the drawing when printed at its size on screen (96 pixels an inch).
pub const ACTUAL: f64 = 0.75;
/// The smallest points per pixel pages are printed at: 13 px card text is 7 pt.
pub const MIN_SCALE: f64 = 0.54;
/// The paper's margin, in points.
pub const MARGIN: f64 = 28.0;
const HEADER: Font = Font::bold(14.0);
const CAPTION: Font = Font::regular(11.0);
/// The margin drawings leave around themselves, in their pixels.
const DRAWING_MARGIN: f64 = 24.0;

/// Pages of a drawing, and the points per pixel they are printed at.
pub struct Layout {
    pub pages: Vec<Scene>,
    pub scale: f64,
    pub size: PageSize,
}

/// Cuts a scene into pages of `size`; with no orientation given, the one that takes fewer
/// pages (landscape if both take as many).
pub fn paginate(scene: &Scene, size: PageSize) -> Layout {
    match size.portrait {
        Some(_) => paginate_on(scene, size),
        None => {
            let landscape = paginate_on(scene, PageSize { portrait: Some(false), ..size });
            let portrait = paginate_on(scene, PageSize { portrait: Some(true), ..size });
            if portrait.pages.len() < landscape.pages.len() { portrait } else { landscape }
        }
    }
}

fn paginate_on(scene: &Scene, size: PageSize) -> Layout {
    let (pw, ph) = size.points();
    let (aw, ah) = (pw - 2.0 * MARGIN, ph - 2.0 * MARGIN);
    let whole = (aw / scene.width).min(ah / scene.height).min(ACTUAL);
    let Some(cols) = scene.columns.as_ref().filter(|c| whole < MIN_SCALE && !c.columns.is_empty()) else {
        // It fits: one page, the drawing centred.
        let scale = whole;
        let (w, h) = (pw / scale, ph / scale);
        let shift = ((w - scene.width) / 2.0, (h - scene.height) / 2.0);
        let page = Scene {
            width: w,
            height: h,
            items: vec![Item::Group(Box::new(Group { items: scene.items.clone(), shift, ..Group::default() }))],
            columns: None,
            ..scene.clone()
        };
        return Layout { pages: vec![page], scale, size };
    };
    let legend_h = (scene.height - cols.bottom).max(0.0);
    // Every page keeps room for the drawing's title block, which the first page shows; the
    // others show a line with the title and the page's number.
    let header_px = (cols.top - DRAWING_MARGIN).max(30.0);
    let body_h = cols.bottom - cols.top;
    // As large as the height allows, but never below the smallest legible size.
    let scale = (ah / (header_px + body_h + legend_h)).clamp(MIN_SCALE, ACTUAL);
    let (w_px, h_px) = (pw / scale, ph / scale);
    let margin_px = MARGIN / scale;
    let room_w = w_px - 2.0 * margin_px - cols.gutter;
    let room_h = h_px - 2.0 * margin_px - header_px;

    // Columns: whole stages while they fit, a stage too wide for a page cut between columns.
    let n = cols.columns.len();
    let mut slices: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    while start < n {
        let mut fit = start;
        while fit + 1 < n && cols.columns[fit + 1].x1 - cols.columns[start].x0 <= room_w {
            fit += 1;
        }
        let closes = |e: usize| e + 1 == n || cols.columns[e + 1].group != cols.columns[e].group;
        let stop = (start..=fit).rev().find(|&e| closes(e)).unwrap_or(fit);
        slices.push((start, stop));
        start = stop + 1;
    }
    // Rows: cut across where the drawing allows, each piece below the first repeating the header.
    let header_band = cols.header.map_or(0.0, |(a, b)| b - a);
    let mut tiles: Vec<(f64, f64)> = Vec::new();
    let mut top = cols.top;
    let mut cuts: Vec<f64> = cols.cuts.iter().copied().filter(|&c| c > cols.top && c < cols.bottom).collect();
    cuts.push(cols.bottom);
    while top < cols.bottom - 0.5 {
        let extra = if tiles.is_empty() { 0.0 } else { header_band };
        let limit = top + room_h - extra - legend_h;
        let next = cuts.iter().copied().filter(|&c| c > top + 1.0 && c <= limit).fold(None, |_, c| Some(c));
        let bottom = next.unwrap_or_else(|| cuts.iter().copied().find(|&c| c > top + 1.0).unwrap_or(cols.bottom));
        tiles.push((top, bottom));
        top = bottom;
    }

    let lang = Lang::parse(scene.lang).unwrap_or_default();
    let m = Messages::new(lang);
    let total = slices.len() * tiles.len();
    let mut pages = Vec::with_capacity(total);
    for &(first, last) in &slices {
        let (x0, x1) = (cols.columns[first].x0, cols.columns[last].x1);
        for (t, &(y0, y1)) in tiles.iter().enumerate() {
            let mut items = Vec::new();
            let number = pages.len() + 1;
            let numbers = [("page", Arg::Num(number as f64)), ("pages", Arg::Num(total as f64))];
            if number == 1 {
                let w = scene.width.min(w_px - 2.0 * margin_px + DRAWING_MARGIN);
                let block = Rect { x: 0.0, y: 0.0, w, h: cols.top };
                items.push(cut(scene, block, (margin_px - DRAWING_MARGIN, margin_px - DRAWING_MARGIN)));
                let text = m.fmt("page-number", &numbers);
                items.push(Item::Text(Text::line(
                    w_px - margin_px,
                    margin_px - 8.0,
                    text,
                    CAPTION,
                    scene.ink,
                    Anchor::End,
                )));
            } else {
                let mut args = vec![("title", Arg::Str(&scene.title))];
                args.extend(numbers);
                let title = crate::text::ellipsize(&m.fmt("page-header", &args), w_px - 2.0 * margin_px, HEADER);
                items.push(Item::Text(Text::line(
                    margin_px,
                    margin_px + HEADER.size,
                    title,
                    HEADER,
                    scene.ink,
                    Anchor::Start,
                )));
            }
            let mut y = margin_px + header_px;
            let piece = |ya: f64, yb: f64, y: f64, items: &mut Vec<Item>| {
                let h = yb - ya;
                items.push(cut(scene, Rect { x: 0.0, y: ya, w: cols.gutter, h }, (margin_px, y)));
                items.push(cut(scene, Rect { x: x0, y: ya, w: x1 - x0, h }, (margin_px + cols.gutter, y)));
            };
            if t > 0 {
                if let Some((ha, hb)) = cols.header {
                    piece(ha, hb, y, &mut items);
                    y += hb - ha;
                }
            }
            piece(y0, y1, y, &mut items);
            y += y1 - y0;
            if t + 1 == tiles.len() && legend_h > 0.0 {
                let w = (scene.width).min(w_px - 2.0 * margin_px);
                items.push(cut(scene, Rect { x: 0.0, y: cols.bottom, w, h: legend_h }, (margin_px, y)));
            }
            pages.push(Scene {
                width: w_px,
                height: h_px,
                title: scene.title.clone(),
                desc: scene.desc.clone(),
                lang: scene.lang,
                background: scene.background,
                ink: scene.ink,
                items,
                columns: None,
            });
        }
    }
    Layout { pages, scale, size }
}

/// The part of the scene inside `clip`, moved so that the clip's corner lands at `at`.
fn cut(scene: &Scene, clip: Rect, at: (f64, f64)) -> Item {
    Item::Group(Box::new(Group {
        items: within(&scene.items, &clip),
        clip: Some(clip),
        shift: (at.0 - clip.x, at.1 - clip.y),
        ..Group::default()
    }))
}

/// The items that reach into `clip`; groups without a tooltip are thinned item by item.
fn within(items: &[Item], clip: &Rect) -> Vec<Item> {
    let mut out = Vec::new();
    for item in items {
        match item {
            Item::Group(g) if g.tip.is_none() && g.clip.is_none() && g.shift == (0.0, 0.0) => {
                let inner = within(&g.items, clip);
                if !inner.is_empty() {
                    out.push(Item::Group(Box::new(Group { items: inner, ..(**g).clone() })));
                }
            }
            _ => {
                if item.bounds().is_some_and(|b| b.overlaps(clip)) {
                    out.push(item.clone());
                }
            }
        }
    }
    out
}

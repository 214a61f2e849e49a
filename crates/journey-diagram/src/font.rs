//! The font drawings are measured in and drawn with: Journey Sans (a subset of Noto Sans, see
//! `fonts/README.md`), bundled so that text measured to fit its box fits it in the SVG, the PNG
//! and the PDF alike. Widths are the sum of the glyphs' advances (no kerning, which only ever
//! narrows Latin text a little, so a measured text errs wide). Characters the font lacks (CJK,
//! emoji) are measured as the outputs draw them with other fonts: wide ones a full em.

use std::sync::OnceLock;

/// The bundled font's family name, as the SVG names it and the PNG and PDF outputs find it.
pub const FAMILY: &str = "Journey Sans";

/// The `font-family` an SVG asks for: the bundled face, then faces of about its width for a
/// viewer that lacks it.
pub const FAMILY_LIST: &str = "'Journey Sans', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif";

/// Journey Sans Regular (TrueType).
pub static REGULAR: &[u8] = include_bytes!("../fonts/JourneySans-Regular.ttf");

/// Journey Sans Bold (TrueType).
pub static BOLD: &[u8] = include_bytes!("../fonts/JourneySans-Bold.ttf");

/// The two weights drawings use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weight {
    Regular,
    Bold,
}

/// A size and a weight: what text is set in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    pub size: f64,
    pub weight: Weight,
}

impl Font {
    pub const fn regular(size: f64) -> Font {
        Font { size, weight: Weight::Regular }
    }

    pub const fn bold(size: f64) -> Font {
        Font { size, weight: Weight::Bold }
    }

    pub const fn with_size(self, size: f64) -> Font {
        Font { size, weight: self.weight }
    }

    /// How wide `text` is, in pixels.
    pub fn width(&self, text: &str) -> f64 {
        metrics(self.weight).width(text) * self.size
    }

    /// Whether the bundled font draws the character itself.
    pub fn covers(c: char) -> bool {
        metrics(Weight::Regular).advance(c).is_some()
    }
}

/// Advances of one face, in ems: a table for the first characters, the font beyond.
struct Metrics {
    /// `u16::MAX` where the font has no glyph.
    table: Vec<u16>,
    units: f64,
    face: Option<ttf_parser::Face<'static>>,
}

/// Characters below this are looked up in a table made once.
const TABLE: u32 = 0x2100;

impl Metrics {
    fn new(bytes: &'static [u8]) -> Metrics {
        let face = ttf_parser::Face::parse(bytes, 0).ok();
        let units = face.as_ref().map_or(1000.0, |f| f64::from(f.units_per_em()));
        let mut table = vec![u16::MAX; TABLE as usize];
        if let Some(face) = &face {
            for (code, slot) in table.iter_mut().enumerate() {
                let Some(c) = char::from_u32(code as u32) else { continue };
                if let Some(advance) = face.glyph_index(c).and_then(|g| face.glyph_hor_advance(g)) {
                    *slot = advance.min(u16::MAX - 1);
                }
            }
        }
        Metrics { table, units, face }
    }

    fn advance(&self, c: char) -> Option<f64> {
        let units = match self.table.get(c as usize) {
            Some(&u) if u != u16::MAX => Some(u),
            Some(_) => None,
            None => self.face.as_ref().and_then(|f| f.glyph_index(c).and_then(|g| f.glyph_hor_advance(g))),
        };
        units.map(|u| f64::from(u) / self.units)
    }

    fn width(&self, text: &str) -> f64 {
        text.chars().map(|c| self.advance(c).unwrap_or_else(|| fallback(c))).sum()
    }
}

/// The width, in ems, of a character another font draws.
fn fallback(c: char) -> f64 {
    let u = c as u32;
    if is_mark(u) || c.is_control() || matches!(u, 0x200B..=0x200F | 0x2060..=0x2064 | 0xFE00..=0xFE0F) {
        0.0
    } else if is_wide(u) {
        1.0
    } else {
        0.6
    }
}

/// Combining marks, which sit on the character before them.
fn is_mark(u: u32) -> bool {
    matches!(u, 0x0300..=0x036F | 0x0483..=0x0489 | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// East Asian wide and full-width characters, and emoji.
fn is_wide(u: u32) -> bool {
    matches!(
        u,
        0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6
            | 0x1F300..=0x1FAFF
            | 0x20000..=0x3FFFD
    )
}

fn metrics(weight: Weight) -> &'static Metrics {
    static REGULAR_METRICS: OnceLock<Metrics> = OnceLock::new();
    static BOLD_METRICS: OnceLock<Metrics> = OnceLock::new();
    match weight {
        Weight::Regular => REGULAR_METRICS.get_or_init(|| Metrics::new(REGULAR)),
        Weight::Bold => BOLD_METRICS.get_or_init(|| Metrics::new(BOLD)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_the_bundled_font() {
        let font = Font::regular(10.0);
        // Noto Sans: "i" is narrow, "W" wide; bold is wider than regular.
        assert!(font.width("i") < font.width("W"));
        assert!(Font::bold(10.0).width("Service") > font.width("Service"));
        assert!((font.width("Mm") - (font.width("M") + font.width("m"))).abs() < 1e-9);
        // Vietnamese, Greek and Cyrillic are in the font; CJK is not, and is a full em.
        for c in ['ầ', 'ư', 'Ơ', 'λ', 'Ж', '…', '·'] {
            assert!(Font::covers(c), "{c}");
        }
        assert!(!Font::covers('客'));
        assert_eq!(font.width("客户"), 20.0);
        // A combining mark adds nothing.
        assert_eq!(font.width("e\u{301}"), font.width("e"));
    }
}

//! Text set into boxes: wrapped at spaces (never at a no-break space, which figures put between
//! a number and its unit), a word wider than the box split where it must be, and text that
//! cannot have all the lines it needs cut with an ellipsis, never silently.

use crate::font::Font;

/// The ellipsis that ends cut text.
pub const ELLIPSIS: char = '…';

/// Whether a line may break at `c`: at white space, but not at a no-break space.
fn breaks(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{A0}' | '\u{202F}' | '\u{2007}')
}

/// Breaks text into lines no wider than `width`; a word longer than a line is split.
pub fn wrap(text: &str, width: f64, font: Font) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        let mut line_w = 0.0;
        let space = font.width(" ");
        for word in paragraph.split(breaks).filter(|w| !w.is_empty()) {
            let word_w = font.width(word);
            if line.is_empty() && word_w <= width {
                line.push_str(word);
                line_w = word_w;
                continue;
            }
            if !line.is_empty() && line_w + space + word_w <= width {
                line.push(' ');
                line.push_str(word);
                line_w += space + word_w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut where it must be.
            let mut piece = String::new();
            let mut piece_w = 0.0;
            for c in word.chars() {
                let w = font.width(c.encode_utf8(&mut [0; 4]));
                if piece_w + w > width && !piece.is_empty() {
                    lines.push(std::mem::take(&mut piece));
                    piece_w = 0.0;
                }
                piece.push(c);
                piece_w += w;
            }
            line = piece;
            line_w = piece_w;
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Cuts one line to `width`, ending it with an ellipsis if anything was cut.
pub fn ellipsize(line: &str, width: f64, font: Font) -> String {
    if font.width(line) <= width { line.to_string() } else { cut(line, width, font) }
}

/// As much of `line` as fits in `width` with an ellipsis after it.
fn cut(line: &str, width: f64, font: Font) -> String {
    let room = width - font.width("…");
    let mut out = String::new();
    let mut used = 0.0;
    for c in line.chars() {
        let w = font.width(c.encode_utf8(&mut [0; 4]));
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    let mut out = out.trim_end().to_string();
    out.push(ELLIPSIS);
    out
}

/// Text wrapped to `width` in at most `max_lines` lines; the last ends with an ellipsis when
/// the text needed more. The flag says whether anything was cut.
pub fn fit(text: &str, width: f64, font: Font, max_lines: usize) -> (Vec<String>, bool) {
    let mut lines = wrap(text, width, font);
    if lines.len() <= max_lines.max(1) {
        return (lines, false);
    }
    lines.truncate(max_lines.max(1));
    if let Some(last) = lines.last_mut() {
        *last = cut(&format!("{last} "), width, font);
    }
    (lines, true)
}

/// The width of the widest line.
pub fn widest(lines: &[String], font: Font) -> f64 {
    lines.iter().map(|l| font.width(l)).fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Font = Font::regular(12.0);

    #[test]
    fn wraps_within_the_width() {
        let lines = wrap("Call to ask about sizes before ordering", 100.0, F);
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| F.width(l) <= 100.0), "{lines:?}");
        assert_eq!(lines.join(" "), "Call to ask about sizes before ordering");
    }

    #[test]
    fn never_breaks_a_number_from_its_unit() {
        let lines = wrap("takes about 12\u{A0}min", F.width("takes about 12"), F);
        assert_eq!(lines.last().map(String::as_str), Some("12\u{A0}min"));
    }

    #[test]
    fn cuts_with_an_ellipsis() {
        let (lines, cut) = fit("Trung tâm chăm sóc khách hàng của chúng tôi", 80.0, F, 1);
        assert!(cut);
        assert_eq!(lines.len(), 1);
        assert!(lines[0].ends_with(ELLIPSIS), "{lines:?}");
        assert!(F.width(&lines[0]) <= 80.0);
        let (lines, cut) = fit("Short", 80.0, F, 1);
        assert!(!cut);
        assert_eq!(lines, ["Short"]);
        // A long word is split, then cut.
        let (lines, cut) = fit(&"x".repeat(200), 50.0, F, 2);
        assert!(cut && lines.len() == 2 && lines[1].ends_with(ELLIPSIS));
        assert!(lines.iter().all(|l| F.width(l) <= 50.0));
    }
}

//! The report's style sheet, in the colours of its theme. Every selector is scoped to the
//! report's own classes or to HTML elements that SVG does not have, so that nothing in it can
//! match a drawing (the drawings carry their colours on their elements and need no style
//! sheet). The print rules lay the report out on A4 landscape: no navigation, every drawing
//! fitted to the page's width and height and never split, no page left blank. The bundled font
//! comes along as data, so that the drawings are set in the font they were measured in, in any
//! browser.

use base64::Engine;

use crate::font;
use crate::theme::Palette;

/// The bundled font's two weights, as `@font-face` rules.
fn faces() -> String {
    let face = |bytes: &[u8], weight: u16| {
        format!(
            "@font-face {{ font-family: '{}'; font-weight: {weight}; src: url(data:font/ttf;base64,{}) format('truetype'); }}\n",
            font::FAMILY,
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    };
    face(font::REGULAR, 400) + &face(font::BOLD, 700)
}

/// The style sheet for a palette.
pub fn css(p: &Palette) -> String {
    let vars = format!(
        ".jr-report {{ --jr-page: {}; --jr-surface: {}; --jr-text: {}; --jr-muted: {}; --jr-link: {}; --jr-rule: {}; --jr-header: {}; --jr-header-text: {}; --jr-pain: {}; --jr-risk: {}; --jr-good: {}; --jr-code: {}; }}\n",
        p.page.hex(),
        p.canvas.hex(),
        p.text.hex(),
        p.muted.hex(),
        p.link.hex(),
        p.rule.hex(),
        p.header.hex(),
        p.header_text.hex(),
        p.pain.hex(),
        p.risk.hex(),
        p.good.hex(),
        p.band_customer.hex(),
    );
    let scheme = if p.canvas == crate::theme::Theme::Dark.palette().canvas { "dark" } else { "light" };
    format!("{}{vars}.jr-report {{ color-scheme: {scheme}; }}\n{RULES}", faces())
}

const RULES: &str = r#".jr-report, .jr-header, .jr-nav, .jr-main, .jr-section, .jr-diagram { box-sizing: border-box; }
.jr-report { margin: 0; font-family: 'Journey Sans', 'Noto Sans', Arial, sans-serif; color: var(--jr-text); background: var(--jr-page); line-height: 1.45; }
.jr-header { background: var(--jr-header); color: var(--jr-header-text); padding: 24px 32px; }
.jr-header h1 { margin: 0 0 4px; font-size: 26px; }
.jr-header p { margin: 0; }
.jr-nav { background: var(--jr-surface); border-bottom: 1px solid var(--jr-rule); padding: 10px 32px; position: sticky; top: 0; z-index: 1; }
.jr-nav a { margin-right: 16px; color: var(--jr-link); font-weight: 600; }
.jr-main { padding: 24px 32px 48px; }
.jr-section { background: var(--jr-surface); border: 1px solid var(--jr-rule); border-radius: 8px; padding: 20px 24px; margin-bottom: 24px; }
.jr-section h2 { margin: 0 0 4px; font-size: 22px; }
.jr-section h3 { margin: 22px 0 8px; font-size: 16px; }
.jr-sub { color: var(--jr-muted); margin: 0 0 12px; }
.jr-section table { border-collapse: collapse; margin: 8px 0 12px; font-size: 14px; }
.jr-section th, .jr-section td { border-bottom: 1px solid var(--jr-rule); padding: 6px 14px 6px 0; text-align: left; vertical-align: top; }
.jr-section th { color: var(--jr-muted); font-weight: 600; font-size: 13px; }
.jr-section td.jr-num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.jr-diagram { margin: 8px 0 16px; overflow-x: auto; border: 1px solid var(--jr-rule); border-radius: 6px; }
.jr-diagram > svg { display: block; }
.jr-print { display: none; }
.jr-error { color: var(--jr-pain); font-weight: 700; }
.jr-warning { color: var(--jr-risk); font-weight: 700; }
.jr-pain { color: var(--jr-pain); }
.jr-risk { color: var(--jr-risk); }
.jr-ok { color: var(--jr-good); font-weight: 700; }
.jr-kind { display: inline-block; min-width: 150px; color: var(--jr-muted); font-size: 13px; }
.jr-findings li { margin-bottom: 4px; }
.jr-section code { background: var(--jr-code); padding: 1px 4px; border-radius: 3px; font-size: 13px; }
@page { size: A4 landscape; margin: 12mm; }
@media print {
  .jr-report { background: var(--jr-surface); -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .jr-nav { display: none; }
  .jr-header { padding: 0 0 8px; background: none; color: var(--jr-text); }
  .jr-main { padding: 0; }
  .jr-section { border: none; border-radius: 0; padding: 0; margin: 0 0 8mm; break-before: page; }
  .jr-section:first-child { break-before: auto; }
  .jr-section h2, .jr-section h3 { break-after: avoid; }
  .jr-section tr { break-inside: avoid; }
  .jr-diagram { overflow: visible; border: none; break-inside: avoid; }
  .jr-diagram > svg { width: 100%; height: auto; max-height: 170mm; }
  .jr-screen { display: none; }
  .jr-print { display: block; }
}
"#;

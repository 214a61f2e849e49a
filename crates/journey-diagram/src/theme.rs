//! The colours of the drawings and the report: a light theme for screens, a dark one, and a
//! high-contrast one for print and for readers who need it. Every text colour reaches the
//! WCAG AA contrast (4.5:1) on every background it is drawn on, and every line 3:1 on the
//! canvas; the tests below measure it.

use crate::scene::Colour;

/// A theme, as `--theme` names it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    Contrast,
}

impl Theme {
    pub const ALL: [(Theme, &'static str); 3] =
        [(Theme::Light, "light"), (Theme::Dark, "dark"), (Theme::Contrast, "high-contrast")];

    pub fn parse(name: &str) -> Option<Theme> {
        Theme::ALL.iter().find(|(_, n)| *n == name || (name == "contrast" && *n == "high-contrast")).map(|(t, _)| *t)
    }

    pub fn name(self) -> &'static str {
        Theme::ALL.iter().find(|(t, _)| *t == self).map_or("light", |(_, n)| n)
    }

    pub fn palette(self) -> &'static Palette {
        match self {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
            Theme::Contrast => &CONTRAST,
        }
    }
}

/// A fill and the line around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swatch {
    pub fill: Colour,
    pub line: Colour,
}

/// Every colour a drawing uses, by what it is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Palette {
    pub canvas: Colour,
    pub text: Colour,
    /// Secondary text: subtitles, card details, axis labels.
    pub muted: Colour,
    /// Row headers.
    pub label: Colour,
    pub stage: Swatch,
    pub stage_text: Colour,
    /// The customer's rows, the frontstage's, the backstage's and the support systems'.
    pub band_customer: Colour,
    pub band_front: Colour,
    pub band_back: Colour,
    pub band_support: Colour,
    /// Every other lane of a flow diagram.
    pub band_alt: Colour,
    pub step: Swatch,
    pub evidence: Swatch,
    pub touchpoint: Swatch,
    pub procedure: Swatch,
    pub system: Swatch,
    pub interaction: Colour,
    pub visibility: Colour,
    pub internal: Colour,
    pub flow: Colour,
    pub flow_back: Colour,
    /// Arrows where an action calls on the layer below.
    pub call: Colour,
    pub share_text: Colour,
    pub share_bg: Colour,
    pub emotion: Colour,
    pub good: Colour,
    pub bad: Colour,
    pub neutral: Colour,
    pub pain: Colour,
    pub risk: Colour,
    pub risk_mark: Colour,
    /// Scenario marks: a step added, changed, or removed against the baseline.
    pub added: Colour,
    pub changed: Colour,
    pub removed: Colour,
    pub start: Colour,
    pub end: Colour,
    /// The report: its page behind the sections, links, rules between rows, and its header.
    pub page: Colour,
    pub link: Colour,
    pub rule: Colour,
    pub header: Colour,
    pub header_text: Colour,
}

impl Palette {
    /// Every background text may stand on.
    pub fn backgrounds(&self) -> Vec<Colour> {
        vec![
            self.canvas,
            self.band_customer,
            self.band_front,
            self.band_back,
            self.band_support,
            self.band_alt,
            self.step.fill,
            self.evidence.fill,
            self.touchpoint.fill,
            self.procedure.fill,
            self.system.fill,
        ]
    }
}

const fn c(rgb: u32) -> Colour {
    Colour(rgb)
}

const fn swatch(fill: u32, line: u32) -> Swatch {
    Swatch { fill: Colour(fill), line: Colour(line) }
}

static LIGHT: Palette = Palette {
    canvas: c(0xffffff),
    text: c(0x1f2933),
    muted: c(0x4a5563),
    label: c(0x334e68),
    stage: swatch(0xe4ecf7, 0x8da2bb),
    stage_text: c(0x1f3a5a),
    band_customer: c(0xf2f5f9),
    band_front: c(0xfbfcfd),
    band_back: c(0xf5f6fa),
    band_support: c(0xf0f4f1),
    band_alt: c(0xfbf9f3),
    step: swatch(0xffffff, 0x334e68),
    evidence: swatch(0xfff8e1, 0xb08a1e),
    touchpoint: swatch(0xe6f4fb, 0x2272a8),
    procedure: swatch(0xf3edfc, 0x7446b3),
    system: swatch(0xeaf5ea, 0x3a7d3d),
    interaction: c(0x1d6fa5),
    visibility: c(0xb8322f),
    internal: c(0x6c3fae),
    flow: c(0x334e68),
    flow_back: c(0xae4f17),
    call: c(0x5b6b7c),
    share_text: c(0x1f3a5a),
    share_bg: c(0xffffff),
    emotion: c(0x1d6fa5),
    good: c(0x2f7d32),
    bad: c(0xc0392b),
    neutral: c(0x6b7c8f),
    pain: c(0xb3261e),
    risk: c(0x8a5300),
    risk_mark: c(0xf0b429),
    added: c(0x2f7d32),
    changed: c(0x9a5b00),
    removed: c(0xb3261e),
    start: c(0x2f7d32),
    end: c(0x1f2933),
    page: c(0xf3f5f8),
    link: c(0x1b5e94),
    rule: c(0xd5dde6),
    header: c(0x1f3a5a),
    header_text: c(0xffffff),
};

static DARK: Palette = Palette {
    canvas: c(0x15191f),
    text: c(0xe8edf2),
    muted: c(0xb3bfcc),
    label: c(0xc3d2e2),
    stage: swatch(0x243447, 0x5a7391),
    stage_text: c(0xe1ebf7),
    band_customer: c(0x1c232c),
    band_front: c(0x191e25),
    band_back: c(0x1d1f2a),
    band_support: c(0x1a231d),
    band_alt: c(0x201f1b),
    step: swatch(0x252d37, 0x9fb3c8),
    evidence: swatch(0x3a3220, 0xd9b44a),
    touchpoint: swatch(0x173142, 0x5fb1e3),
    procedure: swatch(0x2c2340, 0xb294e6),
    system: swatch(0x1e3321, 0x7cc47f),
    interaction: c(0x5fb1e3),
    visibility: c(0xf08a84),
    internal: c(0xb294e6),
    flow: c(0xb8c7d6),
    flow_back: c(0xf0a06a),
    call: c(0x8fa1b3),
    share_text: c(0xe8edf2),
    share_bg: c(0x15191f),
    emotion: c(0x5fb1e3),
    good: c(0x7cc47f),
    bad: c(0xf08a84),
    neutral: c(0x9aa9b8),
    pain: c(0xff9b93),
    risk: c(0xf5c264),
    risk_mark: c(0xd9a12b),
    added: c(0x7cc47f),
    changed: c(0xf5c264),
    removed: c(0xff9b93),
    start: c(0x7cc47f),
    end: c(0xe8edf2),
    page: c(0x0e1116),
    link: c(0x7cc0f0),
    rule: c(0x38424e),
    header: c(0x1b2a3b),
    header_text: c(0xe8edf2),
};

static CONTRAST: Palette = Palette {
    canvas: c(0xffffff),
    text: c(0x000000),
    muted: c(0x1a1a1a),
    label: c(0x000000),
    stage: swatch(0xffffff, 0x000000),
    stage_text: c(0x000000),
    band_customer: c(0xffffff),
    band_front: c(0xffffff),
    band_back: c(0xffffff),
    band_support: c(0xffffff),
    band_alt: c(0xf2f2f2),
    step: swatch(0xffffff, 0x000000),
    evidence: swatch(0xffffff, 0x000000),
    touchpoint: swatch(0xffffff, 0x003d73),
    procedure: swatch(0xffffff, 0x3d1a73),
    system: swatch(0xffffff, 0x0b4d0e),
    interaction: c(0x003d73),
    visibility: c(0x8b0000),
    internal: c(0x3d1a73),
    flow: c(0x000000),
    flow_back: c(0x7a2e00),
    call: c(0x000000),
    share_text: c(0x000000),
    share_bg: c(0xffffff),
    emotion: c(0x003d73),
    good: c(0x0b4d0e),
    bad: c(0x8b0000),
    neutral: c(0x333333),
    pain: c(0x8b0000),
    risk: c(0x5c3a00),
    risk_mark: c(0x5c3a00),
    added: c(0x0b4d0e),
    changed: c(0x5c3a00),
    removed: c(0x8b0000),
    start: c(0x0b4d0e),
    end: c(0x000000),
    page: c(0xffffff),
    link: c(0x00376b),
    rule: c(0x000000),
    header: c(0x000000),
    header_text: c(0xffffff),
};

/// The WCAG 2 contrast ratio of two colours, from 1 to 21.
pub fn contrast(a: Colour, b: Colour) -> f64 {
    fn luminance(c: Colour) -> f64 {
        let (r, g, b) = c.rgb();
        let lin = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.03928 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
    }
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_reaches_aa_on_every_background_it_meets() {
        for (theme, name) in Theme::ALL {
            let p = theme.palette();
            let everywhere = [("text", p.text), ("muted", p.muted), ("label", p.label)];
            for (what, colour) in everywhere {
                for bg in p.backgrounds() {
                    let ratio = contrast(colour, bg);
                    assert!(ratio >= 4.5, "{name}: {what} {} on {} is {ratio:.2}", colour.hex(), bg.hex());
                }
            }
            // Coloured text, on the card or band it is written on.
            let specific = [
                ("stage text", p.stage_text, p.stage.fill),
                ("pain", p.pain, p.step.fill),
                ("risk", p.risk, p.step.fill),
                ("share", p.share_text, p.share_bg),
                ("interaction label", p.interaction, p.band_customer),
                ("visibility label", p.visibility, p.band_front),
                ("internal label", p.internal, p.band_back),
                ("added", p.added, p.step.fill),
                ("changed", p.changed, p.step.fill),
                ("removed", p.removed, p.canvas),
                ("emotion label", p.muted, p.band_customer),
                ("loop share", p.flow_back, p.share_bg),
                ("report text", p.text, p.page),
                ("report muted", p.muted, p.page),
                ("link", p.link, p.canvas),
                ("link on the page", p.link, p.page),
                ("header", p.header_text, p.header),
                ("pain in the report", p.pain, p.canvas),
                ("risk in the report", p.risk, p.canvas),
                ("good", p.good, p.canvas),
            ];
            for (what, colour, bg) in specific {
                let ratio = contrast(colour, bg);
                assert!(ratio >= 4.5, "{name}: {what} {} on {} is {ratio:.2}", colour.hex(), bg.hex());
            }
            // Lines and marks: 3:1 against the canvas (WCAG 1.4.11).
            for (what, colour) in [
                ("flow", p.flow),
                ("flow back", p.flow_back),
                ("interaction", p.interaction),
                ("visibility", p.visibility),
                ("internal", p.internal),
                ("emotion", p.emotion),
                ("step line", p.step.line),
                ("touchpoint line", p.touchpoint.line),
                ("procedure line", p.procedure.line),
                ("system line", p.system.line),
                ("call", p.call),
            ] {
                let ratio = contrast(colour, p.canvas);
                assert!(ratio >= 3.0, "{name}: {what} {} on the canvas is {ratio:.2}", colour.hex());
            }
        }
    }

    #[test]
    fn contrast_is_measured_as_wcag_says() {
        assert!((contrast(Colour(0x000000), Colour(0xffffff)) - 21.0).abs() < 1e-9);
        assert!((contrast(Colour(0x777777), Colour(0xffffff)) - 4.48).abs() < 0.01);
    }
}

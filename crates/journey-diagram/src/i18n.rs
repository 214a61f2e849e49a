//! The languages drawings and reports speak: every fixed text comes from one Fluent catalogue
//! per language (`locales/*.ftl`), looked up by key, with the plural rules of its language.
//! Figures are written the language's way too: the catalogue says which decimal and group
//! separators it uses, how a percentage and each unit of time are written, and the formatter
//! installed in each bundle writes every number a message shows with them.

use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// A language journey speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Vi,
    El,
    Sv,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Vi, Lang::El, Lang::Sv];

    /// The BCP 47 tag: `en`, `vi`, `el`, `sv`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
            Lang::El => "el",
            Lang::Sv => "sv",
        }
    }

    /// A language from a tag as people write it: `vi`, `vi-VN`, `sv_SE`, `EL`.
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.tag() == primary)
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../locales/en.ftl"),
            Lang::Vi => include_str!("../locales/vi.ftl"),
            Lang::El => include_str!("../locales/el.ftl"),
            Lang::Sv => include_str!("../locales/sv.ftl"),
        }
    }

    fn index(self) -> usize {
        Lang::ALL.iter().position(|l| *l == self).unwrap_or(0)
    }
}

/// An argument of a message.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    /// A number: written the language's way, and what plural forms are chosen by.
    Num(f64),
    Str(&'a str),
}

type Bundle = FluentBundle<FluentResource>;

/// The separators a language writes numbers with.
#[derive(Clone, Debug)]
struct Separators {
    decimal: String,
    group: String,
}

struct Catalogue {
    bundle: Bundle,
    separators: OnceLock<Separators>,
}

fn catalogue(lang: Lang) -> &'static Catalogue {
    static CATALOGUES: [OnceLock<Catalogue>; 4] = [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
    CATALOGUES[lang.index()].get_or_init(|| {
        let tag = lang.tag().parse().unwrap_or_default();
        let mut bundle = Bundle::new_concurrent(vec![tag]);
        bundle.set_use_isolating(false);
        // The formatter is a plain function: one per language, each reading its separators.
        bundle.set_formatter(Some(match lang {
            Lang::En => |v, _| format_value(Lang::En, v),
            Lang::Vi => |v, _| format_value(Lang::Vi, v),
            Lang::El => |v, _| format_value(Lang::El, v),
            Lang::Sv => |v, _| format_value(Lang::Sv, v),
        }));
        // A catalogue that does not parse keeps what it could read; the tests read them all.
        let resource = FluentResource::try_new(lang.source().to_string()).unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        Catalogue { bundle, separators: OnceLock::new() }
    })
}

fn separators(lang: Lang) -> &'static Separators {
    let cat = catalogue(lang);
    cat.separators.get_or_init(|| {
        let read = |key: &str, default: &str| {
            format(cat, key, None).or_else(|| format(catalogue(Lang::En), key, None)).unwrap_or_else(|| default.into())
        };
        Separators { decimal: read("number-decimal", "."), group: read("number-group", ",") }
    })
}

fn format_value(lang: Lang, value: &FluentValue) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(number_with(separators(lang), n.value)),
        _ => None,
    }
}

/// A number with at most two decimals, grouped by thousands.
fn number_with(seps: &Separators, value: f64) -> String {
    if !value.is_finite() {
        return "∞".into();
    }
    let text = format!("{:.2}", value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let frac = frac.trim_end_matches('0');
    let mut out = String::new();
    if value < 0.0 && (int != "0" || !frac.is_empty()) {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push_str(&seps.group);
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push_str(&seps.decimal);
        out.push_str(frac);
    }
    out
}

fn format(cat: &Catalogue, key: &str, args: Option<&FluentArgs>) -> Option<String> {
    let pattern = cat.bundle.get_message(key)?.value()?;
    let mut errors = Vec::new();
    let text = cat.bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// The messages of one language, and its way of writing figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Messages {
    pub lang: Lang,
}

impl Messages {
    pub fn new(lang: Lang) -> Messages {
        Messages { lang }
    }

    /// A message with no arguments.
    pub fn get(&self, key: &str) -> String {
        self.fmt(key, &[])
    }

    /// A message with arguments. A key no catalogue has comes back as itself (the tests make
    /// sure every key the code uses is in every catalogue).
    pub fn fmt(&self, key: &str, args: &[(&str, Arg)]) -> String {
        let mut fluent = FluentArgs::new();
        for (name, arg) in args {
            match *arg {
                Arg::Num(v) => fluent.set(*name, FluentValue::from(v)),
                Arg::Str(s) => fluent.set(*name, FluentValue::from(s)),
            }
        }
        let args = (!args.is_empty()).then_some(&fluent);
        format(catalogue(self.lang), key, args)
            .or_else(|| format(catalogue(Lang::En), key, args))
            .unwrap_or_else(|| key.to_string())
    }

    /// Whether the language's catalogue has the message itself.
    pub fn has(&self, key: &str) -> bool {
        catalogue(self.lang).bundle.has_message(key)
    }

    /// A number with at most two decimals: `1.42`, `1,42`, `12 000`.
    pub fn number(&self, value: f64) -> String {
        number_with(separators(self.lang), value)
    }

    /// A whole count, grouped: `12,000`, `12.000`, `12 000`.
    pub fn count(&self, value: f64) -> String {
        number_with(separators(self.lang), value.round())
    }

    /// An emotion score with its sign: `+1.5`, `+1,5`, `-1`.
    pub fn score(&self, value: f64) -> String {
        let n = self.number(value);
        if value > 0.0 && n != "0" { format!("+{n}") } else { n }
    }

    /// A share: `30%`, `30,5 %`.
    pub fn percent(&self, fraction: f64) -> String {
        let p = fraction * 100.0;
        let shown = if (p - p.round()).abs() < 0.05 { p.round() } else { (p * 10.0).round() / 10.0 };
        self.fmt("percent", &[("value", Arg::Num(shown))])
    }

    /// A duration in its two largest units: `2 h 30 min`, `2 giờ 30 phút`.
    pub fn duration(&self, seconds: f64) -> String {
        if !seconds.is_finite() {
            return "∞".into();
        }
        const UNITS: [(i64, &str); 5] = [
            (604_800, "duration-weeks"),
            (86_400, "duration-days"),
            (3_600, "duration-hours"),
            (60, "duration-minutes"),
            (1, "duration-seconds"),
        ];
        let s = seconds.round() as i64;
        if s == 0 {
            return self.fmt("duration-seconds", &[("n", Arg::Num(0.0))]);
        }
        let mut parts = Vec::new();
        let mut rest = s.abs();
        for (size, key) in UNITS {
            if rest >= size {
                parts.push(self.fmt(key, &[("n", Arg::Num((rest / size) as f64))]));
                rest %= size;
            }
            if parts.len() == 2 {
                break;
            }
        }
        let sign = if s < 0 { "-" } else { "" };
        format!("{sign}{}", parts.join(" "))
    }

    /// An amount with its currency: `4.50 EUR`, `4,50 EUR`.
    pub fn money(&self, amount: f64, currency: Option<&str>) -> String {
        let seps = separators(self.lang);
        let text = format!("{:.2}", amount.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
        let whole = number_with(seps, int.parse::<f64>().unwrap_or(0.0));
        let sign = if amount < 0.0 { "-" } else { "" };
        match currency {
            Some(c) => format!("{sign}{whole}{}{frac}\u{A0}{c}", seps.decimal),
            None => format!("{sign}{whole}{}{frac}", seps.decimal),
        }
    }

    /// Items joined as a list: `A, B, C`.
    pub fn list(&self, items: &[&str]) -> String {
        items.join(", ")
    }
}

/// Every message key of a catalogue, as written in its file.
pub fn keys(lang: Lang) -> Vec<String> {
    let Ok(resource) = FluentResource::try_new(lang.source().to_string()) else { return Vec::new() };
    resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// The syntax errors of a catalogue, for the tests.
pub fn errors(lang: Lang) -> Vec<String> {
    match FluentResource::try_new(lang.source().to_string()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_catalogue_has_every_message_english_has() {
        let english = keys(Lang::En);
        assert!(english.len() > 50, "the English catalogue is read");
        for lang in Lang::ALL {
            assert_eq!(errors(lang), Vec::<String>::new(), "{} does not parse", lang.tag());
            let have = keys(lang);
            let missing: Vec<&String> = english.iter().filter(|k| !have.contains(k)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.tag());
            let extra: Vec<&String> = have.iter().filter(|k| !english.contains(k)).collect();
            assert!(extra.is_empty(), "{} has messages English does not: {extra:?}", lang.tag());
            // Every message formats without an error, with the arguments the code gives it.
            for key in &english {
                let m = Messages::new(lang);
                assert!(m.has(key), "{} {key}", lang.tag());
            }
        }
    }

    #[test]
    fn numbers_are_written_the_languages_way() {
        let en = Messages::new(Lang::En);
        let vi = Messages::new(Lang::Vi);
        let el = Messages::new(Lang::El);
        let sv = Messages::new(Lang::Sv);
        assert_eq!(en.number(1234.5), "1,234.5");
        assert_eq!(vi.number(1234.5), "1.234,5");
        assert_eq!(el.number(1234.5), "1.234,5");
        assert_eq!(sv.number(1234.5), "1\u{A0}234,5");
        assert_eq!(en.percent(0.305), "30.5%");
        assert_eq!(sv.percent(0.3), "30\u{A0}%");
        assert_eq!(vi.percent(0.455), "45,5%");
        assert_eq!(en.count(12000.4), "12,000");
        assert_eq!(en.score(0.5), "+0.5");
        assert_eq!(el.score(-1.25), "-1,25");
        assert_eq!(en.money(4.5, Some("EUR")), "4.50\u{A0}EUR");
        assert_eq!(sv.money(1234.5, Some("SEK")), "1\u{A0}234,50\u{A0}SEK");
        assert_eq!(en.duration(9000.0), "2\u{A0}h 30\u{A0}min");
        assert_eq!(vi.duration(2.0 * 86_400.0 + 3_600.0), "2\u{A0}ngày 1\u{A0}giờ");
        assert_eq!(en.number(-0.001), "0");
    }

    #[test]
    fn plurals_come_from_the_catalogue() {
        let en = Messages::new(Lang::En);
        assert_eq!(en.fmt("count-journeys", &[("count", Arg::Num(1.0))]), "1 journey");
        assert_eq!(en.fmt("count-journeys", &[("count", Arg::Num(3.0))]), "3 journeys");
        let sv = Messages::new(Lang::Sv);
        assert_eq!(sv.fmt("count-journeys", &[("count", Arg::Num(1.0))]), "1 kundresa");
        assert_eq!(sv.fmt("count-journeys", &[("count", Arg::Num(2.0))]), "2 kundresor");
        let el = Messages::new(Lang::El);
        assert_eq!(el.fmt("count-journeys", &[("count", Arg::Num(1.0))]), "1 διαδρομή");
        assert_eq!(el.fmt("count-journeys", &[("count", Arg::Num(2.0))]), "2 διαδρομές");
    }

    #[test]
    fn tags_are_read_as_people_write_them() {
        assert_eq!(Lang::parse("vi-VN"), Some(Lang::Vi));
        assert_eq!(Lang::parse("sv_SE"), Some(Lang::Sv));
        assert_eq!(Lang::parse("EL"), Some(Lang::El));
        assert_eq!(Lang::parse("de"), None);
    }
}

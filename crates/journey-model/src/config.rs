//! `journey.toml`: the level of each rule (`allow`, `warn`, `deny`, by name or code), the
//! thresholds of the path rules and the team's own channels. Unknown keys and bad values are
//! errors at their place in the file, so a typo in the configuration never silently turns a
//! rule off.
//!
//! ```toml
//! [rules]
//! unused-declaration = "allow"
//! dead-end = "deny"
//!
//! [thresholds]
//! max-handoffs = 3
//! max-channel-switches = 2
//!
//! [channels]
//! hotline = "contact"
//! portal = "self-service"
//! ```
//!
//! A top-level `exclude = ["drafts/", "*.generated.journey"]` lists gitignore patterns,
//! relative to the workspace root, of files that folder scans leave out; the shells apply it,
//! the core only reads it.
//!
//! A top-level `lang = "vi"` sets the language of the drawings and the report.

use std::collections::HashMap;

use journey_diagnostics::{Code, Diagnostic, FileId, Level, Span};
use toml::de::{DeTable, DeValue};

use crate::channels::Kind;
use crate::suggest::closest;

/// The name of the configuration file at the workspace root.
pub const FILE_NAME: &str = "journey.toml";

/// The languages drawings and reports are written in (`lang` in `journey.toml`).
pub const LANGUAGES: [&str; 4] = ["en", "vi", "el", "sv"];

/// The thresholds, with their names in `journey.toml`.
pub const THRESHOLDS: [(&str, u32, &str); 2] = [
    ("max-handoffs", 3, "hand-offs between lanes allowed on one path within one stage"),
    ("max-channel-switches", 3, "channel switches allowed on one path within one stage"),
];

#[derive(Clone, Debug)]
pub struct Config {
    levels: HashMap<Code, Level>,
    pub max_handoffs: u32,
    pub max_channel_switches: u32,
    /// The team's channels (`[channels]`), in the order written: the word and whether a
    /// person answers there.
    pub channels: Vec<(String, Kind)>,
    /// Gitignore patterns of files that folder scans leave out.
    pub exclude: Vec<String>,
    /// The language of the drawings and the report, one of [`LANGUAGES`].
    pub lang: Option<&'static str>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            levels: HashMap::new(),
            max_handoffs: THRESHOLDS[0].1,
            max_channel_switches: THRESHOLDS[1].1,
            channels: Vec::new(),
            exclude: Vec::new(),
            lang: None,
        }
    }
}

impl Config {
    /// The level a rule runs at.
    pub fn level(&self, code: Code) -> Level {
        self.levels.get(&code).copied().unwrap_or(code.info().default)
    }

    pub fn set_level(&mut self, code: Code, level: Level) {
        if code.info().configurable {
            self.levels.insert(code, level);
        }
    }

    /// Reads `journey.toml`; `file` is its id in the run's source files, for diagnostics.
    pub fn parse(text: &str, file: FileId) -> (Config, Vec<Diagnostic>) {
        let mut config = Config::default();
        let mut diagnostics = Vec::new();
        let span = |r: std::ops::Range<usize>| Span::new(file, r.start as u32..r.end as u32);
        let table = match DeTable::parse(text) {
            Ok(table) => table,
            Err(error) => {
                diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidConfig,
                        span(error.span().unwrap_or(0..0)),
                        format!("{FILE_NAME} is not valid TOML"),
                    )
                    .with_label(error.message().to_string())
                    .with_help("fix the TOML syntax; see https://toml.io"),
                );
                return (config, diagnostics);
            }
        };
        for (key, value) in table.get_ref() {
            match key.get_ref().as_ref() {
                "rules" => config.read_rules(value, &span, &mut diagnostics),
                "thresholds" => config.read_thresholds(value, &span, &mut diagnostics),
                "channels" => config.read_channels(value, &span, &mut diagnostics),
                "exclude" => config.read_exclude(value, &span, &mut diagnostics),
                "lang" => config.read_lang(value, &span, &mut diagnostics),
                other => diagnostics.push(unknown_key(
                    span(key.span()),
                    other,
                    "key",
                    &["rules", "thresholds", "channels", "exclude", "lang"],
                )),
            }
        }
        (config, diagnostics)
    }

    fn read_rules(
        &mut self,
        value: &toml::Spanned<DeValue>,
        span: &dyn Fn(std::ops::Range<usize>) -> Span,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(table) = value.get_ref().as_table() else {
            out.push(not_a_table(span(value.span()), "rules"));
            return;
        };
        for (key, level) in table {
            let name = key.get_ref().as_ref();
            let Some(code) = Code::find(name) else {
                let names: Vec<&str> = Code::all().iter().filter(|i| i.configurable).map(|i| i.name).collect();
                out.push(unknown_key(span(key.span()), name, "rule", &names));
                continue;
            };
            if !code.info().configurable {
                out.push(
                    Diagnostic::new(Code::InvalidConfig, span(key.span()), format!("`{name}` cannot be configured"))
                        .with_label(format!("{} {} is always an error", code.id(), code.name()))
                        .with_help("remove this line: the model cannot be read at all while this mistake stands"),
                );
                continue;
            }
            match level.get_ref().as_str().and_then(Level::parse) {
                Some(level) => self.set_level(code, level),
                None => out.push(
                    Diagnostic::new(Code::InvalidConfig, span(level.span()), format!("`{name}` needs a level"))
                        .with_label("not a level")
                        .with_help(format!("write `{name} = \"allow\"`, `\"warn\"` or `\"deny\"`")),
                ),
            }
        }
    }

    fn read_lang(
        &mut self,
        value: &toml::Spanned<DeValue>,
        span: &dyn Fn(std::ops::Range<usize>) -> Span,
        out: &mut Vec<Diagnostic>,
    ) {
        let tag = value.get_ref().as_str().unwrap_or("");
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match LANGUAGES.iter().find(|l| **l == primary) {
            Some(lang) => self.lang = Some(lang),
            None => out.push(
                Diagnostic::new(Code::InvalidConfig, span(value.span()), "`lang` needs a language journey speaks")
                    .with_label("not one of them")
                    .with_help(format!("write one of {}, e.g. `lang = \"vi\"`", LANGUAGES.join(", "))),
            ),
        }
    }

    fn read_thresholds(
        &mut self,
        value: &toml::Spanned<DeValue>,
        span: &dyn Fn(std::ops::Range<usize>) -> Span,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(table) = value.get_ref().as_table() else {
            out.push(not_a_table(span(value.span()), "thresholds"));
            return;
        };
        for (key, number) in table {
            let name = key.get_ref().as_ref();
            let parsed = number
                .get_ref()
                .as_integer()
                .and_then(|i| u32::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok());
            let slot = match name {
                "max-handoffs" => &mut self.max_handoffs,
                "max-channel-switches" => &mut self.max_channel_switches,
                _ => {
                    let names: Vec<&str> = THRESHOLDS.iter().map(|t| t.0).collect();
                    out.push(unknown_key(span(key.span()), name, "threshold", &names));
                    continue;
                }
            };
            match parsed {
                Some(n) => *slot = n,
                None => out.push(
                    Diagnostic::new(Code::InvalidConfig, span(number.span()), format!("`{name}` needs a whole number"))
                        .with_label("not a whole number from 0 up")
                        .with_help(format!("write e.g. `{name} = 3`")),
                ),
            }
        }
    }

    fn read_channels(
        &mut self,
        value: &toml::Spanned<DeValue>,
        span: &dyn Fn(std::ops::Range<usize>) -> Span,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(table) = value.get_ref().as_table() else {
            out.push(not_a_table(span(value.span()), "channels"));
            return;
        };
        for (key, kind) in table {
            let name = key.get_ref().as_ref();
            let valid = !name.is_empty()
                && name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_alphanumeric() || c == '_');
            if !valid {
                out.push(
                    Diagnostic::new(Code::InvalidConfig, span(key.span()), format!("`{name}` cannot be a channel"))
                        .with_label("not a word a model can write after `channel:`")
                        .with_help("a channel is a word of letters, digits and `_`, starting with a letter"),
                );
                continue;
            }
            match kind.get_ref().as_str().and_then(Kind::parse) {
                Some(kind) => match self.channels.iter_mut().find(|(w, _)| w == name) {
                    Some(slot) => slot.1 = kind,
                    None => self.channels.push((name.to_string(), kind)),
                },
                None => out.push(
                    Diagnostic::new(Code::InvalidConfig, span(kind.span()), format!("channel `{name}` needs a kind"))
                        .with_label("neither \"contact\" nor \"self-service\"")
                        .with_help(format!(
                            "write `{name} = \"contact\"` if a person answers there, else `{name} = \"self-service\"`"
                        )),
                ),
            }
        }
    }

    fn read_exclude(
        &mut self,
        value: &toml::Spanned<DeValue>,
        span: &dyn Fn(std::ops::Range<usize>) -> Span,
        out: &mut Vec<Diagnostic>,
    ) {
        let bad = |at| {
            Diagnostic::new(Code::InvalidConfig, span(at), "`exclude` must be a list of patterns")
                .with_label("not a list of strings")
                .with_help("write e.g. `exclude = [\"drafts/\", \"*.generated.journey\"]`")
        };
        let Some(patterns) = value.get_ref().as_array() else {
            out.push(bad(value.span()));
            return;
        };
        for pattern in patterns {
            match pattern.get_ref().as_str() {
                Some(text) => self.exclude.push(text.to_string()),
                None => out.push(bad(pattern.span())),
            }
        }
    }

    /// Applies the configured levels: findings of allowed rules are dropped, the others get
    /// their configured severity.
    pub fn apply(&self, diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
        diagnostics
            .into_iter()
            .filter_map(|mut d| {
                if d.code.info().configurable {
                    d.severity = self.level(d.code).severity()?;
                }
                Some(d)
            })
            .collect()
    }
}

fn not_a_table(span: Span, name: &str) -> Diagnostic {
    Diagnostic::new(Code::InvalidConfig, span, format!("`{name}` must be a table"))
        .with_label("not a table")
        .with_help(format!("write it as a section: `[{name}]`"))
}

fn unknown_key(span: Span, name: &str, what: &str, known: &[&str]) -> Diagnostic {
    let d = Diagnostic::new(Code::InvalidConfig, span, format!("unknown {what} `{name}`"))
        .with_label(format!("no such {what}"));
    match closest(name, known.iter().copied()) {
        Some(s) => d.with_help(format!("did you mean `{s}`?")).with_fix(format!("use `{s}`"), span, s),
        None => d.with_help(format!("the {what}s are: {}", known.join(", "))),
    }
}

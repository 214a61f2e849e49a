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
//!
//! [evidence]
//! tolerance = 5      # percentage points outside an observed share's interval
//! min-cases = 30     # fewer cases are not judged
//! unmodelled = 5     # percent of cases an unmodelled transition may carry
//! window = "month"   # fit and judge each month of the log, and report drift between them
//!
//! [log]              # how the team's event logs are written (the command line overrides)
//! case = "order"
//! segment = "customer"
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

/// The evidence settings, with their names in `journey.toml` and their defaults.
pub const EVIDENCE: [(&str, f64, &str); 3] = [
    ("tolerance", 5.0, "percentage points a modelled share may lie outside the observed share's 95% interval"),
    ("min-cases", 30.0, "the fewest cases of an audience the log must have before anything is judged"),
    ("unmodelled", 5.0, "percent of cases an unmodelled transition may carry before it is reported"),
];

/// The windows a log can be fitted by (`[evidence] window`).
pub const WINDOWS: [&str; 5] = ["none", "day", "week", "month", "quarter"];

/// The time formats of a CSV log (`[log] time-format`).
pub const TIME_FORMATS: [&str; 5] = ["iso", "day-first", "month-first", "unix-seconds", "unix-millis"];

/// The settings of `[log]`: the columns (or attributes) of the team's event logs.
pub const LOG_SETTINGS: [(&str, &str); 7] = [
    ("case", "the case column (CSV, Parquet)"),
    ("activity", "the activity column (CSV, Parquet)"),
    ("time", "the time column (CSV, Parquet)"),
    ("segment", "the segment column or attribute"),
    ("time-format", "how a CSV log writes its times"),
    ("object-type", "the OCEL object type whose objects are the cases"),
    ("format", "the log's format when its name does not say it"),
];

/// How strictly an event log judges the model (`[evidence]`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Evidence {
    /// Percentage points.
    pub tolerance: f64,
    pub min_cases: u64,
    /// Percent of cases.
    pub unmodelled: f64,
    /// The windows to fit by, one of [`WINDOWS`]; `None` when not set.
    pub window: Option<&'static str>,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence { tolerance: EVIDENCE[0].1, min_cases: EVIDENCE[1].1 as u64, unmodelled: EVIDENCE[2].1, window: None }
    }
}

/// `[log]`: how the team's event logs are written, each setting by its name in
/// [`LOG_SETTINGS`]; what the command line gives wins.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LogSettings {
    pub values: Vec<(&'static str, String)>,
}

impl LogSettings {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(n, _)| *n == name).map(|(_, v)| v.as_str())
    }
}

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
    /// `[evidence]`: how strictly an event log judges the model.
    pub evidence: Evidence,
    /// `[log]`: how the team's event logs are written.
    pub log: LogSettings,
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
            evidence: Evidence::default(),
            log: LogSettings::default(),
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
                "evidence" => config.read_evidence(value, &span, &mut diagnostics),
                "log" => config.read_log(value, &span, &mut diagnostics),
                other => diagnostics.push(unknown_key(
                    span(key.span()),
                    other,
                    "key",
                    &["rules", "thresholds", "channels", "exclude", "lang", "evidence", "log"],
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

    fn read_evidence(
        &mut self,
        value: &toml::Spanned<DeValue>,
        span: &dyn Fn(std::ops::Range<usize>) -> Span,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(table) = value.get_ref().as_table() else {
            out.push(not_a_table(span(value.span()), "evidence"));
            return;
        };
        for (key, number) in table {
            let name = key.get_ref().as_ref();
            if name == "window" {
                match one_of(number, &WINDOWS) {
                    Some(window) => self.evidence.window = Some(window),
                    None => out.push(not_one_of(span(number.span()), name, &WINDOWS)),
                }
                continue;
            }
            let parsed: Option<f64> = match number.get_ref() {
                DeValue::Integer(i) => {
                    i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok().map(|n| n as f64)
                }
                DeValue::Float(f) => f.as_str().replace('_', "").parse().ok(),
                _ => None,
            };
            let parsed = parsed.filter(|n| n.is_finite() && *n >= 0.0);
            let bad = |what: &str, example: &str| {
                Diagnostic::new(Code::InvalidConfig, span(number.span()), format!("`{name}` needs {what}"))
                    .with_label(format!("not {what}"))
                    .with_help(format!("write e.g. `{name} = {example}`"))
            };
            match name {
                "tolerance" | "unmodelled" => match parsed.filter(|n| *n <= 100.0) {
                    Some(n) if name == "tolerance" => self.evidence.tolerance = n,
                    Some(n) => self.evidence.unmodelled = n,
                    None => out.push(bad("a number from 0 to 100", "5")),
                },
                "min-cases" => match parsed.filter(|n| n.fract() == 0.0 && *n <= u32::MAX as f64) {
                    Some(n) => self.evidence.min_cases = n as u64,
                    None => out.push(bad("a whole number from 0 up", "30")),
                },
                _ => {
                    let names: Vec<&str> = EVIDENCE.iter().map(|t| t.0).chain(["window"]).collect();
                    out.push(unknown_key(span(key.span()), name, "evidence setting", &names));
                }
            }
        }
    }

    fn read_log(
        &mut self,
        value: &toml::Spanned<DeValue>,
        span: &dyn Fn(std::ops::Range<usize>) -> Span,
        out: &mut Vec<Diagnostic>,
    ) {
        let Some(table) = value.get_ref().as_table() else {
            out.push(not_a_table(span(value.span()), "log"));
            return;
        };
        for (key, text) in table {
            let name = key.get_ref().as_ref();
            let Some(&(setting, _)) = LOG_SETTINGS.iter().find(|(n, _)| *n == name) else {
                let names: Vec<&str> = LOG_SETTINGS.iter().map(|t| t.0).collect();
                out.push(unknown_key(span(key.span()), name, "log setting", &names));
                continue;
            };
            let formats = ["csv", "xes", "ocel-json", "ocel-xml", "parquet"];
            let allowed: Option<&[&str]> = match setting {
                "time-format" => Some(&TIME_FORMATS),
                "format" => Some(&formats),
                _ => None,
            };
            let accepted = match (text.get_ref().as_str(), allowed) {
                (Some(v), Some(list)) => one_of(text, list).map(|_| v.to_string()),
                (Some(v), None) if !v.is_empty() => Some(v.to_string()),
                _ => None,
            };
            match (accepted, allowed) {
                (Some(v), _) => self.log.values.push((setting, v)),
                (None, Some(list)) => out.push(not_one_of(span(text.span()), name, list)),
                (None, None) => out.push(
                    Diagnostic::new(Code::InvalidConfig, span(text.span()), format!("`{name}` needs a name"))
                        .with_label("not a name")
                        .with_help(format!("write the column's header, e.g. `{name} = \"{setting}\"`")),
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

/// The text of a string value, if it is one of `names`.
fn one_of(value: &toml::Spanned<DeValue>, names: &[&'static str]) -> Option<&'static str> {
    let text = value.get_ref().as_str()?;
    names.iter().copied().find(|n| *n == text)
}

fn not_one_of(span: Span, name: &str, names: &[&str]) -> Diagnostic {
    Diagnostic::new(Code::InvalidConfig, span, format!("`{name}` needs one of {}", names.join(", ")))
        .with_label("not one of them")
        .with_help(format!("write e.g. `{name} = \"{}\"`", names.get(1).or(names.first()).unwrap_or(&"")))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_settings_are_read_with_their_defaults_elsewhere() {
        let (config, diagnostics) = Config::parse("[evidence]\ntolerance = 2.5\nmin-cases = 1_000\n", FileId(0));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config.evidence, Evidence { tolerance: 2.5, min_cases: 1000, unmodelled: 5.0, window: None });
        let (config, _) = Config::parse("", FileId(0));
        assert_eq!(config.evidence, Evidence { tolerance: 5.0, min_cases: 30, unmodelled: 5.0, window: None });
        let (config, diagnostics) = Config::parse("[evidence]\nwindow = \"month\"\n", FileId(0));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(config.evidence.window, Some("month"));
    }

    #[test]
    fn the_log_settings_name_columns_and_formats() {
        let text = "[log]\ncase = \"order\"\nsegment = \"customer\"\ntime-format = \"day-first\"\n";
        let (config, diagnostics) = Config::parse(text, FileId(0));
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(
            (config.log.get("case"), config.log.get("segment"), config.log.get("time-format"), config.log.get("time")),
            (Some("order"), Some("customer"), Some("day-first"), None)
        );
        let bad = "[log]\ncolumn = \"x\"\ntime-format = \"dmy\"\ncase = 3\n[evidence]\nwindow = \"year\"\n";
        let (config, diagnostics) = Config::parse(bad, FileId(0));
        let mut messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        messages.sort_unstable();
        assert_eq!(
            messages,
            [
                "`case` needs a name",
                "`time-format` needs one of iso, day-first, month-first, unix-seconds, unix-millis",
                "`window` needs one of none, day, week, month, quarter",
                "unknown log setting `column`"
            ]
        );
        assert!(config.log.values.is_empty() && config.evidence.window.is_none());
    }
}

//! A journey-map spreadsheet saved as CSV, one row per step, as a model: each distinct lane a
//! `lane`, each distinct touchpoint (or, where none is named, channel) a `touchpoint` in its
//! lane with its channel, and one journey (or one per value of a journey column) whose stages
//! are the runs of rows with the same stage (an empty stage cell continues the one above).
//!
//! Headers are matched loosely: case, spaces, `_`, `-` and text in brackets do not count, and
//! each column has synonyms in English, German, French, Spanish, Dutch, Italian and Portuguese
//! ([`COLUMNS`]). A column nobody knows is reported once and its cells are kept as comments on
//! their steps. The delimiter (`,`, `;` or tab) is the one the header line uses most.

use std::collections::HashMap;

use journey_diagnostics::{Code, Diagnostic, Span};

use crate::columns::{COLUMNS, Kind, column, normalise};
use crate::draft::{Draft, Journey, Named, Part, Step, Touchpoint, too_long, word};
use crate::mermaid::{cut, name_steps};
use crate::{ImportOptions, Imported, values};

/// The delimiter the first lines use most: `,`, `;` or a tab (quoted text aside).
fn delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for line in text.lines().filter(|l| !l.trim().is_empty()).take(10) {
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => counts[0] += 1,
                ';' if !quoted => counts[1] += 1,
                '\t' if !quoted => counts[2] += 1,
                _ => {}
            }
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], usize::from(i == 0))).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// One row as read: where it starts in the text, and its cells.
struct Row {
    start: usize,
    cells: Vec<String>,
}

impl Row {
    fn cell(&self, index: Option<usize>) -> &str {
        index.and_then(|i| self.cells.get(i)).map_or("", |c| c.trim())
    }

    fn is_empty(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

pub fn import(text: &str, options: &ImportOptions) -> Imported {
    let mut diagnostics = Vec::new();
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let bom = text.len() - body.len();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(body))
        .from_reader(body.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => rows.push(Row {
                start: bom + record.position().map_or(0, |p| p.byte() as usize),
                cells: record.iter().map(String::from).collect(),
            }),
            Err(error) => {
                let at = error.position().map_or(0, |p| p.byte() as usize) + bom;
                let span = Span::new(options.file, offset(at)..offset(at));
                diagnostics.push(
                    Diagnostic::new(Code::NotImportable, span, format!("the spreadsheet cannot be read: {error}"))
                        .with_label("here")
                        .with_help("save the sheet as CSV (UTF-8)"),
                );
                return (String::new(), diagnostics);
            }
        }
    }
    let ends: Vec<usize> = rows.iter().skip(1).map(|r| r.start).chain([text.len()]).collect();
    let spans: Vec<Span> = rows
        .iter()
        .zip(ends)
        .map(|(row, end)| {
            let line = text.get(row.start..end).unwrap_or("").trim_end();
            Span::new(options.file, offset(row.start)..offset(row.start + line.len()))
        })
        .collect();
    Sheet { options, rows: &rows, spans: &spans, diagnostics }.import()
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

struct Sheet<'a> {
    options: &'a ImportOptions,
    rows: &'a [Row],
    spans: &'a [Span],
    diagnostics: Vec<Diagnostic>,
}

/// How the emotion column is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Scale {
    /// −2..+2, as the language writes it.
    Signed,
    /// 1..5, 3 neutral, as Mermaid and many surveys write it.
    OneToFive,
}

impl Sheet<'_> {
    fn span(&self, row: usize) -> Span {
        self.spans.get(row).copied().unwrap_or(Span::new(self.options.file, 0..0))
    }

    /// The header row: the first row with content, unless a row among the next few names a
    /// step column and it does not.
    fn header(&self) -> Option<usize> {
        let names_step = |r: &Row| r.cells.iter().any(|c| column(c) == Some(Kind::Step));
        let with_content: Vec<usize> = (0..self.rows.len()).filter(|&i| !self.rows[i].is_empty()).take(10).collect();
        with_content.into_iter().find(|&i| names_step(&self.rows[i]))
    }

    fn import(mut self) -> Imported {
        let Some(header) = self.header() else {
            let steps = COLUMNS.iter().find(|c| c.kind == Kind::Step).map_or(&[][..], |c| c.headers);
            let span = self.rows.iter().position(|r| !r.is_empty()).map_or(self.span(0), |i| self.span(i));
            self.diagnostics.push(
                Diagnostic::new(Code::NotImportable, span, "no header row names a step column")
                    .with_label("expected a header row such as `Stage,Step,Touchpoint,Emotion`")
                    .with_help(format!(
                        "one column must name the step, e.g. {}",
                        steps.iter().take(8).map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ")
                    )),
            );
            return (String::new(), self.diagnostics);
        };
        let mut draft = Draft::default();
        draft.header.push("Imported from a journey-map spreadsheet.".into());
        for row in self.rows.iter().take(header).filter(|r| !r.is_empty()) {
            let cells: Vec<&str> = row.cells.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
            draft.header.push(format!("above the header: {}", cells.join(" | ")));
        }
        // Which column is which; a second column of a kind is read as unknown.
        let titles = &self.rows[header].cells;
        let mut kinds: Vec<Option<Kind>> = Vec::with_capacity(titles.len());
        let mut unknown = Vec::new();
        for (i, title) in titles.iter().enumerate() {
            let kind = column(title).filter(|k| !kinds.contains(&Some(*k)));
            let has_cells = || self.rows.iter().skip(header + 1).any(|r| !r.cell(Some(i)).is_empty());
            if kind.is_none() && !title.trim().is_empty() {
                unknown.push(format!("`{}`", cut(title.trim(), 40)));
            } else if kind.is_none() && has_cells() {
                unknown.push(format!("column {} (no header)", i + 1));
            }
            kinds.push(kind);
        }
        let widest = self.rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
        if (titles.len()..widest).any(|i| self.rows.iter().skip(header + 1).any(|r| !r.cell(Some(i)).is_empty())) {
            unknown.push(format!("the cells past column {} (no header)", titles.len()));
        }
        if !unknown.is_empty() {
            let known: Vec<&str> = COLUMNS.iter().map(|c| c.name).collect();
            self.diagnostics.push(
                Diagnostic::new(
                    Code::UnknownImportInput,
                    self.span(header),
                    format!(
                        "journey does not read the column{} {}",
                        if unknown.len() == 1 { "" } else { "s" },
                        unknown.join(", ")
                    ),
                )
                .with_label("kept as comments on each step")
                .with_help(format!("the columns journey reads are: {}", known.join(", "))),
            );
        }
        let at = |kind: Kind| kinds.iter().position(|k| *k == Some(kind));
        let (_, duration_hint) = at(Kind::Duration).map_or((String::new(), String::new()), |i| normalise(&titles[i]));
        let duration_unit = duration_hint.split(|c: char| !c.is_alphabetic()).find_map(values::unit);
        let data = header + 1..self.rows.len();
        let scale = self.scale(at(Kind::Emotion), titles, data.clone());
        if scale == Scale::OneToFive {
            draft
                .header
                .push("The emotion column is read on a scale of 1 to 5: emotion = value - 3 (-2 to +2).".into());
        }
        if at(Kind::Touchpoint).is_none() && at(Kind::Channel).is_none() {
            self.diagnostics.push(
                Diagnostic::new(Code::MissingImportValue, self.span(header), "the sheet names no touchpoints")
                    .with_label("no touchpoint or channel column")
                    .with_help("add a `Touchpoint` column (or a `Channel` one): where each step happens"),
            );
        }

        let mut lanes: HashMap<String, String> = HashMap::new();
        let mut touchpoints: HashMap<String, (usize, usize)> = HashMap::new();
        let mut journeys: Vec<(String, Vec<Part>)> = Vec::new();
        for r in data {
            let row = &self.rows[r];
            if row.is_empty() {
                continue;
            }
            let label = row.cell(at(Kind::Step));
            let label = if label.is_empty() {
                self.diagnostics.push(
                    Diagnostic::new(Code::MissingImportValue, self.span(r), format!("row {} has no step", r + 1))
                        .with_label("no step")
                        .with_help(format!(
                            "fill in the `{}` cell: what the customer does",
                            titles[at(Kind::Step).unwrap_or(0)].trim()
                        )),
                );
                format!("Step in row {}", r + 1)
            } else {
                label.to_string()
            };
            let mut step = Step { label, ..Step::default() };
            if too_long(&step.label) {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidImportValue,
                        self.span(r),
                        format!("the step of row {} is longer than a label may be", r + 1),
                    )
                    .with_label("cut short")
                    .with_help("shorten it; journey's strings hold 10,000 characters"),
                );
            }
            // Lane and touchpoint.
            let lane_name = row.cell(at(Kind::Lane));
            let lane = (!lane_name.is_empty())
                .then(|| lanes.entry(lane_name.to_lowercase()).or_insert_with(|| draft.lane(lane_name).id).clone());
            let channel_text = row.cell(at(Kind::Channel));
            let touchpoint_name =
                Some(row.cell(at(Kind::Touchpoint))).filter(|t| !t.is_empty()).unwrap_or(channel_text);
            if touchpoint_name.is_empty() {
                if at(Kind::Touchpoint).is_some() || at(Kind::Channel).is_some() {
                    let what = if lane.is_some() { "names a lane but no touchpoint" } else { "has no touchpoint" };
                    self.diagnostics.push(
                        Diagnostic::new(Code::MissingImportValue, self.span(r), format!("row {} {what}", r + 1))
                            .with_label("no touchpoint")
                            .with_help("fill in the touchpoint (or the channel): where the step happens"),
                    );
                }
            } else {
                let channel = if channel_text.is_empty() {
                    None
                } else {
                    // Only a channel the figures know: any other word is an error in the
                    // model (J0307) until the team declares it under `[channels]`.
                    let vocabulary = journey_model::channels::VOCABULARY;
                    let known = values::channel(channel_text)
                        .map(String::from)
                        .or_else(|| word(channel_text).filter(|w| vocabulary.iter().any(|(known, _, _)| known == w)));
                    if known.is_none() {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Code::InvalidImportValue,
                                self.span(r),
                                format!(
                                    "the channel `{}` of row {} is not one journey knows",
                                    cut(channel_text, 40),
                                    r + 1
                                ),
                            )
                            .with_label("left out, kept as a comment on the step")
                            .with_help(format!(
                                "write one of {} in the sheet, or declare the word under `[channels]` in journey.toml (with whether a person answers there) and give it to the touchpoint",
                                vocabulary.iter().map(|(word, _, _)| *word).collect::<Vec<_>>().join(", ")
                            )),
                        );
                        step.comments.push(format!("this row's channel: {channel_text}"));
                    }
                    known
                };
                let key = touchpoint_name.to_lowercase();
                match touchpoints.get(&key) {
                    None => {
                        let id = draft.id(touchpoint_name, "touchpoint");
                        touchpoints.insert(key, (draft.touchpoints.len(), r));
                        draft.touchpoints.push(Touchpoint {
                            name: Named { id: id.clone(), label: touchpoint_name.to_string() },
                            channel,
                            lane: lane.clone(),
                        });
                        step.at = Some(id);
                    }
                    Some(&(index, first)) => {
                        let Some(t) = draft.touchpoints.get_mut(index) else { continue };
                        step.at = Some(t.name.id.clone());
                        let mut differs = Vec::new();
                        if channel.is_some() && t.channel.is_some() && channel != t.channel {
                            differs.push("channel");
                        }
                        if lane.is_some() && t.lane.is_some() && lane != t.lane {
                            differs.push("lane");
                        }
                        t.channel = t.channel.take().or(channel);
                        t.lane = t.lane.take().or(lane);
                        if !differs.is_empty() {
                            let what = differs.join(" and ");
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::InvalidImportValue,
                                    self.span(r),
                                    format!(
                                        "row {} gives touchpoint `{}` another {what} than row {}",
                                        r + 1,
                                        cut(touchpoint_name, 40),
                                        first + 1
                                    ),
                                )
                                .with_label(format!("the {what} of row {} is kept", first + 1))
                                .with_secondary(self.span(first), "first given here")
                                .with_help("a touchpoint has one channel and one lane: name the touchpoints apart"),
                            );
                            for (field, value) in [("channel", channel_text), ("lane", lane_name)] {
                                if differs.contains(&field) {
                                    step.comments.push(format!("this row's {field}: {value}"));
                                }
                            }
                        }
                    }
                }
            }
            self.values(&mut step, row, r, &kinds, titles, scale, duration_unit);
            // Journey and stage: an empty cell continues the one above.
            let journey_name = row.cell(at(Kind::Journey));
            let journey = match journeys.last() {
                Some((name, _)) if journey_name.is_empty() || journey_name == name => journeys.len() - 1,
                _ => match journeys.iter().position(|(name, _)| name == journey_name) {
                    Some(i) => i,
                    None => {
                        journeys.push((journey_name.to_string(), Vec::new()));
                        journeys.len() - 1
                    }
                },
            };
            let Some((_, parts)) = journeys.get_mut(journey) else { continue };
            let stage = row.cell(at(Kind::Stage));
            let current = match parts.last() {
                Some(Part::Stage(named, _)) => Some(named.label.as_str()),
                _ => None,
            };
            if !stage.is_empty() && current != Some(stage) {
                parts.push(Part::Stage(Named { id: draft.id(stage, "stage"), label: stage.to_string() }, Vec::new()));
            }
            match parts.last_mut() {
                Some(Part::Stage(_, inner)) => inner.push(Part::Step(step)),
                _ => parts.push(Part::Step(step)),
            }
        }
        for (name, mut parts) in journeys {
            let label = if name.is_empty() {
                self.options.name.clone().unwrap_or_else(|| "Imported journey".into())
            } else {
                name
            };
            let id = draft.id(&label, "journey");
            name_steps(&mut draft, &mut parts);
            draft.journeys.push(Journey { name: Named { id, label }, description: None, parts });
        }
        if draft.journeys.is_empty() {
            let label = self.options.name.clone().unwrap_or_else(|| "Imported journey".into());
            let id = draft.id(&label, "journey");
            draft.journeys.push(Journey { name: Named { id, label }, description: None, parts: Vec::new() });
            self.diagnostics.push(
                Diagnostic::new(Code::MissingImportValue, self.span(header), "the sheet has a header but no steps")
                    .with_label("no rows below")
                    .with_help("add a row for each step the customer takes"),
            );
        }
        (draft.render(), self.diagnostics)
    }

    /// How to read the emotion column: 1..5 when its header says so (`Emotion (1-5)`) or all its
    /// numbers lie in 1..5 and some above 2; else −2..+2.
    fn scale(&self, column: Option<usize>, titles: &[String], data: std::ops::Range<usize>) -> Scale {
        let Some(column) = column else { return Scale::Signed };
        let (_, hint) = normalise(titles.get(column).map_or("", String::as_str));
        let squeezed: String = hint.chars().filter(|c| !c.is_whitespace()).collect();
        if ["1-5", "1–5", "1..5", "1to5", "1bis5", "1à5", "1a5", "1/5"].iter().any(|h| squeezed.contains(h)) {
            return Scale::OneToFive;
        }
        let numbers: Vec<f64> = data.filter_map(|r| values::number(self.rows[r].cell(Some(column)))).collect();
        let fits = |lo: f64, hi: f64| numbers.iter().all(|n| (lo..=hi).contains(n));
        if !numbers.is_empty() && !fits(-2.0, 2.0) && fits(1.0, 5.0) { Scale::OneToFive } else { Scale::Signed }
    }

    /// The step's values from the row: emotion, duration, pains, evidence, actors, description,
    /// and the cells of unknown columns as comments.
    #[allow(clippy::too_many_arguments)]
    fn values(
        &mut self,
        step: &mut Step,
        row: &Row,
        r: usize,
        kinds: &[Option<Kind>],
        titles: &[String],
        scale: Scale,
        duration_unit: Option<&'static str>,
    ) {
        for (i, cell) in row.cells.iter().enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            let title = titles.get(i).map_or("", |t| t.trim());
            match kinds.get(i).copied().flatten() {
                Some(Kind::Emotion) => match self.emotion(cell, scale) {
                    Some(emotion) => step.emotion = Some(emotion),
                    None => {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Code::InvalidImportValue,
                                self.span(r),
                                format!("the emotion `{}` of row {} cannot be read", cut(cell, 40), r + 1),
                            )
                            .with_label("left out, kept as a comment")
                            .with_help(match scale {
                                Scale::Signed => {
                                    "write a score from -2 to +2, a word such as `happy` or `frustrated`, or a face"
                                }
                                Scale::OneToFive => {
                                    "this column is read from 1 to 5: write a number from 1 to 5, a word or a face"
                                }
                            }),
                        );
                        step.comments.push(format!("{title}: {cell}"));
                    }
                },
                Some(Kind::Duration) => match values::duration(cell, duration_unit) {
                    Some(duration) => step.duration = Some(duration),
                    None => {
                        self.diagnostics.push(
                            Diagnostic::new(Code::InvalidImportValue, self.span(r), format!("the duration `{}` of row {} cannot be read", cut(cell, 40), r + 1))
                                .with_label("left out, kept as a comment")
                                .with_help("write a number and a unit (`10 min`, `2 h`, `3 days`), or name the unit in the header: `Duration (min)`"),
                        );
                        step.comments.push(format!("{title}: {cell}"));
                    }
                },
                Some(Kind::Pain) => step.pains.extend(items(cell, &['\n'])),
                Some(Kind::Evidence) => step.evidence.extend(items(cell, &['\n'])),
                Some(Kind::Actors) => step.actors.extend(items(cell, &['\n', ',', ';'])),
                Some(Kind::Description) => step.description = Some(cell.to_string()),
                Some(Kind::Journey | Kind::Stage | Kind::Step | Kind::Touchpoint | Kind::Channel | Kind::Lane) => {}
                None if title.is_empty() => step.comments.push(format!("column {}: {cell}", i + 1)),
                None => step.comments.push(format!("{title}: {cell}")),
            }
        }
    }

    fn emotion(&self, cell: &str, scale: Scale) -> Option<f64> {
        if let Some(n) = values::number(cell) {
            return match scale {
                Scale::Signed => (-2.0..=2.0).contains(&n).then_some(n),
                Scale::OneToFive => (1.0..=5.0).contains(&n).then_some(n - 3.0),
            };
        }
        values::feeling(cell)
    }
}

/// The items of a cell: split at `separators`, bullets taken off, empty ones left out.
fn items(cell: &str, separators: &[char]) -> Vec<String> {
    cell.split(|c| separators.contains(&c))
        .map(|item| item.trim().trim_start_matches(['-', '•', '*', '–']).trim())
        .filter(|item| !item.is_empty())
        .map(String::from)
        .collect()
}

//! What journey's live previews show — `journey serve`, the browser playground and the
//! editor's preview — as one value: each journey's service blueprint, flow diagram and figures,
//! and the diagnostics with their places. A [`Preview`] is made from a checked workspace
//! ([`preview`]); [`Live`] keeps the last good drawing while the model has errors, so a viewer
//! shows the mistake over the drawing it had instead of an empty page.
//!
//! This is the one place the previews call the diagram and analysis crates; the page that
//! shows a preview is `web/preview.js` with `web/preview.css` ([`SCRIPT`], [`STYLE`]). Pure: no
//! IO, and it builds for WebAssembly.

use journey_analysis::{analyze, journey_name};
use journey_diagnostics::{Diagnostic, FileId, SourceFiles, render};
use journey_model::Checked;
use journey_model::ir::{JourneyId, Model, Variant};
use serde::Serialize;

/// The script that shows a preview in a page: `render(root, preview)` (an ES module).
pub const SCRIPT: &str = include_str!("../web/preview.js");
/// The style of what [`SCRIPT`] draws, scoped under `.journey-preview`.
pub const STYLE: &str = include_str!("../web/preview.css");

/// At most this many diagnostics go into a preview (the rest are counted in
/// [`Preview::omitted`]): a page lists them all, and a broken generated model may have millions.
pub const MAX_DIAGNOSTICS: usize = 200;

/// What a preview shows.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Preview {
    /// Whether `journeys` were drawn from this check. A model with errors that leave it
    /// meaningless ([`blocks_drawing`]) is not drawn.
    pub drawn: bool,
    /// Whether `journeys` are an earlier check's drawings, kept by [`Live`] while this one has
    /// errors.
    pub stale: bool,
    /// How many files were checked.
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
    /// `2 errors, 1 warning`.
    pub summary: String,
    /// The first [`MAX_DIAGNOSTICS`] diagnostics, sorted by file and place.
    pub diagnostics: Vec<Problem>,
    /// The diagnostics left out.
    pub omitted: usize,
    pub journeys: Vec<JourneyView>,
}

/// One diagnostic, placed for people and for editors.
#[derive(Clone, Debug, Serialize)]
pub struct Problem {
    /// `error` or `warning`.
    pub severity: &'static str,
    /// `J0201`.
    pub code: &'static str,
    /// `unknown-reference`.
    pub name: &'static str,
    pub message: String,
    /// The file as the check shows it (relative to where it runs).
    pub file: String,
    /// One-based line and column (in characters), as `journey check` prints them.
    pub line: u32,
    pub column: u32,
    /// Where the span starts and ends: zero-based lines and columns in UTF-16 code units, the
    /// unit of JavaScript strings and editors.
    pub start: Position,
    pub end: Position,
    pub notes: Vec<String>,
    pub help: Option<String>,
}

/// A zero-based line and a column in UTF-16 code units.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub character: u32,
}

/// One journey's drawings and figures.
#[derive(Clone, Debug, Serialize)]
pub struct JourneyView {
    /// The journey's id (a scenario's id for its version of the baseline).
    pub id: String,
    /// The name it is shown by: its id, or `scenario (scenario on baseline)`.
    pub name: String,
    pub label: String,
    /// The service blueprint, as SVG.
    pub blueprint: String,
    /// The flow diagram, as SVG.
    pub flow: String,
    /// The figures: one row per metric, one column per audience (`journey analyze`'s table).
    pub figures: Table,
    /// Why the figures could not be computed (a loop customers never leave, no steps).
    pub unmeasured: Option<String>,
}

/// A table of text cells.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Which journeys to draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Journeys {
    /// Every baseline and competitor journey of the workspace (what `journey build` draws).
    All,
    /// The baseline and competitor journeys declared in this file (an editor's document).
    InFile(FileId),
}

/// Whether a diagnostic leaves the model too broken to draw: an error the configuration
/// cannot change (a syntax error, an unknown name, a bad value). A broken promise or a rule
/// the team made an error still draws: the drawing is what shows it.
pub fn blocks_drawing(d: &Diagnostic) -> bool {
    d.is_error() && !d.code.info().configurable
}

/// The preview of a checked workspace.
pub fn preview(checked: &Checked, journeys: Journeys) -> Preview {
    let diagnostics = &checked.diagnostics;
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let drawn = !diagnostics.iter().any(blocks_drawing);
    let shown = diagnostics.len().min(MAX_DIAGNOSTICS);
    Preview {
        drawn,
        stale: false,
        files: checked.workspace.paths.len(),
        errors,
        warnings: diagnostics.len() - errors,
        summary: render::summary(diagnostics),
        diagnostics: diagnostics.iter().take(shown).map(|d| problem(checked.files(), d)).collect(),
        omitted: diagnostics.len() - shown,
        journeys: if drawn { draw(&checked.model, journeys) } else { Vec::new() },
    }
}

fn problem(files: &SourceFiles, d: &Diagnostic) -> Problem {
    let span = d.primary.span;
    let at = files.position(span.file, span.start);
    let utf16 = |offset: u32| match files.get(span.file) {
        Some(file) => {
            let p = file.lines.utf16(&file.text, offset);
            Position { line: p.line, character: p.col }
        }
        None => Position { line: 0, character: 0 },
    };
    let info = d.code.info();
    Problem {
        severity: d.severity.as_str(),
        code: info.id,
        name: info.name,
        message: d.message.clone(),
        file: files.path(span.file).to_string(),
        line: at.line,
        column: at.col,
        start: utf16(span.start),
        end: utf16(span.end),
        notes: d.notes.clone(),
        help: d.help.clone(),
    }
}

fn draw(model: &Model, which: Journeys) -> Vec<JourneyView> {
    model
        .base_journeys()
        .filter(|(_, j)| match which {
            Journeys::All => true,
            Journeys::InFile(file) => j.decl.file == file,
        })
        .filter_map(|(id, _)| journey(model, id))
        .collect()
}

fn journey(model: &Model, id: JourneyId) -> Option<JourneyView> {
    let journey = model.journey(id)?;
    let id_text = match journey.variant {
        Variant::Scenario { scenario, .. } => model.scenarios.get(scenario.index())?.decl.id.to_string(),
        Variant::Base => journey.decl.id.to_string(),
    };
    // Each diagram's ids get their own prefix, so that several can share a page.
    let blueprint = journey_diagram::blueprint(model, journey, &format!("{id_text}-bp-"));
    let flow = journey_diagram::flow(model, journey, &format!("{id_text}-fl-"));
    let (figures, unmeasured) = match analyze::report(model, id, &analyze::Options::default()) {
        Some(report) if report.error.is_none() => {
            let table = analyze::figures_table(&report);
            (Table { header: table.header, rows: table.rows }, None)
        }
        Some(report) => (Table::default(), report.error),
        None => (Table::default(), None),
    };
    Some(JourneyView {
        id: id_text,
        name: journey_name(model, id).to_string(),
        label: journey.decl.label.to_string(),
        blueprint,
        flow,
        figures,
        unmeasured,
    })
}

impl Preview {
    /// A preview of a workspace that could not be read at all (its folder is gone, it holds
    /// no journey file): the message says why.
    pub fn failed(message: impl Into<String>) -> Preview {
        Preview { summary: message.into(), ..Preview::default() }
    }

    /// The preview as JSON (what pages and editors read).
    pub fn to_json(&self) -> String {
        // Only strings, numbers and lists: serialising cannot fail.
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }
}

/// A viewer's memory: the last drawings made, shown again (marked stale) while the model has
/// errors.
#[derive(Debug, Default)]
pub struct Live {
    last_good: Vec<JourneyView>,
}

impl Live {
    /// What to show for a new check: the preview itself when it was drawn (and remembered),
    /// else its diagnostics over the last drawings.
    pub fn show(&mut self, mut preview: Preview) -> Preview {
        if preview.drawn {
            self.last_good = preview.journeys.clone();
        } else {
            preview.stale = !self.last_good.is_empty();
            preview.journeys = self.last_good.clone();
        }
        preview
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const GOOD: &str = r#"
lane service "Customer service"
system crm "CRM"
touchpoint phone "Call centre" { channel: phone  lane: service  uses: crm }
journey order "Order a product" {
  step ask "Ask about sizes" at phone { emotion: -1 }
  step buy "Buy" at phone
}
"#;

    fn check(text: &str) -> Checked {
        journey_model::check_text(Path::new("/w/model.journey"), text)
    }

    #[test]
    fn draws_every_journey_with_its_figures() {
        let p = preview(&check(GOOD), Journeys::All);
        assert!(p.drawn && !p.stale, "{:?}", p.diagnostics);
        assert_eq!(p.journeys.len(), 1);
        let order = &p.journeys[0];
        assert_eq!((order.id.as_str(), order.label.as_str()), ("order", "Order a product"));
        assert!(order.blueprint.starts_with("<svg") && order.blueprint.contains("Ask about sizes"));
        assert!(order.flow.starts_with("<svg") && order.flow.contains("Buy"));
        // The table is `journey analyze`'s: one column for all customers here.
        assert_eq!(order.figures.header.len(), 2, "{:?}", order.figures.header);
        let contacts = order.figures.rows.iter().find(|r| r[0] == "expected contacts").expect("contacts row");
        assert_eq!(contacts[1], "2");
    }

    #[test]
    fn a_broken_model_is_not_drawn_and_its_mistake_is_placed() {
        let text = GOOD.replace("at phone {", "at phnoe {");
        let p = preview(&check(&text), Journeys::All);
        assert!(!p.drawn && p.journeys.is_empty());
        assert_eq!((p.errors, p.summary.as_str()), (1, "1 error, 0 warnings"));
        let d = &p.diagnostics[0];
        assert_eq!((d.code, d.severity, d.line, d.column), ("J0201", "error", 6, 33));
        assert_eq!((d.start, d.end), (Position { line: 5, character: 32 }, Position { line: 5, character: 37 }));
        assert!(d.message.contains("phnoe"), "{}", d.message);
    }

    #[test]
    fn columns_for_editors_count_utf16_units() {
        let text = "lane a \"😀\" { x: unknown_field }";
        let p = preview(&check(text), Journeys::All);
        let d = p.diagnostics.iter().find(|d| d.code == "J0301").expect("an unknown field");
        let byte = text.find("x:").expect("x") as u32;
        assert_eq!(d.start.character, byte - 2, "the emoji is 4 bytes and 2 UTF-16 units");
        assert_eq!(d.column, byte - 2, "and one character");
    }

    #[test]
    fn live_keeps_the_last_drawing_while_the_model_is_broken() {
        let mut live = Live::default();
        let broken = || preview(&check("journey order \"Order\" { step a \"A\" at nowhere }"), Journeys::All);
        let first = live.show(broken());
        assert!(!first.stale && first.journeys.is_empty(), "nothing drawn yet, nothing to keep");
        let good = live.show(preview(&check(GOOD), Journeys::All));
        assert!(good.drawn && !good.stale);
        let kept = live.show(broken());
        assert!(!kept.drawn && kept.stale && kept.errors > 0);
        assert_eq!(kept.journeys.len(), 1);
        assert_eq!(kept.journeys[0].blueprint, good.journeys[0].blueprint);
    }

    #[test]
    fn a_file_shows_only_its_own_journeys() {
        let loader = journey_model::MemoryLoader::default()
            .with("/w/a.journey", "import \"b.journey\"\njourney one \"One\" { step s \"S\" { alone: true } }\n")
            .with("/w/b.journey", "journey two \"Two\" { step t \"T\" { alone: true } }\n");
        let roots = ["/w/a.journey".into()];
        let options = journey_model::CheckOptions { root_dir: "/w".into(), config: None };
        let checked = journey_model::check(&loader, &roots, &options);
        let ids = |which| preview(&checked, which).journeys.into_iter().map(|j| j.id).collect::<Vec<_>>();
        assert_eq!(ids(Journeys::All), ["one", "two"]);
        assert_eq!(ids(Journeys::InFile(FileId(1))), ["two"]);
    }

    #[test]
    fn diagnostics_past_the_limit_are_counted_not_listed() {
        let text: String = (0..MAX_DIAGNOSTICS + 5).map(|i| format!("lane l{i} \"L\" {{ nope: 1 }}\n")).collect();
        let p = preview(&check(&text), Journeys::All);
        assert_eq!(p.diagnostics.len(), MAX_DIAGNOSTICS);
        assert!(p.omitted >= 5, "{}", p.omitted);
        assert!(p.to_json().starts_with("{\"drawn\":false"));
    }
}

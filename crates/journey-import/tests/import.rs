//! The importers on real inputs: every user-journey example of Mermaid's documentation
//! (`tests/data/mermaid-docs/`), read as Mermaid itself reads it, and spreadsheets in several
//! languages and layouts (`tests/data/csv/`). Each import is snapshotted with its diagnostics,
//! and `journey check` must find no error in it.

use std::path::{Path, PathBuf};

use journey_diagnostics::{SourceFiles, render};
use journey_import::{ImportOptions, import_csv_with, import_mermaid_with};
use journey_model::ir::Model;

mod oracle;

fn data(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("data folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "mmd" || e == "csv" || e == "tsv"))
        .collect();
    files.sort();
    files
}

/// Imports one file as the CLI does; returns the text, the diagnostics in short form, and the
/// checked model, which must have no errors.
fn import(path: &Path) -> (String, String, Model) {
    let text = std::fs::read_to_string(path).expect("read");
    let name = path.file_name().expect("name").to_string_lossy().into_owned();
    let mut files = SourceFiles::default();
    let file = files.add(name.clone(), text.clone());
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
    let options = ImportOptions { file, name: stem };
    let mermaid = path.extension().is_some_and(|e| e == "mmd");
    let (out, diagnostics) =
        if mermaid { import_mermaid_with(&text, &options) } else { import_csv_with(&text, &options) };
    let checked = journey_model::check_text(Path::new("/imported/out.journey"), &out);
    // A spreadsheet's step without a touchpoint stays an error (J0501) until it is filled in,
    // and the import has said so (J0904); nothing else may be wrong.
    let errors: Vec<_> = checked.diagnostics.iter().filter(|d| d.is_error()).collect();
    let unplaced = errors.iter().filter(|d| d.code.id() == "J0501").count();
    let said = diagnostics.iter().any(|d| d.code.id() == "J0904");
    assert!(
        errors.len() == unplaced && (unplaced == 0 || (!mermaid && said)),
        "{name}: the import has errors:\n{out}\n{}",
        render::short(checked.files(), &checked.diagnostics)
    );
    (out, render::short(&files, &diagnostics), checked.model)
}

#[test]
fn mermaid_docs_examples_import_cleanly_and_check() {
    let files = data("mermaid-docs");
    assert_eq!(files.len(), 4, "every example of Mermaid's documentation");
    for path in files {
        let (out, diagnostics, model) = import(&path);
        assert_eq!(diagnostics, "", "{}", path.display());
        let name = path.file_stem().expect("stem").to_string_lossy().into_owned();
        insta::assert_snapshot!(format!("mermaid-docs__{name}"), out);
        // Each is the working day: two stages, five steps, and Mermaid's actors.
        let journey = &model.journeys[0];
        assert_eq!(journey.decl.label, "My working day");
        assert_eq!(journey.stages.len(), 2);
        assert_eq!(journey.steps.len(), 5);
        let work = &journey.steps[2];
        assert_eq!((work.decl.label.as_str(), work.emotion), ("Do work", Some(-2.0)));
        let actors: Vec<&str> = work.actors.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(actors, ["Me", "Cat"]);
    }
}

/// What the import made of a Mermaid file, in Mermaid's terms: (section, task, score, actors)
/// for each step in order.
pub fn as_mermaid_reads_it(model: &Model) -> Vec<(String, String, f64, Vec<String>)> {
    let journey = &model.journeys[0];
    journey
        .steps
        .iter()
        .map(|step| {
            let section = step
                .stage
                .and_then(|s| journey.stages.get(s.index()))
                .map_or(journey.decl.label.to_string(), |s| s.decl.label.to_string());
            let actors = step.actors.iter().map(|a| a.text.to_string()).collect();
            (section, step.decl.label.to_string(), step.emotion.unwrap_or(0.0) + 3.0, actors)
        })
        .collect()
}

#[test]
fn mermaid_reads_its_examples_as_the_import_does() {
    if !oracle::require(oracle::mermaid_installed(), "Mermaid") {
        return;
    }
    let files = data("mermaid-docs");
    let read = oracle::read_mermaid_journeys(&files).expect("Mermaid reads its own examples");
    for path in &files {
        let (_, _, model) = import(path);
        let mermaid = &read[&path.display().to_string()];
        assert_eq!(as_mermaid_reads_it(&model), oracle::tasks(mermaid), "{}", path.display());
        assert_eq!(mermaid["title"].as_str(), Some(model.journeys[0].decl.label.as_str()));
    }
    // The oracle can fail: Mermaid rejects a section name with a colon.
    let dir = oracle::temp_dir("mermaid-reads");
    let broken = dir.join("broken.mmd");
    std::fs::write(&broken, "journey\n  section A: b\n    Task: 5: Me\n").expect("write");
    assert!(oracle::read_mermaid_journeys(&[broken]).is_err());
}

#[test]
fn spreadsheets_import_into_models_that_check() {
    for path in data("csv").into_iter().filter(|p| !p.ends_with("not-a-journey.csv")) {
        let (out, diagnostics, _) = import(&path);
        let name = path.file_name().expect("name").to_string_lossy().replace('.', "_");
        insta::assert_snapshot!(format!("csv__{name}"), format!("{out}\n---- diagnostics ----\n{diagnostics}"));
    }
}

#[test]
fn a_sheet_without_a_step_column_is_refused() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/csv/not-a-journey.csv");
    let text = std::fs::read_to_string(&path).expect("read");
    let (out, diagnostics) = journey_import::import_csv(&text);
    assert_eq!(out, "");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code.id(), "J0901");
    assert_eq!(&text[diagnostics[0].primary.span.range()], "Name,Price,Quantity");
}

#[test]
fn a_channel_the_checker_does_not_know_is_kept_as_a_comment() {
    // Found by fuzzing: the channel `12` became the word `_12`, which the checker refuses
    // (J0307), so the import did not check. A word of the vocabulary (`kiosk`) is kept.
    let text = "Stage;Step;Touchpoint;Channel\nBuy;Ask for sizes;Size hotline;12\nBuy;Pay;Terminal;Kiosk\n";
    let (out, diagnostics) = journey_import::import_csv(text);
    let codes: Vec<&str> = diagnostics.iter().map(|d| d.code.id()).collect();
    assert_eq!(codes, ["J0903"], "{diagnostics:?}");
    assert_eq!(diagnostics[0].message, "the channel `12` of row 2 is not one journey knows");
    assert!(out.contains("touchpoint size_hotline \"Size hotline\"\n"), "{out}");
    assert!(out.contains("touchpoint terminal \"Terminal\" { channel: kiosk }"), "{out}");
    assert!(out.contains("// this row's channel: 12"), "{out}");
    let checked = journey_model::check_text(Path::new("/p/sizes.journey"), &out);
    assert!(!checked.diagnostics.iter().any(|d| d.is_error()), "{:?}", checked.diagnostics);
}

#[test]
fn other_mermaid_diagrams_are_refused() {
    let (out, diagnostics) = journey_import::import_mermaid("%% a comment\nflowchart LR\n  a --> b\n");
    assert_eq!(out, "");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].code.id(), "J0901");
    assert!(diagnostics[0].message.contains("`flowchart`"), "{}", diagnostics[0].message);
    let (out, diagnostics) = journey_import::import_mermaid("   \n%% nothing\n");
    assert_eq!((out.as_str(), diagnostics[0].code.id()), ("", "J0901"));
}

#[test]
fn mermaid_lines_it_does_not_read_are_kept_as_comments() {
    let text = "journey\n  title T\n  section S\n    Bad: x: Me\n    High: 9: Me: extra\n    just words\n    : 3\n";
    let (out, diagnostics) = journey_import::import_mermaid(text);
    let found: Vec<(&str, &str)> = diagnostics.iter().map(|d| (d.code.id(), &text[d.primary.span.range()])).collect();
    assert_eq!(
        found,
        [("J0903", "x"), ("J0903", "9"), ("J0902", "High: 9: Me: extra"), ("J0902", "just words"), ("J0904", ": 3"),]
    );
    for kept in ["// score: x", "// not imported: : extra", "// not imported: just words", "\"Task 3\""] {
        assert!(out.contains(kept), "{kept} in\n{out}");
    }
    assert!(
        out.contains("step high \"High\" {\n      alone: true\n      emotion: +2"),
        "a score above 5 is read as 5:\n{out}"
    );
}

/// Every journey of every example, as Mermaid: `(file name, model, journey)`.
fn example_journeys() -> Vec<(String, Model, journey_model::ir::JourneyId)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").canonicalize().expect("examples");
    let mut sets: Vec<Vec<PathBuf>> = Vec::new();
    let mut multi = Vec::new();
    for folder in [dir.clone(), dir.join("multi-file")] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
            .expect("examples")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "journey"))
            .collect();
        files.sort();
        if folder == dir {
            sets.extend(files.into_iter().map(|f| vec![f]));
        } else {
            multi = files;
        }
    }
    sets.push(multi);
    let mut out = Vec::new();
    for paths in sets {
        let mut loader = journey_model::MemoryLoader::default();
        for path in &paths {
            loader = loader.with(path.clone(), std::fs::read(path).expect("example"));
        }
        let options = journey_model::CheckOptions { root_dir: dir.clone(), config: None };
        let checked = journey_model::check(&loader, &paths, &options);
        assert!(!checked.has_errors(), "{paths:?}");
        let stem = paths[0].file_stem().expect("stem").to_string_lossy().into_owned();
        for j in 0..checked.model.journeys.len() {
            out.push((format!("{stem}-{j}"), checked.model.clone(), journey_model::ir::JourneyId(j as u32)));
        }
    }
    out
}

/// A journey's stages (those with steps) and its steps, each as (label, emotion), in the
/// order the Mermaid export writes them: stage by stage, then the steps in no stage.
fn shape(model: &Model, id: journey_model::ir::JourneyId) -> (Vec<String>, Vec<(String, f64)>) {
    let journey = model.journey(id).expect("journey");
    let mut stages = Vec::new();
    let mut steps = Vec::new();
    let step = |s: &journey_model::ir::Step| (s.decl.label.to_string(), s.emotion.unwrap_or(0.0));
    for stage in journey.stages.iter().filter(|s| !s.steps.is_empty()) {
        stages.push(stage.decl.label.to_string());
        steps.extend(stage.steps.iter().filter_map(|&s| journey.step(s)).map(step));
    }
    let loose: Vec<_> = journey.steps.iter().filter(|s| s.stage.is_none()).map(step).collect();
    if !loose.is_empty() && !stages.is_empty() {
        // The export puts them in a section named after the journey, which comes back a stage.
        stages.push(journey.decl.label.to_string());
    }
    steps.extend(loose);
    (stages, steps)
}

#[test]
fn the_mermaid_export_imported_again_gives_the_same_stages_steps_and_emotions() {
    let dir = oracle::temp_dir("round-trip");
    let mut files = Vec::new();
    let journeys = example_journeys();
    assert!(journeys.len() > 10, "every example journey, scenario and competitor");
    for (name, model, id) in &journeys {
        let export = journey_export::mermaid_journey(model, *id);
        let path = dir.join(format!("{name}.mmd"));
        std::fs::write(&path, &export).expect("write");
        let (text, diagnostics, imported) = import(&path);
        assert_eq!(diagnostics, "", "{name}");
        assert_eq!(shape(&imported, journey_model::ir::JourneyId(0)), shape(model, *id), "{name}:\n{export}\n{text}");
        // The actors come back as the export wrote them: the steps' lanes.
        let written: Vec<&str> =
            export.lines().filter(|l| l.starts_with("        ")).filter_map(|l| l.rsplit(": ").next()).collect();
        let actors: Vec<String> = imported.journeys[0]
            .steps
            .iter()
            .map(|s| s.actors.iter().map(|a| a.text.as_str()).collect::<Vec<_>>().join(", "))
            .collect();
        assert_eq!(written, actors, "{name}");
        files.push((path, imported));
    }
    // Mermaid reads each export as the import does.
    if !oracle::require(oracle::mermaid_installed(), "Mermaid") {
        return;
    }
    let paths: Vec<PathBuf> = files.iter().map(|(p, _)| p.clone()).collect();
    let read = oracle::read_mermaid_journeys(&paths).expect("Mermaid reads every export");
    for (path, imported) in &files {
        let mermaid = &read[&path.display().to_string()];
        assert_eq!(as_mermaid_reads_it(imported), oracle::tasks(mermaid), "{}", path.display());
    }
}

//! Target `emit`: a model that checks without errors goes through every drawing and export
//! `journey build` makes, for every journey and every scenario's version, and the report of
//! them all, without a panic. The XML formats (SVG, BPMN, draw.io) must be well-formed XML and
//! the JSON export JSON: the cheapest oracle of each emitter's escaping.

use journey_model::Checked;
use journey_model::ir::JourneyId;

/// Checks the input and, if it has no errors, emits everything.
pub fn emit(data: &[u8]) {
    let checked = crate::check_files(&crate::split_files(data));
    if checked.has_errors() {
        return;
    }
    emit_all(&checked);
}

/// Every output of `journey build --emit svg,html,mermaid,dot,plantuml,bpmn,drawio,json --scenario all`.
pub fn emit_all(checked: &Checked) {
    let model = &checked.model;
    let ids: Vec<JourneyId> = (0..model.journeys.len() as u32).map(JourneyId).collect();
    for (&id, journey) in ids.iter().zip(&model.journeys) {
        for prefix in ["", "j1-"] {
            well_formed_xml("blueprint svg", &journey_diagram::blueprint(model, journey, prefix));
            well_formed_xml("flow svg", &journey_diagram::flow(model, journey, prefix));
        }
        // In every language and theme, one stage at a time, and cut into pages.
        let lang = journey_diagram::Lang::ALL[id.index() % journey_diagram::Lang::ALL.len()];
        let theme = journey_diagram::Theme::ALL[id.index() % journey_diagram::Theme::ALL.len()].0;
        let stages = (0..journey.stages.len() as u32).map(|s| Some(journey_model::ir::StageId(s)));
        for stage in std::iter::once(None).chain(stages.take(2)) {
            let options = journey_diagram::Options { lang, theme, stage };
            for drawing in [
                journey_diagram::blueprint_scene(model, journey, &options),
                journey_diagram::flow_scene(model, journey, &options),
            ] {
                let layout = journey_diagram::page::paginate(&drawing.scene, Default::default());
                for page in layout.pages.iter().take(3) {
                    well_formed_xml("page svg", &journey_diagram::svg::write(page, "p-"));
                }
            }
        }
        let _ = journey_export::mermaid_journey(model, id);
        let _ = journey_export::mermaid_flowchart(model, id);
        let _ = journey_export::dot(model, id);
        let _ = journey_export::plantuml(model, id);
        well_formed_xml("bpmn", &journey_export::bpmn(model, id));
        well_formed_xml("drawio", &journey_export::drawio(model, id));
    }
    let json = journey_export::json(model);
    assert!(!json.starts_with("{\"error\""), "the json export failed to serialize: {json}");
    let input = journey_diagram::report::ReportInput {
        model,
        files: checked.files(),
        diagnostics: &checked.diagnostics,
        journeys: &ids,
        title: "Journey report",
        options: journey_diagram::Options { lang: journey_diagram::Lang::Vi, ..Default::default() },
        config: None,
        evidence: &[],
    };
    let _ = journey_diagram::report::report(&input);
}

fn well_formed_xml(what: &str, text: &str) {
    if let Err(error) = roxmltree::Document::parse(text) {
        panic!("the {what} output is not well-formed XML ({error}):\n{text}");
    }
}

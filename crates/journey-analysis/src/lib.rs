//! Analyses of a checked journey model, answering the questions the model is written for:
//! what a journey costs its customers ([`analyze`]), where it can be streamlined and where it
//! fails them ([`findings`]), how a what-if scenario or a competitor compares ([`compare`]),
//! how the figures spread ([`simulate`]), and what depends on a system or a touchpoint
//! ([`impact`]). Pure: a model comes in, reports go out, rendered as text tables, Markdown or
//! JSON by [`render`].

pub mod analyze;
pub mod compare;
pub mod findings;
pub mod impact;
pub mod render;
pub mod simulate;

use journey_model::ir::{JourneyId, Model, SmolStr, Variant};

/// Finds a journey by id: a baseline or competitor journey, or (by the scenario's id) a
/// scenario's version of its baseline.
pub fn find_journey(model: &Model, id: &str) -> Option<JourneyId> {
    if let Some((j, _)) = model.base_journeys().find(|(_, j)| j.decl.id == id) {
        return Some(j);
    }
    model.scenarios.iter().find(|s| s.decl.id == id).and_then(|s| s.journey)
}

/// The name a journey is shown by: its id, or `scenario (on baseline)`.
pub fn journey_name(model: &Model, id: JourneyId) -> SmolStr {
    let Some(journey) = model.journey(id) else { return SmolStr::default() };
    match journey.variant {
        Variant::Base => journey.decl.id.clone(),
        Variant::Scenario { scenario, .. } => {
            let name = model.scenarios.get(scenario.index()).map_or("", |s| s.decl.id.as_str());
            smol_str::format_smolstr!("{name} (scenario on {})", journey.decl.id)
        }
    }
}

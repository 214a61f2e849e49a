//! Every export of every example journey (baselines, competitors' journeys and scenarios'
//! versions), as insta snapshots, and the proof that exporting twice gives the same bytes.

mod common;

use common::{DIAGRAMS, examples, journeys};
use journey_model::ir::Variant;

#[test]
fn every_example_journey_in_every_format() {
    let mut scenarios = 0;
    let mut competitors = 0;
    for (example, model) in examples() {
        for (id, name) in journeys(&model) {
            let journey = &model.journeys[id.index()];
            scenarios += usize::from(matches!(journey.variant, Variant::Scenario { .. }));
            competitors += usize::from(journey.competitor.is_some());
            for (ext, export) in DIAGRAMS {
                insta::assert_snapshot!(format!("{example}__{name}.{ext}"), export(&model, id));
            }
        }
    }
    assert!(scenarios >= 1 && competitors >= 1, "the examples have a scenario and a competitor");
}

#[test]
fn json_of_every_example() {
    for (example, model) in examples() {
        insta::assert_snapshot!(format!("{example}.json"), journey_export::json(&model));
    }
}

#[test]
fn exports_are_deterministic() {
    let first = examples();
    let second = examples();
    for ((example, a), (_, b)) in first.iter().zip(&second) {
        assert_eq!(journey_export::json(a), journey_export::json(b), "{example}");
        for (id, name) in journeys(a) {
            for (ext, export) in DIAGRAMS {
                assert_eq!(export(a, id), export(b, id), "{example} {name} {ext}");
                assert_eq!(export(a, id), export(a, id), "{example} {name} {ext}");
            }
        }
    }
}

//! The lowered model through the public API: scenarios merged over their baselines, the
//! graphs, and the model's serialisation.

use std::path::{Path, PathBuf};

use journey_model::graph::{Node, Relation, entries, outgoing, supports};
use journey_model::ir::{Model, Origin, SmolStr, Target, Variant};
use journey_model::{CheckOptions, MemoryLoader, check};

fn example(name: &str) -> Model {
    let root = PathBuf::from("/examples");
    let path = root.join(name);
    let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name)).expect("example");
    let loader = MemoryLoader::default().with(&path, text);
    let checked = check(&loader, &[path], &CheckOptions { root_dir: root, config: None });
    assert!(checked.diagnostics.is_empty(), "{:#?}", checked.diagnostics);
    checked.model
}

fn model_of(text: &str) -> Model {
    let checked = journey_model::check_text(Path::new("/t/model.journey"), text);
    checked.model
}

#[test]
fn a_scenario_is_the_baseline_with_its_declarations_laid_over() {
    let model = example("account-managers.journey");
    let scenario = model.scenarios.iter().find(|s| s.decl.id == "managers").expect("the managers scenario");
    let baseline = model.journey(scenario.baseline.expect("a baseline")).expect("baseline journey");
    let merged = model.journey(scenario.journey.expect("a merged journey")).expect("merged journey");
    assert!(matches!(merged.variant, Variant::Scenario { .. }));

    // A new step lands in the stage the scenario names, at the scenario's own touchpoint.
    let checkin = merged.step(merged.find_step("checkin").expect("checkin")).expect("step");
    assert_eq!(merged.stages[checkin.stage.expect("a stage").index()].decl.id, "plan");
    let manager = model.touchpoint(checkin.at.expect("at")).expect("touchpoint");
    assert_eq!(manager.decl.id, "manager");
    assert!(matches!(manager.decl.origin, Origin::Scenario(_)));
    assert!(baseline.find_step("checkin").is_none(), "the baseline does not change");

    // An existing step changes field by field; what the scenario does not say is kept.
    let enquire =
        |j: &journey_model::ir::Journey| j.step(j.find_step("enquire").expect("enquire")).expect("step").clone();
    assert_eq!(enquire(merged).emotion, Some(1.0));
    assert_eq!(model.touchpoint(enquire(merged).at.expect("at")).expect("tp").decl.id, "manager");
    assert_eq!(model.touchpoint(enquire(baseline).at.expect("at")).expect("tp").decl.id, "callcentre");
    assert_eq!(enquire(merged).pains.len(), enquire(baseline).pains.len());
}

#[test]
fn a_scenario_overrides_a_touchpoint_and_removes_a_flow() {
    let model = example("account-managers.journey");
    let scenario = model.scenarios.iter().find(|s| s.decl.id == "menu").expect("the menu scenario");
    let merged = model.journey(scenario.journey.expect("merged")).expect("journey");
    let callcentre: Vec<_> = model.touchpoints.iter().filter(|t| t.decl.id == "callcentre").collect();
    assert_eq!(callcentre.len(), 2, "the baseline's and the scenario's");
    let overridden = callcentre.iter().find(|t| matches!(t.decl.origin, Origin::Scenario(_))).expect("override");
    let base = callcentre.iter().find(|t| t.decl.origin == Origin::Base).expect("base");
    assert_eq!(overridden.response, Some(30.0));
    assert_eq!(overridden.channel, base.channel, "fields the scenario does not give are kept");
    let name = |id| merged.step(id).map(|s| s.decl.id.clone()).unwrap_or_default();
    let flows: Vec<(SmolStr, SmolStr)> = merged.flows.iter().map(|f| (name(f.from), name(f.to))).collect();
    assert!(!flows.contains(&("delivered".into(), "chase".into())));
    assert!(flows.contains(&("delivered".into(), "track".into())));
    // Baseline steps in the merged journey use the scenario's version of the touchpoint.
    let track = merged.step(merged.find_step("track").expect("track")).expect("step");
    assert_eq!(track.at.and_then(|t| model.touchpoint(t)).map(|t| t.decl.origin), Some(overridden.decl.origin));
}

#[test]
fn shares_split_the_rest_evenly_and_the_remainder_leaves_at_final_steps() {
    let model = model_of(
        r#"
        system s "S"
        touchpoint t "T" { uses: s }
        journey j "J" {
          stage one "One" { step a "A" at t  step b "B" at t  step c "C" at t }
          stage two "Two" { step d "D" at t }
          a -> b 40%
          a -> c
          a -> d
          b -> d
          c -> d
          d -> a 10%
        }
        "#,
    );
    let journey = &model.journeys[0];
    let out = outgoing(journey);
    let shares: Vec<f64> = out[0].next.iter().map(|n| n.1).collect();
    assert_eq!(shares, [0.4, 0.3, 0.3]);
    assert_eq!(out[0].exit, 0.0);
    assert!((out[3].exit - 0.9).abs() < 1e-12, "d is final: 90% leave there");
    assert_eq!(entries(journey).len(), 1);
}

#[test]
fn the_supports_graph_links_the_layers() {
    let model = example("web-shop.journey");
    let graph = supports(&model);
    for (i, t) in model.touchpoints.iter().enumerate() {
        let node = Node::Touchpoint(journey_model::ir::TouchpointId(i as u32));
        assert!(graph.has_support(node, &[Relation::SupportedBy, Relation::Uses]), "{} is backed", t.decl.id);
        assert!(graph.is_supporting(node, &[Relation::At]), "{} hosts a step", t.decl.id);
    }
}

#[test]
fn references_point_at_their_declarations() {
    let text = "lane sales \"Sales\"\nsystem crm \"CRM\"\ntouchpoint web \"Web\" { lane: sales  uses: crm }\njourney j \"J\" { step a \"A\" at web  step b \"B\" at web  a -> b }\n";
    let model = model_of(text);
    let named: Vec<(&str, SmolStr)> = model
        .references
        .iter()
        .map(|r| {
            (
                &text[r.span.start as usize..r.span.end as usize],
                model.decl(r.target).map(|d| d.id.clone()).unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            ("sales", "sales".into()),
            ("crm", "crm".into()),
            ("web", "web".into()),
            ("web", "web".into()),
            ("a", "a".into()),
            ("b", "b".into())
        ]
    );
    assert!(matches!(model.references[4].target, Target::Step(..)));
}

#[test]
fn the_model_serializes() {
    let model = example("web-shop.journey");
    let json = serde_json::to_value(&model).expect("serializable");
    let journeys = json["journeys"].as_array().expect("journeys");
    assert_eq!(journeys.len(), model.journeys.len());
    assert_eq!(journeys[0]["decl"]["id"], model.journeys[0].decl.id.as_str());
    assert!(journeys[0]["steps"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn the_workspace_counts_every_item_its_files_declare_nested_ones_included() {
    // Two files: a journey with a stage of two steps and a step outside it (5 items), and a
    // touchpoint (1 item). The lowering's item limit reads this count instead of the trees.
    let root = PathBuf::from("/ws");
    let main = root.join("main.journey");
    let other = root.join("other.journey");
    let loader = MemoryLoader::default()
        .with(
            &main,
            "import \"other.journey\"\njourney j \"J\" {\n  stage s \"S\" {\n    step a \"A\" at desk\n    step b \"B\" at desk\n  }\n  step c \"C\" at desk\n}\n",
        )
        .with(&other, "touchpoint desk \"Desk\" { channel: in_person }\n");
    let (ws, _) = journey_model::Workspace::load(&loader, &[main], &root);
    assert_eq!(ws.files.len(), 2, "both files are read");
    assert_eq!(ws.items, 6);
}

#[test]
fn did_you_mean_has_a_budget_so_many_mistakes_among_many_names_stay_quick() {
    // Each did-you-mean compares a name with every name in scope: 3,000 misspelt touchpoints
    // among 3,000 declared would be 9 million comparisons. The first mistakes get their
    // suggestion; once the budget is spent, the rest are reported without one.
    let n = 3000;
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!("touchpoint tp{i} \"Touchpoint {i}\" {{ channel: web }}\n"));
    }
    text.push_str("journey j \"J\" {\n");
    for i in 0..n {
        text.push_str(&format!("  step s{i} \"S{i}\" at tpx{i}\n"));
    }
    text.push_str("}\n");
    let checked = journey_model::check_text(Path::new("/t/model.journey"), &text);
    let unknown: Vec<_> =
        checked.diagnostics.iter().filter(|d| d.code == journey_diagnostics::Code::UnknownReference).collect();
    assert_eq!(unknown.len(), n, "every misspelt name is reported");
    let suggested = unknown.iter().filter(|d| d.fix.is_some()).count();
    assert!(unknown[0].fix.is_some(), "the first mistake gets its did-you-mean: {:?}", unknown[0]);
    assert!(unknown[n - 1].fix.is_none(), "the last comes after the budget is spent");
    // Each spends the names looked through (the touchpoints and the journey), then the
    // touchpoints compared.
    let per_mistake = (n + 1) + n;
    assert_eq!(suggested, journey_model::SUGGESTION_BUDGET / per_mistake);
}

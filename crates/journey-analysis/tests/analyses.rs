//! The analyses on small models with figures worked out by hand, and on the examples.

use std::path::{Path, PathBuf};

use journey_analysis::{analyze, compare, find_journey, findings, impact, simulate};
use journey_model::figures::{Audience, measure};
use journey_model::ir::Model;
use journey_model::{CheckOptions, MemoryLoader, check};

fn model(text: &str) -> Model {
    journey_model::check_text(Path::new("/m/j.journey"), text).model
}

fn example(name: &str) -> Model {
    let root = PathBuf::from("/examples");
    let path = root.join(name);
    let text = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples").join(name)).expect("example");
    let loader = MemoryLoader::default().with(&path, text);
    check(&loader, &[path], &CheckOptions { root_dir: root, config: None }).model
}

const SHOP: &str = r#"
lane sales "Sales"
lane service "Service"
system crm "CRM"
system erp "ERP"
procedure advice "Size advice" { lane: service  uses: crm }
touchpoint web "Web" { channel: web  lane: sales  uses: erp }
touchpoint phone "Phone" { channel: phone  lane: service  supported_by: advice  response: 1min }
journey order "Order" {
  volume: 12000 / month
  step browse "Browse" at web
  step ask "Ask about sizes" at phone { pain: "No size chart" }
  step place "Place the order" at web {
    emotion: +1
    risk declined "Payment declined" { chance: 5%  emotion: -2  recovery: place }
  }
  browse -> ask 30%
  browse -> place 70%
  ask -> place
}
"#;

#[test]
fn root_causes_of_contact_are_counted_per_month() {
    let m = model(SHOP);
    let journey = &m.journeys[0];
    let measured = measure(&m, journey).expect("figures");
    let found = findings::findings(&m, journey, &measured, Audience::All);
    let texts: Vec<&str> = found.iter().map(|f| f.text.as_str()).collect();
    assert!(texts.contains(&"“No size chart” causes 3,600 contacts a month at “Ask about sizes”"), "{texts:#?}");
    let failure = found.iter().find(|f| f.kind == findings::Kind::FailurePoint).expect("a failure point");
    assert_eq!(
        failure.text,
        "“Payment declined” at “Place the order” happens 600 times a month, emotion drop 3; recovered at “Place the order”"
    );
    let handoffs = found.iter().filter(|f| f.kind == findings::Kind::HandoffHotSpot).count();
    assert_eq!(handoffs, 2, "sales → service and back");
}

#[test]
fn impact_follows_the_layers_and_counts_customers() {
    let m = model(SHOP);
    let crm = impact::find_item(&m, "crm").expect("crm");
    let report = impact::impact(&m, crm);
    assert_eq!(report.procedures, ["advice"]);
    assert_eq!(report.touchpoints, ["phone"]);
    assert_eq!(report.journeys.len(), 1);
    assert_eq!(report.journeys[0].steps, ["ask"]);
    assert!((report.journeys[0].share.expect("known") - 0.3).abs() < 1e-9);
    assert!((report.customers_per_month.expect("a volume") - 3600.0).abs() < 1e-6);
    let erp = impact::impact(&m, impact::find_item(&m, "erp").expect("erp"));
    assert!((erp.customers_per_month.expect("a volume") - 12000.0).abs() < 1e-6, "everyone browses on the web");
}

#[test]
fn simulation_agrees_with_the_exact_figures() {
    // The web shop's segments walk different steps: each walk draws its customer's segment, so
    // the walks' means are the mixture's figures.
    let m = example("web-shop.journey");
    for (_, journey) in m.base_journeys() {
        let measured = measure(&m, journey).expect("figures");
        let exact = measured.figures(Audience::All).expect("all customers");
        let runs = 40_000;
        let sim = simulate::simulate(&m, journey, None, runs, 7).expect("simulated");
        // Within five standard errors of the mean (the spread bounded by the sample's range).
        let tolerance = |spread: &simulate::Spread| 5.0 * (spread.max - spread.min).max(1e-9) / (runs as f64).sqrt();
        assert!(
            (sim.contacts.mean - exact.contacts).abs() <= tolerance(&sim.contacts),
            "contacts {} vs {}",
            sim.contacts.mean,
            exact.contacts
        );
        let duration = exact.duration.expect("durations are given");
        let walked = sim.duration_seconds.as_ref().expect("a known duration");
        assert!((walked.mean - duration).abs() <= tolerance(walked), "duration {} vs {duration}", walked.mean,);
        let risk = exact.risk.expect("every risk has a chance");
        let met = sim.risk.expect("a known risk");
        assert!((met - risk).abs() <= 5.0 * (risk * (1.0 - risk) / runs as f64).sqrt() + 1e-9);
        assert_eq!((sim.runs, sim.interrupted), (runs, false));
        assert_eq!(sim.cut_off, 0);
        // Same seed, same numbers.
        assert_eq!(
            simulate::simulate(&m, journey, None, 500, 3).expect("simulated").contacts,
            simulate::simulate(&m, journey, None, 500, 3).expect("simulated").contacts
        );
    }
}

#[test]
fn a_scenario_compares_with_its_baseline() {
    let m = example("account-managers.journey");
    let base = find_journey(&m, "reorder").expect("baseline");
    let scenario = find_journey(&m, "managers").expect("scenario");
    let c = compare::compare(&m, base, scenario).expect("comparable");
    assert!(c.steps.added.iter().any(|s| s == "checkin"), "{:?}", c.steps);
    assert!(c.touchpoints.added.iter().any(|s| s == "manager"), "{:?}", c.touchpoints);
    assert!(
        c.steps
            .changed
            .iter()
            .any(|(id, what)| id == "enquire" && what.iter().any(|w| w.starts_with("at callcentre → manager")))
    );
    let contacts = c.rows.iter().find(|r| r.metric == "expected contacts").expect("contacts row");
    let (before, after) = (contacts.base.expect("known"), contacts.other.expect("known"));
    assert!((contacts.difference.expect("both known") - (after - before)).abs() < 1e-12);
    let text = compare::text(&c, false);
    assert!(text.contains("expected contacts"));
    let menu = find_journey(&m, "menu").expect("scenario");
    let c = compare::compare(&m, base, menu).expect("comparable");
    assert!(
        c.touchpoints
            .changed
            .iter()
            .any(|(id, what)| id == "callcentre" && what.iter().any(|w| w.starts_with("response"))),
        "{:?}",
        c.touchpoints
    );
}

#[test]
fn every_example_has_a_report() {
    for name in ["web-shop.journey", "bank.journey", "garage.journey", "competitor.journey", "account-managers.journey"]
    {
        let m = example(name);
        for (j, _) in m.base_journeys() {
            let r = analyze::report(&m, j, &analyze::Options { segment: None, explain: true }).expect("a report");
            assert!(r.error.is_none(), "{name}: {:?}", r.error);
            assert!(!r.figures.is_empty());
            let text = analyze::text(&r, false);
            assert!(text.contains("expected contacts"), "{text}");
            assert!(analyze::text(&r, true).contains("| figure |"));
        }
    }
}

/// The examples' figures, findings and comparisons, as a reader sees them: any change to a
/// number shows up in review.
#[test]
fn figures_of_the_examples() {
    for name in ["web-shop.journey", "bank.journey", "garage.journey", "competitor.journey", "account-managers.journey"]
    {
        let m = example(name);
        let mut text = String::new();
        for (j, _) in m.base_journeys() {
            let r = analyze::report(&m, j, &analyze::Options { segment: None, explain: true }).expect("a report");
            text.push_str(&analyze::text(&r, false));
            text.push('\n');
        }
        for scenario in &m.scenarios {
            let (Some(base), Some(other)) = (scenario.baseline, scenario.journey) else { continue };
            text.push_str(&compare::text(&compare::compare(&m, base, other).expect("comparable"), false));
            text.push('\n');
        }
        insta::assert_snapshot!(name.trim_end_matches(".journey"), text);
    }
}

/// What the model does not say is unknown in a simulation too, as in `analyze`: no step says a
/// cost, a risk says no chance. Stopping the walks keeps the figures of those taken.
#[test]
fn a_simulation_shows_unknown_as_unknown_and_can_be_stopped() {
    let text = r#"
lane service "Service"
touchpoint web "Web" { channel: web  lane: service }
journey j "J" {
  step a "A" at web { duration: 10min  risk lost "Lost" }
  step b "B" at web { duration: 5min }
  a -> b
}
"#;
    let checked = journey_model::check_text(std::path::Path::new("/s/sim.journey"), text);
    let m = checked.model;
    let journey = &m.journeys[0];
    let sim = simulate::simulate(&m, journey, None, 1000, 1).expect("simulated");
    assert_eq!(sim.cost, None, "no step says a cost");
    assert_eq!(sim.risk, None, "the risk says no chance");
    assert_eq!(sim.emotion, None, "no step says an emotion");
    let walked = sim.duration_seconds.expect("durations are given");
    assert_eq!((walked.min, walked.p50, walked.max), (900.0, 900.0, 900.0));
    assert!(sim.unknown.iter().any(|u| u.contains("cost")), "{:?}", sim.unknown);
    // Stopped after the first batch of walks.
    let mut calls = 0;
    let stopped = simulate::simulate_with(
        &m,
        journey,
        None,
        1_000_000,
        1,
        &mut |_| {
            calls += 1;
            if calls > 1 { std::ops::ControlFlow::Break(()) } else { std::ops::ControlFlow::Continue(()) }
        },
        &mut |_| std::ops::ControlFlow::Continue(()),
    )
    .expect("simulated");
    assert!(stopped.interrupted);
    assert_eq!(stopped.runs, 4096);
    assert!(simulate::simulate(&m, journey, None, simulate::MAX_RUNS + 1, 1).is_err());
}

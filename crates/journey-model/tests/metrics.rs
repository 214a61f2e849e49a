//! Exact metrics against figures worked out by hand for small journeys: linear, branching,
//! looping, with risks and segments.

use std::path::Path;

use journey_model::ir::{Model, SegmentId};
use journey_model::metrics::{Metrics, contributions, metrics};
use journey_model::schema::Metric;

const CATALOG: &str = r#"
lane sales "Sales"
lane service "Service"
system crm "CRM"
touchpoint web "Web" { channel: web  lane: sales  uses: crm }
touchpoint phone "Phone" { channel: phone  lane: service  uses: crm  response: 2min  cost: 3.00 EUR }
segment vip "VIP"
segment rest "Everyone else"
"#;

fn model(journey: &str) -> Model {
    let text = format!("{CATALOG}\n{journey}");
    journey_model::check_text(Path::new("/m/j.journey"), &text).model
}

fn figures(journey: &str, segment: Option<u32>) -> Metrics {
    let model = model(journey);
    let j = &model.journeys[0];
    metrics(&model, j, segment.map(SegmentId)).expect("metrics")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn linear() {
    let m = figures(
        r#"journey j "J" {
          step a "A" at web { duration: 10min  emotion: +2 }
          step b "B" at phone { duration: 5min  emotion: -1  pain: "Hold music" }
          step c "C" at web { emotion: +1 }
        }"#,
        None,
    );
    assert_eq!(m.visits, [1.0, 1.0, 1.0]);
    assert!(close(m.contacts, 1.0));
    assert!(close(m.duration, (10.0 + 5.0 + 2.0) * 60.0), "the phone's response time counts");
    assert!(close(m.cost, 3.0));
    assert_eq!(m.currency.as_deref(), Some("EUR"));
    assert!(close(m.emotion.expect("emotion"), 2.0 / 3.0));
    assert!(close(m.channel_switches, 2.0));
    assert!(close(m.handoffs, 2.0));
    assert!(close(m.effort, 1.0 + 2.0 + 2.0 + 1.0));
    assert_eq!(m.likely_path.len(), 3);
}

#[test]
fn branching() {
    let m = figures(
        r#"journey j "J" {
          step a "A" at web { duration: 1min }
          step b "B" at phone { duration: 10min }
          step c "C" at web { duration: 1min }
          a -> b 30%
          a -> c 70%
          b -> c
        }"#,
        None,
    );
    assert_eq!(m.visits, [1.0, 0.3, 1.0]);
    assert!(close(m.contacts, 0.3));
    assert!(close(m.duration, 60.0 + 0.3 * 720.0 + 60.0));
    assert!(close(m.channel_switches, 0.6), "web → phone and back, for 30%");
    let path: Vec<u32> = m.likely_path.iter().map(|s| s.0).collect();
    assert_eq!(path, [0, 2]);
}

#[test]
fn a_loop_with_an_exit_and_a_risk() {
    let m = figures(
        r#"journey j "J" {
          step a "A" at phone {
            risk hold "Long hold" { chance: 10%  recovery: b }
          }
          step b "B" at web
          a -> b
          b -> a 50%
        }"#,
        None,
    );
    // a = 1 + ½·b, b = a  ⇒  a = b = 2.
    assert!(close(m.visits[0], 2.0) && close(m.visits[1], 2.0), "{:?}", m.visits);
    assert!(close(m.contacts, 2.0));
    // P(no risk) = Σₖ ½ᵏ·0.9ᵏ = 0.45 / 0.55.
    assert!(close(m.risk, 1.0 - 0.45 / 0.55), "{}", m.risk);
}

#[test]
fn unwritten_shares_split_evenly_and_are_reported() {
    let m = figures(
        r#"journey j "J" {
          step a "A" at web
          step b "B" at phone
          step c "C" at phone
          step d "D" at web
          a -> b
          a -> c
          b -> d
          c -> d
        }"#,
        None,
    );
    assert_eq!(m.visits, [1.0, 0.5, 0.5, 1.0]);
    assert!(m.assumptions.iter().any(|a| a.contains("share the rest evenly, out of: a")), "{:?}", m.assumptions);
}

#[test]
fn a_segment_skips_steps_meant_for_others() {
    let journey = r#"journey j "J" {
      segments: vip, rest
      step a "A" at web
      step b "B" at phone { segments: vip }
      step c "C" at web
      a -> b 40%
      a -> c 60%
      b -> c
    }"#;
    let everyone = figures(journey, None);
    assert!(close(everyone.contacts, 0.4));
    let vip = figures(journey, Some(0));
    assert!(close(vip.contacts, 0.4));
    let rest = figures(journey, Some(1));
    assert!(close(rest.contacts, 0.0), "the others never meet the VIP step");
    assert_eq!(rest.visits, [1.0, 0.0, 1.0]);
}

#[test]
fn contributions_explain_a_figure() {
    let model = model(
        r#"journey j "J" {
          step a "A" at web
          step b "B" at phone
          step c "C" at phone
          a -> b 25%
          a -> c 75%
        }"#,
    );
    let j = &model.journeys[0];
    let m = metrics(&model, j, None).expect("metrics");
    let parts = contributions(&model, j, &m, Metric::Contacts);
    let named: Vec<(&str, f64)> =
        parts.iter().map(|c| (j.steps[c.step.index()].decl.id.as_str(), c.contribution)).collect();
    assert_eq!(named, [("c", 0.75), ("b", 0.25)]);
    assert!(close(parts.iter().map(|c| c.contribution).sum::<f64>(), m.contacts));
}

#[test]
fn a_step_that_repeats_itself() {
    let m = figures(
        r#"journey j "J" {
          step a "A" at phone {
            risk hold "Long hold" { chance: 10%  recovery: b }
          }
          step b "B" at web
          a -> a 50%
          a -> b 50%
        }"#,
        None,
    );
    assert!(close(m.visits[0], 2.0) && close(m.visits[1], 1.0), "{:?}", m.visits);
    // h = 0.9·(½·h + ½)  ⇒  h = 0.45 / 0.55.
    assert!(close(m.risk, 1.0 - 0.45 / 0.55), "{}", m.risk);
}

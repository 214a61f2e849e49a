//! The fit of a tiny journey to a tiny log, every figure of the reference's "Evidence" section
//! worked out by hand; then the diagnostics, segments, and a round trip through a log written
//! from a known set of walks.

use std::path::Path;

use journey_diagnostics::Code;
use journey_evidence::{Fit, Options, diagnose, fit, wilson};
use journey_log::{CsvOptions, Stats, StatsOptions, Window, compute, read_csv};
use journey_model::ir::{JourneyId, Model};

const MODEL: &str = r#"
system crm "CRM"
touchpoint web "Web" { channel: web  uses: crm }
experience quick "Quick" { duration <= 2min  steps <= 2 }
journey order "Order" {
  realizes: quick
  step browse "Browse" at web { duration: 5min }
  step cart "Cart" at web { logged_as: "Add to cart" }
  step pay "Pay" at web { end: true }
  browse -> cart 60%
  browse -> pay 40%
  cart -> pay 100%
  pay -> browse 10%
}
"#;

/// c1 takes the model's way; c2 skips the cart; c3 leaves after browsing; c4 (its browse
/// logged by the label, `Browse`) goes back from the cart, which the model has no flow for,
/// and ends at an activity no step records; c5 starts at pay, which is no entry, and pays
/// twice in a row (a pair within one step).
const LOG: &str = "\
case,activity,time
c1,browse,2024-03-01T10:00:00Z
c1,Add to cart,2024-03-01T10:02:00Z
c1,pay,2024-03-01T10:03:00Z
c2,browse,2024-03-01T10:00:00Z
c2,pay,2024-03-01T10:10:00Z
c3,browse,2024-03-01T10:00:00Z
c4,Browse,2024-03-01T10:00:00Z
c4,Add to cart,2024-03-01T10:01:00Z
c4,Browse,2024-03-01T10:04:00Z
c4,Add to cart,2024-03-01T10:05:00Z
c4,Wishlist,2024-03-01T10:06:00Z
c5,pay,2024-03-01T10:00:00Z
c5,pay,2024-03-01T10:01:00Z
";

fn model(text: &str) -> Model {
    let checked = journey_model::check_text(Path::new("/m/j.journey"), text);
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.is_error() && !d.code.info().configurable)
        .map(|d| d.message.clone())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    checked.model
}

fn stats(log: &str, window: Window) -> Stats {
    let (stats, problems) = compute(StatsOptions { window }, |sink| {
        read_csv(log.as_bytes(), &CsvOptions::default(), sink);
    });
    assert!(problems.is_empty(), "{problems}");
    stats
}

fn fitted(options: &Options) -> (Model, Fit) {
    let model = model(MODEL);
    let fit = fit(&model, JourneyId(0), &stats(LOG, Window::None), options).expect("a fit");
    (model, fit)
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn wilson_interval_by_hand() {
    // p = 3/5, z = 1.96: centre (0.6 + 1.9208/5) / (1 + 3.8416/5) = 0.55655, half-width
    // 1.96 / 1.76832 · √(0.24/5 + 3.8416/100) = 0.32583.
    let (lo, hi) = wilson(3, 5).expect("an interval");
    assert!((lo - 0.23072).abs() < 1e-4 && (hi - 0.88238).abs() < 1e-4, "{lo} {hi}");
    let (lo, hi) = wilson(0, 3).expect("an interval");
    assert!(lo == 0.0 && (hi - 0.56149).abs() < 1e-4, "{lo} {hi}");
    assert_eq!(wilson(0, 0), None);
}

#[test]
fn shares_durations_fitness_and_precision_by_hand() {
    let (_, fit) = fitted(&Options { min_cases: 1, ..Options::default() });
    assert_eq!(fit.parts.len(), 1);
    let p = &fit.parts[0];
    assert_eq!(p.cases, 5);
    assert!(!p.too_thin);

    // browse is left 5 times: to the cart 3 times (c1, c4 twice), to pay once (c2), and c3
    // ends there, which the model does not let customers do (no row of its own). The cart is left 3 times: to pay, back to browse, to Wishlist. pay is left
    // by the 3 cases that end there (c5's pay → pay is within the step).
    let rows: Vec<(String, Option<String>, u64, u64)> =
        p.flows.iter().map(|f| (f.from.clone(), f.to.clone(), f.taken, f.out_of)).collect();
    let s = |x: &str| x.to_string();
    assert_eq!(
        rows,
        vec![
            (s("browse"), Some(s("cart")), 3, 5),
            (s("browse"), Some(s("pay")), 1, 5),
            (s("cart"), Some(s("pay")), 1, 3),
            (s("pay"), Some(s("browse")), 0, 3),
            (s("pay"), None, 3, 3),
        ]
    );
    close(p.flows[0].modelled, 0.6);
    close(p.flows[1].modelled, 0.4);
    close(p.flows[4].modelled, 0.9);
    close(p.flows[0].observed.expect("observed"), 0.6);
    close(p.flows[2].observed.expect("observed"), 1.0 / 3.0);
    assert_eq!(p.flows[3].observed, Some(0.0));

    // Gaps after browse: 2 min (c1), 10 min (c2), 1 min twice (c4): median (rank 2) 1 min,
    // p90 (rank ⌈3.6⌉ = 4) 10 min. After the cart: 1 min, 3 min, 1 min: 1 min and 3 min.
    let browse = &p.steps[0];
    assert_eq!((browse.visits, browse.observed.median_ms, browse.observed.p90_ms), (5, Some(60_000), Some(600_000)));
    assert_eq!(browse.modelled_s, Some(300.0));
    let cart = &p.steps[1];
    assert_eq!((cart.visits, cart.observed.median_ms, cart.observed.p90_ms), (3, Some(60_000), Some(180_000)));
    assert_eq!(p.steps[2].visits, 4);

    // Cases last 3, 10, 0, 6 and 1 min: median (rank 3) 3 min, p90 (rank 5) 10 min, mean 4 min.
    assert_eq!(p.case_duration.median_ms, Some(180_000));
    assert_eq!(p.case_duration.p90_ms, Some(600_000));
    assert_eq!(p.case_duration.mean_ms, Some(240_000.0));

    assert_eq!(p.unmodelled.len(), 1);
    assert_eq!(
        (p.unmodelled[0].from.as_str(), p.unmodelled[0].to.as_str(), p.unmodelled[0].count),
        ("cart", "browse", 1)
    );
    close(p.unmodelled[0].per_case, 0.2);
    assert!(p.never_taken.is_empty());
    assert_eq!(fit.unmapped.len(), 1);
    assert_eq!((fit.unmapped[0].activity.as_str(), fit.unmapped[0].events), ("Wishlist", 1));

    // Fitness: 8 pairs, 1 within a step, so 7 counted; 2 deviate (cart → browse, cart →
    // Wishlist). 5 starts, 1 at a step that is no entry (c5 at pay); 5 ends, 1 at an activity
    // no step records (c4) and 1 at a step the journey cannot end at (c3 at browse).
    // 1 − (2 + 1 + 2) / (7 + 5 + 5) = 12/17.
    let c = p.counts;
    assert_eq!((c.follows, c.deviating, c.within_steps), (7, 2, 1));
    assert_eq!((c.starts, c.bad_starts, c.ends, c.bad_ends), (5, 1, 5, 2));
    close(p.fitness.expect("fitness"), 12.0 / 17.0);

    // Precision: browse offers 2 ways (cart, pay), both seen, 5 visits; the cart 1 (pay),
    // seen, 3 visits; pay 2 (browse, end), browse never seen, 4 visits.
    // 1 − (4·1) / (5·2 + 3·1 + 4·2) = 1 − 4/21 = 17/21.
    close(c.ways, 21.0);
    close(c.ways_unobserved, 4.0);
    close(p.precision.expect("precision"), 17.0 / 21.0);
}

#[test]
fn diagnostics_by_hand() {
    let (model, fit) = fitted(&Options { min_cases: 1, tolerance: 0.0, unmodelled: 0.05 });
    let found = diagnose(&model, &fit, &Options { min_cases: 1, tolerance: 0.0, unmodelled: 0.05 });
    let codes: Vec<(Code, String)> = found.iter().map(|d| (d.code, d.message.clone())).collect();
    let has = |code: Code, text: &str| codes.iter().any(|(c, m)| *c == code && m.contains(text));
    // cart → pay: modelled 100 %, observed 1 of 3, interval 6.1–79.2 %.
    assert!(has(Code::EvidenceShareOff, "flow `cart -> pay`"), "{codes:#?}");
    // browse → cart: 60 % lies inside 23.1–88.2 %.
    assert!(!has(Code::EvidenceShareOff, "flow `browse -> cart`"), "{codes:#?}");
    // 1 time in 5 cases: 0.2 per case, over 0.05.
    assert!(has(Code::EvidenceUnmodelledPath, "from `cart` to `browse`"), "{codes:#?}");
    assert!(has(Code::EvidenceUnmappedActivity, "\"Wishlist\""), "{codes:#?}");
    // Mean case duration 4 min > 2 min; steps per case 12/5 = 2.4 > 2.
    assert!(has(Code::EvidencePromiseBroken, "duration <= 2 min, observed 4 min"), "{codes:#?}");
    assert!(has(Code::EvidencePromiseBroken, "steps <= 2, observed 2.4"), "{codes:#?}");
    assert!(!codes.iter().any(|(c, _)| *c == Code::EvidenceTooThin || *c == Code::EvidenceStepNeverTaken));

    // With the default minimum of 30 cases, only the unmapped activity and the thin log are said.
    let (model, fit) = fitted(&Options::default());
    let found = diagnose(&model, &fit, &Options::default());
    let mut codes: Vec<Code> = found.iter().map(|d| d.code).collect();
    codes.sort();
    assert_eq!(codes, vec![Code::EvidenceUnmappedActivity, Code::EvidenceTooThin]);
}

#[test]
fn segments_of_the_log_are_the_journeys_segments() {
    let text = r#"
system crm "CRM"
touchpoint web "Web" { channel: web  uses: crm }
segment vip "VIP" { share: 20% }
segment rest "Everyone else" { share: 80% }
journey order "Order" {
  segments: vip, rest
  step browse "Browse" at web
  step call "Call" at web { segments: vip }
  step pay "Pay" at web { end: true }
  browse -> call 50%
  browse -> pay 50%
  call -> pay
}
"#;
    let log = "\
case,activity,time,segment
a,browse,2024-03-01T10:00:00Z,vip
a,call,2024-03-01T10:01:00Z,vip
a,pay,2024-03-01T10:02:00Z,vip
b,browse,2024-03-01T10:00:00Z,rest
b,pay,2024-03-01T10:01:00Z,rest
c,browse,2024-03-01T10:00:00Z,vipp
c,pay,2024-03-01T10:01:00Z,vipp
";
    let model = model(text);
    let fit = fit(&model, JourneyId(0), &stats(log, Window::None), &Options { min_cases: 1, ..Options::default() })
        .expect("a fit");
    let parts: Vec<(Option<&str>, u64)> = fit.parts.iter().map(|p| (p.segment.as_deref(), p.cases)).collect();
    assert_eq!(parts, vec![(None, 3), (Some("vip"), 1), (Some("rest"), 1)]);
    assert_eq!(fit.other_segments.len(), 1);
    assert_eq!(fit.other_segments[0].segment, "vipp");
    assert_eq!(fit.other_segments[0].did_you_mean.as_deref(), Some("vip"));
    // The rest do not take the call: for them all of browse goes to pay, and the call is
    // neither a flow nor a step of theirs.
    let rest = &fit.parts[2];
    let flows: Vec<(&str, Option<&str>)> = rest.flows.iter().map(|f| (f.from.as_str(), f.to.as_deref())).collect();
    assert_eq!(flows, vec![("browse", Some("pay")), ("pay", None)]);
    close(rest.flows[0].modelled, 1.0);
    assert_eq!(rest.fitness, Some(1.0));
    assert!(rest.steps.iter().all(|s| s.step != "call"));
}

/// A log written from a known set of walks through the journey (with journey-log's own
/// writer) fits back to what the walks themselves count: each flow taken as often as the walks
/// take it, each case ending where its walk ends, and fitness from the walks' own steps.
#[test]
fn a_log_written_from_known_walks_fits_back_to_them() {
    use journey_log::{CsvWriter, Event, Timestamp, WriteOptions};
    use std::collections::BTreeMap;

    let walks: Vec<(usize, Vec<&str>)> = vec![
        (30, vec!["browse", "cart", "pay"]),
        (20, vec!["browse", "pay"]),
        (5, vec!["browse", "cart", "pay", "browse", "pay"]),
        (3, vec!["browse", "cart", "browse", "pay"]),
    ];
    fn activity(step: &str) -> &str {
        match step {
            "cart" => "Add to cart",
            "pay" => "Pay",
            other => other,
        }
    }
    let modelled = [("browse", "cart"), ("browse", "pay"), ("cart", "pay"), ("pay", "browse")];
    let mut writer = CsvWriter::new(Vec::new(), WriteOptions::default()).expect("csv");
    let mut pairs: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    let mut ends: BTreeMap<&str, u64> = BTreeMap::new();
    let mut cases = 0u64;
    for (times, walk) in &walks {
        for _ in 0..*times {
            cases += 1;
            let case = format!("c{cases}");
            for (k, step) in walk.iter().enumerate() {
                let time = Timestamp(1_709_280_000_000 + k as i64 * 60_000);
                writer.write(&Event::new(&case, activity(step), Some(time))).expect("row");
            }
            for pair in walk.windows(2) {
                *pairs.entry((pair[0], pair[1])).or_default() += 1;
            }
            *ends.entry(walk[walk.len() - 1]).or_default() += 1;
        }
    }
    let log = String::from_utf8(writer.finish().expect("csv")).expect("utf-8");
    let model = model(MODEL);
    let fit = fit(&model, JourneyId(0), &stats(&log, Window::None), &Options::default()).expect("a fit");
    let p = &fit.parts[0];
    assert_eq!(p.cases, cases);
    assert!(fit.unmapped.is_empty());
    for f in &p.flows {
        let expected = match &f.to {
            Some(to) => pairs.get(&(f.from.as_str(), to.as_str())).copied().unwrap_or(0),
            None => ends.get(f.from.as_str()).copied().unwrap_or(0),
        };
        assert_eq!(f.taken, expected, "{} -> {:?}", f.from, f.to);
    }
    let deviating: u64 = pairs.iter().filter(|(pair, _)| !modelled.contains(pair)).map(|(_, n)| n).sum();
    let follows: u64 = pairs.values().sum();
    // Every walk starts at browse, an entry, and ends at pay, where the journey may end.
    close(p.fitness.expect("fitness"), 1.0 - deviating as f64 / (follows + 2 * cases) as f64);
    assert_eq!(p.unmodelled.len(), 1);
    assert_eq!(p.unmodelled[0].count, pairs[&("cart", "browse")]);
    // Every modelled way out is taken by some walk.
    assert_eq!(p.precision, Some(1.0));
}

/// March: 60 of 100 cases go browse → cart → pay, 40 browse → pay; April: 30 and 70.
fn two_months() -> String {
    let mut log = String::from("case,activity,time\n");
    for (month, via_cart) in [("03", 60), ("04", 30)] {
        for c in 0..100 {
            let case = format!("{month}-{c}");
            log.push_str(&format!("{case},browse,2024-{month}-02T10:00:00Z\n"));
            if c < via_cart {
                log.push_str(&format!("{case},Add to cart,2024-{month}-02T10:01:00Z\n"));
            }
            log.push_str(&format!("{case},pay,2024-{month}-02T10:02:00Z\n"));
        }
    }
    log
}

#[test]
fn drift_between_windows_by_hand() {
    let model = model(MODEL);
    let stats = stats(&two_months(), Window::Month);
    let fit = fit(&model, JourneyId(0), &stats, &Options::default()).expect("a fit");
    // Compared (each side with ≥ 30 leaving the step, and some spread): browse → cart and
    // browse → pay; cart → pay (all 60 and all 30), pay → browse (none) and ending at pay (all)
    // have no spread. Two tests: Bonferroni's level 0.05 / 2, critical z = Φ⁻¹(1 − 0.0125) =
    // 2.2414. browse → cart: 60/100 against 30/100, pooled 0.45, spread √(0.45·0.55·0.02) =
    // 0.0703562, z = −0.3 / 0.0703562 = −4.26401; browse → pay the same with the sign turned.
    let found: Vec<(&str, Option<&str>, f64, f64)> =
        fit.drift.iter().map(|d| (d.from.as_str(), d.to.as_deref(), d.before.share, d.after.share)).collect();
    assert_eq!(found, vec![("browse", Some("cart"), 0.6, 0.3), ("browse", Some("pay"), 0.4, 0.7)]);
    assert!((fit.drift[0].z + 4.26401).abs() < 1e-4, "{}", fit.drift[0].z);
    assert!((fit.drift[1].z - 4.26401).abs() < 1e-4, "{}", fit.drift[1].z);
    assert_eq!((fit.drift[0].before.window.as_str(), fit.drift[0].after.window.as_str()), ("2024-03", "2024-04"));
    assert!((journey_evidence::critical_z(0.025) - 2.241403).abs() < 1e-5);

    // A change smaller than the tolerance is not drift, however sure.
    let loose = Options { tolerance: 0.31, ..Options::default() };
    assert!(journey_evidence::fit(&model, JourneyId(0), &stats, &loose).expect("a fit").drift.is_empty());
    // Too few leaving the step on either side: not compared.
    let strict = Options { min_cases: 101, ..Options::default() };
    assert!(journey_evidence::fit(&model, JourneyId(0), &stats, &strict).expect("a fit").drift.is_empty());

    // J1108 at each drifted flow.
    let codes: Vec<Code> = diagnose(&model, &fit, &Options::default()).iter().map(|d| d.code).collect();
    assert_eq!(codes.iter().filter(|c| **c == Code::EvidenceDrift).count(), 2, "{codes:?}");
    // Without windows there is nothing to compare.
    let whole =
        journey_evidence::fit(&model, JourneyId(0), &self::stats(&two_months(), Window::None), &Options::default());
    assert!(whole.expect("a fit").drift.is_empty());
}

#[test]
fn promises_against_the_log_by_hand() {
    let model = model(
        r#"
touchpoint web "Web" { channel: web }
touchpoint phone "Phone" { channel: phone }
experience calm "Calm" { emotion >= 0.5  contacts <= 0.2  cost <= 5 EUR }
journey order "Order" {
  realizes: calm
  step browse "Browse" at web { emotion: +1 }
  step call "Call" at phone { emotion: -1 }
  step pay "Pay" at web { end: true  emotion: +2 }
  browse -> call 10%
  browse -> pay 90%
  call -> pay
}
"#,
    );
    // Four cases; one calls. Scores on browse (+1, +1, 0), on call (−2) and on pay (+2, +1):
    // six scored events, sum 3, emotion 0.5; contacts 1 call / 4 cases = 0.25.
    let log = "\
case,activity,time,score
c1,browse,2024-03-01T10:00:00Z,1
c1,pay,2024-03-01T10:01:00Z,2
c2,browse,2024-03-01T10:00:00Z,1
c2,call,2024-03-01T10:02:00Z,-2
c2,pay,2024-03-01T10:05:00Z,1
c3,browse,2024-03-01T10:00:00Z,0
c3,pay,2024-03-01T10:01:00Z,
c4,browse,2024-03-01T10:00:00Z,
c4,pay,2024-03-01T10:01:00Z,
";
    let options = Options { min_cases: 1, ..Options::default() };
    let fit = fit(&model, JourneyId(0), &stats(log, Window::None), &options).expect("a fit");
    let promises: Vec<(&str, Option<f64>, &str, Option<bool>)> =
        fit.parts[0].promises.iter().map(|p| (p.target.as_str(), p.observed, p.shown.as_str(), p.holds)).collect();
    assert_eq!(
        promises,
        vec![
            ("emotion >= +0.5", Some(0.5), "+0.5", Some(true)),
            ("contacts <= 0.2", Some(0.25), "0.25", Some(false)),
            ("cost <= 5.00 EUR", None, "not in the log", None),
        ]
    );
    let broken: Vec<String> = diagnose(&model, &fit, &options)
        .into_iter()
        .filter(|d| d.code == Code::EvidencePromiseBroken)
        .map(|d| d.message)
        .collect();
    assert_eq!(
        broken,
        [
            "the log misses experience `calm`'s target on journey `order`: contacts <= 0.2, observed 0.25 per case (all cases)"
        ]
    );
}

//! `journey simulate --emit-log`: the log a model would produce, fitted back against the
//! model. A model's own log recovers every modelled share (within three binomial standard
//! errors), with nothing unmodelled and fitness 100 %; a scenario's log held against its
//! baseline flags exactly the flows the scenario changed; the XES and the CSV log give the same
//! statistics; the bytes depend on the seed alone.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use support::{stderr, stdout};

const MODEL: &str = "tests/emit/shop.journey";
const WALKS: &str = "20000";

fn here() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn journey(args: &[&str]) -> Output {
    support::run_within(&here(), args, Duration::from_secs(120))
}

fn path(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// Simulates `walks` walks of `journey` with `seed` into `log`, and gives the output.
fn emit(journey_id: &str, walks: &str, seed: &str, log: &Path) -> Output {
    let out = journey(&[
        "simulate",
        MODEL,
        "--journey",
        journey_id,
        "--runs",
        walks,
        "--seed",
        seed,
        "--emit-log",
        path(log),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    out
}

#[test]
fn a_models_own_log_recovers_every_share() {
    let dir = support::temp_dir("emit_log", "own");
    let log = dir.join("order.csv");
    emit("order", WALKS, "1", &log);
    let out = journey(&["fit", path(&log), MODEL, "--journey", "order", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let fit = &json["fits"][0];
    assert_eq!(fit["unmapped"].as_array().map(Vec::len), Some(0), "every activity is a step's");
    let parts = fit["parts"].as_array().expect("parts");
    let audiences: Vec<&str> = parts.iter().map(|p| p["segment"].as_str().unwrap_or("all")).collect();
    assert_eq!(audiences, ["all", "newcomer", "regular"]);
    let mut flows = 0;
    for part in parts {
        let audience = part["segment"].as_str().unwrap_or("all");
        assert_eq!(part["fitness"].as_f64(), Some(1.0), "{audience}");
        assert_eq!(part["unmodelled"].as_array().map(Vec::len), Some(0), "{audience}: {}", part["unmodelled"]);
        assert_eq!(part["never_taken"].as_array().map(Vec::len), Some(0), "{audience}");
        for flow in part["flows"].as_array().expect("flows") {
            let modelled = flow["modelled"].as_f64().expect("modelled");
            let (taken, out_of) = (flow["taken"].as_f64().expect("taken"), flow["out_of"].as_f64().expect("out of"));
            assert!(out_of >= 100.0, "{audience}: {flow}");
            let observed = taken / out_of;
            let se = (observed * (1.0 - observed) / out_of).sqrt();
            assert!(
                (observed - modelled).abs() <= 3.0 * se,
                "{audience}: {} -> {}: observed {observed} (SE {se}), modelled {modelled}",
                flow["from"],
                flow["to"]
            );
            flows += 1;
        }
    }
    // 11 flows (ends included) for all and for newcomers; 9 for regulars, who never call.
    assert_eq!(flows, 31);
    // The segments come in their shares (40 % and 60 %), within three standard errors.
    let all = parts[0]["cases"].as_f64().expect("cases");
    let newcomers = parts[1]["cases"].as_f64().expect("cases") / all;
    assert!((newcomers - 0.4).abs() <= 3.0 * (0.4 * 0.6 / all).sqrt(), "{newcomers}");
    // Times advance by the steps' durations: each step's gap to the next event is its own.
    let steps = parts[0]["steps"].as_array().expect("steps");
    let median = |id: &str| steps.iter().find(|s| s["step"] == id).and_then(|s| s["observed"]["median_ms"].as_i64());
    assert_eq!(median("browse"), Some(600_000));
    assert_eq!(median("call"), Some(480_000));
    assert_eq!(median("retry"), Some(180_000));
}

/// The flows a diagnostic J1101 names: `flow `a -> b`: ...`.
fn flagged(diagnostics: &serde_json::Value) -> BTreeSet<String> {
    let mut flows = BTreeSet::new();
    for d in diagnostics["diagnostics"].as_array().expect("diagnostics") {
        let message = d["message"].as_str().expect("message");
        assert_eq!(d["code"], "J1101", "only shares are off: {message}");
        let flow = message.strip_prefix("flow `").and_then(|m| m.split('`').next()).expect("a flow");
        flows.insert(flow.to_string());
    }
    flows
}

#[test]
fn a_scenarios_log_against_its_baseline_flags_the_flows_it_changed() {
    let dir = support::temp_dir("emit_log", "scenario");
    let log = dir.join("one_click.csv");
    emit("one_click", WALKS, "2", &log);
    let out = journey(&["check", MODEL, "--evidence", path(&log), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let expected: BTreeSet<String> =
        ["browse -> cart", "browse -> pay", "pay -> retry", "pay -> deliver"].map(String::from).into();
    assert_eq!(flagged(&json), expected);
    // The baseline's own log flags nothing.
    let own = dir.join("order.csv");
    emit("order", WALKS, "2", &own);
    let out = journey(&["check", MODEL, "--evidence", path(&own), "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert_eq!(flagged(&json), BTreeSet::new());
}

#[test]
fn the_xes_log_has_the_statistics_of_the_csv_log() {
    let dir = support::temp_dir("emit_log", "xes");
    let (csv, xes) = (dir.join("order.csv"), dir.join("order.xes"));
    emit("order", "3000", "5", &csv);
    emit("order", "3000", "5", &xes);
    assert!(std::fs::read_to_string(&xes).expect("XES").contains(r#"<string key="segment" value="newcomer"/>"#));
    let mut stats = Vec::new();
    for log in [&csv, &xes] {
        let out_file = dir.join(format!("{}.stats.csv", log.extension().and_then(|e| e.to_str()).unwrap_or("")));
        // XES names its segment attribute only when asked (CSV guesses the `segment` column).
        let out = journey(&["log-stats", path(log), "--segment", "segment", "-o", path(&out_file)]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        stats.push(std::fs::read_to_string(&out_file).expect("statistics"));
    }
    assert!(stats[0].contains("Phone call"), "the step's first logged_as: is its activity");
    assert!(stats[0].contains("newcomer"));
    assert_eq!(stats[0], stats[1]);
}

#[test]
fn the_log_is_the_seeds_alone() {
    let dir = support::temp_dir("emit_log", "seed");
    let logs: Vec<Vec<u8>> = [("a.csv", "7"), ("b.csv", "7"), ("c.csv", "8"), ("a.xes", "7"), ("b.xes", "7")]
        .iter()
        .map(|(name, seed)| {
            let log = dir.join(name);
            emit("order", "2000", seed, &log);
            std::fs::read(&log).expect("log")
        })
        .collect();
    assert_eq!(logs[0], logs[1]);
    assert_ne!(logs[0], logs[2]);
    assert_eq!(logs[3], logs[4]);
    let text = String::from_utf8(logs[0].clone()).expect("UTF-8");
    assert!(text.starts_with("case:concept:name,concept:name,time:timestamp,segment\nc000001,"), "{text:.200}");
    assert!(text.contains("\nc002000,"));
    assert!(!text.contains("\nc002001,"));
    // Nothing but the log is left in the folder (the temporary file was renamed over it).
    let names: Vec<String> = std::fs::read_dir(&dir)
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into())
        .collect();
    assert_eq!(names.len(), 5, "{names:?}");
}

#[test]
fn the_log_starts_when_asked_and_says_what_it_assumed() {
    let dir = support::temp_dir("emit_log", "start");
    let model = dir.join("m.journey");
    std::fs::write(
        &model,
        "system s \"S\"\ntouchpoint t \"T\" { channel: web  uses: s }\n\
         journey j \"J\" {\n  step a \"A\" at t { duration: 1h }\n  step b \"B\" at t\n  \
         step c \"C\" at t { logged_as: \"Done\", \"Closed\" }\n  a -> b\n  b -> c\n}\n",
    )
    .expect("model");
    let log = dir.join("j.csv");
    let out = journey(&[
        "simulate",
        path(&model),
        "--runs",
        "2",
        "--emit-log",
        path(&log),
        "--log-start",
        "2026-03-01T12:00:00+01:00",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).matches("assumed: steps without a duration take no time in the log: `b`, `c`").count(),
        1,
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(&log).expect("log"),
        "case:concept:name,concept:name,time:timestamp\n\
         c000001,A,2026-03-01T11:00:00.000Z\nc000001,B,2026-03-01T12:00:00.000Z\nc000001,Done,2026-03-01T12:00:00.000Z\n\
         c000002,A,2026-03-01T11:00:00.000Z\nc000002,B,2026-03-01T12:00:00.000Z\nc000002,Done,2026-03-01T12:00:00.000Z\n"
    );
}

#[test]
fn what_cannot_be_written_is_refused_clearly() {
    let dir = support::temp_dir("emit_log", "refused");
    for (args, says) in [
        (vec!["--journey", "order", "--emit-log", "log.json"], "CSV (.csv) or XES (.xes)"),
        (vec!["--emit-log", "log.csv"], "the log of one journey: name it with --journey"),
        (vec!["--journey", "order", "--emit-log", "log.csv", "--log-start", "soon"], "--log-start `soon`"),
    ] {
        let log_args: Vec<String> = args
            .iter()
            .map(|a| if a.starts_with("log.") { path(&dir.join(a)).to_string() } else { a.to_string() })
            .collect();
        let mut all = vec!["simulate", MODEL, "--runs", "10"];
        all.extend(log_args.iter().map(String::as_str));
        // A second journey, so that one must be named.
        let out = journey(&[all.as_slice(), &["tests/fit/order.journey"]].concat());
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(says), "{args:?}: {}", stderr(&out));
    }
    assert_eq!(std::fs::read_dir(&dir).expect("listed").count(), 0, "nothing written");
}

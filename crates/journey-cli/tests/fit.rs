//! `journey fit` and `journey check --evidence` as a user runs them: the tables and the JSON of
//! a tiny log against a tiny model (tests/fit/, its figures worked out by hand in
//! crates/journey-evidence/tests/fit.rs), the same bytes from the log's statistics as from the
//! log, the diagnostics in every format, and the example a user tries from the README.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn journey(args: &[&str]) -> Output {
    support::run_within(&repo(), args, Duration::from_secs(60))
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const MODEL: &str = "crates/journey-cli/tests/fit";
const LOG: &str = "crates/journey-cli/tests/fit/order.csv";

#[test]
fn fit_prints_the_tables_and_the_json() {
    let out = journey(&["fit", LOG, MODEL]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!("fit-order-text", stdout(&out));
    let out = journey(&["fit", LOG, MODEL, "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    // 12/17 and 17/21, as worked out by hand.
    let part = &json["fits"][0]["parts"][0];
    assert!((part["fitness"].as_f64().expect("fitness") - 12.0 / 17.0).abs() < 1e-12);
    assert!((part["precision"].as_f64().expect("precision") - 17.0 / 21.0).abs() < 1e-12);
    insta::assert_snapshot!("fit-order-json", stdout(&out));
}

#[test]
fn fitting_the_statistics_prints_the_same_bytes_as_fitting_the_log() {
    let dir = support::temp_dir("fit", "stats");
    for window in ["none", "month"] {
        let stats = dir.join(format!("order-{window}.stats.csv"));
        let out = journey(&["log-stats", LOG, "--window", window, "-o", stats.to_str().expect("path")]);
        assert!(out.status.success(), "{}", stderr(&out));
        for format in ["text", "json"] {
            let from_log = journey(&["fit", LOG, MODEL, "--format", format, "--window", window]);
            let from_stats = journey(&["fit", "--stats", stats.to_str().expect("path"), MODEL, "--format", format]);
            assert_eq!(from_log.status.code(), Some(0), "{}", stderr(&from_log));
            assert_eq!(from_stats.status.code(), Some(0), "{}", stderr(&from_stats));
            assert!(!from_log.stdout.is_empty());
            assert_eq!(stdout(&from_log), stdout(&from_stats), "{window} {format}");
        }
    }
    // Statistics by month cannot be fitted by week.
    let stats = dir.join("order-month.stats.csv");
    let out = journey(&["fit", "--stats", stats.to_str().expect("path"), MODEL, "--window", "week"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("by month windows, not by week"), "{}", stderr(&out));
}

#[test]
fn fit_refuses_what_it_cannot_read() {
    let out = journey(&["fit", "crates/journey-cli/tests/fit/none.csv", MODEL]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("none.csv"), "{}", stderr(&out));
    let out = journey(&["fit", MODEL, MODEL]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a regular file"), "{}", stderr(&out));
    let out = journey(&["fit", LOG, MODEL, "--journey", "ordr"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("did you mean `order`?"), "{}", stderr(&out));
}

#[test]
fn check_with_evidence_in_every_format() {
    for format in ["human", "short", "json", "sarif", "github"] {
        let out = journey(&["check", MODEL, "--evidence", LOG, "--format", format, "--color", "never"]);
        // Evidence warns; it never fails the check by default.
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let text = stdout(&out).replace(env!("CARGO_PKG_VERSION"), "[version]");
        insta::assert_snapshot!(format!("check-evidence-{format}"), text);
    }
    // The log's problems are diagnostics at the log.
    let dir = support::temp_dir("fit", "problems");
    let bad = dir.join("bad.csv");
    let mut text = std::fs::read_to_string(repo().join(LOG)).expect("log");
    text.push_str("c6,browse,yesterday\n");
    std::fs::write(&bad, text).expect("write");
    let out = journey(&["check", MODEL, "--evidence", bad.to_str().expect("path"), "--format", "short"]);
    let text = stdout(&out);
    assert!(text.contains("bad.csv:1:1: warning[J1107]: the log: 1 timestamps that do not parse"), "{text}");
    // With --deny warnings the evidence fails the check.
    let out = journey(&["check", MODEL, "--evidence", LOG, "--deny", "warnings", "--format", "short"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_example_log_fits_the_web_shop() {
    let out = journey(&[
        "fit",
        "examples/web-shop.log.csv",
        "examples/web-shop.journey",
        "--case",
        "order",
        "--segment",
        "customer",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    insta::assert_snapshot!("fit-web-shop", stdout(&out));
}

/// A workspace whose journey.toml says how its log is written and asks for months: March has
/// 60 of 100 customers going through the cart, April 30 of 100.
fn drifting_workspace() -> support::TempDir {
    let dir = support::temp_dir("fit", "drift");
    let model = "touchpoint web \"Web shop\" { channel: web }\njourney order \"Order\" {\n  step browse \"Browse\" at web\n  \
                 step cart \"Cart\" at web\n  step pay \"Pay\" at web { end: true }\n  browse -> cart 45%\n  browse -> pay 55%\n  \
                 cart -> pay\n}\n";
    std::fs::write(dir.join("order.journey"), model).expect("model");
    let config = "[log]\ncase = \"order\"\nactivity = \"what\"\ntime = \"when\"\n\n[evidence]\nwindow = \"month\"\n";
    std::fs::write(dir.join("journey.toml"), config).expect("config");
    let mut log = String::from("order,what,when\n");
    for (month, via_cart) in [("03", 60), ("04", 30)] {
        for c in 0..100 {
            log.push_str(&format!("{month}-{c},browse,2024-{month}-02T10:00:00Z\n"));
            if c < via_cart {
                log.push_str(&format!("{month}-{c},cart,2024-{month}-02T10:01:00Z\n"));
            }
            log.push_str(&format!("{month}-{c},pay,2024-{month}-02T10:02:00Z\n"));
        }
    }
    std::fs::write(dir.join("log.csv"), log).expect("log");
    dir
}

#[test]
fn journey_toml_says_how_the_log_is_written_and_drift_is_reported_and_shown() {
    let dir = drifting_workspace();
    let (model, log) = (dir.to_str().expect("path"), dir.join("log.csv"));
    let log = log.to_str().expect("path");
    let out = journey(&["check", model, "--evidence", log, "--format", "short"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let drift: Vec<&str> = text.lines().filter(|l| l.contains("[J1108]")).collect();
    assert_eq!(drift.len(), 2, "{text}");
    assert!(
        drift[0].ends_with(
            "warning[J1108]: flow `browse -> cart`: the log's share went from 60% (60 of 100) in 2024-03 to 30% (30 of 100) in 2024-04 for all cases"
        ),
        "{text}"
    );
    // fit reads the same settings: months, and the drift table after them.
    let out = journey(&["fit", log, model]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("(timed, windows: month)"), "{text}");
    assert!(text.contains("drift: shares that changed from one window to the next"), "{text}");
    let row = text.lines().find(|l| l.starts_with("browse → cart ") && l.contains("2024-03")).unwrap_or_default();
    let cells: Vec<&str> = row.split("  ").map(str::trim).filter(|c| !c.is_empty()).collect();
    assert_eq!(
        cells,
        ["browse → cart", "all cases", "2024-03", "2024-04", "60% (60 of 100)", "30% (30 of 100)", "−30.0 points"]
    );
    // The command line wins over journey.toml.
    let out = journey(&["fit", log, model, "--window", "none"]);
    assert!(stdout(&out).contains("(timed, windows: none)") && !stdout(&out).contains("drift"), "{}", stdout(&out));
    let out = journey(&["fit", log, model, "--case", "customer"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("missing-column") && stderr(&out).contains("customer"), "{}", stderr(&out));

    // The report shows the log next to the model, and the drift, with labels for ids.
    let out_dir = dir.join("out");
    let out =
        journey(&["build", model, "--evidence", log, "--emit", "svg,html", "-o", out_dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let html = std::fs::read_to_string(out_dir.join("report.html")).expect("report");
    assert!(html.contains("<h3>Against the event log</h3>"), "{html}");
    assert!(html.contains("log.csv: 200 cases; fitness 100%, precision 100%"), "{html}");
    assert!(html.contains("<td>Browse → Cart</td><td>45%</td><td>45% (38.3%–51.9%)</td><td>90 of 200</td>"), "{html}");
    assert!(html.contains("<li>Browse → Cart: 60% in 2024-03, 30% in 2024-04</li>"), "{html}");
    // The blueprint draws the flows by the log: observed share (modelled), in the SVG and
    // in the report's copy of it.
    let svg = std::fs::read_to_string(out_dir.join("order.blueprint.svg")).expect("blueprint");
    assert!(svg.contains(">45% (45%)<") && svg.contains(">55% (55%)<"), "{svg}");
    assert!(html.contains(">45% (45%)<"), "the report's blueprint");
    let _ = std::fs::remove_dir_all(&dir);
}

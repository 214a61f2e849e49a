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

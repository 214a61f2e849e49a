//! `journey log-stats` (hidden): a log's statistics through the binary are the library's, a
//! log's problems go to standard error, and what is not a regular file is refused.

use std::path::{Path, PathBuf};
use std::process::Command;

use journey_log::{CsvOptions, StatsOptions, Window, XesOptions, compute, read_csv, read_xes};

fn log(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/logs").join(name)
}

fn journey(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_journey")).args(args).output().expect("journey runs")
}

#[test]
fn the_statistics_of_a_log_are_the_librarys() {
    let path = log("running-example.xes");
    let out = journey(&["log-stats", path.to_str().expect("path"), "--window", "week"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (expected, _) = compute(StatsOptions { window: Window::Week }, |sink| {
        read_xes(std::fs::File::open(&path).expect("log"), &XesOptions::default(), sink);
    });
    assert_eq!(String::from_utf8_lossy(&out.stdout), expected.to_csv());
    // Not a terminal: no progress bar, and no problems to report.
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");

    let gz = log("receipt.csv.gz");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("journey-log-stats");
    std::fs::create_dir_all(&dir).expect("dir");
    let written = dir.join("receipt.stats.csv");
    let out = journey(&[
        "log-stats",
        gz.to_str().expect("path"),
        "--segment",
        "case:channel",
        "-o",
        written.to_str().expect("path"),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let mut options = CsvOptions::default();
    options.columns.segment = Some(journey_log::Column::Name("case:channel".into()));
    let (expected, _) = compute(StatsOptions::default(), |sink| {
        read_csv(std::fs::File::open(&gz).expect("log"), &options, sink);
    });
    assert_eq!(std::fs::read_to_string(&written).expect("written"), expected.to_csv());
}

#[test]
fn problems_go_to_standard_error_and_directories_are_refused() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("journey-log-stats-bad");
    std::fs::create_dir_all(&dir).expect("dir");
    let bad = dir.join("bad.csv");
    std::fs::write(&bad, "case,activity,timestamp\nc1,a,2024-02-30\n,b,2024-03-01\n").expect("write");
    let out = journey(&["log-stats", bad.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "missing-case: 1 events without a case id (left out); at line 3 (byte 40)\n\
         bad-timestamp: 1 timestamps that do not parse (events left out); at line 2 (byte 24) \"2024-02-30\"\n\
         no-events: 1 logs without any event; at the log\n"
    );
    let out = journey(&["log-stats", dir.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a regular file"));
}

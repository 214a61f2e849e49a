//! PM4Py, on the same logs, judges the readers: directly-follows counts, start and end
//! activities, cases and flow events identical to ours, on public logs (tests/logs/) and on a
//! generated one with ties and rows out of order; PM4Py reads the XES we write; and our
//! reading of the XES PM4Py writes gives the same statistics as our reading of the CSV it came
//! from. PM4Py lives in tests/oracles/venv (tests/oracles/install); without it the tests are
//! skipped, unless JOURNEY_REQUIRE_ORACLES=1 makes that a failure.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use journey_log::{
    Column, CsvOptions, CsvWriter, Event, OcelOptions, Sink, Stats, StatsOptions, Timestamp, Window, WriteOptions,
    XesOptions, XesWriter, compute, read_csv, read_ocel_json, read_ocel_xml, read_xes,
};
use serde_json::{Value, json};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn log(name: &str) -> PathBuf {
    repo().join("tests/logs").join(name)
}

#[path = "../../../tests/oracles/python.rs"]
mod python;

fn python() -> Option<PathBuf> {
    python::with("pm4py", "PM4Py")
}

fn temp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("journey-log-pm4py");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// What PM4Py makes of a log.
fn pm4py(python: &Path, mode: &str, path: &Path, extra: &[&str]) -> Value {
    let out = Command::new(python)
        .arg(repo().join("tests/oracles/pm4py-dfg.py"))
        .args([mode, path.to_str().expect("path")])
        .args(extra)
        .output()
        .expect("python runs");
    assert!(out.status.success(), "PM4Py failed on {}: {}", path.display(), String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().rev().find(|l| l.starts_with('{')).expect("PM4Py printed JSON");
    serde_json::from_str(line).expect("JSON")
}

/// The same figures from our statistics, over every group.
fn ours(stats: &Stats) -> Value {
    let mut follows: BTreeMap<(String, String), u64> = BTreeMap::new();
    let (mut start, mut end): (BTreeMap<String, u64>, BTreeMap<String, u64>) = Default::default();
    let (mut cases, mut events) = (0, 0);
    for group in stats.groups.values() {
        for ((a, b), d) in &group.follows {
            *follows.entry((a.clone(), b.clone())).or_default() += d.count;
        }
        for (name, a) in &group.activities {
            events += a.events;
            if a.starts > 0 {
                *start.entry(name.clone()).or_default() += a.starts;
            }
            if a.ends > 0 {
                *end.entry(name.clone()).or_default() += a.ends;
            }
        }
        // PM4Py sees only cases with a flow event.
        cases += group.activities.values().map(|a| a.starts).sum::<u64>();
    }
    let follows: Vec<Value> = follows.into_iter().map(|((a, b), n)| json!([a, b, n])).collect();
    json!({ "follows": follows, "start": start, "end": end, "cases": cases, "events": events })
}

fn csv_stats(path: &Path, options: &CsvOptions) -> Stats {
    let (stats, problems) = compute(StatsOptions { window: Window::Month }, |sink| {
        read_csv(std::fs::File::open(path).expect("log"), options, sink);
    });
    assert!(!problems.stopped() && problems.count(journey_log::ProblemKind::NoEvents) == 0, "{problems}");
    stats
}

fn xes_stats(path: &Path, options: &XesOptions) -> Stats {
    let (stats, problems) = compute(StatsOptions { window: Window::Month }, |sink| {
        read_xes(std::fs::File::open(path).expect("log"), options, sink);
    });
    assert!(!problems.stopped() && problems.count(journey_log::ProblemKind::NoEvents) == 0, "{problems}");
    stats
}

#[test]
fn pm4py_agrees_on_public_logs() {
    let Some(python) = python() else { return };
    for name in ["running-example.csv", "receipt.csv.gz"] {
        let path = log(name);
        assert_eq!(ours(&csv_stats(&path, &CsvOptions::default())), pm4py(&python, "csv", &path, &[]), "{name}");
    }
    for name in ["running-example.xes", "interval_event_log.xes.gz"] {
        let path = log(name);
        assert_eq!(ours(&xes_stats(&path, &XesOptions::default())), pm4py(&python, "xes", &path, &[]), "{name}");
    }
}

#[test]
fn pm4py_agrees_on_ocel_flattened_on_each_object_type() {
    let Some(python) = python() else { return };
    let read = |name: &str, object_type: &str| -> Stats {
        let options = OcelOptions { object_type: object_type.into(), ..OcelOptions::default() };
        let (stats, problems) = compute(StatsOptions::default(), |sink| {
            let file = std::fs::File::open(log(name)).expect("log");
            if name.ends_with("jsonocel") {
                read_ocel_json(file, &options, sink);
            } else {
                read_ocel_xml(file, &options, sink);
            }
        });
        assert!(problems.is_empty(), "{problems}");
        stats
    };
    for object_type in ["Purchase Order", "Invoice", "Purchase Requisition", "Payment"] {
        let json = read("ocel20_example.jsonocel", object_type);
        let theirs = pm4py(&python, "ocel", &log("ocel20_example.jsonocel"), &["--object-type", object_type]);
        assert_eq!(ours(&json), theirs, "{object_type}");
        // The XML form holds the same log: the same statistics, durations included.
        assert_eq!(read("ocel20_example.xmlocel", object_type).to_csv(), json.to_csv(), "{object_type}");
    }
    let xml = log("ocel20_example.xmlocel");
    assert_eq!(
        ours(&read("ocel20_example.xmlocel", "Invoice")),
        pm4py(&python, "ocel", &xml, &["--object-type", "Invoice"])
    );
}

/// A log of 3,000 cases with timestamps to the minute (so ties within a case), lifecycle start
/// and complete events, and one row in seven moved further down the file (out of order).
fn generated_log() -> String {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let activities = ["visit", "search", "call", "order", "pay", "ship", "return", "complain"];
    let mut rows = Vec::new();
    for case in 0..3000u64 {
        let mut t = 1_704_067_200_000 + next(90 * 24 * 60) as i64 * 60_000;
        for _ in 0..1 + next(12) {
            let activity = activities[next(activities.len() as u64) as usize];
            t += next(4) as i64 * 60_000;
            let life = if next(10) == 0 { "start" } else { "complete" };
            rows.push(format!("C{case},{activity},{},{life}", journey_log::time::format_rfc3339(Timestamp(t))));
        }
    }
    let mut i = 0;
    while i + 40 < rows.len() {
        if next(7) == 0 {
            let row = rows.remove(i);
            rows.insert(i + 1 + next(39) as usize, row);
        }
        i += 1;
    }
    format!("case:concept:name,concept:name,time:timestamp,lifecycle:transition\n{}\n", rows.join("\n"))
}

#[test]
fn pm4py_agrees_on_a_generated_log_with_ties_and_rows_out_of_order() {
    let Some(python) = python() else { return };
    let path = temp("generated.csv.gz");
    let mut gz =
        flate2::write::GzEncoder::new(std::fs::File::create(&path).expect("create"), flate2::Compression::fast());
    gz.write_all(generated_log().as_bytes()).expect("write");
    gz.finish().expect("gzip");
    let (stats, problems) = compute(StatsOptions::default(), |sink| {
        read_csv(std::fs::File::open(&path).expect("log"), &CsvOptions::default(), sink);
    });
    assert!(problems.count(journey_log::ProblemKind::OutOfOrder) > 100, "{problems}");
    assert_eq!(ours(&stats), pm4py(&python, "csv", &path, &[]));
}

/// Keeps a log's events, to write them again grouped by case.
#[derive(Default)]
struct Keep(Vec<Kept>);

/// Case, activity, time, lifecycle, segment.
type Kept = (String, String, i64, Option<String>, Option<String>);

impl Sink for Keep {
    fn event(&mut self, e: &Event<'_>) {
        let owned = |s: Option<&str>| s.map(str::to_string);
        self.0.push((
            e.case.into(),
            e.activity.into(),
            e.time.map_or(0, |t| t.0),
            owned(e.lifecycle),
            owned(e.segment),
        ));
    }
    fn problem(&mut self, _: journey_log::Problem<'_>) {}
}

fn receipt_options() -> CsvOptions {
    let mut options = CsvOptions::default();
    options.columns.segment = Some(Column::Name("case:channel".into()));
    options
}

#[test]
fn pm4py_reads_the_xes_we_write() {
    let Some(python) = python() else { return };
    let mut keep = Keep::default();
    read_csv(std::fs::File::open(log("receipt.csv.gz")).expect("log"), &receipt_options(), &mut keep);
    keep.0.sort_by(|a, b| (&a.0, a.2).cmp(&(&b.0, b.2)));
    let options = WriteOptions { segment: true, lifecycle: true, ..WriteOptions::default() };
    let path = temp("ours.xes");
    let mut xes =
        XesWriter::new(std::io::BufWriter::new(std::fs::File::create(&path).expect("create")), options).expect("xes");
    let csv_path = temp("ours.csv");
    let mut csv = CsvWriter::new(std::fs::File::create(&csv_path).expect("create"), options).expect("csv");
    for (case, activity, time, lifecycle, segment) in &keep.0 {
        let mut e = Event::new(case, activity, Some(Timestamp(*time)));
        e.lifecycle = lifecycle.as_deref();
        e.segment = segment.as_deref();
        xes.write(&e).expect("event");
        csv.write(&e).expect("row");
    }
    xes.finish().expect("xes");
    csv.finish().expect("csv");
    let expected = ours(&csv_stats(&log("receipt.csv.gz"), &receipt_options()));
    assert_eq!(pm4py(&python, "xes", &path, &[]), expected);
    assert_eq!(pm4py(&python, "csv", &csv_path, &[]), expected);
    // And we read back what we wrote, segments included.
    let segment = XesOptions { segment: Some("segment".into()), ..XesOptions::default() };
    assert_eq!(xes_stats(&path, &segment).to_csv(), csv_stats(&log("receipt.csv.gz"), &receipt_options()).to_csv());
}

#[test]
fn our_reading_of_the_xes_pm4py_writes_equals_our_reading_of_the_csv() {
    let Some(python) = python() else { return };
    for (name, segment) in [("running-example.csv", None), ("receipt.csv.gz", Some("channel"))] {
        let path = temp(&format!("pm4py-{name}.xes"));
        pm4py(&python, "csv", &log(name), &["--write-xes", path.to_str().expect("path")]);
        let options = if segment.is_some() { receipt_options() } else { CsvOptions::default() };
        let xes = XesOptions { segment: segment.map(str::to_string), ..XesOptions::default() };
        let from_csv = csv_stats(&log(name), &options);
        assert!(from_csv.timed && !from_csv.groups.is_empty());
        assert_eq!(xes_stats(&path, &xes).to_csv(), from_csv.to_csv(), "{name}");
    }
}

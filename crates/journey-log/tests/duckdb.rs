//! DuckDB judges the statistics query (`journey_log::sql`): the query, run by DuckDB on a log
//! loaded from CSV, gives exactly the statistics journey computes from the same log, in every
//! window, on public logs (tests/logs/) and on a generated one with ties, rows out of order,
//! missing and bad timestamps, sub-millisecond fractions, zone offsets, lifecycle transitions
//! in any case, scores and segments; its rows are even written in journey's order. DuckDB lives
//! in tests/oracles/venv (tests/oracles/install); without it the tests are skipped, unless
//! JOURNEY_REQUIRE_ORACLES=1 makes that a failure.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use journey_log::{
    Column, CsvOptions, Dialect, Source, Stats, StatsOptions, Window, compute, decompress, read_csv, statistics_sql,
};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn python() -> Option<PathBuf> {
    let python = repo().join("tests/oracles/venv/bin/python");
    let works = Command::new(&python).args(["-c", "import duckdb"]).output().is_ok_and(|o| o.status.success());
    let found = works.then_some(python);
    if found.is_none() {
        assert!(
            std::env::var("JOURNEY_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "the DuckDB oracle is missing: run tests/oracles/install"
        );
        eprintln!("skipped: DuckDB is not installed (tests/oracles/install)");
    }
    found
}

fn temp(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("journey-log-duckdb");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

/// The log's CSV with a last column `seq__`: each row's position, the `seq` DuckDB orders by.
fn with_seq(log: &str) -> String {
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(log.as_bytes());
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    for (i, record) in reader.records().enumerate() {
        let mut record = record.expect("CSV row");
        record.push_field(&if i == 0 { "seq__".to_string() } else { i.to_string() });
        writer.write_record(&record).expect("write");
    }
    String::from_utf8(writer.into_inner().expect("flush")).expect("UTF-8")
}

/// The columns of a test log, by header name.
struct Names {
    case: &'static str,
    activity: &'static str,
    time: &'static str,
    segment: Option<&'static str>,
    lifecycle: Option<&'static str>,
    score: Option<&'static str>,
}

fn ours(log: &str, names: &Names, window: Window) -> Stats {
    let name = |n: &str| Some(Column::Name(n.to_string()));
    let mut options = CsvOptions { guess: false, ..CsvOptions::default() };
    options.columns.case = name(names.case);
    options.columns.activity = name(names.activity);
    options.columns.time = name(names.time);
    options.columns.segment = names.segment.and_then(name);
    options.columns.lifecycle = names.lifecycle.and_then(name);
    options.columns.score = names.score.and_then(name);
    compute(StatsOptions { window }, |sink| {
        read_csv(log.as_bytes(), &options, sink);
    })
    .0
}

/// The query for a log loaded into DuckDB as text (`log`): times and scores converted there.
fn source(names: &Names, window: Window) -> Source {
    let q = |n: &str| format!("\"{}\"", n.replace('"', "\"\""));
    let score = names.score.map_or(String::new(), |s| format!(", TRY_CAST({} AS DOUBLE) AS score__", q(s)));
    Source {
        from: format!(
            "(SELECT *, TRY_CAST({} AS TIMESTAMPTZ) AS ts__, CAST(seq__ AS BIGINT) AS seq_n__{score} FROM log) AS events",
            q(names.time)
        ),
        case: names.case.into(),
        activity: names.activity.into(),
        timestamp: Some("ts__".into()),
        segment: names.segment.map(Into::into),
        lifecycle: names.lifecycle.map(Into::into),
        score: names.score.map(|_| "score__".into()),
        order: "seq_n__".into(),
        window,
    }
}

/// Runs `sql` in DuckDB on `log`; the result as CSV.
fn duckdb(python: &Path, log: &str, sql: &str, tag: &str) -> String {
    let (input, query, out) =
        (temp(&format!("{tag}.csv")), temp(&format!("{tag}.sql")), temp(&format!("{tag}.out.csv")));
    std::fs::write(&input, with_seq(log)).expect("write log");
    std::fs::write(&query, sql).expect("write query");
    let run = Command::new(python)
        .arg(repo().join("tests/oracles/duckdb-stats.py"))
        .args([&input, &query, &out])
        .output()
        .expect("python runs");
    assert!(run.status.success(), "DuckDB failed on {tag}: {}\n{sql}", String::from_utf8_lossy(&run.stderr));
    let result = std::fs::read_to_string(&out).expect("DuckDB's result");
    for path in [input, query, out] {
        let _ = std::fs::remove_file(path);
    }
    result
}

/// DuckDB's statistics of the log equal ours: read back, and byte for byte as written.
fn judge(python: &Path, log: &str, names: &Names, windows: &[Window], tag: &str) {
    for &window in windows {
        let expected = ours(log, names, window);
        assert!(!expected.groups.is_empty(), "{tag}: the log has events");
        let sql = statistics_sql(Dialect::DuckDb, &source(names, window));
        let written = duckdb(python, log, &sql, &format!("{tag}-{}", window.name()));
        let theirs = Stats::from_csv(written.as_bytes()).unwrap_or_else(|e| panic!("{tag}: {e}\n{written}"));
        assert_eq!(theirs.to_csv(), expected.to_csv(), "{tag}, {} windows", window.name());
        assert_eq!(
            written,
            expected.to_csv(),
            "{tag}, {} windows: DuckDB's rows as journey writes them",
            window.name()
        );
    }
}

/// A log with everything the definition settles: ties (kept in the log's order), rows out of
/// order, missing and bad timestamps, a missing case and activity, fractions finer than a
/// millisecond (also before 1970), zone offsets, lifecycle transitions in any case (a complete
/// before its start, starts without completes, other transitions), scores rounding half up,
/// segments given late or changed, names with commas and quotes, cases over year, ISO-week,
/// quarter and month boundaries.
const GENERATED: &str = "\
case,activity,time,segment,lifecycle,score
c1,browse,2024-12-30T10:00:00Z,vip,,4.5
c1,\"pay, later\",2024-12-30T10:00:00Z,,complete,0.0005
c1,call,2024-12-30T09:00:00.9999Z,other,,
c1,browse,2025-01-02T00:00:00+02:00,,START,
c1,browse,2025-01-02T01:00:00Z,,Complete,-1.25
c2,\"say \"\"hi\"\"\",2021-01-03T23:59:59.999999Z,,,
c2,browse,,,,
c2,browse,not a time,,,
c2,buy,2021-01-04T00:00:00Z,basic,start,
c2,buy,2021-01-03T23:00:00Z,,complete,2
c2,buy,2021-01-04T00:00:01Z,,complete,
c2,wait,2021-01-04T00:00:02Z,,schedule,7
,browse,2024-03-01T00:00:00Z,vip,,
c3,,2024-03-01T00:00:00Z,vip,,
c3,browse,1969-12-31T23:59:59.9995Z,vip,,0.1
c3,browse,1969-12-31T23:59:59.9995Z,vip,,0.1
c3,call,1970-01-01T00:00:00Z,vip,start,
c4,call,2024-03-31T23:30:00-01:00,vip,start,
c4,call,2024-04-01T00:45:00Z,vip,start,
c5,browse,2024-06-30T12:00:00Z,,,
c5,buy,2024-07-01T12:34:56.789Z,,,
c5,browse,2024-06-30T12:00:00Z,,,
c6,browse,2024-06-30T12:00:00Z,basic,,
c6,buy,2024-06-30T12:00:01.5Z,basic,,
c6,buy,2024-09-30T12:00:00Z,basic,,
";

const GENERATED_NAMES: Names = Names {
    case: "case",
    activity: "activity",
    time: "time",
    segment: Some("segment"),
    lifecycle: Some("lifecycle"),
    score: Some("score"),
};

#[test]
fn duckdb_computes_our_statistics_of_a_generated_log() {
    let Some(python) = python() else { return };
    judge(&python, GENERATED, &GENERATED_NAMES, &Window::ALL, "generated");
}

#[test]
fn duckdb_computes_our_statistics_of_public_logs() {
    let Some(python) = python() else { return };
    let running = std::fs::read_to_string(repo().join("tests/logs/running-example.csv")).expect("running example");
    let names = Names {
        case: "case:concept:name",
        activity: "concept:name",
        time: "time:timestamp",
        segment: Some("org:resource"),
        lifecycle: None,
        score: Some("Costs"),
    };
    judge(&python, &running, &names, &[Window::None, Window::Week], "running-example");
    let file = std::fs::File::open(repo().join("tests/logs/receipt.csv.gz")).expect("receipt log");
    let mut receipt = String::new();
    decompress(file).expect("gzip").read_to_string(&mut receipt).expect("UTF-8 log");
    let names = Names {
        case: "case:concept:name",
        activity: "concept:name",
        time: "time:timestamp",
        segment: Some("case:channel"),
        lifecycle: Some("lifecycle:transition"),
        score: None,
    };
    judge(&python, &receipt, &names, &[Window::Month], "receipt");
}

/// The comparison can fail: a query that orders a case's events by the log's order alone, rounds
/// scores down, or forgets a case's segment, is caught on the generated log.
#[test]
fn a_wrong_query_is_caught() {
    let Some(python) = python() else { return };
    let sql = statistics_sql(Dialect::DuckDb, &source(&GENERATED_NAMES, Window::Month));
    let expected = ours(GENERATED, &GENERATED_NAMES, Window::Month).to_csv();
    for (right, wrong) in
        [("ORDER BY t, q", "ORDER BY q"), ("+ CAST(0.5 AS DOUBLE)", ""), ("WHEN i = 1 THEN s", "WHEN i = 2 THEN s")]
    {
        assert!(sql.contains(right), "{right}");
        let written = duckdb(&python, GENERATED, &sql.replace(right, wrong), "wrong");
        // Refused when read back (a negative gap is no bucket), or different.
        if let Ok(theirs) = Stats::from_csv(written.as_bytes()) {
            assert_ne!(theirs.to_csv(), expected, "{right} → {wrong} went unnoticed");
        }
    }
}

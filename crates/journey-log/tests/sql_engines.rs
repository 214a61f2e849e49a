//! DuckDB and Spark SQL judge the statistics query (`journey_log::sql`): the query, run by the
//! engine on a log loaded from CSV, gives exactly the statistics journey computes from the same
//! log, in every window, on public logs (tests/logs/) and on a generated one with ties, rows out
//! of order, missing and bad timestamps, sub-millisecond fractions, zone offsets, lifecycle
//! transitions in any case, scores and segments; its rows are even written in journey's order.
//! DuckDB and PySpark live in tests/oracles/venv (tests/oracles/install; Spark runs on Debian's
//! Java 17); without them the tests are skipped, unless JOURNEY_REQUIRE_ORACLES=1 makes that a
//! failure.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use journey_log::{
    Column, CsvOptions, Dialect, Source, Stats, StatsOptions, Window, compute, decompress, read_csv, statistics_sql,
};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// An engine that judges the query: its dialect, the Python module and script that run it, and
/// how it converts the log's text to times and numbers.
#[derive(Clone, Copy)]
struct Engine {
    dialect: Dialect,
    module: &'static str,
    script: &'static str,
    timestamp: &'static str,
    quote: char,
}

const DUCKDB: Engine = Engine {
    dialect: Dialect::DuckDb,
    module: "duckdb",
    script: "duckdb-stats.py",
    timestamp: "TIMESTAMPTZ",
    quote: '"',
};
const SPARK: Engine =
    Engine { dialect: Dialect::Spark, module: "pyspark", script: "spark-stats.py", timestamp: "TIMESTAMP", quote: '`' };

fn python(engine: Engine) -> Option<PathBuf> {
    let python = repo().join("tests/oracles/venv/bin/python");
    let works = Command::new(&python)
        .args(["-c", &format!("import {}", engine.module)])
        .output()
        .is_ok_and(|o| o.status.success());
    let found = works.then_some(python);
    if found.is_none() {
        assert!(
            std::env::var("JOURNEY_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "the {} oracle is missing: run tests/oracles/install",
            engine.module
        );
        eprintln!("skipped: {} is not installed (tests/oracles/install)", engine.module);
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

/// The query for a log loaded into the engine as text (`log`): times and scores converted there.
fn source(engine: Engine, names: &Names, window: Window) -> Source {
    let quote = engine.quote;
    let q = |n: &str| format!("{quote}{}{quote}", n.replace(quote, &format!("{quote}{quote}")));
    let score = names.score.map_or(String::new(), |s| format!(", TRY_CAST({} AS DOUBLE) AS score__", q(s)));
    Source {
        from: format!(
            "(SELECT *, TRY_CAST({} AS {}) AS ts__, CAST(seq__ AS BIGINT) AS seq_n__{score} FROM log) AS events",
            q(names.time),
            engine.timestamp
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

/// Runs each query in the engine on `log` (in one session); their results as CSV.
fn run(engine: Engine, python: &Path, log: &str, queries: &[String], tag: &str) -> Vec<String> {
    let input = temp(&format!("{tag}.csv"));
    std::fs::write(&input, with_seq(log)).expect("write log");
    let mut command = Command::new(python);
    command.arg(repo().join("tests/oracles").join(engine.script)).arg(&input);
    let mut files = Vec::new();
    for (i, sql) in queries.iter().enumerate() {
        let (query, out) = (temp(&format!("{tag}-{i}.sql")), temp(&format!("{tag}-{i}.out.csv")));
        std::fs::write(&query, sql).expect("write query");
        command.arg(&query).arg(&out);
        files.push((query, out));
    }
    let done = command.output().expect("python runs");
    assert!(done.status.success(), "{} failed on {tag}: {}", engine.module, String::from_utf8_lossy(&done.stderr));
    let _ = std::fs::remove_file(input);
    files
        .into_iter()
        .map(|(query, out)| {
            let result = std::fs::read_to_string(&out).expect("the engine's result");
            let _ = std::fs::remove_file(query);
            let _ = std::fs::remove_file(out);
            result
        })
        .collect()
}

/// The engine's statistics of the log equal ours in each window: read back, and byte for byte
/// as written.
fn judge(engine: Engine, python: &Path, log: &str, names: &Names, windows: &[Window], tag: &str) {
    let queries: Vec<String> =
        windows.iter().map(|&w| statistics_sql(engine.dialect, &source(engine, names, w))).collect();
    let results = run(engine, python, log, &queries, tag);
    for (&window, written) in windows.iter().zip(results) {
        let expected = ours(log, names, window);
        assert!(!expected.groups.is_empty(), "{tag}: the log has events");
        let theirs = Stats::from_csv(written.as_bytes()).unwrap_or_else(|e| panic!("{tag}: {e}\n{written}"));
        let what = format!("{}, {tag}, {} windows", engine.module, window.name());
        assert_eq!(theirs.to_csv(), expected.to_csv(), "{what}");
        assert_eq!(written, expected.to_csv(), "{what}: the engine's rows as journey writes them");
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
    let Some(python) = python(DUCKDB) else { return };
    judge(DUCKDB, &python, GENERATED, &GENERATED_NAMES, &Window::ALL, "generated");
}

#[test]
fn duckdb_computes_our_statistics_of_public_logs() {
    let Some(python) = python(DUCKDB) else { return };
    public_logs(DUCKDB, &python);
}

/// Spark SQL, in local mode with little memory: one session per log, so the generated log and
/// the public ones are judged in one test.
#[test]
fn spark_computes_our_statistics() {
    let Some(python) = python(SPARK) else { return };
    judge(SPARK, &python, GENERATED, &GENERATED_NAMES, &Window::ALL, "spark-generated");
    public_logs(SPARK, &python);
}

fn public_logs(engine: Engine, python: &Path) {
    let running = std::fs::read_to_string(repo().join("tests/logs/running-example.csv")).expect("running example");
    let names = Names {
        case: "case:concept:name",
        activity: "concept:name",
        time: "time:timestamp",
        segment: Some("org:resource"),
        lifecycle: None,
        score: Some("Costs"),
    };
    judge(engine, python, &running, &names, &[Window::None, Window::Week], "running-example");
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
    judge(engine, python, &receipt, &names, &[Window::Month], "receipt");
}

/// The comparison can fail: a query that orders a case's events by the log's order alone, rounds
/// scores down, or forgets a case's segment, is caught on the generated log.
#[test]
fn a_wrong_query_is_caught() {
    let Some(python) = python(DUCKDB) else { return };
    let sql = statistics_sql(Dialect::DuckDb, &source(DUCKDB, &GENERATED_NAMES, Window::Month));
    let expected = ours(GENERATED, &GENERATED_NAMES, Window::Month).to_csv();
    let mutations =
        [("ORDER BY t, q", "ORDER BY q"), ("+ CAST(0.5 AS DOUBLE)", ""), ("WHEN i = 1 THEN s", "WHEN i = 2 THEN s")];
    let wrong: Vec<String> = mutations
        .iter()
        .map(|(right, wrong)| {
            assert!(sql.contains(right), "{right}");
            sql.replace(right, wrong)
        })
        .collect();
    for ((right, wrong), written) in mutations.iter().zip(run(DUCKDB, &python, GENERATED, &wrong, "wrong")) {
        // Refused when read back (a negative gap is no bucket), or different.
        if let Ok(theirs) = Stats::from_csv(written.as_bytes()) {
            assert_ne!(theirs.to_csv(), expected, "{right} → {wrong} went unnoticed");
        }
    }
}

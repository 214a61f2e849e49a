//! `--emit-sql`: the query `journey fit` prints, run by DuckDB on the example log, gives
//! statistics that `journey fit --stats` fits to the very bytes fitting the log prints; the
//! other dialects are checked for shape. DuckDB lives in tests/oracles/venv
//! (tests/oracles/install); without it the DuckDB test is skipped, unless
//! JOURNEY_REQUIRE_ORACLES=1 makes that a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn journey(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_journey")).current_dir(repo()).args(args).output().expect("journey runs")
}

#[path = "../../../tests/oracles/python.rs"]
mod python;

fn python() -> Option<PathBuf> {
    python::with("duckdb", "DuckDB")
}

const TABLE: &str =
    "(SELECT *, TRY_CAST(\"time\" AS TIMESTAMPTZ) AS ts, CAST(seq__ AS BIGINT) AS seq FROM log) AS events";

#[test]
fn fitting_duckdbs_statistics_prints_what_fitting_the_log_prints() {
    let Some(python) = python() else { return };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("journey-emit-sql");
    std::fs::create_dir_all(&dir).expect("dir");
    // The log with each row's position, the order of events at the same time.
    let log = std::fs::read_to_string(repo().join("examples/web-shop.log.csv")).expect("example log");
    assert!(!log.contains('"'), "the example log has no quoted fields");
    let numbered: String = log
        .lines()
        .enumerate()
        .map(|(i, line)| if i == 0 { format!("{line},seq__\n") } else { format!("{line},{i}\n") })
        .collect();
    let (table, query, stats) = (dir.join("web-shop.csv"), dir.join("web-shop.sql"), dir.join("web-shop.stats.csv"));
    std::fs::write(&table, numbered).expect("write");

    for window in ["none", "month"] {
        let sql = journey(&[
            "fit",
            "--emit-sql",
            "duckdb",
            "--table",
            TABLE,
            "--case",
            "order",
            "--activity",
            "activity",
            "--time",
            "ts",
            "--segment",
            "customer",
            "--order",
            "seq",
            "--window",
            window,
        ]);
        assert!(sql.status.success(), "{}", String::from_utf8_lossy(&sql.stderr));
        std::fs::write(&query, &sql.stdout).expect("write");
        let run = Command::new(&python)
            .arg(repo().join("tests/oracles/duckdb-stats.py"))
            .args([&table, &query, &stats])
            .output()
            .expect("python runs");
        assert!(run.status.success(), "DuckDB: {}", String::from_utf8_lossy(&run.stderr));

        let from_log = journey(&[
            "fit",
            "examples/web-shop.log.csv",
            "examples/web-shop.journey",
            "--case",
            "order",
            "--segment",
            "customer",
            "--window",
            window,
        ]);
        let from_sql = journey(&[
            "fit",
            "--stats",
            stats.to_str().expect("path"),
            "examples/web-shop.journey",
            "--window",
            window,
        ]);
        assert!(from_log.status.success(), "{}", String::from_utf8_lossy(&from_log.stderr));
        assert!(from_sql.status.success(), "{}", String::from_utf8_lossy(&from_sql.stderr));
        assert!(String::from_utf8_lossy(&from_log.stdout).contains("fitness"));
        assert_eq!(String::from_utf8_lossy(&from_sql.stdout), String::from_utf8_lossy(&from_log.stdout), "{window}");
        // And the engine's rows are the statistics log-stats writes, byte for byte.
        let written = journey(&[
            "log-stats",
            "examples/web-shop.log.csv",
            "--case",
            "order",
            "--segment",
            "customer",
            "--window",
            window,
        ]);
        assert_eq!(std::fs::read(&stats).expect("DuckDB's result"), written.stdout, "{window}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_dialect_is_written_and_a_log_is_refused() {
    let emit = |dialect: &str| {
        let out = journey(&[
            "log-stats",
            "--emit-sql",
            dialect,
            "--table",
            "shop.events",
            "--order",
            "event_id",
            "--window",
            "week",
        ]);
        assert!(out.status.success(), "{dialect}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let spellings = [
        ("duckdb", ["epoch_us(\"time:timestamp\")", "strftime(", "'%G-W%V'", "// 1000"]),
        ("spark", ["unix_micros(`time:timestamp`)", "YEAROFWEEK", "weekofyear(", " DIV 1000"]),
        ("postgres", ["EXTRACT(EPOCH FROM \"time:timestamp\")", "'IYYY-\"W\"IW'", "COLLATE \"C\"", "DOUBLE PRECISION"]),
        ("bigquery", ["UNIX_MICROS(`time:timestamp`)", "FORMAT_DATE('%G-W%V'", "DIV(", "INT64"]),
        ("trino", ["date_diff('millisecond'", "year_of_week(", "week_of_year(", "VARCHAR"]),
    ];
    for (dialect, expected) in spellings {
        let sql = emit(dialect);
        assert!(sql.contains("FROM shop.events") && sql.contains("ORDER BY t, q"), "{dialect}");
        for piece in expected {
            assert!(sql.contains(piece), "{dialect} lacks {piece}:\n{sql}");
        }
    }
    let out = journey(&["fit", "examples/web-shop.log.csv", "--emit-sql", "duckdb", "--table", "t", "--order", "id"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("reads no log"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = journey(&["fit", "--emit-sql", "duckdb", "--table", "t"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--order"), "{}", String::from_utf8_lossy(&out.stderr));
}

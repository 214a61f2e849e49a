//! The sufficient statistics computed by the SQL engine that holds the log: one query, per
//! dialect, whose result rows written as CSV with a header are the [`Stats::to_csv`] form
//! (same columns, same order of rows, plain integers), so that `journey fit --stats` reads
//! what the engine wrote. Every quantity is the one `STATS.md` defines; the dialects differ
//! only in how they spell epoch microseconds, integer division, dates and identifiers.
//!
//! [`Stats::to_csv`]: crate::Stats::to_csv

use crate::stats::Window;

/// The SQL engines a query can be written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dialect {
    DuckDb,
    Spark,
    Postgres,
    BigQuery,
    Trino,
}

impl Dialect {
    pub const ALL: [Dialect; 5] =
        [Dialect::DuckDb, Dialect::Spark, Dialect::Postgres, Dialect::BigQuery, Dialect::Trino];

    pub fn name(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Spark => "spark",
            Dialect::Postgres => "postgres",
            Dialect::BigQuery => "bigquery",
            Dialect::Trino => "trino",
        }
    }

    pub fn from_name(name: &str) -> Option<Dialect> {
        Dialect::ALL.into_iter().find(|d| d.name() == name)
    }

    /// An identifier, quoted.
    fn ident(self, name: &str) -> String {
        match self {
            Dialect::Spark | Dialect::BigQuery => format!("`{}`", name.replace('`', "``")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    fn text(self) -> &'static str {
        match self {
            Dialect::Spark | Dialect::BigQuery => "STRING",
            Dialect::Postgres => "TEXT",
            Dialect::DuckDb | Dialect::Trino => "VARCHAR",
        }
    }

    fn int(self) -> &'static str {
        match self {
            Dialect::BigQuery => "INT64",
            _ => "BIGINT",
        }
    }

    fn double(self) -> &'static str {
        match self {
            Dialect::BigQuery => "FLOAT64",
            Dialect::Postgres => "DOUBLE PRECISION",
            _ => "DOUBLE",
        }
    }

    /// `a / b` for integers where the division is exact or both are non-negative.
    fn div(self, a: &str, b: &str) -> String {
        match self {
            Dialect::DuckDb => format!("({a} // {b})"),
            Dialect::Spark => format!("({a} DIV {b})"),
            Dialect::BigQuery => format!("DIV({a}, {b})"),
            Dialect::Postgres | Dialect::Trino => format!("({a} / {b})"),
        }
    }

    /// `⌊a / n⌋` for any integer `a` and a positive `n`.
    fn floor_div(self, a: &str, n: i64) -> String {
        self.div(&format!("({a} - MOD(MOD({a}, {n}) + {n}, {n}))"), &n.to_string())
    }

    /// Whole milliseconds since 1970 of a timestamp, finer fractions truncated (floored).
    fn epoch_ms(self, ts: &str) -> String {
        match self {
            Dialect::DuckDb => self.floor_div(&format!("epoch_us({ts})"), 1000),
            Dialect::Spark => self.floor_div(&format!("unix_micros({ts})"), 1000),
            Dialect::BigQuery => self.floor_div(&format!("UNIX_MICROS({ts})"), 1000),
            Dialect::Postgres => format!("CAST(FLOOR(EXTRACT(EPOCH FROM {ts}) * 1000) AS BIGINT)"),
            Dialect::Trino => format!("date_diff('millisecond', TIMESTAMP '1970-01-01 00:00:00 UTC', {ts})"),
        }
    }

    /// The date `days` days after 1970-01-01.
    fn date_of_days(self, days: &str) -> String {
        match self {
            Dialect::DuckDb | Dialect::Postgres => format!("(DATE '1970-01-01' + CAST({days} AS INTEGER))"),
            Dialect::Spark => format!("date_add(DATE '1970-01-01', CAST({days} AS INT))"),
            Dialect::BigQuery => format!("DATE_FROM_UNIX_DATE({days})"),
            Dialect::Trino => format!("date_add('day', {days}, DATE '1970-01-01')"),
        }
    }

    /// The label of the window of a date (STATS.md, section 2).
    fn window_label(self, window: Window, d: &str) -> String {
        let text = self.text();
        match (self, window) {
            (_, Window::None) => format!("CAST(NULL AS {text})"),
            (Dialect::DuckDb, Window::Day) => format!("strftime({d}, '%Y-%m-%d')"),
            (Dialect::DuckDb, Window::Week) => format!("strftime({d}, '%G-W%V')"),
            (Dialect::DuckDb, Window::Month) => format!("strftime({d}, '%Y-%m')"),
            (Dialect::DuckDb, Window::Quarter) => {
                format!("(strftime({d}, '%Y') || '-Q' || CAST(quarter({d}) AS VARCHAR))")
            }
            (Dialect::Spark, Window::Day) => format!("date_format({d}, 'yyyy-MM-dd')"),
            (Dialect::Spark, Window::Week) => format!(
                "(lpad(CAST(extract(YEAROFWEEK FROM {d}) AS STRING), 4, '0') || '-W' || lpad(CAST(weekofyear({d}) AS STRING), 2, '0'))"
            ),
            (Dialect::Spark, Window::Month) => format!("date_format({d}, 'yyyy-MM')"),
            (Dialect::Spark, Window::Quarter) => {
                format!("(date_format({d}, 'yyyy') || '-Q' || CAST(quarter({d}) AS STRING))")
            }
            (Dialect::Postgres, Window::Day) => format!("to_char({d}, 'YYYY-MM-DD')"),
            (Dialect::Postgres, Window::Week) => format!("to_char({d}, 'IYYY-\"W\"IW')"),
            (Dialect::Postgres, Window::Month) => format!("to_char({d}, 'YYYY-MM')"),
            (Dialect::Postgres, Window::Quarter) => format!("to_char({d}, 'YYYY-\"Q\"Q')"),
            (Dialect::BigQuery, Window::Day) => format!("FORMAT_DATE('%Y-%m-%d', {d})"),
            (Dialect::BigQuery, Window::Week) => format!("FORMAT_DATE('%G-W%V', {d})"),
            (Dialect::BigQuery, Window::Month) => format!("FORMAT_DATE('%Y-%m', {d})"),
            (Dialect::BigQuery, Window::Quarter) => format!("FORMAT_DATE('%Y-Q%Q', {d})"),
            (Dialect::Trino, Window::Day) => format!("date_format({d}, '%Y-%m-%d')"),
            (Dialect::Trino, Window::Week) => format!("format('%04d-W%02d', year_of_week({d}), week_of_year({d}))"),
            (Dialect::Trino, Window::Month) => format!("date_format({d}, '%Y-%m')"),
            (Dialect::Trino, Window::Quarter) => format!("format('%04d-Q%d', year({d}), quarter({d}))"),
        }
    }

    /// A text sort key, compared bytewise.
    fn bytewise(self, e: &str) -> String {
        match self {
            Dialect::Postgres => format!("{e} COLLATE \"C\""),
            _ => e.to_string(),
        }
    }
}

/// Where the events are: a table (or view) or a query, and the names of its columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    /// A table name as the engine takes it (`logs.events`), or a query in parentheses.
    pub from: String,
    pub case: String,
    pub activity: String,
    /// A `TIMESTAMP` (read as UTC) or `TIMESTAMP WITH TIME ZONE` column; `None`: the log is
    /// untimed.
    pub timestamp: Option<String>,
    pub segment: Option<String>,
    pub lifecycle: Option<String>,
    /// A numeric column (read as a double).
    pub score: Option<String>,
    /// A column that orders the rows as the log does (`seq`).
    pub order: String,
    pub window: Window,
}

/// The query that computes the statistics of `source` (STATS.md), ordered as
/// [`Stats::to_csv`](crate::Stats::to_csv) writes them.
pub fn statistics_sql(dialect: Dialect, source: &Source) -> String {
    let d = dialect;
    let (text, int, double) = (d.text(), d.int(), d.double());
    let col = |name: &str| d.ident(name);
    let opt = |name: &Option<String>, ty: &str| match name {
        Some(n) => format!("CAST({} AS {ty})", col(n)),
        None => format!("CAST(NULL AS {ty})"),
    };
    let timed = source.timestamp.is_some();
    let window = if timed { source.window } else { Window::None };
    let ts = match &source.timestamp {
        Some(t) => d.epoch_ms(&col(t)),
        None => format!("CAST(NULL AS {int})"),
    };
    let bucket = |x: &str| {
        let mut s = format!("CASE WHEN {x} < 1000 THEN {x}");
        for k in 1..=15 {
            let scale = 10i64.pow(k);
            s += &format!(" WHEN {x} < {} THEN {} * {scale}", scale * 1000, d.div(x, &scale.to_string()));
        }
        s + &format!(" ELSE {} * 10000000000000000 END", d.div(x, "10000000000000000"))
    };
    let days = d.floor_div("t1", 86_400_000);
    let label = d.window_label(window, &d.date_of_days(&days));
    let by_case = "PARTITION BY c ORDER BY t, q";
    let time_filter = if timed { " AND t IS NOT NULL" } else { "" };
    let null_text = format!("CAST(NULL AS {text})");
    let null_int = format!("CAST(NULL AS {int})");
    // One output row: its record, key, names, bucket, count and sum, and its place in the order
    // journey writes (part: 0 the group's rows, 1 an activity's, 2 a pair's; then the record's
    // rank within it).
    let row = |record: &str, part: u8, rank: u8, a: &str, b: &str, bucket: &str, count: &str, sum: &str| {
        format!(
            "SELECT '{record}' AS record, seg, win, {a} AS a, {b} AS b, {bucket} AS bucket, {count} AS n, {sum} AS total, {part} AS part, {rank} AS rank_in"
        )
    };
    let lower_life = "LOWER(l)";
    let mut q = String::new();
    q += &format!(
        "WITH src AS (\n  SELECT CAST({case} AS {text}) AS c, CAST({activity} AS {text}) AS a, {ts} AS t, {seg} AS s, {life} AS l, \
         {score} AS sc, {order} AS q\n  FROM {from}\n),\n",
        case = col(&source.case),
        activity = col(&source.activity),
        seg = opt(&source.segment, text),
        life = opt(&source.lifecycle, text),
        score = opt(&source.score, double),
        order = col(&source.order),
        from = source.from,
    );
    q += &format!(
        "ev AS (\n  SELECT c, a, t, q, NULLIF(s, '') AS s,\n    \
         CASE WHEN l IS NULL OR l = '' OR {lower_life} = 'complete' THEN 1 ELSE 0 END AS flow,\n    \
         CASE WHEN {lower_life} = 'start' THEN 1 WHEN {lower_life} = 'complete' THEN 2 ELSE 0 END AS kind,\n    \
         CAST(FLOOR(sc * CAST(1000 AS {double}) + CAST(0.5 AS {double})) AS {int}) AS sm,\n    \
         ROW_NUMBER() OVER ({by_case}) AS i\n  FROM src\n  WHERE c IS NOT NULL AND c <> '' AND a IS NOT NULL AND a <> ''{time_filter}\n),\n"
    );
    q += "cs0 AS (\n  SELECT c, MAX(CASE WHEN i = 1 THEN s END) AS seg, MIN(t) AS t1, MAX(t) - MIN(t) AS dur, COUNT(*) AS n\n  \
          FROM ev GROUP BY c\n),\n";
    q += &format!("cs AS (\n  SELECT c, seg, {label} AS win, dur, n FROM cs0\n),\n");
    q += &format!(
        "fl0 AS (\n  SELECT ev.c AS c, cs.seg AS seg, cs.win AS win, ev.a AS a, ev.t AS t, ev.q AS q, ev.sm AS sm\n  \
         FROM ev JOIN cs ON ev.c = cs.c WHERE ev.flow = 1\n),\n\
         fl AS (\n  SELECT c, seg, win, a, t, sm,\n    ROW_NUMBER() OVER ({by_case}) AS j,\n    \
         LEAD(a) OVER ({by_case}) AS na,\n    LEAD(t) OVER ({by_case}) - t AS gap\n  FROM fl0\n),\n"
    );
    q += "lc AS (\n  SELECT c, a, t, q, kind, ROW_NUMBER() OVER (PARTITION BY c, a, kind ORDER BY t, q) AS k\n  \
     FROM ev WHERE kind > 0\n),\n\
     lp AS (\n  SELECT cs.seg, cs.win, s.a, e.t - s.t AS dur\n  FROM lc s JOIN lc e ON s.c = e.c AND s.a = e.a AND s.k = e.k\n  \
     JOIN cs ON s.c = cs.c\n  WHERE s.kind = 1 AND e.kind = 2 AND (e.t > s.t OR (e.t = s.t AND e.q >= s.q) OR (e.t IS NULL AND e.q >= s.q))\n),\n";
    let sum = |e: &str| if timed { format!("SUM({e})") } else { null_int.clone() };
    let none = null_text.as_str();
    let nob = null_int.as_str();
    let mut rows: Vec<String> = Vec::new();
    rows.push(row("cases", 0, 0, none, none, nob, "COUNT(*)", &sum("dur")) + " FROM cs GROUP BY seg, win");
    rows.push(row("events", 0, 1, none, none, nob, "SUM(n)", nob) + " FROM cs GROUP BY seg, win");
    if timed {
        rows.push(
            row("case-duration", 0, 2, none, none, "bk", "COUNT(*)", nob)
                + &format!(" FROM (SELECT seg, win, {} AS bk FROM cs) x GROUP BY seg, win, bk", bucket("dur")),
        );
    }
    rows.push(row("activity", 1, 0, "a", none, nob, "COUNT(*)", nob) + " FROM fl GROUP BY seg, win, a");
    rows.push(row("start", 1, 1, "a", none, nob, "COUNT(*)", nob) + " FROM fl WHERE j = 1 GROUP BY seg, win, a");
    rows.push(row("end", 1, 2, "a", none, nob, "COUNT(*)", nob) + " FROM fl WHERE na IS NULL GROUP BY seg, win, a");
    rows.push(
        row("score", 1, 3, "a", none, nob, "COUNT(*)", "SUM(sm)")
            + " FROM fl WHERE sm IS NOT NULL GROUP BY seg, win, a",
    );
    rows.push(row("lifecycle", 1, 4, "a", none, nob, "COUNT(*)", &sum("dur")) + " FROM lp GROUP BY seg, win, a");
    if timed {
        rows.push(
            row("lifecycle-duration", 1, 5, "a", none, "bk", "COUNT(*)", nob)
                + &format!(" FROM (SELECT seg, win, a, {} AS bk FROM lp) x GROUP BY seg, win, a, bk", bucket("dur")),
        );
    }
    rows.push(
        row("follows", 2, 0, "a", "na", nob, "COUNT(*)", &sum("gap"))
            + " FROM fl WHERE na IS NOT NULL GROUP BY seg, win, a, na",
    );
    if timed {
        rows.push(
            row("follows-gap", 2, 1, "a", "na", "bk", "COUNT(*)", nob)
                + &format!(
                    " FROM (SELECT seg, win, a, na, {} AS bk FROM fl WHERE na IS NOT NULL) x GROUP BY seg, win, a, na, bk",
                    bucket("gap")
                ),
        );
    }
    let stats = format!(
        "SELECT 'stats' AS record, {none} AS seg, {none} AS win, '{w}' AS a, '{t}' AS b, {nob} AS bucket, CAST(1 AS {int}) AS n, \
         {nob} AS total, -1 AS part, 0 AS rank_in",
        w = window.name(),
        t = if timed { "timed" } else { "untimed" },
    );
    q += "figures AS (\n  ";
    q += &stats;
    for r in &rows {
        q += "\n  UNION ALL ";
        q += r;
    }
    q += "\n)\n";
    let out = |name: &str| d.ident(name);
    q += &format!(
        "SELECT record AS {}, seg AS {}, win AS {}, a AS {}, b AS {}, bucket AS {}, CAST(n AS {int}) AS {}, CAST(total AS {int}) AS {}\n\
         FROM figures\nORDER BY {} NULLS FIRST, {} NULLS FIRST, part, {} NULLS FIRST, {} NULLS FIRST, rank_in, bucket NULLS FIRST\n",
        out("record"),
        out("segment"),
        out("window"),
        out("activity"),
        out("next"),
        out("bucket"),
        out("count"),
        out("sum"),
        d.bytewise("seg"),
        d.bytewise("win"),
        d.bytewise("a"),
        d.bytewise("b"),
    );
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(window: Window) -> Source {
        Source {
            from: "shop.events".into(),
            case: "case".into(),
            activity: "activity".into(),
            timestamp: Some("ts".into()),
            segment: Some("segment".into()),
            lifecycle: Some("lifecycle".into()),
            score: Some("score".into()),
            order: "event_id".into(),
            window,
        }
    }

    /// The engines not run in the tests (PostgreSQL, BigQuery, Trino) are held to the text
    /// reviewed here; DuckDB's and Spark's queries are judged by the engines themselves
    /// (tests/sql_engines.rs).
    #[test]
    fn each_dialect_spells_the_query_its_way() {
        for dialect in Dialect::ALL {
            insta::assert_snapshot!(dialect.name(), statistics_sql(dialect, &source(Window::Week)));
        }
    }

    #[test]
    fn an_untimed_log_has_no_durations() {
        let mut untimed = source(Window::Month);
        untimed.timestamp = None;
        let sql = statistics_sql(Dialect::DuckDb, &untimed);
        assert!(sql.contains("'none' AS a, 'untimed' AS b"));
        assert!(!sql.contains("follows-gap") && !sql.contains("epoch_us"));
        assert!(statistics_sql(Dialect::DuckDb, &source(Window::Month)).contains("'month' AS a, 'timed' AS b"));
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(Dialect::Postgres.ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(Dialect::Spark.ident("case:concept:name"), "`case:concept:name`");
        for d in Dialect::ALL {
            assert_eq!(Dialect::from_name(d.name()), Some(d));
        }
    }
}

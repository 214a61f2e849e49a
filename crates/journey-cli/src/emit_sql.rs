//! `--emit-sql` of `journey fit` and `journey log-stats`: prints the query that computes a
//! log's statistics in the SQL engine that holds it (journey_log::sql, STATS.md), for
//! `journey fit --stats` to read what the engine writes. Reads no log.

use journey_log::{Dialect, Source, Window, statistics_sql};

use crate::logs::LogArgs;

/// Where the events are in the warehouse, for `--emit-sql`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SqlArgs {
    /// Print the SQL that computes the log's statistics in this engine, and exit: its result,
    /// written as CSV with a header, is what --stats reads. The columns are --case, --activity,
    /// --time (default `case:concept:name`, `concept:name`, `time:timestamp`), --segment,
    /// --lifecycle, --score and --order.
    #[arg(
        long,
        value_enum,
        value_name = "DIALECT",
        requires = "table",
        help_heading = "Computing the statistics in SQL"
    )]
    pub emit_sql: Option<DialectArg>,
    /// The table (or view) holding the events, as the engine names it, or a query in
    /// parentheses with an alias.
    #[arg(long, value_name = "NAME", help_heading = "Computing the statistics in SQL")]
    pub table: Option<String>,
    /// The column that orders the rows as the log does (a row number, an increasing event id):
    /// events at the same time keep this order.
    #[arg(long, value_name = "COLUMN", help_heading = "Computing the statistics in SQL")]
    pub order: Option<String>,
    /// The column of the events' lifecycle transitions (`start`, `complete`, …).
    #[arg(long, value_name = "COLUMN", help_heading = "Computing the statistics in SQL")]
    pub lifecycle: Option<String>,
    /// The column of the events' scores (a number).
    #[arg(long, value_name = "COLUMN", help_heading = "Computing the statistics in SQL")]
    pub score: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum DialectArg {
    Duckdb,
    Spark,
    Postgres,
    Bigquery,
    Trino,
}

impl DialectArg {
    fn dialect(self) -> Dialect {
        match self {
            DialectArg::Duckdb => Dialect::DuckDb,
            DialectArg::Spark => Dialect::Spark,
            DialectArg::Postgres => Dialect::Postgres,
            DialectArg::Bigquery => Dialect::BigQuery,
            DialectArg::Trino => Dialect::Trino,
        }
    }
}

/// The query `--emit-sql` asks for, or `None` when it is not asked; an error when a log is
/// given too or the order column is missing.
pub fn query(sql: &SqlArgs, read: &LogArgs, window: Window, log_given: bool) -> Result<Option<String>, String> {
    let Some(dialect) = sql.emit_sql else { return Ok(None) };
    if log_given {
        return Err("--emit-sql writes the query for a table and reads no log: leave the log out".into());
    }
    let table = sql.table.clone().ok_or("give the table holding the events: --table NAME")?;
    let order = sql
        .order
        .clone()
        .ok_or("give --order COLUMN: a column that orders the rows as the log does (a row number, an event id)")?;
    let column = |given: &Option<String>, default: &str| given.clone().unwrap_or_else(|| default.to_string());
    let source = Source {
        from: table,
        case: column(&read.case, "case:concept:name"),
        activity: column(&read.activity, "concept:name"),
        timestamp: Some(column(&read.time, "time:timestamp")),
        segment: read.segment.clone(),
        lifecycle: sql.lifecycle.clone(),
        score: sql.score.clone(),
        order,
        window,
    };
    Ok(Some(statistics_sql(dialect.dialect(), &source)))
}

//! Event logs, read streaming: CSV (with a column mapping), XES (IEEE 1849), OCEL 2.0 (JSON and
//! XML, flattened on an object type) and Parquet, gzip-compressed or not. Every reader pushes
//! [`Event`]s with borrowed strings and located [`Problem`]s into a [`Sink`], allocating
//! nothing per event; [`StatsBuilder`] is the sink that turns a log into its sufficient
//! [`Stats`] (defined in `STATS.md` so that SQL engines compute the same numbers), which have
//! a stable CSV form. The writers make CSV and XES logs from events.
//!
//! Pure: readers take `impl Read`, writers give bytes; no files, no terminal.
//!
//! ```
//! use journey_log::{CsvOptions, StatsOptions, Window, compute, read_csv};
//!
//! let log = "case,activity,timestamp\nc1,order,2024-03-01T10:00:00Z\nc1,pay,2024-03-01T10:05:00Z\n";
//! let (stats, problems) = compute(StatsOptions { window: Window::Month }, |sink| {
//!     read_csv(log.as_bytes(), &CsvOptions::default(), sink);
//! });
//! assert!(problems.is_empty());
//! let march = &stats.groups.values().next().expect("one group");
//! assert_eq!(march.follows[&("order".to_string(), "pay".to_string())].sum_ms, 300_000);
//! ```

mod csv;
mod event;
mod input;
mod ocel;
mod parquet;
mod pipeline;
mod problem;
pub mod sql;
pub mod stats;
pub mod time;
mod write;
mod xes;

pub use crate::csv::{Column, Columns, CsvOptions, Field, read_csv};
pub use event::{Event, Outcome, Position, Sink, Timestamp};
pub use input::{Progress, decompress};
pub use ocel::{OcelOptions, read_ocel_json, read_ocel_xml};
pub use parquet::{ParquetOptions, read_parquet};
pub use pipeline::side_by_side;
pub use problem::{Check, KEPT_PER_KIND, Problem, ProblemKind, Problems, Tally};
pub use sql::{Dialect, Source, statistics_sql};
pub use stats::{
    Activity, Durations, Finish, Group, GroupKey, Stats, StatsBuilder, StatsError, StatsOptions, Window, compute,
};
pub use time::{TimeFormat, Zone};
pub use write::{CsvWriter, WriteOptions, XesWriter};
pub use xes::{XesOptions, read_xes};

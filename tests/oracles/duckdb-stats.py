"""Runs journey's statistics query in DuckDB, the judge of crates/journey-log/src/sql.rs.

usage: duckdb-stats.py LOG.csv QUERY.sql OUT.csv

Loads LOG.csv (a header, every field as text, empty fields NULL) as the table `log`, with the
session's time zone UTC, runs the query and writes its result as CSV with a header to OUT.csv.
"""

import sys

import duckdb

log, query, out = sys.argv[1:4]
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
con.execute("SET threads = 1")
con.execute(
    "CREATE TABLE log AS SELECT * FROM read_csv(?, header = true, all_varchar = true, auto_detect = true, delim = ',', quote = '\"', escape = '\"')",
    [log],
)
with open(query, encoding="utf-8") as f:
    sql = f.read()
con.execute(f"COPY ({sql}) TO '{out}' (FORMAT csv, HEADER true)")

"""Runs journey's statistics queries in DuckDB, the judge of crates/journey-log/src/sql.rs.

usage: duckdb-stats.py LOG.csv QUERY.sql OUT.csv [QUERY.sql OUT.csv ...]

Loads LOG.csv (a header, every field as text, empty fields NULL) as the table `log`, with the
session's time zone UTC, runs each query and writes its result as CSV with a header to the OUT
after it (DuckDB's own CSV writer).
"""

import sys

import duckdb

log, pairs = sys.argv[1], sys.argv[2:]
con = duckdb.connect()
con.execute("SET TimeZone = 'UTC'")
con.execute("SET threads = 1")
con.execute(
    "CREATE TABLE log AS SELECT * FROM read_csv(?, header = true, all_varchar = true, auto_detect = true, delim = ',', quote = '\"', escape = '\"')",
    [log],
)
for query, out in zip(pairs[0::2], pairs[1::2]):
    with open(query, encoding="utf-8") as f:
        sql = f.read()
    con.execute(f"COPY ({sql}) TO '{out}' (FORMAT csv, HEADER true)")

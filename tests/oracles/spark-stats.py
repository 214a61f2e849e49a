"""Runs journey's statistics queries in Spark SQL (local mode), the judge of the Spark dialect of
crates/journey-log/src/sql.rs.

usage: spark-stats.py LOG.csv QUERY.sql OUT.csv [QUERY.sql OUT.csv ...]

Loads LOG.csv (a header, every field as text, empty fields NULL) as the view `log`, with the
session's time zone UTC, runs each query and writes its rows, collected in the order the query
gives, as CSV with a header (RFC 4180, `\\n` line ends, NULL as an empty field) to the OUT after
it.
"""

import csv
import sys

from pyspark.sql import SparkSession

log, pairs = sys.argv[1], sys.argv[2:]
spark = (
    SparkSession.builder.master("local[1]")
    .appName("journey-stats-oracle")
    .config("spark.driver.memory", "512m")
    .config("spark.ui.enabled", "false")
    .config("spark.sql.shuffle.partitions", "1")
    .config("spark.sql.session.timeZone", "UTC")
    .getOrCreate()
)
spark.sparkContext.setLogLevel("ERROR")
spark.read.csv(log, header=True, inferSchema=False, escape='"', multiLine=True).createOrReplaceTempView("log")
for query, out in zip(pairs[0::2], pairs[1::2]):
    with open(query, encoding="utf-8") as f:
        df = spark.sql(f.read())
    with open(out, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(df.columns)
        for row in df.collect():
            writer.writerow(["" if v is None else v for v in row])
spark.stop()

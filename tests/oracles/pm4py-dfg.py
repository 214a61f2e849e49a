"""PM4Py's reading of an event log, for crates/journey-log/tests/pm4py.rs: the directly-follows
counts, start and end activities, cases and events, as JSON on standard output.

Usage: pm4py-dfg.py csv|xes|ocel LOG [--write-xes OUT] [--object-type TYPE]

CSV logs use PM4Py's column names (case:concept:name, concept:name, time:timestamp). Only flow
events count, as in journey's statistics (crates/journey-log/STATS.md): those whose
lifecycle:transition is missing or `complete`. With --write-xes, PM4Py also writes the log it
read as XES to OUT. An OCEL 2.0 log (JSON or XML) is flattened on --object-type.

Every log goes through pm4py.format_dataframe, which puts each case's events in time order with
ties in the log's order (a stable sort): the order journey defines. The directly-follows counts
are PM4Py's get_dfg_graph on that order; pm4py.discover_dfg would sort once more with an
unstable sort, which leaves events with equal timestamps in an arbitrary order (on
interval_event_log it then disagrees with its own start and end activities).
"""

import json
import sys

import pandas as pd
import pm4py
from pm4py.algo.discovery.dfg.adapters.pandas.df_statistics import get_dfg_graph

CASE, ACTIVITY, TIME = "case:concept:name", "concept:name", "time:timestamp"


def main():
    mode, path = sys.argv[1], sys.argv[2]
    if mode == "csv":
        df = pd.read_csv(path, sep=None, engine="python", dtype={CASE: str, ACTIVITY: str})
        df = pm4py.format_dataframe(df, case_id=CASE, activity_key=ACTIVITY, timestamp_key=TIME)
    elif mode == "ocel":
        object_type = sys.argv[sys.argv.index("--object-type") + 1]
        ocel = pm4py.read_ocel2(path)
        df = pm4py.ocel_flattening(ocel, object_type)
        df[CASE] = df[CASE].astype(str)
        df = pm4py.format_dataframe(df, case_id=CASE, activity_key=ACTIVITY, timestamp_key=TIME)
    elif mode == "xes":
        df = pm4py.read_xes(path)
        df[CASE] = df[CASE].astype(str)
        # PM4Py's own normalisation, as for CSV: events of a case in time order, ties in the
        # log's order (read_xes alone keeps the file's order).
        df = pm4py.format_dataframe(df, case_id=CASE, activity_key=ACTIVITY, timestamp_key=TIME)
    else:
        raise SystemExit(f"unknown mode {mode}")
    if "--write-xes" in sys.argv:
        pm4py.write_xes(df, sys.argv[sys.argv.index("--write-xes") + 1])
    if "lifecycle:transition" in df.columns:
        life = df["lifecycle:transition"]
        df = df[life.isna() | (life.astype(str).str.lower() == "complete")]
    dfg = get_dfg_graph(df, activity_key=ACTIVITY, case_id_glue=CASE, timestamp_key=TIME, sort_caseid_required=False)
    start = pm4py.get_start_activities(df, activity_key=ACTIVITY, case_id_key=CASE, timestamp_key=TIME)
    end = pm4py.get_end_activities(df, activity_key=ACTIVITY, case_id_key=CASE, timestamp_key=TIME)
    print(json.dumps({
        "follows": sorted([a, b, int(n)] for (a, b), n in dfg.items()),
        "start": {a: int(n) for a, n in sorted(start.items())},
        "end": {a: int(n) for a, n in sorted(end.items())},
        "cases": int(df[CASE].nunique()),
        "events": int(len(df)),
    }, sort_keys=True))


main()

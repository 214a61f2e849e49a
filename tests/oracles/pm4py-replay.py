"""PM4Py's token-based replay of an event log on journey's BPMN export, for
crates/journey-cli/tests/pm4py_replay.rs: fitness as JSON on standard output.

Usage: pm4py-replay.py MODEL.bpmn LOG.csv

The export holds two processes: the customer's (its tasks are the journey's steps, named by
their labels) and the organisation's (one task per contact, behind the line of visibility,
started by a message from the customer's task). Only the customer's process is the journey's
control flow, so it alone is kept: the process of the first participant of the collaboration.
The collaboration, the other processes and the diagram are taken out before PM4Py reads the
file. A task's name is its step's label, which is also the activity `journey simulate` writes
for a step without `logged_as:` and one of the two activities `journey fit` maps to such a step;
the export does not carry `logged_as:`, so the logs given here must use the labels.

The CSV log uses PM4Py's column names (case:concept:name, concept:name, time:timestamp) and goes
through pm4py.format_dataframe (each case's events in time order, ties in the log's order), as
in pm4py-dfg.py. Printed: PM4Py's fitness_token_based_replay (log_fitness, perc_fit_traces,
average_trace_fitness) and the token counts summed over the traces (missing, remaining,
consumed, produced), with the Petri net's size.
"""

import json
import sys
import tempfile
import xml.etree.ElementTree as ET

import pandas as pd
import pm4py
from pm4py.algo.conformance.tokenreplay import algorithm as token_replay

CASE, ACTIVITY, TIME = "case:concept:name", "concept:name", "time:timestamp"
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DI = "http://www.omg.org/spec/BPMN/20100524/DI"


def customer_process(path):
    """The export with only the customer's process left in it, written to a temporary file."""
    ET.register_namespace("bpmn", BPMN)
    tree = ET.parse(path)
    root = tree.getroot()
    collaboration = root.find(f"{{{BPMN}}}collaboration")
    participant = collaboration.find(f"{{{BPMN}}}participant")
    keep = participant.get("processRef")
    for child in list(root):
        if child.tag == f"{{{BPMN}}}process" and child.get("id") == keep:
            continue
        root.remove(child)
    out = tempfile.NamedTemporaryFile(suffix=".bpmn", delete=False)
    tree.write(out.name, xml_declaration=True, encoding="UTF-8")
    return out.name


def main():
    model, log = sys.argv[1], sys.argv[2]
    bpmn = pm4py.read_bpmn(customer_process(model))
    net, im, fm = pm4py.convert_to_petri_net(bpmn)
    df = pd.read_csv(log, dtype={CASE: str, ACTIVITY: str})
    df = pm4py.format_dataframe(df, case_id=CASE, activity_key=ACTIVITY, timestamp_key=TIME)
    fitness = pm4py.fitness_token_based_replay(df, net, im, fm)
    traces = token_replay.apply(pm4py.convert_to_event_log(df), net, im, fm)
    tokens = {k: sum(int(t[k]) for t in traces) for k in ("missing_tokens", "remaining_tokens", "consumed_tokens", "produced_tokens")}
    print(json.dumps({
        "log_fitness": float(fitness["log_fitness"]),
        "perc_fit_traces": float(fitness["perc_fit_traces"]),
        "average_trace_fitness": float(fitness["average_trace_fitness"]),
        "traces": len(traces),
        "fitting_traces": sum(1 for t in traces if t["trace_is_fit"]),
        **{k.split("_")[0]: v for k, v in tokens.items()},
        "places": len(net.places),
        "transitions": len(net.transitions),
        "visible": sorted(t.label for t in net.transitions if t.label is not None),
    }, sort_keys=True))


main()

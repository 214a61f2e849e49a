"""What PM4Py does for what `journey fit` does, for the benchmark beside it (run): import a CSV
event log, its directly-follows graph, and token-based replay fitness on the Petri net of a
journey's BPMN export. Prints the figures, so that nothing is skipped as unused.

Usage: pm4py-fit.py MODEL.bpmn LOG.csv

The log uses PM4Py's column names (case:concept:name, concept:name, time:timestamp). Only the
customer's process of the export is read, as in tests/oracles/pm4py-replay.py.
"""

import json
import sys
import tempfile
import xml.etree.ElementTree as ET

import pandas as pd
import pm4py

CASE, ACTIVITY, TIME = "case:concept:name", "concept:name", "time:timestamp"
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def customer_process(path):
    ET.register_namespace("bpmn", BPMN)
    tree = ET.parse(path)
    root = tree.getroot()
    keep = root.find(f"{{{BPMN}}}collaboration").find(f"{{{BPMN}}}participant").get("processRef")
    for child in list(root):
        if not (child.tag == f"{{{BPMN}}}process" and child.get("id") == keep):
            root.remove(child)
    out = tempfile.NamedTemporaryFile(suffix=".bpmn", delete=False)
    tree.write(out.name, xml_declaration=True, encoding="UTF-8")
    return out.name


def main():
    model, log = sys.argv[1], sys.argv[2]
    df = pd.read_csv(log, dtype={CASE: str, ACTIVITY: str})
    df = pm4py.format_dataframe(df, case_id=CASE, activity_key=ACTIVITY, timestamp_key=TIME)
    dfg, start, end = pm4py.discover_dfg(df)
    net, im, fm = pm4py.convert_to_petri_net(pm4py.read_bpmn(customer_process(model)))
    fitness = pm4py.fitness_token_based_replay(df, net, im, fm)
    print(json.dumps({"pairs": len(dfg), "starts": len(start), "ends": len(end),
                      "log_fitness": fitness["log_fitness"], "perc_fit_traces": fitness["perc_fit_traces"]}))


main()

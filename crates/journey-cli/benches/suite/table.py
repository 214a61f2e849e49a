"""The benchmark suite's table: reads the `key value unit` lines the benchmark binaries and the
peers script printed (see summary.rs) and prints one Markdown table, | what | measured | target |
met? |, with a row for every figure that was measured and a short legend under it.

Usage: table.py RESULTS [FAILED_SECTION...]

Every figure is the fastest run (the one the machine disturbed least), with the median beside it,
and so are the ratios of one size to another; journey against its peers divides medians instead:
whole processes vary more from run to run, and journey runs a hundred times as often as PlantUML
or mmdc, so its fastest run would be the luckier one.
"""

import sys

MB = 1_000_000


def load(path):
    values = {}
    with open(path) as lines:
        for line in lines:
            parts = line.split()
            if len(parts) >= 2:
                try:
                    values[parts[0]] = float(parts[1])
                except ValueError:
                    if parts[0].endswith(".version"):
                        values[parts[0]] = parts[1]
    return values


def num(x, digits=3):
    """x with `digits` significant digits, thousands separated, no exponent."""
    if x == 0:
        return "0"
    magnitude = len(str(int(abs(x)))) if abs(x) >= 1 else 0
    decimals = max(0, digits - magnitude)
    if abs(x) < 1:
        text = f"{x:.{digits}g}"
        return text if "e" not in text else f"{x:.6f}"
    return f"{x:,.{decimals}f}"


def ms(seconds):
    return f"{num(seconds * 1000)} ms" if seconds < 1 else f"{num(seconds)} s"


class Table:
    def __init__(self, values):
        self.v = values
        self.rows = []

    def has(self, *keys):
        return all(k in self.v for k in keys)

    def row(self, what, measured, target="—", met=None):
        mark = met if isinstance(met, str) else "—" if met is None else "yes" if met else "**no**"
        self.rows.append((what, measured, target, mark))

    def print(self):
        print("| what | measured | target | met? |")
        print("|---|---|---|---|")
        for row in self.rows:
            print("| " + " | ".join(row) + " |")


def core(t, v):
    sizes = sorted(int(k.split(".")[1][:-2]) for k in v if k.startswith("workspace.") and k.endswith(".bytes"))
    for mb in sizes:
        w = f"{mb}mb"
        size = v[f"workspace.{w}.bytes"] / MB
        shape = f"{int(v[f'workspace.{w}.files']):,} files"
        for phase, label, target in [
            ("lex", "lex", 300),
            ("parse", "lex + parse", None),
            ("check", "full check (load, parse, lower, rules)", 50),
        ]:
            k = f"{phase}.{w}"
            if not t.has(f"{k}.best_s", f"{k}.median_s"):
                continue
            best = size / v[f"{k}.best_s"]
            median = size / v[f"{k}.median_s"]
            extra = f"median {num(median)}"
            if f"{k}.cpu_best_s" in v and v[f"{k}.cpu_best_s"] > 0:
                extra += f"; on-CPU {num(size / v[f'{k}.cpu_best_s'])}"
            if phase == "check":
                extra += f"; {ms(v[f'{k}.best_s'])}"
            what = f"{label}, {mb} MB workspace"
            if phase == "check":
                what += f" ({shape}, {int(v[f'workspace.{w}.steps']):,} steps)"
            t.row(what, f"{num(best)} MB/s ({extra})", f"≥ {target} MB/s" if target else "—",
                  None if target is None else best >= target)
    for small, big in zip(sizes, sizes[1:]):
        a, b = f"check.{small}mb.median_s", f"check.{big}mb.median_s"
        if t.has(a, b):
            time = v[f"check.{big}mb.best_s"] / v[f"check.{small}mb.best_s"]
            input_ = v[f"workspace.{big}mb.bytes"] / v[f"workspace.{small}mb.bytes"]
            t.row(f"full check scaling, {small} → {big} MB",
                  f"{num(time)}× the time for {num(input_)}× the input (medians {num(v[b] / v[a])}×)",
                  "time ≤ 1.1 × input (10× input ≤ 11× time)", time <= 1.1 * input_)
    for mb in sizes:
        k = f"heap.{mb}mb.peak"
        if k in v:
            ratio = v[k] / v[f"workspace.{mb}mb.bytes"]
            t.row(f"peak heap of a full check, {mb} MB workspace",
                  f"{num(ratio)}× the input ({num(v[k] / MB)} MB)", "≤ 10×", ratio <= 10)


def analysis(t, v):
    if t.has("metrics.2000.best_s"):
        best = v["metrics.2000.best_s"]
        t.row("exact metrics of a 2,000-step journey with loops",
              f"{ms(best)} (median {ms(v['metrics.2000.median_s'])}; 200 steps {ms(v['metrics.200.best_s'])})",
              "≤ 50 ms", best <= 0.05)
    if t.has("simulate.best_s", "simulate.steps_walked"):
        walked = v["simulate.steps_walked"]
        best = walked / v["simulate.best_s"]
        t.row(f"simulation, {int(v['simulate.walks']):,} walks of a 200-step journey",
              f"{num(best / 1e6)} million steps/s (median {num(walked / v['simulate.median_s'] / 1e6)})",
              "≥ 1 million steps/s", best >= 1e6)


def diagram(t, v):
    for kind, label in [("blueprint", "service blueprint"), ("flow", "flow diagram")]:
        if t.has(f"{kind}.2000.best_s"):
            best = v[f"{kind}.2000.best_s"]
            t.row(f"{label} of 2,000 steps (in process)", f"{ms(best)} (median {ms(v[f'{kind}.2000.median_s'])})",
                  "well under 1 s", best < 1)
        if t.has(f"{kind}.200.median_s", f"{kind}.2000.median_s"):
            ratio = v[f"{kind}.2000.best_s"] / v[f"{kind}.200.best_s"]
            medians = v[f"{kind}.2000.median_s"] / v[f"{kind}.200.median_s"]
            t.row(f"{label}, 200 → 2,000 steps", f"{num(ratio)}× the time (medians {num(medians)}×)",
                  "≤ 12×", ratio <= 12)


def peers(t, v):
    steps = sorted({int(k.split(".")[1]) for k in v if k.startswith("peers.")})
    for n in steps:
        p = f"peers.{n}"
        if not t.has(f"{p}.journey.median_s"):
            continue
        base = v[f"{p}.journey.median_s"]
        t.row(f"`journey build --emit svg`, {n} steps (whole process)",
              f"{ms(base)} median of {int(v[f'{p}.journey.runs'])} (fastest {ms(v[f'{p}.journey.best_s'])}), "
              f"{num(v[f'{p}.journey.peak_mb'], 2)} MB peak")
        for tool, label, target in [
            ("dot", "`dot -Tsvg` on journey's DOT export", 2),
            ("plantuml", "`plantuml -tsvg` on the PlantUML export", 100),
            ("mmdc", "`mmdc` on the Mermaid flowchart export", 300),
        ]:
            k = f"{p}.{tool}"
            if f"{k}.failed" in v:
                t.row(f"… against {label}, {n} steps", f"{tool} rejects journey's export of this journey (see the log)",
                      f"≥ {target}×", "**failed**")
                continue
            if not t.has(f"{k}.median_s"):
                continue
            ratio = v[f"{k}.median_s"] / base
            t.row(f"… against {label}, {n} steps",
                  f"journey {num(ratio)}× faster ({tool} {ms(v[f'{k}.median_s'])} median of {int(v[f'{k}.runs'])}, "
                  f"{num(v[f'{k}.peak_mb'], 3)} MB peak)",
                  f"≥ {target}×", ratio >= target)
        k = f"{p}.journey_png"
        if t.has(f"{k}.median_s"):
            png = v[f"{k}.median_s"]
            t.row(f"`journey build --emit png` (blueprint and flow diagram), {n} steps (whole process)",
                  f"{ms(png)} median of {int(v[f'{k}.runs'])} (fastest {ms(v[f'{k}.best_s'])}), "
                  f"{num(v[f'{k}.peak_mb'], 2)} MB peak",
                  "≤ 100 ms" if n == 50 else "—", png <= 0.1 if n == 50 else None)
            m = f"{p}.mmdc_png"
            if f"{m}.failed" in v:
                t.row(f"… against `mmdc -e png`, {n} steps", "mmdc rejects journey's export of this journey (see the log)",
                      "≥ 30×" if n == 50 else "—", "**failed**")
            elif t.has(f"{m}.median_s"):
                ratio = v[f"{m}.median_s"] / png
                t.row(f"… against `mmdc -e png` on the Mermaid flowchart export, {n} steps",
                      f"journey {num(ratio)}× faster (mmdc {ms(v[f'{m}.median_s'])} median of {int(v[f'{m}.runs'])}, "
                      f"{num(v[f'{m}.peak_mb'], 3)} MB peak)",
                      "≥ 30×" if n == 50 else "—", ratio >= 30 if n == 50 else None)


def lsp(t, v):
    if t.has("lsp.change_less_debounce.p95_ms"):
        lines = int(v["lsp.file.lines"])
        debounce = num(v["lsp.debounce_ms"])
        c = "lsp.change_less_debounce"
        for p, target in [("p50", None), ("p95", 20), ("p99", None)]:
            value = v[f"{c}.{p}_ms"]
            t.row(f"LSP didChange → diagnostics, {lines:,}-line file, {p}, less the {debounce} ms debounce",
                  f"{num(value)} ms (with it {num(v[f'lsp.change.{p}_ms'])} ms; n = {int(v[f'{c}.n'])})",
                  f"≤ {target} ms" if target else "—", None if target is None else value <= target)
        if t.has("lsp.core_check.p50_ms"):
            t.row("… the core's check of that file alone (no server), p50 / p95",
                  f"{num(v['lsp.core_check.p50_ms'])} / {num(v['lsp.core_check.p95_ms'])} ms")
    for kind in ["hover", "definition", "completion"]:
        k = f"lsp.{kind}"
        if t.has(f"{k}.p95_ms"):
            value = v[f"{k}.p95_ms"]
            t.row(f"LSP {kind}, p95", f"{num(value)} ms (p50 {num(v[f'{k}.p50_ms'])}, p99 {num(v[f'{k}.p99_ms'])}; "
                  f"n = {int(v[f'{k}.n'])})", "≤ 5 ms", value <= 5)
    marks = sorted(int(k.split("_")[1]) for k in v if k.startswith("lsp.memory.edits_"))
    if "lsp.memory.start_mib" in v and len(marks) >= 3:
        # Every run so far shows one step of about 5 MiB, at a different point each time (before
        # 2,000 edits on one, after 8,000 on another), and nothing else: probably a thread of the
        # server getting an allocator arena of its own on its first check. A leak grows at every
        # checkpoint, so the median change between checkpoints tells the two apart.
        series = [v["lsp.memory.start_mib"]] + [v[f"lsp.memory.edits_{m}_mib"] for m in marks]
        changes = sorted(b / a - 1 for a, b in zip(series[1:], series[2:]))
        step = changes[len(changes) // 2]
        every = marks[1] - marks[0]
        t.row(f"LSP resident memory over {marks[-1]:,} edits",
              f"{num(series[0])} MiB at the start, {num(series[-1])} MiB at the end; median change per {every:,} edits "
              f"{step * 100:+.2f}% (largest {changes[-1] * 100:+.1f}%)",
              f"steady: median change per {every:,} edits ≤ +0.5%", step <= 0.005)

def logs(t, v):
    """Event logs. The targets are per core, so throughput and scaling are read from the
    thread's CPU time (on a shared machine the wall clock also counts waiting for a core); the
    fastest wall-clock run and the median are shown beside it."""
    def cpu_or_wall(k):
        return v[f"{k}.cpu_best_s"] if v.get(f"{k}.cpu_best_s", 0) > 0 else v[f"{k}.best_s"]

    for fmt, label, target, sizes in [("csv", "CSV", 5e6, ["1m", "10m"]), ("xes", "XES", 1e6, ["100k", "1m"])]:
        for phase, what in [("read", "read"), ("stats", "read into the statistics")]:
            for size in sizes:
                k = f"log.{fmt}.{phase}.{size}"
                if not t.has(f"{k}.best_s", f"log.{fmt}.{size}.events"):
                    continue
                events = v[f"log.{fmt}.{size}.events"]
                mb = v[f"log.{fmt}.{size}.bytes"] / MB
                rate = events / cpu_or_wall(k)
                goal = target if phase == "read" else None
                t.row(f"{label} {what}, {int(events):,} events ({num(mb)} MB)",
                      f"{num(rate / 1e6)} million events/s on CPU (wall: fastest {num(events / v[f'{k}.best_s'] / 1e6)}, "
                      f"median {num(events / v[f'{k}.median_s'] / 1e6)})",
                      f"≥ {num(goal / 1e6)} million events/s on one core" if goal else "—",
                      None if goal is None else rate >= goal)
            small, big = sizes
            a, b = f"log.{fmt}.{phase}.{small}", f"log.{fmt}.{phase}.{big}"
            if t.has(f"{a}.best_s", f"{b}.best_s"):
                time = cpu_or_wall(b) / cpu_or_wall(a)
                events = v[f"log.{fmt}.{big}.events"] / v[f"log.{fmt}.{small}.events"]
                t.row(f"{label} {what}, scaling {small} → {big} events",
                      f"{num(time)}× the CPU time for {num(events)}× the events "
                      f"(wall: fastest {num(v[f'{b}.best_s'] / v[f'{a}.best_s'])}×, medians {num(v[f'{b}.median_s'] / v[f'{a}.median_s'])}×)",
                      "10× the events ≤ 11× the time", time <= 1.1 * events)
    if t.has("log.heap.few.peak", "log.heap.many.peak"):
        few, many = v["log.heap.few.peak"], v["log.heap.many.peak"]
        events = int(v["log.heap.few.events"])
        per_case = many / v["log.heap.many.cases"]
        t.row(f"peak heap of the statistics, {events:,} events in {int(v['log.heap.few.cases']):,} cases "
              f"against {int(v['log.heap.many.cases']):,} cases",
              f"{num(few / MB)} MB against {num(many / MB)} MB ({num(per_case)} bytes a case)",
              "follows the open cases, not the events: few cases ≤ 1/10 of many, ≤ 1 KB a case",
              few * 10 <= many and per_case <= 1000)


def fit(t, v):
    """The whole `journey fit` against PM4Py, whole processes side by side in one run: medians,
    as for the peers; the scaling from one size to the other divides fastest runs."""
    sizes = [s for s in ("100k", "1m") if t.has(f"fit.{s}.journey.median_s", f"fit.{s}.events")]
    version = v.get("fit.pm4py.version")
    for size in sizes:
        k = f"fit.{size}"
        events = int(v[f"{k}.events"])
        base = v[f"{k}.journey.median_s"]
        t.row(f"`journey fit` (read, map, statistics, fitness), {events:,} events (whole process)",
              f"{ms(base)} median of {int(v[f'{k}.journey.runs'])} (fastest {ms(v[f'{k}.journey.best_s'])}), "
              f"{num(v[f'{k}.journey.peak_mb'], 3)} MB peak")
        if t.has(f"{k}.pm4py.median_s"):
            ratio = v[f"{k}.pm4py.median_s"] / base
            t.row(f"… against PM4Py {version} (import, directly-follows graph, token-based replay), {events:,} events",
                  f"journey {num(ratio)}× faster (PM4Py {ms(v[f'{k}.pm4py.median_s'])} median of "
                  f"{int(v[f'{k}.pm4py.runs'])}, {num(v[f'{k}.pm4py.peak_mb'], 3)} MB peak)",
                  "≥ 50×" if size == "1m" else "—", ratio >= 50 if size == "1m" else None)
        elif "fit.pm4py.missing" in v:
            t.row(f"… against PM4Py, {events:,} events", "skipped: PM4Py is not installed (tests/oracles/install)",
                  "≥ 50×" if size == "1m" else "—", "skipped" if size == "1m" else None)
    if len(sizes) == 2:
        # As every ratio of sizes: the fastest runs, the ones the machine disturbed least.
        a, b = "fit.100k.journey", "fit.1m.journey"
        time = v[f"{b}.best_s"] / v[f"{a}.best_s"]
        events = v["fit.1m.events"] / v["fit.100k.events"]
        t.row("`journey fit`, scaling 100k → 1m events (whole process)",
              f"{num(time)}× the time for {num(events)}× the events (medians {num(v[f'{b}.median_s'] / v[f'{a}.median_s'])}×)",
              "10× the events ≤ 11× the time", time <= 1.1 * events)


def main():
    values = load(sys.argv[1])
    failed = sys.argv[2:]
    t = Table(values)
    for section in (core, peers, lsp, analysis, diagram, logs, fit):
        section(t, values)
    for name in failed:
        t.row(f"section `{name}`", "failed: see the log", "—", False)
    t.print()


if __name__ == "__main__":
    main()

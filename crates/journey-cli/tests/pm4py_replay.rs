//! PM4Py judges `journey fit`'s fitness: its token-based replay of the same log on the Petri net
//! it makes of our BPMN export (tests/oracles/pm4py-replay.py) against the fitness `journey fit
//! --format json` gives, on a log simulated from the model, on examples/web-shop.log.csv and on
//! logs with deviations injected here (skipped steps, unknown activities, swapped order).
//!
//! **Why they agree, and how far.** The export of a journey is a process of tasks joined by
//! exclusive gateways only, so PM4Py's net is a state machine: every transition takes one token
//! and gives one. Replaying a trace, a task whose place holds no token (reachable through silent
//! transitions) gets a *missing* token put there; the token that was elsewhere stays to the end
//! as a *remaining* one, so per trace `m = r`, and token replay's fitness
//! `½(1 − m/c) + ½(1 − r/p)` is `1 − M/C` over the log (`C = P′`: each firing takes one and gives
//! one, the initial and final markings one each). journey's is `1 − Dj/(P + S + E)`, with `Dj`
//! the deviating pairs, starts and ends. A token goes missing only at an event whose pair into it
//! (or start) journey counts as deviating, or at the end when the last step may not end the
//! journey: `M ≤ Dj`. Each event of a modelled activity fires its task and each case's end takes
//! the final token, so `C ≥ P + S + E − U` with `U` the events of unknown activities (which
//! replay skips); journey counts each such event twice (the pairs into and out of it) where
//! replay counts at most one missing token for the pair around it, `M ≤ Dj − U`, and with
//! `Dj ≤ P + S + E` that gives `M/C ≤ Dj/(P + S + E)`. Hence the tolerance: **PM4Py's fitness lies
//! between journey's and 1** (`f_journey ≤ f_replay ≤ 1`), equal at 1 for a log the model fits,
//! where also 100 % of the traces fit. The gap has two causes: the silent transitions of the
//! gateways and start and end events add to `C` (replay's denominator counts firings, journey's
//! counts events and cases), and replay may reuse a token left behind (a swap `a c b` of `a b c`
//! costs journey three deviations, replay one or two missing tokens) or skip an unknown activity
//! between two steps that follow each other in the model. When every deviation is one skipped
//! step, each costs one deviating pair for journey and one missing plus one remaining token for
//! replay, `M = Dj`, and the two agree exactly once rescaled:
//! `(1 − f_replay)·C = (1 − f_journey)·(P + S + E)`. The bound needs no pair within a step (a
//! step logged twice in a row, which journey leaves out and replay counts): the logs here have
//! none, which the test checks.
//!
//! **Names.** The export names each task by its step's label, the activity `journey simulate`
//! writes for a step without `logged_as:` and one `journey fit` maps to it; BPMN has no place for
//! `logged_as:`, so the model used here has none and its logs use the labels.
//!
//! PM4Py lives in tests/oracles/venv (tests/oracles/install); without it the tests are skipped,
//! unless JOURNEY_REQUIRE_ORACLES=1 makes that a failure.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[path = "../../../tests/oracles/python.rs"]
mod python;

fn python() -> Option<PathBuf> {
    python::with("pm4py", "PM4Py")
}

/// A journey of a model: its file and id.
#[derive(Clone, Copy)]
struct Model {
    file: &'static str,
    journey: &'static str,
}

/// The web shop, and a hotel stay whose nights loop.
const WEB_SHOP: Model = Model { file: "examples/web-shop.journey", journey: "order" };
const MODELS: [Model; 2] = [WEB_SHOP, Model { file: "examples/hotel.journey", journey: "stay" }];

/// Runs `journey ARGS` from the repository's root and returns its standard output.
fn journey(args: &[&str]) -> String {
    let out = support::run_within(&repo(), args, Duration::from_secs(120));
    assert_eq!(out.status.code(), Some(0), "journey {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// journey's fitness of the log, for all cases: the figure and its counts.
struct Ours {
    fitness: f64,
    /// `D + S̄ + Ē`.
    deviations: f64,
    /// `P + S + E`.
    counted: f64,
    within_steps: f64,
}

fn ours(model: Model, log: &Path) -> Ours {
    let args = ["fit", log.to_str().expect("path"), model.file, "--journey", model.journey, "--format", "json"];
    let json: Value = serde_json::from_str(&journey(&args)).expect("JSON");
    let parts = json["fits"][0]["parts"].as_array().expect("parts");
    let all = parts.iter().find(|p| p["segment"].is_null()).expect("the audience of all cases");
    let n = |key: &str| all["counts"][key].as_f64().unwrap_or_else(|| panic!("counts.{key}"));
    Ours {
        fitness: all["fitness"].as_f64().expect("fitness"),
        deviations: n("deviating") + n("bad_starts") + n("bad_ends"),
        counted: n("follows") + n("starts") + n("ends"),
        within_steps: n("within_steps"),
    }
}

/// PM4Py's token-based replay of the log on the net of our BPMN export of the model.
fn replay(python: &Path, bpmn: &Path, log: &Path) -> Value {
    let out = Command::new(python)
        .arg(repo().join("tests/oracles/pm4py-replay.py"))
        .args([bpmn, log])
        .output()
        .expect("python runs");
    assert!(out.status.success(), "PM4Py failed on {}: {}", log.display(), String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text.lines().rev().find(|l| l.starts_with('{')).expect("PM4Py printed JSON");
    serde_json::from_str(line).expect("JSON")
}

/// Our BPMN export of the journey, written into `dir`.
fn export(model: Model, dir: &Path) -> PathBuf {
    let path = dir.join(format!("{}.bpmn", model.journey));
    let bpmn = journey(&["build", model.file, "--emit", "bpmn", "--journey", model.journey, "-o", "-"]);
    std::fs::write(&path, bpmn).expect("write");
    path
}

/// A log of `runs` walks through the journey, simulated with `seed` into `dir`.
fn simulate(model: Model, dir: &Path, runs: u32, seed: u32) -> PathBuf {
    let log = dir.join(format!("{}-simulated.csv", model.journey));
    let (runs, seed) = (runs.to_string(), seed.to_string());
    let path = log.to_str().expect("path");
    journey(&[
        "simulate",
        model.file,
        "--journey",
        model.journey,
        "--runs",
        &runs,
        "--seed",
        &seed,
        "--emit-log",
        path,
    ]);
    log
}

/// Holds the two judgements of one log against each other, as the module's comment says, and
/// returns both.
fn compare(python: &Path, model: Model, bpmn: &Path, log: &Path) -> (Ours, Value) {
    let ours = ours(model, log);
    let theirs = replay(python, bpmn, log);
    let f = |key: &str| theirs[key].as_f64().unwrap_or_else(|| panic!("{key} in {theirs}"));
    let name = log.display();
    eprintln!(
        "{name}: journey {} ({} of {} deviating); PM4Py {} ({} of {} tokens missing, {} % of traces fit)",
        ours.fitness,
        ours.deviations,
        ours.counted,
        f("log_fitness"),
        f("missing"),
        f("consumed"),
        f("perc_fit_traces")
    );
    assert_eq!(ours.within_steps, 0.0, "{name}: the bound holds for logs without pairs within a step");
    // The net is a state machine: every missing token leaves one behind.
    assert_eq!(f("missing"), f("remaining"), "{name}: {theirs}");
    assert_eq!(f("consumed"), f("produced"), "{name}: {theirs}");
    assert!(f("missing") <= ours.deviations, "{name}: {} missing tokens, {} deviations", f("missing"), ours.deviations);
    // Token replay's log fitness, 1 − M/C, as PM4Py computes it from its counts.
    assert!((f("log_fitness") - (1.0 - f("missing") / f("consumed"))).abs() < 1e-12, "{name}: {theirs}");
    // The tolerance: PM4Py's fitness between ours and 1.
    assert!(
        ours.fitness <= f("log_fitness") + 1e-12 && f("log_fitness") <= 1.0,
        "{name}: journey {} against PM4Py {}",
        ours.fitness,
        f("log_fitness")
    );
    (ours, theirs)
}

#[test]
fn a_log_simulated_from_the_model_fits_it_for_both() {
    let Some(python) = python() else { return };
    for model in MODELS {
        let dir = support::temp_dir("pm4py-replay", &format!("simulated-{}", model.journey));
        let bpmn = export(model, &dir);
        let log = simulate(model, &dir, 2000, 11);
        let (ours, theirs) = compare(&python, model, &bpmn, &log);
        assert_eq!(ours.fitness, 1.0);
        assert_eq!(theirs["log_fitness"].as_f64(), Some(1.0), "{theirs}");
        assert_eq!(theirs["perc_fit_traces"].as_f64(), Some(100.0), "{theirs}");
        assert_eq!(theirs["traces"].as_u64(), Some(2000), "{theirs}");
        assert_eq!(theirs["missing"].as_f64(), Some(0.0), "{theirs}");
        // Every activity of the log is a visible task of PM4Py's net (replay would skip it
        // otherwise, and fit anything).
        let visible: Vec<&str> =
            theirs["visible"].as_array().expect("visible").iter().filter_map(Value::as_str).collect();
        for case in cases(&std::fs::read_to_string(&log).expect("log")) {
            for (_, activity, _) in case {
                assert!(visible.contains(&activity.as_str()), "{activity} is no task of {visible:?}");
            }
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn the_web_shop_log_fits_within_the_tolerance() {
    let Some(python) = python() else { return };
    let dir = support::temp_dir("pm4py-replay", "web-shop");
    let bpmn = export(WEB_SHOP, &dir);
    // PM4Py's column names; the same rows.
    let text = std::fs::read_to_string(repo().join("examples/web-shop.log.csv")).expect("log");
    let (header, rows) = text.split_once('\n').expect("header");
    assert_eq!(header, "order,activity,time,customer");
    let log = dir.join("web-shop.csv");
    std::fs::write(&log, format!("case:concept:name,concept:name,time:timestamp,customer\n{rows}")).expect("write");
    let (ours, theirs) = compare(&python, WEB_SHOP, &bpmn, &log);
    assert!(ours.fitness < 1.0 && ours.deviations > 0.0);
    // Each unmodelled `ask → change` is isolated: one missing token for each, and the two
    // fitnesses are one figure over two denominators.
    let (missing, consumed) = (theirs["missing"].as_f64().expect("m"), theirs["consumed"].as_f64().expect("c"));
    assert_eq!(missing, ours.deviations, "{theirs}");
    let rescaled = 1.0 - (1.0 - ours.fitness) * ours.counted / consumed;
    assert!((rescaled - theirs["log_fitness"].as_f64().expect("fitness")).abs() < 1e-12, "{theirs}");
    std::fs::remove_dir_all(&dir).ok();
}

/// An event: case, activity, time.
type Row = (String, String, String);

/// A log's rows, grouped by case in the order the cases first appear.
fn cases(text: &str) -> Vec<Vec<Row>> {
    let mut cases: Vec<Vec<Row>> = Vec::new();
    for line in text.lines().skip(1) {
        let mut cells = line.split(',');
        let mut cell = || cells.next().expect("cell").to_string();
        let (case, activity, time) = (cell(), cell(), cell());
        match cases.last_mut() {
            Some(last) if last[0].0 == case => last.push((case, activity, time)),
            _ => cases.push(vec![(case, activity, time)]),
        }
    }
    cases
}

fn write(path: &Path, cases: &[Vec<Row>]) {
    let mut text = String::from("case:concept:name,concept:name,time:timestamp\n");
    for (case, activity, time) in cases.iter().flatten() {
        text.push_str(&format!("{case},{activity},{time}\n"));
    }
    std::fs::write(path, text).expect("write");
}

/// The deviations injected, one kind at a time and all together, into every third case with
/// enough events: `skip` drops its second event, `unknown` adds an activity the model does not
/// know after its first one (at the same time: ties keep the log's order for both tools), `swap`
/// exchanges the activities of its second and third events. A change that would put one
/// activity twice in a row (a pair within a step, which the bound leaves out) is not made.
fn inject(cases: &[Vec<Row>], kinds: &[&str]) -> Vec<Vec<Row>> {
    let twice = |case: &[Row]| case.windows(2).any(|w| w[0].1 == w[1].1);
    let mut out = cases.to_vec();
    for (i, case) in out.iter_mut().enumerate() {
        if i % 3 != 0 || case.len() < 4 {
            continue;
        }
        let mut changed = case.clone();
        match kinds[(i / 3) % kinds.len()] {
            "skip" => {
                changed.remove(1);
            }
            "unknown" => {
                let (id, _, time) = changed[0].clone();
                changed.insert(1, (id, "Chat with the bot".into(), time));
            }
            "swap" => {
                let second = changed[1].1.clone();
                changed[1].1 = std::mem::replace(&mut changed[2].1, second);
            }
            kind => unreachable!("{kind}"),
        }
        if !twice(&changed) {
            *case = changed;
        }
    }
    out
}

#[test]
fn logs_with_injected_deviations_fit_within_the_tolerance() {
    let Some(python) = python() else { return };
    for model in MODELS {
        let dir = support::temp_dir("pm4py-replay", &format!("injected-{}", model.journey));
        let bpmn = export(model, &dir);
        let clean = cases(&std::fs::read_to_string(simulate(model, &dir, 1500, 5)).expect("log"));
        for kinds in [&["skip"][..], &["unknown"], &["swap"], &["skip", "unknown", "swap"]] {
            let log = dir.join(format!("{}-{}.csv", model.journey, kinds.join("-")));
            write(&log, &inject(&clean, kinds));
            let (ours, theirs) = compare(&python, model, &bpmn, &log);
            let name = log.display();
            let missing = theirs["missing"].as_f64().expect("m");
            assert!(ours.fitness < 1.0, "{name}: the injected deviations are seen");
            match kinds {
                // Each skipped step is one deviation for both: exact agreement once rescaled.
                ["skip"] => {
                    assert!(missing > 0.0, "{name}: {theirs}");
                    assert_eq!(missing, ours.deviations, "{name}: {theirs}");
                    let rescaled = 1.0 - (1.0 - ours.fitness) * ours.counted / theirs["consumed"].as_f64().expect("c");
                    assert!((rescaled - theirs["log_fitness"].as_f64().expect("f")).abs() < 1e-12, "{name}: {theirs}");
                }
                // Replay skips what the model does not know; journey counts the pairs around it.
                ["unknown"] => assert!(missing < ours.deviations, "{name}: {theirs}"),
                _ => assert!(missing > 0.0 && missing <= ours.deviations, "{name}: {theirs}"),
            }
        }
        std::fs::remove_dir_all(&dir).ok();
    }
}

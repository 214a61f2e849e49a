//! `journey build` as a user runs it: what it writes, what it refuses, and the HTML report
//! judged by a real browser.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn journey(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journey")).args(args).current_dir(repo()).output().expect("journey runs")
}

fn temp_dir(name: &str) -> support::TempDir {
    support::scratch("build", name, false)
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn builds_the_blueprint_flow_and_report_by_default() {
    let out = temp_dir("default");
    let run = journey(&["build", "examples/web-shop.journey", "-o", out.to_str().expect("utf-8")]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(listing(&out), ["order.blueprint.svg", "order.flow.svg", "report.html"]);
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    assert!(stdout.lines().all(|l| l.starts_with("wrote ")));
}

#[test]
fn every_example_builds_to_every_format_the_same_way_twice() {
    let all = "svg,html,mermaid,dot,plantuml,bpmn,json";
    let (a, b) = (temp_dir("all-a"), temp_dir("all-b"));
    let mut said = Vec::new();
    for dir in [&a, &b] {
        let dir = dir.to_str().expect("utf-8");
        let run = journey(&["build", "examples", "--emit", all, "--scenario", "all", "-o", dir]);
        assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
        said.push(String::from_utf8_lossy(&run.stdout).replace(dir, "OUT"));
    }
    // The files are made side by side and said in the plan's order: per journey its drawings
    // and exports, then the report and the model.
    assert_eq!(said[0], said[1]);
    let said: Vec<&str> = said[0].lines().collect();
    assert_eq!(said[said.len() - 2..], ["wrote OUT/report.html", "wrote OUT/model.json"]);
    let at = |name: &str| said.iter().position(|l| l.ends_with(name)).unwrap_or_else(|| panic!("{name}: {said:?}"));
    assert!(at("/order.blueprint.svg") + 1 == at("/order.flow.svg") && at("/order.flow.svg") < at("/order.bpmn"));
    let names = listing(&a);
    assert!(names.contains(&"managers.blueprint.svg".to_string()), "scenarios build too: {names:?}");
    assert!(names.contains(&"model.json".to_string()));
    for ext in [".bpmn", ".dot", ".puml", ".journey.mmd", ".flowchart.mmd", ".flow.svg"] {
        assert!(names.iter().any(|n| n.ends_with(ext)), "{ext} in {names:?}");
    }
    assert_eq!(names, listing(&b));
    for name in &names {
        assert_eq!(
            std::fs::read(a.join(name)).expect("read"),
            std::fs::read(b.join(name)).expect("read"),
            "{name} differs between runs"
        );
    }
}

#[test]
fn errors_stop_the_build_before_anything_is_written() {
    let out = temp_dir("errors");
    let run = journey(&["build", "tests/fixtures/broken.journey", "-o", out.to_str().expect("utf-8")]);
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("nothing was built"));
    assert!(!out.exists(), "no output folder, no partial files");
}

#[test]
fn standard_output_takes_one_output() {
    let run = journey(&["build", "examples/web-shop.journey", "--emit", "dot", "-o", "-"]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    assert!(String::from_utf8_lossy(&run.stdout).contains("digraph"));
    let svg = journey(&["build", "examples/web-shop.journey", "--emit", "html", "-o", "-"]);
    assert!(String::from_utf8_lossy(&svg.stdout).starts_with("<!DOCTYPE html>"));
    let many = journey(&["build", "examples/web-shop.journey", "-o", "-"]);
    assert_eq!(many.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&many.stderr).contains("`-o -` writes one output"));
    let unknown = journey(&["build", "examples/web-shop.journey", "--emit", "svgg"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("did you mean `svg`?"));
}

/// The report in a real browser (tests/oracles/check-html.mjs, playwright-core driving
/// Debian's Chromium). Skipped when missing, unless JOURNEY_REQUIRE_ORACLES=1.
#[test]
fn the_report_loads_cleanly_in_a_browser() {
    let script = repo().join("tests/oracles/check-html.mjs");
    let ready =
        repo().join("tests/oracles/node_modules/playwright-core").exists() && Path::new("/usr/bin/chromium").exists();
    if !ready {
        assert!(
            std::env::var("JOURNEY_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "the browser oracle is missing: run tests/oracles/install"
        );
        eprintln!("skipped: playwright-core or Chromium is not installed (tests/oracles/install)");
        return;
    }
    let out = temp_dir("html");
    let run =
        journey(&["build", "examples", "--scenario", "all", "--emit", "html", "-o", out.to_str().expect("utf-8")]);
    assert_eq!(run.status.code(), Some(0), "{}", String::from_utf8_lossy(&run.stderr));
    let shot = repo().join("target/report-screenshot.png");
    let check = Command::new("node").arg(&script).arg(out.join("report.html")).arg(&shot).output().expect("node runs");
    assert!(
        check.status.success(),
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        String::from_utf8_lossy(&check.stderr)
    );
    // The oracle can fail: a report that fetches a script is rejected.
    let html = std::fs::read_to_string(out.join("report.html")).expect("read");
    std::fs::write(
        out.join("bad.html"),
        html.replace("</body>", "<script src=\"https://example.invalid/x.js\"></script></body>"),
    )
    .expect("write");
    let rejected = Command::new("node")
        .arg(&script)
        .arg(out.join("bad.html"))
        .arg(out.join("bad.png"))
        .output()
        .expect("node runs");
    assert!(!rejected.status.success());
}

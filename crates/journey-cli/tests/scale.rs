//! Work that grows with the input stays near-linear: long journeys through every command that
//! reads the whole model, and import meshes. Each run has a bound far above what the linear
//! work takes (in a debug build) and far below what the quadratic work it replaced took; a run
//! past its bound is killed and fails the test.

mod support;

use std::process::Output;
use std::time::Duration;

use support::{run_within, temp_dir};

fn ok(output: &Output) -> String {
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A linear journey of `n` steps in stages of 1,000, alternating between a web shop and a call
/// centre in two lanes, every step with a pain point, written with explicit flows.
fn long_journey(n: usize) -> String {
    let mut text = String::from(
        "lane a \"Shop\"\nlane b \"Service\"\nsystem s \"S\"\n\
         touchpoint web \"Web\" { channel: web  lane: a  uses: s }\n\
         touchpoint phone \"Phone\" { channel: phone  lane: b  uses: s }\n\
         journey big \"Big\" {\n  volume: 1000 / month\n",
    );
    for i in 0..n {
        if i % 1000 == 0 {
            if i > 0 {
                text.push_str("  }\n");
            }
            text.push_str(&format!("  stage g{i} \"Stage {i}\" {{\n"));
        }
        let at = if i % 2 == 0 { "phone" } else { "web" };
        text.push_str(&format!("    step s{i} \"Step {i}\" at {at} {{ duration: 1min  pain: \"Slow\" }}\n"));
    }
    text.push_str("  }\n");
    for i in 1..n {
        text.push_str(&format!("  s{} -> s{i}\n", i - 1));
    }
    text.push_str("}\n\nscenario quick \"Quicker\" on big {\n  step s5 { duration: 1s }\n}\n");
    text
}

#[test]
fn a_journey_of_200000_steps_is_analysed_and_compared_in_linear_time() {
    let dir = temp_dir("scale", "long");
    std::fs::write(dir.join("long.journey"), long_journey(200_000)).expect("write");
    let limit = Duration::from_secs(90);
    let report = ok(&run_within(&dir, &["analyze", "long.journey", "--journey", "big"], limit));
    assert!(report.contains("200,000,000 contacts a month") || report.contains("contact driver"), "{report}");
    let comparison = ok(&run_within(&dir, &["compare", "big", "quick", "long.journey"], limit));
    assert!(comparison.contains("changed `s5`: duration 1 min → 1 s"), "{comparison}");
}

#[test]
fn a_journey_of_100000_steps_is_exported_in_linear_time() {
    let dir = temp_dir("scale", "export");
    std::fs::write(dir.join("long.journey"), long_journey(100_000)).expect("write");
    let out = run_within(
        &dir,
        &["build", "long.journey", "--journey", "big", "--emit", "bpmn,json,dot,mermaid,plantuml"],
        Duration::from_secs(120),
    );
    ok(&out);
    let bpmn = std::fs::read_to_string(dir.join("out/big.bpmn")).expect("the BPMN file");
    assert!(bpmn.contains("sequenceFlow id=\"s_99998_s99998_to_s_99999_s99999\""), "the last flow is there");
}

#[test]
fn an_import_mesh_is_checked_in_linear_time_and_its_cycles_reported_once() {
    let dir = temp_dir("scale", "mesh");
    std::fs::create_dir_all(dir.join(".git")).expect("a repository marks the workspace root");
    // 1,000 files, each importing the next 800 (around): one group of files in many cycles.
    let (files, imports) = (1000, 800);
    for i in 0..files {
        let mut text: String = (1..=imports).map(|k| format!("import \"f{}.journey\"\n", (i + k) % files)).collect();
        text.push_str(&format!("lane l{i} \"Lane {i}\"\n"));
        std::fs::write(dir.join(format!("f{i}.journey")), text).expect("write");
    }
    let out = run_within(&dir, &["check", ".", "--format", "short"], Duration::from_secs(90));
    assert_eq!(out.status.code(), Some(1), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let cycles: Vec<&str> = text.lines().filter(|l| l.contains("error[J0102]")).collect();
    assert_eq!(cycles, ["f200.journey:800:8: error[J0102]: import cycle"], "one report for the whole mesh");
    assert!(text.contains("checked 1000 files: 1 error, 1000 warnings"), "{}", text.lines().last().unwrap_or(""));
}

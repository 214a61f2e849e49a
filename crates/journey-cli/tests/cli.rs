//! The `journey` binary as a user runs it: exit codes, formats, hostile input, and the
//! renderings of a broken model as snapshots.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn journey(args: &[&str]) -> Output {
    run_in(&repo(), args, None)
}

fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the journey binary starts");
    if let Some(input) = stdin {
        use std::io::Write;
        child.stdin.take().expect("stdin").write_all(input).expect("stdin written");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("the journey binary finishes")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code, not a signal")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn temp_dir(name: &str) -> support::TempDir {
    support::scratch("cli", name, true)
}

#[test]
fn examples_check_clean() {
    let out = journey(&["check", "examples"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("no problems found"), "{}", stdout(&out));
}

#[test]
fn errors_exit_1_and_warnings_only_with_deny() {
    assert_eq!(code(&journey(&["check", "tests/fixtures/broken.journey"])), 1);
    let warnings = journey(&["check", "tests/fixtures/warnings-only.journey", "--format", "short"]);
    assert_eq!(code(&warnings), 0);
    let lines: Vec<String> = stdout(&warnings).lines().map(String::from).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[2], "checked 1 file: 0 errors, 2 warnings");
    let denied = journey(&["check", "tests/fixtures/warnings-only.journey", "--format", "short", "--deny", "warnings"]);
    assert_eq!(code(&denied), 1);
    let text = stdout(&denied);
    let (summary, diagnostics) =
        text.lines().collect::<Vec<_>>().split_last().map(|(l, r)| (*l, r.to_vec())).unwrap_or_default();
    assert!(diagnostics.iter().all(|l| l.contains(": error[")), "{text}");
    assert_eq!(summary, "checked 1 file: 2 errors, 0 warnings");
}

#[test]
fn usage_and_io_failures_exit_2() {
    let missing = journey(&["check", "no/such/file.journey"]);
    assert_eq!(code(&missing), 2);
    assert!(stderr(&missing).contains("cannot find `no/such/file.journey`"), "{}", stderr(&missing));
    let empty = temp_dir("empty");
    let none = run_in(&empty, &["check", "."], None);
    assert_eq!(code(&none), 2);
    assert!(stderr(&none).contains("no .journey files in `.`"), "{}", stderr(&none));
    assert_eq!(code(&journey(&["check", "--format", "xml", "examples"])), 2);
    assert_eq!(code(&journey(&["frobnicate"])), 2);
    // More walks than a simulation can take is a usage error, not a panic or a huge allocation.
    for runs in ["18446744073709551615", "1000000000001", "0"] {
        let sim = journey(&["simulate", "examples/web-shop.journey", "--journey", "order", "--runs", runs]);
        assert_eq!(code(&sim), 2, "{runs}: {}", stderr(&sim));
        assert!(stderr(&sim).contains("is not in 1..=1000000000000"), "{}", stderr(&sim));
    }
}

/// Ctrl-C stops a long simulation: what was walked is shown, and the exit code says so.
#[cfg(unix)]
#[test]
fn an_interrupted_simulation_shows_the_walks_taken() {
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(["simulate", "examples/web-shop.journey", "--journey", "order", "--runs", "1000000000000"])
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("journey runs");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    let sent = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status();
    assert!(sent.expect("kill runs").success());
    let out = child.wait_with_output().expect("journey ends");
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("order: ") && text.contains("interrupted after "), "{text}");
}

#[test]
fn explain_prints_the_explanation_and_lists_codes() {
    let out = journey(&["explain", "J0201"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).starts_with("# J0201 unknown-reference"), "{}", stdout(&out));
    let by_name = journey(&["explain", "dead-end"]);
    assert!(stdout(&by_name).starts_with("# J0403 dead-end"));
    let list = journey(&["explain"]);
    assert!(stdout(&list).lines().count() > 25);
    let wrong = journey(&["explain", "dead-ends"]);
    assert_eq!(code(&wrong), 2);
    assert!(stderr(&wrong).contains("did you mean `dead-end`?"), "{}", stderr(&wrong));
}

#[test]
fn version_and_help() {
    let version = journey(&["--version"]);
    assert_eq!(code(&version), 0);
    assert!(stdout(&version).starts_with("journey "));
    let help = journey(&["--help"]);
    assert!(stdout(&help).contains("Examples:"), "{}", stdout(&help));
}

#[test]
fn standard_input() {
    let text = b"lane sales \"Sales\"\nsystem crm \"CRM\"\ntouchpoint web \"Web\" { channel: web  lane: sales  uses: crm }\njourney j \"J\" { step a \"A\" at web }\n";
    let clean = run_in(&repo(), &["check", "-"], Some(text));
    assert_eq!(code(&clean), 0, "{}", stdout(&clean));
    let broken =
        run_in(&repo(), &["check", "-", "--format", "short"], Some(b"journey j \"J\" { step a \"A\" at nowhere }\n"));
    assert_eq!(code(&broken), 1);
    assert!(stdout(&broken).starts_with("<stdin>:1:31: error[J0201]"), "{}", stdout(&broken));
}

#[test]
fn hostile_files_get_clear_errors() {
    let dir = temp_dir("hostile");
    std::fs::write(dir.join("latin1.journey"), b"lane caf\xe9 \"Caf\xe9\"\n").expect("write");
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend("lane a".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("utf16.journey"), utf16).expect("write");
    let big = std::fs::File::create(dir.join("big.journey")).expect("create");
    big.set_len(100 * 1024 * 1024).expect("a sparse 100 MB file");
    std::fs::write(dir.join("deep.journey"), format!("journey j {}{}", "{".repeat(10_000), "}".repeat(10_000)))
        .expect("write");
    let out = run_in(&dir, &["check", ".", "--format", "short"], None);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines.iter().any(|l| l.starts_with("big.journey:1:1: error[J0004]: `big.journey` is 100 MiB")), "{text}");
    assert!(lines.iter().any(|l| l.starts_with("latin1.journey:1:9: error[J0003]")), "{text}");
    assert!(lines.iter().any(|l| l.starts_with("utf16.journey:1:1: error[J0003]")), "{text}");
    assert!(lines.iter().any(|l| l.starts_with("deep.journey:1:43: error[J0005]")), "{text}");
    let human = run_in(&dir, &["check", "utf16.journey", "--color", "never"], None);
    assert!(stdout(&human).contains("the file is UTF-16; save it as UTF-8"), "{}", stdout(&human));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let always = journey(&["check", "tests/fixtures/broken.journey", "--color", "always"]);
    assert!(stdout(&always).contains('\u{1b}'));
    let never = journey(&["check", "tests/fixtures/broken.journey", "--color", "never"]);
    assert!(!stdout(&never).contains('\u{1b}'));
    let piped = Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(["check", "tests/fixtures/broken.journey"])
        .current_dir(repo())
        .env("NO_COLOR", "1")
        .output()
        .expect("runs");
    assert!(!String::from_utf8_lossy(&piped.stdout).contains('\u{1b}'));
}

#[test]
fn json_is_machine_readable() {
    let out = journey(&["check", "tests/fixtures/broken.journey", "--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(doc["version"], 1);
    let diagnostics = doc["diagnostics"].as_array().expect("a list");
    assert_eq!(diagnostics.len(), 5);
    let unknown = diagnostics.iter().find(|d| d["code"] == "J0201").expect("the unknown reference");
    assert_eq!(unknown["location"]["line"], 8);
    assert_eq!(unknown["fix"]["edits"][0]["replacement"], "phone");
}

#[test]
fn github_annotations_escape_their_data() {
    let out = journey(&["check", "tests/fixtures/broken.journey", "--format", "github"]);
    let text = stdout(&out);
    assert!(text.lines().all(|l| l.starts_with("::error file=") || l.starts_with("::warning file=")), "{text}");
    assert!(
        text.contains("title=J0201 unknown-reference::no touchpoint named `phnoe`%0Ahelp: did you mean `phone`?"),
        "{text}"
    );
}

/// Runs the real SARIF 2.1.0 schema (tests/oracles) over our output. Without the oracle
/// installed the test is skipped, unless JOURNEY_REQUIRE_ORACLES=1 makes that a failure.
#[test]
fn sarif_validates_against_the_official_schema() {
    let validator = repo().join("tests/oracles/validate-sarif.mjs");
    let installed =
        repo().join("tests/oracles/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json").exists()
            && Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if !installed {
        assert!(
            std::env::var("JOURNEY_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "the SARIF oracle is missing: run tests/oracles/install"
        );
        eprintln!("skipped: the SARIF oracle is not installed (tests/oracles/install)");
        return;
    }
    let dir = temp_dir("sarif");
    let mut files = Vec::new();
    for (name, args) in [
        ("broken.sarif", vec!["check", "tests/fixtures/broken.journey", "--format", "sarif"]),
        ("clean.sarif", vec!["check", "examples", "--format", "sarif"]),
        ("warnings.sarif", vec!["check", "tests/fixtures/warnings-only.journey", "--format", "sarif"]),
        (
            "evidence.sarif",
            vec![
                "check",
                "crates/journey-cli/tests/fit",
                "--evidence",
                "crates/journey-cli/tests/fit/order.csv",
                "--format",
                "sarif",
            ],
        ),
    ] {
        let out = journey(&args);
        let path = dir.join(name);
        std::fs::write(&path, &out.stdout).expect("write");
        files.push(path);
    }
    let out = Command::new("node").arg(&validator).args(&files).output().expect("node runs");
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    // The oracle can fail: a log with an invalid level must be rejected.
    let broken =
        std::fs::read_to_string(&files[0]).expect("read").replacen("\"level\": \"error\"", "\"level\": \"fatal\"", 1);
    std::fs::write(dir.join("invalid.sarif"), broken).expect("write");
    let rejected = Command::new("node").arg(&validator).arg(dir.join("invalid.sarif")).output().expect("node runs");
    assert!(!rejected.status.success());
}

#[test]
fn snapshots_of_every_format() {
    for format in ["human", "short", "json", "sarif", "github"] {
        let out = journey(&["check", "tests/fixtures/broken.journey", "--format", format, "--color", "never"]);
        let text = stdout(&out).replace(env!("CARGO_PKG_VERSION"), "[version]");
        insta::assert_snapshot!(format!("broken-{format}"), text);
    }
}

#[test]
fn output_is_deterministic() {
    let first = journey(&["check", "tests/fixtures/broken.journey", "--format", "json"]);
    for _ in 0..3 {
        assert_eq!(journey(&["check", "tests/fixtures/broken.journey", "--format", "json"]).stdout, first.stdout);
    }
}

/// At this repository's root `journey check` checks the examples and the realistic models and
/// leaves out the fixtures broken on purpose (the root journey.toml's `exclude`); a fixture
/// named on the command line is still checked.
#[test]
fn the_repository_root_checks_clean() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let all = run_in(&root, &["check"], None);
    assert_eq!(code(&all), 0, "{}{}", stdout(&all), stderr(&all));
    assert!(stdout(&all).contains("no problems found"), "{}", stdout(&all));
    let named = run_in(&root, &["check", "tests/fixtures/broken.journey"], None);
    assert_eq!(code(&named), 1);
}

//! The commands around the model, as a user runs them: `import` (to standard output and to a
//! file it never overwrites unasked), `init` (a starter that checks clean, never over existing
//! files), `completions` (read by bash itself), `man` (read by groff) and `build --open`
//! (through a recording opener, so no browser opens).

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn journey_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journey")).args(args).current_dir(dir).output().expect("journey runs")
}

fn temp_dir(name: &str) -> support::TempDir {
    support::scratch("comforts", name, true)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn data(path: &str) -> PathBuf {
    repo().join("crates/journey-import/tests/data").join(path)
}

#[test]
fn import_prints_the_model_and_journey_check_accepts_it() {
    let dir = temp_dir("import-stdout");
    let source = data("mermaid-docs/user-journey.mmd");
    let run = journey_in(&dir, &["import", "mermaid", source.to_str().expect("utf-8")]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(text(&run.stderr), "", "Mermaid's own example imports without a word");
    let model = text(&run.stdout);
    let (library, _) = journey_import::import_mermaid_with(
        &std::fs::read_to_string(&source).expect("read"),
        &journey_import::ImportOptions { name: Some("user-journey".into()), ..Default::default() },
    );
    assert_eq!(model, library, "the command prints what the core makes");
    std::fs::write(dir.join("day.journey"), &model).expect("write");
    let check = journey_in(&dir, &["check", "day.journey"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
}

#[test]
fn import_writes_a_file_once_and_replaces_it_only_with_force() {
    let dir = temp_dir("import-file");
    let source = data("csv/gaps.csv");
    let args = ["import", "csv", source.to_str().expect("utf-8"), "-o", "gaps.journey"];
    let first = journey_in(&dir, &args);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    assert_eq!(text(&first.stdout), "", "the model goes to the file, not to standard output");
    let stderr = text(&first.stderr);
    assert!(stderr.contains("warning[J0902]") || stderr.contains("J0902"), "{stderr}");
    assert!(stderr.contains("wrote gaps.journey (0 errors, 6 warnings)"), "{stderr}");
    let written = std::fs::read_to_string(dir.join("gaps.journey")).expect("written");
    assert!(written.contains("journey onboarding \"Onboarding\""), "{written}");
    // The step the sheet gives no touchpoint stays an error until it is filled in.
    let check = journey_in(&dir, &["check", "gaps.journey", "--format", "short"]);
    let said = text(&check.stdout);
    assert_eq!(check.status.code(), Some(1), "{said}");
    assert_eq!(said.matches("error[").count(), 1, "{said}");
    assert!(said.contains("error[J0501]: step `verify_e_mail` does not say where it happens"), "{said}");

    std::fs::write(dir.join("gaps.journey"), "// edited by hand\n").expect("edit");
    let again = journey_in(&dir, &args);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        text(&again.stderr).contains("`gaps.journey` exists; use --force to replace it"),
        "{}",
        text(&again.stderr)
    );
    assert_eq!(std::fs::read_to_string(dir.join("gaps.journey")).expect("kept"), "// edited by hand\n");
    let mut forced = args.to_vec();
    forced.push("--force");
    assert_eq!(journey_in(&dir, &forced).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(dir.join("gaps.journey")).expect("replaced"), written);
}

#[test]
fn import_refuses_what_it_cannot_read_and_writes_nothing() {
    let dir = temp_dir("import-refused");
    let refused =
        journey_in(&dir, &["import", "csv", data("csv/not-a-journey.csv").to_str().expect("utf-8"), "-o", "x.journey"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(text(&refused.stderr).contains("J0901"), "{}", text(&refused.stderr));
    assert!(!dir.join("x.journey").exists());

    std::fs::write(dir.join("latin1.csv"), b"Step,Emotion\nCaf\xe9,+1\n").expect("write");
    let latin1 = journey_in(&dir, &["import", "csv", "latin1.csv"]);
    assert_eq!(latin1.status.code(), Some(2));
    assert!(text(&latin1.stderr).contains("save it as UTF-8"), "{}", text(&latin1.stderr));

    std::fs::create_dir_all(dir.join("folder")).expect("folder");
    let folder = journey_in(&dir, &["import", "csv", "folder"]);
    assert_eq!(folder.status.code(), Some(2));
    let missing = journey_in(&dir, &["import", "mermaid", "nothing.mmd"]);
    assert_eq!((missing.status.code(), text(&missing.stderr).contains("cannot find")), (Some(2), true));
}

#[test]
fn init_starts_a_workspace_that_checks_clean_and_keeps_existing_files() {
    let dir = temp_dir("init");
    let run = journey_in(&dir, &["init", "shop"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let shop = dir.join("shop");
    for file in ["journeys.journey", "journey.toml", ".github/workflows/journey.yml"] {
        assert!(shop.join(file).is_file(), "{file}");
    }
    // Clean: no error and no warning, and already in the canonical layout.
    let check = journey_in(&shop, &["check", "--deny", "warnings"]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stdout));
    assert!(text(&check.stdout).contains("no problems found"));
    assert_eq!(journey_in(&shop, &["fmt", "--check"]).status.code(), Some(0));
    let build = journey_in(&shop, &["build", "-o", "out"]);
    assert_eq!(build.status.code(), Some(0), "{}", text(&build.stderr));

    std::fs::write(shop.join("journey.toml"), "[rules]\n").expect("edit");
    let again = journey_in(&dir, &["init", "shop"]);
    assert_eq!(again.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(shop.join("journey.toml")).expect("kept"), "[rules]\n");
    assert_eq!(text(&again.stderr).matches("(it exists)").count(), 3, "{}", text(&again.stderr));
    assert_eq!(text(&again.stdout), "");
}

#[test]
fn completions_are_scripts_the_shell_reads() {
    let dir = temp_dir("completions");
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let run = journey_in(&dir, &["completions", shell]);
        assert_eq!(run.status.code(), Some(0), "{shell}");
        let script = text(&run.stdout);
        for command in ["check", "build", "import", "init", "completions", "man"] {
            assert!(script.contains(command), "{shell} completes `{command}`");
        }
    }
    // bash itself reads the bash script; a broken one fails it.
    let script = journey_in(&dir, &["completions", "bash"]).stdout;
    std::fs::write(dir.join("journey.bash"), &script).expect("write");
    let bash = Command::new("bash").arg("-n").arg(dir.join("journey.bash")).output().expect("bash runs");
    assert!(bash.status.success(), "{}", text(&bash.stderr));
    let complete = Command::new("bash")
        .arg("-c")
        .arg("source journey.bash; COMP_WORDS=(journey im); COMP_CWORD=1; _journey journey im journey; echo ${COMPREPLY[@]}")
        .current_dir(&dir)
        .output()
        .expect("bash runs");
    assert_eq!(text(&complete.stdout).trim(), "impact import", "{}", text(&complete.stderr));
    std::fs::write(dir.join("broken.bash"), "_journey() { if then\n").expect("write");
    assert!(!Command::new("bash").arg("-n").arg(dir.join("broken.bash")).status().expect("bash").success());
}

#[test]
fn the_manual_pages_read_cleanly_in_groff() {
    let dir = temp_dir("man");
    let groff = |page: &Path| Command::new("groff").args(["-man", "-Tutf8", "-ww", "-z"]).arg(page).output();
    let Ok(probe) = groff(Path::new("/dev/null")) else {
        assert!(std::env::var("JOURNEY_REQUIRE_ORACLES").as_deref() != Ok("1"), "groff is missing");
        eprintln!("skipped: groff is not installed");
        return;
    };
    assert!(probe.status.success());
    for args in [&["man"][..], &["man", "check"], &["man", "import"], &["man", "build"]] {
        let run = journey_in(&dir, args);
        assert_eq!(run.status.code(), Some(0), "{args:?}");
        let page = dir.join("page.1");
        std::fs::write(&page, &run.stdout).expect("write");
        let read = groff(&page).expect("groff runs");
        assert!(read.status.success() && read.stderr.is_empty(), "{args:?}: {}", text(&read.stderr));
        assert!(text(&run.stdout).contains(".TH journey"), "{args:?}");
    }
    // groff can fail: an unknown macro is a warning.
    std::fs::write(dir.join("bad.1"), ".TH x 1\n.SH NAME\n.BOGUS x\n").expect("write");
    assert!(!groff(&dir.join("bad.1")).expect("groff").stderr.is_empty());
    let unknown = journey_in(&dir, &["man", "chek"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(text(&unknown.stderr).contains("did you mean `check`?"));
}

#[test]
fn build_open_runs_the_opener_on_the_report() {
    let dir = temp_dir("open");
    let record = dir.join("opened.txt");
    let opener = dir.join("opener.sh");
    std::fs::write(&opener, format!("#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\n", record.display())).expect("write");
    let chmod = Command::new("chmod").arg("+x").arg(&opener).status().expect("chmod");
    assert!(chmod.success());
    let example = repo().join("examples/web-shop.journey");
    let run = Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(["build", example.to_str().expect("utf-8"), "-o", "out", "--open"])
        .env("JOURNEY_OPENER", &opener)
        .current_dir(&dir)
        .output()
        .expect("journey runs");
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    let opened = std::fs::read_to_string(&record).expect("the opener ran");
    let report = std::fs::canonicalize(dir.join("out/report.html")).expect("report");
    assert_eq!(Path::new(opened.trim()).canonicalize().expect("an existing file"), report);
    // Only drawings: the first of them.
    let run = Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(["build", example.to_str().expect("utf-8"), "-o", "svg", "--emit", "svg", "--open"])
        .env("JOURNEY_OPENER", &opener)
        .current_dir(&dir)
        .output()
        .expect("journey runs");
    assert_eq!(run.status.code(), Some(0));
    assert!(std::fs::read_to_string(&record).expect("ran").trim().ends_with("svg/order.blueprint.svg"));
    // An opener that fails is a warning, not a failed build.
    let run = Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(["build", example.to_str().expect("utf-8"), "-o", "out", "--open"])
        .env("JOURNEY_OPENER", "/bin/false")
        .current_dir(&dir)
        .output()
        .expect("journey runs");
    assert_eq!(run.status.code(), Some(0));
    assert!(text(&run.stderr).contains("could not open"), "{}", text(&run.stderr));
    let stdout = journey_in(&dir, &["build", example.to_str().expect("utf-8"), "--emit", "dot", "-o", "-", "--open"]);
    assert_eq!(stdout.status.code(), Some(2));
}

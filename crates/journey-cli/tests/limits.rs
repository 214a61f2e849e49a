//! The limits of the README's table and hostile input, through the `journey` binary: each ends
//! in a clear diagnostic and an exit code, never a crash, a hang or a lost file. The big inputs
//! are generated here, not checked in.

mod support;

use support::TempDir;

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn run_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the journey binary runs")
}

/// The exit code; a signal (a crash, a stack overflow) fails the test.
fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or_else(|| panic!("killed by a signal: {}", String::from_utf8_lossy(&output.stderr)))
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// A folder of its own for one test, removed when the test ends (some hold hundreds of MB).
fn temp_dir(name: &str) -> TempDir {
    support::temp_dir("limits", name)
}

const HEADER: &str =
    "lane a \"Shop\"\nsystem s \"Shop system\"\ntouchpoint web \"Web\" { channel: web  lane: a  uses: s }\n";

#[test]
fn a_ten_megabyte_line_gets_short_messages() {
    let dir = temp_dir("long-line");
    let mut text = HEADER.replace('\n', " ");
    text.push_str("journey one \"One\" { ");
    let mut i = 0;
    while text.len() < 10_000_000 {
        let at = if i == 100_000 { "wbe" } else { "web" };
        text.push_str(&format!("step s{i} \"Step {i}\" at {at} {{ emotion: 1 }} "));
        i += 1;
    }
    text.push('}');
    assert!(!text.contains('\n'));
    std::fs::write(dir.join("line.journey"), &text).expect("write");
    let out = run_in(&dir, &["check", "line.journey"]);
    assert_eq!(code(&out), 1, "{}", String::from_utf8_lossy(&out.stderr));
    let shown = stdout(&out);
    assert!(shown.len() < 4_000, "the line is not printed whole: {} bytes", shown.len());
    assert!(shown.contains("no touchpoint named `wbe`"), "{shown}");
    assert!(shown.contains("step s100000 \"Step 100000\" at wbe"), "the excerpt shows the mistake: {shown}");
    let column = text.find(" wbe").expect("the mistake") + 2;
    assert!(shown.contains(&format!("line.journey:1:{column} ]")), "the real column: {shown}");
}

#[test]
fn a_million_steps_in_one_journey() {
    let dir = temp_dir("million");
    // One loop of a million steps, measured exactly for the experience it realizes.
    let mut text = format!("{HEADER}experience e \"E\" {{ contacts <= 1 }}\njourney big \"Big\" {{\n  realizes: e\n");
    for i in 0..1_000_000 {
        text.push_str(&format!("  step s{i} \"Step\" at web\n"));
    }
    for i in 0..999_999 {
        text.push_str(&format!("  s{i} -> s{}\n", i + 1));
    }
    text.push_str("  s999999 -> s0 10%\n}\n");
    std::fs::write(dir.join("big.journey"), &text).expect("write");
    let out = run_in(&dir, &["check", "big.journey", "--format", "short"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert!(stdout(&out).contains("checked 1 file: no problems found"), "{}", stdout(&out));
}

#[test]
fn a_loop_customers_hardly_leave_is_not_measured() {
    let dir = temp_dir("endless");
    let mut text = format!("{HEADER}experience e \"E\" {{ contacts <= 1 }}\njourney ring \"Ring\" {{\n  realizes: e\n");
    for i in 0..10_000 {
        text.push_str(&format!("  step s{i} \"Step\" at web\n"));
    }
    for i in 0..9_999 {
        text.push_str(&format!("  s{i} -> s{}\n", i + 1));
    }
    // One customer in ten million leaves at the last step; the rest go round again.
    text.push_str("  s9999 -> s0 99.99999%\n}\n");
    std::fs::write(dir.join("ring.journey"), &text).expect("write");
    let started = Instant::now();
    let out = run_in(&dir, &["check", "ring.journey", "--format", "short"]);
    assert!(started.elapsed() < Duration::from_secs(60), "bounded work");
    assert_eq!(code(&out), 0, "a warning: {}", stdout(&out));
    assert!(
        stdout(&out).contains("warning[J0506]: the targets of `e` are not checked on `ring`: a loop of 10000 steps is too large to measure"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn more_items_than_a_workspace_holds() {
    let dir = temp_dir("items");
    let mut text = String::with_capacity(40_000_000);
    for i in 0..=journey_model::MAX_ITEMS {
        text.push_str(&format!("lane l{i} \"L\"\n"));
    }
    std::fs::write(dir.join("many.journey"), &text).expect("write");
    let out = run_in(&dir, &["check", "many.journey", "--format", "short"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("error[")).collect();
    assert_eq!(lines.len(), 1, "one error, not one per item: {lines:?}");
    assert!(lines[0].contains("error[J0008]: the workspace declares more than 2000000 items"), "{lines:?}");
}

#[test]
fn files_that_add_up_to_more_than_a_workspace_holds() {
    let dir = temp_dir("workspace-size");
    // Six files of 50 MiB (mostly blank lines) make 300 MiB: the file that would pass
    // 256 MiB is not read, and the rest are.
    let blank = format!("{}\n", " ".repeat(63)).repeat((50 << 20) / 64);
    for i in 0..6 {
        std::fs::write(dir.join(format!("f{i}.journey")), format!("lane l{i} \"L{i}\"\n{blank}")).expect("write");
    }
    let out = run_in(&dir, &["check", ".", "--format", "short"]);
    assert_eq!(code(&out), 1);
    let errors: Vec<String> = stdout(&out).lines().filter(|l| l.contains("error[")).map(String::from).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("f5.journey:1:1: error[J0009]: `f5.journey` is not read"), "{errors:?}");
}

#[test]
fn a_hundred_thousand_nested_braces() {
    let dir = temp_dir("braces");
    let text = format!("journey j \"J\" {}{}", "{".repeat(100_000), "}".repeat(100_000));
    std::fs::write(dir.join("deep.journey"), text).expect("write");
    let out = run_in(&dir, &["check", "deep.journey", "--format", "short"]);
    assert_eq!(code(&out), 1);
    let errors: Vec<String> = stdout(&out).lines().filter(|l| l.contains("error[")).map(String::from).collect();
    // A block straight inside a block is a syntax error of its own (J0001); the depth is one
    // more, however deep it goes.
    assert_eq!(errors.iter().filter(|e| e.contains("error[J0005]")).count(), 1, "{errors:?}");
    assert!(errors.len() <= 3, "one report for the nesting, not one per brace: {errors:?}");
}

#[test]
fn an_import_chain_a_thousand_deep_stops_at_the_limit() {
    let dir = temp_dir("chain");
    for i in 0..1000 {
        let import = if i < 999 { format!("import \"f{}.journey\"\n", i + 1) } else { String::new() };
        std::fs::write(dir.join(format!("f{i}.journey")), format!("{import}lane l{i} \"Lane {i}\"\n")).expect("write");
    }
    let out = run_in(&dir, &["check", "f0.journey", "--format", "short"]);
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.contains("f256.journey:1:8: error[J0006]: imports nest more than 256 deep"), "{text}");
    assert!(text.contains("checked 257 files"), "{text}");
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_out_of_the_workspace() {
    use std::os::unix::fs::symlink;
    let base = temp_dir("links");
    let dir = base.join("ws");
    std::fs::create_dir_all(dir.join(".git")).expect("a repository marks the workspace root");
    std::fs::write(base.join("outside.journey"), "lane c \"C\"\n").expect("write");
    symlink(".", dir.join("loop")).expect("a folder linking to itself");
    symlink("../ws", dir.join("again")).expect("a folder linking to its own parent path");
    symlink("self.journey", dir.join("self.journey")).expect("a file linking to itself");
    symlink(base.join("outside.journey"), dir.join("out.journey")).expect("a link out of the workspace");
    std::fs::write(dir.join("imp.journey"), "import \"out.journey\"\nlane d \"D\"\n").expect("write");
    std::fs::write(dir.join("ok.journey"), "import \"self.journey\"\nlane a \"A\"\n").expect("write");
    let started = Instant::now();
    let out = run_in(&dir, &["check", ".", "--format", "short"]);
    assert!(started.elapsed() < Duration::from_secs(60), "the walk does not follow the loops");
    assert_eq!(code(&out), 1);
    let text = stdout(&out);
    assert!(text.contains("imp.journey:1:8: error[J0103]: `out.journey` is outside the workspace"), "{text}");
    assert!(text.contains("cannot read `self.journey`"), "{text}");
    assert_eq!(text.matches("cannot read `self.journey`").count(), 1, "reported once: {text}");
}

#[test]
fn a_file_that_changes_while_it_is_read() {
    let dir = temp_dir("changing");
    let path = dir.join("live.journey");
    let versions = [
        format!("{HEADER}journey j \"J\" {{\n  step a \"A\" at web\n}}\n"),
        format!("{HEADER}journey j \"J\" {{\n  step a \"A\" at web\n  step b \"B\" at phone\n  a -> b\n}}\n")
            .repeat(200),
    ];
    std::fs::write(&path, &versions[0]).expect("write");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (stop, path, versions) = (stop.clone(), path.clone(), versions.clone());
        std::thread::spawn(move || {
            let mut n = 0usize;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                // Truncates, then writes: a reader may see any prefix of either version.
                let _ = std::fs::write(&path, &versions[n % 2]);
                n += 1;
            }
            n
        })
    };
    for _ in 0..40 {
        let out = run_in(&dir, &["check", "live.journey", "--format", "short"]);
        assert!(matches!(code(&out), 0 | 1), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(stdout(&out).contains("checked 1 file"), "{}", stdout(&out));
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(writer.join().expect("the writer") > 40, "the file changed throughout");
}

/// Starts `journey ARGS` in `dir`, kills it with SIGKILL after `after`, and waits for it.
fn killed_after(dir: &Path, args: &[&str], after: Duration) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_journey"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the journey binary starts");
    std::thread::sleep(after);
    let _ = child.kill(); // SIGKILL on Unix; an error means it had already finished
    let _ = child.wait();
}

/// How long an uninterrupted run takes.
fn duration_of(dir: &Path, args: &[&str]) -> Duration {
    let started = Instant::now();
    let out = run_in(dir, args);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    started.elapsed()
}

/// A valid model of some megabytes, far from the canonical layout, so that `fmt` rewrites it.
fn messy_model(journeys: usize) -> String {
    let mut text = HEADER.to_string();
    for j in 0..journeys {
        text.push_str(&format!("journey j{j}   \"J\"{{ step a \"A\"   at web step b \"B\" at web\n   a->b }}\n"));
    }
    text
}

#[test]
fn fmt_killed_mid_run_leaves_the_old_file_or_the_new() {
    let dir = temp_dir("kill-fmt");
    let path = dir.join("model.journey");
    let old = messy_model(60_000);
    std::fs::write(&path, &old).expect("write");
    let whole = duration_of(&dir, &["fmt", "model.journey"]);
    let new = std::fs::read_to_string(&path).expect("read");
    assert_ne!(old, new, "fmt changed the file");
    let runs = 24;
    for k in 0..runs {
        std::fs::write(&path, &old).expect("write");
        // Kill points spread over the whole run, and a little past it.
        killed_after(&dir, &["fmt", "model.journey"], whole.mul_f64(k as f64 / (runs - 4) as f64));
        let now = std::fs::read_to_string(&path).expect("the file is still there");
        assert!(
            now == old || now == new,
            "kill {k}: the file is neither the old nor the new one ({} bytes)",
            now.len()
        );
    }
    // The leftovers of killed runs are hidden temporary files; nothing else appeared.
    for entry in std::fs::read_dir(&dir).expect("list").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(name == "model.journey" || (name.starts_with(".model.journey.") && name.ends_with(".tmp")), "{name}");
    }
}

#[test]
fn build_killed_mid_run_leaves_old_or_new_outputs() {
    let dir = temp_dir("kill-build");
    let model = |label: &str| {
        let mut text = format!("{HEADER}journey big \"{label}\" {{\n");
        for i in 0..1500 {
            text.push_str(&format!("  step s{i} \"Step {i}\" at web\n"));
        }
        text.push_str("}\n");
        text
    };
    let args = ["build", "model.journey", "--emit", "svg,html,json", "-o", "out"];
    std::fs::write(dir.join("model.journey"), model("Old")).expect("write");
    duration_of(&dir, &args);
    let read = |name: &str| std::fs::read(dir.join("out").join(name)).expect("the output is there");
    let names = ["big.blueprint.svg", "big.flow.svg", "report.html", "model.json"];
    let old: Vec<Vec<u8>> = names.iter().map(|n| read(n)).collect();
    std::fs::write(dir.join("model.journey"), model("New")).expect("write");
    let whole = duration_of(&dir, &args);
    let new: Vec<Vec<u8>> = names.iter().map(|n| read(n)).collect();
    for k in 0..16 {
        std::fs::write(dir.join("model.journey"), model("Old")).expect("write");
        duration_of(&dir, &args);
        std::fs::write(dir.join("model.journey"), model("New")).expect("write");
        killed_after(&dir, &args, whole.mul_f64(k as f64 / 12.0));
        for (i, name) in names.iter().enumerate() {
            let now = read(name);
            assert!(now == old[i] || now == new[i], "kill {k}: `{name}` is neither the old nor the new output");
        }
    }
}

#[cfg(unix)]
#[test]
fn build_writes_nothing_outside_its_output_folder() {
    let dir = temp_dir("outside");
    std::fs::write(dir.join("model.journey"), format!("{HEADER}journey j \"J\" {{\n  step a \"A\" at web\n}}\n"))
        .expect("write");
    std::fs::write(dir.join("precious.txt"), "keep me").expect("write");
    std::fs::create_dir_all(dir.join("out")).expect("out");
    // An output name that is a link to a file outside the folder: the link is replaced, the
    // file it pointed at is not written through it.
    std::os::unix::fs::symlink(dir.join("precious.txt"), dir.join("out/j.blueprint.svg")).expect("link");
    let out = run_in(&dir, &["build", "model.journey", "-o", "out"]);
    assert_eq!(code(&out), 0, "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_to_string(dir.join("precious.txt")).expect("read"), "keep me");
    let written = dir.join("out/j.blueprint.svg");
    assert!(!written.symlink_metadata().expect("written").file_type().is_symlink());
    assert!(std::fs::read_to_string(written).expect("read").starts_with("<svg"));
    let mut listing: Vec<String> = std::fs::read_dir(dir.join("out"))
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into())
        .collect();
    listing.sort();
    assert_eq!(listing, ["j.blueprint.svg", "j.flow.svg", "report.html"]);
}

//! What journey reads and writes on disk, through the binary: only regular files are read
//! (never a FIFO, a device or a socket, which would hang or never end), `journey.toml` within
//! the size limit of a model; every file is written through a temporary file created
//! exclusively, so that a planted link is never written through; `fmt` keeps a file's links,
//! hard links, owner, mode and line endings and refuses a read-only file.

#![cfg(unix)]

mod support;

use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::Path;
use std::process::Command;

use support::{code, run, stderr, stdout, temp_dir};

const MODEL: &str = "lane a \"Shop\"\nsystem s \"Shop system\"\ntouchpoint web \"Web\" { channel: web  lane: a  uses: s }\njourney j \"J\" {\n  step one \"One\" at web\n}\n";

/// A model `fmt` changes, and the same model formatted.
const MESSY: &str = "lane   a   \"A\"\n";
const NEAT: &str = "lane a \"A\"\n";

fn mkfifo(path: &Path) {
    let made = Command::new("mkfifo").arg(path).status().expect("mkfifo runs");
    assert!(made.success(), "mkfifo {}", path.display());
}

/// A workspace (a folder with `.git`) holding `model.journey`.
fn workspace(name: &str) -> support::TempDir {
    let dir = temp_dir("disk", name);
    std::fs::create_dir_all(dir.join(".git")).expect("a repository marks the workspace root");
    std::fs::write(dir.join("model.journey"), MODEL).expect("write");
    dir
}

#[test]
fn temporary_files_are_never_created_through_a_planted_link() {
    let dir = workspace("planted");
    std::fs::create_dir_all(dir.join("out")).expect("out");
    std::fs::write(dir.join("victim"), "keep me").expect("write");
    std::fs::write(dir.join("tidy.journey"), MESSY).expect("write");
    // Links where the temporary files of the next processes would be, were their names
    // made from the process id.
    let next: u32 = std::fs::read_to_string("/proc/sys/kernel/ns_last_pid")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(std::process::id());
    for pid in next + 1..next + 2000 {
        for name in ["report.html", "j.blueprint.svg", "j.flow.svg"] {
            let _ = symlink("../victim", dir.join(format!("out/.{name}.{pid}.tmp")));
        }
        let _ = symlink("victim", dir.join(format!(".tidy.journey.{pid}.tmp")));
    }
    let built = run(&dir, &["build", "model.journey", "-o", "out"]);
    assert_eq!(code(&built), 0, "{}", stderr(&built));
    let formatted = run(&dir, &["fmt", "tidy.journey"]);
    assert_eq!(code(&formatted), 0, "{}", stderr(&formatted));
    assert_eq!(std::fs::read_to_string(dir.join("victim")).expect("read"), "keep me");
    for name in ["out/report.html", "out/j.blueprint.svg", "tidy.journey"] {
        let metadata = std::fs::symlink_metadata(dir.join(name)).expect("written");
        assert!(metadata.file_type().is_file(), "{name} is a file of its own");
    }
    assert_eq!(std::fs::read_to_string(dir.join("tidy.journey")).expect("read"), NEAT);
}

#[test]
fn an_output_folder_that_is_a_link_is_refused() {
    let dir = workspace("out-link");
    std::fs::create_dir_all(dir.join("elsewhere")).expect("folder");
    symlink("elsewhere", dir.join("out")).expect("link");
    let built = run(&dir, &["build", "model.journey"]);
    assert_eq!(code(&built), 2);
    assert!(
        stderr(&built).contains("the output folder `out` is a symbolic link (to `elsewhere`)"),
        "{}",
        stderr(&built)
    );
    assert_eq!(std::fs::read_dir(dir.join("elsewhere")).expect("list").count(), 0, "nothing written through it");
}

#[test]
fn fifos_devices_and_sockets_are_refused_never_read() {
    let dir = workspace("special");
    mkfifo(&dir.join("fifo.journey"));
    symlink("/dev/zero", dir.join("zero.journey")).expect("link");
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("socket.journey")).expect("a socket");
    std::fs::write(dir.join("imports.journey"), "import \"fifo.journey\"\nimport \"zero.journey\"\nlane b \"B\"\n")
        .expect("write");
    let named = run(&dir, &["check", "fifo.journey", "--format", "short"]);
    assert_eq!(code(&named), 1);
    assert!(
        stdout(&named).contains(
            "fifo.journey:1:1: error[J0010]: `fifo.journey` is not read: it is a FIFO (named pipe), not a regular file"
        ),
        "{}",
        stdout(&named)
    );
    let imported = run(&dir, &["check", "imports.journey", "--format", "short"]);
    let text = stdout(&imported);
    assert!(text.contains("imports.journey:1:8: error[J0010]: `fifo.journey` is not read: it is a FIFO"), "{text}");
    // The link leads out of the workspace, which is reason enough not to follow it.
    assert!(text.contains("imports.journey:2:8: error[J0103]: `zero.journey` is outside the workspace"), "{text}");
    let zero = run(&dir, &["check", "zero.journey", "--format", "short"]);
    assert!(
        stdout(&zero).contains("zero.journey:1:1: error[J0010]: `zero.journey` is not read: it is a device"),
        "{}",
        stdout(&zero)
    );
    let everything = run(&dir, &["check", ".", "--format", "short"]);
    let text = stdout(&everything);
    assert!(text.contains("socket.journey:1:1: error[J0010]: `socket.journey` is not read: it is a socket"), "{text}");
    assert!(text.contains("fifo.journey:1:1: error[J0010]"), "{text}");
    assert!(
        stderr(&everything)
            .contains("note: left out `zero.journey`: it links to `/dev/zero`, outside the folder searched"),
        "{}",
        stderr(&everything)
    );
    let formatted = run(&dir, &["fmt", "."]);
    assert_eq!(code(&formatted), 2, "{}", stderr(&formatted));
    assert!(stderr(&formatted).contains("cannot read `fifo.journey`: it is a FIFO (named pipe), not a regular file"));
    let built = run(&dir, &["build", "."]);
    assert_eq!(code(&built), 1, "the model has errors: {}", stderr(&built));
}

#[test]
fn a_journey_toml_that_is_not_a_file_or_too_large_is_refused() {
    let dir = workspace("config");
    let config = dir.join("journey.toml");
    mkfifo(&config);
    let fifo = run(&dir, &["check", "."]);
    assert_eq!(code(&fifo), 2);
    assert!(stderr(&fifo).contains("cannot read `journey.toml`: it is a FIFO (named pipe), not a regular file"));
    std::fs::remove_file(&config).expect("remove");
    symlink("/dev/zero", &config).expect("link");
    let zero = run(&dir, &["check", "."]);
    assert_eq!(code(&zero), 2);
    assert!(stderr(&zero).contains("cannot read `journey.toml`: it is a device, not a regular file"));
    std::fs::remove_file(&config).expect("remove");
    // 300 MiB, sparse: nothing of it needs to be read to refuse it.
    std::fs::File::create(&config).and_then(|f| f.set_len(300 << 20)).expect("a large file");
    let large = run(&dir, &["check", "."]);
    assert_eq!(code(&large), 2);
    assert!(
        stderr(&large).contains("cannot read `journey.toml`: it is 300 MiB, and journey reads files up to 64 MiB"),
        "{}",
        stderr(&large)
    );
}

#[test]
fn fmt_formats_what_a_link_points_to_and_keeps_hard_links_owner_and_mode() {
    let dir = workspace("fmt-links");
    std::fs::write(dir.join("target.journey"), MESSY).expect("write");
    symlink("target.journey", dir.join("link.journey")).expect("link");
    std::fs::write(dir.join("one.journey"), MESSY).expect("write");
    std::fs::hard_link(dir.join("one.journey"), dir.join("other.name")).expect("hard link");
    let owned = dir.join("owned.journey");
    std::fs::write(&owned, MESSY).expect("write");
    std::fs::set_permissions(&owned, std::fs::Permissions::from_mode(0o640)).expect("mode");
    // Another owner, where the test may give one (as root); the mode is checked either way.
    let other_owner = std::os::unix::fs::chown(&owned, Some(12345), Some(12345)).is_ok();
    let out = run(&dir, &["fmt", "link.journey", "one.journey", "owned.journey"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.join("link.journey")).expect("link");
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert_eq!(std::fs::read_to_string(dir.join("target.journey")).expect("read"), NEAT, "its target is formatted");
    assert_eq!(std::fs::read_to_string(dir.join("other.name")).expect("read"), NEAT, "the hard link sees it");
    assert_eq!(std::fs::metadata(dir.join("one.journey")).expect("stat").nlink(), 2);
    let metadata = std::fs::metadata(&owned).expect("stat");
    assert_eq!(std::fs::read_to_string(&owned).expect("read"), NEAT);
    assert_eq!(metadata.mode() & 0o7777, 0o640);
    if other_owner {
        assert_eq!((metadata.uid(), metadata.gid()), (12345, 12345), "the owner is kept");
    }
    let leftovers: Vec<String> = std::fs::read_dir(&dir)
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file is left: {leftovers:?}");
}

#[test]
fn fmt_refuses_a_read_only_file_and_goes_on() {
    let dir = workspace("fmt-read-only");
    let (locked, free) = (dir.join("a.journey"), dir.join("b.journey"));
    std::fs::write(&locked, MESSY).expect("write");
    std::fs::write(&free, MESSY).expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).expect("mode");
    let out = run(&dir, &["fmt", "a.journey", "b.journey"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("cannot write `a.journey`: it is read-only; it is left as it was"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&locked).expect("read"), MESSY);
    assert_eq!(std::fs::read_to_string(&free).expect("read"), NEAT, "the next file is still formatted");
}

#[test]
fn fmt_keeps_windows_line_endings() {
    let dir = workspace("crlf");
    let neat = "lane a \"A\"\r\n\r\njourney j \"J\" {\r\n  step one \"One\" at t\r\n}\r\n";
    std::fs::write(dir.join("neat.journey"), neat).expect("write");
    let check = run(&dir, &["fmt", "--check", "neat.journey"]);
    assert_eq!(code(&check), 0, "an already formatted CRLF file passes: {}", stdout(&check));
    std::fs::write(dir.join("messy.journey"), "lane   a \"A\"\r\njourney j \"J\" { step one \"One\" at t }\r\n")
        .expect("write");
    let out = run(&dir, &["fmt", "messy.journey"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.join("messy.journey")).expect("read");
    assert_eq!(written, "lane a \"A\"\r\n\r\njourney j \"J\" {\r\n  step one \"One\" at t\r\n}\r\n");
}

/// Runs `journey ARGS` in `dir` as an unprivileged user (as root, through `setpriv`), for
/// whom a folder or file without permissions cannot be read.
fn run_unprivileged(dir: &Path, args: &[&str]) -> std::process::Output {
    let root = std::fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    let mut command = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", env!("CARGO_BIN_EXE_journey")]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_journey"))
    };
    command.args(args).current_dir(dir);
    support::run_command_within(command, std::time::Duration::from_secs(60))
}

/// Makes a folder and its files writable by anyone (for the unprivileged runs).
fn open_to_all(dir: &Path) {
    for entry in std::fs::read_dir(dir).expect("list").flatten() {
        let mode = if entry.path().is_dir() { 0o777 } else { 0o666 };
        let _ = std::fs::set_permissions(entry.path(), std::fs::Permissions::from_mode(mode));
    }
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o777)).expect("mode");
}

#[test]
fn an_unreadable_folder_or_file_is_reported_and_the_rest_is_done() {
    let dir = workspace("unreadable");
    std::fs::write(dir.join("a.journey"), MESSY).expect("write");
    std::fs::create_dir_all(dir.join("b")).expect("folder");
    std::fs::write(dir.join("b/inside.journey"), MESSY).expect("write");
    std::fs::write(dir.join("c.journey"), MESSY).expect("write");
    std::fs::write(dir.join("d.journey"), MESSY).expect("write");
    open_to_all(&dir);
    std::fs::set_permissions(dir.join("b"), std::fs::Permissions::from_mode(0o000)).expect("mode");
    std::fs::set_permissions(dir.join("c.journey"), std::fs::Permissions::from_mode(0o000)).expect("mode");
    let checked = run_unprivileged(&dir, &["check", ".", "--format", "short"]);
    assert_eq!(code(&checked), 2, "{}", stderr(&checked));
    assert!(stderr(&checked).contains("error: cannot search `b`: "), "{}", stderr(&checked));
    assert!(stdout(&checked).contains("d.journey:1:8: warning[J0504]"), "the rest is checked: {}", stdout(&checked));
    let formatted = run_unprivileged(&dir, &["fmt", "."]);
    assert_eq!(code(&formatted), 2, "{}", stderr(&formatted));
    assert!(stderr(&formatted).contains("cannot read `c.journey`: "), "{}", stderr(&formatted));
    for done in ["a.journey", "d.journey"] {
        assert_eq!(std::fs::read_to_string(dir.join(done)).expect("read"), NEAT, "{done} is formatted");
    }
    std::fs::set_permissions(dir.join("b"), std::fs::Permissions::from_mode(0o755)).expect("mode");
}

#[test]
fn folder_scans_skip_ignored_and_excluded_files_and_links_out_of_the_folder() {
    let base = temp_dir("disk", "scans");
    let dir = base.join("ws");
    std::fs::create_dir_all(dir.join("generated")).expect("folder");
    std::fs::create_dir_all(dir.join("drafts/old")).expect("folder");
    std::fs::write(dir.join(".gitignore"), "generated/\n").expect("write");
    std::fs::write(dir.join("journey.toml"), "exclude = [\"drafts/\", \"*.wip.journey\"]\n").expect("write");
    std::fs::write(dir.join("model.journey"), MODEL).expect("write");
    let broken = "journey broken \"Broken\" {\n  step a \"A\" at nowhere\n}\n";
    for ignored in ["generated/x.journey", "drafts/old/y.journey", "z.wip.journey"] {
        std::fs::write(dir.join(ignored), broken).expect("write");
    }
    std::fs::write(base.join("outside.journey"), broken).expect("write");
    symlink(base.join("outside.journey"), dir.join("shared.journey")).expect("link");
    let out = run(&dir, &["check", ".", "--format", "short"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("checked 1 file: no problems found"), "{}", stdout(&out));
    assert!(stderr(&out).contains("note: left out `shared.journey`: it links to"), "{}", stderr(&out));
    // A file named on the command line is checked all the same.
    let named = run(&dir, &["check", "drafts/old/y.journey", "--format", "short"]);
    assert_eq!(code(&named), 1);
    assert!(stdout(&named).contains("drafts/old/y.journey:2:17: error[J0201]"), "{}", stdout(&named));
    // And so is a folder named on the command line, as ripgrep does.
    let below = run(&dir.join("drafts"), &["check", ".", "--format", "short"]);
    assert_eq!(code(&below), 1, "{}", stderr(&below));
    assert!(stdout(&below).contains("old/y.journey:2:17: error[J0201]"), "{}", stdout(&below));
    let bad = "exclude = [\"[z-a]\"]\n";
    std::fs::write(dir.join("journey.toml"), bad).expect("write");
    let invalid = run(&dir, &["check", "."]);
    assert_eq!(code(&invalid), 2);
    assert!(
        stderr(&invalid).contains("the `exclude` pattern `[z-a]` in journey.toml is not valid"),
        "{}",
        stderr(&invalid)
    );
}

#[test]
fn the_report_shows_paths_from_the_workspace_root_wherever_it_is_built() {
    let dir = workspace("report-paths");
    std::fs::create_dir_all(dir.join("models")).expect("folder");
    std::fs::write(dir.join("models/shop.journey"), format!("{MODEL}lane unused \"Unused\"\n")).expect("write");
    let from_root = run(&dir, &["build", "models/shop.journey", "--emit", "html", "-o", "out-a"]);
    assert_eq!(code(&from_root), 0, "{}", stderr(&from_root));
    let from_models = run(&dir.join("models"), &["build", "shop.journey", "--emit", "html", "-o", "../out-b"]);
    assert_eq!(code(&from_models), 0, "{}", stderr(&from_models));
    let a = std::fs::read_to_string(dir.join("out-a/report.html")).expect("read");
    let b = std::fs::read_to_string(dir.join("out-b/report.html")).expect("read");
    assert!(a.contains("models/shop.journey"), "the warning names its file from the root");
    assert!(a == b, "the same report from either folder");
}

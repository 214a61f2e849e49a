//! The language server with a real client: headless Neovim (`tests/neovim/client.lua`) opens
//! an example with a mistake, receives the server's diagnostics, asks for a definition and a
//! completion. The server is this crate's `journey-lsp` binary (the same server as
//! `journey lsp`). Without Neovim the test is skipped, unless JOURNEY_REQUIRE_ORACLES=1 makes
//! that a failure; `tests/oracles/install` installs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `JOURNEY_NVIM`, or `nvim` on the path, if it runs.
fn neovim() -> Option<PathBuf> {
    let candidate = std::env::var_os("JOURNEY_NVIM").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("nvim"));
    let version = Command::new(&candidate).arg("--version").output().ok()?;
    version.status.success().then_some(candidate)
}

#[test]
fn neovim_gets_diagnostics_a_definition_and_a_completion() {
    let Some(nvim) = neovim() else {
        assert!(
            std::env::var("JOURNEY_REQUIRE_ORACLES").as_deref() != Ok("1"),
            "Neovim is missing: run tests/oracles/install"
        );
        eprintln!("skipped: Neovim is not installed (tests/oracles/install)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("journey-lsp-neovim-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).expect("workspace");
    let example = std::fs::read_to_string(repo().join("examples/web-shop.journey")).expect("the example");
    let broken = example.replacen("at website {\n      entry: 70%", "at webiste {\n      entry: 70%", 1);
    assert_ne!(broken, example, "the mistake is made");
    let file = dir.join("web-shop.journey");
    std::fs::write(&file, &broken).expect("write");
    let out = dir.join("answers.json");

    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/neovim/client.lua");
    let mut child = Command::new(&nvim)
        .args(["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("JOURNEY_LSP", env!("CARGO_BIN_EXE_journey-lsp"))
        .env("JOURNEY_FILE", &file)
        .env("JOURNEY_OUT", &out)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start Neovim");
    let deadline = Instant::now() + Duration::from_secs(60);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("Neovim did not finish in a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stderr = child.wait_with_output().map(|o| String::from_utf8_lossy(&o.stderr).into_owned()).unwrap_or_default();
    assert!(status.success(), "Neovim failed: {stderr}");
    let answers: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("Neovim wrote its answers")).expect("JSON");
    assert_eq!(answers["errors"], serde_json::json!([]), "{answers}");
    assert_eq!(answers["filetype"], "journey");
    // Neovim 0.11 offers UTF-8 positions and gets them; 0.7 speaks UTF-16.
    eprintln!("Neovim {} with {} positions", answers["nvim"], answers["encoding"]);
    assert!(answers["encoding"] == "utf-8" || answers["encoding"] == "utf-16", "{answers}");

    let line_of = |needle: &str| broken.lines().position(|l| l.contains(needle)).expect("in the example") as u64;
    let diagnostics = answers["diagnostics"].as_array().expect("diagnostics");
    assert_eq!(diagnostics.len(), 1, "{answers}");
    let mistake = &diagnostics[0];
    assert_eq!(mistake["code"], "J0201");
    assert_eq!(mistake["line"], line_of("at webiste"));
    assert_eq!(
        mistake["col"],
        broken.lines().nth(line_of("at webiste") as usize).and_then(|l| l.find("webiste")).expect("col") as u64
    );
    assert!(mistake["message"].as_str().is_some_and(|m| m.contains("did you mean `website`?")), "{mistake}");

    let definition = &answers["definition"][0];
    assert!(definition["uri"].as_str().is_some_and(|u| u.ends_with("/web-shop.journey")), "{definition}");
    assert_eq!(definition["range"]["start"]["line"], line_of("touchpoint callcentre"));

    let completion: Vec<&str> =
        answers["completion"].as_array().expect("completion").iter().filter_map(Value::as_str).collect();
    assert_eq!(completion, ["website", "callcentre", "courier", "parcel_shop"], "only touchpoints after `at`");
    let _ = std::fs::remove_dir_all(&dir);
}

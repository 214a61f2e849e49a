//! Opening a built file in the system's browser (`build --open`). The opener is the program
//! named by `JOURNEY_OPENER` when it is set (the tests set it to a recorder, so no browser
//! opens), else `open` on macOS, `cmd /C start` on Windows and `xdg-open` elsewhere.

use std::path::Path;
use std::process::{Command, Stdio};

/// The command that opens `path`: the program and its arguments.
pub fn command(path: &Path) -> (String, Vec<String>) {
    let target = path.display().to_string();
    if let Some(opener) = std::env::var_os("JOURNEY_OPENER").filter(|o| !o.is_empty()) {
        return (opener.to_string_lossy().into_owned(), vec![target]);
    }
    if cfg!(target_os = "macos") {
        ("open".into(), vec![target])
    } else if cfg!(windows) {
        // `start` treats its first quoted argument as a window title: give it an empty one.
        ("cmd".into(), vec!["/C".into(), "start".into(), String::new(), target])
    } else {
        ("xdg-open".into(), vec![target])
    }
}

/// Opens `path` and waits for the opener (which hands the file to the browser and returns).
pub fn open(path: &Path) -> Result<(), String> {
    let (program, args) = command(path);
    let status = Command::new(&program)
        .args(&args)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run `{program}`: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("`{program}` failed ({status})")) }
}

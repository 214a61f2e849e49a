//! What the binary's tests share: running `journey` with a time limit, and scratch folders.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A folder of its own for one test, removed when the test ends, unless it failed: then it is
/// kept, for a look at what the test left.
pub struct TempDir(pub PathBuf);

impl std::ops::Deref for TempDir {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.0
    }
}

impl AsRef<Path> for TempDir {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// An empty folder `journey-TEST-PID-NAME` in the system's temporary folder, made unless
/// `make` is false (for a test that wants the command to make it).
pub fn scratch(test: &str, name: &str, make: bool) -> TempDir {
    let dir = std::env::temp_dir().join(format!("journey-{test}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    if make {
        std::fs::create_dir_all(&dir).expect("temp dir");
    }
    TempDir(dir)
}

pub fn temp_dir(test: &str, name: &str) -> TempDir {
    scratch(test, name, true)
}

/// Runs `command` (with its arguments set), killing it if it is not done within `limit`: a
/// hang fails the test instead of stalling the suite.
pub fn run_command_within(mut command: Command, limit: Duration) -> Output {
    let described = format!("{command:?}");
    let mut child = command
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the journey binary starts");
    // The outputs are read on threads, so that a full pipe cannot stall the child.
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let stdout = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = std::io::Read::read_to_end(&mut out, &mut bytes);
        bytes
    });
    let stderr = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = std::io::Read::read_to_end(&mut err, &mut bytes);
        bytes
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{described} took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: stdout.join().expect("stdout"), stderr: stderr.join().expect("stderr") }
}

/// Runs `journey ARGS` in `dir` within `limit`.
pub fn run_within(dir: &Path, args: &[&str], limit: Duration) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_journey"));
    command.args(args).current_dir(dir);
    run_command_within(command, limit)
}

/// Runs `journey ARGS` in `dir` within 60 seconds.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    run_within(dir, args, Duration::from_secs(60))
}

/// The exit code; a signal (a crash) fails the test.
pub fn code(output: &Output) -> i32 {
    output.status.code().unwrap_or_else(|| panic!("killed by a signal: {}", stderr(output)))
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

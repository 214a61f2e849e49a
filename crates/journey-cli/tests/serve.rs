//! `journey serve` as a user runs it: a real server on a free port, probed over plain TCP
//! (what it refuses to serve), followed in a real browser while the model changes on disk
//! (tests/oracles/check-serve.mjs), and stopped with Ctrl-C.

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const MODEL: &str = r#"// A small web shop, changed by the test while `journey serve` follows it.
lane sales "Sales"
system shop "Shop platform"
touchpoint web "Web shop" { channel: web  lane: sales  uses: shop }

journey order "Order a product" {
  step browse "Browse the catalog" at web { emotion: +1  duration: 15min }
  step buy "Place the order" at web { emotion: +2  duration: 5min }
}
"#;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn temp_dir(name: &str) -> support::TempDir {
    support::temp_dir("serve", name)
}

/// A running `journey serve`, stopped (and reaped) when dropped.
struct Served {
    child: Child,
    address: String,
}

impl Served {
    fn start(dir: &Path, args: &[&str]) -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_journey"))
            .arg("serve")
            .args(["--port", "0"])
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("journey serve starts");
        let mut first = String::new();
        let stdout = child.stdout.as_mut().expect("stdout");
        BufReader::new(stdout).read_line(&mut first).expect("a first line");
        let address = first
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("no address in {first:?}"))
            .to_string();
        Served { child, address }
    }

    /// Sends raw bytes and returns the status line and the body of the answer.
    fn raw(&self, request: &str) -> (String, String) {
        let mut stream = TcpStream::connect(&self.address).expect("connects");
        stream.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
        stream.write_all(request.as_bytes()).expect("sends");
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
        let answer = String::from_utf8_lossy(&answer).into_owned();
        let status = answer.lines().next().unwrap_or("").to_string();
        let body = answer.split_once("\r\n\r\n").map_or("", |(_, b)| b).to_string();
        (status, body)
    }

    fn get(&self, target: &str, host: &str) -> (String, String) {
        self.raw(&format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"))
    }

    /// Ctrl-C, then waits (at most 10 s) for the exit; returns the exit code and what it printed.
    fn interrupt(mut self) -> (Option<i32>, String) {
        let pid = self.child.id().to_string();
        let sent = Command::new("kill").args(["-INT", &pid]).status().expect("kill runs");
        assert!(sent.success());
        let started = Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                break status;
            }
            assert!(started.elapsed() < Duration::from_secs(10), "journey serve did not stop on Ctrl-C");
            std::thread::sleep(Duration::from_millis(20));
        };
        let mut rest = String::new();
        let _ = self.child.stdout.take().expect("stdout").read_to_string(&mut rest);
        (status.code(), rest)
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn serves_only_its_own_pages_and_stops_on_ctrl_c() {
    let dir = temp_dir("probe");
    std::fs::write(dir.join("shop.journey"), MODEL).expect("write");
    std::fs::write(dir.join("secret.txt"), "not for the web").expect("write");
    let served = Served::start(&dir, &[]);
    let host = served.address.clone();

    let (status, body) = served.get("/", &host);
    assert!(status.ends_with("200 OK"), "{status}");
    assert!(body.contains("<main id=\"preview\""), "{body}");
    let (status, body) = served.get("/state", &format!("localhost:{}", host.rsplit(':').next().unwrap_or("")));
    assert!(status.ends_with("200 OK"), "{status}");
    assert!(body.contains("\"drawn\":true") && body.contains("Browse the catalog"), "{}", &body[..body.len().min(300)]);

    // Nothing on disk is reachable, however the path is written.
    for target in [
        "/secret.txt",
        "/shop.journey",
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "//etc/passwd",
        "/state/../secret.txt",
        "/../../../../etc/passwd",
    ] {
        let (status, body) = served.get(target, &host);
        assert!(status.contains(" 404 ") || status.contains(" 400 "), "{target}: {status}");
        assert!(!body.contains("not for the web") && !body.contains("root:"), "{target}: {body}");
    }
    // Another site's name pointed at this machine (DNS rebinding) gets nothing.
    let (status, body) = served.get("/state", "attacker.example");
    assert!(status.contains(" 421 "), "{status}");
    assert!(!body.contains("Browse"), "{body}");
    // Only reads.
    let (status, _) = served
        .raw(&format!("POST /state HTTP/1.1\r\nHost: {host}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{{}}"));
    assert!(status.contains(" 405 "), "{status}");
    // Headers past hyper's limit are refused, not buffered.
    let (status, _) = served
        .raw(&format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: {}\r\nConnection: close\r\n\r\n", "a".repeat(1 << 20)));
    assert!(status.contains(" 431 ") || status.is_empty(), "{status}");

    // A page following the changes does not keep the server from stopping.
    let mut events = TcpStream::connect(&served.address).expect("connects");
    write!(events, "GET /events HTTP/1.1\r\nHost: {host}\r\n\r\n").expect("sends");
    let mut head = [0u8; 256];
    let read = events.read(&mut head).expect("reads");
    assert!(String::from_utf8_lossy(&head[..read]).contains("text/event-stream"));

    let (code, printed) = served.interrupt();
    assert_eq!(code, Some(0), "{printed}");
    assert!(printed.contains("journey serve: stopped"), "{printed}");
}

#[test]
fn refuses_what_it_cannot_serve() {
    let dir = temp_dir("refuse");
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_journey")).arg("serve").args(args).current_dir(&dir).output().expect("runs")
    };
    let missing = run(&["no-such-folder", "--port", "0"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot find `no-such-folder`"));
    let empty = run(&["--port", "0"]);
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("no .journey files"));
    std::fs::write(dir.join("shop.journey"), MODEL).expect("write");
    let host = run(&["--host", "nowhere", "--port", "0"]);
    assert_eq!(host.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&host.stderr).contains("not an IP address"));
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("address").port().to_string();
    let busy = run(&["--port", &port]);
    assert_eq!(busy.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&busy.stderr).contains("is in use"), "{}", String::from_utf8_lossy(&busy.stderr));
}

/// The page in a real browser while the file changes (tests/oracles/check-serve.mjs,
/// playwright-core driving Debian's Chromium). Skipped when missing, unless
/// JOURNEY_REQUIRE_ORACLES=1.
#[test]
fn the_page_follows_changes_in_a_browser() {
    let script = repo().join("tests/oracles/check-serve.mjs");
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
    let dir = temp_dir("browser");
    let model = dir.join("models/shop.journey");
    std::fs::create_dir_all(model.parent().expect("folder")).expect("mkdir");
    std::fs::write(&model, MODEL).expect("write");
    let served = Served::start(&dir, &["models"]);
    let shots = repo().join("target/serve-screenshot");
    let check = Command::new("node")
        .arg(&script)
        .arg(format!("http://{}/", served.address))
        .arg(&model)
        .arg(&shots)
        .output()
        .expect("node runs");
    let printed = format!("{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
    assert!(check.status.success(), "{printed}");
    eprint!("{printed}");
    let (code, _) = served.interrupt();
    assert_eq!(code, Some(0));
}

//! A test client that speaks JSON-RPC to the server in-process over a pipe, framing and all:
//! the same bytes an editor would send. It answers the server's own requests (such as
//! `client/registerCapability`) with `null`, keeps the notifications it receives, and waits
//! for everything with a timeout so that a broken server fails a test instead of hanging it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use journey_lsp::ServerOptions;
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, WriteHalf};
use tokio::sync::{Mutex, mpsc};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    writer: Arc<Mutex<WriteHalf<DuplexStream>>>,
    incoming: mpsc::UnboundedReceiver<Value>,
    /// Messages received while waiting for something else.
    pub notifications: Vec<Value>,
    next_id: i64,
    pub root: PathBuf,
    /// What the server said it can do.
    pub capabilities: Value,
    server: tokio::task::JoinHandle<()>,
}

/// A fresh folder for one test's workspace, with the given files.
pub fn workspace(files: &[(&str, &str)]) -> PathBuf {
    static COUNT: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "journey-lsp-test-{}-{}",
        std::process::id(),
        COUNT.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).expect("create the workspace");
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, text).expect("write");
    }
    dir
}

pub fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

async fn write_frame(writer: &Mutex<WriteHalf<DuplexStream>>, bytes: &[u8]) {
    let mut writer = writer.lock().await;
    writer.write_all(bytes).await.expect("write to the server");
    writer.flush().await.expect("flush");
}

fn frame(message: &Value) -> Vec<u8> {
    let body = message.to_string();
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body.as_bytes());
    out
}

impl Client {
    pub async fn start(root: PathBuf, options: ServerOptions) -> Client {
        let (client_io, server_io) = tokio::io::duplex(1 << 22);
        let (server_read, server_write) = tokio::io::split(server_io);
        let server = tokio::spawn(journey_lsp::serve(server_read, server_write, options));
        let (read, write) = tokio::io::split(client_io);
        let writer = Arc::new(Mutex::new(write));
        let (tx, incoming) = mpsc::unbounded_channel();
        let answer = writer.clone();
        tokio::spawn(async move {
            let mut reader = BufReader::new(read);
            loop {
                let mut length = None;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(value) = line.strip_prefix("Content-Length: ") {
                        length = value.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; length.expect("a Content-Length header")];
                if reader.read_exact(&mut body).await.is_err() {
                    return;
                }
                let message: Value = serde_json::from_slice(&body).expect("the server sends JSON");
                if message.get("method").is_some() && message.get("id").is_some() {
                    let reply = json!({ "jsonrpc": "2.0", "id": message["id"], "result": null });
                    write_frame(&answer, &frame(&reply)).await;
                }
                if tx.send(message).is_err() {
                    return;
                }
            }
        });
        Client { writer, incoming, notifications: Vec::new(), next_id: 0, root, capabilities: Value::Null, server }
    }

    /// Starts a server on `root` and initializes it (UTF-16 positions unless `utf8`).
    pub async fn initialized(root: PathBuf, utf8: bool) -> Client {
        let options = ServerOptions { debounce: Duration::from_millis(10) };
        let mut client = Client::start(root.clone(), options).await;
        let encodings = if utf8 { json!(["utf-8", "utf-16"]) } else { json!(["utf-16"]) };
        let response = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": uri(&root),
                    "workspaceFolders": [{ "uri": uri(&root), "name": "ws" }],
                    "capabilities": {
                        "general": { "positionEncodings": encodings },
                        "textDocument": { "completion": { "completionItem": { "snippetSupport": true } } },
                        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } }
                    }
                }),
            )
            .await;
        assert!(response.get("result").is_some(), "initialize failed: {response}");
        client.capabilities = response["result"]["capabilities"].clone();
        client.notify("initialized", json!({})).await;
        client
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        write_frame(&self.writer, bytes).await;
    }

    pub async fn send(&mut self, message: &Value) {
        write_frame(&self.writer, &frame(message)).await;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params })).await;
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })).await;
        self.response(json!(id)).await
    }

    /// The `result` of a request, which must not fail.
    pub async fn call(&mut self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(response.get("error").is_none(), "{method} failed: {response}");
        response["result"].clone()
    }

    pub async fn response(&mut self, id: Value) -> Value {
        self.wait(|m| m.get("id") == Some(&id) && m.get("method").is_none()).await
    }

    /// The next message that `matches`; the others are kept in `notifications`.
    pub async fn wait(&mut self, matches: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.notifications.iter().position(&matches) {
            return self.notifications.remove(index);
        }
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            let message = tokio::time::timeout_at(deadline, self.incoming.recv())
                .await
                .expect("the server answers in time")
                .expect("the server is still running");
            if matches(&message) {
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// The next `publishDiagnostics` for `uri` that satisfies `until`.
    pub async fn diagnostics(&mut self, uri: &str, until: impl Fn(&Value) -> bool) -> Value {
        self.wait(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri && until(&m["params"])
        })
        .await["params"]
            .clone()
    }

    pub async fn open(&mut self, path: &Path, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(path), "languageId": "journey", "version": 1, "text": text } }),
        )
        .await;
    }

    pub async fn change_all(&mut self, path: &Path, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri(path), "version": version }, "contentChanges": [{ "text": text }] }),
        )
        .await;
    }

    pub async fn shutdown(mut self) {
        let response = self.request("shutdown", Value::Null).await;
        assert!(response.get("error").is_none(), "{response}");
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(TIMEOUT, &mut self.server).await.expect("the server exits").expect("cleanly");
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// `{"line": l, "character": c}` of the first `needle` in `text`, plus `shift` characters, in
/// UTF-16 units.
pub fn position_of(text: &str, needle: &str, shift: usize) -> Value {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle} not in the text"));
    let before = &text[..at];
    let line = before.matches('\n').count();
    let column: usize = before.rsplit('\n').next().unwrap_or("").encode_utf16().count() + shift;
    json!({ "line": line, "character": column })
}

/// A JSON answer for a snapshot: one line per element of a list, and the workspace folder
/// replaced with `/ws` so that snapshots are stable.
pub fn stable(value: &Value, root: &Path) -> String {
    let text = match value {
        Value::Array(items) => items.iter().map(Value::to_string).collect::<Vec<_>>().join("\n"),
        other => other.to_string(),
    };
    text.replace(&uri(root), "file:///ws").replace(&root.display().to_string(), "/ws")
}

/// Semantic tokens decoded with the server's legend: one token a line, `line:column text type
/// modifiers`.
pub fn decode_tokens(data: &Value, legend: &Value, text: &str) -> String {
    let numbers: Vec<u64> = data.as_array().expect("data").iter().map(|n| n.as_u64().expect("number")).collect();
    let lines: Vec<&str> = text.lines().collect();
    let (mut line, mut column) = (0u64, 0u64);
    let mut out = String::new();
    for token in numbers.chunks(5) {
        let [delta_line, delta_start, length, kind, modifiers] = token else { panic!("tokens come in fives") };
        line += delta_line;
        column = if *delta_line == 0 { column + delta_start } else { *delta_start };
        let source: String = lines[line as usize]
            .encode_utf16()
            .skip(column as usize)
            .take(*length as usize)
            .map(|u| char::from_u32(u32::from(u)).unwrap_or('?'))
            .collect();
        let kind = legend["tokenTypes"][*kind as usize].as_str().expect("type");
        let mods: Vec<&str> = (0..2)
            .filter(|b| modifiers & (1 << b) != 0)
            .map(|b| legend["tokenModifiers"][b].as_str().expect("modifier"))
            .collect();
        out.push_str(&format!("{}:{} {source:?} {kind} {}\n", line, column, mods.join(",")));
    }
    out
}

//! A guard in front of the protocol layer. tower-lsp-server ends its input stream at the first
//! message it cannot decode (a body that is not JSON, JSON that is not a JSON-RPC message, a
//! header without `Content-Length`), which would end the server. So the client's bytes are
//! framed here first: each well-formed message goes on to the server, and anything else is
//! answered here with the JSON-RPC error it deserves (`-32700` parse error, `-32600` invalid
//! request), and reading goes on at the next message. The server's own output passes through
//! frame by frame, so that those answers never land inside one of its messages.

use serde_json::{Value, json};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Messages larger than this are refused (and skipped) rather than read into memory.
const MAX_MESSAGE: usize = 256 * 1024 * 1024;
/// A header line longer than this is not a header.
const MAX_HEADER_LINE: usize = 8 * 1024;

/// A complete frame: headers and body.
fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn error(id: Value, code: i64, message: &str) -> Vec<u8> {
    let response = json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } });
    frame(response.to_string().as_bytes())
}

/// What a body is.
enum Checked {
    /// A message to pass on: the body, or the body with its lone surrogates replaced.
    Message(Option<Vec<u8>>),
    Error(Vec<u8>),
}

fn is_message(body: &[u8]) -> bool {
    serde_json::from_slice::<Response>(body).is_ok() || serde_json::from_slice::<Request>(body).is_ok()
}

/// The body with every `\uXXXX` escape of a lone UTF-16 surrogate replaced by `\ufffd` (what
/// JavaScript's JSON.stringify writes for a string cut inside a surrogate pair, and no JSON
/// parser accepts); `None` when it has none.
fn without_lone_surrogates(body: &[u8]) -> Option<Vec<u8>> {
    let hex = |at: usize| -> Option<u32> {
        let digits = body.get(at..at + 4)?;
        u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
    };
    // The escape `\uXXXX` at `at`, if there is one.
    let escape = |at: usize| -> Option<u32> { (body.get(at..at + 2)? == br"\u").then(|| hex(at + 2)).flatten() };
    let mut out = Vec::with_capacity(body.len());
    let (mut i, mut changed) = (0, false);
    while i < body.len() {
        if body[i] != b'\\' {
            out.push(body[i]);
            i += 1;
            continue;
        }
        match escape(i) {
            Some(0xD800..=0xDBFF) if matches!(escape(i + 6), Some(0xDC00..=0xDFFF)) => {
                out.extend_from_slice(&body[i..i + 12]);
                i += 12;
            }
            Some(0xD800..=0xDFFF) => {
                out.extend_from_slice(br"\ufffd");
                changed = true;
                i += 6;
            }
            _ => {
                // Any other escape, `\\` included, is kept whole.
                out.extend_from_slice(body.get(i..i + 2).unwrap_or(&body[i..]));
                i += 2;
            }
        }
    }
    changed.then_some(out)
}

fn check(body: &[u8]) -> Checked {
    if is_message(body) {
        return Checked::Message(None);
    }
    // Text with a lone surrogate is read lossily rather than dropped: dropping an edit would put
    // the next incremental edit on the wrong text.
    if let Some(repaired) = without_lone_surrogates(body).filter(|b| is_message(b)) {
        return Checked::Message(Some(repaired));
    }
    match serde_json::from_slice::<Value>(body) {
        Err(_) => Checked::Error(error(Value::Null, -32700, "parse error: the message is not JSON")),
        Ok(value) => {
            let id = value.get("id").filter(|id| id.is_string() || id.is_number()).cloned().unwrap_or(Value::Null);
            Checked::Error(error(id, -32600, "invalid request: not a JSON-RPC 2.0 request, notification or response"))
        }
    }
}

/// Reads one header line (without its line break), at most [`MAX_HEADER_LINE`] bytes of it;
/// `None` at the end of the input.
async fn header_line<R: AsyncBufRead + Unpin>(input: &mut R) -> Option<Vec<u8>> {
    let mut line = Vec::new();
    loop {
        let available = input.fill_buf().await.ok()?;
        if available.is_empty() {
            return (!line.is_empty()).then_some(line);
        }
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(end) => (end + 1, true),
            None => (available.len(), false),
        };
        if line.len() < MAX_HEADER_LINE {
            line.extend_from_slice(available.get(..chunk.min(MAX_HEADER_LINE - line.len())).unwrap_or(&[]));
        }
        input.consume(chunk);
        if done {
            while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                line.pop();
            }
            return Some(line);
        }
    }
}

/// Frames the client's bytes: good messages go to `server`, answers to bad ones to `errors`
/// (the client's output).
/// Returns at the end of the input (dropping `server`, which ends the server).
pub async fn read_input<I, S>(input: I, mut server: S, errors: mpsc::UnboundedSender<Vec<u8>>)
where
    I: AsyncRead + Unpin,
    S: AsyncWrite + Unpin,
{
    let mut input = BufReader::new(input);
    loop {
        let mut length: Option<Option<usize>> = None;
        let mut headers = 0;
        loop {
            let Some(line) = header_line(&mut input).await else { return };
            if line.is_empty() {
                if headers > 0 {
                    break;
                }
                continue;
            }
            headers += 1;
            let line = String::from_utf8_lossy(&line);
            if let Some((name, value)) = line.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    length = Some(value.trim().parse().ok());
                }
            }
        }
        let length = match length {
            Some(Some(length)) => length,
            _ => {
                let _ =
                    errors.send(error(Value::Null, -32700, "parse error: a message without a valid Content-Length"));
                continue;
            }
        };
        if length > MAX_MESSAGE {
            let _ = errors.send(error(Value::Null, -32700, "parse error: the message is too large"));
            let skipped = tokio::io::copy(&mut (&mut input).take(length as u64), &mut tokio::io::sink()).await;
            if skipped.map_or(true, |n| n < length as u64) {
                return;
            }
            continue;
        }
        let mut body = vec![0; length];
        if input.read_exact(&mut body).await.is_err() {
            return;
        }
        match check(&body) {
            Checked::Message(repaired) => {
                let body = repaired.unwrap_or(body);
                if server.write_all(&frame(&body)).await.is_err() || server.flush().await.is_err() {
                    return;
                }
            }
            Checked::Error(answer) => {
                let _ = errors.send(answer);
            }
        }
    }
}

/// Passes the server's output on, frame by frame, until it ends.
pub async fn pump<S: AsyncRead + Unpin>(server: S, frames: mpsc::UnboundedSender<Vec<u8>>) {
    let mut server = BufReader::new(server);
    while let Some(frame) = server_frame(&mut server).await {
        if frames.send(frame).is_err() {
            return;
        }
    }
}

/// Writes whole frames to the client until every sender is gone.
pub async fn write_frames<O: AsyncWrite>(mut frames: mpsc::UnboundedReceiver<Vec<u8>>, output: O) {
    let mut output = std::pin::pin!(output);
    while let Some(frame) = frames.recv().await {
        if output.write_all(&frame).await.is_err() || output.flush().await.is_err() {
            return;
        }
    }
}

/// One whole frame of the server's output (which is always well formed).
async fn server_frame<S: AsyncBufRead + Unpin>(server: &mut S) -> Option<Vec<u8>> {
    let mut length = 0;
    loop {
        let line = header_line(server).await?;
        if line.is_empty() {
            break;
        }
        let line = String::from_utf8_lossy(&line);
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse().ok()?;
        }
    }
    let mut body = vec![0; length];
    server.read_exact(&mut body).await.ok()?;
    Some(frame(&body))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_bodies() {
        assert!(matches!(check(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#), Checked::Message(None)));
        assert!(matches!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#), Checked::Message(None)));
        let Checked::Error(parse) = check(b"{oops") else { panic!("not JSON") };
        assert!(String::from_utf8_lossy(&parse).contains("-32700"));
        let Checked::Error(invalid) = check(br#"{"id":7,"foo":1}"#) else { panic!("not a message") };
        let invalid = String::from_utf8_lossy(&invalid);
        assert!(invalid.contains("-32600") && invalid.contains(r#""id":7"#), "{invalid}");
    }

    /// An edit whose text holds a lone surrogate (as JSON.stringify writes it) is passed on with
    /// U+FFFD in its place; a pair, and an escaped backslash before `u`, are left alone.
    #[test]
    fn lone_surrogates_are_read_lossily() {
        let edit = br#"{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"text":"a\ud800b \udc00 \ud83d\ude00 \\ud800"}}"#;
        assert!(serde_json::from_slice::<Value>(edit).is_err(), "serde_json refuses it");
        let Checked::Message(Some(body)) = check(edit) else { panic!("the edit is dropped") };
        let value: Value = serde_json::from_slice(&body).expect("JSON now");
        assert_eq!(value["params"]["text"], "a\u{fffd}b \u{fffd} \u{1f600} \\ud800");
        assert!(without_lone_surrogates(br#"{"a":"\ud83d\ude00"}"#).is_none());
    }
}

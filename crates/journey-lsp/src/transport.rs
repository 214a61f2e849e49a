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
    Message,
    Error(Vec<u8>),
}

fn check(body: &[u8]) -> Checked {
    if serde_json::from_slice::<Response>(body).is_ok() || serde_json::from_slice::<Request>(body).is_ok() {
        return Checked::Message;
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
            Checked::Message => {
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
        assert!(matches!(check(br#"{"jsonrpc":"2.0","id":1,"method":"x"}"#), Checked::Message));
        assert!(matches!(check(br#"{"jsonrpc":"2.0","id":1,"result":null}"#), Checked::Message));
        let Checked::Error(parse) = check(b"{oops") else { panic!("not JSON") };
        assert!(String::from_utf8_lossy(&parse).contains("-32700"));
        let Checked::Error(invalid) = check(br#"{"id":7,"foo":1}"#) else { panic!("not a message") };
        let invalid = String::from_utf8_lossy(&invalid);
        assert!(invalid.contains("-32600") && invalid.contains(r#""id":7"#), "{invalid}");
    }
}

//! `journey lsp` never dies on bad input: each test sends something hostile and then checks
//! that the server still answers a good request.

mod support;

use serde_json::{Value, json};
use support::{Client, uri, workspace};

const MODEL: &str =
    "lane l \"L\"\ntouchpoint t \"T\" { lane: l }\njourney j \"J\" {\n  step a \"A\" at t\n  step b \"B\" at t\n}\n";

/// A good request still gets a good answer.
async fn still_serving(client: &mut Client) {
    let result = client.call("workspace/symbol", json!({ "query": "" })).await;
    assert!(result.is_array(), "{result}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_messages_are_answered_with_errors() {
    let root = workspace(&[("m.journey", MODEL)]);
    let mut client = Client::initialized(root, false).await;
    for (bytes, code) in [
        (&b"Content-Length: 5\r\n\r\n{oops"[..], -32700),
        (&b"Content-Length: 2\r\n\r\n[]"[..], -32600),
        (&b"Content-Length: 10\r\n\r\n{\"foo\": 1}"[..], -32600),
    ] {
        client.send_raw(bytes).await;
        let error = client.wait(|m| m["id"].is_null() && m.get("error").is_some()).await;
        assert_eq!(error["error"]["code"], code, "{error}");
        still_serving(&mut client).await;
    }
    // A header that is not one, a body that is not UTF-8, JSON with no header at all: each is
    // answered or skipped, and the stream recovers.
    client.send_raw(b"Nonsense\r\n\r\n").await;
    still_serving(&mut client).await;
    client.send_raw(b"Content-Length: 4\r\n\r\n\xff\xfe\x00\x01").await;
    let error = client.wait(|m| m["id"].is_null() && m.get("error").is_some()).await;
    assert_eq!(error["error"]["code"], -32700);
    client.send_raw(b"{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"shutdown\"}\r\n").await;
    still_serving(&mut client).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_too_large_is_refused_unread() {
    let root = workspace(&[]);
    let mut client = Client::initialized(root.clone(), false).await;
    client.send_raw(b"Content-Length: 999999999999\r\n\r\n").await;
    let error = client.wait(|m| m["id"].is_null() && m.get("error").is_some()).await;
    assert_eq!(error["error"]["code"], -32700);
    // What follows is that message's body, by its own header: the stream is spent.
    let _ = std::fs::remove_dir_all(root);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_methods_and_bad_params() {
    let root = workspace(&[("m.journey", MODEL)]);
    let mut client = Client::initialized(root, false).await;
    let unknown = client.request("journey/doesNotExist", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601);
    client.notify("journey/unknownNotification", json!({ "x": 1 })).await;
    let bad = client.request("textDocument/hover", json!(42)).await;
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    let missing = client.request("textDocument/definition", Value::Null).await;
    assert!(missing.get("error").is_some(), "{missing}");
    still_serving(&mut client).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_out_of_range() {
    let root = workspace(&[]);
    let mut client = Client::initialized(root.clone(), false).await;
    let path = root.join("m.journey");
    client.open(&path, MODEL).await;
    let u = uri(&path);
    let far = json!({ "line": 1_000_000, "character": 1_000_000 });
    let long = json!({ "line": 0, "character": 4_000_000_000u32 });
    for position in [far.clone(), long] {
        let at = json!({ "textDocument": { "uri": u }, "position": position });
        for method in [
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/completion",
            "textDocument/documentHighlight",
            "textDocument/prepareRename",
        ] {
            let response = client.request(method, at.clone()).await;
            assert!(response.get("result").is_some(), "{method}: {response}");
        }
        let rename = client
            .request(
                "textDocument/rename",
                json!({ "textDocument": { "uri": u }, "position": position, "newName": "x" }),
            )
            .await;
        assert!(rename.get("result").is_some() || rename.get("error").is_some());
    }
    // A backwards range, and a range far past the end.
    let backwards = json!({ "start": { "line": 5, "character": 0 }, "end": { "line": 0, "character": 0 } });
    for range in [backwards, json!({ "start": far, "end": far })] {
        let hints =
            client.request("textDocument/inlayHint", json!({ "textDocument": { "uri": u }, "range": range })).await;
        assert!(hints.get("result").is_some(), "{hints}");
        let actions = client
            .request(
                "textDocument/codeAction",
                json!({ "textDocument": { "uri": u }, "range": range, "context": { "diagnostics": [] } }),
            )
            .await;
        assert!(actions.get("result").is_some(), "{actions}");
    }
    // A change whose range lies past the end appends at the end.
    client
        .notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": u, "version": 2 }, "contentChanges": [{ "range": { "start": far, "end": far }, "text": "// end\n" }] }),
        )
        .await;
    still_serving(&mut client).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_for_closed_or_unknown_documents() {
    let root = workspace(&[]);
    let mut client = Client::initialized(root.clone(), false).await;
    let path = root.join("gone.journey");
    client.open(&path, MODEL).await;
    client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri(&path) } })).await;
    let at = json!({ "textDocument": { "uri": uri(&path) }, "position": { "line": 3, "character": 8 } });
    for method in ["textDocument/hover", "textDocument/definition", "textDocument/completion"] {
        assert_eq!(client.call(method, at.clone()).await, Value::Null, "{method}");
    }
    let doc = json!({ "textDocument": { "uri": "file:///nowhere/x.journey" } });
    for method in ["textDocument/documentSymbol", "textDocument/semanticTokens/full", "textDocument/foldingRange"] {
        assert_eq!(client.call(method, doc.clone()).await, Value::Null, "{method}");
    }
    let odd = json!({ "textDocument": { "uri": "untitled:Untitled-1" }, "position": { "line": 0, "character": 0 } });
    assert_eq!(client.call("textDocument/hover", odd).await, Value::Null);
    // Changes to a closed document, and an old version, are ignored.
    client.change_all(&path, 9, "lane x \"X\"").await;
    still_serving(&mut client).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_rapid_changes() {
    let root = workspace(&[]);
    let mut client = Client::initialized(root.clone(), false).await;
    let path = root.join("fast.journey");
    client.open(&path, MODEL).await;
    let u = uri(&path);
    // Type and delete a comment at the end, one character at a time, as fast as the pipe goes.
    let end_line = MODEL.lines().count();
    let mut expected = MODEL.to_string();
    for version in 2..10_002 {
        let i = (version - 2) % 20;
        let change = if i < 10 {
            expected.push('x');
            json!({ "range": { "start": { "line": end_line, "character": i }, "end": { "line": end_line, "character": i } }, "text": "x" })
        } else {
            expected.pop();
            let at = 19 - i;
            json!({ "range": { "start": { "line": end_line, "character": at }, "end": { "line": end_line, "character": at + 1 } }, "text": "" })
        };
        client
            .notify(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": u, "version": version }, "contentChanges": [change] }),
            )
            .await;
    }
    // An old version arriving late is dropped.
    client.change_all(&path, 5, "this would break everything").await;
    let last = client.diagnostics(&u, |p| p["version"] == 10_001).await;
    assert!(last["diagnostics"].as_array().is_some_and(|d| d.iter().all(|d| d["code"] != "J0001")), "{last}");
    // Diagnostics never go back to an older version.
    let versions: Vec<i64> = client
        .notifications
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == u)
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] <= w[1]), "out of order: {versions:?}");
    assert!(versions.len() < 1_000, "debounced: {} publications for 10,000 changes", versions.len());
    // The server's text is the one the changes make: it formats as a fresh copy does.
    assert_eq!(expected, MODEL);
    let copy = root.join("copy.journey");
    client.open(&copy, MODEL).await;
    let options = json!({ "tabSize": 2, "insertSpaces": true });
    let typed =
        client.call("textDocument/formatting", json!({ "textDocument": { "uri": u }, "options": options })).await;
    let fresh = client
        .call("textDocument/formatting", json!({ "textDocument": { "uri": uri(&copy) }, "options": options }))
        .await;
    assert_eq!(typed, fresh);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn before_initialize_and_after_shutdown() {
    let root = workspace(&[]);
    let mut client = Client::start(root.clone(), journey_lsp::ServerOptions::default()).await;
    let early = client
        .request(
            "textDocument/hover",
            json!({ "textDocument": { "uri": "file:///x" }, "position": { "line": 0, "character": 0 } }),
        )
        .await;
    assert_eq!(early["error"]["code"], -32002, "{early}");
    let mut client = Client::initialized(root, false).await;
    let shutdown = client.request("shutdown", Value::Null).await;
    assert!(shutdown.get("error").is_none());
    let late = client.request("workspace/symbol", json!({ "query": "" })).await;
    assert_eq!(late["error"]["code"], -32600, "{late}");
}

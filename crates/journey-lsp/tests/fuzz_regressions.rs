//! The inputs kept from fuzzing (`tests/fuzz-regressions/`) through the whole language server:
//! each input's main file opened, edited at hostile places (past its end, inside it, the
//! whole text) and every feature asked at the start, middle and end of lines and far outside
//! them. The server must answer every request, never with an internal error (a panic it
//! caught), and really serve the document. The fuzz target `lsp` (`crates/journey-fuzz`) runs
//! the same edits below the protocol, far faster; this is the trip through JSON-RPC.

mod support;

use serde_json::{Value, json};
use support::{Client, uri, workspace};

fn inputs() -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fuzz-regressions");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter(|e| e.path().is_file() && e.path().extension().is_none_or(|x| x != "md"))
        .map(|e| {
            let data = std::fs::read(e.path()).expect("readable");
            let main = journey_fuzz::split_files(&data).into_iter().next().map(|(_, bytes)| bytes).unwrap_or_default();
            (e.file_name().to_string_lossy().into_owned(), String::from_utf8_lossy(&main).into_owned())
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no inputs in {}", dir.display());
    out
}

/// Asks `method` and checks the answer: no error but the ones a bad position may earn.
async fn ask(client: &mut Client, name: &str, method: &str, params: Value) -> Value {
    let response = client.request(method, params).await;
    let code = response["error"]["code"].as_i64();
    assert!(code != Some(-32603), "{name}: {method} hit an internal error: {response}");
    // `prepareRename` and `rename` refuse a place that is not a name, with a request error.
    assert!(code.is_none() || method.contains("ename"), "{name}: {method} failed: {response}");
    response["result"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kept_input_through_the_server() {
    for (name, text) in inputs() {
        let root = workspace(&[]);
        let path = root.join("main.journey");
        let u = uri(&path);
        let mut client = Client::initialized(root, false).await;
        client.open(&path, &text).await;
        let lines = text.lines().count() as u32;
        let far = json!({ "line": 1_000_000, "character": 4_000_000_000u32 });
        let edits = [
            json!({ "range": { "start": { "line": lines / 2, "character": 3 }, "end": far }, "text": "}\n{ é😀\r" }),
            json!({ "range": { "start": { "line": 0, "character": 1 }, "end": { "line": 0, "character": 0 } }, "text": "" }),
            json!({ "text": text }),
        ];
        let mut answers = 0;
        for (version, change) in edits.into_iter().enumerate() {
            let document = json!({ "uri": u, "version": version + 2 });
            client
                .notify("textDocument/didChange", json!({ "textDocument": document, "contentChanges": [change] }))
                .await;
            let at = json!({ "uri": u });
            for method in [
                "textDocument/semanticTokens/full",
                "textDocument/documentSymbol",
                "textDocument/foldingRange",
                "textDocument/formatting",
            ] {
                let params = json!({ "textDocument": at, "options": { "tabSize": 2, "insertSpaces": true } });
                answers += usize::from(!ask(&mut client, &name, method, params).await.is_null());
            }
            let whole = json!({ "start": { "line": 0, "character": 0 }, "end": far });
            ask(&mut client, &name, "textDocument/inlayHint", json!({ "textDocument": at, "range": whole })).await;
            let actions = json!({ "textDocument": at, "range": whole, "context": { "diagnostics": [] } });
            ask(&mut client, &name, "textDocument/codeAction", actions).await;
            ask(&mut client, &name, "workspace/symbol", json!({ "query": "" })).await;
            let mut positions = vec![far.clone()];
            for line in (0..=lines.min(40)).step_by(3) {
                for character in [0, 5, 12, 200] {
                    positions.push(json!({ "line": line, "character": character }));
                }
            }
            for position in positions {
                let here = json!({ "textDocument": at, "position": position });
                for method in [
                    "textDocument/hover",
                    "textDocument/definition",
                    "textDocument/documentHighlight",
                    "textDocument/completion",
                    "textDocument/prepareRename",
                ] {
                    ask(&mut client, &name, method, here.clone()).await;
                }
                let mut references = here.clone();
                references["context"] = json!({ "includeDeclaration": true });
                ask(&mut client, &name, "textDocument/references", references).await;
                let mut rename = here;
                rename["newName"] = json!("renamed");
                ask(&mut client, &name, "textDocument/rename", rename).await;
            }
        }
        // The document was really served: its symbols, tokens or folds came back.
        assert!(answers > 0 || text.trim().is_empty(), "{name}: the server answered nothing but nulls");
        client.shutdown().await;
    }
}

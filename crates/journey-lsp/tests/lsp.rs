//! Every feature through the wire: the server in-process, driven with JSON-RPC messages as an
//! editor sends them, the answers snapshotted as JSON (insta).

mod support;

use insta::assert_snapshot;
use serde_json::{Value, json};
use support::{Client, position_of, stable, uri, workspace};

const CATALOG: &str = "lane sales \"Sales\"\nlane service \"Service\"\nsystem crm \"CRM\"\n/// Where customers call.\ntouchpoint phone \"Call centre\" { channel: phone  lane: service  uses: crm }\ntouchpoint web \"Web shop\" { channel: web  lane: sales  uses: crm }\n";

const ORDER: &str = "import \"catalog.journey\"\n\njourney order \"Order\" {\n  step browse \"Browse\" at web\n  step ask \"Ask\" at phnoe\n  step buy \"Buy\" at web\n  browse -> ask 30%\n  browse -> buy\n  ask -> buy\n}\n";

fn at(uri: &str, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": position })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_cover_the_workspace_and_clear_when_fixed() {
    let root = workspace(&[
        ("catalog.journey", CATALOG),
        ("order.journey", ORDER),
        ("unopened.journey", "lane lonely \"Lonely\"\n"),
        (
            "dup.journey",
            "import \"catalog.journey\"\nlane sales \"Again\" { owner: \"x\" }\ntouchpoint t \"T\" { lane: sales  uses: crm }\n",
        ),
        ("journey.toml", "[rules]\nunused-declaration = \"deny\"\n"),
    ]);
    let mut client = Client::initialized(root.clone(), false).await;
    let order = root.join("order.journey");
    // Unopened files are checked from disk, with the levels of journey.toml.
    let lonely = client
        .diagnostics(&uri(&root.join("unopened.journey")), |p| {
            p["diagnostics"].as_array().is_some_and(|d| !d.is_empty())
        })
        .await;
    assert_eq!(lonely["diagnostics"][0]["code"], "J0504");
    assert_eq!(lonely["diagnostics"][0]["severity"], 1, "deny makes it an error");
    // A duplicate points at the first declaration, in another file, as related information.
    let dup = client
        .diagnostics(&uri(&root.join("dup.journey")), |p| p["diagnostics"].as_array().is_some_and(|d| !d.is_empty()))
        .await;
    assert_snapshot!("duplicate_diagnostics", stable(&dup["diagnostics"], &root));
    client.open(&order, ORDER).await;
    let published = client.diagnostics(&uri(&order), |p| p["version"] == 1).await;
    assert_snapshot!("order_diagnostics", stable(&published, &root));

    let fixed = ORDER.replace("phnoe", "phone");
    client.change_all(&order, 2, &fixed).await;
    let cleared = client.diagnostics(&uri(&order), |p| p["version"] == 2).await;
    assert_eq!(cleared["diagnostics"], json!([]));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_configuration_is_reported_in_journey_toml() {
    let root = workspace(&[("a.journey", "lane a \"A\"\n"), ("journey.toml", "[rules]\nno-such-rule = \"deny\"\n")]);
    let mut client = Client::initialized(root.clone(), false).await;
    let config = client
        .diagnostics(&uri(&root.join("journey.toml")), |p| p["diagnostics"].as_array().is_some_and(|d| !d.is_empty()))
        .await;
    assert_eq!(config["diagnostics"][0]["code"], "J0801");
    assert_eq!(config["diagnostics"][0]["range"]["start"]["line"], 1);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn navigation_and_hover() {
    let root = workspace(&[("catalog.journey", CATALOG), ("order.journey", ORDER)]);
    let mut client = Client::initialized(root.clone(), false).await;
    let order = root.join("order.journey");
    client.open(&order, ORDER).await;
    let u = uri(&order);
    let web = position_of(ORDER, "at web", 4);
    let mut out = String::new();
    for (method, params) in [
        ("textDocument/hover", at(&u, web.clone())),
        ("textDocument/definition", at(&u, web.clone())),
        ("textDocument/documentHighlight", at(&u, web.clone())),
        (
            "textDocument/references",
            json!({ "textDocument": { "uri": u }, "position": web, "context": { "includeDeclaration": true } }),
        ),
        ("textDocument/prepareRename", at(&u, position_of(ORDER, "browse ->", 1))),
        (
            "textDocument/rename",
            json!({ "textDocument": { "uri": u }, "position": position_of(ORDER, "at web", 3), "newName": "shop" }),
        ),
    ] {
        let result = client.call(method, params).await;
        out.push_str(&format!("=== {method}\n{}\n", stable(&result, &root)));
    }
    assert_snapshot!(out);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_as_snippets_and_text_edits() {
    let root = workspace(&[("catalog.journey", CATALOG)]);
    let mut client = Client::initialized(root.clone(), false).await;
    let path = root.join("new.journey");
    let text = "import \"catalog.journey\"\njourney j \"J\" {\n  step a \"A\" at w\n}\n";
    client.open(&path, text).await;
    let items = client.call("textDocument/completion", at(&uri(&path), position_of(text, "at w", 4))).await;
    assert_snapshot!(stable(&items, &root));
    let top = client.call("textDocument/completion", at(&uri(&path), json!({ "line": 4, "character": 0 }))).await;
    let journey = top.as_array().expect("items").iter().find(|i| i["label"] == "journey").expect("a journey snippet");
    assert_eq!(journey["insertTextFormat"], 2, "the client takes snippets");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outline_tokens_folding_hints_actions_and_formatting() {
    let root = workspace(&[("catalog.journey", CATALOG), ("order.journey", ORDER)]);
    let mut client = Client::initialized(root.clone(), false).await;
    let order = root.join("order.journey");
    client.open(&order, ORDER).await;
    let u = uri(&order);
    let doc = json!({ "textDocument": { "uri": u } });
    let whole = json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } });
    let ask = position_of(ORDER, "phnoe", 2);
    let mut out = String::new();
    for (method, params) in [
        ("textDocument/documentSymbol", doc.clone()),
        ("workspace/symbol", json!({ "query": "bro" })),
        ("textDocument/foldingRange", doc.clone()),
        ("textDocument/inlayHint", json!({ "textDocument": { "uri": u }, "range": whole })),
        (
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": u }, "range": { "start": ask, "end": ask }, "context": { "diagnostics": [] } }),
        ),
        (
            "textDocument/formatting",
            json!({ "textDocument": { "uri": u }, "options": { "tabSize": 2, "insertSpaces": true } }),
        ),
    ] {
        let result = client.call(method, params).await;
        out.push_str(&format!("=== {method}\n{}\n", stable(&result, &root)));
    }
    assert_snapshot!(out);
    let tokens = client.call("textDocument/semanticTokens/full", doc).await;
    let legend = &client.capabilities["semanticTokensProvider"]["legend"];
    assert_snapshot!("semantic_tokens", support::decode_tokens(&tokens["data"], legend, ORDER));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn positions_in_utf8_when_the_client_offers_it() {
    let root = workspace(&[]);
    let text = "lane café \"Café ☕\"\ntouchpoint t \"T\" { lane: café }\n";
    for utf8 in [false, true] {
        let mut client = Client::initialized(root.clone(), utf8).await;
        let path = root.join("u.journey");
        client.open(&path, text).await;
        // The reference `café` after `lane: ` on line 1: 25 bytes or 25 UTF-16 units in, the
        // same here; the declaration on line 0 ends at byte 10 but UTF-16 unit 9.
        let hover = client.call("textDocument/hover", at(&uri(&path), json!({ "line": 1, "character": 26 }))).await;
        let declaration =
            client.call("textDocument/definition", at(&uri(&path), json!({ "line": 1, "character": 26 }))).await;
        let end = if utf8 { 10 } else { 9 };
        assert_eq!(declaration[0]["range"]["end"], json!({ "line": 0, "character": end }), "utf8: {utf8}");
        assert_eq!(hover["range"]["start"], json!({ "line": 1, "character": 25 }));
        client.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_changes_apply_in_order() {
    let root = workspace(&[]);
    let mut client = Client::initialized(root.clone(), false).await;
    let path = root.join("inc.journey");
    client.open(&path, "lane a \"A\"\n").await;
    // Type ` { owner: "x" }` one character at a time, then check the server's text by formatting.
    let typed = " { owner: \"x\" }";
    for (i, c) in typed.chars().enumerate() {
        let column = 10 + i;
        client
            .notify(
                "textDocument/didChange",
                json!({
                    "textDocument": { "uri": uri(&path), "version": 2 + i },
                    "contentChanges": [{ "range": { "start": { "line": 0, "character": column }, "end": { "line": 0, "character": column } }, "text": c.to_string() }]
                }),
            )
            .await;
    }
    let symbols = client.call("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri(&path) } })).await;
    assert_eq!(symbols[0]["range"]["end"], json!({ "line": 0, "character": 25 }));
    let last = client.diagnostics(&uri(&path), |p| p["version"] == json!(1 + typed.chars().count())).await;
    let codes: Vec<&Value> = last["diagnostics"].as_array().expect("a list").iter().map(|d| &d["code"]).collect();
    assert_eq!(codes, [&json!("J0504")], "the final text parses; only the lane is unused: {last}");
    client.shutdown().await;
}

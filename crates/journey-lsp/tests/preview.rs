//! `journey/preview`, the request an editor's preview is drawn from: it follows the document
//! as typed (unsaved changes included), says when the model cannot be drawn, and draws only
//! the journeys of the document asked about.

mod support;

use serde_json::{Value, json};
use support::{Client, uri, workspace};

const CATALOG: &str = "lane sales \"Sales\"\nlane service \"Service\"\nsystem crm \"CRM\"\ntouchpoint phone \"Call centre\" { channel: phone  lane: service  uses: crm }\ntouchpoint web \"Web shop\" { channel: web  lane: sales  uses: crm }\n";

const ORDER: &str = "import \"catalog.journey\"\n\njourney order \"Order\" {\n  step browse \"Browse\" at web\n  step ask \"Ask\" at phnoe\n  step buy \"Buy\" at web\n}\n";

async fn preview(client: &mut Client, path: &std::path::Path) -> Value {
    client.call("journey/preview", json!({ "textDocument": { "uri": uri(path) } })).await
}

fn journeys(p: &Value) -> Vec<&str> {
    p["journeys"].as_array().map(|js| js.iter().filter_map(|j| j["id"].as_str()).collect()).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_preview_follows_the_text_as_typed() {
    let root = workspace(&[("catalog.journey", CATALOG), ("order.journey", ORDER)]);
    let mut client = Client::initialized(root.clone(), false).await;
    let order = root.join("order.journey");

    // A mistake: nothing to draw, and the diagnostic says why.
    client.open(&order, ORDER).await;
    let broken = preview(&mut client, &order).await;
    assert_eq!((&broken["drawn"], &broken["version"]), (&json!(false), &json!(1)), "{broken}");
    assert!(journeys(&broken).is_empty());
    let d = &broken["diagnostics"][0];
    assert_eq!(
        (&d["code"], &d["line"], &d["start"]),
        (&json!("J0201"), &json!(5), &json!({"line": 4, "character": 20}))
    );
    assert!(d["message"].as_str().is_some_and(|m| m.contains("phnoe")), "{d}");

    // Fixed in the editor, not saved: drawn from the editor's text.
    client.change_all(&order, 2, &ORDER.replace("phnoe", "phone")).await;
    let fixed = preview(&mut client, &order).await;
    assert_eq!((&fixed["drawn"], &fixed["version"], &fixed["errors"]), (&json!(true), &json!(2), &json!(0)));
    assert_eq!(journeys(&fixed), ["order"]);
    let blueprint = fixed["journeys"][0]["blueprint"].as_str().unwrap_or_default();
    assert!(blueprint.starts_with("<svg") && blueprint.contains(">Ask<"), "{}", &blueprint[..200.min(blueprint.len())]);
    assert!(fixed["journeys"][0]["flow"].as_str().is_some_and(|s| s.starts_with("<svg")));
    let rows = fixed["journeys"][0]["figures"]["rows"].as_array().cloned().unwrap_or_default();
    assert!(rows.iter().any(|r| r[0] == "expected contacts" && r[1] == "1"), "{rows:?}");

    // Typing goes on: the next preview has the new label.
    client.change_all(&order, 3, &ORDER.replace("phnoe", "phone").replace("\"Ask\"", "\"Ask about sizes\"")).await;
    let typed = preview(&mut client, &order).await;
    assert_eq!(typed["version"], 3);
    assert!(typed["journeys"][0]["blueprint"].as_str().is_some_and(|s| s.contains("Ask about sizes")));

    // A file that declares no journey draws none; one the server does not know has no preview.
    let catalog = preview(&mut client, &root.join("catalog.journey")).await;
    assert_eq!((&catalog["drawn"], &catalog["version"]), (&json!(true), &Value::Null), "{catalog}");
    assert!(journeys(&catalog).is_empty());
    assert_eq!(preview(&mut client, &root.join("elsewhere.journey")).await, Value::Null);
    let bad = client.request("journey/preview", json!({ "textDocument": 3 })).await;
    assert!(bad.get("error").is_some(), "{bad}");
    client.shutdown().await;
}

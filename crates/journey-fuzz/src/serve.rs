//! Target `serve`: what `journey serve` answers to any request (its `respond`, with no socket).
//! The input is the method, the target and the `Host` header, separated by NUL bytes (no
//! third part: no `Host`). A host that is not the server's own is refused (421), a method
//! other than GET or HEAD is refused with `Allow` (405), and every page served is one of the
//! site's fixed pages or the state, at exactly its own path: no request reaches anything else.

use std::sync::Arc;

use journey_serve::http::{Answer, Body, Request, Site, respond};

const STATE: &str = "{\"state\":\"fuzz\"}";
const PAGES: [&str; 6] = ["/", "/index.html", "/preview.js", "/page.js", "/preview.css", "/page.css"];

pub fn serve(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.splitn(3, '\0');
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("");
    let host = parts.next();
    let site = Site { address: "127.0.0.1:7333".parse().expect("an address") };
    let state: Arc<str> = Arc::from(STATE);
    let answer = respond(&site, &Request { method, target, host }, &state);
    let path = target.split(['?', '#']).next().unwrap_or("");
    let own_host = matches!(
        host.map(str::to_ascii_lowercase).as_deref(),
        Some("localhost:7333" | "127.0.0.1:7333" | "[::1]:7333")
    );
    let response = match answer {
        Answer::Events => {
            assert!(own_host && path == "/events" && matches!(method, "GET" | "HEAD"), "events for {text:?}");
            return;
        }
        Answer::Respond(response) => response,
    };
    match response.status {
        421 => assert!(!own_host, "its own host refused: {text:?}"),
        405 => assert!(own_host && !matches!(method, "GET" | "HEAD") && response.allow == Some("GET, HEAD")),
        200 => {
            assert!(own_host && matches!(method, "GET" | "HEAD"), "served {text:?}");
            match &response.body {
                Body::Shared(body) => assert!(path == "/state" && &**body == STATE, "the state at {path:?}"),
                Body::Static(_) => assert!(PAGES.contains(&path), "a page at {path:?}"),
            }
        }
        204 => assert_eq!(path, "/favicon.ico"),
        404 => assert!(own_host && !PAGES.contains(&path) && path != "/state" && path != "/favicon.ico"),
        other => panic!("status {other} for {text:?}"),
    }
}

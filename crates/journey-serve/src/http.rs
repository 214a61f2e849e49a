//! What `journey serve` answers, as plain functions of a request: no socket, no runtime, so
//! that tests and a fuzz target can call [`respond`] directly. The server in `mod.rs` only
//! turns HTTP into a [`Request`] and an [`Answer`] back into HTTP.
//!
//! The site is a fixed set of pages held in memory; no path maps to a file, so nothing on disk
//! can be reached through it. A request whose `Host` is not this server's loopback address is
//! refused, so a web page elsewhere cannot read the model through a name it points at
//! 127.0.0.1 (DNS rebinding).

use std::net::SocketAddr;
use std::sync::Arc;

/// The page: the layout, with the preview's style and script served beside it.
const PAGE: &str = include_str!("page.html");
/// The page's own script: listens for changes and renders them.
const PAGE_SCRIPT: &str = include_str!("page.js");
/// The page's frame (the preview styles itself).
const PAGE_STYLE: &str = include_str!("page.css");

/// Every response carries these: the page may load only its own script, style and the
/// diagrams it makes (blob: images), talk only to this server, and be framed by no one.
pub const SECURITY_HEADERS: [(&str, &str); 5] = [
    (
        "content-security-policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    ),
    ("x-content-type-options", "nosniff"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
    ("cross-origin-resource-policy", "same-origin"),
];

/// What the server needs to know of a request.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    pub method: &'a str,
    /// The request target: a path and maybe a query (`/state?x`).
    pub target: &'a str,
    /// The `Host` header, if there was one.
    pub host: Option<&'a str>,
}

/// A response with a body held in memory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Body,
    /// `Allow`, for a method the site does not answer.
    pub allow: Option<&'static str>,
}

/// A body: a page compiled in, or the current state shared with every reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Body {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Body {
    pub fn as_str(&self) -> &str {
        match self {
            Body::Static(text) => text,
            Body::Shared(text) => text,
        }
    }
}

/// What to answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Respond(Response),
    /// Open a stream of server-sent events, each the whole state as it changes.
    Events,
}

/// Who the server is: where it listens, and so which `Host` names are its own.
#[derive(Clone, Copy, Debug)]
pub struct Site {
    pub address: SocketAddr,
}

impl Site {
    /// Whether a `Host` header names this server. On a loopback address only `localhost`,
    /// `127.0.0.1` and `[::1]` with the right port do; a server the user bound to another
    /// address answers whatever name its network gives it.
    pub fn accepts_host(&self, host: Option<&str>) -> bool {
        if !self.address.ip().is_loopback() {
            return true;
        }
        let Some(host) = host else { return false };
        let port = self.address.port().to_string();
        let (name, given_port) = match host.rsplit_once(':') {
            Some((name, p)) if !name.ends_with(':') && (!name.starts_with('[') || name.ends_with(']')) => (name, p),
            _ => return false,
        };
        given_port == port && matches!(name.to_ascii_lowercase().as_str(), "localhost" | "127.0.0.1" | "[::1]")
    }
}

fn page(content_type: &'static str, body: &'static str) -> Answer {
    Answer::Respond(Response { status: 200, content_type, body: Body::Static(body), allow: None })
}

fn error(status: u16, message: &'static str) -> Answer {
    Answer::Respond(Response {
        status,
        content_type: "text/plain; charset=utf-8",
        body: Body::Static(message),
        allow: None,
    })
}

/// The answer to a request, given the current state (the preview as JSON).
pub fn respond(site: &Site, request: &Request, state: &Arc<str>) -> Answer {
    if !site.accepts_host(request.host) {
        return error(421, "this server answers only to its own address (localhost)\n");
    }
    if request.method != "GET" && request.method != "HEAD" {
        let mut answer = error(405, "only GET and HEAD\n");
        if let Answer::Respond(r) = &mut answer {
            r.allow = Some("GET, HEAD");
        }
        return answer;
    }
    let path = request.target.split(['?', '#']).next().unwrap_or("");
    match path {
        "/" | "/index.html" => page("text/html; charset=utf-8", PAGE),
        "/preview.js" => page("text/javascript; charset=utf-8", journey_preview::SCRIPT),
        "/page.js" => page("text/javascript; charset=utf-8", PAGE_SCRIPT),
        "/preview.css" => page("text/css; charset=utf-8", journey_preview::STYLE),
        "/page.css" => page("text/css; charset=utf-8", PAGE_STYLE),
        "/state" => Answer::Respond(Response {
            status: 200,
            content_type: "application/json",
            body: Body::Shared(state.clone()),
            allow: None,
        }),
        "/events" => Answer::Events,
        // Browsers ask for it unprompted; there is none, and that is no error.
        "/favicon.ico" => Answer::Respond(Response {
            status: 204,
            content_type: "text/plain; charset=utf-8",
            body: Body::Static(""),
            allow: None,
        }),
        _ => error(404, "not found\n"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site { address: "127.0.0.1:7300".parse().expect("address") }
    }

    fn get(target: &str, host: Option<&str>) -> Answer {
        respond(&site(), &Request { method: "GET", target, host }, &Arc::from("{\"drawn\":true}"))
    }

    fn status(answer: &Answer) -> u16 {
        match answer {
            Answer::Respond(r) => r.status,
            Answer::Events => 0,
        }
    }

    #[test]
    fn serves_its_pages_and_the_state() {
        let host = Some("127.0.0.1:7300");
        for (target, kind) in [
            ("/", "text/html"),
            ("/index.html?x=1", "text/html"),
            ("/page.js", "text/javascript"),
            ("/preview.js", "text/javascript"),
            ("/preview.css", "text/css"),
            ("/page.css", "text/css"),
            ("/state", "application/json"),
        ] {
            let Answer::Respond(r) = get(target, host) else { panic!("{target}: not a page") };
            assert_eq!(r.status, 200, "{target}");
            assert!(r.content_type.starts_with(kind), "{target}: {}", r.content_type);
            assert!(!r.body.as_str().is_empty(), "{target}");
        }
        let Answer::Respond(state) = get("/state", host) else { panic!("state") };
        assert_eq!(state.body.as_str(), "{\"drawn\":true}");
        assert_eq!(get("/events", Some("localhost:7300")), Answer::Events);
    }

    #[test]
    fn no_path_reaches_a_file() {
        let host = Some("localhost:7300");
        for target in [
            "/../Cargo.toml",
            "/..%2f..%2fetc%2fpasswd",
            "//etc/passwd",
            "/examples/web-shop.journey",
            "/state/../../x",
            "/preview.js/..",
            "/%2e%2e/",
            "",
            "*",
            "http://127.0.0.1:7300/../x",
        ] {
            assert_eq!(status(&get(target, host)), 404, "{target}");
        }
    }

    #[test]
    fn answers_only_its_own_host_names() {
        for host in ["127.0.0.1:7300", "localhost:7300", "LOCALHOST:7300", "[::1]:7300"] {
            assert_eq!(status(&get("/", Some(host))), 200, "{host}");
        }
        for host in [
            None,
            Some("evil.example:7300"),
            Some("127.0.0.1"),
            Some("127.0.0.1:80"),
            Some("localhost.evil.example:7300"),
            Some("::1:7300"),
            Some("[::1:7300"),
            Some(""),
        ] {
            assert_eq!(status(&get("/state", host)), 421, "{host:?}");
        }
        let open = Site { address: "0.0.0.0:7300".parse().expect("address") };
        assert!(open.accepts_host(Some("my-laptop.lan:7300")), "bound on purpose to the network");
    }

    #[test]
    fn answers_only_reads() {
        let answer = respond(
            &site(),
            &Request { method: "POST", target: "/state", host: Some("localhost:7300") },
            &Arc::from(""),
        );
        let Answer::Respond(r) = answer else { panic!("not a response") };
        assert_eq!((r.status, r.allow), (405, Some("GET, HEAD")));
    }
}

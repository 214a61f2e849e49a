//! `journey serve`: a local web page with the workspace's blueprints, flow diagrams, figures
//! and diagnostics, brought up to date within moments of a file being saved. The folders are
//! watched (notify); a burst of changes is checked once, off the async threads, and the new
//! state goes to every open page as a server-sent event. While the model has errors the page
//! keeps the last good drawings with the diagnostics over them (`journey_preview::Live`).
//!
//! It listens on 127.0.0.1 unless told otherwise, answers only the fixed pages of
//! [`http::respond`] (no path reaches a file), keeps one state in memory whatever the number of
//! readers, caps the open event streams, and stops cleanly on Ctrl-C.
//!
//! Which files make the workspace is the caller's business: [`run`] is given a function that
//! checks it as it is on disk now (the CLI's, which finds the files and `journey.toml`).

pub mod http;
mod watch;

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use journey_model::Checked;
use journey_preview::{Journeys, Live, Preview, preview};
use tokio::sync::{Semaphore, watch as channel};

use http::{Answer, Request, Site};

/// Where to listen and what to watch.
#[derive(Clone, Debug)]
pub struct Options {
    /// The files and folders given (relative to the current folder): folders are watched with
    /// everything below them, a file's folder alone.
    pub paths: Vec<String>,
    pub host: IpAddr,
    /// 0 picks a free port.
    pub port: u16,
    /// Open the page in the default browser.
    pub open: bool,
}

/// Checks the workspace as it is on disk now; `Err` says why it cannot be read at all.
pub type Check = dyn Fn() -> Result<Checked, String> + Send + Sync;

/// At most this many pages follow the changes at once; more are told to try later.
const MAX_STREAMS: usize = 64;
/// How quiet the files must stay before a change is checked: an editor's save is several
/// events (truncate, write, rename), and a check between two of them would see half a file.
const SETTLE: Duration = Duration::from_millis(30);
const SETTLE_AT_MOST: Duration = Duration::from_millis(200);
/// How long open connections get to finish once the server is asked to stop.
const GRACE: Duration = Duration::from_secs(2);

/// What the request handlers share.
struct Server {
    site: Site,
    state: channel::Receiver<Arc<str>>,
    shutdown: channel::Receiver<bool>,
    streams: Arc<Semaphore>,
}

/// Serves until Ctrl-C. `Err` is a usage or IO failure said before anything listens (the
/// workspace cannot be read, the port is taken).
pub fn run(options: Options, check: Arc<Check>) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server's runtime: {e}"))?;
    let result = runtime.block_on(serve(options, check));
    // The watcher's thread and any check under way are not waited for.
    runtime.shutdown_timeout(Duration::from_millis(100));
    result
}

/// The preview of the workspace as it is on disk now, and the files it read.
fn checked_preview(check: &Check) -> (Preview, Option<(Vec<PathBuf>, PathBuf)>) {
    match check() {
        Ok(checked) => {
            let files = (checked.workspace.paths.clone(), checked.workspace.root_dir.clone());
            (preview(&checked, Journeys::All), Some(files))
        }
        Err(message) => (Preview::failed(message), None),
    }
}

/// Prints a line on standard output; a closed pipe is not a failure.
fn say(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}").and_then(|()| out.flush());
}

async fn serve(options: Options, check: Arc<Check>) -> Result<(), String> {
    let paths = if options.paths.is_empty() { vec![".".to_string()] } else { options.paths.clone() };
    // A workspace that cannot be read at all is a usage error, said before anything listens.
    let checked = check()?;
    let started = Instant::now();
    let mut live = Live::default();
    let first = live.show(preview(&checked, Journeys::All));
    report(&first, started);
    let (state_tx, state) = channel::channel::<Arc<str>>(Arc::from(first.to_json()));
    let (shutdown_tx, shutdown) = channel::channel(false);

    let cwd = std::env::current_dir().map_err(|e| format!("cannot read the current folder: {e}"))?;
    let mut watches = watch::Watches::new(&cwd, &paths)?;
    watches.follow(&checked.workspace.paths, &checked.workspace.root_dir);
    drop(checked);

    let ip = options.host;
    let listener = tokio::net::TcpListener::bind((ip, options.port)).await.map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => {
            format!("port {} is in use; choose another with --port (0 picks a free one)", options.port)
        }
        _ => format!("cannot listen on {ip}:{}: {e}", options.port),
    })?;
    let address = listener.local_addr().map_err(|e| format!("cannot read the server's address: {e}"))?;
    let url = format!("http://{}/", display(address));
    say(&format!("journey serve: {url} (Ctrl-C stops)"));
    if !ip.is_loopback() {
        eprintln!("journey serve: listening on {ip}: anyone who can reach this address can read the model");
    }
    if options.open {
        if let Err(message) = open_browser(&url) {
            eprintln!("journey serve: cannot open a browser ({message}); open {url} yourself");
        }
    }

    // Changes: the watcher wakes the checker, which sends each new state to every page.
    let dirty = watches.dirty();
    let mut stop_checking = shutdown.clone();
    let checker = tokio::spawn(async move {
        loop {
            tokio::select! {
                () = dirty.notified() => {}
                _ = stop_checking.wait_for(|stop| *stop) => return,
            }
            // Each further event restarts the wait, up to a point: files that never stop changing
            // are still checked now and then.
            let settled = Instant::now() + SETTLE_AT_MOST;
            while Instant::now() < settled && tokio::time::timeout(SETTLE, dirty.notified()).await.is_ok() {}
            let started = Instant::now();
            let check = check.clone();
            let (next, files) = match tokio::task::spawn_blocking(move || checked_preview(&*check)).await {
                Ok(checked) => checked,
                Err(e) => (Preview::failed(format!("internal error while checking the workspace: {e}")), None),
            };
            let shown = live.show(next);
            report(&shown, started);
            if let Some((files, root)) = files {
                watches.follow(&files, &root);
            }
            state_tx.send_replace(Arc::from(shown.to_json()));
        }
    });

    let server = Arc::new(Server {
        site: Site { address },
        state,
        shutdown: shutdown.clone(),
        streams: Arc::new(Semaphore::new(MAX_STREAMS)),
    });
    let app = axum::Router::new().fallback(move |request: axum::extract::Request| {
        let server = server.clone();
        async move { handle(&server, &request) }
    });
    let mut stopped = shutdown.clone();
    let graceful = axum::serve(listener, app).with_graceful_shutdown(async move {
        let _ = stopped.wait_for(|stop| *stop).await;
    });
    let mut stopped = shutdown.clone();
    let signal = async move {
        stop_signal().await;
        let _ = shutdown_tx.send(true);
        let _ = stopped.wait_for(|stop| *stop).await;
        tokio::time::sleep(GRACE).await;
    };
    tokio::select! {
        result = graceful => result.map_err(|e| format!("the server failed: {e}"))?,
        () = signal => eprintln!("journey serve: connections still open after {GRACE:?}; closing them"),
    }
    let _ = checker.await;
    say("journey serve: stopped");
    Ok(())
}

/// One line a check, for the terminal the server runs in.
fn report(preview: &Preview, started: Instant) {
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let found = if preview.errors + preview.warnings == 0 { "no problems" } else { preview.summary.as_str() };
    let drawn = if preview.drawn { "drawn" } else { "not drawn: the page keeps the last drawing" };
    let plural = if preview.files == 1 { "" } else { "s" };
    eprintln!("journey serve: checked {} file{plural}: {found} ({drawn}, {ms:.0} ms)", preview.files);
}

fn display(address: SocketAddr) -> String {
    match address.ip() {
        IpAddr::V6(ip) => format!("[{ip}]:{}", address.port()),
        IpAddr::V4(ip) => format!("{ip}:{}", address.port()),
    }
}

/// Ctrl-C, or (on Unix) the polite stop a service manager sends.
async fn stop_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            },
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Turns an HTTP request into a [`Request`], and the [`Answer`] back into HTTP.
fn handle(server: &Server, request: &axum::extract::Request) -> Response {
    let host = request.headers().get(axum::http::header::HOST).and_then(|v| v.to_str().ok());
    let target = request.uri().path_and_query().map_or(request.uri().path(), |p| p.as_str());
    let plain = Request { method: request.method().as_str(), target, host };
    let state = server.state.borrow().clone();
    let mut response = match http::respond(&server.site, &plain, &state) {
        Answer::Respond(r) => {
            let mut response = (
                axum::http::StatusCode::from_u16(r.status).unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
                [(axum::http::header::CONTENT_TYPE, r.content_type)],
                r.body.as_str().to_owned(),
            )
                .into_response();
            if let Some(allow) = r.allow {
                response.headers_mut().insert(axum::http::header::ALLOW, axum::http::HeaderValue::from_static(allow));
            }
            response
        }
        Answer::Events => match server.streams.clone().try_acquire_owned() {
            Ok(permit) => events(server.state.clone(), server.shutdown.clone(), permit).into_response(),
            Err(_) => (axum::http::StatusCode::SERVICE_UNAVAILABLE, "too many pages are open\n").into_response(),
        },
    };
    for (name, value) in http::SECURITY_HEADERS {
        response.headers_mut().insert(name, axum::http::HeaderValue::from_static(value));
    }
    response
}

/// The state now, then each new state, until the server stops.
fn events(
    mut state: channel::Receiver<Arc<str>>,
    shutdown: channel::Receiver<bool>,
    permit: tokio::sync::OwnedSemaphorePermit,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    state.mark_changed();
    let stream =
        futures_util::stream::unfold((state, shutdown, permit), |(mut state, mut shutdown, permit)| async move {
            let stopped = tokio::select! {
                changed = state.changed() => changed.is_err(),
                _ = shutdown.wait_for(|stop| *stop) => true,
            };
            if stopped {
                return None;
            }
            let json = state.borrow_and_update().clone();
            // JSON holds no carriage return or newline outside its strings, where they are escaped.
            let event = Event::default().event("preview").data(&*json);
            Some((Ok(event), (state, shutdown, permit)))
        });
    Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

/// Opens `url` in the user's browser, without waiting for it.
fn open_browser(url: &str) -> Result<(), String> {
    let (program, args): (&str, Vec<&str>) = if cfg!(target_os = "macos") {
        ("open", vec![url])
    } else if cfg!(windows) {
        ("cmd", vec!["/C", "start", "", url])
    } else {
        ("xdg-open", vec![url])
    };
    let mut child = std::process::Command::new(program)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| format!("{program}: {e}"))?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

//! The journey language server: a thin layer over the core. It keeps the open documents,
//! converts positions (UTF-16, or UTF-8 when the client offers it), checks the workspace (open
//! documents from memory, every other file from disk) and dispatches each request to the
//! handler of its feature under [`handlers`]; the features themselves are computed by
//! `journey-ide` in byte offsets. It never dies on bad input: malformed messages and unknown
//! methods are answered with errors by the protocol layer, and a panic in a feature is caught,
//! logged, and answered with an error.

pub mod convert;
mod handlers;
mod server;
mod state;
mod transport;
mod workspace;

use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

pub use convert::Encoding;

/// How the server behaves.
#[derive(Clone, Copy, Debug)]
pub struct ServerOptions {
    /// How long after a change the workspace is checked and diagnostics are published, so that
    /// fast typing is checked once. A client may set it with the initialization option
    /// `debounceMs`.
    pub debounce: Duration,
}

impl Default for ServerOptions {
    fn default() -> Self {
        ServerOptions { debounce: Duration::from_millis(50) }
    }
}

/// Serves the Language Server Protocol on `input` and `output` until the client exits.
pub async fn serve<I, O>(input: I, output: O, options: ServerOptions)
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let (service, socket) = LspService::build(|client| server::Backend::new(client, options))
        .custom_method(handlers::preview::METHOD, server::Backend::preview)
        .finish();
    // The protocol layer stops at the first message it cannot decode: `transport` frames the
    // input first and answers bad messages itself.
    let (to_server, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, from_server) = tokio::io::duplex(1 << 16);
    let (frames, outgoing) = tokio::sync::mpsc::unbounded_channel();
    let server = Server::new(server_input, server_output, socket).serve(service);
    let pump = transport::pump(from_server, frames.clone());
    let work = async move {
        let reader = std::pin::pin!(transport::read_input(input, to_server, frames));
        let finish = async move {
            tokio::join!(server, pump);
        };
        let mut finish = std::pin::pin!(finish);
        tokio::select! {
            () = &mut finish => {}
            () = reader => finish.await,
        }
        // Dropping the reader here drops the last sender, and the writer finishes.
    };
    tokio::join!(work, transport::write_frames(outgoing, output));
}

/// Serves the Language Server Protocol on standard input and output until the client exits.
pub fn serve_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), ServerOptions::default()));
    // Standard input is read on a thread that cannot be interrupted; do not wait for it.
    runtime.shutdown_timeout(Duration::from_millis(100));
    Ok(())
}

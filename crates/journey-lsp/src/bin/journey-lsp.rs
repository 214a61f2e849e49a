//! `journey-lsp`: the language server alone, the same as `journey lsp` (the Neovim test starts
//! this binary, which Cargo builds for the crate's own tests).

use std::process::ExitCode;

/// The allocator of `journey`, so that both binaries serve alike.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match journey_lsp::serve_stdio() {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("journey-lsp: {error}");
            ExitCode::from(2)
        }
    }
}

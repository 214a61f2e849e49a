//! Replays inputs through a target without libFuzzer or sanitizers, and says how long each
//! target took: to debug a crash with ordinary tools, or to see what an execution costs.
//!
//! `cargo run --release --example replay -- TARGET FILE_OR_FOLDER…` (TARGET: check, fmt,
//! emit, lsp, log_csv, log_xes, log_ocel, log_parquet).

use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let target = args.next().unwrap_or_default();
    let run: fn(&[u8]) = match target.as_str() {
        "check" => journey_fuzz::check,
        "fmt" => journey_fuzz::fmt::round_trip,
        "emit" => journey_fuzz::emit::emit,
        "lsp" => journey_fuzz::lsp::run,
        "log_csv" => journey_fuzz::log::csv,
        "log_xes" => journey_fuzz::log::xes,
        "log_ocel" => journey_fuzz::log::ocel,
        "log_parquet" => journey_fuzz::log::parquet,
        _ => {
            eprintln!("usage: replay check|fmt|emit|lsp|log_csv|log_xes|log_ocel|log_parquet FILE_OR_FOLDER…");
            std::process::exit(2);
        }
    };
    let mut inputs: Vec<PathBuf> = Vec::new();
    for arg in args {
        let path = PathBuf::from(arg);
        match std::fs::read_dir(&path) {
            Ok(entries) => inputs.extend(entries.flatten().map(|e| e.path())),
            Err(_) => inputs.push(path),
        }
    }
    inputs.sort();
    let mut slowest = (0.0, PathBuf::new());
    let start = Instant::now();
    for input in &inputs {
        let Ok(data) = std::fs::read(input) else { continue };
        let one = Instant::now();
        run(&data);
        let seconds = one.elapsed().as_secs_f64();
        if seconds > slowest.0 {
            slowest = (seconds, input.clone());
        }
    }
    let total = start.elapsed().as_secs_f64();
    println!(
        "{target}: {} inputs in {total:.3} s ({:.0} a second); slowest {:.1} ms: {}",
        inputs.len(),
        inputs.len() as f64 / total.max(1e-9),
        slowest.0 * 1000.0,
        slowest.1.display()
    );
}

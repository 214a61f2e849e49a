//! Latency of the language server, end to end through the wire (JSON-RPC over an in-process
//! pipe, the server's own framing and dispatch included) on a generated workspace file of
//! 10,000 lines:
//! - didChange → publishDiagnostics for that version, with the default 50 ms debounce, and the
//!   same less the debounce (the server's work after the pause), next to the core's check
//!   alone and its phases;
//! - hover, definition and completion round trips on a stable document;
//! - the resident memory over 10,000 edits.
//!
//! Run with `cargo bench -p journey-lsp`. Targets: diagnostics ≤ 20 ms p95; hover, definition,
//! completion ≤ 5 ms p95; memory steady over the edits.
//!
//! With `JOURNEY_BENCH_SUMMARY=1` (the benchmark suite, `crates/journey-cli/benches/suite/run`)
//! the same figures come out as `key value unit` lines on standard output, and what people read
//! goes to standard error.

/// The allocator of the `journey` binary, so that the figures are the product's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[path = "../../journey-cli/benches/suite/summary.rs"]
mod summary;
#[path = "../tests/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use journey_lsp::ServerOptions;
use serde_json::{Value, json};
use support::{Client, uri, workspace};

/// A valid model of at least `lines` lines: lanes, systems, procedures and touchpoints, then
/// journeys of five stages with flows that branch.
fn generate(lines: usize) -> String {
    let mut out = String::new();
    for l in 0..20 {
        let _ = writeln!(out, "lane lane{l} \"Lane {l}\" {{ owner: \"Owner {l}\" }}");
    }
    for s in 0..30 {
        let _ = writeln!(out, "system sys{s} \"System {s}\" {{ kind: erp }}");
    }
    for p in 0..60 {
        let _ = writeln!(out, "procedure proc{p} \"Procedure {p}\" {{ lane: lane{}  uses: sys{} }}", p % 20, p % 30);
    }
    for t in 0..100 {
        let _ = writeln!(
            out,
            "touchpoint tp{t} \"Touchpoint {t}\" {{\n  channel: web\n  lane: lane{}\n  uses: sys{}\n  supported_by: proc{}\n}}",
            t % 20,
            t % 30,
            t % 60
        );
    }
    let mut journey = 0;
    while out.lines().count() < lines {
        let _ = writeln!(out, "\njourney j{journey} \"Journey {journey}\" {{");
        let steps = 40;
        for stage in 0..5 {
            let _ = writeln!(out, "  stage st{stage} \"Stage {stage}\" {{");
            for k in stage * 8..stage * 8 + 8 {
                let _ = writeln!(
                    out,
                    "    step s{k} \"Step {k}\" at tp{} {{\n      emotion: +1\n      duration: 5min\n      via: proc{}\n    }}",
                    (journey * 7 + k) % 100,
                    (journey + k) % 60
                );
            }
            let _ = writeln!(out, "  }}");
        }
        for k in 0..steps - 1 {
            if k % 5 == 0 && k + 2 < steps {
                let _ = writeln!(out, "  s{k} -> s{} 80%\n  s{k} -> s{} 20%", k + 1, k + 2);
            } else {
                let _ = writeln!(out, "  s{k} -> s{}", k + 1);
            }
        }
        let _ = writeln!(out, "}}");
        journey += 1;
    }
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(index).copied().unwrap_or_default()
}

/// Whether the suite asked for `key value unit` lines (see the module's comment).
static SUMMARY: AtomicBool = AtomicBool::new(false);

/// Prints a line for people: on standard output, or on standard error under the summary.
fn say(line: &str) {
    if SUMMARY.load(Ordering::Relaxed) {
        eprintln!("{line}");
    } else {
        println!("{line}");
    }
}

/// Prints the percentiles of `samples`, and under the summary `lsp.{key}.p50_ms` and the like.
fn report(name: &str, key: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    say(&format!(
        "{name:<28} n={:<5} p50 {:>7.2} ms   p95 {:>7.2} ms   p99 {:>7.2} ms   max {:>7.2} ms",
        samples.len(),
        ms(percentile(&samples, 0.5)),
        ms(percentile(&samples, 0.95)),
        ms(percentile(&samples, 0.99)),
        ms(percentile(&samples, 1.0))
    ));
    if SUMMARY.load(Ordering::Relaxed) {
        summary::emit(&format!("lsp.{key}.n"), samples.len() as f64, "samples");
        for (label, p) in [("p50", 0.5), ("p95", 0.95), ("p99", 0.99), ("max", 1.0)] {
            summary::emit(&format!("lsp.{key}.{label}_ms"), ms(percentile(&samples, p)), "ms");
        }
    }
}

/// Resident memory of this process (server included), in MiB.
fn rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let kib: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.0);
    kib / 1024.0
}

/// `{line, character}` of the `n`th occurrence of `needle`, `shift` characters in.
fn nth_position(text: &str, needle: &str, n: usize, shift: usize) -> Value {
    let count = text.matches(needle).count();
    let (at, _) = text.match_indices(needle).nth(n % count).expect("an occurrence");
    let line = text[..at].matches('\n').count();
    let column = at - text[..at].rfind('\n').map_or(0, |i| i + 1) + shift;
    json!({ "line": line, "character": column })
}

fn main() {
    SUMMARY.store(summary::requested(), Ordering::Relaxed);
    let text = generate(10_000);
    let lines = text.lines().count();
    say(&format!("workspace file: {lines} lines, {} KB", text.len() / 1000));
    if SUMMARY.load(Ordering::Relaxed) {
        summary::emit("lsp.file.lines", lines as f64, "lines");
        summary::emit("lsp.file.bytes", text.len() as f64, "B");
    }
    // The core alone, for comparison: the check the server runs after each change.
    let mut core = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        let checked = journey_model::check_text(std::path::Path::new("/ws/big.journey"), &text);
        core.push(start.elapsed());
        drop(checked);
    }
    report("core check (no server)", "core_check", core);
    // Where the core spends it: load (lex, parse), lower, rules.
    let (mut load, mut lower, mut rules) = (Vec::new(), Vec::new(), Vec::new());
    let path = std::path::PathBuf::from("/ws/big.journey");
    let loader = journey_model::MemoryLoader::default().with(path.clone(), text.clone());
    for _ in 0..20 {
        let start = Instant::now();
        let (workspace, _) =
            journey_model::Workspace::load(&loader, std::slice::from_ref(&path), std::path::Path::new("/ws"));
        load.push(start.elapsed());
        let start = Instant::now();
        let (model, _) = journey_model::lower(&workspace);
        lower.push(start.elapsed());
        let start = Instant::now();
        let found = journey_model::rules::run(&model, &journey_model::Config::default());
        rules.push(start.elapsed());
        drop((workspace, model, found));
    }
    report("  of which load", "core_load", load);
    report("  of which lower", "core_lower", lower);
    report("  of which rules", "core_rules", rules);
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    runtime.block_on(async move {
        let root = workspace(&[]);
        let options = ServerOptions::default();
        let mut client = Client::start(root.clone(), options).await;
        let init = client
            .request("initialize", json!({ "processId": null, "rootUri": uri(&root), "capabilities": {} }))
            .await;
        assert!(init.get("result").is_some(), "{init}");
        client.notify("initialized", json!({})).await;
        let path = root.join("big.journey");
        let u = uri(&path);
        client.open(&path, &text).await;
        let first = client.diagnostics(&u, |p| p["version"] == 1).await;
        say(&format!("diagnostics of the generated file: {}", first["diagnostics"].as_array().map_or(0, Vec::len)));

        // didChange → publishDiagnostics: make a mistake in a step's touchpoint and fix it.
        let target = nth_position(&text, "at tp", 100, 5);
        let mut version = 1;
        let mut samples = Vec::new();
        for i in 0..200 {
            version += 1;
            let replacement = if i % 2 == 0 { "X" } else { "p" };
            let end = json!({ "line": target["line"], "character": target["character"].as_u64().expect("col") + 1 });
            let start = Instant::now();
            client
                .notify(
                    "textDocument/didChange",
                    json!({ "textDocument": { "uri": u, "version": version }, "contentChanges": [{ "range": { "start": target, "end": end }, "text": replacement }] }),
                )
                .await;
            client.diagnostics(&u, |p| p["version"] == version).await;
            samples.push(start.elapsed());
            client.notifications.clear();
        }
        let after: Vec<Duration> = samples.iter().map(|d| d.saturating_sub(options.debounce)).collect();
        report("didChange → diagnostics", "change", samples);
        report("  less the 50 ms debounce", "change_less_debounce", after);
        if SUMMARY.load(Ordering::Relaxed) {
            summary::emit("lsp.debounce_ms", options.debounce.as_secs_f64() * 1000.0, "ms");
        }

        // Requests on a stable document, spread over the file.
        for (name, key, method) in [
            ("hover", "hover", "textDocument/hover"),
            ("definition", "definition", "textDocument/definition"),
            ("completion (after `at `)", "completion", "textDocument/completion"),
        ] {
            let mut samples = Vec::new();
            for n in 0..300 {
                let shift = if method == "textDocument/completion" { 3 } else { 4 };
                let position = nth_position(&text, "at tp", (n * 37) % 1500, shift);
                let start = Instant::now();
                let result = client.call(method, json!({ "textDocument": { "uri": u }, "position": position })).await;
                samples.push(start.elapsed());
                assert!(!result.is_null(), "{method} answered");
            }
            report(name, key, samples);
        }

        // Memory over 10,000 edits: type and delete in a label; every 100th edit waits for
        // its diagnostics (so the workspace is checked 100 times along the way).
        let label = nth_position(&text, "\"Step 7\"", 0, 6);
        let before = rss_mib();
        let mut line = format!("memory (RSS, MiB): start {before:.1}");
        for i in 0..10_000u32 {
            version += 1;
            let character = label["character"].as_u64().expect("col");
            let change = if i % 2 == 0 {
                json!({ "range": { "start": { "line": label["line"], "character": character }, "end": { "line": label["line"], "character": character } }, "text": "x" })
            } else {
                json!({ "range": { "start": { "line": label["line"], "character": character }, "end": { "line": label["line"], "character": character + 1 } }, "text": "" })
            };
            client.notify("textDocument/didChange", json!({ "textDocument": { "uri": u, "version": version }, "contentChanges": [change] })).await;
            if (i + 1) % 100 == 0 {
                client.diagnostics(&u, |p| p["version"] == version).await;
                client.notifications.clear();
            }
            if (i + 1) % 1_000 == 0 {
                let rss = rss_mib();
                if (i + 1) % 2_000 == 0 {
                    let _ = write!(line, ", {}k edits {rss:.1}", (i + 1) / 1000);
                }
                if SUMMARY.load(Ordering::Relaxed) {
                    summary::emit(&format!("lsp.memory.edits_{}_mib", i + 1), rss, "MiB");
                }
            }
        }
        say(&line);
        if SUMMARY.load(Ordering::Relaxed) {
            summary::emit("lsp.memory.start_mib", before, "MiB");
        }
        client.shutdown().await;
    });
}

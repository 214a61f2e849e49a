//! Benchmarks of the language core on a large generated workspace (see `generate.rs`): the
//! lexer, the parser (lexing included) and the full check (load, parse, lower, rules), each
//! with its throughput, and the peak heap of a full check against the size of its input.
//!
//! Run with `cargo bench -p journey-model --bench check`. The targets it is read against:
//! full check ≥ 50 MB/s on one core, lexer ≥ 300 MB/s, peak heap ≤ 10× the input, and ten
//! times the input in at most eleven times the time (compare `check` at 1 and 10 MB).
//!
//! Outputs are returned from the benched closures, so divan drops them outside the timing.
//! Before the benchmarks, the binary prints each workspace's shape and the peak heap of a full
//! check of it (a counting global allocator), what the result and the syntax trees keep, and
//! the allocations per KB of input.
//!
//! For profiling, environment variables change what the binary does:
//! - `JOURNEY_BENCH_PROFILE=lex|parse|check` runs only that phase, `JOURNEY_BENCH_RUNS` times
//!   (5) on `JOURNEY_BENCH_MB` MB (10), printing wall and CPU time: run the binary under
//!   `perf record` or `valgrind --tool=callgrind --toggle-collect='journey_model::check'`;
//! - `JOURNEY_BENCH_DUMP=dir` writes the workspace of `JOURNEY_BENCH_MB` MB to `dir` (to look
//!   at, or to run `journey check` on) and stops;
//! - `JOURNEY_BENCH_SUMMARY=1` prints the figures of the benchmark suite
//!   (`crates/journey-cli/benches/suite/run`) as `key value unit` lines and stops: for each
//!   size in `JOURNEY_BENCH_SIZES` (MB, `1,10,100`), the workspace's shape, lex, parse and check
//!   times (the sizes interleaved in rounds; fastest and median of at least 3 runs, more until
//!   3 s a size are spent) and the peak heap of a full check. Generating is not timed.

// The counting allocator below implements `GlobalAlloc`, which is an unsafe trait: this is the
// one place in the workspace that needs `unsafe`, and only in this benchmark binary.
#![allow(unsafe_code)]
#![allow(clippy::unwrap_used)]

#[path = "../../../journey-cli/src/allocator.rs"]
mod allocator;
mod generate;
#[path = "../../../journey-cli/benches/suite/summary.rs"]
mod summary;

use std::alloc::{GlobalAlloc, Layout};

use mimalloc::MiMalloc;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::sync::{Mutex, OnceLock};

use divan::Bencher;
use divan::counter::BytesCount;
use journey_diagnostics::{Diagnostic, FileId};
use journey_model::{CheckOptions, MemoryLoader};
use journey_syntax::{ParseOptions, lexer, parse};

use generate::Generated;

// ---- Peak heap ----

/// Wraps the allocator of the `journey` binary (mimalloc) and, while counting is on, follows how many bytes are live and
/// the most that were. Off, it costs one relaxed load per call.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
static ALLOCATIONS: AtomicIsize = AtomicIsize::new(0);

impl Counting {
    fn grow(by: isize) {
        if COUNTING.load(Ordering::Relaxed) {
            if by > 0 {
                ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
            }
            let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
    }

    /// Measures the most heap that `f` holds at once beyond what was live before it.
    fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
        LIVE.store(0, Ordering::SeqCst);
        PEAK.store(0, Ordering::SeqCst);
        ALLOCATIONS.store(0, Ordering::SeqCst);
        COUNTING.store(true, Ordering::SeqCst);
        let out = f();
        COUNTING.store(false, Ordering::SeqCst);
        (out, PEAK.load(Ordering::SeqCst).max(0) as usize)
    }
}

// SAFETY: every call is passed on to `MiMalloc` (the allocator of the `journey` binary)
// unchanged; the wrapper only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Counting::grow(layout.size() as isize);
        // SAFETY: the caller upholds `alloc`'s contract, which is `MiMalloc`'s.
        unsafe { MiMalloc.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Counting::grow(layout.size() as isize);
        // SAFETY: as for `alloc`.
        unsafe { MiMalloc.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        Counting::grow(-(layout.size() as isize));
        // SAFETY: `ptr` was allocated by `MiMalloc` with `layout`.
        unsafe { MiMalloc.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Counting::grow(new_size as isize - layout.size() as isize);
        // SAFETY: as for `dealloc`, and `new_size` is the caller's to uphold.
        unsafe { MiMalloc.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

// ---- Workspaces ----

const MB: usize = 1_000_000;
/// The input sizes, in MB (decimal, as divan prints throughput).
const SIZES: &[usize] = &[1, 10];
const SEED: u64 = 0x006A_6F75_726E_6579;

/// The generated workspace of `mb` MB, made once and kept. The smaller one is checked first:
/// an error fails the run and warnings are printed, so that a broken generator (or a new rule
/// it does not satisfy) does not go unnoticed.
fn workspace(mb: usize) -> &'static Prepared {
    static CACHE: OnceLock<Mutex<HashMap<usize, &'static Prepared>>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap();
    cache.entry(mb).or_insert_with(|| {
        let generated = generate::workspace(mb * MB, SEED);
        let prepared = Box::leak(Box::new(Prepared::new(generated)));
        if mb == SIZES[0] {
            prepared.assert_clean();
        }
        prepared
    })
}

struct Prepared {
    generated: Generated,
    loader: MemoryLoader,
    roots: Vec<PathBuf>,
    options: CheckOptions,
}

impl Prepared {
    fn new(generated: Generated) -> Self {
        let loader = generated.loader();
        let roots = generated.roots();
        let options = CheckOptions { root_dir: generated.root.clone(), config: None };
        Prepared { generated, loader, roots, options }
    }

    fn check(&self) -> journey_model::Checked {
        journey_model::check(&self.loader, &self.roots, &self.options)
    }

    fn bytes(&self) -> BytesCount {
        BytesCount::new(self.generated.bytes)
    }

    fn assert_clean(&self) {
        let checked = self.check();
        let g = &self.generated;
        assert_eq!(checked.files().len(), g.files.len(), "every generated file is loaded");
        if !checked.diagnostics.is_empty() {
            let files = checked.files();
            for d in checked.diagnostics.iter().take(20) {
                let span = d.primary.span;
                let text = files.text(span.file);
                let line = text.get(..span.start as usize).map_or(0, |t| t.lines().count());
                eprintln!("{:?} {} at {}:{}: {}", d.severity, d.code.id(), files.path(span.file), line, d.message);
            }
            let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
            assert_eq!(errors, 0, "the generated workspace has errors");
            eprintln!("warning: the generated workspace has {} warnings", checked.diagnostics.len());
        }
    }
}

// ---- Benchmarks ----

fn main() {
    allocator::keep_freed_memory();
    if summary::requested() {
        summarize();
        return;
    }
    let mb = std::env::var("JOURNEY_BENCH_MB").ok().and_then(|m| m.parse().ok()).unwrap_or(10);
    // `JOURNEY_BENCH_DUMP=dir` writes the workspace of `JOURNEY_BENCH_MB` MB there, to look at or
    // to run the CLI on, and stops.
    if let Some(dir) = std::env::var_os("JOURNEY_BENCH_DUMP") {
        let ws = workspace(mb);
        for (path, text) in &ws.generated.files {
            let relative = path.strip_prefix(&ws.generated.root).unwrap();
            let target = PathBuf::from(&dir).join(relative);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(target, text).unwrap();
        }
        return;
    }
    // `JOURNEY_BENCH_PROFILE=lex|parse|check` (and `JOURNEY_BENCH_MB`, 10 by default) runs that
    // phase a few times and nothing else, to run under `perf record` or `valgrind`.
    if let Ok(phase) = std::env::var("JOURNEY_BENCH_PROFILE") {
        let runs = std::env::var("JOURNEY_BENCH_RUNS").ok().and_then(|m| m.parse().ok()).unwrap_or(5);
        let ws = workspace(mb);
        let files = &ws.generated.files;
        let mut cpu_total = 0.0;
        for _ in 0..runs {
            let (started, cpu) = (std::time::Instant::now(), summary::cpu_seconds());
            let output: Box<dyn std::any::Any> = match phase.as_str() {
                "lex" => {
                    Box::new(divan::black_box(files.iter().map(|(_, t)| lexer::lex(FileId(0), t)).collect::<Vec<_>>()))
                }
                "parse" => Box::new(divan::black_box(
                    files.iter().map(|(_, t)| parse(t, ParseOptions { file: FileId(0) })).collect::<Vec<_>>(),
                )),
                _ => Box::new(divan::black_box(ws.check())),
            };
            let (wall, cpu) = (started.elapsed().as_secs_f64(), summary::cpu_seconds() - cpu);
            drop(output);
            cpu_total += cpu;
            let size = ws.generated.bytes as f64 / MB as f64;
            println!(
                "{phase} {mb} MB: {wall:.4} s wall ({:.1} MB/s), {cpu:.4} s on the CPU ({:.1} MB/s)",
                size / wall,
                size / cpu
            );
        }
        if runs > 0 {
            let size = ws.generated.bytes as f64 / MB as f64;
            let cpu = cpu_total / runs as f64;
            println!("{phase} {mb} MB: mean {cpu:.4} s on the CPU, {:.1} MB/s (output drops not counted)", size / cpu);
        }
        return;
    }
    report_memory();
    divan::main();
}

/// The suite's figures (`JOURNEY_BENCH_SUMMARY=1`): lex, parse and check as the benchmarks below
/// measure them, each phase over all the sizes interleaved (the largest first) so that the
/// scaling from one size to the next is not a busy spell of the machine; then the peak heap of
/// a full check of each under the counting allocator, on a run of its own since counting slows
/// it. The workspaces are all generated before any of it.
fn summarize() {
    let mut sizes: Vec<usize> = std::env::var("JOURNEY_BENCH_SIZES")
        .unwrap_or_else(|_| "1,10,100".into())
        .split(',')
        .map(|mb| mb.trim().parse().expect("JOURNEY_BENCH_SIZES: sizes in MB, separated by commas"))
        .collect();
    sizes.sort_unstable_by(|a, b| b.cmp(a));
    let workspaces: Vec<Prepared> = sizes
        .iter()
        .map(|&mb| {
            let started = std::time::Instant::now();
            let ws = Prepared::new(generate::workspace(mb * MB, SEED));
            let generated = started.elapsed().as_secs_f64();
            let g = &ws.generated;
            let largest = g.files.iter().map(|(_, text)| text.len()).max().unwrap_or(0);
            eprintln!(
                "workspace {mb} MB: {} files, {} bytes, generated in {generated:.1} s (not timed)",
                g.files.len(),
                g.bytes
            );
            summary::emit(&format!("workspace.{mb}mb.bytes"), g.bytes as f64, "B");
            summary::emit(&format!("workspace.{mb}mb.files"), g.files.len() as f64, "files");
            summary::emit(&format!("workspace.{mb}mb.largest_file"), largest as f64, "B");
            summary::emit(&format!("workspace.{mb}mb.steps"), g.steps as f64, "steps");
            summary::emit(&format!("workspace.{mb}mb.generate_s"), generated, "s");
            ws
        })
        .collect();
    let budget = summary::Budget::default();
    let phases = [
        ("lex", summary::interleaved_over(budget, &workspaces, lex_all)),
        ("parse", summary::interleaved_over(budget, &workspaces, parse_all)),
        ("check", summary::interleaved_over(budget, &workspaces, Prepared::check)),
    ];
    for (phase, timings) in phases {
        for (mb, timing) in sizes.iter().zip(timings) {
            timing.emit(&format!("{phase}.{mb}mb"));
        }
    }
    for (mb, ws) in sizes.iter().zip(&workspaces) {
        let (checked, peak) = Counting::peak_of(|| ws.check());
        let errors = checked.diagnostics.iter().filter(|d| d.is_error()).count();
        let first: Vec<&str> =
            checked.diagnostics.iter().filter(|d| d.is_error()).take(3).map(|d| d.message.as_str()).collect();
        summary::emit(&format!("check.{mb}mb.diagnostics"), checked.diagnostics.len() as f64, "diagnostics");
        summary::emit(&format!("heap.{mb}mb.peak"), peak as f64, "B");
        assert_eq!(errors, 0, "the generated workspace of {mb} MB has errors, the first: {first:?}");
        drop(checked);
    }
}

/// Lexes every file of the workspace.
fn lex_all(ws: &Prepared) -> Vec<(lexer::Lexed, Vec<Diagnostic>)> {
    ws.generated.files.iter().enumerate().map(|(i, (_, text))| lexer::lex(FileId(i as u32), text)).collect()
}

/// Lexes and parses every file of the workspace.
fn parse_all(ws: &Prepared) -> Vec<(journey_syntax::ast::File, Vec<Diagnostic>)> {
    ws.generated
        .files
        .iter()
        .enumerate()
        .map(|(i, (_, text))| parse(text, ParseOptions { file: FileId(i as u32) }))
        .collect()
}

/// Prints the workspaces' shape and the peak heap of a full check of each, against its input;
/// then where the heap goes: the syntax trees alone, what the result keeps, and the sizes of the
/// syntax tree's types.
fn report_memory() {
    for &mb in SIZES {
        let ws = workspace(mb);
        let g = &ws.generated;
        let input = g.bytes as f64;
        let (checked, peak) = Counting::peak_of(|| ws.check());
        let kept = LIVE.load(Ordering::SeqCst).max(0) as f64;
        let allocations = ALLOCATIONS.load(Ordering::SeqCst) as f64;
        println!(
            "workspace {mb:>2} MB: {} files, {:.2} MB, {} journeys, {} steps, {} scenarios, {} diagnostics",
            g.files.len(),
            input / MB as f64,
            g.journeys,
            g.steps,
            g.scenarios,
            checked.diagnostics.len(),
        );
        println!(
            "  peak heap of a full check {:.1} MB = {:.1}× input (target ≤ 10×); the result keeps {:.1}× input; \
             {:.1} allocations per KB of input",
            peak as f64 / MB as f64,
            peak as f64 / input,
            kept / input,
            allocations / (input / 1000.0),
        );
        drop(checked);
        let (trees, parse_peak) = Counting::peak_of(|| {
            g.files.iter().map(|(_, text)| parse(text, ParseOptions { file: FileId(0) })).collect::<Vec<_>>()
        });
        let trees_kept = LIVE.load(Ordering::SeqCst).max(0) as f64;
        let parse_allocations = ALLOCATIONS.load(Ordering::SeqCst) as f64;
        println!(
            "  parsing alone: peak {:.1}× input, the syntax trees keep {:.1}× input; {:.1} allocations per KB",
            parse_peak as f64 / input,
            trees_kept / input,
            parse_allocations / (input / 1000.0),
        );
        drop(trees);
        let (loaded, _) =
            Counting::peak_of(|| journey_model::Workspace::load(&ws.loader, &ws.roots, &ws.options.root_dir));
        let (model, _) = Counting::peak_of(|| journey_model::lower(&loaded.0));
        let model_kept = LIVE.load(Ordering::SeqCst).max(0) as f64;
        println!("  the model alone keeps {:.1}× input", model_kept / input);
        drop((model, loaded));
    }
    use journey_syntax::ast;
    println!(
        "  sizes: Item {} B, Member {} B, Field {} B, Term {} B, Name {} B, NumberLit {} B, Flow {} B, token with its span as the parser holds it {} B",
        size_of::<ast::Item>(),
        size_of::<ast::Member>(),
        size_of::<ast::Field>(),
        size_of::<ast::Term>(),
        size_of::<ast::Name>(),
        size_of::<ast::NumberLit>(),
        size_of::<ast::Flow>(),
        size_of::<(lexer::Token, std::ops::Range<usize>)>(),
    );
    use journey_model::ir;
    println!(
        "  model sizes: Decl {} B, Step {} B, Flow {} B, Risk {} B, Reference {} B, Journey {} B, Touchpoint {} B",
        size_of::<ir::Decl>(),
        size_of::<ir::Step>(),
        size_of::<ir::Flow>(),
        size_of::<ir::Risk>(),
        size_of::<ir::Reference>(),
        size_of::<ir::Journey>(),
        size_of::<ir::Touchpoint>(),
    );
}

/// The lexer alone, over every file.
#[divan::bench(args = SIZES, sample_count = 20)]
fn lex(bencher: Bencher, mb: usize) {
    let ws = workspace(mb);
    bencher.counter(ws.bytes()).bench(|| {
        ws.generated
            .files
            .iter()
            .enumerate()
            .map(|(i, (_, text))| lexer::lex(FileId(i as u32), text))
            .collect::<Vec<_>>()
    });
}

/// Lexing and parsing, over every file.
#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_files(bencher: Bencher, mb: usize) {
    let ws = workspace(mb);
    bencher.counter(ws.bytes()).bench(|| {
        ws.generated
            .files
            .iter()
            .enumerate()
            .map(|(i, (_, text))| parse(text, ParseOptions { file: FileId(i as u32) }))
            .collect::<Vec<_>>()
    });
}

/// The full check: read through the loader, parse, resolve imports, lower, run every rule.
#[divan::bench(args = SIZES, sample_count = 10)]
fn check(bencher: Bencher, mb: usize) {
    let ws = workspace(mb);
    bencher.counter(ws.bytes()).bench(|| ws.check());
}

//! Benchmarks of the log readers and the statistics on generated logs: CSV of 1 and 10 million
//! events (a time-ordered stream of 100,000 interleaved cases, ~50 bytes an event), XES of
//! 100,000 and 1 million events (traces of ten events), reading alone (a sink that counts) and
//! reading into the statistics; and the peak heap of the statistics with many events in few
//! cases against as many events in many cases.
//!
//! Run with `cargo bench -p journey-log`. Targets: CSV ≥ 5 million events/s on one core, XES ≥ 1
//! million; ten times the events in at most eleven times the time; memory that follows the
//! open cases, not the events. With `JOURNEY_BENCH_SUMMARY=1` the binary prints the figures of
//! the benchmark suite (`crates/journey-cli/benches/suite/run`) as `key value unit` lines and
//! stops; generating the logs is not timed.

// The counting allocator implements `GlobalAlloc`, an unsafe trait: allowed in this
// benchmark binary only.
#![allow(unsafe_code)]
#![allow(clippy::unwrap_used)]

#[path = "../../journey-cli/src/allocator.rs"]
mod allocator;
#[path = "../../journey-cli/benches/suite/summary.rs"]
mod summary;

use std::alloc::{GlobalAlloc, Layout};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};

use journey_log::{
    Check, CsvOptions, Event, StatsOptions, Timestamp, Window, WriteOptions, XesOptions, XesWriter, compute, read_csv,
    read_xes,
};
use mimalloc::MiMalloc;

/// Wraps the binary's allocator (mimalloc) and, while counting, follows the live bytes and
/// their peak.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

impl Counting {
    fn grow(by: isize) {
        if COUNTING.load(Ordering::Relaxed) {
            let live = LIVE.fetch_add(by, Ordering::Relaxed) + by;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
    }

    fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
        LIVE.store(0, Ordering::SeqCst);
        PEAK.store(0, Ordering::SeqCst);
        COUNTING.store(true, Ordering::SeqCst);
        let out = f();
        COUNTING.store(false, Ordering::SeqCst);
        (out, PEAK.load(Ordering::SeqCst).max(0) as usize)
    }
}

// SAFETY: every call goes to `MiMalloc` unchanged; the wrapper only counts.
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
        // SAFETY: as for `dealloc`; `new_size` is the caller's to uphold.
        unsafe { MiMalloc.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const ACTIVITIES: [&str; 12] = [
    "Visit web shop",
    "Search",
    "Add to basket",
    "Call contact centre",
    "Chat",
    "Place order",
    "Pay",
    "Ship",
    "Deliver",
    "Return item",
    "Refund",
    "Survey",
];

/// A CSV log of `events` events in time order, spread over `cases` cases at random.
fn csv_log(events: usize, cases: u64) -> Vec<u8> {
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut out = Vec::with_capacity(events * 52);
    out.extend_from_slice(b"case_id,activity,timestamp\n");
    let start = 1_704_067_200_000i64;
    for i in 0..events {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        let case = (seed >> 33) % cases;
        let activity = ACTIVITIES[((seed >> 20) % 12) as usize];
        let time = journey_log::time::format_rfc3339(Timestamp(start + i as i64 * 137));
        out.extend_from_slice(format!("C{case:07},{activity},{time}\n").as_bytes());
    }
    out
}

/// An XES log of `events` events in traces of ten.
fn xes_log(events: usize) -> Vec<u8> {
    let mut writer = XesWriter::new(Vec::with_capacity(events * 200), WriteOptions::default()).unwrap();
    let start = 1_704_067_200_000i64;
    for i in 0..events {
        let case = format!("C{:07}", i / 10);
        let e = Event::new(&case, ACTIVITIES[i * 7 % 12], Some(Timestamp(start + i as i64 * 60_000)));
        writer.write(&e).unwrap();
    }
    writer.finish().unwrap()
}

fn read_csv_only(log: &[u8]) -> u64 {
    let mut check = Check::default();
    read_csv(log, &CsvOptions::default(), &mut check);
    assert!(check.problems.is_empty(), "{}", check.problems);
    check.events
}

fn csv_stats(log: &[u8]) -> journey_log::Stats {
    compute(StatsOptions { window: Window::Month }, |sink| {
        read_csv(log, &CsvOptions::default(), sink);
    })
    .0
}

fn read_xes_only(log: &[u8]) -> u64 {
    let mut check = Check::default();
    read_xes(log, &XesOptions::default(), &mut check);
    assert!(check.problems.is_empty(), "{}", check.problems);
    check.events
}

fn xes_stats(log: &[u8]) -> journey_log::Stats {
    compute(StatsOptions { window: Window::Month }, |sink| {
        read_xes(log, &XesOptions::default(), sink);
    })
    .0
}

fn main() {
    allocator::keep_freed_memory();
    if let Ok(what) = std::env::var("JOURNEY_BENCH_PROFILE") {
        return profile(&what);
    }
    if summary::requested() {
        summarize();
    } else {
        divan::main();
    }
}

/// Runs one benchmark a few times on its own, printing wall and CPU time, to run under a profiler:
/// `JOURNEY_BENCH_PROFILE=csv-read|csv-stats|xes-read|xes-stats`.
fn profile(what: &str) {
    let log = if what.starts_with("csv") { csv_1m() } else { xes_1m() };
    for _ in 0..5 {
        let (clock, cpu) = (std::time::Instant::now(), summary::cpu_seconds());
        match what {
            "csv-read" => drop(read_csv_only(log)),
            "csv-stats" => drop(csv_stats(log)),
            "xes-read" => drop(read_xes_only(log)),
            "xes-stats" => drop(xes_stats(log)),
            _ => panic!("JOURNEY_BENCH_PROFILE=csv-read|csv-stats|xes-read|xes-stats"),
        }
        eprintln!("{what}: {:.3} s wall, {:.3} s on CPU", clock.elapsed().as_secs_f64(), summary::cpu_seconds() - cpu);
    }
}

fn summarize() {
    let budget = summary::Budget::default();
    let csv = [csv_log(10_000_000, 100_000), csv_log(1_000_000, 100_000)];
    for (log, key) in csv.iter().zip(["10m", "1m"]) {
        summary::emit(&format!("log.csv.{key}.events"), read_csv_only(log) as f64, "events");
        summary::emit(&format!("log.csv.{key}.bytes"), log.len() as f64, "bytes");
    }
    for (timing, key) in summary::interleaved_over(budget, &csv, |log| read_csv_only(log)).iter().zip(["10m", "1m"]) {
        timing.emit(&format!("log.csv.read.{key}"));
    }
    for (timing, key) in summary::interleaved_over(budget, &csv, |log| csv_stats(log)).iter().zip(["10m", "1m"]) {
        timing.emit(&format!("log.csv.stats.{key}"));
    }
    drop(csv);
    let xes = [xes_log(1_000_000), xes_log(100_000)];
    for (log, key) in xes.iter().zip(["1m", "100k"]) {
        summary::emit(&format!("log.xes.{key}.events"), read_xes_only(log) as f64, "events");
        summary::emit(&format!("log.xes.{key}.bytes"), log.len() as f64, "bytes");
    }
    for (timing, key) in summary::interleaved_over(budget, &xes, |log| read_xes_only(log)).iter().zip(["1m", "100k"]) {
        timing.emit(&format!("log.xes.read.{key}"));
    }
    for (timing, key) in summary::interleaved_over(budget, &xes, |log| xes_stats(log)).iter().zip(["1m", "100k"]) {
        timing.emit(&format!("log.xes.stats.{key}"));
    }
    drop(xes);
    for (cases, key) in [(100, "few"), (500_000, "many")] {
        let log = csv_log(2_000_000, cases);
        let (_, peak) = Counting::peak_of(|| csv_stats(&log));
        summary::emit(&format!("log.heap.{key}.events"), 2_000_000.0, "events");
        summary::emit(&format!("log.heap.{key}.cases"), cases as f64, "cases");
        summary::emit(&format!("log.heap.{key}.peak"), peak as f64, "bytes");
    }
}

fn csv_1m() -> &'static [u8] {
    static LOG: OnceLock<Vec<u8>> = OnceLock::new();
    LOG.get_or_init(|| csv_log(1_000_000, 100_000))
}

fn xes_1m() -> &'static [u8] {
    static LOG: OnceLock<Vec<u8>> = OnceLock::new();
    LOG.get_or_init(|| xes_log(1_000_000))
}

#[divan::bench]
fn csv_read(bencher: divan::Bencher) {
    let log = csv_1m();
    bencher.counter(divan::counter::ItemsCount::new(1_000_000usize)).bench(|| read_csv_only(log));
}

#[divan::bench]
fn csv_read_into_stats(bencher: divan::Bencher) {
    let log = csv_1m();
    bencher.counter(divan::counter::ItemsCount::new(1_000_000usize)).bench(|| csv_stats(log));
}

#[divan::bench]
fn xes_read(bencher: divan::Bencher) {
    let log = xes_1m();
    bencher.counter(divan::counter::ItemsCount::new(1_000_000usize)).bench(|| read_xes_only(log));
}

#[divan::bench]
fn xes_read_into_stats(bencher: divan::Bencher) {
    let log = xes_1m();
    bencher.counter(divan::counter::ItemsCount::new(1_000_000usize)).bench(|| xes_stats(log));
}
